package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/saejob/saejob/model"
)

// helpLine is the short help bar: the screen's last line.
func helpLine(m *Model) string {
	lines := strings.Split(view(m), "\n")
	return lines[len(lines)-1]
}

// checkHelp fails unless the short help fits the width and shows f1 and
// quit (issue 9 item 6).
func checkHelp(t *testing.T, m *Model, where string) {
	t.Helper()
	h := helpLine(m)
	if !strings.Contains(h, "f1 all keys") || !strings.Contains(h, "ctrl+c quit") {
		t.Errorf("%s: the short help lacks f1 or ctrl+c: %q", where, h)
	}
	if w := lipgloss.Width(h); w > m.width {
		t.Errorf("%s: the short help is %d columns wide at %d: %q", where, w, m.width, h)
	}
}

// helpTemplates show, between them, every field of every step.
func helpTemplates() []*model.Template {
	war := fatJar()
	war.PackageType, war.WebContainer = "War", "apache-tomcat-8.5.42"
	war.Envs = []model.Env{{Name: "A", Value: model.Ptr("1")}}
	php := &model.Template{ProgrammingLanguage: "php", PackageType: "IMAGE_PHP_7_3", PhpConfig: "a=1\nb=2",
		TriggerConfig: &model.TriggerConfig{Type: "http", HTTP: &model.HTTPTrigger{Type: "HTTPS", Method: []string{"GET"}, SecurityConfig: "ip", IP: []string{"10.0.0.1"}}}}
	py := &model.Template{ProgrammingLanguage: "python", PackageType: "PythonZip", Slice: model.Ptr(true), AutoConfig: model.Ptr(false)}
	return []*model.Template{fatJar(), war, php, py, bigTemplate(3)}
}

// Every screen and every field of every step keeps f1 and ctrl+c in a
// short help that fits 80 columns.
func TestShortHelpFits80WithF1AndQuit(t *testing.T) {
	start := New(testOptions())
	start.Update(teaSize(80, 24))
	checkHelp(t, start, "start menu")
	for _, tpl := range helpTemplates() {
		m := newTestModel(t, tpl, StartSteps)
		for i, st := range m.wizard.steps {
			st.open = true
			m.wizard.enter(m, i)
			for j, f := range st.fields {
				if !st.stop(m, f) {
					continue
				}
				m.wizard.focusField(m, j)
				where := st.name + " · " + f.label + " (" + tpl.PackageType + ")"
				checkHelp(t, m, where)
				if h := helpLine(m); !strings.Contains(h, "ctrl+n/p step") {
					t.Errorf("%s: the step keys are not shown: %q", where, h)
				}
				switch {
				case f.kind == kindList:
					press(m, "ctrl+o")
					checkHelp(t, m, where+" · list")
					if f.list.count(m.t) > 0 {
						press(m, "enter")
						checkHelp(t, m, where+" · item")
						press(m, "esc")
					}
					press(m, "esc")
				case f.kind == kindSelect, f.kind == kindText && f.options != nil:
					press(m, "ctrl+o")
					checkHelp(t, m, where+" · picker")
					press(m, "esc")
				}
				if _, ok := m.top().(*wizard); !ok {
					t.Fatalf("%s: left on %T", where, m.top())
				}
			}
		}
		press(m, "ctrl+r")
		checkHelp(t, m, "review")
		press(m, "s")
		checkHelp(t, m, "save")
	}
	// With the account's choices: ctrl+o and ctrl+g join, the step keys stay.
	acc := &fakeAccount{where: Where{Region: "cn-hangzhou", Credentials: "environment"}}
	oa := testOptions()
	oa.Template, oa.Start, oa.Account = fatJar(), StartSteps, acc
	ma := New(oa)
	ma.Update(teaSize(80, 24))
	ma.Update(whereMsg{where: acc.where})
	focusOn(t, ma, 0, "NamespaceId")
	checkHelp(t, ma, "NamespaceId with an account")
	mustContain(t, helpLine(ma), "ctrl+n/p step", "ctrl+o choose from account")
	// The confirmation before sending.
	o := testOptions()
	o.Template, o.Start, o.Submitter = fatJar(), StartReview, &fakeSubmitter{}
	m := New(o)
	m.Update(teaSize(80, 24))
	press(m, "x")
	mustContain(t, view(m), "Send CreateJob")
	checkHelp(t, m, "confirm")
}

