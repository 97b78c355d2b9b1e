package ui

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// runKeys runs the full-screen program on piped keys (ctrl+c is \x03).
func runKeys(t *testing.T, keys string, drafts *DraftStore) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := Run(Options{Input: strings.NewReader(keys), Output: &out, Start: StartSteps, Drafts: drafts, Now: testOptions().Now})
	return out.String(), err
}

// Ctrl-C with unsaved work keeps the draft and exits 130, as shells and
// Charm tools do (issue 8 item 9).
func TestRunCtrlCKeepsDraftAndExits130(t *testing.T) {
	drafts := &DraftStore{Dir: filepath.Join(t.TempDir(), "drafts")}
	out, err := runKeys(t, "half\x03", drafts)
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != 130 {
		t.Fatalf("ctrl+c returned %v, want exit status 130\n%s", err, out)
	}
	list, _ := drafts.List("")
	if len(list) != 1 || list[0].Template.AppName != "half" || !strings.Contains(out, "kept as a draft") {
		t.Fatalf("the draft was not kept: %+v\n%s", list, out)
	}
	// Nothing unsaved: still an interrupt, as DESIGN.md's contract says,
	// so a script can tell it from a finished run.
	if _, err := runKeys(t, "\x03", drafts); !errors.As(err, &ee) || ee.Code != 130 {
		t.Fatalf("ctrl+c with nothing unsaved returned %v, want exit status 130", err)
	}
}

// A draft that cannot be written ends with status 1 and the reason, never
// 0 (issue 8 item 9): here the draft folder is a file.
func TestRunDraftFailureExits1(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "drafts")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := runKeys(t, "half\x03", &DraftStore{Dir: notDir})
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != 1 {
		t.Fatalf("a failed draft returned %v, want exit status 1\n%s", err, out)
	}
	if !strings.Contains(out, "Could not keep the draft") || !strings.Contains(ee.Reason, "not a directory") {
		t.Fatalf("the reason is not given: %q\n%s", ee.Reason, out)
	}
}

// The first frame is painted as soon as Bubble Tea asks for it, not on the
// renderer's first tick, and exactly once (issue 9 item 7).
func TestFirstFramePaintedOnce(t *testing.T) {
	m := newTestModel(t, nil, StartSteps)
	var out bytes.Buffer
	ff := &firstFrame{Model: m, out: &out}
	v := ff.View()
	painted := out.String()
	if !strings.HasPrefix(painted, "\x1b[H") || !strings.Contains(plain(painted), "Step 1 of 6") {
		t.Fatalf("the first view was not painted from the top-left corner: %q", painted)
	}
	if strings.Count(painted, "\r\n") != strings.Count(v, "\n") || strings.Contains(strings.ReplaceAll(painted, "\r\n", ""), "\n") {
		t.Fatalf("every line must end in \\r\\n (the terminal is raw): %q", painted)
	}
	if next, _ := ff.Update(teaSize(100, 30)); next != tea.Model(ff) {
		t.Fatalf("Update replaced the wrapper with %T", next)
	}
	ff.View()
	if out.String() != painted {
		t.Fatal("a later view was painted too: only the renderer draws after the first frame")
	}
}

// Sizing the wizard before the program starts (for the first frame) must
// not swallow what the size calls for: the credentials are still looked up
// and the header says where a submit goes.
func TestFirstFrameStillChecksTheCredentials(t *testing.T) {
	acc := &fakeAccount{where: Where{Sandbox: true, Credentials: "sandbox", Region: "cn-hangzhou"}}
	o := testOptions()
	o.Template, o.Start, o.Account = fatJar(), StartSteps, acc
	o.Now = func() time.Time { return fixedNow }
	var out bytes.Buffer
	ff := newFirstFrame(New(o), &out, 80, 24)
	tm := teatest.NewTestModel(t, ff, teatest.WithInitialTermSize(80, 24))
	f := &flow{t: t, tm: tm, m: ff.Model}
	f.wait("→ sandbox cn-hangzhou")
	f.keys("ctrl+c")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// A bug that stops the program keeps the draft but is never reported as
// the user's interrupt: exit 1, not 130.
func TestCrashIsNotAnInterrupt(t *testing.T) {
	for reason, want := range map[string]int{"crash": 1, "interrupt": 130, "hang-up": 129, "terminate": 143, "quit": 0} {
		if got := exitCodeFor(reason); got != want {
			t.Errorf("exitCodeFor(%q) = %d, want %d", reason, got, want)
		}
	}
}
