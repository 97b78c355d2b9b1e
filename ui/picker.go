package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// picker chooses a select field's value from its whole list; typing
// filters. It is a page: it sets the field on the session's template and
// tells the root (appliedMsg) what follows from it.
type picker struct {
	f      *field
	filter string
	cursor int
	offset int
}

func newPicker(s *Session, f *field) *picker {
	p := &picker{f: f}
	_, p.cursor = f.choices(s.t)
	return p
}

func (p *picker) matches(c common) []option {
	opts, _ := p.f.choices(c.Session.t)
	if p.filter == "" {
		return opts
	}
	var out []option
	q := strings.ToLower(p.filter)
	for _, o := range opts {
		if strings.Contains(strings.ToLower(o.Label), q) {
			out = append(out, o)
		}
	}
	return out
}

func (p *picker) update(c common, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	opts := p.matches(c)
	k, t := c.Keys, c.Session.t
	switch {
	case key.Matches(km, k.Cancel):
		c.tell(popScreen{})
		return nil
	case key.Matches(km, k.Prev): // not k.Up: its "k" is a letter to filter by
		if p.cursor > 0 {
			p.cursor--
		}
		return nil
	case key.Matches(km, k.Next):
		if p.cursor < len(opts)-1 {
			p.cursor++
		}
		return nil
	case key.Matches(km, k.Choose):
		c.tell(popScreen{})
		if p.cursor < len(opts) && opts[p.cursor].Value != p.f.get(t) {
			_ = p.f.set(t, opts[p.cursor].Value)
			t.DropRaw(p.f.param) // chosen on purpose: the value as written is replaced
			p.f.load(t)
			c.tell(appliedMsg{p.f})
		}
		return nil
	case km.Type == tea.KeyBackspace:
		if p.filter != "" {
			r := []rune(p.filter)
			p.filter = string(r[:len(r)-1])
			p.cursor = 0
		}
		return nil
	case km.Type == tea.KeyRunes || km.Type == tea.KeySpace:
		p.filter += string(km.Runes)
		p.cursor = 0
		return nil
	}
	return nil
}

func (p *picker) helpKeys(c common) help.KeyMap {
	k := c.Keys
	return viewKeys{keys: []key.Binding{k.Move, k.Choose, k.Filter, k.Cancel}, global: k.ShortHelp(), width: c.Width}
}

func (p *picker) view(c common) string {
	s, height := c.Theme, c.Height
	opts := p.matches(c)
	out := []string{s.Title.Render("Choose " + p.f.label)}
	if p.filter != "" {
		out = append(out, s.Dim.Render("filter: ")+p.filter)
	} else {
		out = append(out, s.Dim.Render("type to filter"))
	}
	if len(opts) == 0 {
		out = append(out, s.Dim.Render("  nothing matches"))
	}
	avail := max(height-len(out), 1)
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+avail {
		p.offset = p.cursor - avail + 1
	}
	cur := p.f.get(c.Session.t)
	for i := p.offset; i < len(opts) && i < p.offset+avail; i++ {
		o := opts[i]
		line := o.Label
		if o.Value == cur {
			line += s.Dim.Render("  (current)")
		}
		if i == p.cursor {
			out = append(out, s.Selected.Render("› "+o.Label)+strings.TrimPrefix(line, o.Label))
		} else {
			out = append(out, "  "+line)
		}
	}
	return strings.Join(out, "\n")
}
