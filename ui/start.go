package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/saejob/saejob/model"
)

// startMenu is the first screen: resume one of the drafts (newest first),
// start new, start from an example, or open a file (with a huh file
// picker, built when chosen). Its list and its picker are components; the
// screen acts on what they report.
type startMenu struct {
	startList
	open *openFileForm // picking a file; nil on the list
	err  string
}

type startItem struct {
	label string
	note  string
	do    func(m *Model) tea.Cmd
	draft *DraftEntry // set on a draft: d deletes it
}

func newStartMenu(m *Model) *startMenu {
	sm := &startMenu{startList: startList{list: viewport.New(0, 0), chosen: -1}}
	sm.list.KeyMap = viewport.KeyMap{} // keys are handled here
	m.loadStart(sm)
	return sm
}

// loadStart lists the drafts and the ways to start on the welcome screen:
// the root builds the items, since each says what the root does when it
// is chosen.
func (m *Model) loadStart(sm *startMenu) {
	sm.items = nil
	if m.opts.Drafts != nil {
		entries, err := m.opts.Drafts.List(m.draftToken)
		if err != nil {
			sm.err = err.Error()
		}
		for _, e := range entries {
			e := e
			sm.items = append(sm.items, draftItem(m, &e))
		}
	}
	sm.items = append(sm.items, startItem{
		label: "Start a new job template",
		note:  "step by step, from nothing",
		do: func(m *Model) tea.Cmd {
			m.startNew()
			m.stack = []screen{m.wizard}
			return m.wizard.enter(m, 0)
		},
	})
	for _, ex := range m.opts.Examples {
		ex := ex
		sm.items = append(sm.items, startItem{
			label: "Start from the example " + ex.Name,
			note:  ex.Title,
			do: func(m *Model) tea.Cmd {
				t, err := ex.Load()
				if err != nil {
					m.flashErr("%v", err)
					return nil
				}
				m.setTemplate(t)
				m.savedGen = -1 // nothing of it is saved anywhere yet
				m.stack = []screen{m.wizard}
				return m.wizard.enter(m, 0)
			},
		})
	}
	sm.items = append(sm.items, accountStartItems(m)...) // account.go
	sm.items = append(sm.items, startItem{
		label: "Open a template file…",
		note:  "review it, fix it, save it back",
		do: func(m *Model) tea.Cmd {
			sm.open = newOpenFileForm(m.common(m.width, m.height), filepath.Dir(m.path))
			sm.err = ""
			return nil
		},
	})
	sm.cursor = min(sm.cursor, len(sm.items)-1)
}

// draftItem offers one draft: its name, where it was left and when.
func draftItem(m *Model, e *DraftEntry) startItem {
	if e.Err != nil {
		return startItem{
			label: "Damaged draft " + e.Key,
			note:  e.Err.Error() + " (d deletes it)",
			do: func(m *Model) tea.Cmd {
				m.flashErr("%v", e.Err)
				return nil
			},
			draft: e,
		}
	}
	d := e.Draft
	where := "review"
	if d.Step >= 0 && d.Step < len(m.wizard.steps) {
		where = "step " + m.wizard.steps[d.Step].name
	}
	note := fmt.Sprintf("saved %s, %s", ago(m.opts.Now(), d.Saved), where)
	if d.Path != "" {
		note += ", editing " + d.Path
	}
	if e.Holder != 0 {
		note += fmt.Sprintf("; open in another saejob (pid %d): resuming makes a copy", e.Holder)
	}
	if len(d.SecretsLeftOut) > 0 {
		note += "; re-enter " + strings.Join(d.SecretsLeftOut, ", ")
	}
	return startItem{
		label: "Resume your draft: " + e.Name(),
		note:  note,
		do:    func(m *Model) tea.Cmd { return m.resume(*e) },
		draft: e,
	}
}

// resume continues a draft where it was left. A draft another live wizard
// has open is not taken from it: this session works on its own copy.
func (m *Model) resume(e DraftEntry) tea.Cmd {
	d := e.Draft
	m.ResumeDraft(e)
	m.wizard.reloadWith(m)
	m.stack = []screen{m.wizard}
	switch {
	case m.draftNote != "":
		m.flash("%s", m.draftNote)
	case len(d.SecretsLeftOut) > 0:
		m.flash("Resumed. Secrets are not kept in drafts: enter %s again (Storage step).", strings.Join(d.SecretsLeftOut, ", "))
	default:
		m.flash("Resumed your draft from %s.", ago(m.opts.Now(), d.Saved))
	}
	if d.Step < 0 {
		m.push(newReview(m))
		return nil
	}
	return m.wizard.enter(m, min(d.Step, len(m.wizard.steps)-1))
}

