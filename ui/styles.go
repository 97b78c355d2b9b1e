package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
)

// Theme is every look of the wizard, as huh's theme.go keeps every look of
// a form: named styles, built once from the renderer and NO_COLOR, read by
// every screen and turned into a huh.Theme for the screens huh draws, so
// that the whole program looks like one program.
//
// Colours are plain ANSI ones that read on dark and light terminals alike:
// no adaptive colour, so no terminal query at start-up. Meaning never rests
// on colour alone (markers carry it too), so NO_COLOR loses nothing.
type Theme struct {
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
	Cursor    lipgloss.Style // the text cursor: a reverse cell
	Button    lipgloss.Style // a huh button not chosen
	ButtonOn  lipgloss.Style // the chosen huh button
	HelpStyle help.Styles

	renderer *lipgloss.Renderer
	huh      *huh.Theme // built when a huh screen first opens (huhTheme)
}

// newTheme builds the theme on r; noColor (NO_COLOR) keeps bold, faint,
// underline and reverse (the text cursor is a reverse cell) and drops every
// colour.
func newTheme(r *lipgloss.Renderer, noColor bool) *Theme {
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
	s := &Theme{
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
		Cursor:   st().Reverse(true),
		Button:   st().Padding(0, 1).MarginRight(1),
		ButtonOn: c(st().Bold(true).Reverse(true), "5").Padding(0, 1).MarginRight(1),
		renderer: r,
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

// huhTheme is the theme as huh's: the same styles on the same renderer.
// huh's own ThemeBase is not used: it draws on lipgloss's default renderer
// (whose first colour asks the terminal for its profile) and with its own
// colours.
func (s *Theme) huhTheme() *huh.Theme {
	if s.huh != nil {
		return s.huh
	}
	st := s.renderer.NewStyle
	var t huh.Theme
	t.Form.Base = st()
	t.Group.Base = st()
	t.Group.Title = s.Title
	t.Group.Description = s.Dim
	t.FieldSeparator = st().SetString("\n\n")
	t.Help = s.HelpStyle

	f := &t.Focused
	f.Base = st()
	f.Card = f.Base
	f.Title = s.Label
	f.NoteTitle = s.Title
	f.Description = s.Dim
	f.ErrorIndicator = s.Error.SetString(" ✗")
	f.ErrorMessage = s.Error
	f.SelectSelector = s.Selected.SetString("› ")
	f.Option = s.Choice
	f.NextIndicator = s.Dim.MarginLeft(1).SetString("→")
	f.PrevIndicator = s.Dim.MarginRight(1).SetString("←")
	f.Directory = s.Value
	f.File = s.Choice
	f.MultiSelectSelector = s.Selected.SetString("› ")
	f.SelectedOption = s.ChoiceOn
	f.SelectedPrefix = s.ChoiceOn.SetString("[x] ")
	f.UnselectedOption = s.Choice
	f.UnselectedPrefix = s.Choice.SetString("[ ] ")
	// The chosen button is marked, not only reversed: Ascii terminals
	// and NO_COLOR keep the mark.
	f.FocusedButton = s.ButtonOn.SetString("›")
	f.BlurredButton = s.Button.SetString(" ")
	f.Next = s.ButtonOn
	f.TextInput = huh.TextInputStyles{
		Cursor:      s.Cursor,
		CursorText:  st(),
		Placeholder: s.Dim,
		Prompt:      s.Label,
		Text:        st(),
	}

	t.Blurred = t.Focused
	t.Blurred.SelectSelector = st().SetString("  ")
	t.Blurred.MultiSelectSelector = st().SetString("  ")
	t.Blurred.NextIndicator = st()
	t.Blurred.PrevIndicator = st()
	s.huh = &t
	return s.huh
}
