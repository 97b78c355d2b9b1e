package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	xansi "github.com/charmbracelet/x/ansi"
)

// keyMap holds every key binding of the wizard; nothing else names a key.
type keyMap struct {
	Next       key.Binding
	Prev       key.Binding
	Enter      key.Binding
	Left       key.Binding
	Right      key.Binding
	Toggle     key.Binding
	NextStep   key.Binding
	PrevStep   key.Binding
	Review     key.Binding
	Back       key.Binding
	Quit       key.Binding
	Help       key.Binding
	Add        key.Binding
	Edit       key.Binding
	Remove     key.Binding
	Up         key.Binding
	Down       key.Binding
	PageUp     key.Binding
	PageDown   key.Binding
	Save       key.Binding
	Submit     key.Binding
	Aliyun     key.Binding
	Reveal     key.Binding
	Jump       key.Binding
	Yes        key.Binding
	No         key.Binding
	StepKeys   key.Binding
	Done       key.Binding
	SecretEnv  key.Binding
	ClearField key.Binding
	FreshList  key.Binding
	Move       key.Binding
	Scroll     key.Binding
	Undo       key.Binding
	Home       key.Binding
	End        key.Binding
	Cancel     key.Binding
	Choose     key.Binding
	Filter     key.Binding
	Retry      key.Binding
	ItemUp     key.Binding
	ItemDown   key.Binding
	Print      key.Binding
	Decoded    key.Binding
	// keys of the account's choices and of what follows a submit (account.go)
	Region  key.Binding
	Refresh key.Binding
	RunOnce key.Binding

	// UndoClear (session): brings back fields cleared because they no
	// longer applied.
	UndoClear key.Binding
}

// as is b with another description, for a screen that gives it its own meaning.
func as(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

func newKeyMap() keyMap {
	return keyMap{
		Next:       key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next field")),
		Prev:       key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "previous")),
		Enter:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next / open")),
		Left:       key.NewBinding(key.WithKeys("left"), key.WithHelp("←/→", "choose")),
		Right:      key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "next choice")),
		Toggle:     key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "toggle")),
		NextStep:   key.NewBinding(key.WithKeys("pgdown", "ctrl+n"), key.WithHelp("pgdn", "next step")),
		PrevStep:   key.NewBinding(key.WithKeys("pgup", "ctrl+p"), key.WithHelp("pgup", "previous step")),
		Review:     key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "review")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Quit:       key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:       key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "all keys")),
		Add:        key.NewBinding(key.WithKeys("a", "+"), key.WithHelp("a", "add")),
		Edit:       key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", "edit")),
		Remove:     key.NewBinding(key.WithKeys("d", "delete", "x"), key.WithHelp("d", "remove")),
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", "down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "scroll up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown", " "), key.WithHelp("pgdn", "scroll down")),
		Save:       key.NewBinding(key.WithKeys("s", "ctrl+s"), key.WithHelp("s", "save file")),
		Submit:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "submit")),
		Aliyun:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "aliyun CLI")),
		Reveal:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reveal secrets")),
		Jump:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "fix this")),
		Yes:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:         key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no")),
		StepKeys:   key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6"), key.WithHelp("1-6", "go to step")),
		Done:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "done")),
		SecretEnv:  key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "use ${ENV} instead")),
		ClearField: key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear")),
		FreshList:  key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", "start a fresh list")),
		Move:       key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move")),
		Scroll:     key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup/pgdn", "scroll")),
		Undo:       key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo remove")),
		Home:       key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first")),
		End:        key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Choose:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Filter:     key.NewBinding(key.WithKeys(""), key.WithHelp("type", "filter")),
		Retry:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "try again")),
		ItemUp:     key.NewBinding(key.WithKeys("up", "k", "shift+tab"), key.WithHelp("↑", "previous")),
		ItemDown:   key.NewBinding(key.WithKeys("down", "j", "tab"), key.WithHelp("↓", "next")),
		Print:      key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "print unbroken to copy")),
		Decoded:    key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "readable view")),

		Region:  key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "region")),
		Refresh: key.NewBinding(key.WithKeys("f5"), key.WithHelp("f5", "refresh")),
		RunOnce: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "run once now")),

		// session
		UndoClear: key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "undo clearing")),
	}
}

