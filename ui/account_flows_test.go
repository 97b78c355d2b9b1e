package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/saejob/saejob/model"
)

// Choosing a namespace from the account fills its network in one step.
func TestFlowNamespaceFillsNetwork(t *testing.T) {
	sb := newSandbox(t)
	f := startFlow(t, Options{Submitter: sb, Account: newSandboxAccount(sb), Template: &model.Template{AppName: "report"}, Start: StartSteps})
	f.wait("→ sandbox cn-hangzhou")
	f.keys("tab", "tab").wait("ctrl+o: choose from the namespaces in cn-hangzhou")
	f.keys("ctrl+o").wait("cn-hangzhou:prod")
	f.keys("prod").wait("filter: prod")
	f.keys("enter").wait("Use the network of namespace prod?")
	f.keys("y").wait("SecurityGroupId  sg-bp1sandbox0prod00000")
	m := f.finish()
	tpl := m.Template()
	if tpl.NamespaceId != "cn-hangzhou:prod" || tpl.VpcId != "vpc-bp1sandbox0prod00000" ||
		tpl.VSwitchId != "vsw-bp1sandbox0prod00000" || tpl.SecurityGroupId != "sg-bp1sandbox0prod00000" {
		t.Errorf("template = %s %s %s %s", tpl.NamespaceId, tpl.VpcId, tpl.VSwitchId, tpl.SecurityGroupId)
	}
	if n := actions(sb)["CreateJob"]; n != 0 {
		t.Errorf("%d CreateJob sent by choosing a namespace", n)
	}
}

// An environment variable of kind configMapRef picks a map, then a key.
func TestFlowConfigMapKeyForEnv(t *testing.T) {
	sb := newSandbox(t)
	tpl := fatJar()
	tpl.NamespaceId = "cn-hangzhou:dev"
	f := startFlow(t, Options{Submitter: sb, Account: newSandboxAccount(sb), Template: tpl, Start: StartSteps})
	f.wait("→ sandbox cn-hangzhou")
	f.keys("pgdown", "pgdown", "pgdown").wait("Step 4 of 6")
	f.keys("tab", "tab", "ctrl+o").wait("No variables yet")
	f.keys("a").wait("variable 1 of 1")
	f.keys("LOG_LEVEL", "tab", "right").wait("[a ConfigMap key]")
	f.keys("tab").wait("ctrl+o choose from account")
	f.keys("ctrl+o").wait("feature-flags (1002)")
	f.keys("enter").wait("Key of ConfigMap app-config (1001)")
	f.keys("LOG").wait("filter: LOG")
	f.keys("enter").wait("ConfigMap app-config (1001), key LOG_LEVEL")
	m := f.finish()
	e := m.Template().Envs[0]
	if !e.FromConfigMap || e.ConfigMapId == nil || *e.ConfigMapId != 1001 || model.Deref(e.Key) != "LOG_LEVEL" || e.Name != "LOG_LEVEL" {
		t.Errorf("env = %+v", e)
	}
	if ps := m.Template().Validate().Errors(); len(ps) > 0 {
		t.Errorf("problems: %v", ps)
	}
}

// ConfigMapMountDesc picks a map and a key too.
func TestFlowConfigMapKeyForMount(t *testing.T) {
	sb := newSandbox(t)
	tpl := fatJar()
	tpl.NamespaceId = "cn-hangzhou:prod"
	tpl.ConfigMapMountDesc = []model.ConfigMapMount{{MountPath: "/app/config"}}
	f := startFlow(t, Options{Submitter: sb, Account: newSandboxAccount(sb), Template: tpl, Start: StartSteps})
	f.wait("→ sandbox cn-hangzhou")
	f.keys("pgdown", "pgdown", "pgdown", "pgdown", "pgdown").wait("Step 6 of 6")
	// Past NasConfigs, the folded legacy NAS fields and the OSS ones.
	for i := 0; i < 6; i++ {
		f.keys("tab")
	}
	f.wait("› ConfigMapMountDesc")
	f.keys("ctrl+o").wait("ConfigMap mounts")
	f.keys("enter").wait("mount 1 of 1")
	f.keys("ctrl+o").wait("ConfigMaps in namespace cn-hangzhou:prod")
	f.keys("enter").wait("Key of ConfigMap app-config (1003)")
	f.keys("all").wait("filter: all")
	f.keys("enter").wait("key sae-sys-configmap-all")
	m := f.finish()
	got := m.Template().ConfigMapMountDesc[0]
	if got.ConfigMapId != 1003 || got.Key != "sae-sys-configmap-all" || got.MountPath != "/app/config" {
		t.Errorf("mount = %+v", got)
	}
}

