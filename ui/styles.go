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

func newStyles(r *lipgloss.Renderer) styles {
	c := func(s string) lipgloss.Color { return lipgloss.Color(s) }
	s := styles{
		Title:    r.NewStyle().Bold(true).Foreground(c("5")),
		StepOn:   r.NewStyle().Bold(true).Foreground(c("5")).Underline(true),
		StepOff:  r.NewStyle().Foreground(c("8")),
		StepBad:  r.NewStyle().Foreground(c("1")),
		Label:    r.NewStyle().Bold(true),
		LabelOn:  r.NewStyle().Bold(true).Foreground(c("5")),
		Help:     r.NewStyle().Foreground(c("8")),
		Error:    r.NewStyle().Foreground(c("1")),
		Warning:  r.NewStyle().Foreground(c("3")),
		OK:       r.NewStyle().Foreground(c("2")),
		Value:    r.NewStyle().Foreground(c("6")),
		Choice:   r.NewStyle(),
		ChoiceOn: r.NewStyle().Bold(true).Foreground(c("5")),
		Selected: r.NewStyle().Bold(true).Foreground(c("5")),
		Dim:      r.NewStyle().Foreground(c("8")),
		Box:      r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(c("8")).Padding(0, 1),
		Sandbox:  r.NewStyle().Bold(true).Foreground(c("3")),
	}
	key := r.NewStyle().Foreground(c("7")).Bold(true)
	desc := r.NewStyle().Foreground(c("8"))
	sep := r.NewStyle().Foreground(c("8"))
	s.HelpStyle = help.Styles{
		Ellipsis:       sep,
		ShortKey:       key,
		ShortDesc:      desc,
		ShortSeparator: sep,
		FullKey:        key,
		FullDesc:       desc,
		FullSeparator:  sep,
	}
	return s
}
