package ui

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"
)

// areaField is a multi-line text field for a string parameter: newlines
// are typed with alt+enter (enter moves on, as everywhere), and ctrl+e
// edits the text in $EDITOR, as huh's Text does.
func areaField(param, ext string, get func(*model.Template) *string) *field {
	return &field{
		kind:  kindArea,
		param: param,
		label: param,
		help:  docOf(param),
		ext:   ext,
		get:   func(t *model.Template) string { return *get(t) },
		set:   func(t *model.Template, v string) error { *get(t) = v; return nil },
	}
}

// loadArea readies the text area and fills it from the template.
func (f *field) loadArea(t *model.Template) {
	if f.area == nil {
		ta := textarea.New()
		ta.Prompt = ""
		ta.ShowLineNumbers = false
		ta.CharLimit = 0
		ta.MaxHeight = 0
		// enter moves to the next field; these keys are the wizard's.
		ta.KeyMap.InsertNewline = keyNewline
		ta.KeyMap.LineEnd = key.NewBinding(key.WithKeys("end"))
		ta.KeyMap.LineNext = key.NewBinding(key.WithKeys("down"))
		ta.KeyMap.LinePrevious = key.NewBinding(key.WithKeys("up"))
		ta.KeyMap.CharacterForward = key.NewBinding(key.WithKeys("right"))
		ta.KeyMap.CharacterBackward = key.NewBinding(key.WithKeys("left"))
		f.area = &ta
	}
	f.area.SetValue(f.value(t))
	f.local = ""
}

// areaLines is how many lines the focused text area takes.
func (f *field) areaLines() int { return min(max(f.area.LineCount()+1, 3), 8) }

func (f *field) areaView(c common, width int) string {
	if f.area == nil {
		f.loadArea(c.Session.t)
	}
	s := c.Theme
	f.area.SetWidth(max(width-2, 10))
	f.area.SetHeight(f.areaLines())
	f.area.FocusedStyle.CursorLine = s.Value
	f.area.FocusedStyle.Text = s.Value
	f.area.FocusedStyle.Placeholder = s.Dim
	f.area.BlurredStyle = f.area.FocusedStyle
	return f.area.View() + "\n" + s.Dim.Render("alt+enter: new line · ctrl+e: $EDITOR · enter: next field")
}

// scrolls reports whether up or down moves inside the text rather than to
// another field.
func (f *field) scrolls(msg tea.KeyMsg) bool {
	if f.kind != kindArea || f.area == nil {
		return false
	}
	switch msg.String() {
	case "up":
		return f.area.Line() > 0
	case "down":
		return f.area.Line() < f.area.LineCount()-1
	}
	return false
}

func (f *field) handleArea(c common, msg tea.KeyMsg) (bool, tea.Cmd) {
	t := c.Session.t
	if f.area == nil {
		f.loadArea(t)
	}
	if key.Matches(msg, keyEditor) {
		c.tell(editField{f})
		return false, nil
	}
	before := f.area.Value()
	var cmd tea.Cmd
	*f.area, cmd = f.area.Update(msg)
	if f.area.Value() == before {
		return false, cmd
	}
	if _, raw := f.rawText(t); raw {
		t.SetRawText(f.param, f.area.Value())
		return true, cmd
	}
	if err := f.set(t, f.area.Value()); err != nil {
		f.local = err.Error()
	} else {
		f.local = ""
	}
	return true, cmd
}

// editorDoneMsg says $EDITOR has ended on the file holding a field's text.
type editorDoneMsg struct {
	f    *field
	path string
	err  error
}

// editorCommand is the editor to run: $VISUAL, then $EDITOR (either may
// carry arguments, like "code -w"), then nano or vi, whichever is there.
func editorCommand(getenv func(string) string) (string, []string) {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if words := strings.Fields(getenv(v)); len(words) > 0 {
			return words[0], words[1:]
		}
	}
	for _, e := range []string{"nano", "vi"} {
		if p, err := exec.LookPath(e); err == nil {
			return p, nil
		}
	}
	return "vi", nil
}