// A job of the same name in the namespace is a live warning; the account
// is asked once the typing pauses, not at every key.
func TestFlowNameTaken(t *testing.T) {
	sb := newSandbox(t)
	f := startFlow(t, Options{Submitter: sb, Account: newSandboxAccount(sb), Template: &model.Template{NamespaceId: "cn-hangzhou:dev"}, Start: StartSteps})
	f.wait("→ sandbox cn-hangzhou")
	f.keys("nightly-report").wait("A job named nightly-report already exists in cn-hangzhou:dev")
	if n := actions(sb)["ListJobs"]; n < 1 || n > 2 {
		t.Errorf("ListJobs sent %d times for one name typed in 14 keys; want once (twice at most)", n)
	}
	f.keys("-2").wait("nightly-report-2")
	m := f.finish()
	time.Sleep(10 * time.Millisecond)
	if notes := m.nameNote(); len(notes) > 0 && strings.Contains(plain(strings.Join(notes, "\n")), "already exists") {
		t.Errorf("a free name is still warned about: %v", notes)
	}
}

// Submit, the change order followed to its end, then one run now; x again
// says the job exists before anything else.
func TestFlowSubmitFollowRunOnce(t *testing.T) {
	sb := newSandbox(t)
	tpl := fatJar()
	tpl.NamespaceId = "cn-hangzhou:dev"
	tpl.AppName = "weekly-digest"
	f := startFlow(t, Options{Submitter: sb, Account: newSandboxAccount(sb), Template: tpl, Start: StartReview, PollEvery: 5 * time.Millisecond})
	f.wait("→ sandbox cn-hangzhou")
	f.keys("x").wait("Send CreateJob")
	f.keys("y")
	waitAll(f, "Change order executed", "https://sae.console.aliyun.com/#/JobList/JobDetail?appId=", "#/AppList/ChangeOrderDetail?changeOrderId=", "saejob submit FILE --region cn-hangzhou")
	f.keys("o").wait("Run weekly-digest once now?")
	f.keys("y").wait("Run started")
	f.keys("esc").wait("Review")
	f.keys("x").wait("You already created AppId")
	m := f.finish()
	got := actions(sb)
	if got["CreateJob"] != 1 || got["ExecJob"] != 1 || got["DescribeChangeOrder"] < 3 || got["DescribeJob"] != 1 {
		t.Errorf("requests = %v; want 1 CreateJob, 1 ExecJob, 1 DescribeJob, DescribeChangeOrder until it ended", got)
	}
	_ = m
}

// A change order that fails shows SAE's ErrorMessage, and is not a failed create.
func TestFollowupShowsFailure(t *testing.T) {
	fu := &followup{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-1", ChangeOrderId: "co-1"}, region: "cn-hangzhou", finished: true,
		co: &ChangeOrder{Code: 3, Status: "failed", ErrorMessage: "Back-off pulling image"}}
	m := newTestModel(t, fatJar(), StartReview)
	m.push(fu)
	got := view(m)
	mustContain(t, got, "✓ Job template created", "✗ The change order ended failed (3)", "SAE says: Back-off pulling image", "The job template exists (AppId app-1)")
	mustNotContain(t, got, "o run once now")
}

// Starting from a job in the account imports it as saejob import does.
func TestFlowStartFromAccountJob(t *testing.T) {
	sb := newSandbox(t)
	f := startFlow(t, Options{Submitter: sb, Account: newSandboxAccount(sb)})
	f.wait("Start from a job in my account")
	f.keys("down").wait("› Start from a job in my account")
	f.keys("enter").wait("db-backup")
	f.keys("backup", "enter").wait("Imported db-backup")
	m := f.finish()
	tpl := m.Template()
	if tpl.AppName != "db-backup" || tpl.ImageUrl != "registry.cn-hangzhou.aliyuncs.com/sandbox/backup:2.0.0" || model.Deref(tpl.Cpu) != 2000 {
		t.Errorf("imported %+v", tpl)
	}
	if _, ok := m.top().(*review); !ok {
		t.Errorf("the import opens at %T, want the review", m.top())
	}
	if got := actions(sb); got["CreateJob"] != 0 || got["DescribeJob"] != 1 {
		t.Errorf("requests = %v", got)
	}
}

