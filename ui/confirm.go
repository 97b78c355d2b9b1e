package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"
)

// choice is one answer of a confirm screen.
type choice struct {
	key   string
	label string
	do    func(m *Model) tea.Cmd
}

// confirm asks one question with a few one-key answers; esc cancels.
type confirm struct {
	title    string
	question string
	choices  []choice
}

func (c *confirm) update(m *Model, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if key.Matches(km, m.keys.Cancel) {
		m.pop()
		return nil
	}
	for _, ch := range c.choices {
		if km.String() == ch.key {
			m.pop()
			return ch.do(m)
		}
	}
	return nil
}

func (c *confirm) bindings(m *Model) []key.Binding {
	var b []key.Binding
	for _, ch := range c.choices {
		b = append(b, key.NewBinding(key.WithKeys(ch.key), key.WithHelp(ch.key, ch.label)))
	}
	return append(b, m.keys.Cancel)
}

func (c *confirm) view(m *Model, width, height int) string {
	s := m.styles
	// Titles and questions quote names and paths the user or a file
	// chose: any control character in them is shown as an escape.
	out := []string{s.Title.Render(truncate(model.Visible(c.title), width)), ""}
	for _, l := range strings.Split(model.VisibleLines(c.question), "\n") {
		out = append(out, copyableLines(l, width-2, "")...)
	}
	out = append(out, "")
	for _, ch := range c.choices {
		out = append(out, "  "+s.Label.Render(ch.key)+"  "+ch.label)
	}
	out = append(out, "  "+s.Label.Render("esc")+"  cancel")
	return strings.Join(out, "\n")
}
