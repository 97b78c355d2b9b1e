package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"
)

// step is one page of the wizard: a few fields, shown as they apply.
type step struct {
	name   string
	intro  string
	fields []*field
	focus  int // index into fields

	// problem assignment, recomputed when the template's gen changes
	gen      int
	assigned map[*field]model.Problems
	orphans  model.Problems // problems of the step's parameters no field shows
	errors   int
	pending  map[*field]bool // required fields the user has not reached yet

	open bool // the "advanced" fold shows its fields
}

// assign gives each problem of the step to the field that answers for it
// most specifically.
func (st *step) assign(ss sessioner, params map[string]int, idx int) {
	ses := ss.session()
	if st.gen == ses.Shown() && st.assigned != nil {
		return
	}
	st.gen = ses.Shown()
	st.assigned = map[*field]model.Problems{}
	st.pending = map[*field]bool{}
	st.orphans = nil
	st.errors = 0
	for _, p := range ses.problems {
		if i, ok := params[p.Param()]; !ok || i != idx {
			continue
		}
		best := fieldFor(st.fields, p)
		if best != nil && ses.Pending(p) {
			// Not reached yet: marked required, not an error (the review
			// lists it).
			st.pending[best] = true
			continue
		}
		if p.Severity == model.Error {
			st.errors++
		}
		if best == nil {
			st.orphans = append(st.orphans, p)
			continue
		}
		st.assigned[best] = append(st.assigned[best], p)
	}
}

// shown reports whether a field is on screen: it applies to the template,
// or it holds a problem (a value set where it does not apply). A field
// under the closed fold shows only when it holds a value or a problem; the
// fold itself shows when any of its fields applies.
func (st *step) shown(ss sessioner, f *field) bool {
	ses := ss.session()
	if len(st.assigned[f]) > 0 {
		return true
	}
	switch {
	case f.kind == kindFold:
		return len(st.folded(ses)) > 0
	case f.advanced && !st.open:
		return f.visible(ses.t) && f.value(ses.t) != ""
	}
	return f.visible(ses.t)
}

// applies reports whether a field applies to the template or holds a
// problem, folded or not.
func (st *step) applies(ss sessioner, f *field) bool {
	ses := ss.session()
	return f.visible(ses.t) || len(st.assigned[f]) > 0
}

// stop reports whether a field takes the focus: it is shown, and is a tab
// stop or holds a problem to fix.
func (st *step) stop(ss sessioner, f *field) bool {
	ses := ss.session()
	return st.shown(ses, f) && (!f.noStop || len(st.assigned[f]) > 0)
}

// folded names the advanced fields that apply to the template.
func (st *step) folded(ss sessioner) []string {
	ses := ss.session()
	var out []string
	for _, f := range st.fields {
		if f.advanced && f.visible(ses.t) {
			out = append(out, f.label)
		}
	}
	return out
}

// foldLine draws the fold's row: what it holds and how to open it.
func (st *step) foldLine(c common, width int, focused bool) string {
	s := c.Theme
	marker, label := "  ", s.Label.Render("Advanced")
	if focused {
		marker, label = s.Selected.Render("› "), s.LabelOn.Render("Advanced")
	}
	arrow, hint := "▸ ", " · ctrl+o shows"
	if st.open {
		arrow, hint = "▾ ", " · ctrl+o hides"
	}
	names := truncate(strings.Join(st.folded(c.Session), ", "), max(width-28, 10))
	return marker + s.Dim.Render(arrow) + label + "  " + s.Dim.Render(names+hint)
}

// foldField is the row that shows or hides a step's advanced fields.
func foldField() *field {
	return &field{kind: kindFold, label: "Advanced", paths: []string{"\x00fold"},
		help:    "Rarely needed settings. One that holds a value or a problem is always shown.",
		keyHint: "ctrl+o shows or hides them.",
		get:     func(*model.Template) string { return "" },
		// It holds no value: code that walks every field may set it safely.
		set: func(*model.Template, string) error { return nil }}
}

// wizard is the screen of steps. It is a page: it edits the session's
// template through its fields and tells the root the rest.
type wizard struct {
	steps  []*step
	cur    int
	params map[string]int // parameter -> step
	offset int            // first body line shown
	going  bool           // ctrl+t was pressed: the next key names a step
}

