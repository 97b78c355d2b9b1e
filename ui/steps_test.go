package ui

import (
	"bytes"
	"github.com/charmbracelet/lipgloss"
	"os"
	"strings"
	"testing"

	"github.com/saejob/saejob/model"
)

// focused returns the focused field of the current step.
func focused(m *Model) *field {
	st := m.wizard.step()
	return st.fields[st.focus]
}

// focusParam moves the focus to the first shown field of param (or label).
func focusOn(t *testing.T, m *Model, step int, label string) *field {
	t.Helper()
	m.wizard.enter(m, step)
	st := m.wizard.step()
	for i, f := range st.fields {
		if (f.label == label || f.param == label) && st.shown(m, f) {
			m.wizard.focusField(m, i)
			return f
		}
	}
	t.Fatalf("no shown field %q on step %d:\n%s", label, step, view(m))
	return nil
}

func TestEveryParameterHasAField(t *testing.T) {
	templates := []*model.Template{}
	for _, pt := range []string{"FatJar", "War", "Image", "PhpZip", "IMAGE_PHP_7_3", "PythonZip"} {
		for _, trig := range []string{"time", "http"} {
			tpl := &model.Template{PackageType: pt, ProgrammingLanguage: model.LanguageOf(pt), Slice: model.Ptr(true)}
			tpl.TriggerConfig = &model.TriggerConfig{Type: trig}
			templates = append(templates, tpl)
		}
	}
	m := newTestModel(t, nil, StartSteps)
	for _, p := range model.Params {
		found := false
		for _, tpl := range templates {
			m.t = tpl
			for _, st := range m.wizard.steps {
				for _, f := range st.fields {
					if f.param == p.Name && f.visible(tpl) {
						found = true
					}
				}
			}
		}
		if !found {
			t.Errorf("no wizard field sets %s", p.Name)
		}
	}
}

func TestBasicsLiveValidation(t *testing.T) {
	m := newTestModel(t, nil, StartSteps)
	press(m, "1job")
	mustContain(t, view(m), `AppName must start with a letter`, "Basics — 1 problem")
	press(m, "ctrl+u", "job-1")
	mustContain(t, view(m), "Basics — no problems")
	// AutoConfig yes: the network fields go away.
	f := focusOn(t, m, 0, "AutoConfig")
	if f == nil {
		return
	}
	mustContain(t, view(m), "VpcId  —")
	press(m, "right")
	if !model.Deref(m.t.AutoConfig) {
		t.Fatal("AutoConfig not set")
	}
	mustNotContain(t, view(m), "VpcId  —")
	// Nothing traps: tab moves on from a field with a problem.
	m.wizard.enter(m, 0)
	m.wizard.focusField(m, 0)
	press(m, "ctrl+u", "-bad", "tab")
	if focused(m).param == "AppName" {
		t.Fatal("tab did not leave a field with a problem")
	}
}

func TestRuntimeFieldsFollowThePackageType(t *testing.T) {
	m := newTestModel(t, nil, StartSteps)
	m.wizard.enter(m, 1)
	press(m, "right") // java
	if m.t.PackageType != "FatJar" {
		t.Fatalf("java picks FatJar, got %q", m.t.PackageType)
	}
	v := shownLabels(m)
	mustContain(t, v, "PackageUrl", "Jdk", "JarStartOptions")
	mustNotContain(t, v, "WebContainer", "ImageUrl", "PythonModules")

	press(m, "tab", "right") // War
	if m.t.PackageType != "War" {
		t.Fatalf("got %q", m.t.PackageType)
	}
	v = shownLabels(m)
	mustContain(t, v, "WebContainer", "Tomcat port", "WarStartOptions")
	mustNotContain(t, v, "JarStartOptions")

	press(m, "right") // Image
	v = shownLabels(m)
	mustContain(t, v, "ImageUrl", "AcrInstanceId", "EnableImageAccl")
	mustNotContain(t, v, "Jdk", "PackageUrl")

	m.t.ProgrammingLanguage, m.t.PackageType = "python", "PythonZip"
	m.changedQuiet()
	v = shownLabels(m)
	mustContain(t, v, "|Python|", "PythonModules", "PackageUrl")

	m.t.ProgrammingLanguage, m.t.PackageType = "php", "IMAGE_PHP_7_3"
	m.changedQuiet()
	v = shownLabels(m)
	mustContain(t, v, "PhpConfigLocation", "PhpConfig", "ImageUrl")

	// A value that does not apply stays visible with its warning, so it
	// can be removed.
	m.t.PythonModules = "flask"
	m.changedQuiet()
	mustContain(t, view(m), "PythonModules applies only to Python jobs")
}

