package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/saejob/saejob/model"
)

// quitModel ends a session as ctrl+c does.
func quitModel(m *Model) { press(m, "ctrl+c") }

func draftNames(t *testing.T, s *DraftStore) []string {
	t.Helper()
	list, err := s.List("")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}

// Starting a new template, or editing another file, leaves an earlier
// draft where it is and offered (issue 8 item 6, repro 1).
func TestDraftsNewTemplateKeepsTheOtherDraft(t *testing.T) {
	s := &DraftStore{Dir: t.TempDir()}
	o := testOptions()
	o.Drafts = s
	m := New(o)
	press(m, "enter", "first-job") // Start a new job template
	quitModel(m)
	m = New(o)
	mustContain(t, view(m), "Resume your draft: first-job")
	press(m, "down", "enter", "second-job") // past the draft: Start a new job template
	quitModel(m)
	// Editing another file keeps both too.
	dir := t.TempDir()
	o.Template, o.Path, o.Start = fatJar(), filepath.Join(dir, "other.yaml"), StartSteps
	m = New(o)
	press(m, "ctrl+u", "other-job")
	quitModel(m)
	got := strings.Join(draftNames(t, s), ",")
	for _, want := range []string{"first-job", "second-job", "other-job"} {
		if !strings.Contains(got, want) {
			t.Fatalf("drafts %s: %s is gone", got, want)
		}
	}
	o.Template, o.Path, o.Start = nil, "", StartMenu
	mustContain(t, view(New(o)), "Resume your draft: first-job", "Resume your draft: second-job", "Resume your draft: other-job")
}

// Two wizards on two files, both quit: each one's work is in its own draft
// (issue 8 item 6, repro 2).
func TestDraftsTwoWizardsTwoFiles(t *testing.T) {
	s := &DraftStore{Dir: t.TempDir()}
	dir := t.TempDir()
	open := func(file string) *Model {
		o := testOptions()
		o.Drafts, o.Template, o.Path, o.Start = s, fatJar(), filepath.Join(dir, file), StartSteps
		return New(o)
	}
	a, b := open("a.yaml"), open("b.yaml")
	press(a, "ctrl+u", "work-of-a")
	press(b, "ctrl+u", "work-of-b")
	a.saveDraft()
	b.saveDraft()
	quitModel(a)
	quitModel(b)
	list, _ := s.List("")
	if len(list) != 2 {
		t.Fatalf("drafts %v, want one per file", draftNames(t, s))
	}
	for _, e := range list {
		want := map[string]string{"a.yaml": "work-of-a", "b.yaml": "work-of-b"}[filepath.Base(e.Draft.Path)]
		if e.Template.AppName != want {
			t.Errorf("the draft of %s holds %q, want %q", e.Draft.Path, e.Template.AppName, want)
		}
		if !strings.HasPrefix(e.Key, "file-") || e.Key != PathKey(e.Draft.Path) {
			t.Errorf("the draft of %s is keyed %s, not by the file", e.Draft.Path, e.Key)
		}
		fi, _ := os.Stat(s.File(e.Key))
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("draft mode %v, want 0600", fi.Mode().Perm())
		}
	}
}

// A second wizard on the same file is told that the draft is open
// elsewhere and gets its own copy; nothing is overwritten.
func TestDraftsSameFileSecondWizardGetsACopy(t *testing.T) {
	s := &DraftStore{Dir: t.TempDir()}
	path := filepath.Join(t.TempDir(), "job.yaml")
	open := func() *Model {
		o := testOptions()
		o.Drafts, o.Template, o.Path, o.Start = s, fatJar(), path, StartSteps
		m := New(o)
		return m
	}
	a := open()
	press(a, "ctrl+u", "first-wizard")
	a.saveDraft() // a holds the file's draft now
	b := open()
	mustContain(t, view(b), "Unsaved changes to", "has it open")
	press(b, "o") // open the file as saved
	press(b, "ctrl+u", "second-wizard")
	b.saveDraft()
	mustContain(t, view(b), "has this file's draft")
	quitModel(b)
	quitModel(a)
	list, _ := s.List("")
	got := map[string]bool{}
	for _, e := range list {
		got[e.Template.AppName] = true
	}
	if len(list) != 2 || !got["first-wizard"] || !got["second-wizard"] {
		t.Fatalf("drafts %v, want both wizards' work", draftNames(t, s))
	}
	// The next edit of the file offers its newest draft.
	o := testOptions()
	o.Drafts, o.Template, o.Path, o.Start = s, fatJar(), path, StartReview
	mustContain(t, view(New(o)), "Unsaved changes to", "that were")
}

// Resuming a draft another live wizard has open gives a copy.
func TestDraftsResumeHeldDraftMakesACopy(t *testing.T) {
	s := &DraftStore{Dir: t.TempDir()}
	o := testOptions()
	o.Drafts = s
	a := New(o)
	press(a, "enter", "shared")
	a.saveDraft()
	b := New(o)
	mustContain(t, view(b), "Resume your draft: shared", "open in another saejob")
	press(b, "enter")
	mustContain(t, view(b), "working on a copy")
	press(b, "-b")
	quitModel(b)
	press(a, "-a")
	quitModel(a)
	names := strings.Join(draftNames(t, s), ",")
	if !strings.Contains(names, "shared-a") || !strings.Contains(names, "shared-b") {
		t.Fatalf("drafts %s, want both", names)
	}
}

