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
	// chose carries what the user chose on a screen (a confirmation's
	// answer, a way to start): the root does what the screen's builder
	// said it does.
	chose struct{ do func(m *Model) tea.Cmd }
	// stopLoad asks the root to stop the account read under key, forget
	// what was to follow it, and close the top screen (which waited for it).
	stopLoad struct{ key string }
	// draftDue says the template changed: the root schedules the draft.
	draftDue struct{}
	// jumpTo asks the root to go to the field of a problem (Model.jump).
	jumpTo struct{ field string }
	// openSave asks the root to open the save screen.
	openSave struct{}
	// submitMsg asks the root to start a submit (its checks and its
	// confirmation first).
	submitMsg struct{}
	// toStep asks the root to close the review and go to step i (-1: the
	// step the user was on).
	toStep struct{ i int }
	// fixProblem asks the root to go to where a problem is fixed (Model.fix).
	fixProblem struct{ p model.Problem }
	// deleteDraftMsg asks the root to delete a draft listed on the
	// welcome screen sm (after asking).
	deleteDraftMsg struct {
		sm *startMenu
		e  DraftEntry
	}
	// openReviewMsg asks the root to show the review on top of the steps.
	openReviewMsg struct{}
	// quietChange says the screen changed the template back: validate
	// again, and write no draft (Model.changedQuiet).
	quietChange struct{}
	// accountKeyMsg asks the root to open the account's choices for km on
	// field f (Model.accountKey).
	accountKeyMsg struct {
		f  *field
		km tea.KeyMsg
	}
	// editField asks the root to open $EDITOR on a field's text.
	editField struct{ f *field }
	// cancelRead asks the root to stop the account read under key.
	cancelRead struct{ key string }
	// refetch asks the root to read a chooser's list again (its fetch).
	refetch struct{ c *chooser }
	// picked carries the entry chosen on a chooser: the root does its pick.
	picked struct {
		c  *chooser
		it choiceItem
	}
	// runOnce says the user confirmed one run of the job now (followup).
	runOnce struct{}
	// openFileMsg asks the root to open a template file; when it cannot,
	// the root answers the top screen with an openFailed.
	openFileMsg struct{ path string }
	// openFailed says why a file could not be opened.
	openFailed struct {
		path string
		err  error
	}
	// saveToMsg asks the root to save the template to path (Model.saveTo).
	saveToMsg struct{ path string }
)

// flashed is a flashMsg of a formatted text.
func flashed(bad bool, format string, a ...any) flashMsg {
	return flashMsg{text: fmt.Sprintf(format, a...), bad: bad}
}