func newWizard(ss sessioner) *wizard {
	w := &wizard{
		steps: []*step{
			basicsStep(),
			runtimeStep(),
			resourcesStep(),
			commandStep(),
			triggerStep(),
			storageStep(),
		},
		params: map[string]int{},
	}
	for i, st := range w.steps {
		for _, f := range st.fields {
			if f.kind == kindFold {
				continue
			}
			if _, ok := w.params[f.param]; !ok {
				w.params[f.param] = i
			}
		}
	}
	w.reloadWith(ss)
	return w
}

// reloadWith refreshes every text field from the template; one never
// focused yet is filled when it is.
func (w *wizard) reloadWith(ss sessioner) {
	ses := ss.session()
	for _, st := range w.steps {
		for _, f := range st.fields {
			if f.ready || f.area != nil || !f.isText() && f.kind != kindArea {
				f.load(ses.t)
			}
		}
	}
	w.enter(ses, w.cur)
}

// counts returns the number of errors per step.
func (w *wizard) counts(ss sessioner) []int {
	ses := ss.session()
	out := make([]int, len(w.steps))
	for i, st := range w.steps {
		st.assign(ses, w.params, i)
		out[i] = st.errors
	}
	return out
}

func (w *wizard) step() *step { return w.steps[w.cur] }

// enter switches to step i and focuses its first shown field (or the one
// it had).
func (w *wizard) enter(ss sessioner, i int) tea.Cmd {
	ses := ss.session()
	if i < 0 || i >= len(w.steps) {
		return nil
	}
	if w.cur < len(w.steps) {
		w.step().fields[w.step().focus].blur()
		if i != w.cur {
			ses.Visit(w.step().fields[w.step().focus].param) // left for another step
		}
	}
	w.cur = i
	w.offset = 0
	st := w.step()
	st.assign(ses, w.params, i)
	if !st.stop(ses, st.fields[st.focus]) {
		st.focus = w.nextShown(ses, -1, 1)
	}
	return w.focusField(ses, st.focus)
}

func (w *wizard) focusField(ss sessioner, i int) tea.Cmd {
	ses := ss.session()
	st := w.step()
	st.fields[st.focus].blur()
	if st.focus != i {
		ses.Visit(st.fields[st.focus].param)
	}
	st.focus = i
	f := st.fields[i]
	if f.isText() && (!f.ready || f.local == "" && f.input.Value() != f.get(ses.t)) ||
		f.kind == kindArea && f.local == "" && (f.area == nil || f.area.Value() != f.value(ses.t)) {
		f.load(ses.t)
	}
	return f.focus()
}

// nextShown returns the next shown field that takes the focus after from
// in direction dir, or from when there is none.
func (w *wizard) nextShown(ss sessioner, from, dir int) int {
	ses := ss.session()
	st := w.step()
	for i := from + dir; i >= 0 && i < len(st.fields); i += dir {
		if st.stop(ses, st.fields[i]) {
			return i
		}
	}
	if from < 0 {
		return 0
	}
	return from
}

func (w *wizard) update(c common, msg tea.Msg) tea.Cmd {
	if em, ok := msg.(editorDoneMsg); ok {
		c.tell(em) // the root puts the edited text in its field
		return nil
	}
	ses := c.Session
	st := w.step()
	st.assign(ses, w.params, w.cur)
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := c.Keys
	f := st.fields[st.focus]
	if w.going {
		return w.goStep(c, km)
	}
	if c.Account.takesKey(f, km) {
		c.tell(accountKeyMsg{f, km})
		return nil
	}
	switch {
	case key.Matches(km, k.Review):
		c.tell(openReviewMsg{})
		return nil
	case key.Matches(km, keyGoStep):
		w.going = true
		c.tell(flashed(false, "Go to step: press 1-%d, or r for the review", len(w.steps)))
		return nil
	case key.Matches(km, k.NextStep):
		return w.move(c, 1)
	case key.Matches(km, k.PrevStep):
		return w.move(c, -1)
	case f.scrolls(km):
		// up and down move inside a text of several lines first
	case key.Matches(km, k.Next), key.Matches(km, k.Enter):
		n := w.nextShown(ses, st.focus, 1)
		if n == st.focus {
			return w.move(c, 1)
		}
		return w.focusField(ses, n)
	case key.Matches(km, k.Prev):
		n := w.nextShown(ses, st.focus, -1)
		if n == st.focus && w.cur > 0 {
			cmd := w.move(c, -1)
			ps := w.step()
			return tea.Batch(cmd, w.focusField(ses, w.lastShown(ses, ps)))
		}
		return w.focusField(ses, n)
	case key.Matches(km, keyOpen):
		return w.open(c, f)
	case f.kind == kindFold && (key.Matches(km, k.Toggle) || key.Matches(km, k.Left) || key.Matches(km, k.Right)):
		return w.open(c, f)
	case key.Matches(km, k.Back):
		c.tell(flashed(false, "ctrl+p goes back a step, ctrl+r shows the review, ctrl+c quits (your draft is kept)"))
		return nil
	case f.kind == kindList && km.Type == tea.KeyRunes:
		return w.typeIntoList(c, f, km)
	}
	changed, cmd := f.handle(c, km)
	if changed {
		c.tell(appliedMsg{f})
	}
	return cmd
}

