package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/saejob/saejob/model"
)

// review shows every problem (choose one to jump to its field) and exactly
// what will be sent, as `saejob preview --format json` prints it.
type review struct {
	vp      viewport.Model
	cursor  int
	offset  int
	aliyun  bool
	gen     int
	reveal  bool
	width   int
	content string
	wrapped string
	broken  bool // a line is wider than the screen: it shows broken
}

func newReview(m *Model) *review {
	r := &review{vp: viewport.New(80, 10), gen: -1}
	r.vp.KeyMap = viewport.KeyMap{} // keys are handled here
	return r
}

// openReview shows the review on top of the steps.
func (m *Model) openReview() tea.Cmd {
	m.wizard.step().fields[m.wizard.step().focus].blur()
	m.toWizard()
	m.push(newReview(m))
	return nil
}

func (r *review) refresh(m *Model, width int) {
	if r.gen == m.gen && r.reveal == m.showSecrets && r.width == width {
		return
	}
	r.gen, r.reveal, r.width = m.gen, m.showSecrets, width
	r.content, r.wrapped = m.previewFor(r.aliyun, width)
	r.broken = strings.Count(r.wrapped, "\n") > strings.Count(strings.TrimSuffix(r.content, "\n"), "\n")+1
	r.vp.SetContent(r.wrapped)
	if r.cursor >= len(m.problems) {
		r.cursor = max(len(m.problems)-1, 0)
	}
}

// previewCache keeps the last encoded request, so that going back and
// forth between a step and the review encodes it only after a change.
type previewCache struct {
	gen     int
	reveal  bool
	aliyun  bool
	width   int
	content string
	wrapped string
}

func (m *Model) previewFor(aliyun bool, width int) (content, wrapped string) {
	c := &m.preview
	if c.content != "" && c.gen == m.gen && c.reveal == m.showSecrets && c.aliyun == aliyun && c.width == width {
		return c.content, c.wrapped
	}
	if aliyun {
		content = m.t.AliyunCommand(m.showSecrets, m.opts.Region)
	} else {
		content = PreviewText(m.t, m.showSecrets)
	}
	// Shown with any control character escaped (the JSON encoder escapes
	// them already; the aliyun command must not carry one raw either), and
	// long values broken at the edge with nothing inserted inside them.
	if aliyun {
		wrapped = commandWrap(visibleLines(content), width)
	} else {
		wrapped = cellWrap(visibleLines(content), width)
	}
	*c = previewCache{gen: m.gen, reveal: m.showSecrets, aliyun: aliyun, width: width, content: content, wrapped: wrapped}
	return c.content, c.wrapped
}

func (r *review) update(m *Model, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := m.keys
	switch {
	case key.Matches(km, k.Back):
		m.toWizard()
		return m.wizard.enter(m, m.wizard.cur)
	case key.Matches(km, k.ItemUp):
		if r.cursor > 0 {
			r.cursor--
		}
	case key.Matches(km, k.ItemDown):
		if r.cursor < len(m.problems)-1 {
			r.cursor++
		}
	case key.Matches(km, k.PageDown):
		r.vp.PageDown()
	case key.Matches(km, k.PageUp):
		r.vp.PageUp()
	case key.Matches(km, k.Home):
		r.vp.GotoTop()
	case key.Matches(km, k.End):
		r.vp.GotoBottom()
	case key.Matches(km, k.Jump):
		if len(m.problems) == 0 {
			return nil
		}
		p := m.problems[r.cursor]
		return m.fix(p)
	case key.Matches(km, k.Reveal):
		m.showSecrets = !m.showSecrets
	case key.Matches(km, k.Aliyun):
		r.aliyun = !r.aliyun
		r.gen = -1
		r.vp.GotoTop()
	case key.Matches(km, k.Print):
		return printForCopy(r.copyText(m))
	case key.Matches(km, k.Save):
		m.push(newSaveScreen(m))
		return m.top().(*saveScreen).input.Focus()
	case key.Matches(km, k.Submit):
		return m.startSubmit()
	case key.Matches(km, k.StepKeys):
		n, _ := strconv.Atoi(km.String())
		m.toWizard()
		return m.wizard.enter(m, n-1)
	case key.Matches(km, k.Review):
		return nil
	}
	return nil
}

// fix jumps to the field of a problem. The value of a key that is no
// parameter moves to the parameter it is a typo of when it can (Replica to
// Replicas); otherwise the key is dropped, and the message says its value.
func (m *Model) fix(p model.Problem) tea.Cmd {
	if _, known := model.Lookup(model.FieldParam(p.Field)); isLoadProblem(m.t, p) && !known {
		key := model.FieldParam(p.Field)
		s := model.Suggest(key, model.ParamNames())
		if s != "" && m.t.MoveRaw(key, s) {
			cmd := m.changed()
			jc, _ := m.jump(s)
			m.flash("Moved %s's value to %s; check it here", model.Visible(key), s)
			return tea.Batch(cmd, jc)
		}
		was, _ := m.t.RawText(key)
		m.t.DropRaw(key)
		m.t.LoadProblems = removeProblem(m.t.LoadProblems, p)
		cmd := m.changed()
		if s != "" {
			jc, _ := m.jump(s)
			m.flash("Dropped %s: %s (not a CreateJob parameter); set %s here instead", model.Visible(key), truncate(model.Visible(was), 20), s)
			return tea.Batch(cmd, jc)
		}
		m.flash("Dropped %s: %s (not a CreateJob parameter)", model.Visible(key), truncate(model.Visible(was), 20))
		return cmd
	}
	cmd, ok := m.jump(p.Field)
	if !ok {
		m.flashErr("No field for %s: %s", p.Field, p.Message)
		return cmd
	}
	m.flash("Fix it here; ctrl+r goes back to the review.")
	return cmd
}

