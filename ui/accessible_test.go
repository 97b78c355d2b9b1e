package ui

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saejob/saejob/model"
)

func runScript(t *testing.T, o Options, lines ...string) string {
	t.Helper()
	out, err := runScriptErr(o, lines...)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return out
}

// runScriptErr runs the plain prompts on the given lines of input.
func runScriptErr(o Options, lines ...string) (string, error) {
	var out bytes.Buffer
	o.Input = strings.NewReader(strings.Join(lines, "\n") + "\n")
	o.Output = &out
	if o.Now == nil {
		o.Now = testOptions().Now
	}
	err := RunAccessible(o)
	return out.String(), err
}

// The plain-prompt mode builds a whole job from piped input, with the same
// steps and rules, and saves it.
func TestAccessibleWholeJobFromPipedInput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "acc.yaml")
	out := runScript(t, Options{Start: StartSteps},
		// Basics: a bad name first (the problem is said at once), then a good one.
		"1bad", "acc-job", "", "", "", "", "", "",
		// Runtime: java (FatJar follows), URL, version, JDK 2 = Open JDK 8.
		"2", "", "https://b.oss-cn-hangzhou.aliyuncs.com/a-1.jar", "1.0", "2", "", "", "",
		// Resources: cpu 3 = 1000, memory (keeps 2048), replicas 1.
		"3", "", "1", "", "", "", "",
		// Command: one variable, item by item.
		"", "", "a", "GREETING", "", "hello", "", "", "", "", "",
		// Trigger: time, keep the preset schedule and zone; Forbid.
		"2", "", "", "", "2",
		// Storage: nothing.
		"", "", "", "", "", "", "", "", "", "", "",
		// Review: save, quit.
		"s", path, "q")
	for _, want := range []string{
		"Step 1 of 6: Basics", `AppName must start with a letter`, "Step 6 of 6: Storage",
		`"AppName": "acc-job"`, "No problems", "Saved to " + path,
	} {
		if !strings.Contains(out, want) {
			t.Fatalf("output lacks %q:\n%s", want, out)
		}
	}
	got, err := model.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if ps := got.Validate(); !ps.Valid() {
		t.Fatalf("invalid: %v", ps)
	}
	if got.PackageType != "FatJar" || got.Jdk != "Open JDK 8" || *got.Cpu != 1000 || len(got.Envs) != 1 ||
		got.TriggerConfig == nil || got.ConcurrencyPolicy != "Forbid" {
		t.Fatalf("saved %+v", got)
	}
}

// Input that ends mid-way keeps the draft.
func TestAccessibleEndOfInputKeepsDraft(t *testing.T) {
	drafts := &DraftStore{Dir: filepath.Join(t.TempDir(), "drafts")}
	out, err := runScriptErr(Options{Start: StartSteps, Drafts: drafts}, "partial-job")
	if !strings.Contains(out, "End of input") || !strings.Contains(out, "kept as a draft") {
		t.Fatalf("output:\n%s", out)
	}
	// Nothing was saved to a file: a script whose answers ran out failed.
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != 1 {
		t.Fatalf("end of input with unsaved work returns %v, want exit status 1", err)
	}
	list, err := drafts.List("")
	if err != nil || len(list) != 1 || list[0].Template.AppName != "partial-job" {
		t.Fatalf("drafts %+v %v", list, err)
	}
}

// Fixing a problem from the review asks just that field.
func TestAccessibleFixFromReview(t *testing.T) {
	tpl := fatJar()
	tpl.Replicas = nil
	path := filepath.Join(t.TempDir(), "job.json")
	out := runScript(t, Options{Template: tpl, Start: StartReview}, "f 1", "2", "s", path, "q")
	if !strings.Contains(out, "Replicas is required") || !strings.Contains(out, "No problems") {
		t.Fatalf("output:\n%s", out)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}

func TestDraftStoreKeepsNoClearSecret(t *testing.T) {
	s := &DraftStore{Dir: filepath.Join(t.TempDir(), "sub", "drafts")}
	tpl := fatJar()
	tpl.OssAkSecret = "s3cr3t"
	tpl.OssAkId = "id"
	if err := s.Save("k", Draft{Step: 2}, tpl); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(s.File("k"))
	if bytes.Contains(data, []byte("s3cr3t")) {
		t.Fatal("the draft holds the clear secret")
	}
	fi, _ := os.Stat(s.File("k"))
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", fi.Mode().Perm())
	}
	d, got, err := s.Load("k")
	if err != nil || d.Step != 2 || got.AppName != tpl.AppName || len(d.SecretsLeftOut) != 1 {
		t.Fatalf("%+v %+v %v", d, got, err)
	}
	tpl.OssAkSecret = "${OSS_AK_SECRET}"
	_ = s.Save("k", Draft{}, tpl)
	_, got, _ = s.Load("k")
	if got.OssAkSecret != "${OSS_AK_SECRET}" {
		t.Fatalf("an environment reference is kept, got %q", got.OssAkSecret)
	}
}

// Plain prompts read a typed cron aloud with its next runs, as the
// full-screen wizard does, and name no full-screen key (issue 8 item 11).
func TestAccessibleCronReadingAndNoScreenKeys(t *testing.T) {
	out := runScript(t, Options{Start: StartSteps},
		"cron-job", "", "", "", "", "", "",
		"2", "", "https://b.oss-cn-hangzhou.aliyuncs.com/a-1.jar", "1.0", "2", "", "", "",
		"3", "", "1", "", "", "", "",
		"", "", "", "", "", "", "",
		// Trigger: time, keep the preset, type a cron, keep the zone, Forbid.
		"2", "", "0 2 * * ?", "", "2",
		"", "", "", "", "", "", "", "", "", "", "",
		"q")
	desc, err := model.DescribeCron("0 2 * * ?")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := model.NextRuns("0 2 * * ?", "GMT+8:00", fixedNow, 1)
	if err != nil || len(runs) == 0 {
		t.Fatal(err)
	}
	mustContain(t, out, "“"+desc+"”", "next: "+runs[0].Format("Mon 2006-01-02 15:04"))
	mustNotContain(t, out, "pgdn", "pgup", "ctrl+r")
}

// Plain prompts offer the draft of the file being edited, as the
// full-screen wizard does.
func TestAccessibleOffersTheFilesDraft(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "job.yaml")
	drafts := &DraftStore{Dir: filepath.Join(dir, "drafts")}
	changed := fatJar()
	changed.AppName = "from-the-draft"
	if err := drafts.Save(PathKey(path), Draft{Saved: fixedNow, Step: -1, Path: path}, changed); err != nil {
		t.Fatal(err)
	}
	out := runScript(t, Options{Template: fatJar(), Path: path, Start: StartReview, Drafts: drafts}, "1", "s", "", "q")
	mustContain(t, out, "Unsaved changes to", "*1) resume the draft", `"AppName": "from-the-draft"`, "Saved to")
}