// The keys of one interaction model (issue 9 item 6), in their own block:
// enter moves on, one key opens any choice, the steps have keys every
// keyboard has, and multi-line fields take newlines and $EDITOR.
var (
	keyOpen     = key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "choices"))
	keySteps    = key.NewBinding(key.WithKeys("ctrl+n", "ctrl+p"), key.WithHelp("ctrl+n/p", "step"))
	keyGoStep   = key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t 1-6", "go to step"))
	keyEditor   = key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "$EDITOR"))
	keyNewline  = key.NewBinding(key.WithKeys("alt+enter", "ctrl+j"), key.WithHelp("alt+enter", "new line"))
	keyNextOnly = key.NewBinding(key.WithKeys("tab", "enter"), key.WithHelp("tab/enter", "next"))
)

// The help bar reads a help.KeyMap, one per view, as gh-dash's
// internal/tui/keys does: each view lists its own keys, and the keys every
// view has (f1 for all keys, ctrl+c to quit) come last and are never cut.

// ShortHelp is the keys every view has: all keys (f1) and quit.
func (k keyMap) ShortHelp() []key.Binding { return []key.Binding{k.Help, k.Quit} }

// FullHelp is the keys every view has, in one column.
func (k keyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// helpSeparator is what help.Model puts between two short-help items.
const helpSeparator = " • "

// fitShort keeps as many of a view's keys (in order of importance) as fit in
// width cells next to the global keys, which always stay: a short help bar
// that runs past the edge would cut f1 and quit first.
func fitShort(view, global []key.Binding, width int) []key.Binding {
	sep := xansi.StringWidth(helpSeparator)
	cells := func(b key.Binding) int {
		return xansi.StringWidth(b.Help().Key) + 1 + xansi.StringWidth(b.Help().Desc) + sep
	}
	used := 0
	for _, b := range global {
		used += cells(b)
	}
	used -= sep // no separator after the last item
	out := make([]key.Binding, 0, len(view)+len(global))
	for _, b := range view {
		if !b.Enabled() || b.Help().Key == "" {
			continue
		}
		if width > 0 && used+cells(b) > width {
			break
		}
		used += cells(b)
		out = append(out, b)
	}
	return append(out, global...)
}

// enabled drops the bindings a view has switched off.
func enabled(b []key.Binding) []key.Binding {
	out := make([]key.Binding, 0, len(b))
	for _, k := range b {
		if k.Enabled() {
			out = append(out, k)
		}
	}
	return out
}

// viewKeys is the key map of a view that lists its keys as a slice (the
// step screens): its keys in order of importance, then the global ones.
type viewKeys struct {
	keys   []key.Binding
	global []key.Binding
	width  int // of the help bar: ShortHelp keeps to it
}

// ShortHelp is the view's most important keys that fit, then f1 and quit.
// When not all fit, tab and shift+tab (which move between fields on every
// form) give their room first to the keys this screen adds; f1 lists all.
func (v viewKeys) ShortHelp() []key.Binding {
	if all := fitShort(v.keys, v.global, v.width); len(all) == len(enabled(v.keys))+len(v.global) {
		return all
	}
	own := make([]key.Binding, 0, len(v.keys))
	var fieldKeys []key.Binding
	for _, b := range v.keys {
		if h := b.Help().Key; h == "tab" || h == "shift+tab" {
			fieldKeys = append(fieldKeys, b)
			continue
		}
		own = append(own, b)
	}
	return fitShort(append(own, fieldKeys...), v.global, v.width)
}

// FullHelp is every key of the view, four to a column, then f1 and quit.
func (v viewKeys) FullHelp() [][]key.Binding {
	return chunk(append(enabled(v.keys), v.global...), 4)
}

// helpKeys is the key map the help bar shows for the top screen.
func (m *Model) helpKeys() help.KeyMap {
	return m.top().helpKeys(m.common(m.width, m.height))
}

// confirmKeys is the key map of a confirmation: one key per answer, the
// form's own keys to move between answers and choose, and esc.
type confirmKeys struct {
	Answers []key.Binding
	Move    key.Binding
	Choose  key.Binding
	Cancel  key.Binding
	global  []key.Binding
	width   int
}

func (k confirmKeys) view() []key.Binding {
	return append(append([]key.Binding{}, k.Answers...), k.Cancel, k.Choose, k.Move)
}

// ShortHelp is the answers, esc and the form's keys that fit, then f1 and quit.
func (k confirmKeys) ShortHelp() []key.Binding { return fitShort(k.view(), k.global, k.width) }

// FullHelp is the answers in one column, the form's keys in the next.
func (k confirmKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{enabled(k.Answers), {k.Move, k.Choose, k.Cancel}, k.global}
}

// saveKeys is the key map of the save-path form.
type saveKeys struct {
	Save   key.Binding
	Clear  key.Binding
	Cancel key.Binding
	global []key.Binding
	width  int
}

// ShortHelp is save, clear and cancel, then f1 and quit.
func (k saveKeys) ShortHelp() []key.Binding {
	return fitShort([]key.Binding{k.Save, k.Cancel, k.Clear}, k.global, k.width)
}

// FullHelp is every key of the save form.
func (k saveKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Save, k.Clear, k.Cancel}, k.global}
}

