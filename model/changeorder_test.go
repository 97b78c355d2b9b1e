package model

import (
	"strings"
	"testing"
	"time"
)

func TestPollWait(t *testing.T) {
	for n, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second} {
		if got := PollWait(n); got != want {
			t.Errorf("PollWait(%d) = %s, want %s", n, got, want)
		}
	}
	if PollWait(1000) != MaxPollWait {
		t.Error("no cap")
	}
}

func TestChangeOrderStates(t *testing.T) {
	for _, tc := range []struct {
		code                     int
		status                   string
		ended, succeeded, person bool
		state                    string
	}{
		{0, StatusPreparing, false, false, false, ""},
		{1, StatusExecuting, false, false, false, ""},
		{2, StatusSuccess, true, true, false, ""},
		{3, StatusFailed, true, false, false, ""},
		{6, StatusTerminated, true, false, false, ""},
		{8, StatusWaiting, true, false, true, "waiting for a manual batch"},
		{9, StatusWaiting, false, false, false, ""},
		{10, StatusSystemFailure, true, false, false, ""},
		{11, StatusPendingApproval, true, false, true, "pending approval"},
		{12, StatusPendingApproval, false, false, false, ""},
		{42, StatusUnknown, false, false, false, ""},
	} {
		co := &ChangeOrder{Code: tc.code, Status: ChangeOrderStatus(tc.code)}
		state, action := co.PersonAdvice()
		if co.Status != tc.status || co.Ended() != tc.ended || co.Succeeded() != tc.succeeded || co.WaitsForPerson() != tc.person || state != tc.state || (state == "") != (action == "") {
			t.Errorf("%d: %q ended %v succeeded %v person %v advice %q %q", tc.code, co.Status, co.Ended(), co.Succeeded(), co.WaitsForPerson(), state, action)
		}
	}
}

func TestReadAdvice(t *testing.T) {
	for _, tc := range []struct{ cause, want string }{
		{CauseThrottled, "SAE is busy (flow control). Wait a little, then run it again."},
		{CauseKey, "SAE refused the key: check the AccessKey ID and secret"},
		{CauseDenied, "grant it SAE read access (for example the AliyunSAEReadOnlyAccess policy) in RAM, then run it again."},
		{CauseNoAnswer, ""},
		{"", ""},
	} {
		got := ReadAdvice(tc.cause, "run it again")
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("ReadAdvice(%q) = %q, want %q in it", tc.cause, got, tc.want)
		}
	}
}
