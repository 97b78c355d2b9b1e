package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// keystroke benchmarks: one key press (Update + View) with 2,000
// environment variables in the template, on the heaviest screens.

func benchKeys(b *testing.B, m *Model, keys []tea.Msg) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(keys[i%len(keys)])
		_ = m.View()
	}
}

var typeAndErase = []tea.Msg{
	tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'x'}},
	tea.KeyMsg{Type: tea.KeyBackspace},
}

// BenchmarkKeystrokeCommandStep types into Command on the step that holds
// the 2,000-variable Envs list.
func BenchmarkKeystrokeCommandStep(b *testing.B) {
	m := newTestModel(b, bigTemplate(2000), StartSteps)
	m.wizard.enter(m, 3)
	benchKeys(b, m, typeAndErase)
}

// BenchmarkKeystrokeEnvList moves through the 2,000-item list.
func BenchmarkKeystrokeEnvList(b *testing.B) {
	m := newTestModel(b, bigTemplate(2000), StartSteps)
	m.wizard.enter(m, 3)
	press(m, "tab", "tab", "ctrl+o")
	benchKeys(b, m, []tea.Msg{tea.KeyMsg{Type: tea.KeyDown}, tea.KeyMsg{Type: tea.KeyUp}})
}

// BenchmarkKeystrokeEnvItem types a variable's value, one of 2,000.
func BenchmarkKeystrokeEnvItem(b *testing.B) {
	m := newTestModel(b, bigTemplate(2000), StartSteps)
	m.wizard.enter(m, 3)
	press(m, "tab", "tab", "ctrl+o", "end", "enter", "tab", "tab")
	benchKeys(b, m, typeAndErase)
}

// BenchmarkKeystrokeTriggerStep types a cron expression (parse, reading
// and next runs on every key).
func BenchmarkKeystrokeTriggerStep(b *testing.B) {
	m := newTestModel(b, bigTemplate(2000), StartSteps)
	m.wizard.enter(m, 4)
	press(m, "tab", "tab")
	benchKeys(b, m, []tea.Msg{tea.KeyMsg{Type: tea.KeyBackspace}, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'?'}}})
}

// BenchmarkKeystrokeReview scrolls the review of the 2,000-variable request.
func BenchmarkKeystrokeReview(b *testing.B) {
	m := newTestModel(b, bigTemplate(2000), StartReview)
	benchKeys(b, m, []tea.Msg{tea.KeyMsg{Type: tea.KeyPgDown}, tea.KeyMsg{Type: tea.KeyPgUp}})
}

// BenchmarkKeystrokeOpenReview opens the review (ctrl+r) of the
// 2,000-variable request and goes back (esc): the review encodes the whole
// request when it opens.
func BenchmarkKeystrokeOpenReview(b *testing.B) {
	m := newTestModel(b, bigTemplate(2000), StartSteps)
	m.wizard.enter(m, 3)
	benchKeys(b, m, []tea.Msg{tea.KeyMsg{Type: tea.KeyCtrlR}, tea.KeyMsg{Type: tea.KeyEsc}})
}

// BenchmarkKeystrokeReviewAfterChange types in a step and opens the review
// each time: the review encodes the changed 2,000-variable request.
func BenchmarkKeystrokeReviewAfterChange(b *testing.B) {
	m := newTestModel(b, bigTemplate(2000), StartSteps)
	m.wizard.enter(m, 3)
	benchKeys(b, m, []tea.Msg{
		tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'x'}}, tea.KeyMsg{Type: tea.KeyCtrlR}, tea.KeyMsg{Type: tea.KeyEsc},
		tea.KeyMsg{Type: tea.KeyBackspace}, tea.KeyMsg{Type: tea.KeyCtrlR}, tea.KeyMsg{Type: tea.KeyEsc},
	})
}

// BenchmarkKeystrokeReviewDecoded scrolls the readable view of the
// 2,000-variable request.
func BenchmarkKeystrokeReviewDecoded(b *testing.B) {
	m := newTestModel(b, bigTemplate(2000), StartReview)
	press(m, "v")
	benchKeys(b, m, []tea.Msg{tea.KeyMsg{Type: tea.KeyPgDown}, tea.KeyMsg{Type: tea.KeyPgUp}})
}

// BenchmarkKeystrokeReviewSwitchView switches between the exact bytes and
// the readable view (v), which decodes the 2,000-variable Envs again.
func BenchmarkKeystrokeReviewSwitchView(b *testing.B) {
	m := newTestModel(b, bigTemplate(2000), StartReview)
	benchKeys(b, m, []tea.Msg{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'v'}}})
}

// BenchmarkKeystrokeReviewFirstDecode presses v on a request not decoded
// yet (as after a change): the 2,000-variable Envs is decoded and laid out.
func BenchmarkKeystrokeReviewFirstDecode(b *testing.B) {
	m := newTestModel(b, bigTemplate(2000), StartReview)
	_ = m.View() // the exact view first, as the review opens
	v := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'v'}}
	b.ReportAllocs()
	b.ResetTimer()
	r := m.top().(*review)
	for i := 0; i < b.N; i++ {
		m.request.decoded, r.decoded, r.gen = previewCache{}, false, -1 // every v decodes
		m.Update(v)
		_ = m.View()
	}
}