func TestTomcatSettings(t *testing.T) {
	tpl := fatJar()
	tpl.PackageType = "War"
	m := newTestModel(t, tpl, StartSteps)
	focusOn(t, m, 1, "Tomcat port")
	press(m, "80")
	mustContain(t, view(m), "TomcatConfig port 80 is out of range")
	press(m, "80")
	if p := m.t.TomcatConfig.Port; p == nil || *p != 8080 {
		t.Fatalf("port %v", p)
	}
	press(m, "ctrl+u")
	if m.t.TomcatConfig != nil {
		t.Fatalf("an empty TomcatConfig is unset, got %+v", m.t.TomcatConfig)
	}
	press(m, "abc")
	mustContain(t, view(m), "Type a whole number")
}

func TestResourcesMemoryFollowsCPU(t *testing.T) {
	m := newTestModel(t, &model.Template{}, StartSteps)
	m.wizard.enter(m, 2)
	press(m, "right") // 500
	if *m.t.Cpu != 500 {
		t.Fatalf("cpu %v", *m.t.Cpu)
	}
	press(m, "tab")
	opts, _ := focused(m).choices(m.t)
	var labels []string
	for _, o := range opts {
		labels = append(labels, o.Value)
	}
	if got := strings.Join(labels, ","); got != ",1024,2048" {
		t.Fatalf("memory choices for 500: %s", got)
	}
	press(m, "tab", "x")
	mustContain(t, view(m), "Type a whole number")
	press(m, "backspace", "0")
	mustContain(t, view(m), "Replicas must be at least 1")
}

func TestCommandEnvsItemByItem(t *testing.T) {
	m := newTestModel(t, fatJar(), StartSteps)
	focusOn(t, m, 3, "Envs")
	press(m, "ctrl+o")
	mustContain(t, view(m), "No variables yet")
	press(m, "a", "1BAD", "tab", "tab", "v")
	mustContain(t, view(m), `may contain only letters`)
	press(m, "esc")
	mustContain(t, view(m), "1BAD=v", "1 problem")
	press(m, "enter", "ctrl+u", "GOOD", "esc")
	mustContain(t, view(m), "GOOD=v", "no problems")
	// A ConfigMap reference.
	press(m, "a", "FROM_CM", "tab", "right")
	mustContain(t, view(m), "ConfigMap ID", "needs the ConfigMap key")
	press(m, "tab", "16", "tab", "key1", "esc")
	mustContain(t, view(m), "FROM_CM ← ConfigMap 16 key key1")
	if len(m.t.Envs) != 2 || !m.t.Envs[1].FromConfigMap || *m.t.Envs[1].ConfigMapId != 16 {
		t.Fatalf("envs %+v", m.t.Envs)
	}
	// Remove and undo; an empty new item is not kept.
	press(m, "up", "d")
	if len(m.t.Envs) != 1 || m.t.Envs[0].Name != "FROM_CM" {
		t.Fatalf("after remove %+v", m.t.Envs)
	}
	press(m, "u")
	if len(m.t.Envs) != 2 || m.t.Envs[0].Name != "GOOD" {
		t.Fatalf("after undo %+v", m.t.Envs)
	}
	press(m, "a", "esc")
	if len(m.t.Envs) != 2 {
		t.Fatalf("an empty new variable was kept: %+v", m.t.Envs)
	}
}

