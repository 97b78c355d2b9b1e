package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"
)

// signalMsg says the process got a signal (interrupt, terminate, hang-up):
// keep the draft and quit.
type signalMsg struct{ name string }

// draftTickMsg fires a pause after a change; only the latest one writes.
type draftTickMsg struct{ seq int }

// submitDoneMsg carries what came of the submit.
type submitDoneMsg struct{ outcome model.SubmitOutcome }

// The messages a screen tells the root (common.tell): the root owns the
// stack of screens, the status line and the draft.
type (
	// pushScreen opens a screen on top of the stack.
	pushScreen struct{ s screen }
	// popScreen closes the top screen.
	popScreen struct{}
	// flashMsg says text on the status line; bad draws it as an error.
	flashMsg struct {
		text string
		bad  bool
	}
	// appliedMsg says the user set a field: the root applies what follows
	// from it (Model.apply).
	appliedMsg struct{ f *field }
	// answered carries the answer the user chose on a confirmation: the
	// root does what its asker said it does.
	answered struct{ do func(m *Model) tea.Cmd }
	// saveToMsg asks the root to save the template to path (Model.saveTo).
	saveToMsg struct{ path string }
)

// flashed is a flashMsg of a formatted text.
func flashed(bad bool, format string, a ...any) flashMsg {
	return flashMsg{text: fmt.Sprintf(format, a...), bad: bad}
}
