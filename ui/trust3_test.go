package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
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
		mustContain(t, after, o.Field+": saejob stopped it before sending", o.Message)
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
	m.Submitted(model.SubmitOutcome{Status: model.OutcomeStopped, Code: "saejob.RegionMismatch", Field: "NamespaceId", Message: "wrong region"}, "")
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
	m.Submitted(model.SubmitOutcome{Status: model.OutcomeRefused, Code: "InvalidParameter.X", Field: "Memory", Message: "bad"}, "")
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

// blockingPrompter answers from a script, then, at the question whose
// prompt holds block, says so on asked and waits as a person would.
type blockingPrompter struct {
	*scriptedPrompter
	block   string
	asked   chan struct{}
	release chan struct{}
}

func (b *blockingPrompter) wait(prompt string) error {
	if strings.Contains(prompt, b.block) {
		close(b.asked)
		<-b.release
		return io.EOF
	}
	return nil
}

func (b *blockingPrompter) Input(prompt, def string) (string, error) {
	if err := b.wait(prompt); err != nil {
		return "", err
	}
	return b.scriptedPrompter.Input(prompt, def)
}

// A signal in plain mode ends it as in the full-screen wizard: the draft
// is kept and said, its lock released, no temp file left, exit 128+signal
// (issue 8 item 9).
func TestPlainSignalKeepsDraftAndReleasesLock(t *testing.T) {
	for _, tc := range []struct {
		sig  os.Signal
		code int
	}{{os.Interrupt, 130}, {syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}} {
		dir := filepath.Join(t.TempDir(), "drafts")
		var out bytes.Buffer
		p := &blockingPrompter{
			scriptedPrompter: &scriptedPrompter{t: t, script: []scriptStep{{"AppName", "signalled-job"}}},
			block:            "Description", asked: make(chan struct{}), release: make(chan struct{}),
		}
		defer close(p.release)
		sigs := make(chan os.Signal, 1)
		errc := make(chan error, 1)
		go func() {
			errc <- runPlainSignals(Options{Start: StartSteps, Drafts: &DraftStore{Dir: dir}, Output: &out, Now: testOptions().Now}, p, sigs)
		}()
		select {
		case <-p.asked:
		case <-time.After(5 * time.Second):
			t.Fatalf("never asked for the description:\n%s", out.String())
		}
		sigs <- tc.sig
		var err error
		select {
		case err = <-errc:
		case <-time.After(5 * time.Second):
			t.Fatalf("%v did not end the plain mode", tc.sig)
		}
		var ee *ExitError
		if !errors.As(err, &ee) || ee.Code != tc.code {
			t.Errorf("%v: exit %v, want %d", tc.sig, err, tc.code)
		}
		mustContain(t, out.String(), "Your work is kept as a draft")
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		joined := strings.Join(names, " ")
		if strings.Contains(joined, ".lock") || strings.Contains(joined, ".tmp") || !strings.Contains(joined, ".json") {
			t.Errorf("%v: drafts folder holds %v, want one draft and no lock or temp file", tc.sig, names)
		}
	}
}

// End of input is a failure unless the work was saved: a script whose
// answers ran out before anything was typed exits 1, and says so.
func TestPlainEndOfInputWithNothingTypedFails(t *testing.T) {
	for _, input := range []string{"", "1\n"} {
		var out bytes.Buffer
		err := runPlain(Options{Start: StartMenu, Output: &out, Now: testOptions().Now}, newLinePrompter(strings.NewReader(input), &out))
		var ee *ExitError
		if !errors.As(err, &ee) || ee.Code != 1 {
			t.Errorf("input %q: exit %v, want status 1\n%s", input, err, out.String())
		}
		mustContain(t, out.String(), "End of input before the work was")
	}
	// Saved, then input ends: that is success.
	path := filepath.Join(t.TempDir(), "j.yaml")
	var out bytes.Buffer
	err := runPlain(Options{Template: fatJar(), Start: StartReview, Output: &out, Now: testOptions().Now}, newLinePrompter(strings.NewReader("s\n"+path+"\n"), &out))
	if err != nil {
		t.Errorf("saved then end of input: %v\n%s", err, out.String())
	}
}

