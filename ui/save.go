package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/saejob/saejob/model"
)

// saveScreen asks where to save; it asks before overwriting another file
// and before writing a clear secret. The path is asked by a savePathForm
// component; the screen tells the root to save where it says.
type saveScreen struct {
	input *savePathForm
}

func newSaveScreen(c common) *saveScreen {
	path := c.Session.path
	if path == "" {
		name := c.Session.t.AppName
		if name == "" {
			name = "job"
		}
		path = name + ".yaml"
	}
	return &saveScreen{input: &savePathForm{path: path, huhForm: huhForm{c: c}}}
}

func (ss *saveScreen) update(c common, msg tea.Msg) tea.Cmd {
	if _, ok := msg.(tea.WindowSizeMsg); ok || c.hidden() {
		return nil // not drawn: nothing may save (see confirm.update)
	}
	ss.input.SetCommon(c)
	_, cmd := ss.input.Update(msg)
	switch {
	case ss.input.cancelled:
		c.tell(popScreen{})
		return nil
	case ss.input.done:
		ss.input.done = false // a confirmation may bring the user back here
		c.tell(saveToMsg{strings.TrimSpace(ss.input.path)})
		return nil
	}
	return cmd
}

// savePathForm asks for the file to save to: a huh.Input validated by the
// file format (model.FormatFor), so that a .txt path is refused with the
// reason before anything is written.
type savePathForm struct {
	huhForm
	path      string
	done      bool // enter on a valid path
	cancelled bool // esc
}

// validSavePath is nil for a path saejob can save a template to.
func validSavePath(path string) error {
	path = strings.TrimSpace(path)
	if path == "" {
		return errors.New("Type a file name ending in .yaml, .yml or .json.")
	}
	if _, err := model.FormatFor(path); err != nil {
		// The path is in the input above: say only what is wrong with it.
		var fe *model.FileError
		if errors.As(err, &fe) {
			return errors.New(strings.ToUpper(fe.Msg[:1]) + fe.Msg[1:] + ".")
		}
		return err
	}
	return nil
}

// Focus builds the form (not before the screen opens) and focuses it.
func (f *savePathForm) Focus() tea.Cmd {
	if f.form == nil {
		in := huh.NewInput().Prompt("Save to: ").Value(&f.path).Validate(validSavePath)
		f.form = newForm(f.c, in)
		f.width = f.c.Width
		f.form.Init() // focuses the input (no blink: the cursor stays shown)
	}
	return nil
}

// Init builds nothing: Focus does when the screen opens.
func (f *savePathForm) Init() tea.Cmd { return nil }

// Update takes esc and a valid enter itself (at once, not after the
// form's own round of messages) and passes every other key to the input;
// enter on an invalid path goes to huh, which shows why.
func (f *savePathForm) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	f.Focus()
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, f.c.Keys.Cancel):
			f.cancelled = true
			return f, nil
		case key.Matches(km, f.c.Keys.Choose) && validSavePath(f.path) == nil:
			f.done = true
			return f, nil
		}
	}
	var cmd tea.Cmd
	f.form, cmd = updateForm(f.form, msg)
	if f.form.State == huh.StateCompleted {
		f.done = true
	}
	return f, cmd
}

// View draws the form; huh puts a refused path's reason under it.
func (f *savePathForm) View() string {
	f.Focus()
	var out []string
	for _, l := range strings.Split(strings.TrimRight(f.form.View(), "\n"), "\n") {
		out = append(out, strings.TrimRight(truncateANSI(l, f.c.Width), " "))
	}
	return strings.Join(out, "\n")
}

// ShortHelp is save, esc and clear, then f1 and quit.
func (f *savePathForm) ShortHelp() []key.Binding { return f.keyMap().ShortHelp() }

// FullHelp is every key of the save form.
func (f *savePathForm) FullHelp() [][]key.Binding { return f.keyMap().FullHelp() }

func (f *savePathForm) keyMap() saveKeys {
	k := f.c.Keys
	return saveKeys{Save: as(k.Choose, "save"), Clear: k.ClearField, Cancel: k.Cancel, global: k.ShortHelp(), width: f.c.Width}
}

// saveTo writes the template, asking first when the path holds another
// file (overwriteOK) or the template a clear secret (secretsAsked).
func (m *Model) saveTo(path string, overwriteOK, secretsAsked bool) tea.Cmd {
	if !overwriteOK && !samePath(path, m.path) {
		if _, err := os.Stat(path); err == nil {
			m.push(&confirm{
				title:    "Overwrite " + path + "?",
				question: path + " already exists. Saving replaces it with this template.",
				choices: []choice{
					{"y", "yes, overwrite it", func(m *Model) tea.Cmd { return m.saveTo(path, true, secretsAsked) }},
					{"n", "no, choose another name", func(m *Model) tea.Cmd { return nil }},
				},
			})
			return nil
		}
	}
	if !secretsAsked && m.SecretChoiceNeeded() {
		params, envs := m.SecretNames()
		refs := "${" + strings.Join(envs, "}, ${") + "}"
		m.push(&confirm{
			title:    strings.Join(params, ", ") + " holds a clear secret",
			question: "Secrets are not written to files unless you ask. Choose how the file refers to it:",
			choices: []choice{
				{"e", "write " + refs + " instead (export " + strings.Join(envs, ", ") + " before submitting)", func(m *Model) tea.Cmd {
					// The file gets the reference; the session keeps the
					// typed secret, so submitting from here still works.
					return m.write(path, SecretAsEnv)
				}},
				{"k", "keep the secret in the file (mode 0600)", func(m *Model) tea.Cmd { return m.write(path, SecretKeep) }},
				{"l", "leave it out of the file", func(m *Model) tea.Cmd { return m.write(path, SecretLeaveOut) }},
			},
		})
		return nil
	}
	return m.write(path, SecretLeaveOut)
}

// write saves the template to path through the session (policy: what the
// file holds for a clear secret) and goes back to where save was asked
// from.
func (m *Model) write(path string, policy SecretPolicy) tea.Cmd {
	if err := m.Save(path, policy); err != nil {
		m.flashErr("Not saved: %v", err)
		return nil
	}
	// Back to where save was asked from.
	for len(m.stack) > 1 {
		if _, ok := m.top().(*saveScreen); ok {
			m.pop()
			continue
		}
		break
	}
	m.flash("Saved to %s", path)
	return nil
}

func samePath(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

func (ss *saveScreen) helpKeys(c common) help.KeyMap {
	ss.input.SetCommon(c)
	return ss.input
}

func (ss *saveScreen) view(c common) string {
	ss.input.SetCommon(c)
	width := c.Width
	out := []string{
		c.Theme.Title.Render("Save the template"),
		wrapJoin("A .yaml or .json file with the API parameter names as keys; saejob validate, preview and submit read it.", width),
		"",
		ss.input.View(),
	}
	return strings.Join(out, "\n")
}
