package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saejob/saejob/model"
)

// editFile writes src to a file and opens it as `saejob edit` does, on the review.
func editFile(t *testing.T, src string) (*flow, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "job.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	tpl, err := model.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return startFlow(t, Options{Template: tpl, Path: path, Start: StartReview}), path
}

func exampleText(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../assets/examples/java-fatjar-cron.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func saveFlow(f *flow) {
	f.keys("ctrl+r").wait("Review")
	f.keys("s").wait("Save to:")
	f.keys("enter").wait("Saved to")
}

// A value the wizard cannot read is shown as written, with its problem,
// and saved back byte for byte; fixed as text, only its line changes.
func TestFlowEditKeepsValueItCannotRead(t *testing.T) {
	envs := "Envs:\n  - name: REPORT_BUCKET\n    value: sales-reports\n  - name: SPRING_PROFILES_ACTIVE\n    value: prod\n"
	bad := `Envs: '[{"name": "A", "value": "x"}, {"name": "OK"'` + "\n"
	src := strings.Replace(exampleText(t), envs, bad, 1)
	f, path := editFile(t, src)
	f.wait("1 problem to fix")
	f.keys("enter").wait("edit as text")
	if strings.Contains(plain(f.m.View()), "(unsaved)") {
		t.Error("jumping to a problem changed the template")
	}
	saveFlow(f)
	if data, _ := os.ReadFile(path); string(data) != src {
		t.Errorf("the file changed:\n%s", data)
	}
	// Edit the text: it loads as a list, and only the Envs line changes.
	f.keys("4").wait("edit as text")
	for i := 0; i < 3; i++ {
		f.keys("tab")
	}
	f.keys("ctrl+r").wait("Review")
	f.keys("enter").wait("edit as text")
	f.keys("ctrl+o").wait("could not be read as a list")
	f.keys(`, "value": "y"}]`, "enter").wait("Envs read: 2 variables")
	f.keys("esc").wait("2 variables")
	saveFlow(f)
	f.finish()
	data, _ := os.ReadFile(path)
	want := strings.Replace(src, bad, "Envs:\n  - name: A\n    value: x\n  - name: OK\n    value: \"y\"\n", 1)
	if string(data) != want {
		t.Errorf("saved:\n%s\nwant:\n%s", data, want)
	}
}

// The value of a misspelt key moves to the parameter it was meant for, in its place.
func TestFlowEditMovesTypoValue(t *testing.T) {
	src := strings.Replace(exampleText(t), "Replicas: 1\n", "Replica: 1 # one at a time\n", 1)
	f, path := editFile(t, src)
	f.wait("2 problems to fix") // Replica unknown, Replicas unset
	f.keys("enter").wait("Moved Replica's value to Replicas")
	f.keys("ctrl+r").wait("No problems")
	f.keys("s").wait("Save to:")
	f.keys("enter").wait("Saved to")
	f.finish()
	data, _ := os.ReadFile(path)
	if want := strings.Replace(src, "Replica: 1", "Replicas: 1", 1); string(data) != want {
		t.Errorf("saved:\n%s\nwant:\n%s", data, want)
	}
}

// Changing one value of an example changes one line of its file.
func TestFlowEditChangesOnlyWhatChanged(t *testing.T) {
	src := exampleText(t)
	f, path := editFile(t, src)
	f.wait("No problems")
	f.keys("1").wait("Step 1 of 6")
	f.keys("-v2").wait("nightly-report-v2")
	saveFlow(f)
	f.finish()
	data, _ := os.ReadFile(path)
	if want := strings.Replace(src, "AppName: nightly-report\n", "AppName: nightly-report-v2\n", 1); string(data) != want {
		t.Errorf("saved:\n%s\nwant:\n%s", data, want)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want the file's own 0644", fi.Mode().Perm())
	}
}

// A read-only file is not replaced; the wizard says why in one line.
func TestFlowSaveRefusesReadOnlyFile(t *testing.T) {
	src := exampleText(t)
	f, path := editFile(t, src)
	os.Chmod(path, 0o444)
	f.wait("No problems")
	f.keys("s").wait("Save to:")
	f.keys("enter").wait("is read-only")
	f.finish()
	if data, _ := os.ReadFile(path); string(data) != src {
		t.Errorf("read-only file changed")
	}
}

// A number the wizard cannot read is shown as written in its choice, stays a
// problem, and is saved back as written until another value is chosen.
func TestFlowEditKeepsUnreadableNumber(t *testing.T) {
	src := strings.Replace(exampleText(t), "Cpu: 1000\n", "Cpu: lots # ask ops\n", 1)
	f, path := editFile(t, src)
	f.wait("1 problem to fix")
	f.keys("enter").wait("lots (not valid)")
	saveFlow(f)
	if data, _ := os.ReadFile(path); string(data) != src {
		t.Errorf("the file changed:\n%s", data)
	}
	if f.m.t.Validate().Valid() {
		t.Error("the raw Cpu must keep the template invalid")
	}
	f.keys("3").wait("Step 3 of 6")
	f.keys("left").wait("32 cores")
	saveFlow(f)
	f.finish()
	data, _ := os.ReadFile(path)
	if want := strings.Replace(src, "Cpu: lots # ask ops\n", "Cpu: 32000 # ask ops\n", 1); !strings.HasPrefix(string(data), want[:strings.Index(want, "Memory")]) {
		t.Errorf("saved:\n%s\nwant:\n%s", data, want)
	}
}

// A failed save says why in one sentence that fits the status line.
func TestFlowSaveToMissingFolder(t *testing.T) {
	f, _ := editFile(t, exampleText(t))
	f.wait("No problems")
	f.keys("s").wait("Save to:")
	f.keys("ctrl+u", "/nonexistent/dir/job.yaml", "enter").wait("Not saved: the folder /nonexistent/dir does not exist")
	m := f.finish()
	if strings.Contains(m.status, "tmp") {
		t.Errorf("status names the temporary file: %q", m.status)
	}
}