// Exit messages escape control characters in paths, and say "Saved in"
// only when this session saved (issue 8 item 4).
func TestExitMessagesEscapePathsAndSayWhatHappened(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "n\x1b[31mred\r.yaml")
	if err := model.Save(path, fatJar(), model.SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Template: fatJar(), Path: path, Drafts: &DraftStore{Dir: filepath.Join(dir, "d")}, Now: testOptions().Now})
	msg := m.finishDraft("interrupt")
	want := "Nothing changed in " + model.Visible(path) + "."
	if msg != want {
		t.Errorf("nothing changed: %q, want %q", msg, want)
	}
	m = New(Options{Template: fatJar(), Path: path, Drafts: &DraftStore{Dir: filepath.Join(dir, "d")}, Now: testOptions().Now})
	m.Set("AppName", "other")
	msg = m.finishDraft("interrupt")
	if strings.ContainsAny(msg, "\x1b\r") || !strings.Contains(msg, "Your work is kept as a draft") {
		t.Errorf("draft message: %q", msg)
	}
	if err := m.Save(path, SecretLeaveOut); err != nil {
		t.Fatal(err)
	}
	msg = m.finishDraft("quit")
	if msg != "Saved in "+model.Visible(path)+"." {
		t.Errorf("after a save: %q", msg)
	}
}

// jobsAccount is an account with one job template and a change order
// that succeeds on its second read.
type jobsAccount struct {
	fakeAccount
	reads int
}

func (a *jobsAccount) Jobs(ctx context.Context, region, ns, name string) ([]JobSummary, error) {
	return []JobSummary{{AppId: "app-7", AppName: "nightly-report", NamespaceId: "cn-hangzhou"}}, nil
}

func (a *jobsAccount) DescribeJob(ctx context.Context, region, id string) (*DescribedJob, error) {
	tpl := fatJar()
	tpl.AppName = "imported-job"
	return &DescribedJob{AppId: id, AppName: tpl.AppName, RegionId: region, Template: tpl, PublicWebHookUrls: []string{"https://hook.example/x"}}, nil
}

func (a *jobsAccount) ChangeOrder(ctx context.Context, region, id string) (*ChangeOrder, error) {
	a.reads++
	if a.reads < 2 {
		return &ChangeOrder{Code: 1, Status: "executing"}, nil
	}
	return &ChangeOrder{Code: 2, Status: "success"}, nil
}

// Plain mode starts from a job of the account: it lists them (ListJobs),
// imports the chosen one, says where a submit goes, follows the change
// order after a create, and guards a second submit (issue 10).
func TestPlainAccountJobsSubmitAndFollow(t *testing.T) {
	acc := &jobsAccount{fakeAccount: fakeAccount{where: Where{Region: "cn-hangzhou", RegionFrom: "--region", Credentials: "environment"}}}
	sub := &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-9", ChangeOrderId: "co-9"}}
	out, p := runScripted(t, Options{Start: StartMenu, Account: acc, Submitter: sub, PollEvery: time.Millisecond},
		scriptStep{"How do you want to start?", "2"},
		scriptStep{"Which job template?", "2"},
		scriptStep{"x submit", "x"},
		scriptStep{"Send CreateJob for imported-job", "y"},
		scriptStep{"x submit", "x"},
		scriptStep{"Send CreateJob again anyway", ""},
		scriptStep{"x submit", "q"},
	)
	_ = p
	mustContain(t, out, "Imported imported-job (AppId app-7, cn-hangzhou)",
		"Submits go to cn-hangzhou (region from --region), with the credentials of environment.",
		"change order executing (1)", "change order success (2)", "Change order executed.",
		"HTTP trigger (public): https://hook.example/x", "Console: https://sae.console.aliyun.com/",
		"You already created AppId app-9")
	if len(sub.got) != 1 {
		t.Fatalf("sent %d times", len(sub.got))
	}
}

// Without credentials, "start from a job in my account" says why and goes
// on with a new template.
func TestPlainAccountJobsWithoutCredentials(t *testing.T) {
	acc := &fakeAccount{where: Where{NoCredentials: "no Alibaba Cloud credentials found. Set them."}}
	out, _ := runScripted(t, Options{Start: StartMenu, Account: acc},
		scriptStep{"How do you want to start?", "2"},
		scriptStep{"AppName", "fresh"},
	)
	mustContain(t, out, "No credentials, so no jobs to list: no Alibaba Cloud credentials found.", "Going on with a new job template.", "Step 1 of 6")
}

