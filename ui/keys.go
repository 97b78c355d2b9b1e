package ui

import "github.com/charmbracelet/bubbles/key"

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

		Region:  key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "region")),
		Refresh: key.NewBinding(key.WithKeys("f5"), key.WithHelp("f5", "refresh")),
		RunOnce: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "run once now")),

		// session
		UndoClear: key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "undo clearing")),
	}
}
