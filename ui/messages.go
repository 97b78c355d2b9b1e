package ui

import "github.com/saejob/saejob/model"

// signalMsg says the process got a signal (interrupt, terminate, hang-up):
// keep the draft and quit.
type signalMsg struct{ name string }

// draftTickMsg fires a pause after a change; only the latest one writes.
type draftTickMsg struct{ seq int }

// submitDoneMsg carries what came of the submit.
type submitDoneMsg struct{ outcome model.SubmitOutcome }