// enter moves on from every kind of field, the choices included; ctrl+o
// opens the choices of a carousel, a short inline choice and a list alike.
func TestEnterMovesOnAndCtrlOOpensChoices(t *testing.T) {
	m := newTestModel(t, fatJar(), StartSteps)
	focusOn(t, m, 1, "ProgrammingLanguage") // an inline choice
	press(m, "enter")
	if f := focused(m); f.param != "PackageType" {
		t.Fatalf("enter on an inline choice went to %s", f.param)
	}
	focusOn(t, m, 2, "Cpu") // a carousel: enter used to open a list here
	press(m, "enter")
	if f := focused(m); f.param != "Memory" {
		t.Fatalf("enter on a carousel went to %s (top %T)", f.param, m.top())
	}
	for _, c := range []struct {
		step  int
		field string
		want  string
	}{{1, "ProgrammingLanguage", "Choose ProgrammingLanguage"}, {2, "Cpu", "Choose Cpu"}, {3, "Timezone", "Choose Timezone"}, {3, "Envs", "Environment variables"}} {
		focusOn(t, m, c.step, c.field)
		mustContain(t, helpLine(m), "ctrl+o")
		press(m, "ctrl+o")
		mustContain(t, view(m), c.want)
		press(m, "esc")
	}
}

// The steps have keys every keyboard has, shown in the help bar: ctrl+n,
// ctrl+p, tab past the last field, and ctrl+t with the step's number.
func TestStepKeysEveryKeyboardHas(t *testing.T) {
	m := newTestModel(t, fatJar(), StartSteps)
	mustContain(t, helpLine(m), "ctrl+n/p step")
	press(m, "ctrl+n")
	mustContain(t, view(m), "Step 2 of 6")
	press(m, "ctrl+p")
	mustContain(t, view(m), "Step 1 of 6")
	press(m, "ctrl+t", "5")
	mustContain(t, view(m), "Step 5 of 6")
	press(m, "ctrl+t", "9")
	mustContain(t, view(m), "Step 5 of 6", `No step "9"`)
	press(m, "ctrl+t", "r")
	mustContain(t, view(m), "What will be sent")
	m.help.ShowAll = true
	m.toWizard()
	mustContain(t, view(m), "ctrl+t 1-6", "ctrl+n/pgdn", "ctrl+p/pgup")
}

// Typing into a list field starts a new item with that text, on every
// kind of list: plain strings, shard values and variables.
func TestTypingIntoAListStartsAnItem(t *testing.T) {
	tpl := fatJar()
	tpl.Slice = model.Ptr(true)
	m := newTestModel(t, tpl, StartSteps)
	focusOn(t, m, 2, "SliceEnvs")
	press(m, "7", "esc", "esc")
	if len(m.t.SliceEnvs) != 1 || string(m.t.SliceEnvs[0]) != "7" {
		t.Fatalf("SliceEnvs %s", m.t.SliceEnvs)
	}
	focusOn(t, m, 3, "Envs")
	press(m, "GREETING")
	mustContain(t, view(m), "variable 1 of 1")
	press(m, "tab", "tab", "hi", "esc", "esc")
	if len(m.t.Envs) != 1 || m.t.Envs[0].Name != "GREETING" || model.Deref(m.t.Envs[0].Value) != "hi" {
		t.Fatalf("Envs %+v", m.t.Envs)
	}
	if _, ok := m.top().(*wizard); !ok {
		t.Fatalf("left on %T", m.top())
	}
}

