package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"
)

// startMenu is the first screen: resume the draft, start new, start from an
// example, or open a file.
type startMenu struct {
	items  []startItem
	cursor int
	open   bool // typing a path
	input  textinput.Model
	err    string
}

type startItem struct {
	label string
	note  string
	do    func(m *Model) tea.Cmd
}

func newStartMenu(m *Model) *startMenu {
	sm := &startMenu{}
	sm.input = textinput.New()
	sm.input.Prompt = "File: "
	sm.input.Placeholder = "job.yaml"
	sm.input.Cursor.SetMode(cursor.CursorStatic)
	if m.opts.Drafts != nil {
		d, t, err := m.opts.Drafts.Load()
		switch {
		case err != nil:
			sm.err = err.Error()
		case d != nil && t != nil:
			name := t.AppName
			if name == "" {
				name = "untitled"
			}
			where := "review"
			if d.Step >= 0 && d.Step < len(m.wizard.steps) {
				where = "step " + m.wizard.steps[d.Step].name
			}
			note := fmt.Sprintf("%s, saved %s", where, ago(m.opts.Now(), d.Saved))
			if d.Path != "" {
				note += ", editing " + d.Path
			}
			if len(d.SecretsLeftOut) > 0 {
				note += "; re-enter " + strings.Join(d.SecretsLeftOut, ", ")
			}
			sm.items = append(sm.items, startItem{
				label: "Resume your draft: " + name,
				note:  note,
				do: func(m *Model) tea.Cmd {
					return m.resume(d, t)
				},
			})
		}
	}
	sm.items = append(sm.items, startItem{
		label: "Start a new job template",
		note:  "step by step, from nothing",
		do: func(m *Model) tea.Cmd {
			m.setTemplate(&model.Template{})
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
			sm.open = true
			return sm.input.Focus()
		},
	})
	return sm
}

// resume continues a draft where it was left.
func (m *Model) resume(d *Draft, t *model.Template) tea.Cmd {
	m.setTemplate(t)
	m.savedGen = -1
	m.draftOwned = true
	m.path = d.Path
	m.stack = []screen{m.wizard}
	if len(d.SecretsLeftOut) > 0 {
		m.flash("Resumed. Secrets are not kept in drafts: enter %s again (Storage step).", strings.Join(d.SecretsLeftOut, ", "))
	} else {
		m.flash("Resumed your draft from %s.", ago(m.opts.Now(), d.Saved))
	}
	if d.Step < 0 {
		m.push(newReview(m))
		return nil
	}
	return m.wizard.enter(m, min(d.Step, len(m.wizard.steps)-1))
}

// openFile loads a template file and shows its review.
func (m *Model) openFile(path string) error {
	t, err := model.Load(path)
	if err != nil {
		return err
	}
	m.setTemplate(t)
	m.path = path
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

func (sm *startMenu) update(m *Model, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if sm.open {
		switch {
		case key.Matches(km, m.keys.Back):
			sm.open = false
			sm.err = ""
			sm.input.Blur()
			return nil
		case key.Matches(km, m.keys.Choose):
			path := strings.TrimSpace(sm.input.Value())
			if path == "" {
				sm.err = "Type the path of a .yaml, .yml or .json template file."
				return nil
			}
			if err := m.openFile(path); err != nil {
				sm.err = err.Error()
				return nil
			}
			return nil
		}
		var cmd tea.Cmd
		sm.input, cmd = sm.input.Update(km)
		sm.err = ""
		return cmd
	}
	switch {
	case key.Matches(km, m.keys.ItemUp):
		if sm.cursor > 0 {
			sm.cursor--
		}
	case key.Matches(km, m.keys.ItemDown):
		if sm.cursor < len(sm.items)-1 {
			sm.cursor++
		}
	case key.Matches(km, m.keys.Choose):
		return sm.items[sm.cursor].do(m)
	}
	return nil
}

func (sm *startMenu) bindings(m *Model) []key.Binding {
	if sm.open {
		return []key.Binding{as(m.keys.Choose, "open"), m.keys.Back}
	}
	return []key.Binding{as(m.keys.Move, "choose"), as(m.keys.Choose, "start")}
}

func (sm *startMenu) view(m *Model, width, height int) string {
	s := m.styles
	out := []string{
		s.Title.Render("Welcome to saejob"),
		wrapJoin("This wizard builds an Alibaba Cloud SAE job template (the CreateJob API) step by step, checks it as you type, shows exactly what will be sent, and saves or submits it.", width),
		"",
	}
	for i, it := range sm.items {
		if i == sm.cursor {
			out = append(out, s.Selected.Render("› "+it.label))
		} else {
			out = append(out, "  "+it.label)
		}
		if it.note != "" && (i == sm.cursor || len(sm.items) <= 6) {
			out = append(out, "    "+s.Dim.Render(truncate(it.note, width-6)))
		}
	}
	if sm.open {
		sm.input.PlaceholderStyle = s.Dim
		out = append(out, "", "  "+sm.input.View())
	}
	if sm.err != "" {
		out = append(out, "")
		for _, l := range wrap(sm.err, width-4) {
			out = append(out, "  "+s.Error.Render(l))
		}
	}
	return strings.Join(out, "\n")
}

func wrapJoin(text string, width int) string { return strings.Join(wrap(text, width), "\n") }
