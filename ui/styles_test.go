package ui

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

var colourSeq = regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]`)

// NO_COLOR drops every colour but keeps bold, faint and reverse, so the
// focus and the text cursor still show; meaning stays in the markers too.
func TestNoColor(t *testing.T) {
	render := func(noColor bool) string {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(termenv.ANSI)
		o := testOptions()
		o.Renderer, o.NoColor = r, noColor
		o.Template, o.Start = fatJar(), StartSteps
		return New(o).View()
	}
	if !colourSeq.MatchString(render(false)) {
		t.Fatal("a colour terminal gets no colour")
	}
	v := render(true)
	if colourSeq.MatchString(v) {
		t.Fatalf("NO_COLOR still draws colour: %q", colourSeq.FindString(v))
	}
	if !strings.Contains(v, "\x1b[1m") {
		t.Fatal("NO_COLOR lost bold")
	}
	if p := plain(v); !strings.Contains(p, "› AppName") || !strings.Contains(p, "[1 Basics]") {
		t.Fatalf("markers missing:\n%s", p)
	}
}
