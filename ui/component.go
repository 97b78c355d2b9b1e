package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// common is the narrow context a screen component gets, as soft-serve's
// pkg/ui/common.Common: its size, the theme and the keys. It is not the
// root model: a component cannot change the template, the stack or the
// session; it reports what the user chose, and its screen acts on it.
type common struct {
	Width, Height int
	Theme         *Theme
	Keys          *keyMap
}

// common is the context for a screen drawn at width x height.
func (m *Model) common(width, height int) common {
	return common{Width: width, Height: height, Theme: m.styles, Keys: &m.keys}
}

// component is a screen built as soft-serve's pkg/ui/common/component.go
// describes one: a tea.Model with its own key map for the help bar, told
// its size and context before it draws.
type component interface {
	tea.Model
	help.KeyMap
	SetCommon(c common)
}

// The screens' components: the welcome list and its file picker, the
// review's request pane, the confirmations and the save path.
var (
	_ component = (*startList)(nil)
	_ component = (*openFileForm)(nil)
	_ component = (*requestPane)(nil)
	_ component = (*confirmForm)(nil)
	_ component = (*savePathForm)(nil)
)

// newForm is a one-group huh form drawn inside our own screens: our theme,
// no help of its own (the help bar shows its keys), ctrl+c left to the
// root (which keeps the draft), at the screen's width.
func newForm(c common, fields ...huh.Field) *huh.Form {
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	return huh.NewForm(huh.NewGroup(fields...)).
		WithTheme(c.Theme.huhTheme()).
		WithKeyMap(km).
		WithShowHelp(false).
		WithWidth(max(c.Width, 20))
}

// updateForm passes msg to a huh form and takes the form back: huh's
// Update returns a tea.Model.
func updateForm(f *huh.Form, msg tea.Msg) (*huh.Form, tea.Cmd) {
	next, cmd := f.Update(msg)
	if nf, ok := next.(*huh.Form); ok {
		return nf, cmd
	}
	return f, cmd
}

// keepInView scrolls vp the least that shows lines top to bottom-1 of its
// content (a chosen item and its note), preferring top when they do not
// fit: enter must never act on an item the user cannot see. The review's
// problems and the welcome list use it; any list drawn in a viewport can.
func keepInView(vp *viewport.Model, top, bottom int) {
	if bottom-vp.YOffset > vp.Height {
		vp.SetYOffset(bottom - vp.Height)
	}
	if top < vp.YOffset {
		vp.SetYOffset(top)
	}
}
