package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/saejob/saejob/model"
)

func init() {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
}

// fixedNow is the clock of every test.
var fixedNow = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func testOptions() Options {
	return Options{Now: func() time.Time { return fixedNow }}
}

// newTestModel builds a model at 80x24 on the given template.
func newTestModel(t testing.TB, tpl *model.Template, start Start) *Model {
	t.Helper()
	o := testOptions()
	o.Template = tpl
	o.Start = start
	m := New(o)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return m
}

// press sends keys: named keys ("tab", "enter", "pgdown", "esc", "ctrl+r",
// "left", "right", "up", "down", "space", "backspace") or text typed rune by rune.
func press(m *Model, keys ...string) {
	for _, k := range keys {
		for _, msg := range keyMsgs(k) {
			_, cmd := m.Update(msg)
			runCmd(m, cmd)
		}
	}
}

// runCmd runs the synchronous commands a key returns (not ticks).
func runCmd(m *Model, cmd tea.Cmd) {
	_ = cmd
}

var named = map[string]tea.KeyType{
	"tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab, "enter": tea.KeyEnter, "esc": tea.KeyEsc,
	"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "ctrl+r": tea.KeyCtrlR, "ctrl+c": tea.KeyCtrlC,
	"left": tea.KeyLeft, "right": tea.KeyRight, "up": tea.KeyUp, "down": tea.KeyDown,
	"space": tea.KeySpace, "backspace": tea.KeyBackspace, "ctrl+e": tea.KeyCtrlE, "ctrl+u": tea.KeyCtrlU,
	"home": tea.KeyHome, "end": tea.KeyEnd,
	"ctrl+o": tea.KeyCtrlO, "ctrl+n": tea.KeyCtrlN, "ctrl+p": tea.KeyCtrlP, "ctrl+g": tea.KeyCtrlG, "ctrl+t": tea.KeyCtrlT, "ctrl+j": tea.KeyCtrlJ,
}

func keyMsgs(k string) []tea.Msg {
	if k == "alt+enter" {
		return []tea.Msg{tea.KeyMsg{Type: tea.KeyEnter, Alt: true}}
	}
	if t, ok := named[k]; ok {
		if t == tea.KeySpace {
			return []tea.Msg{tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}}
		}
		return []tea.Msg{tea.KeyMsg{Type: t}}
	}
	var out []tea.Msg
	for _, r := range k {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[a-zA-Z]`)

func plain(s string) string { return ansi.ReplaceAllString(s, "") }

func view(m *Model) string { return plain(m.View()) }

func mustContain(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Fatalf("screen lacks %q:\n%s", w, got)
		}
	}
}

func mustNotContain(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if strings.Contains(got, w) {
			t.Fatalf("screen has %q:\n%s", w, got)
		}
	}
}

// bigTemplate is a valid FatJar job with n environment variables.
func bigTemplate(n int) *model.Template {
	t := fatJar()
	for i := 0; i < n; i++ {
		t.Envs = append(t.Envs, model.Env{Name: fmt.Sprintf("VAR_%04d", i), Value: model.Ptr(fmt.Sprintf("value-%d", i))})
	}
	return t
}

func fatJar() *model.Template {
	return &model.Template{
		AppName:             "nightly-report",
		ProgrammingLanguage: "java",
		PackageType:         "FatJar",
		PackageUrl:          "https://b.oss-cn-hangzhou.aliyuncs.com/r-1.0.jar",
		PackageVersion:      "1.0",
		Jdk:                 "Open JDK 8",
		Cpu:                 model.Ptr(1000),
		Memory:              model.Ptr(2048),
		Replicas:            model.Ptr(1),
		TriggerConfig:       &model.TriggerConfig{Type: "time", Cron: "0 1 */1 * ?", Zone: "GMT+8:00"},
	}
}

func teaSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
