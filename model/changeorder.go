package model

import (
	"strconv"
	"time"
)

// Change order statuses as `saejob submit --wait --json` reports them: a
// contract with scripts.
const (
	StatusPreparing       = "preparing"
	StatusExecuting       = "executing"
	StatusSuccess         = "success"
	StatusFailed          = "failed"
	StatusTerminated      = "terminated"
	StatusWaiting         = "waiting"
	StatusSystemFailure   = "system-failure"
	StatusPendingApproval = "pending-approval"
	// StatusUnknown is a numeric status the SDK's documentation does not list.
	StatusUnknown = "unknown"
)

// ChangeOrderStatus names a numeric change order status (DescribeChangeOrder
// Data.Status, as the SDK's doc comments list them): 0 preparing,
// 1 executing, 2 executed (success), 3 failed, 6 terminated, 8 waiting for a
// manual batch and 9 for an automatic one (waiting), 10 system failure,
// 11 pending approval, 12 approved and waiting to run (pending-approval).
func ChangeOrderStatus(code int) string {
	switch code {
	case 0:
		return StatusPreparing
	case 1:
		return StatusExecuting
	case 2:
		return StatusSuccess
	case 3:
		return StatusFailed
	case 6:
		return StatusTerminated
	case 8, 9:
		return StatusWaiting
	case 10:
		return StatusSystemFailure
	case 11, 12:
		return StatusPendingApproval
	}
	return StatusUnknown
}

// ChangeOrder is a change order as DescribeChangeOrder returns it, shared by
// package submit, the command line and the wizard. Whether it ended,
// succeeded or waits for a person follows from Code (the methods).
type ChangeOrder struct {
	ChangeOrderId string
	AppId         string
	AppName       string
	// Code is SAE's numeric status; Status its name (ChangeOrderStatus).
	Code         int
	Status       string
	ErrorMessage string
	Description  string
	CreateTime   string
}

// Ended reports whether the change order will not move on by itself: it
// succeeded, failed, was terminated, failed in the system, or waits for a
// person (WaitsForPerson).
func (co *ChangeOrder) Ended() bool {
	switch co.Code {
	case 2, 3, 6, 10:
		return true
	}
	return co.WaitsForPerson()
}

// WaitsForPerson reports whether someone must act in the console: a manual
// batch to start (8) or an approval to give (11).
func (co *ChangeOrder) WaitsForPerson() bool { return co.Code == 8 || co.Code == 11 }

// Succeeded reports whether the change order was executed.
func (co *ChangeOrder) Succeeded() bool { return co.Code == 2 }

// StatusText is the status for people: "executing (1)".
func (co *ChangeOrder) StatusText() string {
	return co.Status + " (" + strconv.Itoa(co.Code) + ")"
}

// PersonAdvice is, for a change order that waits for a person, what it
// waits for and what to do, in the words every screen uses: ("waiting for
// a manual batch", "Start the next batch in the SAE console") for 8,
// ("pending approval", "Ask an approver to approve it in the SAE console")
// for 11; "" otherwise. Each screen adds where the console shows it.
func (co *ChangeOrder) PersonAdvice() (state, action string) {
	switch co.Code {
	case 8:
		return "waiting for a manual batch", "Start the next batch in the SAE console"
	case 11:
		return "pending approval", "Ask an approver to approve it in the SAE console"
	}
	return "", ""
}

// Following a change order: the first wait, the cap, and how many reads in
// a row may fail before following gives up.
const (
	FirstPollWait   = time.Second
	MaxPollWait     = 10 * FirstPollWait
	MaxPollFailures = 3
)

// PollWait is the wait before poll n+1 (n from 0): FirstPollWait, doubling
// after each poll, capped at MaxPollWait.
func PollWait(n int) time.Duration {
	d := FirstPollWait
	for i := 0; i < n && d < MaxPollWait; i++ {
		d *= 2
	}
	return min(d, MaxPollWait)
}
