package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"
	"testing"
	"time"
)

// When every read of the change order fails, the result still reads the
// job back (or says it could not): never "Reading the job back…" for ever.
func TestFlowFollowupReadsJobWhenOrderUnreadable(t *testing.T) {
	sb := newSandbox(t)
	acc := newSandboxAccount(sb)
	acc.orderErr = &ReadError{Operation: "DescribeChangeOrder", Reason: "no answer within 15s", Cause: model.CauseNoAnswer}
	tpl := fatJar()
	tpl.NamespaceId, tpl.AppName = "cn-hangzhou:dev", "unreadable-order"
	f := startFlow(t, Options{Submitter: sb, Account: acc, Template: tpl, Start: StartReview, PollEvery: time.Millisecond})
	f.wait("→ sandbox cn-hangzhou")
	f.keys("x").wait("Send CreateJob")
	f.keys("y")
	waitAll(f, "Could not follow the change order: no answer within 15s", "unreadable-order in cn-hangzhou:dev")
	m := f.finish()
	mustNotContain(t, view(m), "Reading the job back")
	if got := actions(sb); got["CreateJob"] != 1 || got["DescribeJob"] != 1 {
		t.Errorf("requests = %v; want one CreateJob and one DescribeJob", got)
	}
}

// A key SAE refuses is found before the confirmation, not after y: the
// header says so, the advice is about the key, and nothing is sent.
func TestFlowKeyRefusedBeforeConfirm(t *testing.T) {
	sb := newSandbox(t)
	acc := newSandboxAccount(sb)
	acc.secret = "not-the-secret"
	acc.where = &Where{Region: "cn-hangzhou", RegionFrom: "--region", Credentials: "environment"}
	tpl := fatJar()
	tpl.NamespaceId, tpl.AppName = "cn-hangzhou:dev", "key-check"
	f := startFlow(t, Options{Submitter: sb, Account: acc, Template: tpl, Start: StartReview})
	f.wait("→ cn-hangzhou · environment")
	f.keys("x")
	waitAll(f, "SAE refused the key: nothing can be sent with it", "SignatureDoesNotMatch", "→ cn-hangzhou · environment: key refused")
	m := f.finish()
	mustNotContain(t, view(m), "Send CreateJob")
	if got := actions(sb); got["CreateJob"] != 0 {
		t.Errorf("requests = %v; a refused key must stop before CreateJob", got)
	}
}

// The key is checked once, with a spinner, when no read has shown yet that
// SAE accepts it; a network failure says so and still offers to save.
func TestKeyCheckNoAnswerOffersSave(t *testing.T) {
	acc := &fakeAccount{where: Where{Region: "cn-hangzhou", Credentials: "environment"}}
	o := testOptions()
	o.Template, o.Start, o.Submitter, o.Account = fatJar(), StartReview, &fakeSubmitter{}, acc
	m := New(o)
	m.Update(teaSize(80, 24))
	m.Update(whereMsg{where: acc.where})
	press(m, "x")
	mustContain(t, view(m), "Checking the key with SAE before asking")
	l := m.loaded(keyCheckKey)
	if l == nil || !l.loading {
		t.Fatal("x did not check the key first")
	}
	m.Update(accountLoadedMsg{key: keyCheckKey, seq: l.seq, err: &ReadError{Operation: "DescribeRegions", Reason: "could not reach https://sae.cn-hangzhou.aliyuncs.com", Cause: model.CauseNoAnswer}})
	got := view(m)
	mustContain(t, got, "Could not check the key with SAE", "could not reach", "Check the network", "save the template to a file")
	mustNotContain(t, got, "Send CreateJob")
	// A read that worked: the next x asks at once.
	press(m, "esc")
	m.acct().noteRead(nil)
	press(m, "x")
	mustContain(t, view(m), "Send CreateJob")
}

// A namespace of another region is shown before the confirmation.
func TestFlowRegionMismatchBeforeConfirm(t *testing.T) {
	sb := newSandbox(t)
	tpl := fatJar()
	tpl.NamespaceId, tpl.AppName = "cn-shanghai:batch", "elsewhere"
	f := startFlow(t, Options{Submitter: sb, Account: newSandboxAccount(sb), Template: tpl, Start: StartReview})
	// The review lists it as a problem before anything is asked.
	waitAll(f, "→ sandbox cn-hangzhou", "is a namespace of cn-shanghai")
	f.keys("x").wait("Fix the 1 problem first")
	m := f.finish()
	mustNotContain(t, view(m), "Send CreateJob")
	if got := actions(sb); got["CreateJob"] != 0 {
		t.Errorf("requests = %v", got)
	}
}