func TestCommandHooksAndHosts(t *testing.T) {
	m := newTestModel(t, fatJar(), StartSteps)
	focusOn(t, m, 3, "PostStart")
	// A shell script, several lines (issue 9 item 6): alt+enter breaks the
	// line, enter moves on.
	press(m, "echo hi", "alt+enter", "date", "enter")
	if got := m.t.PostStart; got == nil || strings.Join(got.Exec.Command, "|") != "sh|-c|echo hi\ndate" {
		t.Fatalf("PostStart %+v", got)
	}
	if f := focused(m); f.param != "PreStop" {
		t.Fatalf("enter left the focus on %s", f.param)
	}
	focusOn(t, m, 3, "CustomHostAlias")
	press(m, "ctrl+o", "a", "db", "tab", "10.0.0.300", "esc")
	mustContain(t, view(m), "1 problem")
	press(m, "enter", "tab", "ctrl+u", "10.0.0.3", "esc")
	mustContain(t, view(m), "db → 10.0.0.3", "no problems")
}

func TestTriggerCron(t *testing.T) {
	m := newTestModel(t, &model.Template{}, StartSteps)
	m.wizard.enter(m, 4)
	press(m, "right")
	if m.t.TriggerConfig == nil || m.t.TriggerConfig.Type != "time" {
		t.Fatal("time trigger not set")
	}
	press(m, "tab", "right")
	if m.t.TriggerConfig.Cron != model.CronPresets[2].Cron {
		t.Fatalf("preset gave %q", m.t.TriggerConfig.Cron)
	}
	press(m, "tab", "ctrl+u", "30 2 * * ?")
	v := view(m)
	// 10:00 UTC is 18:00 at GMT+8: the next 02:30 there is the next day.
	mustContain(t, v, "At 02:30", "(GMT+8:00)", "next: Wed 2026-11-25 02:30")
	press(m, "backspace", "backspace", "L")
	mustContain(t, view(m), "is not valid")
	// The zone changes the next runs.
	press(m, "backspace", " ?", "tab", "right")
	if m.t.TriggerConfig.Zone != "GMT+0:00" {
		t.Fatalf("zone %q", m.t.TriggerConfig.Zone)
	}
	press(m, "shift+tab")
	mustContain(t, view(m), "next: Wed 2026-11-25 02:30", "(GMT+0:00)")
}

func TestTriggerHTTP(t *testing.T) {
	m := newTestModel(t, &model.Template{}, StartSteps)
	m.wizard.enter(m, 4)
	press(m, "right", "right")
	mustContain(t, view(m), "Protocol", "Methods", "Who may call")
	focusOn(t, m, 4, "Methods")
	press(m, "space") // untick GET
	mustContain(t, view(m), "needs at least one method")
	press(m, "right", "space")
	if got := m.t.TriggerConfig.HTTP.Method; len(got) != 1 || got[0] != "POST" {
		t.Fatalf("methods %v", got)
	}
	focusOn(t, m, 4, "Who may call")
	press(m, "right", "right")
	mustContain(t, view(m), "Allowed referers", "list the allowed referers")
}

func TestStorageSecretIsMasked(t *testing.T) {
	m := newTestModel(t, fatJar(), StartSteps)
	focusOn(t, m, 5, "OssAkSecret")
	press(m, "s3cr3t")
	mustNotContain(t, view(m), "s3cr3t")
	press(m, "tab")
	mustContain(t, view(m), model.Mask)
	press(m, "shift+tab", "ctrl+e")
	if m.t.OssAkSecret != "${OSS_AK_SECRET}" {
		t.Fatalf("secret %q", m.t.OssAkSecret)
	}
	// Log collection: standard output.
	focusOn(t, m, 5, "SlsConfigs")
	press(m, "ctrl+o", "a", "right", "esc")
	if len(m.t.SlsConfigs) != 1 || model.Deref(m.t.SlsConfigs[0].LogType) != "stdout" {
		t.Fatalf("sls %+v", m.t.SlsConfigs)
	}
	v, _ := m.t.WireValue("SlsConfigs")
	if v != `[{"logType":"stdout","logDir":""}]` && v != `[{"logDir":"","logType":"stdout"}]` {
		t.Fatalf("wire %s", v)
	}
}

