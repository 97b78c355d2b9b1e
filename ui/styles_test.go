package ui

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

type env map[string]string

func (e env) Environ() []string {
	var out []string
	for k, v := range e {
		out = append(out, k+"="+v)
	}
	return out
}
func (e env) Getenv(k string) string { return e[k] }

// NO_COLOR drops every colour; meaning stays in the markers (› ✗ ! [step]).
func TestNoColor(t *testing.T) {
	render := func(e env) string {
		r := lipgloss.NewRenderer(io.Discard, termenv.WithTTY(true), termenv.WithEnvironment(e))
		r.SetHasDarkBackground(true)
		o := testOptions()
		o.Renderer = r
		o.Template, o.Start = fatJar(), StartSteps
		m := New(o)
		return m.View()
	}
	colour := render(env{"TERM": "xterm-256color"})
	if !strings.Contains(colour, "\x1b[") {
		t.Fatal("a colour terminal gets no colour")
	}
	plain := render(env{"TERM": "xterm-256color", "NO_COLOR": "1"})
	if strings.Contains(plain, "\x1b[") {
		t.Fatalf("NO_COLOR still draws escapes: %q", plain)
	}
	if !strings.Contains(plain, "› AppName") || !strings.Contains(plain, "[1 Basics]") {
		t.Fatalf("markers missing:\n%s", plain)
	}
}
