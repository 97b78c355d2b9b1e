package ui

import (
	"testing"

	"github.com/saejob/saejob/model"
)

// A change order's answer that comes while another screen is on top (the
// save screen, opened from the follow-up) still reaches the follow-up, so
// following never stops for good.
func TestFollowupAnswerWhileSavingIsKept(t *testing.T) {
	m, fu := following(t)
	press(m, "s")
	if _, ok := m.top().(*saveScreen); !ok {
		t.Fatalf("s opened %T, not the save screen", m.top())
	}
	_, cmd := m.Update(changeOrderMsg{seq: fu.seq, co: &ChangeOrder{Code: 1, Status: "executing"}})
	if fu.polls != 1 || fu.co == nil || cmd == nil {
		t.Fatalf("the answer that came while saving was dropped (polls %d, next poll %v)", fu.polls, cmd != nil)
	}
}

// ExecJob's answer after the user left the follow-up is not lost: the
// follow-up records it and the status line says it.
func TestExecAnswerAfterLeavingIsSaid(t *testing.T) {
	m, fu := following(t)
	fu.finished, fu.co = true, &ChangeOrder{Code: 2, Status: "success"}
	fu.execing = true
	press(m, "esc")
	m.Update(execMsg{exec: &Execution{Success: true, Code: "200"}})
	if fu.exec == nil {
		t.Fatal("ExecJob's answer was dropped")
	}
	mustContain(t, view(m), "Run once: started (Code 200).")
}

// following is a wizard that has just created a job and follows its
// change order.
func following(t *testing.T) (*Model, *followup) {
	t.Helper()
	acc := &fakeAccount{where: Where{Region: "cn-hangzhou", Credentials: "environment"}}
	o := testOptions()
	o.Template, o.Start, o.Account, o.Submitter = fatJar(), StartReview, acc, &fakeSubmitter{}
	m := New(o)
	m.Update(teaSize(80, 24))
	m.Update(whereMsg{where: acc.where})
	m.followSubmit(model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-1", ChangeOrderId: "co-1"})
	return m, m.top().(*followup)
}
