package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saejob/saejob/assets"
	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
	"github.com/saejob/saejob/ui"
)

// runWizardCmd runs the command line with piped stdin (so the wizard uses
// plain prompts) and a draft in a temporary directory.
func runWizardCmd(t *testing.T, stdin string, args ...string) (code int, stderr string, draft string) {
	t.Helper()
	return runWizardCmdIn(t, filepath.Join(t.TempDir(), "drafts"), stdin, args...)
}

// runWizardCmdIn is runWizardCmd with the draft folder given; draft is the
// one draft written there, if any.
func runWizardCmdIn(t *testing.T, dir, stdin string, args ...string) (code int, stderr string, draft string) {
	t.Helper()
	env := map[string]string{"SAEJOB_DRAFT": dir}
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string { return env[k] }}
	code = run(args, a)
	if out.Len() > 0 {
		t.Errorf("the wizard wrote to stdout: %q", out.String())
	}
	drafts, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(drafts) == 1 {
		draft = drafts[0]
	}
	return code, errb.String(), draft
}

func TestNewFromExampleWithPipedInput(t *testing.T) {
	// Input ends before anything is saved: the work is kept as a draft and
	// the exit status says the script did not finish (1).
	code, stderr, draft := runWizardCmd(t, "changed-name\n", "new", "--from", "java-fatjar-cron")
	if code != 1 || !strings.Contains(stderr, "Step 1 of 6: Basics") || !strings.Contains(stderr, "kept as a draft") {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	data, err := os.ReadFile(draft)
	if err != nil || !bytes.Contains(data, []byte("changed-name")) {
		t.Fatalf("draft: %v\n%s", err, data)
	}
}

func TestNewFromUnknown(t *testing.T) {
	code, stderr, _ := runWizardCmd(t, "", "new", "--from", "no-such-thing")
	if code != exitUsage || !strings.Contains(stderr, "java-fatjar-cron") {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
}

func TestEditSavesBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "job.yaml")
	if err := os.WriteFile(path, []byte("AppName: edited\nPackageType: Image\nImageUrl: registry.cn-hangzhou.aliyuncs.com/a/b:1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The review lists the missing Replicas; fix it, save, quit.
	code, stderr, _ := runWizardCmd(t, "f 1\n2\ns\n\nq\n", "edit", path)
	if code != 0 || !strings.Contains(stderr, "Saved to "+path) {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	got, err := model.Load(path)
	if err != nil || got.Replicas == nil || *got.Replicas != 2 {
		t.Fatalf("%+v %v", got, err)
	}
}

func TestEditRefusesOtherFiles(t *testing.T) {
	code, stderr, _ := runWizardCmd(t, "", "edit", "notes.txt")
	if code != exitUsage || !strings.Contains(stderr, ".yaml") {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
}

func TestWizardRootHook(t *testing.T) {
	if wizardRoot == nil {
		t.Fatal("wizard.go sets wizardRoot")
	}
	a := &app{stdin: strings.NewReader("1\n"), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }}
	root := newRoot(a) // calls wizardRoot
	if root.RunE == nil || root.Flags().Lookup("accessible") == nil {
		t.Fatal("the root does not start the wizard")
	}
}

func TestBareSaejobStartsTheWizard(t *testing.T) {
	code, stderr, _ := runWizardCmd(t, "1\nfirst-job\n")
	if code != 1 || !strings.Contains(stderr, "How do you want to start?") || !strings.Contains(stderr, "Step 1 of 6") {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	code, stderr, _ = runWizardCmd(t, "", "nosuchcommand")
	if code != exitUsage {
		t.Fatalf("an unknown command exits %d:\n%s", code, stderr)
	}
}

// The wizard's review shows byte for byte what preview --format json prints.
func TestReviewShowsWhatPreviewPrints(t *testing.T) {
	for _, ex := range assets.Examples() {
		tpl, err := model.Parse(ex.Data, model.YAML, ex.FileName())
		if err != nil {
			t.Fatal(err)
		}
		tpl.OssAkSecret = `s3"cr<et>`
		for _, show := range []bool{false, true} {
			if got, want := ui.PreviewText(tpl, show), string(tpl.PreviewJSON(show)); got != want {
				t.Errorf("%s: review shows\n%s\npreview prints\n%s", ex.Name, got, want)
			}
		}
	}
}

// A draft that cannot be kept fails the command with the reason (issue 8
// item 9): here $SAEJOB_DRAFT names a file, not a folder.
func TestWizardDraftFailureExits1(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "drafts")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, stderr, _ := runWizardCmdIn(t, notDir, "changed-name\n", "new", "--from", "java-fatjar-cron")
	if code != 1 || !strings.Contains(stderr, "Could not keep the draft") || !strings.Contains(stderr, "not a directory") {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	// Quitting at the review with everything saved is a success.
	path := filepath.Join(t.TempDir(), "job.yaml")
	ex, _ := assets.Find("java-fatjar-cron")
	if err := os.WriteFile(path, ex.Data, 0o600); err != nil {
		t.Fatal(err)
	}
	code, stderr, _ = runWizardCmdIn(t, notDir, "s\n\nq\n", "edit", path)
	if code != 0 {
		t.Fatalf("exit %d after saving:\n%s", code, stderr)
	}
}

// An unset ${NAME} secret stops the wizard's submit before anything is
// sent, and the wizard is told it is saejob's refusal, not SAE's (issue 8
// item 7).
func TestWizardSubmitterLocalRefusal(t *testing.T) {
	ex, _ := assets.Find("java-fatjar-cron")
	tpl, err := model.Parse(ex.Data, model.YAML, ex.FileName())
	if err != nil {
		t.Fatal(err)
	}
	tpl.OssAkId = "LTAI5tExample"
	tpl.OssAkSecret = "${OSS_AK_SECRET}"
	s := &wizardSubmitter{opts: submit.Options{Region: "cn-hangzhou", Endpoint: "http://127.0.0.1:1", Getenv: func(string) string { return "" }}}
	o := s.Submit(context.Background(), tpl)
	if o.Status != model.OutcomeStopped || !strings.Contains(o.Message, "OSS_AK_SECRET") || o.FaultField() != "OssAkSecret" {
		t.Fatalf("got %#v", o)
	}
}

// A namespace of another region is refused before sending, at its field,
// as saejob's own refusal, never as SAE's.
func TestWizardSubmitterRegionMismatch(t *testing.T) {
	ex, _ := assets.Find("java-fatjar-cron")
	tpl, err := model.Parse(ex.Data, model.YAML, ex.FileName())
	if err != nil {
		t.Fatal(err)
	}
	tpl.NamespaceId = "cn-shanghai:batch"
	s := &wizardSubmitter{opts: submit.Options{Region: "cn-hangzhou", Endpoint: "http://127.0.0.1:1", Getenv: func(string) string { return "" }}}
	o := s.Submit(context.Background(), tpl)
	if o.Status != model.OutcomeStopped || o.FaultField() != "NamespaceId" || !strings.Contains(o.Explanation, "cn-shanghai") {
		t.Fatalf("got %#v", o)
	}
}