func TestReviewJumpsIntoAList(t *testing.T) {
	tpl := fatJar()
	tpl.Envs = []model.Env{{Name: "A", Value: model.Ptr("1")}, {Name: "9x", Value: model.Ptr("2")}}
	m := newTestModel(t, tpl, StartReview)
	mustContain(t, view(m), "Envs[1].name")
	press(m, "enter")
	v := view(m)
	mustContain(t, v, "variable 2 of 2", "9x")
	if _, ok := m.top().(*itemScreen); !ok {
		t.Fatalf("top is %T", m.top())
	}
	press(m, "ctrl+u", "B")
	press(m, "esc", "esc", "ctrl+r")
	mustContain(t, view(m), "No problems")
}

func TestReviewRevealsAndShowsAliyun(t *testing.T) {
	tpl := fatJar()
	tpl.OssAkSecret = "s3cr3t"
	m := newTestModel(t, tpl, StartReview)
	mustContain(t, view(m), `"OssAkSecret": "******"`)
	press(m, "r")
	mustContain(t, view(m), `"OssAkSecret": "s3cr3t"`, "secrets shown")
	press(m, "r", "c")
	mustContain(t, view(m), "aliyun sae CreateJob")
	// Exactly what preview prints.
	want := string(tpl.PreviewJSON(false))
	press(m, "c")
	view(m)
	if rv := m.top().(*review); rv.content != want {
		t.Fatalf("review content differs from preview:\n%s\n%s", rv.content, want)
	}
}

func TestSubmitRefusedWhileInvalid(t *testing.T) {
	tpl := fatJar()
	tpl.Replicas = nil
	o := testOptions()
	o.Template, o.Start, o.Submitter = tpl, StartReview, &fakeSubmitter{}
	m := New(o)
	press(m, "x")
	mustContain(t, view(m), "Fix the 1 problem first")
	if _, ok := m.top().(*review); !ok {
		t.Fatalf("top %T", m.top())
	}
}

func TestTooSmallAndResize(t *testing.T) {
	m := newTestModel(t, fatJar(), StartSteps)
	m.Update(teaSize(50, 12))
	mustContain(t, view(m), "The terminal is 50x12", "needs at least")
	m.Update(teaSize(120, 40))
	v := view(m)
	if n := strings.Count(v, "\n") + 1; n != 40 {
		t.Fatalf("120x40 draws %d lines", n)
	}
	mustContain(t, v, "1 Basics")
}

func TestStepViewsFitAt80x24(t *testing.T) {
	tpl := bigTemplate(50)
	tpl.PackageType = "War"
	tpl.TriggerConfig = &model.TriggerConfig{Type: "http", HTTP: &model.HTTPTrigger{Type: "HTTPS", Method: []string{"GET"}, SecurityConfig: "ip"}}
	m := newTestModel(t, tpl, StartSteps)
	for i := range m.wizard.steps {
		m.wizard.enter(m, i)
		for j := 0; j < 20; j++ {
			v := view(m)
			lines := strings.Split(v, "\n")
			if len(lines) != 24 {
				t.Fatalf("step %d draws %d lines", i, len(lines))
			}
			for _, l := range lines {
				if w := len([]rune(l)); w > 80 {
					t.Fatalf("step %d: line of %d columns: %q", i, w, l)
				}
			}
			press(m, "tab")
		}
	}
}

// shownLabels lists the labels of the current step's shown fields, |-separated.
func shownLabels(m *Model) string {
	st := m.wizard.step()
	st.assign(m, m.wizard.params, m.wizard.cur)
	out := "|"
	for _, f := range st.fields {
		if st.shown(m, f) {
			out += f.label + "|"
		}
	}
	return out
}