// Plain mode keeps a list the file wrote as malformed JSON: shown as its
// text with the problem, editable as text, and replaced by an empty list
// only when the user starts a fresh one (issue 8 item 1).
func TestPlainMalformedListKeptAsText(t *testing.T) {
	raw := `[{"name": "A", "value": "x"}, {"name": "OK"`
	load := func(t *testing.T) *model.Template {
		tpl, err := model.Parse([]byte("AppName: nightly-report\nEnvs: '"+raw+"'\n"), model.YAML, "bad.yaml")
		if err != nil {
			t.Fatal(err)
		}
		return tpl
	}
	fixEnvs := func(tpl *model.Template) int {
		for i, p := range New(Options{Template: tpl}).Problems() {
			if p.Param() == "Envs" {
				return i + 1
			}
		}
		return 0
	}
	// f N shows the text; Enter keeps it; a does not exist here.
	tpl := load(t)
	n := fixEnvs(tpl)
	if n == 0 {
		t.Fatal("no Envs problem")
	}
	out, _ := runScripted(t, Options{Template: tpl, Start: StartReview},
		scriptStep{"redo a step", fmt.Sprintf("f %d", n)},
		scriptStep{"Type the corrected text", ""},
		scriptStep{"redo a step", "q"},
	)
	mustContain(t, out, raw)
	mustNotContain(t, out, "Envs (environment variables): none")
	if got, ok := tpl.RawText("Envs"); !ok || got != raw {
		t.Fatalf("the text was lost: %q %v", got, ok)
	}
	// Edited as text: the corrected list loads.
	tpl = load(t)
	runScripted(t, Options{Template: tpl, Start: StartReview},
		scriptStep{"redo a step", fmt.Sprintf("f %d", n)},
		scriptStep{"Type the corrected text", `[{"name": "A", "value": "x"}, {"name": "OK", "value": "1"}]`},
		scriptStep{"a add", ""},
		scriptStep{"redo a step", "q"},
	)
	if _, ok := tpl.RawText("Envs"); ok || len(tpl.Envs) != 2 {
		t.Fatalf("corrected text not loaded: %+v", tpl.Envs)
	}
	// A fresh list only on purpose.
	tpl = load(t)
	out, _ = runScripted(t, Options{Template: tpl, Start: StartReview},
		scriptStep{"redo a step", fmt.Sprintf("f %d", n)},
		scriptStep{"Type the corrected text", "n"},
		scriptStep{"a add", ""},
		scriptStep{"redo a step", "q"},
	)
	mustContain(t, out, "Started a fresh list")
	if _, ok := tpl.RawText("Envs"); ok {
		t.Fatal("fresh list kept the text")
	}
}

// The plain prompts' help names no key of the full-screen wizard: those
// words are the fields' keyHint, which only the wizard shows (issue 8
// item 11).
func TestPlainHelpNamesNoWizardKeys(t *testing.T) {
	wizardKeys := regexp.MustCompile(`(?i)ctrl\+|pgdn|pgup|press enter for a list|\bf1\b|\besc\b|\btab\b`)
	m := New(Options{Template: fatJar()})
	hints := 0
	for _, st := range m.wizard.steps {
		for _, f := range st.fields {
			if wizardKeys.MatchString(f.help) {
				t.Errorf("%s: help names a wizard key: %q", f.param, f.help)
			}
			if f.list != nil && wizardKeys.MatchString(f.list.intro) {
				t.Errorf("%s: list intro names a wizard key: %q", f.param, f.list.intro)
			}
			if f.keyHint != "" {
				hints++
			}
		}
	}
	if hints < 2 {
		t.Errorf("only %d fields carry a wizard key hint", hints)
	}
}