// Advice fits the cause of a failed read.
func TestReadAdviceByCause(t *testing.T) {
	for _, tc := range []struct {
		cause, want, not string
	}{
		{model.CauseKey, "SAE refused the key", "f5 tries again"},
		{model.CauseThrottled, "wait a little, then f5", "submit"},
		{model.CauseDenied, "grant it SAE read access", "f5 tries again"},
		{model.CauseNoAnswer, "f5 tries again", "refused"},
	} {
		acc := &fakeAccount{where: Where{Region: "cn-hangzhou", Credentials: "environment"}}
		o := testOptions()
		o.Template, o.Start, o.Account = fatJar(), StartSteps, acc
		m := New(o)
		m.Update(teaSize(80, 24))
		m.Update(whereMsg{where: acc.where})
		press(m, "tab", "tab", "ctrl+o")
		l := m.loaded("namespaces|cn-hangzhou")
		m.Update(accountLoadedMsg{key: "namespaces|cn-hangzhou", seq: l.seq, err: &ReadError{Operation: "DescribeNamespaceList", Reason: "a reason", Cause: tc.cause}})
		got := strings.Join(strings.Fields(view(m)), " ")
		if !strings.Contains(got, tc.want) || strings.Contains(got, tc.not) {
			t.Errorf("%s: want %q, not %q:\n%s", tc.cause, tc.want, tc.not, got)
		}
	}
}

// A submit saejob refused itself is not "SAE said" in the review.
func TestLocalRefusalIsNotSAEs(t *testing.T) {
	m := newTestModel(t, fatJar(), StartReview)
	m.push(newSubmitting(m))
	m.Update(submitDoneMsg{outcome: model.SubmitOutcome{Status: model.OutcomeStopped, Code: "saejob.RegionMismatch", Field: "NamespaceId", Message: "NamespaceId x is a namespace of cn-shanghai, but the job would go to cn-hangzhou."}})
	press(m, "esc")
	got := view(m)
	mustContain(t, got, "saejob stopped it before sending (saejob.RegionMismatch)")
	mustNotContain(t, got, "SAE said saejob.")
}

// The one-line reason names the missing piece, never ends in ":".
func TestFirstSentenceNamesMissingPiece(t *testing.T) {
	for in, want := range map[string]string{
		"no usable Alibaba Cloud credentials:\n  environment: ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set\nSet up Alibaba Cloud credentials in one of these ways:": "no usable Alibaba Cloud credentials: environment: ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set",
		"profile \"nope\" was not found\nSet up Alibaba Cloud credentials in one of these ways:":                                                                  "profile \"nope\" was not found",
		"no Alibaba Cloud credentials found: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set":                                         "no Alibaba Cloud credentials found",
		"":   "no reason given",
		"x:": "x",
	} {
		if got := firstSentence(in); got != want {
			t.Errorf("firstSentence(%q) = %q, want %q", in, got, want)
		}
	}
}

// A webhook address is never cut: label above, the address whole.
func TestFollowupLongWebhookWhole(t *testing.T) {
	long := "https://" + strings.Repeat("a1b2c3d4", 12) + ".cn-hangzhou.sae-job.example.com/run?token=xyz"
	fu := &followup{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-9", ChangeOrderId: "co-9"}, region: "cn-hangzhou", finished: true,
		co:  &ChangeOrder{Code: 2, Status: "success"},
		job: &DescribedJob{AppId: "app-9", AppName: "etl", Template: fatJar(), PublicWebHookUrls: []string{long}}}
	m := newTestModel(t, fatJar(), StartReview)
	m.push(fu)
	got := view(m)
	mustContain(t, got, "HTTP trigger (public)")
	joined := strings.ReplaceAll(strings.ReplaceAll(got, "\n", ""), " ", "")
	if !strings.Contains(joined, long) {
		t.Errorf("the address is cut:\n%s", got)
	}
	if strings.Contains(got, "…") {
		t.Errorf("an ellipsis in the details:\n%s", got)
	}
}

// The region chooser opens on the current region, marked.
func TestFlowRegionChooserStartsOnCurrent(t *testing.T) {
	sb := newSandbox(t)
	acc := newSandboxAccount(sb)
	acc.where = &Where{Region: "cn-shanghai", RegionFrom: "--region", Credentials: "sandbox", Sandbox: true}
	tpl := fatJar()
	tpl.NamespaceId = ""
	f := startFlow(t, Options{Submitter: sb, Account: acc, Template: tpl, Start: StartSteps})
	f.wait("→ sandbox cn-shanghai")
	f.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlG})
	f.wait("› cn-shanghai  (now)")
	f.finish()
}

// The equivalent command quotes the path and names the profile and endpoint.
func TestSubmitLineQuotesAndNamesProfile(t *testing.T) {
	m := newTestModel(t, fatJar(), StartReview)
	m.path = "/tmp/my jobs/it's.yaml"
	m.acct().where = &Where{Region: "cn-hangzhou", Credentials: "profile work", Profile: "work", Endpoint: "https://sae-vpc.cn-hangzhou.aliyuncs.com"}
	want := `saejob submit '/tmp/my jobs/it'\''s.yaml' --region cn-hangzhou --profile work --endpoint https://sae-vpc.cn-hangzhou.aliyuncs.com`
	if got := submitLine(m.Session, m.acct().where, "cn-hangzhou"); got != want {
		t.Errorf("submitLine = %s\nwant           %s", got, want)
	}
	m.path, m.acct().where = "", &Where{Region: "cn-hangzhou"}
	if got := submitLine(m.Session, m.acct().where, "cn-hangzhou"); got != "saejob submit FILE --region cn-hangzhou" {
		t.Errorf("submitLine = %s", got)
	}
}

