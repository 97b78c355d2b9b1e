package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saejob/saejob/model"
)

func runScript(t *testing.T, o Options, lines ...string) string {
	t.Helper()
	var out bytes.Buffer
	o.Input = strings.NewReader(strings.Join(lines, "\n") + "\n")
	o.Output = &out
	if o.Now == nil {
		o.Now = testOptions().Now
	}
	if err := RunAccessible(o); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	return out.String()
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
	drafts := &DraftStore{Path: filepath.Join(t.TempDir(), "draft.json")}
	out := runScript(t, Options{Start: StartSteps, Drafts: drafts}, "partial-job")
	if !strings.Contains(out, "End of input") || !strings.Contains(out, "kept as a draft") {
		t.Fatalf("output:\n%s", out)
	}
	_, tpl, err := drafts.Load()
	if err != nil || tpl == nil || tpl.AppName != "partial-job" {
		t.Fatalf("draft %+v %v", tpl, err)
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
	s := &DraftStore{Path: filepath.Join(t.TempDir(), "sub", "draft.json")}
	tpl := fatJar()
	tpl.OssAkSecret = "s3cr3t"
	tpl.OssAkId = "id"
	if err := s.Save(Draft{Step: 2}, tpl); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(s.Path)
	if bytes.Contains(data, []byte("s3cr3t")) {
		t.Fatal("the draft holds the clear secret")
	}
	fi, _ := os.Stat(s.Path)
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", fi.Mode().Perm())
	}
	d, got, err := s.Load()
	if err != nil || d.Step != 2 || got.AppName != tpl.AppName || len(d.SecretsLeftOut) != 1 {
		t.Fatalf("%+v %+v %v", d, got, err)
	}
	tpl.OssAkSecret = "${OSS_AK_SECRET}"
	_ = s.Save(Draft{}, tpl)
	_, got, _ = s.Load()
	if got.OssAkSecret != "${OSS_AK_SECRET}" {
		t.Fatalf("an environment reference is kept, got %q", got.OssAkSecret)
	}
}
