package ui

import (
	"fmt"
	"strconv"
	"strings"

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
func (st *step) assign(m *Model, params map[string]int, idx int) {
	if st.gen == m.Shown() && st.assigned != nil {
		return
	}
	st.gen = m.Shown()
	st.assigned = map[*field]model.Problems{}
	st.pending = map[*field]bool{}
	st.orphans = nil
	st.errors = 0
	for _, p := range m.problems {
		if i, ok := params[p.Param()]; !ok || i != idx {
			continue
		}
		var best *field
		bestLen := -1
		for _, f := range st.fields {
			if n := f.matchLen(p.Field); n > bestLen {
				best, bestLen = f, n
			}
		}
		if best != nil && m.Pending(p) {
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
func (st *step) shown(m *Model, f *field) bool {
	if len(st.assigned[f]) > 0 {
		return true
	}
	switch {
	case f.kind == kindFold:
		return len(st.folded(m)) > 0
	case f.advanced && !st.open:
		return f.visible(m.t) && f.value(m.t) != ""
	}
	return f.visible(m.t)
}

// applies reports whether a field applies to the template or holds a
// problem, folded or not.
func (st *step) applies(m *Model, f *field) bool {
	return f.visible(m.t) || len(st.assigned[f]) > 0
}

// stop reports whether a field takes the focus: it is shown, and is a tab
// stop or holds a problem to fix.
func (st *step) stop(m *Model, f *field) bool {
	return st.shown(m, f) && (!f.noStop || len(st.assigned[f]) > 0)
}

// folded names the advanced fields that apply to the template.
func (st *step) folded(m *Model) []string {
	var out []string
	for _, f := range st.fields {
		if f.advanced && f.visible(m.t) {
			out = append(out, f.label)
		}
	}
	return out
}

// foldLine draws the fold's row: what it holds and how to open it.
func (st *step) foldLine(m *Model, width int, focused bool) string {
	s := m.styles
	marker, label := "  ", s.Label.Render("Advanced")
	if focused {
		marker, label = s.Selected.Render("› "), s.LabelOn.Render("Advanced")
	}
	arrow, hint := "▸ ", " · ctrl+o shows"
	if st.open {
		arrow, hint = "▾ ", " · ctrl+o hides"
	}
	names := truncate(strings.Join(st.folded(m), ", "), max(width-28, 10))
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

// wizard is the screen of steps.
type wizard struct {
	steps  []*step
	cur    int
	params map[string]int // parameter -> step
	offset int            // first body line shown
	going  bool           // ctrl+t was pressed: the next key names a step
}

func newWizard(m *Model) *wizard {
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
	w.reloadWith(m)
	return w
}

// reloadWith refreshes every text field from the template; one never
// focused yet is filled when it is.
func (w *wizard) reloadWith(m *Model) {
	for _, st := range w.steps {
		for _, f := range st.fields {
			if f.ready || f.area != nil || !f.isText() && f.kind != kindArea {
				f.load(m.t)
			}
		}
	}
	w.enter(m, w.cur)
}

// counts returns the number of errors per step.
func (w *wizard) counts(m *Model) []int {
	out := make([]int, len(w.steps))
	for i, st := range w.steps {
		st.assign(m, w.params, i)
		out[i] = st.errors
	}
	return out
}

func (w *wizard) step() *step { return w.steps[w.cur] }

// enter switches to step i and focuses its first shown field (or the one
// it had).
func (w *wizard) enter(m *Model, i int) tea.Cmd {
	if i < 0 || i >= len(w.steps) {
		return nil
	}
	if w.cur < len(w.steps) {
		w.step().fields[w.step().focus].blur()
		if i != w.cur {
			m.Visit(w.step().fields[w.step().focus].param) // left for another step
		}
	}
	w.cur = i
	w.offset = 0
	st := w.step()
	st.assign(m, w.params, i)
	if !st.stop(m, st.fields[st.focus]) {
		st.focus = w.nextShown(m, -1, 1)
	}
	return w.focusField(m, st.focus)
}

func (w *wizard) focusField(m *Model, i int) tea.Cmd {
	st := w.step()
	st.fields[st.focus].blur()
	if st.focus != i {
		m.Visit(st.fields[st.focus].param)
	}
	st.focus = i
	f := st.fields[i]
	if f.isText() && (!f.ready || f.local == "" && f.input.Value() != f.get(m.t)) ||
		f.kind == kindArea && f.local == "" && (f.area == nil || f.area.Value() != f.value(m.t)) {
		f.load(m.t)
	}
	return f.focus()
}

// nextShown returns the next shown field that takes the focus after from
// in direction dir, or from when there is none.
func (w *wizard) nextShown(m *Model, from, dir int) int {
	st := w.step()
	for i := from + dir; i >= 0 && i < len(st.fields); i += dir {
		if st.stop(m, st.fields[i]) {
			return i
		}
	}
	if from < 0 {
		return 0
	}
	return from
}

func (w *wizard) update(m *Model, msg tea.Msg) tea.Cmd {
	if em, ok := msg.(editorDoneMsg); ok {
		return m.editorDone(em)
	}
	st := w.step()
	st.assign(m, w.params, w.cur)
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := m.keys
	f := st.fields[st.focus]
	if w.going {
		return w.goStep(m, km)
	}
	if cmd, ok := m.accountKey(f, km); ok {
		return cmd
	}
	switch {
	case key.Matches(km, k.Review):
		return m.openReview()
	case key.Matches(km, keyGoStep):
		w.going = true
		m.flash("Go to step: press 1-%d, or r for the review", len(w.steps))
		return nil
	case key.Matches(km, k.NextStep):
		return w.move(m, 1)
	case key.Matches(km, k.PrevStep):
		return w.move(m, -1)
	case f.scrolls(km):
		// up and down move inside a text of several lines first
	case key.Matches(km, k.Next), key.Matches(km, k.Enter):
		n := w.nextShown(m, st.focus, 1)
		if n == st.focus {
			return w.move(m, 1)
		}
		return w.focusField(m, n)
	case key.Matches(km, k.Prev):
		n := w.nextShown(m, st.focus, -1)
		if n == st.focus && w.cur > 0 {
			cmd := w.move(m, -1)
			ps := w.step()
			return tea.Batch(cmd, w.focusField(m, w.lastShown(m, ps)))
		}
		return w.focusField(m, n)
	case key.Matches(km, keyOpen):
		return w.open(m, f)
	case f.kind == kindFold && (key.Matches(km, k.Toggle) || key.Matches(km, k.Left) || key.Matches(km, k.Right)):
		return w.open(m, f)
	case key.Matches(km, k.Back):
		m.flash("ctrl+p goes back a step, ctrl+r shows the review, ctrl+c quits (your draft is kept)")
		return nil
	case f.kind == kindList && km.Type == tea.KeyRunes:
		return w.typeIntoList(m, f, km)
	}
	changed, cmd := f.handle(m, km)
	if changed {
		return tea.Batch(cmd, m.apply(f))
	}
	return cmd
}

// open is the one key that opens a choice: a list's editor, the picker of
// a choice or of a text's suggestions, or the step's advanced fold.
func (w *wizard) open(m *Model, f *field) tea.Cmd {
	switch {
	case f.kind == kindList:
		m.push(newListScreen(m, f))
	case f.kind == kindSelect, f.kind == kindText && f.options != nil:
		m.push(newPicker(m, f))
	case f.kind == kindFold:
		st := w.step()
		st.open = !st.open
		if st.open {
			m.flash("Showing %s", strings.Join(st.folded(m), ", "))
		}
	default:
		m.flash("%s has no list to choose from: type its value", f.label)
	}
	return nil
}

// goStep takes the key after ctrl+t: a step's number, or r for the review.
func (w *wizard) goStep(m *Model, km tea.KeyMsg) tea.Cmd {
	w.going = false
	m.status = ""
	s := km.String()
	switch {
	case len(s) == 1 && s[0] >= '1' && int(s[0]-'1') < len(w.steps):
		return w.enter(m, int(s[0]-'1'))
	case s == "r" || s == "R":
		return m.openReview()
	case key.Matches(km, m.keys.Back):
		return nil
	}
	m.flash("No step %q: ctrl+t then 1-%d goes to a step, r to the review", s, len(w.steps))
	return nil
}

// typeIntoList starts a new item of a list field with the text typed, in
// its first text field.
func (w *wizard) typeIntoList(m *Model, f *field, km tea.KeyMsg) tea.Cmd {
	ls := newListScreen(m, f)
	m.push(ls)
	if ls.rawMode(m) {
		// The file's text that did not load: the typing goes into it.
		return ls.update(m, km)
	}
	cmd := ls.addItem(m)
	is, ok := m.top().(*itemScreen)
	if !ok {
		return cmd
	}
	for i, g := range is.fields {
		if g.visible(m.t) && g.isText() {
			cmd = tea.Batch(cmd, is.setFocus(i))
			break
		}
	}
	return tea.Batch(cmd, is.update(m, km))
}

func (w *wizard) lastShown(m *Model, st *step) int {
	for i := len(st.fields) - 1; i >= 0; i-- {
		if st.stop(m, st.fields[i]) {
			return i
		}
	}
	return 0
}

// move goes to the next or previous step; past the last one is the review.
func (w *wizard) move(m *Model, dir int) tea.Cmd {
	n := w.cur + dir
	if n >= len(w.steps) {
		return m.openReview()
	}
	if n < 0 {
		return nil
	}
	return w.enter(m, n)
}

// withKeyHelp is b shown as keys with desc.
func withKeyHelp(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}

// bindings come in order of need: the short help drops them from the end
// when the terminal is narrow (f1 and quit always show).
func (w *wizard) bindings(m *Model) []key.Binding {
	k := m.keys
	st := w.step()
	f := st.fields[st.focus]
	var b []key.Binding
	switch f.kind {
	case kindSelect:
		b = append(b, as(k.Left, "change"), as(keyOpen, "list"))
	case kindMulti:
		b = append(b, k.Left, k.Toggle)
	case kindList:
		b = append(b, as(keyOpen, "edit list"))
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
	b = append(b, m.accountBindings(f)...)
	b = append(b, as(keyNextOnly, "next"))
	if m.help.ShowAll {
		b = append(b, k.Prev, withKeyHelp(k.NextStep, "ctrl+n/pgdn", "next step"), withKeyHelp(k.PrevStep, "ctrl+p/pgup", "previous step"), keyGoStep)
	}
	return append(b, k.Review)
}

func (w *wizard) view(m *Model, width, height int) string {
	s := m.styles
	st := w.step()
	st.assign(m, w.params, w.cur)
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
		if !st.shown(m, f) {
			continue
		}
		if i == st.focus {
			focusTop = len(body)
		}
		if f.kind == kindFold {
			body = append(body, st.foldLine(m, width, i == st.focus))
		} else {
			lines := f.view(m, width, i == st.focus, st.assigned[f])
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
	best, bestLen := -1, -1
	for i, f := range st.fields {
		if n := f.matchLen(problemField); n > bestLen && (st.shown(m, f) || n >= 0) {
			best, bestLen = i, n
		}
	}
	if best < 0 {
		return cmd, true
	}
	cmd = tea.Batch(cmd, w.focusField(m, best))
	f := st.fields[best]
	if f.kind == kindList {
		if i, sub, ok := listIndex(problemField, f.list.prefix()); ok {
			ls := newListScreen(m, f)
			ls.cursor = i
			m.push(ls)
			if i < f.list.count(m.t) {
				is := newItemScreen(m, f.list, i)
				is.focusPath(m, sub)
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