// open is the one key that opens a choice: a list's editor, the picker of
// a choice or of a text's suggestions, or the step's advanced fold.
func (w *wizard) open(c common, f *field) tea.Cmd {
	switch {
	case f.kind == kindList:
		c.tell(pushScreen{newListScreen(f)})
	case f.kind == kindSelect, f.kind == kindText && f.options != nil:
		c.tell(pushScreen{newPicker(c.Session, f)})
	case f.kind == kindFold:
		st := w.step()
		st.open = !st.open
		if st.open {
			c.tell(flashed(false, "Showing %s", strings.Join(st.folded(c.Session), ", ")))
		}
	default:
		c.tell(flashed(false, "%s has no list to choose from: type its value", f.label))
	}
	return nil
}

// goStep takes the key after ctrl+t: a step's number, or r for the review.
func (w *wizard) goStep(c common, km tea.KeyMsg) tea.Cmd {
	w.going = false
	c.tell(flashMsg{}) // the "Go to step" hint is answered
	s := km.String()
	switch {
	case len(s) == 1 && s[0] >= '1' && int(s[0]-'1') < len(w.steps):
		return w.enter(c.Session, int(s[0]-'1'))
	case s == "r" || s == "R":
		c.tell(openReviewMsg{})
		return nil
	case key.Matches(km, c.Keys.Back):
		return nil
	}
	c.tell(flashed(false, "No step %q: ctrl+t then 1-%d goes to a step, r to the review", s, len(w.steps)))
	return nil
}

// typeIntoList starts a new item of a list field with the text typed, in
// its first text field.
func (w *wizard) typeIntoList(c common, f *field, km tea.KeyMsg) tea.Cmd {
	ls := newListScreen(f)
	c.tell(pushScreen{ls})
	if ls.rawMode(c.Session.t) {
		// The file's text that did not load: the typing goes into it.
		return ls.update(c, km)
	}
	return ls.typeNew(c, km)
}

func (w *wizard) lastShown(ss sessioner, st *step) int {
	ses := ss.session()
	for i := len(st.fields) - 1; i >= 0; i-- {
		if st.stop(ses, st.fields[i]) {
			return i
		}
	}
	return 0
}

// move goes to the next or previous step; past the last one is the review.
func (w *wizard) move(c common, dir int) tea.Cmd {
	n := w.cur + dir
	if n >= len(w.steps) {
		c.tell(openReviewMsg{})
		return nil
	}
	if n < 0 {
		return nil
	}
	return w.enter(c.Session, n)
}

// withKeyHelp is b shown as keys with desc.
func withKeyHelp(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}

// bindings come in order of need: the short help drops them from the end
// when the terminal is narrow (f1 and quit always show).
func (w *wizard) helpKeys(c common) help.KeyMap {
	k := c.Keys
	st := w.step()
	f := st.fields[st.focus]
	var b []key.Binding
	switch f.kind {
	case kindSelect:
		b = append(b, as(k.Left, "change"), as(keyOpen, "list"))
	case kindMulti:
		b = append(b, k.Left, k.Toggle)
	case kindList:
		if _, raw := f.rawText(c.Session.t); raw {
			b = append(b, as(keyOpen, "edit as text"))
		} else {
			b = append(b, as(keyOpen, "edit list"))
		}
	case kindSecret:
		b = append(b, k.SecretEnv)
	case kindText:
		if f.options != nil {
			b = append(b, as(keyOpen, "list"))
		}
	case kindArea:
		b = append(b, keyEditor, keyNewline)
	case kindFold:
		b = append(b, as(keyOpen, pick(st.open, "hide", "show")))
	}
	// The step keys right after the field's own: they must never be cut.
	b = append(b, keySteps)
	b = append(b, c.Account.bindings(f)...)
	b = append(b, as(keyNextOnly, "next"))
	if c.ShowAll {
		b = append(b, k.Prev, withKeyHelp(k.NextStep, "ctrl+n/pgdn", "next step"), withKeyHelp(k.PrevStep, "ctrl+p/pgup", "previous step"), keyGoStep)
	}
	return viewKeys{keys: append(b, k.Review), global: k.ShortHelp(), width: c.Width}
}

