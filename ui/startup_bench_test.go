package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkFirstView is the wizard's own share of the first frame of
// `saejob new`: building the model and drawing its first screen.
func BenchmarkFirstView(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		o := testOptions()
		m := New(o)
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		_ = m.View()
	}
}