func TestSaveAsksBeforeOverwritingAndAboutSecrets(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/job.yaml"
	if err := os.WriteFile(path, []byte("AppName: other\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tpl := fatJar()
	tpl.OssAkSecret = "s3cr3t"
	m := newTestModel(t, tpl, StartReview)
	press(m, "s", "ctrl+u", path, "enter")
	mustContain(t, view(m), "Overwrite", "already exists")
	press(m, "y")
	mustContain(t, view(m), "OssAkSecret holds a clear secret")
	press(m, "e")
	mustContain(t, view(m), "Saved to")
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "s3cr3t") || !strings.Contains(string(data), "${OSS_AK_SECRET}") {
		t.Fatalf("saved:\n%s", data)
	}
	// Saving again to the same file asks nothing.
	press(m, "s", "enter")
	mustContain(t, view(m), "Saved to")
}

func TestEditOffersTheDraftOfThatFile(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/job.yaml"
	drafts := &DraftStore{Dir: dir + "/drafts"}
	changed := fatJar()
	changed.AppName = "changed-name"
	if err := drafts.Save(PathKey(path), Draft{Saved: fixedNow, Step: 2, Path: path}, changed); err != nil {
		t.Fatal(err)
	}
	o := testOptions()
	o.Template, o.Path, o.Start, o.Drafts = fatJar(), path, StartReview, drafts
	m := New(o)
	mustContain(t, view(m), "Unsaved changes to "+path)
	press(m, "r")
	if m.t.AppName != "changed-name" || m.wizard.cur != 2 {
		t.Fatalf("resumed %q at step %d", m.t.AppName, m.wizard.cur)
	}
	// Another file's draft is not offered.
	o.Path = dir + "/other.yaml"
	m = New(o)
	if _, ok := m.top().(*review); !ok {
		t.Fatalf("top %T", m.top())
	}
}

func TestSubmitOutcomes(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    model.SubmitOutcome
		want []string
		not  []string
	}{
		{"ambiguous", model.SubmitOutcome{Status: model.OutcomeMayExist, Message: "no answer within 60s"},
			[]string{"may have reached SAE", "before sending again"}, []string{"try again"}},
		{"not sent", model.SubmitOutcome{Message: errNotNumber.Error()}, []string{"Not sent, or no answer", "r try again"}, nil},
		{"refused", model.SubmitOutcome{Status: model.OutcomeRefused, HttpStatus: 400, Code: "InvalidInstanceSpecification.Unsupported", Message: "bad spec"},
			[]string{"Code:    InvalidInstanceSpecification.Unsupported", "Cpu and Memory are not a supported pair", "Field at fault: Memory"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := testOptions()
			o.Template, o.Start, o.Submitter = fatJar(), StartReview, &fakeSubmitter{res: tc.o}
			m := New(o)
			press(m, "x", "y")
			m.Update(submitDoneMsg{outcome: tc.o})
			v := view(m)
			mustContain(t, v, tc.want...)
			mustNotContain(t, v, tc.not...)
		})
	}
}

func TestQuitWhileSendingSaysSo(t *testing.T) {
	o := testOptions()
	o.Template, o.Start, o.Submitter = fatJar(), StartReview, &fakeSubmitter{}
	m := New(o)
	press(m, "x", "y", "ctrl+c")
	if !strings.Contains(m.ExitMessage(), "may have been created") {
		t.Fatalf("exit message %q", m.ExitMessage())
	}
}

func TestTriggerTypeSwitchKeepsWhatWasTyped(t *testing.T) {
	m := newTestModel(t, fatJar(), StartSteps)
	focusOn(t, m, 4, "Cron expression")
	press(m, "ctrl+u", "5 4 * * ?")
	focusOn(t, m, 4, "Trigger")
	press(m, "right")
	if m.t.TriggerConfig.Type != "http" {
		t.Fatalf("type %q", m.t.TriggerConfig.Type)
	}
	press(m, "left")
	if m.t.TriggerConfig.Cron != "5 4 * * ?" {
		t.Fatalf("cron %q", m.t.TriggerConfig.Cron)
	}
}

