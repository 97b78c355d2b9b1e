package ui

import (
	"github.com/saejob/saejob/model"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The submit question, a huh.Confirm: esc and n go back to the review with
// nothing sent; ← and enter (yes chosen) send once; y sends at once.
func TestFlowConfirmYesNoEsc(t *testing.T) {
	fake := &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-1"}}
	f := startFlow(t, Options{Template: fatJar(), Start: StartReview, Submitter: fake})
	f.wait("No problems")
	f.keys("x").wait("› no, back to the review (n)")
	f.keys("esc").wait("x submit")
	f.keys("x").wait("Send CreateJob")
	f.keys("n").wait("x submit")
	if len(fake.got) != 0 {
		t.Fatalf("esc or n sent %d requests", len(fake.got))
	}
	f.keys("x").wait("› no, back to the review (n)")
	f.keys("left").wait("› yes, send it (y)")
	f.keys("enter").wait("Job template created")
	m := f.finish()
	if len(fake.got) != 1 {
		t.Fatalf("yes sent %d requests", len(fake.got))
	}
	mustContain(t, view(m), "app-1")

	fake = &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-2"}}
	f = startFlow(t, Options{Template: fatJar(), Start: StartReview, Submitter: fake})
	f.wait("No problems")
	f.keys("x").wait("Send CreateJob")
	f.keys("y").wait("Job template created")
	f.finish()
	if len(fake.got) != 1 {
		t.Fatalf("y sent %d requests", len(fake.got))
	}
}

// Saving to a .txt path is refused by the save form with the reason, and
// nothing is written; a .json path then saves.
func TestFlowSavePathValidation(t *testing.T) {
	dir := t.TempDir()
	f := startFlow(t, Options{Template: fatJar(), Start: StartReview})
	f.wait("No problems")
	f.keys("s").wait("Save to:")
	f.keys("ctrl+u", filepath.Join(dir, "job.txt"), "enter").wait(`Unknown file type ".txt"`)
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a refused path wrote %v", entries)
	}
	f.keys("ctrl+u", filepath.Join(dir, "job.json"), "enter").wait("Saved to")
	f.finish()
	data, err := os.ReadFile(filepath.Join(dir, "job.json"))
	if err != nil || !strings.Contains(string(data), `"AppName": "nightly-report"`) {
		t.Fatalf("job.json: %v\n%s", err, data)
	}
}

// "Open a template file…" is a huh.FilePicker limited to .yaml, .yml and
// .json: enter on a .txt file opens nothing, a folder opens, and a .yaml
// file opens in the review.
func TestFlowFilePickerOpensYAML(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	src, err := os.ReadFile(filepath.Join(origWD(t), "../assets/examples/java-fatjar-cron.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir("jobs", 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"jobs/nightly.yaml": src, "notes.txt": []byte("x")} {
		if err := os.WriteFile(name, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f := startFlow(t, Options{})
	f.wait("Open a template file")
	f.keys("down", "enter").wait("Only .yaml, .yml and .json files open")
	f.keys("down", "enter", "up", "enter").wait("nightly.yaml")
	f.keys("enter").wait("What will be sent")
	m := f.finish()
	if m.path != filepath.Join("jobs", "nightly.yaml") || m.t.AppName != "nightly-report" {
		// enter on notes.txt opened nothing: the .yaml file is what opened.
		t.Fatalf("opened %q, AppName %q", m.path, m.t.AppName)
	}
}

// origWD is the package folder, read before a test changes folder.
var pkgDir, _ = os.Getwd()

func origWD(t *testing.T) string { return pkgDir }
