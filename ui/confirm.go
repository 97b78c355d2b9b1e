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
	out := []string{s.Title.Render(truncateCells(model.Visible(c.title), width)), ""}
	var question []string
	for _, l := range strings.Split(model.VisibleLines(c.question), "\n") {
		question = append(question, copyableLines(l, width-2, "")...)
	}
	var answers []string
	for _, ch := range c.choices {
		answers = append(answers, "  "+s.Label.Render(ch.key)+"  "+truncateCells(ch.label, width-5))
	}
	answers = append(answers, "  "+s.Label.Render("esc")+"  cancel")
	// Every answer stays on screen, since its key acts: the question gives
	// way first when the screen is short.
	if room := height - len(out) - 1 - len(answers); len(question) > room {
		question = append(question[:max(room-1, 0)], s.Dim.Render("…"))
	}
	out = append(out, question...)
	out = append(out, "")
	return strings.Join(append(out, answers...), "\n")
}