func TestPickerFiltersByAnyLetter(t *testing.T) {
	m := newTestModel(t, &model.Template{}, StartSteps)
	focusOn(t, m, 2, "Cpu")
	press(m, "ctrl+o")
	if _, ok := m.top().(*picker); !ok {
		t.Fatalf("top %T", m.top())
	}
	press(m, "jk")
	mustContain(t, view(m), "filter: jk", "nothing matches")
	press(m, "backspace", "backspace", "16", "enter")
	if m.t.Cpu == nil || *m.t.Cpu != 16000 {
		t.Fatalf("cpu %v", m.t.Cpu)
	}
}

func TestUnknownKeyFromFileIsDroppedAndItsParameterOpened(t *testing.T) {
	tpl := fatJar()
	tpl.Replicas = nil
	tpl.LoadProblems = model.Problems{{Field: "Replica", Code: "InvalidParameter.Obviously", Message: "unknown parameter Replica (did you mean Replicas?)"}}
	m := newTestModel(t, tpl, StartReview)
	// The unknown key belongs to no step.
	if c := m.wizard.counts(m); c[0] != 0 {
		t.Fatalf("Basics counts %d problems", c[0])
	}
	press(m, "enter")
	if len(m.t.LoadProblems) != 0 {
		t.Fatal("the unknown key's problem stays")
	}
	if f := focused(m); f.param != "Replicas" {
		t.Fatalf("focus on %s", f.param)
	}
	mustContain(t, view(m), "Dropped Replica")
}

func TestSettingAFieldClearsWhatTheFileSaidAboutIt(t *testing.T) {
	tpl := fatJar()
	tpl.Replicas = nil
	tpl.LoadProblems = model.Problems{{Field: "Replicas", Code: "InvalidParameter.Obviously", Message: "Line 9: Replicas must be an integer, not \"two\""}}
	m := newTestModel(t, tpl, StartSteps)
	focusOn(t, m, 2, "Replicas")
	mustContain(t, view(m), "must be an integer")
	press(m, "2")
	mustNotContain(t, view(m), "must be an integer")
	if !m.problems.Valid() {
		t.Fatalf("problems %v", m.problems)
	}
}

func TestTimezoneTypedOrChosen(t *testing.T) {
	m := newTestModel(t, fatJar(), StartSteps)
	focusOn(t, m, 3, "Timezone")
	press(m, "Mars/Base")
	mustContain(t, view(m), "is not a time zone name")
	press(m, "ctrl+o", "tokyo", "enter")
	if m.t.Timezone != "Asia/Tokyo" {
		t.Fatalf("timezone %q", m.t.Timezone)
	}
	if f := focused(m); f.input.Value() != "Asia/Tokyo" {
		t.Fatalf("input shows %q", f.input.Value())
	}
}

// TestResourcesSaysWhenMemoryChanges: a Memory that no longer pairs with the
// new Cpu changes, and the status line says so.
func TestResourcesSaysWhenMemoryChanges(t *testing.T) {
	m := newTestModel(t, &model.Template{Cpu: model.Ptr(1000), Memory: model.Ptr(2048)}, StartSteps)
	m.wizard.enter(m, 2)
	press(m, "right", "right") // 2000, then 4000: 2048 MB does not pair with 4000
	if *m.t.Cpu != 4000 || *m.t.Memory != 8192 {
		t.Fatalf("cpu %d memory %d", *m.t.Cpu, *m.t.Memory)
	}
	mustContain(t, view(m), "Memory set to 8 GB")
}

// A long value in the review is broken at the screen's edge with nothing
// inserted inside it (issue 8 item 12): joining the rows gives the value
// back exactly; widths are terminal cells, so Chinese text fits too.
func TestCellWrapInsertsNothing(t *testing.T) {
	for _, line := range []string{
		`  "Envs": "` + strings.Repeat("x", 50) + `"`,
		`  "JobDescription": "` + strings.Repeat("每晚生成报表", 8) + `"`,
	} {
		got := cellWrap(line+"\n", 30)
		rows := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if len(rows) < 2 {
			t.Fatalf("not wrapped: %q", got)
		}
		for _, r := range rows {
			if w := lipgloss.Width(r); w > 30 {
				t.Errorf("row %q is %d cells wide, more than 30", r, w)
			}
		}
		if strings.Join(rows, "") != line {
			t.Errorf("wrapping changed the text: %q", got)
		}
	}
}