// openEditor writes the field's text to a private file and runs the
// editor on it with the terminal handed over.
func (m *Model) openEditor(f *field) tea.Cmd {
	tmp, err := os.CreateTemp("", "saejob-*-"+f.param+f.ext)
	if err != nil {
		m.flashErr("Could not open an editor: %v", err)
		return nil
	}
	_, err = io.WriteString(tmp, f.area.Value())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		m.flashErr("Could not open an editor: %v", err)
		return nil
	}
	name, args := editorCommand(os.Getenv)
	c := exec.Command(name, append(args, tmp.Name())...)
	// The editor gets the wizard's terminal; streams that are not files
	// (tests) are not handed over, so that waiting for it cannot hang on them.
	if in, ok := m.opts.Input.(*os.File); ok {
		c.Stdin = in
	} else {
		c.Stdin = strings.NewReader("")
	}
	if out, ok := m.opts.Output.(*os.File); ok {
		c.Stdout = out
	} else {
		c.Stdout = io.Discard
	}
	path := tmp.Name()
	return tea.ExecProcess(c, func(err error) tea.Msg { return editorDoneMsg{f: f, path: path, err: err} })
}

// editorDone takes the edited text into the field.
func (m *Model) editorDone(msg editorDoneMsg) tea.Cmd {
	defer os.Remove(msg.path)
	f := msg.f
	if msg.err != nil {
		var exit *exec.ExitError
		if errors.As(msg.err, &exit) {
			m.flashErr("The editor ended with status %d: %s is unchanged", exit.ExitCode(), f.label)
		} else {
			m.flashErr("Could not run the editor (%v): set $EDITOR; %s is unchanged", msg.err, f.label)
		}
		return nil
	}
	b, err := os.ReadFile(msg.path)
	if err != nil {
		m.flashErr("Could not read what the editor wrote: %v", err)
		return nil
	}
	text := string(b)
	// Editors end the file with a newline; keep the text's own ending.
	if old := f.area.Value(); !strings.HasSuffix(old, "\n") {
		text = strings.TrimSuffix(text, "\n")
	}
	if text == f.area.Value() {
		m.flash("%s unchanged", f.label)
		return nil
	}
	f.area.SetValue(text)
	if _, raw := f.rawText(m.t); raw {
		m.t.SetRawText(f.param, text)
	} else if err := f.set(m.t, text); err != nil {
		f.local = err.Error()
	}
	m.touch(f.param)
	m.flash("%s: %s from the editor", f.label, plural(strings.Count(strings.TrimRight(text, "\n"), "\n")+1, "line"))
	return m.changed()
}

// hookField edits a start or stop hook as a shell script, run with sh -c.
// A hook that is not a shell line already is shown as its quoted words,
// which sh -c runs the same way.
func hookField(param string) *field {
	get := func(t *model.Template) []string {
		h := *hookOf(t, param)
		if h == nil || h.Exec == nil {
			return nil
		}
		return h.Exec.Command
	}
	script := func(t *model.Template) string {
		c := get(t)
		if isShellLine(c) {
			return c[2]
		}
		return shellJoin(c)
	}
	return &field{
		kind:  kindArea,
		param: param,
		label: param,
		help:  docOf(param) + " Written as a shell script (run with sh -c); one command per line.",
		ext:   ".sh",
		get:   script,
		set: func(t *model.Template, v string) error {
			if strings.TrimSpace(v) == "" {
				*hookOf(t, param) = nil
				return nil
			}
			shell := "sh"
			if c := get(t); isShellLine(c) {
				shell = c[0]
			}
			*hookOf(t, param) = &model.Hook{Exec: &model.ExecAction{Command: []string{shell, "-c", v}}}
			return nil
		},
	}
}

// isShellLine reports whether a command is a shell running one script.
func isShellLine(c []string) bool {
	if len(c) != 3 || c[1] != "-c" {
		return false
	}
	switch c[0] {
	case "sh", "/bin/sh", "bash", "/bin/bash", "/usr/bin/bash", "ash", "/bin/ash":
		return true
	}
	return false
}

// shellJoin quotes words for sh where they need it (model.ShellWord: control
// characters are written as escapes).
func shellJoin(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = model.ShellWord(w)
	}
	return strings.Join(out, " ")
}