// A job of the same name is a warning in the review and on the
// confirmation, not "No problems".
func TestFlowNameTakenInReviewAndConfirm(t *testing.T) {
	sb := newSandbox(t)
	tpl := fatJar()
	tpl.NamespaceId, tpl.AppName = "cn-hangzhou:dev", "nightly-report"
	f := startFlow(t, Options{Submitter: sb, Account: newSandboxAccount(sb), Template: tpl, Start: StartReview})
	f.wait("! A job named nightly-report already exists in cn-hangzhou:dev")
	f.keys("x")
	waitAll(f, "Send CreateJob", "! A job named nightly-report already")
	m := f.finish()
	mustNotContain(t, view(m), "No problems")
	if got := actions(sb); got["CreateJob"] != 0 {
		t.Errorf("requests = %v", got)
	}
}

// Jobs of the account are told apart by their AppId.
func TestFlowAccountJobsShowAppId(t *testing.T) {
	sb := newSandbox(t)
	f := startFlow(t, Options{Submitter: sb, Account: newSandboxAccount(sb)})
	f.wait("Start from a job in my account")
	f.keys("down", "enter").wait("db-backup  5a1d3c2e-7b1f-4c3a-9d2e-0a1b2c3d4e02")
	f.finish()
}

// A status message too long for the line wraps whole (issue 8 item 11:
// never cut a sentence); only one longer than maxStatusLines ends in an
// ellipsis.
func TestStatusLineCutWithEllipsis(t *testing.T) {
	m := newTestModel(t, fatJar(), StartSteps)
	m.flash("%s", strings.Repeat("word ", 30))
	if line := plain(m.statusLine()); strings.Count(line, "word") != 30 {
		t.Errorf("status line cut: %q", line)
	}
	m.flash("%s", strings.Repeat("word ", 100))
	line := plain(m.statusLine())
	if !strings.HasSuffix(line, "…") || strings.Count(line, "\n") >= maxStatusLines {
		t.Errorf("status line = %q", line)
	}
	for _, l := range strings.Split(line, "\n") {
		if len([]rune(l)) > 80 {
			t.Errorf("status line wider than 80: %q", l)
		}
	}
}

// A note never leaves one word alone on its last line.
func TestWrapNoWidow(t *testing.T) {
	text := "no account choices: no usable Alibaba Cloud credentials: environment: ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set · type the value"
	lines := wrapNoWidow(text, 76)
	last := strings.TrimSpace(lines[len(lines)-1])
	if !strings.Contains(last, " ") {
		t.Errorf("a lone word: %q", lines)
	}
	if strings.Join(strings.Fields(strings.Join(lines, " ")), " ") != text {
		t.Errorf("words lost: %q", lines)
	}
}

// The waiting message says what a person must do.
func TestFollowupSaysWhatAPersonMustDo(t *testing.T) {
	for code, want := range map[int]string{8: "is waiting for a manual batch (waiting (8)): start the next batch", 11: "pending approval (pending-approval (11)): ask an approver"} {
		fu := &followup{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-1", ChangeOrderId: "co-1"}, region: "cn-hangzhou", finished: true,
			co: &ChangeOrder{Code: code, Status: map[int]string{8: "waiting", 11: "pending-approval"}[code]}}
		m := newTestModel(t, fatJar(), StartReview)
		m.push(fu)
		got := strings.Join(strings.Fields(view(m)), " ")
		if !strings.Contains(got, want) {
			t.Errorf("%d: lacks %q:\n%s", code, want, got)
		}
	}
}

// A sandbox that answered is named from the first frame of the result.
func TestFollowupSandboxHeadingFromStart(t *testing.T) {
	fu := &followup{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-1", ChangeOrderId: "co-1", Message: "success (sandbox)", Sandbox: true}, region: "cn-hangzhou"}
	m := newTestModel(t, fatJar(), StartReview)
	m.push(fu)
	mustContain(t, view(m), "Accepted by the sandbox")
	mustNotContain(t, view(m), "Job template created")
}

// The wizard's and the prompts' waits are model.PollWait, scaled to the
// injected first wait: 1, 2, 4, 8, then 10 times it.
func TestPollWaitScalesModelsBackoff(t *testing.T) {
	for n, want := range []time.Duration{1, 2, 4, 8, 10, 10} {
		if got := pollWait(time.Millisecond, n); got != want*time.Millisecond {
			t.Errorf("pollWait(1ms, %d) = %s, want %s", n, got, want*time.Millisecond)
		}
		if got := pollWait(0, n); got != model.PollWait(n) {
			t.Errorf("pollWait(0, %d) = %s, want model's %s", n, got, model.PollWait(n))
		}
	}
}