// A command too wide for the screen is broken only between its arguments,
// with " \" continuations, so that it pastes as one command (issue 8 item 12).
func TestCommandWrapBreaksBetweenArguments(t *testing.T) {
	in := "aliyun sae CreateJob \\\n  --Envs '[{\"name\":\"it'\\''s\",\"value\":\"a b\"}]' --region cn-hangzhou --Workload job \\\n  --AppName 'x'\n"
	got := commandWrap(in, 48)
	for _, row := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		if lipgloss.Width(row) > 48 {
			t.Errorf("row %q wider than 48", row)
		}
	}
	// What a shell reads: continuations joined, runs of spaces between
	// arguments folded. It must be the same command.
	join := func(s string) []string { return shellWords(strings.ReplaceAll(s, "\\\n", " ")) }
	if a, b := join(in), join(got); strings.Join(a, "|") != strings.Join(b, "|") {
		t.Fatalf("the command changed:\n%s\nbecame\n%s", in, got)
	}
	if !strings.Contains(got, `'[{"name":"it'\''s","value":"a b"}]'`) {
		t.Fatalf("an argument was broken:\n%s", got)
	}
}

// p in the review prints the request unbroken on the terminal's own screen,
// where the terminal wraps it and a copy pastes whole (issue 8 item 12).
func TestReviewPrintsUnbrokenToCopy(t *testing.T) {
	tpl := fatJar()
	tpl.PackageUrl = "https://b.oss-cn-hangzhou.aliyuncs.com/" + strings.Repeat("very-long-path/", 8) + "r-1.0.jar"
	m := newTestModel(t, tpl, StartReview)
	r := m.top().(*review)
	view(m)
	if got, want := r.copyText(m.Session), PreviewText(tpl, false); got != want {
		t.Fatalf("p prints\n%s\nthe preview is\n%s", got, want)
	}
	if _, cmd := m.Update(keyMsgs("p")[0]); cmd == nil {
		t.Fatal("p does nothing in the review")
	}
	var out bytes.Buffer
	pc := &printToCopy{text: r.copyText(m.Session)}
	pc.SetStdin(strings.NewReader("\n"))
	pc.SetStdout(&out)
	if err := pc.Run(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"PackageUrl": "`+tpl.PackageUrl+`"`) {
		t.Fatalf("the long value is not printed whole:\n%s", out.String())
	}
}

// One rule picks the field for a problem everywhere: the longest path
// that is the problem's place or lies above it, the first on a tie, none
// when no path does; a typed Path is read before the Field text.
func TestBestField(t *testing.T) {
	fields := []*field{
		{param: "Envs", paths: []string{"Envs[0]", "Envs"}},
		{param: "Envs", paths: []string{"Envs[0].name"}},
		{param: "Envs", paths: []string{"Envs[0].name"}},
		{param: "Memory"},
	}
	for path, want := range map[string]int{"Envs[0].name": 1, "Envs[0].value": 0, "Envs[1]": 0, "Memory": 3, "Cpu": -1, "Envs0": -1} {
		if got := bestField(fields, path); got != want {
			t.Errorf("bestField(%q) = %d, want %d", path, got, want)
		}
	}
	p := model.NewProblem(model.At("Envs").Item(0).Key("name"), model.Error, "x", "y")
	p.Field = "stale"
	if got := fieldFor(fields, p); got != fields[1] {
		t.Errorf("fieldFor read the Field text, not the typed Path: %v", got)
	}
	if got := fieldFor(fields, model.Problem{Field: "Memory"}); got != fields[3] {
		t.Errorf("fieldFor without a Path: %v", got)
	}
}
