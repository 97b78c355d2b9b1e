package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/saejob/saejob/model"
)

// listSpec describes a list parameter edited item by item.
type listSpec struct {
	param string
	// path is the problem field the list answers for (default param);
	// itemPrefix is what its items' problem fields start with, before
	// "[i]" (default param).
	path       string
	itemPrefix string
	title      string
	noun       string
	intro      string
	count      func(t *model.Template) int
	line       func(t *model.Template, i int) string
	add        func(t *model.Template)
	// remove takes item i out and returns how to put it back.
	remove func(t *model.Template, i int) (undo func())
	blank  func(t *model.Template, i int) bool
	// item returns the fields of item i (their paths are absolute, like
	// "Envs[2].name").
	item func(i int) []*field
}

// summary is the list in one line: the count and the first items.
func (l *listSpec) summary(t *model.Template) string {
	n := l.count(t)
	if n == 0 {
		return ""
	}
	var names []string
	for i := 0; i < n && i < 3; i++ {
		names = append(names, l.line(t, i))
	}
	s := plural(n, l.noun) + ": " + strings.Join(names, ", ")
	if n > 3 {
		s += ", …"
	}
	return s
}

func (l *listSpec) prefix() string {
	if l.itemPrefix != "" {
		return l.itemPrefix
	}
	return l.param
}

// listField is a wizard field that opens a list editor.
func listField(l *listSpec) *field {
	path := l.path
	if path == "" {
		path = l.param
	}
	return &field{
		kind:  kindList,
		param: l.param,
		paths: []string{path},
		label: l.param,
		help:  docOf(l.param),
		list:  l,
		get:   func(t *model.Template) string { return l.summary(t) },
	}
}

// listScreen shows a list's items; add, edit, remove.
type listScreen struct {
	f      *field
	l      *listSpec
	cursor int
	offset int
	undo   func()
	// per-item problem counts, recomputed when the template changes
	gen    int
	counts map[int]int
	total  int
	whole  model.Problems // problems of the list as a whole
	// raw edits the file's text of a list the template could not load.
	raw *textinput.Model
	// opened is the item addItem opened last.
	opened *itemScreen
}

// rawMode reports whether the list is the file's text that did not load;
// it readies the text input the first time.
func (ls *listScreen) rawMode(t *model.Template) bool {
	text, ok := ls.f.rawText(t)
	if !ok {
		ls.raw = nil
		return false
	}
	if ls.raw == nil {
		in := textinput.New()
		in.Prompt = ""
		in.Cursor.SetMode(cursor.CursorStatic)
		in.SetValue(text)
		in.CursorEnd()
		in.Focus()
		ls.raw = &in
	}
	return true
}

// applyRaw sets the list from the text typed; true when it loaded.
func (ls *listScreen) applyRaw(c common) bool {
	t := c.Session.t
	if text, _ := ls.f.rawText(t); text == ls.raw.Value() {
		return false
	}
	t.SetRawText(ls.l.param, ls.raw.Value())
	c.changed()
	if _, still := ls.f.rawText(t); still {
		return false
	}
	ls.raw = nil
	c.tell(flashed(false, "%s read: %s", ls.l.param, pick(ls.l.count(t) == 0, "empty", ls.l.summary(t))))
	return true
}

func (ls *listScreen) updateRaw(c common, km tea.KeyMsg) tea.Cmd {
	k := c.Keys
	switch {
	case key.Matches(km, k.Back):
		ls.applyRaw(c)
		c.tell(popScreen{})
		return nil
	case key.Matches(km, k.Enter):
		ls.applyRaw(c)
		return nil
	case key.Matches(km, k.FreshList):
		c.Session.t.DropRaw(ls.l.param)
		ls.raw = nil
		c.tell(flashed(false, "Started a fresh list: the text as written is gone"))
		c.changed()
		return nil
	}
	var cmd tea.Cmd
	*ls.raw, cmd = ls.raw.Update(km)
	return cmd
}

func (ls *listScreen) viewRaw(c common) string {
	s, width := c.Theme, c.Width
	ls.tally(c.Session)
	out := []string{s.Title.Render(ls.l.title+" ("+ls.l.param+")") + s.Dim.Render(" — as written in the file")}
	for _, l := range wrap("The file's text for "+ls.l.param+" could not be read as a list, so it is kept as written. "+
		"Fix the text (JSON) and press enter, or press ctrl+l to start a fresh list instead.", width-2) {
		out = append(out, s.Dim.Render(l))
	}
	for _, p := range ls.whole {
		out = append(out, problemLines(s, p, width, "")...)
	}
	ls.raw.Width = max(width-4, 10)
	ls.raw.PlaceholderStyle = s.Dim
	return strings.Join(append(out, "", "  "+ls.raw.View()), "\n")
}

