package ui

import (
	"github.com/saejob/saejob/model"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// While the "too small" notice stands in for the wizard, no key but quit
// acts: ctrl+r, x, y sends nothing and pgup changes no step (issue 8
// item 3).
func TestFlowNoKeyActsWhileTooSmall(t *testing.T) {
	sub := &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-1"}}
	f := startFlow(t, Options{Template: fatJar(), Path: "job.yaml", Start: StartSteps, Submitter: sub})
	f.wait("Step 1 of 6")
	f.keys("pgdown").wait("Step 2 of 6")
	f.tm.Send(tea.WindowSizeMsg{Width: 60, Height: 15})
	f.wait("the wizard needs at least 60x16")
	f.keys("ctrl+r", "x", "y", "pgup", "pgup", "a")
	f.tm.Send(tea.KeyMsg{Type: tea.KeyF1})
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
	sub := &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-1"}}
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

// Saving with "write ${OSS_AK_SECRET} instead" changes the file, not the
// session: the typed secret is still what is sent (issue 8 item 7).
func TestFlowSecretPlaceholderChangesOnlyTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "job.yaml")
	tpl := fatJar()
	tpl.OssAkId = "LTAI5tExampleId"
	tpl.OssAkSecret = "typed-secret"
	sub := &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-1"}}
	f := startFlow(t, Options{Template: tpl, Start: StartReview, Submitter: sub})
	f.wait("What will be sent")
	f.keys("s").wait("Save to:")
	f.keys("ctrl+u", path, "enter").wait("holds a clear secret")
	f.keys("e").wait("Saved to")
	f.keys("x").wait("Send CreateJob")
	f.keys("y").wait("app-1")
	m := f.finish()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "${OSS_AK_SECRET}") || strings.Contains(string(data), "typed-secret") {
		t.Fatalf("the file should refer to ${OSS_AK_SECRET}:\n%s", data)
	}
	if m.t.OssAkSecret != "typed-secret" {
		t.Fatalf("the session now holds %q, want the typed secret", m.t.OssAkSecret)
	}
	if len(sub.got) != 1 || sub.got[0].OssAkSecret != "typed-secret" {
		t.Fatalf("sent %d requests, secret %q", len(sub.got), sub.got[0].OssAkSecret)
	}
}

// A failure saejob found before sending is not titled as SAE's answer, and
// carries no text about SAE's codes (issue 8 item 7).
func TestFlowLocalFailureIsNotSAEs(t *testing.T) {
	sub := &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeStopped, Code: "InvalidParameter.NotEmpty", Field: "OssAkSecret",
		Message:     "OssAkSecret refers to the environment variable OSS_AK_SECRET, which is not set: export OSS_AK_SECRET=... or write the value in the file",
		Explanation: "Nothing was sent."}}
	tpl := fatJar()
	tpl.OssAkSecret = "${OSS_AK_SECRET}"
	f := startFlow(t, Options{Template: tpl, Start: StartReview, Submitter: sub})
	f.wait("What will be sent")
	f.keys("x").wait("Send CreateJob")
	f.keys("y").wait("Not sent")
	m := f.finish()
	screen := view(m)
	mustContain(t, screen, "Not sent: saejob stopped before sending", "OSS_AK_SECRET, which is not", "press enter to go to OssAkSecret")
	mustNotContain(t, screen, "SAE refused", "Code:")
	goldenScreen(t, m)
}

