package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/saejob/saejob/model"
)

// review shows every problem (choose one to jump to its field) and what
// will be sent: exactly, as `saejob preview --format json` prints it; or
// decoded, readable (v switches); or as an aliyun CLI command (c).
type review struct {
	vp       viewport.Model // what will be sent
	problems viewport.Model // the problem list, scrolled to the chosen one
	cursor   int
	aliyun   bool
	decoded  bool
	gen      int
	reveal   bool
	width    int
	content  string
	wrapped  string
	broken   bool // a line is wider than the screen: it shows broken
}

func newReview(m *Model) *review {
	r := &review{vp: viewport.New(80, 10), problems: viewport.New(80, 3), gen: -1}
	r.vp.KeyMap = viewport.KeyMap{} // keys are handled here
	r.problems.KeyMap = viewport.KeyMap{}
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
	if r.decoded {
		r.content, r.wrapped = m.decodedFor(width)
	} else {
		r.content, r.wrapped = m.previewFor(r.aliyun, width)
	}
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

// decodedFor is the readable view at width, kept until the template, the
// secrets' masking or the width change, so that switching views back and
// forth decodes nothing again. It decodes the request preview prints
// (cached too), not a second encoding of the template.
func (m *Model) decodedFor(width int) (content, wrapped string) {
	c := &m.decoded
	if c.content != "" && c.gen == m.gen && c.reveal == m.showSecrets && c.width == width {
		return c.content, c.wrapped
	}
	preview, _ := m.previewFor(false, width)
	content = decodedView(previewParams(preview), m.styles, width)
	*c = previewCache{gen: m.gen, reveal: m.showSecrets, width: width, content: content, wrapped: cellWrap(content, width)}
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
		r.aliyun = !r.aliyun || r.decoded
		r.decoded = false
		r.gen = -1
		r.vp.GotoTop()
	case key.Matches(km, k.Decoded):
		r.decoded = !r.decoded
		r.aliyun = false
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
	return r.helpKeys(m).ShortHelp()
}

// helpKeys is the review's key map; keys that do nothing now are off.
func (r *review) helpKeys(m *Model) help.KeyMap {
	k := m.keys
	rk := reviewKeys{
		Move:     as(k.Move, "choose problem"),
		Jump:     k.Jump,
		Submit:   k.Submit,
		Save:     k.Save,
		Decoded:  pick(r.decoded, as(k.Decoded, "exact bytes"), k.Decoded),
		Aliyun:   pick(r.aliyun, as(k.Aliyun, "JSON view"), k.Aliyun),
		Scroll:   k.Scroll,
		Reveal:   pick(m.showSecrets, as(k.Reveal, "mask secrets"), k.Reveal),
		Print:    k.Print,
		StepKeys: k.StepKeys,
		Back:     as(k.Back, "back to the steps"),
		global:   k.ShortHelp(),
		width:    m.width,
	}
	rk.Move.SetEnabled(len(m.problems) > 0)
	rk.Jump.SetEnabled(len(m.problems) > 0)
	rk.Submit.SetEnabled(m.opts.Submitter != nil)
	rk.Reveal.SetEnabled(m.t.OssAkSecret != "")
	return rk
}

// copyText is what the review shows, unbroken: the request as preview
// prints it, the aliyun command, or the readable view.
func (r *review) copyText(m *Model) string {
	if r.decoded {
		r.refresh(m, r.width)
		return r.content
	}
	content, _ := m.previewFor(r.aliyun, r.width)
	return model.VisibleLines(content)
}

func (r *review) view(m *Model, width, height int) string {
	s := m.styles
	r.refresh(m, width)
	var out []string
	errs, warns := len(m.problems.Errors()), len(m.problems.Warnings())
	switch {
	case errs == 0 && warns == 0:
		out = append(out, s.OK.Render("✓ No problems: SAE should accept this job template."))
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
		rows := min(len(m.problems), max(3, height/3))
		lines := make([]string, len(m.problems))
		for i, p := range m.problems {
			mark, st := "✗", s.Error
			if p.Severity == model.Warning {
				mark, st = "!", s.Warning
			}
			text := truncate(model.Visible(p.Field+": "+p.Message), width-5)
			if i == r.cursor {
				lines[i] = s.Selected.Render("› ") + st.Render(mark+" ") + s.Selected.Render(text)
			} else {
				lines[i] = "  " + st.Render(mark+" ") + text
			}
		}
		// Scrolled so that the chosen problem shows: enter acts on it.
		r.problems.Width, r.problems.Height = width, rows
		r.problems.SetContent(strings.Join(lines, "\n"))
		keepInView(&r.problems, r.cursor, r.cursor+1)
		out = append(out, strings.Split(r.problems.View(), "\n")...)
		if len(m.problems) > rows {
			out = append(out, s.Dim.Render(fmt.Sprintf("  (%d of %d, ↑/↓ for more)", r.cursor+1, len(m.problems))))
		}
		// The chosen problem in full when its line had to be cut.
		if p := m.problems[r.cursor]; lipgloss.Width(p.Field+": "+p.Message) > width-5 {
			full := copyableLines(model.Visible(p.Message), width-4, "")
			if len(full) > 3 {
				full = append(full[:2], truncate(strings.Join(full[2:], " "), width-4))
			}
			for _, l := range full {
				out = append(out, "    "+s.Dim.Render(l))
			}
		}
	}
	title := "What will be sent — the same as saejob preview --format json"
	switch {
	case r.aliyun:
		title = "The same request as an aliyun CLI command"
	case r.decoded:
		title = "What will be sent, decoded to read — v shows the exact bytes"
	}
	if m.t.OssAkSecret != "" {
		title += pick(m.showSecrets, s.Warning.Render(" (secrets shown)"), s.Dim.Render(" (secrets masked)"))
	}
	out = append(out, s.Title.Render(truncate(title, width)))
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
	return strings.Join(out, "\n") + "\n" + body + "\n" + s.Dim.Render(truncate(strings.Join(more, " · "), width))
}

// PreviewText is what the review shows: the request exactly as
// `saejob preview --format json` prints it.
func PreviewText(t *model.Template, showSecrets bool) string {
	return string(t.PreviewJSON(showSecrets))
}
