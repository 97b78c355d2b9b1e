package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// While the "too small" notice stands in for the wizard, no key but quit
// acts: ctrl+r, x, y sends nothing and pgup changes no step (issue 8
// item 3).
func TestFlowNoKeyActsWhileTooSmall(t *testing.T) {
	sub := &fakeSubmitter{res: Submitted{AppId: "app-1"}}
	f := startFlow(t, Options{Template: fatJar(), Path: "job.yaml", Start: StartSteps, Submitter: sub})
	f.wait("Step 1 of 6")
	f.keys("pgdown").wait("Step 2 of 6")
	f.tm.Send(tea.WindowSizeMsg{Width: 60, Height: 15})
	f.wait("the wizard needs at least 60x16")
	f.keys("ctrl+r", "x", "y", "pgup", "pgup", "f1", "a")
	f.tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	f.wait("Step 2 of 6")
	m := f.finish()
	if len(sub.got) != 0 {
		t.Fatalf("keys pressed while the wizard was hidden sent %d CreateJob", len(sub.got))
	}
	if _, ok := m.top().(*wizard); !ok || m.wizard.cur != 1 {
		t.Fatalf("keys acted while hidden: top %T, step %d", m.top(), m.wizard.cur+1)
	}
	if m.help.ShowAll || m.t.AppName != fatJar().AppName {
		t.Fatalf("f1 or typing acted while hidden: help %v, AppName %q", m.help.ShowAll, m.t.AppName)
	}
}

// The same keys at a size that draws the wizard do act (the test above is
// not passing because the keys never arrive).
func TestFlowKeysActWhenDrawn(t *testing.T) {
	sub := &fakeSubmitter{res: Submitted{AppId: "app-1"}}
	f := startFlow(t, Options{Template: fatJar(), Path: "job.yaml", Start: StartSteps, Submitter: sub})
	f.wait("Step 1 of 6")
	f.tm.Send(tea.WindowSizeMsg{Width: 60, Height: 16})
	f.keys("ctrl+r").wait("What will be sent")
	f.keys("x").wait("Send CreateJob")
	f.keys("y").wait("app-1")
	f.finish()
	if len(sub.got) != 1 {
		t.Fatalf("sent %d CreateJob, want 1", len(sub.got))
	}
}