// Offline: every field can be typed, one line says why there are no
// choices, and submitting says so before the confirmation.
func TestOfflineNoCredentials(t *testing.T) {
	acc := &fakeAccount{where: Where{NoCredentials: "no Alibaba Cloud credentials found: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set"}}
	sub := &fakeSubmitter{}
	o := testOptions()
	o.Template, o.Start, o.Submitter, o.Account = fatJar(), StartSteps, sub, acc
	m := New(o)
	m.Update(teaSize(80, 24))
	m.Update(whereMsg{where: acc.where})
	mustContain(t, view(m), "no credentials: save only")
	press(m, "tab", "tab")
	mustContain(t, view(m), "no account choices: no Alibaba Cloud credentials found · type the value")
	press(m, "ctrl+u", "cn-hangzhou:typed")
	if m.Template().NamespaceId != "cn-hangzhou:typed" {
		t.Fatalf("NamespaceId = %q", m.Template().NamespaceId)
	}
	press(m, "ctrl+o")
	if _, ok := m.top().(*chooser); ok {
		t.Fatal("ctrl+o opened the account's choices without credentials")
	}
	press(m, "ctrl+r", "x")
	mustContain(t, view(m), "No credentials: this template can only be saved", "Nothing was sent")
	if len(sub.got) != 0 {
		t.Fatal("a template was sent without credentials")
	}
	press(m, "s")
	if _, ok := m.top().(*saveScreen); !ok {
		t.Fatalf("s did not open the save screen: %T", m.top())
	}
}

// No region: the advice is to choose one, and x opens the region list.
func TestNoRegionChoosesRegion(t *testing.T) {
	acc := &fakeAccount{where: Where{Credentials: "profile default"}}
	o := testOptions()
	o.Template, o.Start, o.Submitter, o.Account = fatJar(), StartReview, &fakeSubmitter{}, acc
	m := New(o)
	m.Update(teaSize(80, 24))
	m.Update(whereMsg{where: acc.where})
	mustContain(t, view(m), "→ no region (ctrl+g)")
	press(m, "x")
	// SAE's list cannot be read: the known regions stand in.
	l := m.loaded("regions")
	m.Update(accountLoadedMsg{key: "regions", seq: l.seq, err: &ReadError{Operation: "DescribeRegions", Reason: "no answer"}})
	got := view(m)
	mustContain(t, got, "Region: where the job is created", "cn-shanghai", "The known SAE regions instead", "Choose the region to create the job in")
	mustNotContain(t, got, "Check the network")
	press(m, "shanghai", "enter")
	if m.region() != "cn-shanghai" {
		t.Fatalf("region = %q", m.region())
	}
	mustContain(t, view(m), "→ cn-shanghai · profile default")
}

// The region comes from NamespaceId when nothing else names one.
func TestRegionFromNamespaceId(t *testing.T) {
	tpl := fatJar()
	tpl.NamespaceId = "cn-beijing:test"
	acc := &fakeAccount{where: Where{Credentials: "environment"}}
	o := testOptions()
	o.Template, o.Start, o.Account = tpl, StartSteps, acc
	m := New(o)
	m.Update(teaSize(80, 24))
	m.Update(whereMsg{where: acc.where})
	if r, from := m.regionAndSource(); r != "cn-beijing" || from != "NamespaceId" {
		t.Errorf("region = %q from %q", r, from)
	}
	m.Update(whereMsg{where: Where{Region: "cn-hangzhou", RegionFrom: "--region", Credentials: "environment"}})
	if r := m.region(); r != "cn-hangzhou" {
		t.Errorf("--region loses to NamespaceId: %q", r)
	}
}