func newListScreen(f *field) *listScreen {
	return &listScreen{f: f, l: f.list, gen: -1}
}

func (ls *listScreen) tally(ses *Session) {
	if ls.gen == ses.gen {
		return
	}
	ls.gen = ses.gen
	ls.counts = map[int]int{}
	ls.total = 0
	ls.whole = nil
	for _, p := range ses.problems {
		if ls.f.matchLen(p.Field) < 0 {
			continue
		}
		ls.total++
		if i, _, ok := listIndex(p.Field, ls.l.prefix()); ok {
			ls.counts[i]++
		} else {
			ls.whole = append(ls.whole, p)
		}
	}
}

func (ls *listScreen) update(c common, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	t := c.Session.t
	if ls.rawMode(t) {
		return ls.updateRaw(c, km)
	}
	k := c.Keys
	n := ls.l.count(t)
	// The list can shrink under the cursor (an item added and left blank
	// goes away when its screen closes): the cursor is always on an item.
	ls.cursor = max(min(ls.cursor, n-1), 0)
	switch {
	case key.Matches(km, k.Back):
		c.tell(popScreen{})
		return nil
	case key.Matches(km, k.Up):
		if ls.cursor > 0 {
			ls.cursor--
		}
	case key.Matches(km, k.Down):
		if ls.cursor < n-1 {
			ls.cursor++
		}
	case key.Matches(km, k.PageUp):
		ls.cursor = max(ls.cursor-10, 0)
	case key.Matches(km, k.PageDown):
		ls.cursor = max(min(ls.cursor+10, n-1), 0)
	case key.Matches(km, k.Home):
		ls.cursor = 0
	case key.Matches(km, k.End):
		ls.cursor = max(n-1, 0)
	case key.Matches(km, k.Add):
		return ls.addItem(c)
	case key.Matches(km, k.Edit), key.Matches(km, keyOpen):
		if n == 0 {
			return nil
		}
		is := newItemScreen(c.Session, ls.l, ls.cursor)
		c.tell(pushScreen{is})
		return is.focusCmd()
	case key.Matches(km, k.Remove):
		if n == 0 {
			return nil
		}
		what := ls.l.line(t, ls.cursor)
		ls.undo = ls.l.remove(t, ls.cursor)
		c.Session.touch(ls.l.param)
		if ls.cursor >= ls.l.count(t) && ls.cursor > 0 {
			ls.cursor--
		}
		c.tell(flashed(false, "Removed %s — u puts it back", truncate(what, 40)))
		c.changed()
	case key.Matches(km, k.Undo):
		if ls.undo != nil {
			ls.undo()
			ls.undo = nil
			c.tell(flashed(false, "Put back"))
			c.changed()
		}
	case km.Type == tea.KeyRunes && !km.Alt:
		// Typing starts a new item with the text typed, as on the step.
		return ls.typeNew(c, km)
	}
	return nil
}

// typeNew starts a new item with the text typed, in its first text field.
func (ls *listScreen) typeNew(c common, km tea.KeyMsg) tea.Cmd {
	cmd := ls.addItem(c) // tells the root to open the new item
	is := ls.opened
	for i, g := range is.fields {
		if g.visible(c.Session.t) && g.isText() {
			cmd = tea.Batch(cmd, is.setFocus(i))
			break
		}
	}
	return tea.Batch(cmd, is.update(c, km))
}

// addItem adds a blank item at the end and opens it; closed untouched,
// it goes away again.
func (ls *listScreen) addItem(c common) tea.Cmd {
	t := c.Session.t
	ls.l.add(t)
	t.DropRaw(ls.l.param)
	c.Session.touch(ls.l.param)
	ls.cursor = ls.l.count(t) - 1
	c.changed()
	is := newItemScreen(c.Session, ls.l, ls.cursor)
	is.added = true
	ls.opened = is
	c.tell(pushScreen{is})
	return is.focusCmd()
}

