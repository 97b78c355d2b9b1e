package ui

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkChoiceFilter1000 types into the filter of a list of 1,000
// namespaces and erases it (Update + View per key).
func BenchmarkChoiceFilter1000(b *testing.B) {
	m := newTestModel(b, fatJar(), StartSteps)
	items := make([]choiceItem, 1000)
	for i := range items {
		items[i] = choiceItem{Label: fmt.Sprintf("team-%04d  cn-hangzhou:team-%04d", i, i), Detail: fmt.Sprintf("Jobs of team %d · vpc-bp1%016d", i, i), Value: fmt.Sprintf("cn-hangzhou:team-%04d", i)}
	}
	m.push(newFixedChooser("NamespaceId", items, func(*Model, choiceItem) tea.Cmd { return nil }))
	benchKeys(b, m, []tea.Msg{
		tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'9'}},
		tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'9'}},
		tea.KeyMsg{Type: tea.KeyBackspace},
		tea.KeyMsg{Type: tea.KeyBackspace},
	})
}

// BenchmarkKeystrokeWhileLoading types AppName while a list, the name
// check and the price are being read (the reads never answer).
func BenchmarkKeystrokeWhileLoading(b *testing.B) {
	acc := &fakeAccount{where: Where{Region: "cn-hangzhou", Credentials: "environment"}, block: true}
	o := testOptions()
	o.Template, o.Start, o.Account = bigTemplate(2000), StartSteps, acc
	m := New(o)
	m.Update(teaSize(80, 24))
	m.Update(whereMsg{where: acc.where})
	for _, k := range []string{"namespaces|cn-hangzhou", "jobs|x", "price|x"} {
		m.load(k, false, nil) // out, never answered: the spinners turn
	}
	benchKeys(b, m, typeAndErase)
}
