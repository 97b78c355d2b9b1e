package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"
)

func init() { named["ctrl+z"] = tea.KeyCtrlZ }

// Switching the language clears the fields that no longer apply, says so
// on the status line, and ctrl+z brings them back (issue 9 item 6).
func TestFlowLanguageSwitchClearsAndUndoes(t *testing.T) {
	tpl := fatJar()
	tpl.JarStartArgs = "--spring.profiles.active=prod"
	f := startFlow(t, Options{Template: tpl, Start: StartSteps})
	f.wait("Step 1 of 6").keys("pgdown").wait("Step 2 of 6")
	// java -> php -> python: one undo goes back to before the first.
	f.keys("right").wait("[php]")
	f.keys("right").wait("Cleared Jdk, JarStartArgs (they do not apply to python) — ctrl+z undoes")
	if got := f.m.t; got.Jdk != "" || got.JarStartArgs != "" || got.PackageType != "PythonZip" {
		t.Errorf("after the switch: %+v", got)
	}
	f.keys("ctrl+z").wait("Restored Jdk, JarStartArgs")
	m := f.finish()
	goldenScreen(t, m)
	if got := m.t; got.ProgrammingLanguage != "java" || got.PackageType != "FatJar" || got.Jdk != "Open JDK 8" ||
		got.JarStartArgs != "--spring.profiles.active=prod" || got.PackageVersion != "1.0" {
		t.Fatalf("after undo: %+v", got)
	}
}

// Choosing Java on a new template marks the fields it needs as required,
// not as errors, until the user has been there; the review lists them all.
func TestFlowRequiredNotErrorUntilVisited(t *testing.T) {
	f := startFlow(t, Options{Start: StartSteps})
	f.wait("Step 1 of 6").keys("job-1", "pgdown").wait("Step 2 of 6")
	f.keys("right").wait("[java]")
	f.keys("tab", "tab").wait("› PackageUrl · required")
	// Leaving PackageUrl empty: now it is an error where it is.
	f.keys("tab").wait("✗ PackageUrl is required")
	f.keys("ctrl+r").wait("What will be sent")
	m := f.finish()
	mustContain(t, plain(m.View()), "PackageUrl is required", "PackageVersion is required")
	goldenScreen(t, m)
}

// The same, frame by frame: before the user reaches them, the fields
// Java needs say "required" and the step counts no problem; after, the
// error shows where the field is.
func TestRequiredFieldsAreNotErrorsBeforeVisited(t *testing.T) {
	m := newTestModel(t, nil, StartSteps)
	press(m, "job-1", "pgdown", "right", "tab", "tab")
	v := view(m)
	mustContain(t, v, "PackageVersion  — · required", "Step 2 of 6 · Runtime — no problems", "Jdk  Open JDK 8 (default)", "› PackageUrl · required", "2 required fields to fill")
	mustNotContain(t, v, "✗ PackageVersion is required", "✗ PackageUrl is required", "Runtime ✗", "problems to fix")
	press(m, "tab")
	v = view(m)
	mustContain(t, v, "✗ PackageUrl is required", "Runtime — 1 problem", "[2 Runtime ✗1]")
	mustNotContain(t, v, "✗ PackageVersion is required")
}

// A new template starts from the console's values, shown as defaults.
func TestFlowNewTemplateDefaults(t *testing.T) {
	f := startFlow(t, Options{})
	f.wait("Start a new job template").keys("enter").wait("Step 1 of 6")
	f.keys("pgdown", "pgdown").wait("Step 3 of 6")
	m := f.finish()
	goldenScreen(t, m)
	mustContain(t, plain(m.View()), "› Cpu (default)", "Memory  2 GB (2048) (default)", "Replicas (required)  1 (default)")
	if model.Deref(m.t.Replicas) != 1 || model.Deref(m.t.Cpu) != 1000 || model.Deref(m.t.Memory) != 2048 {
		t.Fatalf("%+v", m.t)
	}
}
