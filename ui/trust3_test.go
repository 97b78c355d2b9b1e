package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saejob/saejob/model"
)

// A submit saejob stopped before sending (an unset ${OSS_AK_SECRET}, a
// region mismatch) is not SAE's answer: the review shows no "SAE said",
// the template is not marked unsaved and no draft is written, since
// nothing changed (issue 8 item 7).
func TestPlainLocalFailureIsNotSAEsAnswer(t *testing.T) {
	for _, o := range []model.SubmitOutcome{
		{Status: model.OutcomeStopped, Code: "InvalidParameter.NotEmpty", Field: "OssAkSecret", Message: "OSS_AK_SECRET is not set"},
		{Status: model.OutcomeStopped, Code: "saejob.RegionMismatch", Field: "NamespaceId", Message: "NamespaceId is in cn-shanghai, not cn-hangzhou"},
	} {
		dir := t.TempDir()
		tpl := fatJar()
		tpl.OssAkId, tpl.OssAkSecret = "id", "${OSS_AK_SECRET}"
		tpl.NamespaceId = "cn-shanghai"
		sub := &fakeSubmitter{res: o}
		out, _ := runScripted(t, Options{Template: tpl, Path: filepath.Join(dir, "job.yaml"), Start: StartReview, Submitter: sub, Drafts: &DraftStore{Dir: filepath.Join(dir, "drafts")}},
			scriptStep{"x submit", "x"},
			scriptStep{"Send CreateJob", "y"},
			scriptStep{"Fix " + o.Field + " now?", "n"},
			scriptStep{"x submit", "q"},
		)
		after := out[strings.LastIndex(out, "Not sent"):]
		mustContain(t, after, o.Field+": "+o.Message)
		mustNotContain(t, out, "SAE said", "Your work is kept as a draft")
		if entries, _ := os.ReadDir(filepath.Join(dir, "drafts")); len(entries) > 0 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("%s: a draft was written though nothing changed: %v", o.Code, names)
		}
	}
}

// The wizard's review after a local failure: no "SAE said", not unsaved.
func TestSessionStoppedSubmitKeepsSaved(t *testing.T) {
	m := New(Options{Template: fatJar(), Path: "job.yaml", Submitter: &fakeSubmitter{}})
	m.Submitted(model.SubmitOutcome{Status: model.OutcomeStopped, Code: "saejob.RegionMismatch", Field: "NamespaceId", Message: "wrong region"})
	if m.Unsaved() {
		t.Error("a stopped submit marked the template unsaved")
	}
	found := false
	for _, p := range m.Problems() {
		if p.Field == "NamespaceId" {
			found = true
			if strings.Contains(p.Message, "SAE said") {
				t.Errorf("local failure shown as SAE's answer: %s", p.Message)
			}
		}
	}
	if !found {
		t.Error("the stopped submit's field shows no problem")
	}
	m.Submitted(model.SubmitOutcome{Status: model.OutcomeRefused, Code: "InvalidParameter.X", Field: "Memory", Message: "bad"})
	mustContain(t, fmt.Sprint(m.Problems()), "SAE said InvalidParameter.X")
}

// A key of the file that holds "." or "[" is one name: choosing its
// problem drops (or moves) that very key (issue 8 item 1).
func TestFixUnknownKeyWithDotOrBracket(t *testing.T) {
	for _, key := range []string{"my.key", "a[0]", "x\x1b[31m"} {
		tpl, err := model.Parse([]byte("AppName: nightly-report\n"+quoteKey(key)+": 1\n"), model.YAML, "f.yaml")
		if err != nil {
			t.Fatal(err)
		}
		m := newTestModel(t, tpl, StartReview)
		var p model.Problem
		for _, pr := range m.Problems() {
			if pr.Param() == key {
				p = pr
			}
		}
		if p.Field == "" {
			t.Fatalf("%q: no problem for the key: %v", key, m.Problems())
		}
		m.fix(p)
		if _, ok := m.t.RawText(key); ok {
			t.Errorf("%q: still in the template after the fix (%s)", key, m.status)
		}
		for _, pr := range m.Problems() {
			if pr.Param() == key {
				t.Errorf("%q: problem still listed: %s", key, pr.Message)
			}
		}
		mustContain(t, m.status, "Dropped "+model.Visible(key))
	}
}

func quoteKey(k string) string {
	if strings.ContainsAny(k, "\x1b[") {
		return `"` + strings.ReplaceAll(k, "\x1b", `\e`) + `"`
	}
	return k
}

// After an answer that never came ("may have reached SAE"), a second
// submit says first that the job may exist, with no as the answer Enter
// gives, in both front-ends (never create twice).
func TestPlainSecondSubmitAfterUncertainWarns(t *testing.T) {
	sub := &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeMayExist, Message: "no answer from SAE"}}
	out, p := runScripted(t, Options{Template: fatJar(), Start: StartReview, Submitter: sub},
		scriptStep{"x submit", "x"},
		scriptStep{"Send CreateJob", "y"},
		scriptStep{"x submit", "x"},
		scriptStep{"may have created nightly-report", ""},
		scriptStep{"x submit", "q"},
	)
	if len(sub.got) != 1 {
		t.Fatalf("sent %d times:\n%s", len(sub.got), out)
	}
	asked := strings.Join(p.asked, "\n")
	if i := strings.LastIndex(asked, "may have created"); i < 0 || strings.Count(asked, "Send CreateJob for") != 1 {
		t.Fatalf("second submit not warned first:\n%s", asked)
	}
}

func TestFlowSecondSubmitAfterUncertainWarns(t *testing.T) {
	sub := &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeMayExist, Message: "no answer from SAE"}}
	f := startFlow(t, Options{Template: fatJar(), Path: "job.yaml", Start: StartReview, Submitter: sub})
	f.wait("What will be sent")
	f.keys("x").wait("Send CreateJob")
	f.keys("y").wait("may have reached SAE")
	f.keys("esc").wait("What will be sent")
	f.keys("x").wait("may have created nightly-report")
	f.keys("enter").wait("What will be sent")
	f.finish()
	if len(sub.got) != 1 {
		t.Fatalf("sent %d CreateJob after an uncertain answer, want 1", len(sub.got))
	}
}