// The review's exact view and aliyun view never break a token onto a
// second line at 80 columns: a line too wide is cut at the edge with →
// (p prints it whole), and a command breaks only between arguments
// (issue 8 item 12).
func TestReviewNeverBreaksInsideAToken(t *testing.T) {
	tpl := fatJar()
	url := "https://bucket.oss-cn-hangzhou.aliyuncs.com/" + strings.Repeat("a", 80) + ".jar"
	tpl.PackageUrl = url
	m := newTestModel(t, tpl, StartReview)
	for _, aliyun := range []bool{false, true} {
		_, wrapped := m.previewFor(aliyun, 80)
		cut := false
		for _, l := range strings.Split(strings.TrimSuffix(wrapped, "\n"), "\n") {
			if w := lipgloss.Width(l); w > 80 {
				t.Errorf("aliyun %v: line of %d cells: %q", aliyun, w, l)
			}
			if strings.Contains(l, "aaaa") && !strings.Contains(l, "https://bucket") {
				t.Errorf("aliyun %v: the URL goes on on a line of its own: %q", aliyun, l)
			}
			if strings.Contains(l, "https://bucket") {
				cut = strings.HasSuffix(l, cutMark)
			}
		}
		if !cut {
			t.Errorf("aliyun %v: the URL's line is not marked as cut:\n%s", aliyun, wrapped)
		}
	}
	r := newReview(m)
	mustContain(t, plain(r.view(m.common(80, 24))), "→ cut at the edge: p prints it whole to copy")
	mustContain(t, r.copyText(m.Session), url)
}

// A one-line message longer than the screen is wrapped onto more lines,
// never cut; the screen keeps its height, and control characters in a
// path show escaped (issue 8 item 11).
func TestStatusLineWrapsTheWholeSentence(t *testing.T) {
	for _, msg := range []string{
		"Not saved: r.yaml is read-only: make it writable (chmod u+w) or save under another name.",
		"Not saved: the folder /nonexistent/" + strings.Repeat("very-long-folder-name/", 4) + "dir does not exist.",
		"This draft is open in another saejob (pid 4242): you are working on a copy; neither overwrites the other.",
		"Not saved: n\x1b[31mred\r.yaml is read-only.",
	} {
		m := newTestModel(t, fatJar(), StartReview)
		m.flashErr("%s", msg)
		screen := plain(m.View())
		lines := strings.Split(screen, "\n")
		if len(lines) != 24 {
			t.Errorf("%d lines, want 24", len(lines))
		}
		var joined []string
		for _, l := range lines {
			if lipgloss.Width(l) > 80 {
				t.Errorf("line wider than 80: %q", l)
			}
			joined = append(joined, strings.TrimSpace(l))
		}
		all := strings.Join(joined, " ")
		want := model.Visible(msg)
		if !strings.Contains(strings.ReplaceAll(all, " ", ""), strings.ReplaceAll(want, " ", "")) {
			t.Errorf("the message is not whole on screen: %q\n%s", want, screen)
		}
		if strings.ContainsAny(screen, "\x1b\r") {
			t.Errorf("control characters raw on screen: %q", screen)
		}
	}
}

// Saving a loaded file under a new name starts from its text: comments
// and key order stay, a new parameter goes in its place, not at the end;
// another format is written afresh (issue 8 item 2).
func TestSaveUnderNewNameKeepsTheFilesText(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "h.yaml")
	text := "# the nightly job\nAppName: nightly-report # keep me\nPackageType: FatJar\nProgrammingLanguage: java\nPackageUrl: https://b.oss-cn-hangzhou.aliyuncs.com/r-1.0.jar\nJdk: Open JDK 8\nReplicas: 1\nCpu: 1000\nMemory: 2048\nSlsConfigs: '[{\"logDir\":\"/tmp/a.log\"}]'\n"
	if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	tpl, err := model.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Template: tpl, Path: src})
	if _, err := m.Set("TerminationGracePeriodSeconds", "30"); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "newfile.yaml")
	if err := m.Save(dst, SecretLeaveOut); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(dst)
	got := string(data)
	// The diff is the one new line: everything else byte for byte.
	if !strings.Contains(got, "TerminationGracePeriodSeconds: 30\n") || strings.Replace(got, "TerminationGracePeriodSeconds: 30\n", "", 1) != text {
		t.Errorf("saved under a new name, the file's text changed:\n%s", got)
	}
	// JSON from YAML: written afresh, and still the template.
	js := filepath.Join(dir, "new.json")
	if err := m.Save(js, SecretLeaveOut); err != nil {
		t.Fatal(err)
	}
	back, err := model.Load(js)
	if err != nil || back.AppName != "nightly-report" || back.TerminationGracePeriodSeconds == nil {
		t.Fatalf("json save: %v %+v", err, back)
	}
}

