package ui

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"
)

// saveScreen asks where to save; it asks before overwriting another file
// and before writing a clear secret.
type saveScreen struct {
	input textinput.Model
	err   string
}

func newSaveScreen(m *Model) *saveScreen {
	in := textinput.New()
	in.Prompt = "Save to: "
	in.Cursor.SetMode(cursor.CursorStatic)
	path := m.path
	if path == "" {
		name := m.t.AppName
		if name == "" {
			name = "job"
		}
		path = name + ".yaml"
	}
	in.SetValue(path)
	in.CursorEnd()
	return &saveScreen{input: in}
}

func (ss *saveScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, m.keys.Cancel):
		m.pop()
		return nil
	case key.Matches(km, m.keys.Choose):
		path := strings.TrimSpace(ss.input.Value())
		if path == "" {
			ss.err = "Type a file name ending in .yaml, .yml or .json."
			return nil
		}
		if _, err := model.FormatFor(path); err != nil {
			ss.err = err.Error()
			return nil
		}
		return m.saveTo(path, false, false)
	}
	var cmd tea.Cmd
	ss.input, cmd = ss.input.Update(km)
	ss.err = ""
	return cmd
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

func (ss *saveScreen) bindings(m *Model) []key.Binding {
	return []key.Binding{as(m.keys.Choose, "save"), m.keys.Cancel}
}

func (ss *saveScreen) view(m *Model, width, height int) string {
	s := m.styles
	out := []string{
		s.Title.Render("Save the template"),
		wrapJoin("A .yaml or .json file with the API parameter names as keys; saejob validate, preview and submit read it.", width),
		"",
		ss.input.View(),
	}
	if ss.err != "" {
		out = append(out, "")
		for _, l := range wrap(ss.err, width-2) {
			out = append(out, s.Error.Render(l))
		}
	}
	return strings.Join(out, "\n")
}