// A list loads in the background: typing goes on, esc stops the read, and a
// failed read says it was only a read.
func TestChoicesLoadInBackground(t *testing.T) {
	acc := &fakeAccount{where: Where{Region: "cn-hangzhou", Credentials: "environment"}, block: true}
	o := testOptions()
	o.Template, o.Start, o.Account = fatJar(), StartSteps, acc
	m := New(o)
	if acc.count() != 0 {
		t.Fatal("the account was read before the first frame")
	}
	_ = m.View()
	m.Update(teaSize(80, 24))
	m.Update(whereMsg{where: acc.where})
	press(m, "tab", "tab")
	_, cmd := m.Update(keyMsgs("ctrl+o")[0])
	if cmd == nil {
		t.Fatal("no read started")
	}
	go cmd() // the read blocks until cancelled
	mustContain(t, view(m), "reading from SAE… (esc stops")
	press(m, "esc")
	if _, ok := m.top().(*chooser); ok {
		t.Fatal("esc did not close the list")
	}
	press(m, "x")
	if m.Template().NamespaceId != "x" {
		t.Fatalf("typing after the list: NamespaceId = %q", m.Template().NamespaceId)
	}
	// A failed read.
	acc.block, acc.err = false, &ReadError{Operation: "DescribeNamespaceList", Reason: "no answer from https://sae.cn-hangzhou.aliyuncs.com within 15s"}
	press(m, "ctrl+o")
	l := m.loaded("namespaces|cn-hangzhou")
	msg := accountLoadedMsg{key: "namespaces|cn-hangzhou", seq: l.seq, err: acc.err}
	m.Update(msg)
	got := view(m)
	mustContain(t, got, "could not read: no answer from", "f5 tries again")
	mustNotContain(t, got, "SAE refused", "Not sent")
	if !strings.Contains(acc.err.Error(), "only a read: nothing was created or changed") {
		t.Errorf("ReadError says %q", acc.err.Error())
	}
}

// The price shows in the Resources step, as quoted, for one instance and
// for the job's Replicas.
func TestPriceLines(t *testing.T) {
	s := newTestModel(t, fatJar(), StartSteps).styles
	got := plain(strings.Join(priceLines(s, &Price{Original: 0.0046296, Discount: 0.0009259, Trade: 0.0037037}, 1000, 2048, model.Ptr(3), model.Ptr(1800), 76), "\n"))
	got = strings.Join(strings.Fields(got), " ")
	for _, want := range []string{"SAE quotes 0.0037037 a minute per instance of 1 core, 2 GB (0.0046296 before a 0.0009259 discount)",
		"× 3 replicas: 0.6667 an hour", "at most 0.3333 a run of the whole Timeout (1800 s)", "the API names no unit: read as per minute"} {
		if !strings.Contains(got, want) {
			t.Errorf("price lacks %q:\n%s", want, got)
		}
	}
}

// The Resources step asks the sandbox for the price of the chosen pair and
// shows it whatever field has the focus.
func TestFlowPriceFromSandbox(t *testing.T) {
	sb := newSandbox(t)
	f := startFlow(t, Options{Submitter: sb, Account: newSandboxAccount(sb), Template: fatJar(), Start: StartSteps})
	f.wait("→ sandbox cn-hangzhou")
	f.keys("pgdown", "pgdown").wait("Step 3 of 6")
	f.wait("SAE quotes 0.0037037 a minute per instance of 1 core, 2 GB")
	f.keys("right").wait("SAE quotes 0.0067901 a minute per instance of 2 cores, 2 GB")
	f.keys("tab", "tab", "tab").wait("› Timeout")
	m := f.finish()
	if got := view(m); !strings.Contains(got, "SAE quotes 0.0067901 a minute per instance") {
		t.Errorf("the price left the step when the focus moved on:\n%s", got)
	}
}