// Without credentials, plain mode sends nothing and says why before
// asking (as the wizard's checkBeforeConfirm).
func TestPlainSubmitWithoutCredentialsSendsNothing(t *testing.T) {
	acc := &fakeAccount{where: Where{NoCredentials: "no Alibaba Cloud credentials found."}}
	sub := &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "a"}}
	out, p := runScripted(t, Options{Template: fatJar(), Start: StartReview, Account: acc, Submitter: sub},
		scriptStep{"x submit", "x"},
		scriptStep{"x submit", "q"},
	)
	if len(sub.got) != 0 || strings.Contains(strings.Join(p.asked, "\n"), "Send CreateJob") {
		t.Fatalf("asked or sent without credentials:\n%s", out)
	}
	mustContain(t, out, "No credentials: save only.", "No credentials: this template can only be saved. no Alibaba Cloud", "Nothing was sent. Save the template")
}

// Plain mode prints no control character raw, whatever a value or file
// name holds (issue 8 item 4).
func TestPlainPrintsNoControlCharacters(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "n\x1b[31mred\r.yaml")
	tpl := fatJar()
	tpl.AppDescription = "nightly \x1b[2Kreport"
	out, _ := runScripted(t, Options{Template: tpl, Path: path, Start: StartReview},
		scriptStep{"redo a step", "1"},
		scriptStep{"redo a step", "s"},
		scriptStep{"Save to", path},
		scriptStep{"redo a step", "q"},
	)
	if strings.ContainsAny(out, "\x1b\r") {
		t.Fatalf("raw control characters:\n%q", out)
	}
	mustContain(t, out, "Saved to "+model.Visible(path)+".", "Saved in "+model.Visible(path)+".")
}

// The line prompter shows a default value or an option with control
// characters escaped.
func TestLinePrompterEscapesDefaults(t *testing.T) {
	var out bytes.Buffer
	p := newLinePrompter(strings.NewReader("\n\n"), &out)
	p.Input("AppDescription", "a\x1b[2Kb")
	p.Select("Pick", 0, []string{"x\ry"})
	if strings.ContainsAny(out.String(), "\x1b\r") {
		t.Fatalf("raw: %q", out.String())
	}
	mustContain(t, out.String(), `[a\e[2Kb]`, `x\ry`)
}

// slowOrderAccount's change order never ends; it says when first read.
type slowOrderAccount struct {
	jobsAccount
	read chan struct{}
	once sync.Once
}

func (a *slowOrderAccount) ChangeOrder(ctx context.Context, region, id string) (*ChangeOrder, error) {
	a.once.Do(func() { close(a.read) })
	return &ChangeOrder{Code: 1, Status: "executing"}, nil
}

// Ctrl-C while plain mode follows a change order stops the wait only: the
// job is not touched, and the review asks again.
func TestPlainCtrlCStopsFollowingOnly(t *testing.T) {
	acc := &slowOrderAccount{jobsAccount: jobsAccount{fakeAccount: fakeAccount{where: Where{Region: "cn-hangzhou", Credentials: "environment"}}}, read: make(chan struct{})}
	sub := &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-9", ChangeOrderId: "co-9"}}
	var out bytes.Buffer
	p := &scriptedPrompter{t: t, script: []scriptStep{{"x submit", "x"}, {"Send CreateJob", "y"}}}
	sigs := make(chan os.Signal, 1)
	errc := make(chan error, 1)
	go func() {
		errc <- runPlainSignals(Options{Template: fatJar(), Start: StartReview, Account: acc, Submitter: sub, PollEvery: time.Millisecond, Output: &out, Now: testOptions().Now}, p, sigs)
	}()
	select {
	case <-acc.read:
	case <-time.After(5 * time.Second):
		t.Fatal("never followed the change order")
	}
	sigs <- os.Interrupt
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("exit %v after q", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Ctrl-C did not stop the wait")
	}
	mustContain(t, out.String(), "Stopped waiting after", "saejob import app-9 --region cn-hangzhou")
	if len(sub.got) != 1 {
		t.Errorf("sent %d times", len(sub.got))
	}
}