// A lock left by a process that no longer runs is taken over.
func TestDraftsStaleLockIsTakenOver(t *testing.T) {
	s := &DraftStore{Dir: t.TempDir()}
	path := filepath.Join(t.TempDir(), "job.yaml")
	key := PathKey(path)
	if err := os.WriteFile(filepath.Join(s.Dir, key+".lock"), []byte("999999999 crashed\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	o := testOptions()
	o.Drafts, o.Template, o.Path, o.Start = s, fatJar(), path, StartSteps
	m := New(o)
	press(m, "ctrl+u", "after-crash")
	quitModel(m)
	if _, tpl, err := s.Load(key); err != nil || tpl == nil || tpl.AppName != "after-crash" {
		t.Fatalf("the file's own draft was not written: %v %v", tpl, err)
	}
	if _, err := os.Stat(filepath.Join(s.Dir, key+".lock")); !os.IsNotExist(err) {
		t.Fatalf("the lock is left behind: %v", err)
	}
	// A live holder's lock is respected.
	if err := os.WriteFile(filepath.Join(s.Dir, key+".lock"), []byte(fmt.Sprintf("%d other\n", os.Getppid())), 0o600); err != nil {
		t.Fatal(err)
	}
	if h, err := s.Lock(key, "mine"); err != nil || h != os.Getppid() {
		t.Fatalf("Lock = %d, %v; want held by %d", h, err, os.Getppid())
	}
}

// The welcome screen lists the drafts newest first with name and time, and
// deletes one after asking.
func TestDraftsWelcomeListsAndDeletes(t *testing.T) {
	s := &DraftStore{Dir: t.TempDir()}
	for i, name := range []string{"oldest", "newest", "middle"} {
		tpl := fatJar()
		tpl.AppName = name
		saved := fixedNow.Add(-[]time.Duration{3 * time.Hour, 5 * time.Minute, time.Hour}[i])
		if err := s.Save(newDraftKey(saved), Draft{Saved: saved, Step: 1}, tpl); err != nil {
			t.Fatal(err)
		}
	}
	o := testOptions()
	o.Drafts = s
	m := New(o)
	screen := view(m)
	i1, i2, i3 := strings.Index(screen, "draft: newest"), strings.Index(screen, "draft: middle"), strings.Index(screen, "draft: oldest")
	if i1 < 0 || i2 < i1 || i3 < i2 {
		t.Fatalf("not newest first:\n%s", screen)
	}
	mustContain(t, screen, "saved 5 min ago, step Runtime", "d delete draft")
	press(m, "down", "d")
	mustContain(t, view(m), "Delete the draft middle?")
	press(m, "n")
	if len(draftNames(t, s)) != 3 {
		t.Fatal("n deleted the draft")
	}
	press(m, "d", "y")
	mustNotContain(t, view(m), "draft: middle")
	if names := strings.Join(draftNames(t, s), ","); names != "newest,oldest" {
		t.Fatalf("drafts %s after deleting middle", names)
	}
}

// Drafts of earlier versions (draft.json, draft-DATE.json) are moved into
// the folder and offered, not lost.
func TestDraftsLegacyAreOffered(t *testing.T) {
	base := t.TempDir()
	old := &DraftStore{Dir: filepath.Join(base, "tmp-old")}
	for file, name := range map[string]string{"draft.json": "was-current", "draft-20261120-090000.json": "was-moved-aside"} {
		tpl := fatJar()
		tpl.AppName = name
		if err := old.Save("x", Draft{Saved: fixedNow.Add(-time.Hour)}, tpl); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(old.File("x"), filepath.Join(base, file)); err != nil {
			t.Fatal(err)
		}
	}
	s := &DraftStore{Dir: filepath.Join(base, "drafts"), Legacy: base}
	o := testOptions()
	o.Drafts = s
	mustContain(t, view(New(o)), "Resume your draft: was-current", "Resume your draft: was-moved-aside")
	if left, _ := filepath.Glob(filepath.Join(base, "draft*.json")); len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
	for _, e := range mustList(t, s) {
		if fi, _ := os.Stat(s.File(e.Key)); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v", e.Key, fi.Mode().Perm())
		}
	}
}

func mustList(t *testing.T, s *DraftStore) []DraftEntry {
	t.Helper()
	l, err := s.List("")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

var _ = model.Ptr[int]

// On a short screen the welcome list scrolls so that the chosen item is
// always on screen: enter never acts on an item the user cannot see.
func TestWelcomeScrollsToTheChosenItem(t *testing.T) {
	s := &DraftStore{Dir: t.TempDir()}
	for i := 0; i < 3; i++ {
		tpl := fatJar()
		tpl.AppName = fmt.Sprintf("draft-%d", i)
		_ = s.Save(newDraftKey(fixedNow)+fmt.Sprint(i), Draft{Saved: fixedNow}, tpl)
	}
	o := testOptions()
	o.Drafts = s
	o.Examples = []Example{{Name: "a"}, {Name: "b"}, {Name: "c"}, {Name: "d"}, {Name: "e"}}
	m := New(o)
	m.Update(teaSize(60, 16))
	for i := 0; i < 12; i++ {
		press(m, "down")
		label := m.stack[0].(*startMenu).items[m.stack[0].(*startMenu).cursor].label
		mustContain(t, view(m), "› "+label)
	}
	press(m, "up", "up", "up", "up", "up", "up", "up", "up", "up", "up")
	mustContain(t, view(m), "› Resume your draft: draft-")
}
