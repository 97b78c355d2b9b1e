package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
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
	out := []string{s.Title.Render(c.title), ""}
	for _, l := range strings.Split(c.question, "\n") {
		out = append(out, wrap(l, width-2)...)
	}
	out = append(out, "")
	for _, ch := range c.choices {
		out = append(out, "  "+s.Label.Render(ch.key)+"  "+ch.label)
	}
	out = append(out, "  "+s.Label.Render("esc")+"  cancel")
	return strings.Join(out, "\n")
}