// The advanced fold hides rarely needed fields, shows one that holds a
// value or a problem, and Workload is never a tab stop.
func TestAdvancedFold(t *testing.T) {
	m := newTestModel(t, fatJar(), StartSteps)
	m.wizard.enter(m, 1)
	mustContain(t, view(m), "▸ Advanced  EdasContainerVersion")
	mustNotContain(t, view(m), "EdasContainerVersion  —")
	focusOn(t, m, 1, "Advanced")
	press(m, "ctrl+o")
	mustContain(t, view(m), "▾ Advanced", "EdasContainerVersion  —")
	press(m, "tab", "3.5.3", "shift+tab", "ctrl+o")
	// Folded again, it holds a value: it shows.
	mustContain(t, view(m), "▸ Advanced", "EdasContainerVersion  3.5.3")

	// Storage: the legacy NAS fields sit folded next to NasConfigs; a
	// value from a file shows, and so do the fields its problems are on.
	m.wizard.enter(m, 5)
	mustContain(t, view(m), "NasConfigs", "▸ Advanced  NasId, MountHost, MountDesc")
	mustNotContain(t, view(m), "NasId  —", "MountHost  —")
	tpl := fatJar()
	tpl.MountHost = "x.nas.aliyuncs.com"
	m = newTestModel(t, tpl, StartSteps)
	m.wizard.enter(m, 5)
	mustContain(t, view(m), "MountHost  x.nas.aliyuncs.com", "NasId  —", "NasId is not set")

	// Workload: shown under the fold, never focused by tab.
	m.wizard.enter(m, 0)
	m.wizard.step().open = true
	for i := 0; i < 12; i++ {
		if f := focused(m); f.param == "Workload" {
			t.Fatal("tab stopped on Workload")
		}
		press(m, "tab")
		if m.wizard.cur != 0 {
			break
		}
	}
	// With a problem it takes the focus, so that it can be fixed.
	tpl = fatJar()
	tpl.Workload = "web"
	m = newTestModel(t, tpl, StartSteps)
	mustContain(t, view(m), "Workload  web")
}

// ctrl+e on a multi-line field opens $EDITOR on its text and takes back
// what the editor wrote.
func TestEditorEditsMultiLineField(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "ed.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf 'memory_limit=512M\\nmax_input_vars=3000\\n' > \"$1\"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", script)
	tpl := &model.Template{AppName: "php-job", ProgrammingLanguage: "php", PackageType: "IMAGE_PHP_7_3", PhpConfig: "memory_limit=256M"}
	f := startFlow(t, Options{Template: tpl, Start: StartSteps})
	f.wait("Step 1 of 6").keys("ctrl+n").wait("Step 2 of 6")
	// The PHP image's fields: past the image's five to PhpConfig.
	f.keys("tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab").wait("ctrl+e $EDITOR")
	f.keys("ctrl+e").wait("PhpConfig: 2 lines from the editor")
	m := f.finish()
	if m.t.PhpConfig != "memory_limit=512M\nmax_input_vars=3000" {
		t.Fatalf("PhpConfig %q", m.t.PhpConfig)
	}
}

func TestEditorCommandOrder(t *testing.T) {
	env := map[string]string{"VISUAL": "code -w", "EDITOR": "vim"}
	get := func(k string) string { return env[k] }
	if name, args := editorCommand(get); name != "code" || len(args) != 1 || args[0] != "-w" {
		t.Fatalf("VISUAL first: %s %v", name, args)
	}
	env["VISUAL"] = ""
	if name, _ := editorCommand(get); name != "vim" {
		t.Fatalf("then EDITOR: %s", name)
	}
	env["EDITOR"] = ""
	if name, _ := editorCommand(get); !strings.HasSuffix(name, "nano") && !strings.HasSuffix(name, "vi") {
		t.Fatalf("then nano or vi: %s", name)
	}
}

func TestHookScriptKeepsItsShellAndQuotesOtherCommands(t *testing.T) {
	f := hookField("PreStop")
	tpl := &model.Template{PreStop: &model.Hook{Exec: &model.ExecAction{Command: []string{"/bin/echo", "it's", "a b"}}}}
	if got := f.get(tpl); got != `/bin/echo 'it'\''s' 'a b'` {
		t.Fatalf("shown as %q", got)
	}
	tpl.PreStop.Exec.Command = []string{"bash", "-c", "x"}
	_ = f.set(tpl, "x\ny")
	if got := strings.Join(tpl.PreStop.Exec.Command, "|"); got != "bash|-c|x\ny" {
		t.Fatalf("set %q", got)
	}
	_ = f.set(tpl, "  ")
	if tpl.PreStop != nil {
		t.Fatalf("an empty script keeps the hook %+v", tpl.PreStop)
	}
}

