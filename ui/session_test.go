package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/saejob/saejob/model"
)

// newTestSession is a session on tpl (nil: a new template) with the
// wizard's layout.
func newTestSession(t *testing.T, tpl *model.Template, sub Submitter) *Session {
	t.Helper()
	o := testOptions()
	o.Template, o.Submitter = tpl, sub
	m := New(o)
	return m.Session
}

// Applying a value brings its consequences: the package type a language
// takes, the Memory a Cpu pairs with, a JDK for Java, and clears the fields
// that no longer apply.
func TestSessionApplied(t *testing.T) {
	javaJob := func() *model.Template {
		tpl := fatJar()
		tpl.JarStartArgs = "--x"
		tpl.WarStartOptions = ""
		return tpl
	}
	for _, tc := range []struct {
		name     string
		tpl      func() *model.Template
		param    string
		value    string
		want     func(*model.Template) string // "" when right
		cleared  []string
		noteHas  string
		undoLine string
	}{
		{"python clears Java's fields", javaJob, "ProgrammingLanguage", "python",
			func(t *model.Template) string {
				if t.PackageType != "PythonZip" || t.Jdk != "" || t.JarStartArgs != "" || t.PackageUrl == "" {
					return "PackageType " + t.PackageType + " Jdk " + t.Jdk + " args " + t.JarStartArgs + " url " + t.PackageUrl
				}
				return ""
			},
			[]string{"Jdk", "JarStartArgs"}, "PackageType set to PythonZip",
			"Cleared Jdk, JarStartArgs (they do not apply to python)"},
		{"Image clears the package source", javaJob, "PackageType", "Image",
			func(t *model.Template) string {
				if t.PackageUrl != "" || t.PackageVersion != "" || t.Jdk != "" {
					return "still " + t.PackageUrl + t.PackageVersion + t.Jdk
				}
				return ""
			},
			[]string{"PackageVersion", "PackageUrl", "Jdk", "JarStartArgs"}, "", ""},
		{"War keeps the JDK, drops FatJar's arguments", javaJob, "PackageType", "War",
			func(t *model.Template) string {
				if t.Jdk != "Open JDK 8" || t.JarStartArgs != "" {
					return "Jdk " + t.Jdk + " args " + t.JarStartArgs
				}
				return ""
			},
			[]string{"JarStartArgs"}, "", "Cleared JarStartArgs (it does not apply to War)"},
		{"Java gets the console's JDK", func() *model.Template { return &model.Template{} }, "ProgrammingLanguage", "java",
			func(t *model.Template) string {
				if t.PackageType != "FatJar" || t.Jdk != "Open JDK 8" {
					return t.PackageType + " " + t.Jdk
				}
				return ""
			}, nil, "PackageType set to FatJar", ""},
		{"a Cpu picks a Memory that pairs", func() *model.Template { t := fatJar(); t.Memory = model.Ptr(1024); return t }, "Cpu", "4000",
			func(t *model.Template) string {
				if *t.Memory != 8192 {
					return "memory " + strconv.Itoa(*t.Memory)
				}
				return ""
			}, nil, "Memory set to 8 GB", ""},
		{"a Cpu keeps a Memory that pairs", fatJar, "Cpu", "2000",
			func(t *model.Template) string {
				if *t.Memory != 2048 {
					return "memory changed"
				}
				return ""
			}, nil, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestSession(t, tc.tpl(), nil)
			c, err := s.Set(tc.param, tc.value)
			if err != nil {
				t.Fatal(err)
			}
			if msg := tc.want(s.Template()); msg != "" {
				t.Errorf("template: %s", msg)
			}
			if !slices.Equal(c.Cleared, tc.cleared) {
				t.Errorf("cleared %v, want %v", c.Cleared, tc.cleared)
			}
			if !strings.Contains(strings.Join(c.Notes, "; "), tc.noteHas) {
				t.Errorf("notes %q lack %q", c.Notes, tc.noteHas)
			}
			if tc.undoLine != "" && c.Undo != tc.undoLine {
				t.Errorf("undo line %q, want %q", c.Undo, tc.undoLine)
			}
			if !s.Visited(tc.param) || !s.Unsaved() {
				t.Errorf("visited %v unsaved %v", s.Visited(tc.param), s.Unsaved())
			}
		})
	}
}

