package main

import (
	"io"
	"testing"
)

// BenchmarkNewRoot is the cost of building every subcommand, paid by each
// start, the wizard's first frame included.
func BenchmarkNewRoot(b *testing.B) {
	a := &app{stdin: nil, stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = newRoot(a)
	}
}