// deleteDraft deletes a draft the user chose to delete; one another live
// wizard has open is left to it.
func (m *Model) deleteDraft(e DraftEntry) error {
	if err := m.DeleteDraft(e); err != nil {
		return err
	}
	m.flash("Deleted the draft %s.", e.Name())
	return nil
}

// openFile loads a template file and shows its review.
func (m *Model) openFile(path string) error {
	t, err := model.Load(path)
	if err != nil {
		return err
	}
	m.setTemplate(t)
	m.path = path
	m.setSource(path) // a save under another name starts from its text
	m.stack = []screen{m.wizard}
	m.push(newReview(m))
	return nil
}

func ago(now, then time.Time) string {
	d := now.Sub(then)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	}
	return then.Format("2006-01-02 15:04")
}

func (sm *startMenu) update(c common, msg tea.Msg) tea.Cmd {
	if f, ok := msg.(openFailed); ok {
		// Stay in the picker, in the file's folder, with the reason.
		sm.err = f.err.Error()
		sm.open = newOpenFileForm(c, filepath.Dir(f.path))
		return nil
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		if _, size := msg.(tea.WindowSizeMsg); sm.open != nil && !size {
			// The picker reads a folder with a command: its answer.
			_, cmd := sm.open.Update(msg)
			return cmd
		}
		return nil
	}
	if sm.open != nil {
		sm.open.SetCommon(c)
		_, cmd := sm.open.Update(km)
		switch {
		case sm.open.cancelled:
			sm.open = nil
			sm.err = ""
			return nil
		case sm.open.path != "":
			c.tell(openFileMsg{sm.open.path})
			return nil
		}
		sm.err = ""
		return cmd
	}
	sm.startList.SetCommon(c)
	sm.startList.Update(km)
	if i := sm.chosen; i >= 0 {
		sm.chosen = -1
		c.tell(chose{sm.items[i].do})
		return nil
	}
	switch {
	case key.Matches(km, c.Keys.Remove) && sm.items[sm.cursor].draft != nil:
		c.tell(deleteDraftMsg{sm, *sm.items[sm.cursor].draft})
	}
	return nil
}

// askDeleteDraft asks before deleting a draft; once deleted, the welcome
// screen sm lists the drafts again.
func (m *Model) askDeleteDraft(sm *startMenu, e DraftEntry) {
	when := ""
	if e.Draft != nil {
		when = ", saved " + ago(m.opts.Now(), e.Draft.Saved)
	}
	m.push(&confirm{
		title:    "Delete the draft " + e.Name() + "?",
		question: "The draft " + e.Name() + when + " is deleted for good: its work is in no other file.",
		choices: []choice{
			{"y", "yes, delete it", func(m *Model) tea.Cmd {
				if err := m.deleteDraft(e); err != nil {
					m.flashErr("%v", err)
				}
				m.loadStart(sm)
				return nil
			}},
			{"n", "no, keep it", func(m *Model) tea.Cmd { return nil }},
		},
	})
}

func (sm *startMenu) helpKeys(c common) help.KeyMap {
	sm.startList.SetCommon(c)
	k := sm.startList.keyMap()
	if sm.open != nil {
		sm.open.SetCommon(c)
		k.Picker = sm.open.keys()
	}
	return k
}

func (sm *startMenu) view(c common) string {
	s, width, height := c.Theme, c.Width, c.Height
	out := []string{
		s.Title.Render("Welcome to saejob"),
		wrapJoin("This wizard builds an Alibaba Cloud SAE job template (the CreateJob API) step by step, checks it as you type, shows exactly what will be sent, and saves or submits it.", width),
		"",
	}
	var errLines []string
	if sm.err != "" {
		errLines = append(errLines, "")
		for _, l := range wrap(model.Visible(sm.err), width-4) {
			errLines = append(errLines, "  "+s.Error.Render(l))
		}
	}
	if sm.open != nil {
		c.Height = max(height-len(out)-len(errLines), 4)
		sm.open.SetCommon(c)
		out = append(out, sm.open.View())
		return strings.Join(append(out, errLines...), "\n")
	}
	c.Height = max(height-lipgloss.Height(strings.Join(out, "\n"))-len(errLines), 3)
	sm.startList.SetCommon(c)
	out = append(out, sm.startList.View())
	return strings.Join(append(out, errLines...), "\n")
}

