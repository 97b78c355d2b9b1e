package ui

// signalMsg says the process got a signal (interrupt, terminate, hang-up):
// keep the draft and quit.
type signalMsg struct{ name string }

// draftTickMsg fires a pause after a change; only the latest one writes.
type draftTickMsg struct{ seq int }

// submitDoneMsg carries the Submitter's answer.
type submitDoneMsg struct {
	result Submitted
	err    error
}
