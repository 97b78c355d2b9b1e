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
//
// It is a page: it tells the root where to go, and draws the request from
// the requestText the root gives it when it opens.
type review struct {
	requestPane                // what will be sent: a component
	rq          *requestText   // the request's text, kept across reviews
	problems    viewport.Model // the problem list, scrolled to the chosen one
	cursor      int
	gen         int // the pane shows the request of this change,
	reveal      bool
	width       int // with secrets shown or not, at this width
}

func newReview(m *Model) *review {
	r := &review{requestPane: requestPane{vp: viewport.New(80, 10)}, rq: &m.request, problems: viewport.New(80, 3), gen: -1}
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

// refresh gives the pane the request in its view, after a change, a
// switch of view or of the secrets' masking, or a new width.
func (r *review) refresh(ses *Session, width int) {
	if r.gen == ses.gen && r.reveal == r.rq.reveal && r.width == width && !r.switched {
		return
	}
	r.gen, r.reveal, r.width, r.switched = ses.gen, r.rq.reveal, width, false
	if r.decoded {
		r.SetText(r.rq.decodedFor(ses, width))
	} else {
		r.SetText(r.rq.previewFor(ses, r.aliyun, width))
	}
	if r.cursor >= len(ses.problems) {
		r.cursor = max(len(ses.problems)-1, 0)
	}
}

// requestText is the request the review shows, as text, kept from one
// review to the next: it is encoded again only after a change, a switch of
// the secrets' masking (reveal) or of the width.
type requestText struct {
	reveal  bool   // secrets shown
	region  string // added to the aliyun command
	theme   *Theme
	preview previewCache
	decoded previewCache // the readable view
	wire    wireCache    // the request's parameters
}

// previewFor is the request as the review shows it now (see requestText.previewFor).
func (m *Model) previewFor(aliyun bool, width int) (content, wrapped string) {
	return m.request.previewFor(m.Session, aliyun, width)
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

// wireCache keeps the request's parameters of the last change, for the
// exact view and the readable one.
type wireCache struct {
	gen    int
	reveal bool
	params []model.WireParam
}

// wireFor is the request's parameters, encoded once per change.
func (rq *requestText) wireFor(s *Session) []model.WireParam {
	c := &rq.wire
	if c.params == nil || c.gen != s.gen || c.reveal != rq.reveal {
		*c = wireCache{gen: s.gen, reveal: rq.reveal, params: s.t.Wire(rq.reveal)}
	}
	return c.params
}

// previewFor is the request exactly as preview prints it, or as an aliyun
// command, and the same laid out at width.
func (rq *requestText) previewFor(s *Session, aliyun bool, width int) (content, wrapped string) {
	c := &rq.preview
	if c.content != "" && c.gen == s.gen && c.reveal == rq.reveal && c.aliyun == aliyun && c.width == width {
		return c.content, c.wrapped
	}
	if aliyun {
		content = s.t.AliyunCommand(rq.reveal, rq.region)
	} else {
		content = string(model.WireJSON(rq.wireFor(s))) // PreviewText, from the kept parameters
	}
	// Shown with any control character escaped (the JSON encoder escapes
	// them already; the aliyun command must not carry one raw either).
	// A token is never broken onto a second line: the command breaks
	// between arguments, and a line still too wide is cut at the edge,
	// marked (p prints it whole).
	if aliyun {
		wrapped = commandWrap(visibleLines(content), width)
	} else {
		wrapped = cutLines(visibleLines(content), width)
	}
	*c = previewCache{gen: s.gen, reveal: rq.reveal, aliyun: aliyun, width: width, content: content, wrapped: wrapped}
	return c.content, c.wrapped
}

// decodedFor is the readable view at width, kept until the template, the
// secrets' masking or the width change, so that switching views back and
// forth decodes nothing again. It decodes the parameters the exact view
// shows (wireFor), not a second encoding of the template.
func (rq *requestText) decodedFor(s *Session, width int) (content, wrapped string) {
	c := &rq.decoded
	if c.content != "" && c.gen == s.gen && c.reveal == rq.reveal && c.width == width {
		return c.content, c.wrapped
	}
	content = decodedView(rq.wireFor(s), rq.theme, width)
	*c = previewCache{gen: s.gen, reveal: rq.reveal, width: width, content: content, wrapped: cellWrap(content, width)}
	return c.content, c.wrapped
}

func (r *review) update(c common, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k, problems := c.Keys, c.Session.problems
	switch {
	case key.Matches(km, k.Back):
		c.tell(toStep{-1})
	case key.Matches(km, k.ItemUp):
		if r.cursor > 0 {
			r.cursor--
		}
	case key.Matches(km, k.ItemDown):
		if r.cursor < len(problems)-1 {
			r.cursor++
		}
	case key.Matches(km, k.PageDown, k.PageUp, k.Home, k.End, k.Aliyun, k.Decoded):
		r.requestPane.SetCommon(c)
		r.requestPane.Update(km)
	case key.Matches(km, k.Jump):
		if len(problems) == 0 {
			return nil
		}
		c.tell(fixProblem{problems[r.cursor]})
	case key.Matches(km, k.Reveal):
		r.rq.reveal = !r.rq.reveal
	case key.Matches(km, k.Print):
		return printForCopy(r.copyText(c.Session))
	case key.Matches(km, k.Save):
		c.tell(openSave{})
	case key.Matches(km, k.Submit):
		c.tell(submitMsg{})
	case key.Matches(km, k.StepKeys):
		n, _ := strconv.Atoi(km.String())
		c.tell(toStep{n - 1})
	}
	return nil
}

// fix jumps to the field of a problem. The value of a key that is no
// parameter moves to the parameter it is a typo of when it can (Replica to
// Replicas); otherwise the key is dropped, and the message says its value.
func (m *Model) fix(p model.Problem) tea.Cmd {
	// The typed path's parameter: a key like "my.key" is one name.
	if _, known := model.Lookup(p.Param()); isLoadProblem(m.t, p) && !known {
		key := p.Param()
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

// helpKeys is the review's key map; keys that do nothing now are off.
func (r *review) helpKeys(c common) help.KeyMap {
	k, ses := c.Keys, c.Session
	r.requestPane.SetCommon(c)
	rk := r.requestPane.keyMap() // the pane's keys, and the review's own
	rk.Move = as(k.Move, "choose problem")
	rk.Jump, rk.Submit, rk.Save, rk.StepKeys = k.Jump, k.Submit, k.Save, k.StepKeys
	rk.Reveal = pick(r.rq.reveal, as(k.Reveal, "mask secrets"), k.Reveal)
	rk.Back = as(k.Back, "back to the steps")
	rk.global, rk.width = k.ShortHelp(), c.Width
	rk.Move.SetEnabled(len(ses.problems) > 0)
	rk.Jump.SetEnabled(len(ses.problems) > 0)
	rk.Submit.SetEnabled(ses.submitter != nil)
	rk.Reveal.SetEnabled(ses.t.OssAkSecret != "")
	return rk
}

// copyText is what the review shows, unbroken: the request as preview
// prints it, the aliyun command, or the readable view.
func (r *review) copyText(ses *Session) string {
	if r.decoded {
		r.refresh(ses, r.width)
		return r.content
	}
	content, _ := r.rq.previewFor(ses, r.aliyun, r.width)
	return model.VisibleLines(content)
}

func (r *review) view(c common) string {
	s, width, height, ses := c.Theme, c.Width, c.Height, c.Session
	r.refresh(ses, width)
	problems := ses.problems
	var out []string
	errs, warns := len(problems.Errors()), len(problems.Warnings())
	taken := c.Account.nameTakenWarning() // account.go: a job of that name exists
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
		rows := min(len(problems), max(3, height/3))
		lines := make([]string, len(problems))
		for i, p := range problems {
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
		if len(problems) > rows {
			out = append(out, s.Dim.Render(fmt.Sprintf("  (%d of %d, ↑/↓ for more)", r.cursor+1, len(problems))))
		}
		// The chosen problem in full when its line had to be cut.
		if p := problems[r.cursor]; lipgloss.Width(p.Field+": "+p.Message) > width-5 {
			full := copyableLines(model.Visible(p.Message), width-4, "")
			if len(full) > 3 {
				full = append(full[:2], truncate(strings.Join(full[2:], " "), width-4))
			}
			for _, l := range full {
				out = append(out, "    "+s.Dim.Render(l))
			}
		}
	}
	r.secrets = ""
	if ses.t.OssAkSecret != "" {
		r.secrets = pick(r.rq.reveal, s.Warning.Render(" (secrets shown)"), s.Dim.Render(" (secrets masked)"))
	}
	c.Height = max(height-len(out), 4)
	r.requestPane.SetCommon(c)
	return strings.Join(out, "\n") + "\n" + r.requestPane.View()
}

// requestPane shows what will be sent, scrolled in a viewport, in one of
// three views: the exact bytes (`saejob preview --format json`), the same
// decoded to read (v), or the aliyun CLI command (c). A component: its
// screen gives it the text of its view (SetText) and gives it again when
// it reports a switch.
type requestPane struct {
	c        common
	vp       viewport.Model
	aliyun   bool
	decoded  bool
	switched bool   // the view changed: the screen gives the new text
	secrets  string // said after the title: secrets shown or masked
	content  string
	wrapped  string
	broken   bool // a line is wider than the screen: it shows broken
	cut      bool // a line is cut at the edge (cutMark)
}

// SetCommon gives the component its size, theme and keys.
func (p *requestPane) SetCommon(c common) { p.c = c }

// SetText is the text of the pane's view, and the same laid out at its
// width.
func (p *requestPane) SetText(content, wrapped string) {
	p.content, p.wrapped = content, wrapped
	p.broken = strings.Count(wrapped, "\n") > strings.Count(strings.TrimSuffix(content, "\n"), "\n")+1
	p.cut = strings.Contains(wrapped, cutMark+"\n")
	p.vp.SetContent(wrapped)
}

// Init starts nothing.
func (p *requestPane) Init() tea.Cmd { return nil }

// Update scrolls and switches the view.
func (p *requestPane) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	k := p.c.Keys
	switch {
	case key.Matches(km, k.PageDown):
		p.vp.PageDown()
	case key.Matches(km, k.PageUp):
		p.vp.PageUp()
	case key.Matches(km, k.Home):
		p.vp.GotoTop()
	case key.Matches(km, k.End):
		p.vp.GotoBottom()
	case key.Matches(km, k.Aliyun):
		p.aliyun, p.decoded, p.switched = !p.aliyun || p.decoded, false, true
		p.vp.GotoTop()
	case key.Matches(km, k.Decoded):
		p.decoded, p.aliyun, p.switched = !p.decoded, false, true
		p.vp.GotoTop()
	}
	return p, nil
}

// View draws the title, the text and a line on scrolling and copying.
func (p *requestPane) View() string {
	s, width := p.c.Theme, p.c.Width
	title := "What will be sent — the same as saejob preview --format json"
	switch {
	case p.aliyun:
		title = "The same request as an aliyun CLI command"
	case p.decoded:
		title = "What will be sent, decoded to read — v shows the exact bytes"
	}
	p.vp.Width = width
	p.vp.Height = max(p.c.Height-2, 2)
	var more []string
	if !p.vp.AtBottom() || p.vp.YOffset > 0 {
		more = append(more, fmt.Sprintf("%d%% · pgup/pgdn scroll", int(p.vp.ScrollPercent()*100)))
	}
	switch {
	case p.cut:
		// A line is cut at the edge (→): say how to see and copy it.
		more = append(more, "→ cut at the edge: p prints it whole to copy")
	case p.broken:
		// A command broken between its arguments: say how to copy it.
		more = append(more, "p prints it unbroken to copy")
	}
	return truncateANSI(s.Title.Render(title)+p.secrets, width) + "\n" + p.vp.View() + "\n" + s.Dim.Render(truncate(strings.Join(more, " · "), width))
}

// ShortHelp is the pane's keys: switch views, scroll, print.
func (p *requestPane) ShortHelp() []key.Binding {
	k := p.keyMap()
	return fitShort([]key.Binding{k.Decoded, k.Aliyun, k.Scroll, k.Print}, p.c.Keys.ShortHelp(), p.c.Width)
}

// FullHelp is the pane's keys in one column.
func (p *requestPane) FullHelp() [][]key.Binding {
	k := p.keyMap()
	return [][]key.Binding{{k.Decoded, k.Aliyun, k.Scroll, k.Print}, p.c.Keys.ShortHelp()}
}

// keyMap is the pane's part of the review's key map.
func (p *requestPane) keyMap() reviewKeys {
	k := p.c.Keys
	return reviewKeys{
		Decoded: pick(p.decoded, as(k.Decoded, "exact bytes"), k.Decoded),
		Aliyun:  pick(p.aliyun, as(k.Aliyun, "JSON view"), k.Aliyun),
		Scroll:  k.Scroll,
		Print:   k.Print,
	}
}

// PreviewText is what the review shows: the request exactly as
// `saejob preview --format json` prints it.
func PreviewText(t *model.Template, showSecrets bool) string {
	return string(t.PreviewJSON(showSecrets))
}