// startList is the welcome screen's list of ways to start, drawn in a
// viewport that keeps the chosen item (and its note) on screen: enter must
// never act on an item the user cannot see. It reports the item chosen;
// the screen does it. It is not a huh.Select: huh's options carry no note
// (where a draft was left, what an example is), and d deletes the chosen
// draft in place.
type startList struct {
	c      common
	items  []startItem
	cursor int
	list   viewport.Model
	chosen int // the item enter chose, or -1
}

// SetCommon gives the component its size, theme and keys.
func (l *startList) SetCommon(c common) { l.c = c }

// Init starts nothing.
func (l *startList) Init() tea.Cmd { return nil }

// Update moves the cursor and reports the item enter chooses.
func (l *startList) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return l, nil
	}
	switch {
	case key.Matches(km, l.c.Keys.ItemUp):
		l.cursor = max(l.cursor-1, 0)
	case key.Matches(km, l.c.Keys.ItemDown):
		l.cursor = min(l.cursor+1, len(l.items)-1)
	case key.Matches(km, l.c.Keys.Choose):
		l.chosen = l.cursor
	}
	return l, nil
}

// View draws the items (labels, and notes when there are few, or for the
// chosen one) within the component's height, with "more" marks.
func (l *startList) View() string {
	s, width := l.c.Theme, l.c.Width
	var list []string
	curTop, curBottom := 0, 0
	for i, it := range l.items {
		if i == l.cursor {
			curTop = len(list)
			list = append(list, s.Selected.Render("› "+truncate(model.Visible(it.label), width-2)))
		} else {
			list = append(list, "  "+truncate(model.Visible(it.label), width-2))
		}
		if it.note != "" && (i == l.cursor || len(l.items) <= 6) {
			list = append(list, "    "+s.Dim.Render(truncate(model.Visible(it.note), width-6)))
		}
		if i == l.cursor {
			curBottom = len(list)
		}
	}
	l.list.Width, l.list.Height = width, l.c.Height
	l.list.SetContent(strings.Join(list, "\n"))
	keepInView(&l.list, curTop, curBottom)
	top, end := l.list.YOffset, min(l.list.YOffset+l.c.Height, len(list))
	visible := strings.Split(l.list.View(), "\n")[:end-top]
	if top > 0 && curTop > top {
		visible[0] = s.Dim.Render("  ↑ more")
	}
	if end < len(list) && curBottom < end {
		visible[len(visible)-1] = s.Dim.Render("  ↓ more")
	}
	return strings.Join(visible, "\n")
}

// ShortHelp is move, start (or resume) and, on a draft, delete.
func (l *startList) ShortHelp() []key.Binding { return l.keyMap().ShortHelp() }

// FullHelp is every key of the list.
func (l *startList) FullHelp() [][]key.Binding { return l.keyMap().FullHelp() }

func (l *startList) keyMap() startKeys {
	k := l.c.Keys
	draft := l.items[l.cursor].draft != nil
	sk := startKeys{
		Move:   as(k.Move, "choose"),
		Choose: as(k.Choose, pick(draft, "resume", "start")),
		Remove: as(k.Remove, "delete draft"),
		Back:   as(k.Back, "back"),
		global: k.ShortHelp(),
		width:  l.c.Width,
	}
	sk.Remove.SetEnabled(draft)
	return sk
}

func wrapJoin(text string, width int) string { return strings.Join(wrap(text, width), "\n") }

// openFileForm is "Open a template file…": a huh.FilePicker that lists
// the folders and files; only .yaml, .yml and .json files can be chosen
// (others show dimmed). Enter opens a folder or chooses a file; backspace
// goes up; esc goes back to the list.
type openFileForm struct {
	c         common
	dir       string
	form      *huh.Form
	field     *huh.FilePicker
	chosen    string
	path      string // the file chosen
	cancelled bool
	height    int // the picker was sized for
}