func (ls *listScreen) helpKeys(c common) help.KeyMap {
	k := c.Keys
	v := viewKeys{global: k.ShortHelp(), width: c.Width}
	if ls.rawMode(c.Session.t) {
		v.keys = []key.Binding{as(k.Enter, "read the text"), k.FreshList, k.Done}
		return v
	}
	b := []key.Binding{k.Add}
	if ls.l.count(c.Session.t) > 0 {
		b = append(b, k.Edit, k.Remove, k.Move)
	}
	if ls.undo != nil {
		b = append(b, k.Undo)
	}
	v.keys = append(b, k.Done)
	return v
}

func (ls *listScreen) view(c common) string {
	t := c.Session.t
	if ls.rawMode(t) {
		return ls.viewRaw(c)
	}
	s, width, height := c.Theme, c.Width, c.Height
	ls.tally(c.Session)
	n := ls.l.count(t)
	ls.cursor = max(min(ls.cursor, n-1), 0)
	var out []string
	count := s.OK.Render("no problems")
	if ls.total > 0 {
		count = s.Error.Render(plural(ls.total, "problem"))
	}
	out = append(out, s.Title.Render(ls.l.title+" ("+ls.l.param+")")+s.Dim.Render(" — "+plural(n, ls.l.noun)+" — ")+count)
	for _, l := range wrap(ls.l.intro, width-2) {
		out = append(out, s.Dim.Render(l))
	}
	for _, p := range ls.whole {
		out = append(out, problemLines(s, p, width, "")...)
	}
	if n == 0 {
		out = append(out, "", s.Dim.Render("  No "+ls.l.noun+"s yet. Type, or press a, to add one."))
		return strings.Join(out, "\n")
	}
	avail := max(height-len(out), 1)
	if ls.cursor < ls.offset {
		ls.offset = ls.cursor
	}
	if ls.cursor >= ls.offset+avail {
		ls.offset = ls.cursor - avail + 1
	}
	end := min(ls.offset+avail, n)
	numW := len(fmt.Sprint(n))
	for i := ls.offset; i < end; i++ {
		mark := "  "
		if i == ls.cursor {
			mark = s.Selected.Render("› ")
		}
		line := fmt.Sprintf("%*d  %s", numW, i+1, ls.l.line(t, i))
		badge := ""
		if c := ls.counts[i]; c > 0 {
			badge = s.Error.Render("  ✗ " + plural(c, "problem"))
		}
		line = truncate(line, width-4-lipgloss.Width(stripANSIBadge(ls.counts[i])))
		if i == ls.cursor {
			line = s.Selected.Render(line)
		}
		out = append(out, mark+line+badge)
	}
	return strings.Join(out, "\n")
}

func stripANSIBadge(n int) string {
	if n == 0 {
		return ""
	}
	return "  ✗ " + plural(n, "problem")
}

// itemScreen edits one item of a list.
type itemScreen struct {
	l      *listSpec
	index  int
	fields []*field
	focus  int
	added  bool
}

func newItemScreen(ses *Session, l *listSpec, i int) *itemScreen {
	is := &itemScreen{l: l, index: i, fields: l.item(i)}
	for _, f := range is.fields {
		f.load(ses.t)
	}
	is.focus = is.nextShown(ses.t, -1, 1)
	return is
}

func (is *itemScreen) focusCmd() tea.Cmd { return is.fields[is.focus].focus() }

func (is *itemScreen) focusPath(path string) {
	best := bestField(is.fields, path)
	if best < 0 {
		best = is.focus
	}
	is.fields[is.focus].blur()
	is.focus = best
}

func (is *itemScreen) nextShown(t *model.Template, from, dir int) int {
	for i := from + dir; i >= 0 && i < len(is.fields); i += dir {
		if is.fields[i].visible(t) {
			return i
		}
	}
	if from < 0 {
		return 0
	}
	return from
}

func (is *itemScreen) setFocus(i int) tea.Cmd {
	is.fields[is.focus].blur()
	is.focus = i
	return is.fields[i].focus()
}

// close goes back to the list; an item added and left blank goes away.
func (is *itemScreen) close(c common) {
	t := c.Session.t
	if is.added && is.l.blank != nil && is.index < is.l.count(t) && is.l.blank(t, is.index) {
		is.l.remove(t, is.index)
		// Nothing changed in the end: no draft is due (quietChange).
		c.tell(flashed(false, "Nothing typed: the new %s was not added", is.l.noun), popScreen{}, quietChange{})
		return
	}
	c.tell(popScreen{})
}