// Undo brings back what a language switch cleared, also after cycling
// through several languages, and only until the next other change.
func TestSessionUndo(t *testing.T) {
	tpl := fatJar()
	tpl.JarStartArgs = "--x"
	s := newTestSession(t, tpl, nil)
	for _, lang := range []string{"php", "python", "shell"} {
		if _, err := s.Set("ProgrammingLanguage", lang); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.CanUndo(); !strings.Contains(got, "Jdk") || !strings.Contains(got, "JarStartArgs") || !strings.Contains(got, "PackageUrl") {
		t.Fatalf("CanUndo %q", got)
	}
	msg, ok := s.Undo()
	got := s.Template()
	if !ok || !strings.HasPrefix(msg, "Restored") || got.ProgrammingLanguage != "java" || got.PackageType != "FatJar" ||
		got.Jdk != "Open JDK 8" || got.JarStartArgs != "--x" || got.PackageUrl == "" {
		t.Fatalf("after undo %q: %+v", msg, got)
	}
	if _, ok := s.Undo(); ok {
		t.Fatal("a second undo did something: one level only")
	}

	// Another change in between: nothing to undo.
	s.Set("ProgrammingLanguage", "python")
	s.Set("AppName", "other")
	if _, ok := s.Undo(); ok || s.Template().Jdk != "" {
		t.Fatal("undo after another change")
	}
}

// A new template starts from the console's values, shown as defaults until
// the user sets them; a required field not reached yet is pending, not an
// error, while a loaded template shows every problem.
func TestSessionDefaultsAndPending(t *testing.T) {
	s := newTestSession(t, nil, nil)
	tpl := s.Template()
	if model.Deref(tpl.Replicas) != 1 || model.Deref(tpl.Cpu) != 1000 || model.Deref(tpl.Memory) != 2048 {
		t.Fatalf("new template %+v", tpl)
	}
	for _, p := range []string{"Replicas", "Cpu", "Memory"} {
		if !s.IsDefault(p) {
			t.Errorf("%s not shown as default", p)
		}
	}
	if s.Unsaved() {
		t.Error("the defaults count as unsaved work")
	}
	s.Set("Replicas", "3")
	if s.IsDefault("Replicas") || !s.IsDefault("Cpu") {
		t.Error("a value the user set is still a default")
	}

	s.Set("ProgrammingLanguage", "java")
	var pending, shown []string
	for _, p := range s.Problems().Errors() {
		if s.Pending(p) {
			pending = append(pending, p.Field)
		} else {
			shown = append(shown, p.Field)
		}
	}
	if !slices.Contains(pending, "PackageUrl") || !slices.Contains(pending, "AppName") || len(shown) != 0 {
		t.Fatalf("pending %v shown %v", pending, shown)
	}
	s.Visit("PackageUrl")
	for _, p := range s.Problems().Errors() {
		if p.Field == "PackageUrl" && s.Pending(p) {
			t.Fatal("a visited field's problem is still pending")
		}
	}

	loaded := fatJar()
	loaded.PackageUrl = ""
	ls := newTestSession(t, loaded, nil)
	for _, p := range ls.Problems() {
		if ls.Pending(p) {
			t.Fatalf("a loaded template hides %s", p.Field)
		}
	}
}

// Locate names the step, the parameter and the list item of a problem.
func TestSessionLocate(t *testing.T) {
	s := newTestSession(t, fatJar(), nil)
	for _, tc := range []struct {
		field    string
		step     string
		param    string
		item     int
		resolved bool
	}{
		{"AppName", "Basics", "AppName", -1, true},
		{"Envs[2].name", "Command", "Envs", 2, true},
		{"TriggerConfig.config", "Trigger", "TriggerConfig", -1, true},
		{"Memory", "Resources", "Memory", -1, true},
		{"NoSuchKey", "", "NoSuchKey", -1, false},
	} {
		loc, ok := s.Locate(model.Problem{Field: tc.field})
		if ok != tc.resolved || loc.StepName != tc.step || loc.Param != tc.param || loc.Item != tc.item || loc.Path != tc.field {
			t.Errorf("%s: %+v %v", tc.field, loc, ok)
		}
	}
	if n := len(s.Steps()); n != 6 {
		t.Errorf("%d steps", n)
	}
}

// Save writes the file as the secret policy says; the ${NAME} placeholder
// changes the file, never the session.
func TestSessionSaveSecretPolicy(t *testing.T) {
	for _, tc := range []struct {
		policy SecretPolicy
		want   string
		not    string
	}{
		{SecretAsEnv, "${OSS_AK_SECRET}", "typed-secret"},
		{SecretKeep, "typed-secret", "${OSS"},
		{SecretLeaveOut, "OssAkId", "typed-secret"},
	} {
		tpl := fatJar()
		tpl.OssAkId, tpl.OssAkSecret = "id", "typed-secret"
		s := newTestSession(t, tpl, nil)
		s.Set("AppName", "changed")
		if !s.SecretChoiceNeeded() {
			t.Fatal("no secret choice asked")
		}
		path := filepath.Join(t.TempDir(), "job.yaml")
		if err := s.Save(path, tc.policy); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(path)
		if !strings.Contains(string(data), tc.want) || strings.Contains(string(data), tc.not) {
			t.Errorf("policy %d wrote:\n%s", tc.policy, data)
		}
		if s.Template().OssAkSecret != "typed-secret" || s.Unsaved() || s.Path() != path {
			t.Errorf("policy %d: session holds %q, unsaved %v, path %q", tc.policy, s.Template().OssAkSecret, s.Unsaved(), s.Path())
		}
		// Writing ${NAME} is remembered for the session's next saves.
		if tc.policy == SecretAsEnv && s.SecretChoiceNeeded() {
			t.Error("the placeholder choice is asked again")
		}
	}
}

// Submit sends once through the Submitter, refuses an invalid template
// without sending, and keeps SAE's refusal at its field.
func TestSessionSubmit(t *testing.T) {
	bad := fatJar()
	bad.Replicas = nil
	for _, tc := range []struct {
		name    string
		tpl     *model.Template
		res     model.SubmitOutcome
		status  model.OutcomeStatus
		sent    int
		warning string
	}{
		{"created", fatJar(), model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-1"}, model.OutcomeCreated, 1, ""},
		{"invalid is not sent", bad, model.SubmitOutcome{Status: model.OutcomeCreated}, model.OutcomeStopped, 0, ""},
		{"refused shows at the field", fatJar(), model.SubmitOutcome{Status: model.OutcomeRefused, Code: "InvalidInstanceSpecification.Unsupported", Message: "bad spec"},
			model.OutcomeRefused, 1, "SAE said InvalidInstanceSpecification.Unsupported"},
		{"may exist", fatJar(), model.SubmitOutcome{Status: model.OutcomeMayExist, Message: "no answer"}, model.OutcomeMayExist, 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub := &fakeSubmitter{res: tc.res}
			s := newTestSession(t, tc.tpl, sub)
			o := s.Submit(context.Background(), "")
			if o.Status != tc.status || len(sub.got) != tc.sent {
				t.Fatalf("status %d sent %d: %+v", o.Status, len(sub.got), o)
			}
			if tc.warning != "" {
				ps := s.ProblemsOf("Memory")
				if len(ps) == 0 || !strings.Contains(ps[0].Message, tc.warning) {
					t.Fatalf("Memory problems %v", ps)
				}
			}
		})
	}
	if why := newTestSession(t, fatJar(), nil).CanSubmit(); !strings.Contains(why, "not available") {
		t.Fatalf("no submitter: %q", why)
	}
}

// The session owns the draft: it writes it while work is unsaved, a second
// session resumes it with every field visited (its problems show), and
// Finish says where the work is kept.
func TestSessionDraft(t *testing.T) {
	store := &DraftStore{Dir: filepath.Join(t.TempDir(), "drafts")}
	o := testOptions()
	o.Drafts = store
	a := New(o).Session
	a.Set("AppName", "draft-job")
	a.Set("ProgrammingLanguage", "java")
	a.At(1)
	if !a.SaveDraft("") {
		t.Fatalf("no draft: %s", a.draftErr)
	}
	msg, code := a.Finish("interrupt")
	if code != 130 || !strings.Contains(msg, "kept as a draft") {
		t.Fatalf("finish %q %d", msg, code)
	}

	b := New(o).Session
	entries, err := b.Drafts()
	if err != nil || len(entries) != 1 || entries[0].Draft.Step != 1 {
		t.Fatalf("drafts %+v %v", entries, err)
	}
	b.ResumeDraft(entries[0])
	if b.Template().AppName != "draft-job" || !b.Unsaved() {
		t.Fatalf("resumed %+v", b.Template())
	}
	for _, p := range b.Problems() {
		if b.Pending(p) {
			t.Fatalf("a resumed draft hides %s: everything loaded counts as visited", p.Field)
		}
	}
	if err := b.DeleteDraft(entries[0]); err != nil {
		t.Fatal(err)
	}
	if left, _ := b.Drafts(); len(left) != 0 {
		t.Fatalf("after delete: %+v", left)
	}
}

// A created job is kept in the session with its region, and both
// front-ends say the same thing before a second submit.
func TestSessionAlreadyCreatedNamesRegion(t *testing.T) {
	s := newTestSession(t, fatJar(), &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeCreated, AppId: "app-1"}})
	if title, _ := s.AlreadyCreated(); title != "" {
		t.Fatalf("warned before creating: %q", title)
	}
	s.Submit(context.Background(), "cn-shanghai")
	title, text := s.AlreadyCreated()
	if title != "You already created AppId app-1" || !strings.Contains(text, "as AppId app-1 in cn-shanghai") || !strings.Contains(text, "a second job template") {
		t.Fatalf("got %q / %q", title, text)
	}
}

// What stops a submit before asking is decided once, for both front-ends:
// no credentials first, then no region; nothing without an Account.
func TestSessionBlocker(t *testing.T) {
	s := newTestSession(t, fatJar(), &fakeSubmitter{})
	for _, tc := range []struct {
		name     string
		w        *Where
		region   string
		title    string
		noRegion bool
	}{
		{"no account", nil, "", "", false},
		{"no credentials", &Where{NoCredentials: "none\x1b[31m found"}, "", "No credentials: this template can only be saved", false},
		{"no region", &Where{Credentials: "environment"}, "", "No region", true},
		{"ready", &Where{Credentials: "environment"}, "cn-hangzhou", "", false},
	} {
		b := s.Blocker(tc.w, tc.region)
		if b.Title != tc.title || b.NoRegion != tc.noRegion {
			t.Errorf("%s: %+v", tc.name, b)
		}
		if strings.ContainsRune(b.Why, 0x1b) {
			t.Errorf("%s: raw control character in %q", tc.name, b.Why)
		}
	}
}
