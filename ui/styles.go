package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
)

// styles are every look of the wizard. Colours are plain ANSI ones that read
// on dark and light terminals alike: no adaptive colour, so no terminal query
// at start-up. Meaning never rests on colour alone (markers carry it too), so
// NO_COLOR loses nothing.
type styles struct {
	Title     lipgloss.Style
	StepOn    lipgloss.Style
	StepOff   lipgloss.Style
	StepBad   lipgloss.Style
	Label     lipgloss.Style
	LabelOn   lipgloss.Style
	Help      lipgloss.Style
	Error     lipgloss.Style
	Warning   lipgloss.Style
	OK        lipgloss.Style
	Value     lipgloss.Style
	Choice    lipgloss.Style
	ChoiceOn  lipgloss.Style
	Selected  lipgloss.Style
	Dim       lipgloss.Style
	Box       lipgloss.Style
	Sandbox   lipgloss.Style
	HelpStyle help.Styles
}

func newStyles(r *lipgloss.Renderer, noColor bool) styles {
	// With NO_COLOR the wizard keeps bold, faint, underline and reverse
	// (the text cursor is a reverse cell) and drops every colour.
	st := func() lipgloss.Style { return r.NewStyle() }
	c := func(base lipgloss.Style, color string) lipgloss.Style {
		if noColor {
			return base
		}
		return base.Foreground(lipgloss.Color(color))
	}
	dim := c(st(), "8")
	if noColor {
		dim = st().Faint(true)
	}
	s := styles{
		Title:    c(st().Bold(true), "5"),
		StepOn:   c(st().Bold(true).Underline(true), "5"),
		StepOff:  dim,
		StepBad:  c(st(), "1"),
		Label:    st().Bold(true),
		LabelOn:  c(st().Bold(true), "5"),
		Help:     dim,
		Error:    c(st(), "1"),
		Warning:  c(st(), "3"),
		OK:       c(st(), "2"),
		Value:    c(st(), "6"),
		Choice:   st(),
		ChoiceOn: c(st().Bold(true), "5"),
		Selected: c(st().Bold(true), "5"),
		Dim:      dim,
		Box:      st().Border(lipgloss.RoundedBorder()).Padding(0, 1),
		Sandbox:  c(st().Bold(true), "3"),
	}
	key := c(st().Bold(true), "7")
	s.HelpStyle = help.Styles{
		Ellipsis:       dim,
		ShortKey:       key,
		ShortDesc:      dim,
		ShortSeparator: dim,
		FullKey:        key,
		FullDesc:       dim,
		FullSeparator:  dim,
	}
	return s
}