// waitAll blocks until the screen has shown every text.
func waitAll(f *flow, texts ...string) {
	f.t.Helper()
	teatest.WaitFor(f.t, f.tm.Output(), func(b []byte) bool {
		p := []byte(plain(string(b)))
		for _, t := range texts {
			if !bytes.Contains(p, []byte(t)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// esc stops following the change order and never touches the job.
func TestFollowupEscStopsWaiting(t *testing.T) {
	acc := &fakeAccount{where: Where{Region: "cn-hangzhou", Credentials: "environment"}, block: true}
	o := testOptions()
	o.Template, o.Start, o.Account, o.Submitter = fatJar(), StartReview, acc, &fakeSubmitter{}
	m := New(o)
	m.Update(teaSize(80, 24))
	m.Update(whereMsg{where: acc.where})
	if cmd := m.followSubmit(model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-1", ChangeOrderId: "co-1"}); cmd == nil {
		t.Fatal("nothing follows the change order")
	}
	mustContain(t, view(m), "Change order: waiting for the first answer", "esc stop waiting (the job is not touched)")
	press(m, "esc")
	got := view(m)
	mustContain(t, got, "Stopped waiting after", "The job is not", "its change order goes on in SAE", "o run once now",
		"Check its status later on the change order's page in the SAE console", "ChangeOrderDetail?changeOrderId=co-1&", "saejob submit FILE --region cn-hangzhou")
	mustNotContain(t, got, "Reading the job back")
	press(m, "esc")
	if _, ok := m.top().(*followup); ok {
		t.Fatal("esc after stopping did not leave")
	}
	// x again: the session created a job already.
	press(m, "x")
	mustContain(t, view(m), "You already created AppId app-1", "a second CreateJob")
	if acc.count() != 0 {
		t.Errorf("the account was called %d times by keys alone", acc.count())
	}
}

// The job's details after a followed submit: its HTTP trigger's addresses,
// both console links and the command line for scripts.
func TestFollowupDetails(t *testing.T) {
	tpl := fatJar()
	tpl.NamespaceId = "cn-shanghai:batch"
	fu := &followup{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-9", ChangeOrderId: "co-9"}, region: "cn-shanghai", finished: true, start: fixedNow, ended: fixedNow.Add(4 * time.Second),
		co:  &ChangeOrder{Code: 2, Status: "success"},
		job: &DescribedJob{AppId: "app-9", AppName: "etl", Template: tpl, PublicWebHookUrls: []string{"https://etl.example.com/run"}, VpcWebHookUrls: []string{"http://10.0.0.7/run"}}}
	m := newTestModel(t, tpl, StartReview)
	m.path = "etl.yaml"
	m.push(fu)
	mustContain(t, view(m), "✓ Change order executed", "HTTP trigger (public)\n  https://etl.example.com/run\n", "HTTP trigger (inside the VPC)\n  http://10.0.0.7/run\n",
		"Change order executed · 4s", "JobDetail?appId=app-9&regionId=cn-sha", "nghai&namespaceId=cn-shanghai:batch", "ChangeOrderDetail?changeOrderId=co-9&",
		"saejob submit etl.yaml --region cn-shanghai", "o run once now")
}

// The follow-up's links and command print whole for copying (p): the
// screen must break them at its edge, the printout never does.
func TestFollowupPrintsLinksWhole(t *testing.T) {
	tpl := fatJar()
	tpl.NamespaceId = "cn-shanghai:batch"
	fu := &followup{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-9\x1b[2J", ChangeOrderId: "co-9"}, region: "cn-shanghai", finished: true, start: fixedNow, ended: fixedNow,
		co:  &ChangeOrder{Code: 2, Status: "success"},
		job: &DescribedJob{AppId: "app-9", AppName: "etl", Template: tpl, PublicWebHookUrls: []string{"https://etl.example.com/run"}}}
	m := newTestModel(t, tpl, StartReview)
	m.path = "my etl.yaml"
	m.push(fu)
	mustContain(t, view(m), "p print links whole")
	text := fu.copyText(m.common(m.width, m.height))
	for _, want := range []string{
		"https://etl.example.com/run",
		"https://sae.console.aliyun.com/#/JobList/JobDetail?appId=app-9%1B%5B2J&regionId=cn-shanghai&namespaceId=cn-shanghai:batch",
		"ChangeOrderDetail?changeOrderId=co-9&regionId=cn-shanghai",
		"saejob submit 'my etl.yaml' --region cn-shanghai",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the printout lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "\x1b") {
		t.Errorf("the printout holds a raw escape:\n%q", text)
	}
	if fu.update(m.common(m.width, m.height), keyMsgs("p")[0]) == nil {
		t.Error("p did nothing")
	}
}
