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
// or it holds a problem (a value set where it does not apply).
func (st *step) shown(m *Model, f *field) bool {
	return f.visible(m.t) || len(st.assigned[f]) > 0
}

// wizard is the screen of steps.
type wizard struct {
	steps  []*step
	cur    int
	params map[string]int // parameter -> step
	offset int            // first body line shown
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
			if _, ok := w.params[f.param]; !ok {
				w.params[f.param] = i
			}
		}
	}
	w.reloadWith(m)
	return w
}

// reloadWith refreshes every text field from the template.
func (w *wizard) reloadWith(m *Model) {
	for _, st := range w.steps {
		for _, f := range st.fields {
			f.load(m.t)
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
	if !st.shown(m, st.fields[st.focus]) {
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
	if f.isText() && f.local == "" && f.input.Value() != f.get(m.t) {
		f.load(m.t)
	}
	return f.focus()
}

// nextShown returns the next shown field after from in direction dir, or
// from when there is none.
func (w *wizard) nextShown(m *Model, from, dir int) int {
	st := w.step()
	for i := from + dir; i >= 0 && i < len(st.fields); i += dir {
		if st.shown(m, st.fields[i]) {
			return i
		}
	}
	if from < 0 {
		return 0
	}
	return from
}

func (w *wizard) update(m *Model, msg tea.Msg) tea.Cmd {
	st := w.step()
	st.assign(m, w.params, w.cur)
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := m.keys
	f := st.fields[st.focus]
	if cmd, ok := m.accountKey(f, km); ok {
		return cmd
	}
	switch {
	case key.Matches(km, k.Review):
		return m.openReview()
	case key.Matches(km, k.NextStep):
		return w.move(m, 1)
	case key.Matches(km, k.PrevStep):
		return w.move(m, -1)
	case key.Matches(km, k.Next):
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
	case key.Matches(km, k.Enter):
		switch f.kind {
		case kindList:
			m.push(newListScreen(m, f))
			return nil
		case kindSelect:
			opts, _ := f.choices(m.t)
			if len(opts) > 4 {
				m.push(newPicker(m, f))
				return nil
			}
		case kindText:
			if f.options != nil {
				m.push(newPicker(m, f))
				return nil
			}
		}
		n := w.nextShown(m, st.focus, 1)
		if n == st.focus {
			return w.move(m, 1)
		}
		return w.focusField(m, n)
	case key.Matches(km, k.Back):
		m.flash("pgup goes back a step, ctrl+r shows the review, ctrl+c quits (your draft is kept)")
		return nil
	}
	changed, cmd := f.handle(m, km)
	if changed {
		return tea.Batch(cmd, m.apply(f))
	}
	return cmd
}

func (w *wizard) lastShown(m *Model, st *step) int {
	for i := len(st.fields) - 1; i >= 0; i-- {
		if st.shown(m, st.fields[i]) {
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

func (w *wizard) bindings(m *Model) []key.Binding {
	k := m.keys
	st := w.step()
	f := st.fields[st.focus]
	b := []key.Binding{k.Next}
	if m.help.ShowAll {
		b = append(b, k.Prev)
	}
	switch f.kind {
	case kindSelect:
		b = append(b, k.Left)
		if opts, _ := f.choices(m.t); len(opts) > 4 {
			b = append(b, as(k.Enter, "list"))
		}
	case kindMulti:
		b = append(b, k.Left, k.Toggle)
	case kindList:
		b = append(b, as(k.Enter, "edit list"))
	case kindSecret:
		b = append(b, k.SecretEnv)
	case kindText:
		if f.options != nil {
			b = append(b, as(k.Enter, "list"))
		}
	}
	b = append(b, m.accountBindings(f)...)
	if m.help.ShowAll {
		return append(b, k.NextStep, k.PrevStep, k.Review)
	}
	return append(b, k.NextStep, k.Review)
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
		lines := f.view(m, width, i == st.focus, st.assigned[f])
		if st.pending[f] {
			lines[0] += s.Dim.Render(" · required")
		}
		body = append(body, lines...)
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

func intsToStrings(n []int) []string {
	out := make([]string, len(n))
	for i, v := range n {
		out[i] = fmt.Sprint(v)
	}
	return out
}