func (w *wizard) view(c common) string {
	s, width, height, ses := c.Theme, c.Width, c.Height, c.Session
	st := w.step()
	st.assign(ses, w.params, w.cur)
	var head []string
	title := fmt.Sprintf("Step %d of %d · %s", w.cur+1, len(w.steps), st.name)
	count := s.OK.Render("no problems")
	if st.errors > 0 {
		count = s.Error.Render(plural(st.errors, "problem"))
	}
	head = append(head, s.Title.Render(title)+s.Dim.Render(" — ")+count)
	for _, l := range wrap(st.intro, width-2) {
		head = append(head, s.Dim.Render(l))
	}
	var body []string
	focusTop, focusBottom := 0, 0
	for i, f := range st.fields {
		if !st.shown(ses, f) {
			continue
		}
		if i == st.focus {
			focusTop = len(body)
		}
		if f.kind == kindFold {
			body = append(body, st.foldLine(c, width, i == st.focus))
		} else {
			lines := f.view(c, width, i == st.focus, st.assigned[f])
			if st.pending[f] {
				lines[0] += s.Dim.Render(" · required")
			}
			body = append(body, lines...)
		}
		if i == st.focus {
			focusBottom = len(body)
		}
	}
	for _, p := range st.orphans {
		body = append(body, problemLines(s, p, width, "")...)
	}
	avail := height - len(head)
	if avail < 3 {
		avail = 3
	}
	// Scroll so that the focused field is whole on screen.
	if focusBottom-w.offset > avail {
		w.offset = focusBottom - avail
	}
	if focusTop < w.offset {
		w.offset = focusTop
	}
	if w.offset > len(body)-avail {
		w.offset = max(len(body)-avail, 0)
	}
	end := min(w.offset+avail, len(body))
	visible := body[w.offset:end]
	if w.offset > 0 && len(visible) > 0 {
		visible[0] = s.Dim.Render(fmt.Sprintf("  ↑ %d more lines", w.offset+1))
	}
	if end < len(body) && len(visible) > 0 {
		visible[len(visible)-1] = s.Dim.Render(fmt.Sprintf("  ↓ %d more lines", len(body)-end+1))
	}
	return strings.Join(append(head, visible...), "\n")
}

// jump opens the field a problem points at (problem field path like
// "Envs[2].name"); false when no field answers for it.
func (m *Model) jump(problemField string) (tea.Cmd, bool) {
	w := m.wizard
	idx, ok := w.params[model.FieldParam(problemField)]
	if !ok {
		return nil, false
	}
	m.toWizard()
	m.Visit(model.FieldParam(problemField))
	cmd := w.enter(m, idx)
	st := w.step()
	st.assign(m, w.params, idx)
	best := bestField(st.fields, problemField)
	if best < 0 {
		return cmd, true
	}
	cmd = tea.Batch(cmd, w.focusField(m, best))
	f := st.fields[best]
	if f.kind == kindList {
		if i, sub, ok := listIndex(problemField, f.list.prefix()); ok {
			ls := newListScreen(f)
			ls.cursor = i
			m.push(ls)
			if i < f.list.count(m.t) {
				is := newItemScreen(m.Session, f.list, i)
				is.focusPath(sub)
				m.push(is)
				cmd = tea.Batch(cmd, is.focusCmd())
			}
		}
	}
	return cmd, true
}

// listIndex reads the item index of a problem field inside a list field:
// "Envs[2].name" -> 2, "Envs[2].name".
func listIndex(problemField, prefix string) (int, string, bool) {
	rest, ok := strings.CutPrefix(problemField, prefix+"[")
	if !ok {
		return 0, "", false
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return 0, "", false
	}
	i, err := strconv.Atoi(rest[:end])
	if err != nil {
		return 0, "", false
	}
	return i, problemField, true
}