// templateTypes are the files a template can be read from.
var templateTypes = []string{".yaml", ".yml", ".json"}

func newOpenFileForm(c common, dir string) *openFileForm {
	if dir == "" {
		dir = "."
	}
	return &openFileForm{c: c, dir: dir}
}

// SetCommon gives the component its size, theme and keys.
func (f *openFileForm) SetCommon(c common) { f.c = c }

// build makes the picker when it first shows (reading a folder is not
// done before the screen asks for it), and sizes it to the screen. When a
// file goes away after its folder was read, bubbles' picker panics drawing
// it (its Info is nil): the folder is then read again.
func (f *openFileForm) build() {
	if f.form != nil {
		h := max(f.c.Height, 4)
		if h == f.height || guard(func() { f.form = f.form.WithHeight(h - 2) }) {
			f.height = h
			return
		}
		f.form = nil
	}
	for try := 0; try < 2 && f.form == nil; try++ {
		if !guard(f.newPicker) {
			f.form = nil
		}
	}
}

// newPicker makes the form of one file picker in f.dir.
func (f *openFileForm) newPicker() {
	f.height = max(f.c.Height, 4)
	// The height comes before the folder: the picker sizes its list when it
	// reads one. Two lines stay free for why a file cannot be chosen.
	f.field = huh.NewFilePicker().
		Title("Open a template file").
		// Said up front: huh v1.0.0 clears its own "files only" error in
		// the same update that sets it (the group's updateFieldMsg).
		Description("Only .yaml, .yml and .json files open; others show dimmed.").
		Height(f.height - 2).
		CurrentDirectory(f.dir).
		AllowedTypes(templateTypes).
		FileAllowed(true).
		ShowPermissions(false).
		DirAllowed(false).
		Cursor("›").
		Value(&f.chosen)
	form := newForm(f.c, f.field).WithHeight(f.height - 2)
	// The list shows at once (this screen is the picker), before Init,
	// which draws the form's first view.
	f.field.Picking(true)
	form.Init()
	f.form = form
}

// guard runs fn and reports whether it ended without a panic.
func guard(fn func()) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	fn()
	return true
}

// Init builds nothing: the picker is built when it first shows.
func (f *openFileForm) Init() tea.Cmd { return nil }

// Update passes keys and the picker's folder reads to the form; esc goes
// back, and the path is set once a file is chosen.
func (f *openFileForm) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	f.build()
	if km, ok := msg.(tea.KeyMsg); ok && key.Matches(km, f.c.Keys.Back) {
		f.cancelled = true
		return f, nil
	}
	if f.form == nil {
		return f, nil // the folder cannot be listed: only esc acts
	}
	var cmd tea.Cmd
	if !guard(func() { f.form, cmd = updateForm(f.form, msg) }) {
		f.form = nil
		f.build()
		return f, nil
	}
	if f.chosen != "" {
		f.path = f.chosen
	}
	return f, cmd
}

// View draws the picker.
func (f *openFileForm) View() string {
	f.build()
	var view string
	if f.form == nil || !guard(func() { view = f.form.View() }) {
		f.form = nil
		if f.build(); f.form == nil || !guard(func() { view = f.form.View() }) {
			f.form = nil
			return f.c.Theme.Error.Render("Cannot list the folder " + model.Visible(f.dir) + "; esc goes back.")
		}
	}
	var out []string
	for _, l := range strings.Split(strings.TrimRight(view, "\n"), "\n") {
		out = append(out, strings.TrimRight(truncateANSI(l, f.c.Width), " "))
	}
	return strings.Join(out, "\n")
}

// keys are the picker's own keys.
func (f *openFileForm) keys() []key.Binding {
	k := f.c.Keys
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		as(k.Move, "move"),
		key.NewBinding(key.WithKeys("backspace"), key.WithHelp("backspace", "up a folder")),
	}
}

// ShortHelp is the picker's keys, then f1 and quit.
func (f *openFileForm) ShortHelp() []key.Binding {
	k := f.keys()
	return fitShort(append([]key.Binding{k[0], as(f.c.Keys.Back, "back")}, k[1:]...), f.c.Keys.ShortHelp(), f.c.Width)
}

// FullHelp is every key of the picker.
func (f *openFileForm) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(f.keys(), as(f.c.Keys.Back, "back")), f.c.Keys.ShortHelp()}
}