// Control characters in what is sent and in what the server answers are
// shown as escapes in the review, the aliyun view, the confirmation and the
// success screen (issue 8 item 4).
func TestFlowControlCharactersShownEscaped(t *testing.T) {
	tpl := fatJar()
	tpl.Command = "rm -rf /data\x1b[2K\rsh"
	tpl.AppDescription = "nightly \u202ereport"
	sub := &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-\x1b[31mred", RequestId: "req-\u202e1", ChangeOrderId: "co-\r1"}}
	f := startFlow(t, Options{Template: tpl, Start: StartReview, Submitter: sub})
	f.wait("What will be sent")
	review := view(f.m)
	f.keys("c").wait("aliyun CLI command")
	aliyunView := view(f.m)
	f.keys("x").wait("Send CreateJob")
	confirmView := view(f.m)
	f.keys("y").wait("Job template created")
	m := f.finish()
	screens := map[string]string{"review": review, "aliyun": aliyunView, "confirm": confirmView, "success": view(m)}
	for name, screen := range screens {
		if strings.ContainsAny(screen, "\x1b\r\u202e") {
			t.Errorf("the %s shows a raw control character:\n%q", name, screen)
		}
		t.Run(name, func(t *testing.T) { goldenText(t, screen) })
	}
	mustContain(t, review, `\u001b[2K\rsh`)
	mustContain(t, aliyunView, `\e[2K\rsh`)
	mustContain(t, confirmView, `nightly-report`)
	mustContain(t, view(m), `app-\e[31mred`, `req-\u202e1`, `co-\r1`)
}

// The screen after a timeout says once how to check, and its commands are
// broken only between arguments, so they paste whole (issue 8 item 12).
func TestFlowTimeoutHelpPastesWhole(t *testing.T) {
	check := "look for job template \"nightly-report\" in the SAE console's job list (region cn-hangzhou), or run\n" +
		"  aliyun sae GET /pop/v1/sam/job/listJobs --region cn-hangzhou --Workload job --CurrentPage 1 --PageSize 20 --FieldType appName --FieldValue nightly-report\n" +
		"and if it is there, check it with\n" +
		"  aliyun sae GET /pop/v1/sam/job/describeJob --region cn-hangzhou --AppId <AppId>"
	msg := "the request was sent to https://sae.cn-hangzhou.aliyuncs.com/pop/v1/sam/job/createJob but no answer came within 30s: the job template may have been created. Do not send it again before checking: " + check
	sub := &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeMayExist, Message: msg, CheckAdvice: check}}
	f := startFlow(t, Options{Template: fatJar(), Start: StartReview, Submitter: sub})
	f.wait("What will be sent")
	f.keys("x").wait("Send CreateJob")
	f.keys("y").wait("may have reached SAE")
	m := f.finish()
	screen := view(m)
	// Joined at its " \" continuations, each command is whole again.
	joined := strings.Join(strings.Fields(strings.ReplaceAll(screen, "\\\n", " ")), " ")
	if n := strings.Count(joined, "in the SAE console"); n != 1 {
		t.Errorf("the screen says %d times where to look:\n%s", n, screen)
	}
	for _, cmd := range []string{
		"aliyun sae GET /pop/v1/sam/job/listJobs --region cn-hangzhou --Workload job --CurrentPage 1 --PageSize 20 --FieldType appName --FieldValue nightly-report",
		"aliyun sae GET /pop/v1/sam/job/describeJob --region cn-hangzhou --AppId <AppId>",
	} {
		if !strings.Contains(joined, cmd) {
			t.Errorf("command %q is broken on screen:\n%s", cmd, screen)
		}
	}
	goldenScreen(t, m)
}

// A confirmation never hides an answer whose key acts, even at the
// smallest size with every key listed (f1): the question gives way.
func TestConfirmKeepsEveryAnswerOnScreen(t *testing.T) {
	m := newTestModel(t, fatJar(), StartReview)
	m.Update(teaSize(60, 16))
	press(m, "f1")
	m.push(&confirm{
		title:    "Overwrite " + strings.Repeat("长路径/", 20) + "job.yaml?",
		question: strings.Repeat("This question is long and wraps over many lines of a small screen. ", 8),
		choices:  []choice{{"y", "yes", nil}, {"n", "no", nil}, {"k", "keep both", nil}},
	})
	screen := view(m)
	for _, want := range []string{"y  yes", "n  no", "k  keep both", "esc  cancel"} {
		mustContain(t, screen, want)
	}
	for _, l := range strings.Split(screen, "\n") {
		if w := lipgloss.Width(l); w > 60 {
			t.Errorf("line %q is %d cells wide at 60 columns", l, w)
		}
	}
}