func (is *itemScreen) update(c common, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k, t := c.Keys, c.Session.t
	f := is.fields[is.focus]
	if c.Account.takesKey(f, km) {
		c.tell(accountKeyMsg{f, km})
		return nil
	}
	switch {
	case key.Matches(km, k.Back):
		is.close(c)
		return nil
	case key.Matches(km, k.Next), key.Matches(km, k.Enter):
		n := is.nextShown(t, is.focus, 1)
		if n == is.focus {
			if key.Matches(km, k.Enter) {
				is.close(c)
			}
			return nil
		}
		return is.setFocus(n)
	case key.Matches(km, keyOpen) && (f.kind == kindSelect || f.kind == kindText && f.options != nil):
		c.tell(pushScreen{newPicker(c.Session, f)})
		return nil
	case key.Matches(km, k.Prev):
		return is.setFocus(is.nextShown(t, is.focus, -1))
	}
	changed, cmd := f.handle(c, km)
	if changed {
		c.Session.touch(f.param)
		c.changed()
	}
	return cmd
}

func (is *itemScreen) helpKeys(c common) help.KeyMap {
	k := c.Keys
	var b []key.Binding
	if f := is.fields[is.focus]; f.kind == kindSelect {
		b = append(b, as(k.Left, "change"), as(keyOpen, "list"))
	}
	b = append(b, c.Account.bindings(is.fields[is.focus])...)
	b = append(b, as(keyNextOnly, "next"), as(k.Back, "back to the list"))
	if c.ShowAll {
		b = append(b, k.Prev)
	}
	return viewKeys{keys: b, global: k.ShortHelp(), width: c.Width}
}

func (is *itemScreen) view(c common) string {
	s, width, t := c.Theme, c.Width, c.Session.t
	var out []string
	out = append(out, s.Title.Render(fmt.Sprintf("%s · %s %d of %d", is.l.title, is.l.noun, is.index+1, is.l.count(t))))
	// Assign the item's problems to its fields, most specific first.
	assigned := map[*field]model.Problems{}
	var orphans model.Problems
	prefix := fmt.Sprintf("%s[%d]", is.l.prefix(), is.index)
	for _, p := range c.Session.problems {
		if p.Field != prefix && !strings.HasPrefix(p.Field, prefix+".") && !strings.HasPrefix(p.Field, prefix+"[") {
			continue
		}
		if best := fieldFor(is.fields, p); best == nil {
			orphans = append(orphans, p)
		} else {
			assigned[best] = append(assigned[best], p)
		}
	}
	for _, p := range orphans {
		out = append(out, problemLines(s, p, width, "")...)
	}
	for i, f := range is.fields {
		if !f.visible(t) {
			continue
		}
		out = append(out, f.view(c, width, i == is.focus, assigned[f])...)
	}
	return strings.Join(out, "\n")
}

// changedQuiet records a change without a status message, and writes no
// draft for it (nor for the changes just before it).
func (m *Model) changedQuiet() { _ = m.changed() }

// stringList is a list of plain strings (arguments, IPs, lines).
func stringList(param, title, noun, intro, itemLabel, itemHelp string,
	get func(t *model.Template) []string, set func(t *model.Template, v []string), sub string) *listSpec {
	return &listSpec{
		param:      param,
		itemPrefix: param + sub,
		title:      title,
		noun:       noun,
		intro:      intro,
		count:      func(t *model.Template) int { return len(get(t)) },
		line:       func(t *model.Template, i int) string { return fmt.Sprintf("%q", get(t)[i]) },
		add:        func(t *model.Template) { set(t, append(get(t), "")) },
		remove: func(t *model.Template, i int) func() {
			v := get(t)
			old := v[i]
			nv := append(append([]string(nil), v[:i]...), v[i+1:]...)
			set(t, nv)
			return func() {
				cur := get(t)
				at := min(i, len(cur))
				set(t, append(append(append([]string(nil), cur[:at]...), old), cur[at:]...))
			}
		},
		blank: func(t *model.Template, i int) bool { return get(t)[i] == "" },
		item: func(i int) []*field {
			return []*field{{
				kind:  kindText,
				param: param,
				paths: []string{fmt.Sprintf("%s%s[%d]", param, sub, i)},
				label: itemLabel,
				help:  itemHelp,
				get: func(t *model.Template) string {
					v := get(t)
					if i < len(v) {
						return v[i]
					}
					return ""
				},
				set: func(t *model.Template, s string) error {
					v := get(t)
					if i < len(v) {
						v[i] = s
						// Through set: a list may be stored as one text (PhpConfig).
						set(t, v)
					}
					return nil
				},
			}}
		},
	}
}