// startKeys is the key map of the welcome screen: its list, or the file
// picker of "Open a template file…" (Picker holds the picker's own keys).
type startKeys struct {
	Move   key.Binding
	Choose key.Binding
	Remove key.Binding
	Picker []key.Binding
	Back   key.Binding
	global []key.Binding
	width  int
}

func (k startKeys) view() []key.Binding {
	if len(k.Picker) > 0 {
		// The picker's first key (open), then the way back, then the rest.
		return append([]key.Binding{k.Picker[0], k.Back}, k.Picker[1:]...)
	}
	return []key.Binding{k.Move, k.Choose, k.Remove}
}

// ShortHelp is the list's (or the picker's) keys that fit, then f1 and quit.
func (k startKeys) ShortHelp() []key.Binding { return fitShort(k.view(), k.global, k.width) }

// FullHelp is every key of the welcome screen.
func (k startKeys) FullHelp() [][]key.Binding {
	return chunk(append(enabled(k.view()), k.global...), 4)
}

// reviewKeys is the key map of the review, most important first.
type reviewKeys struct {
	Move     key.Binding
	Jump     key.Binding
	Submit   key.Binding
	Save     key.Binding
	Decoded  key.Binding
	Aliyun   key.Binding
	Scroll   key.Binding
	Reveal   key.Binding
	Print    key.Binding
	StepKeys key.Binding
	Back     key.Binding
	global   []key.Binding
	width    int
}

func (k reviewKeys) view() []key.Binding {
	return []key.Binding{k.Jump, k.Submit, k.Save, k.Decoded, k.Back, k.Move, k.Scroll, k.Aliyun, k.Reveal, k.Print, k.StepKeys}
}

// ShortHelp is the review's most important keys that fit, then f1 and quit.
func (k reviewKeys) ShortHelp() []key.Binding { return fitShort(k.view(), k.global, k.width) }

// FullHelp groups the review's keys: problems, the request, where to go.
func (k reviewKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		enabled([]key.Binding{k.Move, k.Jump, k.Submit, k.Save}),
		enabled([]key.Binding{k.Decoded, k.Aliyun, k.Scroll, k.Reveal}),
		enabled([]key.Binding{k.Print, k.StepKeys, k.Back}),
		k.global,
	}
}