// The one interaction model, through the whole program: enter moves on,
// ctrl+o opens choices, ctrl+n/ctrl+p/ctrl+t move between steps, the fold
// opens, and typing into a list starts an item.
func TestFlowOneInteractionModel(t *testing.T) {
	f := startFlow(t, Options{Start: StartSteps})
	f.wait("Step 1 of 6").keys("flow-job", "ctrl+n").wait("Step 2 of 6")
	f.keys("right").wait("[java]")
	f.keys("enter").wait("› PackageType")
	f.keys("ctrl+o").wait("Choose PackageType")
	f.keys("War", "enter").wait("WebContainer")
	f.keys("ctrl+t").wait("Go to step: press 1-6")
	f.keys("3").wait("Step 3 of 6")
	f.keys("enter").wait("› Memory")
	f.keys("ctrl+p").wait("Step 2 of 6")
	// From PackageType past War's eleven fields to the fold.
	for i := 0; i < 11; i++ {
		f.keys("tab")
	}
	f.wait("ctrl+o show").keys("ctrl+o").wait("ctrl+o hide")
	f.keys("ctrl+t", "4").wait("Step 4 of 6")
	f.keys("tab", "tab", "GREETING").wait("variable 1 of 1")
	f.keys("esc", "esc").wait("1 variable: GREETING=")
	m := f.finish()
	if m.t.PackageType != "War" || len(m.t.Envs) != 1 || m.t.Envs[0].Name != "GREETING" {
		t.Fatalf("template %+v", m.t)
	}
}

// An item added and left blank goes away; the list's cursor then stays on
// an item, so opening or removing never reaches past the end (this used to
// open "variable 2 of 1" and then panic on d).
func TestListCursorStaysOnAnItemAfterABlankAdd(t *testing.T) {
	tpl := fatJar()
	tpl.Envs = []model.Env{{Name: "KEEP", Value: model.Ptr("1")}}
	m := newTestModel(t, tpl, StartSteps)
	focusOn(t, m, 3, "Envs")
	press(m, "ctrl+o", "a", "esc")
	mustContain(t, view(m), "Nothing typed", "› 1  KEEP=1")
	press(m, "enter")
	mustContain(t, view(m), "variable 1 of 1")
	press(m, "esc", "d")
	if len(m.t.Envs) != 0 {
		t.Fatalf("d removed nothing: %+v", m.t.Envs)
	}
}

// Typing into the list's own screen starts an item too, empty list or not.
func TestTypingIntoTheListScreenStartsAnItem(t *testing.T) {
	m := newTestModel(t, fatJar(), StartSteps)
	focusOn(t, m, 3, "Envs")
	press(m, "ctrl+o")
	mustContain(t, view(m), "Type, or press a, to add one.")
	press(m, "MYVAR")
	mustContain(t, view(m), "variable 1 of 1")
	press(m, "esc")
	if len(m.t.Envs) != 1 || m.t.Envs[0].Name != "MYVAR" {
		t.Fatalf("Envs %+v", m.t.Envs)
	}
}

// A list kept as the file's text says the same thing in its row and in the
// help bar: ctrl+o edits it as text.
func TestRawListHelpSaysEditAsText(t *testing.T) {
	tpl, err := model.Parse([]byte("AppName: a\nPackageType: Image\nImageUrl: r/i:1\nReplicas: 1\nEnvs: '[{\"name\": \"A\"'\n"), model.YAML, "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, tpl, StartSteps)
	focusOn(t, m, 3, "Envs")
	mustContain(t, view(m), "· ctrl+o: edit as text", "ctrl+o edit as text")
	mustNotContain(t, view(m), "edit list")
}
