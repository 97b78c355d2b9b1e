package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/saejob/saejob/model"
)

// startMenu is the first screen: resume one of the drafts (newest first),
// start new, start from an example, or open a file.
type startMenu struct {
	items  []startItem
	cursor int
	offset int  // first line shown, so that the chosen item stays on screen
	open   bool // typing a path
	input  textinput.Model
	err    string
}

type startItem struct {
	label string
	note  string
	do    func(m *Model) tea.Cmd
	draft *DraftEntry // set on a draft: d deletes it
}

func newStartMenu(m *Model) *startMenu {
	sm := &startMenu{}
	sm.input = textinput.New()
	sm.input.Prompt = "File: "
	sm.input.Placeholder = "job.yaml"
	sm.input.Cursor.SetMode(cursor.CursorStatic)
	sm.load(m)
	return sm
}

// load lists the drafts and the ways to start.
func (sm *startMenu) load(m *Model) {
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
			sm.open = true
			return sm.input.Focus()
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
	case key.Matches(km, m.keys.Remove) && sm.items[sm.cursor].draft != nil:
		e := *sm.items[sm.cursor].draft
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
					sm.load(m)
					return nil
				}},
				{"n", "no, keep it", func(m *Model) tea.Cmd { return nil }},
			},
		})
	}
	return nil
}

func (sm *startMenu) bindings(m *Model) []key.Binding {
	if sm.open {
		return []key.Binding{as(m.keys.Choose, "open"), m.keys.Back}
	}
	b := []key.Binding{as(m.keys.Move, "choose"), as(m.keys.Choose, pick(sm.items[sm.cursor].draft != nil, "resume", "start"))}
	if sm.items[sm.cursor].draft != nil {
		b = append(b, as(m.keys.Remove, "delete draft"))
	}
	return b
}

func (sm *startMenu) view(m *Model, width, height int) string {
	s := m.styles
	out := []string{
		s.Title.Render("Welcome to saejob"),
		wrapJoin("This wizard builds an Alibaba Cloud SAE job template (the CreateJob API) step by step, checks it as you type, shows exactly what will be sent, and saves or submits it.", width),
		"",
	}
	var list []string
	curTop, curBottom := 0, 0
	for i, it := range sm.items {
		if i == sm.cursor {
			curTop = len(list)
			list = append(list, s.Selected.Render("› "+truncateCells(model.Visible(it.label), width-2)))
		} else {
			list = append(list, "  "+truncateCells(model.Visible(it.label), width-2))
		}
		if it.note != "" && (i == sm.cursor || len(sm.items) <= 6) {
			list = append(list, "    "+s.Dim.Render(truncateCells(model.Visible(it.note), width-6)))
		}
		if i == sm.cursor {
			curBottom = len(list)
		}
	}
	// Scroll so that the chosen item is on screen: enter must never act on
	// an item the user cannot see.
	avail := max(height-lipgloss.Height(strings.Join(out, "\n"))-pick(sm.open, 2, 0)-pick(sm.err != "", 3, 0), 3)
	if curBottom-sm.offset > avail {
		sm.offset = curBottom - avail
	}
	if curTop < sm.offset {
		sm.offset = curTop
	}
	sm.offset = max(min(sm.offset, len(list)-avail), 0)
	end := min(sm.offset+avail, len(list))
	visible := append([]string{}, list[sm.offset:end]...)
	if sm.offset > 0 && curTop > sm.offset {
		visible[0] = s.Dim.Render("  ↑ more")
	}
	if end < len(list) && curBottom < end {
		visible[len(visible)-1] = s.Dim.Render("  ↓ more")
	}
	out = append(out, visible...)
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