func isLoadProblem(t *model.Template, p model.Problem) bool {
	for _, lp := range t.LoadProblems {
		if lp == p {
			return true
		}
	}
	return false
}

func removeProblem(ps model.Problems, p model.Problem) model.Problems {
	var out model.Problems
	for _, x := range ps {
		if x != p {
			out = append(out, x)
		}
	}
	return out
}

func (r *review) bindings(m *Model) []key.Binding {
	k := m.keys
	b := []key.Binding{}
	if len(m.problems) > 0 {
		b = append(b, as(k.Move, "choose problem"), k.Jump)
	}
	b = append(b, k.Scroll)
	if m.opts.Submitter != nil {
		b = append(b, k.Submit)
	}
	b = append(b, k.Save, pick(r.aliyun, as(k.Aliyun, "JSON view"), k.Aliyun))
	if m.t.OssAkSecret != "" {
		b = append(b, pick(m.showSecrets, as(k.Reveal, "mask secrets"), k.Reveal))
	}
	return append(b, k.Print, k.StepKeys, as(k.Back, "back to the steps"))
}

// copyText is what the review shows, unbroken: the request as preview
// prints it, or the aliyun command.
func (r *review) copyText(m *Model) string {
	content, _ := m.previewFor(r.aliyun, r.width)
	return model.VisibleLines(content)
}

func (r *review) view(m *Model, width, height int) string {
	s := m.styles
	r.refresh(m, width)
	var out []string
	errs, warns := len(m.problems.Errors()), len(m.problems.Warnings())
	taken := m.nameTakenWarning() // account.go: a job of that name exists
	switch {
	case errs == 0 && warns == 0 && taken == "":
		out = append(out, s.OK.Render("✓ No problems: SAE should accept this job template."))
	case errs == 0 && warns == 0:
		for _, l := range wrap("! "+taken, width-2) {
			out = append(out, s.Warning.Render(l))
		}
	default:
		head := ""
		if errs > 0 {
			head = s.Error.Render(plural(errs, "problem")+" to fix") + " before submitting"
		} else {
			head = s.OK.Render("✓ valid")
		}
		if warns > 0 {
			head += ", " + s.Warning.Render(plural(warns, "warning"))
		}
		out = append(out, head+s.Dim.Render(" — enter jumps to the field"))
		if taken != "" {
			for _, l := range wrap("! "+taken, width-4) {
				out = append(out, "  "+s.Warning.Render(l))
			}
		}
		rows := min(len(m.problems), max(3, height/3))
		if r.cursor < r.offset {
			r.offset = r.cursor
		}
		if r.cursor >= r.offset+rows {
			r.offset = r.cursor - rows + 1
		}
		for i := r.offset; i < r.offset+rows && i < len(m.problems); i++ {
			p := m.problems[i]
			mark, st := "✗", s.Error
			if p.Severity == model.Warning {
				mark, st = "!", s.Warning
			}
			text := truncateCells(model.Visible(p.Field+": "+p.Message), width-5)
			if i == r.cursor {
				out = append(out, s.Selected.Render("› ")+st.Render(mark+" ")+s.Selected.Render(text))
			} else {
				out = append(out, "  "+st.Render(mark+" ")+text)
			}
		}
		if len(m.problems) > rows {
			out = append(out, s.Dim.Render(fmt.Sprintf("  (%d of %d, ↑/↓ for more)", r.cursor+1, len(m.problems))))
		}
		// The chosen problem in full when its line had to be cut.
		if p := m.problems[r.cursor]; lipgloss.Width(p.Field+": "+p.Message) > width-5 {
			full := copyableLines(model.Visible(p.Message), width-4, "")
			if len(full) > 3 {
				full = append(full[:2], truncateCells(strings.Join(full[2:], " "), width-4))
			}
			for _, l := range full {
				out = append(out, "    "+s.Dim.Render(l))
			}
		}
	}
	title := "What will be sent — the same as saejob preview --format json"
	if r.aliyun {
		title = "The same request as an aliyun CLI command"
	}
	if m.t.OssAkSecret != "" {
		title += pick(m.showSecrets, s.Warning.Render(" (secrets shown)"), s.Dim.Render(" (secrets masked)"))
	}
	out = append(out, s.Title.Render(truncateCells(title, width)))
	r.vp.Width = width
	r.vp.Height = max(height-len(out)-1, 2)
	body := r.vp.View()
	var more []string
	if !r.vp.AtBottom() || r.vp.YOffset > 0 {
		more = append(more, fmt.Sprintf("%d%% · pgup/pgdn scroll", int(r.vp.ScrollPercent()*100)))
	}
	if r.broken {
		// Long values are broken at the edge here: say how to copy them.
		more = append(more, "p prints it unbroken to copy")
	}
	return strings.Join(out, "\n") + "\n" + body + "\n" + s.Dim.Render(truncateCells(strings.Join(more, " · "), width))
}

// PreviewText is what the review shows: the request exactly as
// `saejob preview --format json` prints it.
func PreviewText(t *model.Template, showSecrets bool) string {
	return string(t.PreviewJSON(showSecrets))
}
