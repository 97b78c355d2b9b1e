package ui

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"

	xansi "github.com/charmbracelet/x/ansi"
)

// Text people copy (commands, URLs, the request) is laid out here: a line is
// never broken inside a word when it can be helped, a command is broken only
// between its arguments with " \" continuations (so the pieces paste as one
// command), and nothing is ever inserted inside a token. Widths are terminal
// cells, so wide (CJK) characters do not overflow.

// copyableLines lays out text at width cells, each line prefixed with
// indent: prose wraps between words; an indented line that reads as a
// command breaks between arguments; a single word wider than the line is
// cut at the edge with nothing inserted.
func copyableLines(text string, width int, indent string) []string {
	width = max(width, 20)
	var out []string
	for _, line := range strings.Split(text, "\n") {
		switch {
		case xansi.StringWidth(indent+line) <= width:
			out = append(out, indent+line)
		case isCommandLine(line):
			out = append(out, commandLines(line, width, indent)...)
		default:
			out = append(out, wordLines(line, width, indent)...)
		}
	}
	return out
}

// isCommandLine reports whether an indented line is a command to paste.
func isCommandLine(line string) bool {
	t := strings.TrimLeft(line, " ")
	return len(t) < len(line) && (strings.HasPrefix(t, "aliyun ") || strings.HasPrefix(t, "saejob ") || strings.HasPrefix(t, "export "))
}

// commandLines breaks a shell command between its arguments, ending every
// line but the last with " \" and indenting the continuations (a shell
// reads the pieces as one command).
func commandLines(line string, width int, indent string) []string {
	lead := indent + line[:len(line)-len(strings.TrimLeft(line, " "))]
	args := shellWords(strings.TrimLeft(line, " "))
	var out []string
	cur := lead
	for i, a := range args {
		if cur != lead && cur != lead+"  " && xansi.StringWidth(cur+" "+a+" \\") > width {
			out = append(out, cur+" \\")
			cur = lead + "  "
		}
		if cur == lead || cur == lead+"  " {
			cur += a
		} else {
			cur += " " + a
		}
		if i == len(args)-1 {
			out = append(out, cur)
		}
	}
	return out
}

// shellWords splits a command line at spaces outside quotes, keeping each
// argument's quoting as written.
func shellWords(s string) []string {
	var out []string
	var b strings.Builder
	quote := rune(0)
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
		case quote == 0 && r == '\\':
			escaped = true
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == ' ':
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
			continue
		}
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// wordLines wraps prose between words at width cells.
func wordLines(line string, width int, indent string) []string {
	lead := indent + line[:len(line)-len(strings.TrimLeft(line, " "))]
	avail := width - xansi.StringWidth(lead)
	var out []string
	cur := ""
	for _, w := range strings.Fields(line) {
		switch {
		case cur == "":
			cur = w
		case xansi.StringWidth(cur)+1+xansi.StringWidth(w) <= avail:
			cur += " " + w
		default:
			out = append(out, lead+cur)
			cur = w
		}
		if xansi.StringWidth(cur) > avail {
			// One word wider than the line: cut it at the edge, with
			// nothing inserted inside it.
			parts := strings.Split(xansi.Hardwrap(cur, avail, true), "\n")
			for _, p := range parts[:len(parts)-1] {
				out = append(out, lead+p)
			}
			cur = parts[len(parts)-1]
		}
	}
	if cur != "" || len(out) == 0 {
		out = append(out, lead+cur)
	}
	return out
}

// cutMark ends a line cut at the screen's edge: the rest of the line is
// not shown (p prints it whole), and no line break is put inside a token.
const cutMark = "→"

// cutLines cuts every line of s wider than width cells at the edge, the
// last cell being cutMark, so that no token is ever broken onto a second
// line (a terminal copies a broken line as two). Copy the whole text with
// p (printForCopy).
func cutLines(s string, width int) string {
	if width < 20 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 1)
	for _, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		switch {
		case len(line) <= width:
		case printableASCII(line):
			// One cell per byte: a 2,000-variable Envs value is one long
			// line; this keeps a keystroke fast.
			line = line[:width-1] + cutMark
		case xansi.StringWidth(line) > width:
			line = xansi.Truncate(line, width, cutMark)
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// cellWrap breaks every line of s wider than width cells at the edge,
// inserting nothing (no indent, no mark), so that what is shown is exactly
// the text: the review uses it for the request, whose long values are single
// tokens.
func cellWrap(s string, width int) string {
	if width < 20 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/width + 1)
	for _, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		switch {
		case len(line) <= width:
		case printableASCII(line):
			// One cell per byte: cut every width bytes (a 2,000-variable
			// Envs value is one long line; this keeps a keystroke fast).
			for len(line) > width {
				b.WriteString(line[:width])
				b.WriteByte('\n')
				line = line[width:]
			}
		case xansi.StringWidth(line) > width:
			line = xansi.Hardwrap(line, width, true)
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// printableASCII reports whether s holds only printable ASCII characters,
// each one terminal cell wide.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// commandWrap lays out a multi-line shell command (one flag per line, each
// ending in " \") at width cells: a line too wide is broken between its
// arguments with " \" continuations; only a single argument wider than the
// screen is cut at the edge, marked (cutLines).
func commandWrap(s string, width int) string {
	if width < 20 {
		return s
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if xansi.StringWidth(line) <= width {
			b.WriteString(line + "\n")
			continue
		}
		body, cont := strings.CutSuffix(line, " \\")
		rows := commandLines(body, width-pick(cont, 2, 0), "")
		if cont {
			rows[len(rows)-1] += " \\"
		}
		for _, r := range rows {
			// A single argument wider than the screen: cut at the edge,
			// never broken inside.
			b.WriteString(cutLines(r, width))
		}
	}
	return b.String()
}

// printToCopy hands the terminal back to the shell's screen and prints text
// there unbroken, so that the terminal itself wraps long values (a terminal
// copies its own wrapped rows as one line), then waits for Enter and
// returns to the wizard. Inside the full-screen wizard a line wider than the
// screen has to be broken, and a broken line does not paste.
type printToCopy struct {
	text string
	in   io.Reader
	out  io.Writer
}

func (c *printToCopy) SetStdin(r io.Reader)  { c.in = r }
func (c *printToCopy) SetStdout(w io.Writer) { c.out = w }
func (c *printToCopy) SetStderr(io.Writer)   {}

// Run prints the text and waits for a line of input.
func (c *printToCopy) Run() error {
	text := strings.TrimSuffix(c.text, "\n")
	if _, err := fmt.Fprintf(c.out, "\n%s\n\n(Select and copy it above. Press Enter to go back to the wizard.)", text); err != nil {
		return err
	}
	if c.in == nil {
		return nil
	}
	_, err := bufio.NewReader(c.in).ReadString('\n')
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// printForCopy is the command that shows text unbroken for copying.
func printForCopy(text string) tea.Cmd {
	return tea.Exec(&printToCopy{text: text}, func(err error) tea.Msg {
		if err != nil {
			return copyDoneMsg{err: err}
		}
		return copyDoneMsg{}
	})
}

// copyDoneMsg says the terminal is back after printing for copying.
type copyDoneMsg struct{ err error }

// truncate cuts s to width terminal cells, ending in … when cut (wide
// characters count two); a newline ends it.
func truncate(s string, width int) string {
	width = max(width, 2)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if xansi.StringWidth(s) <= width {
		return s
	}
	return xansi.Truncate(s, width, "…")
}

// wrap breaks prose into lines of at most width terminal cells, between
// words (a word wider than the line is cut at the edge); each line of text
// starts a new paragraph.
func wrap(text string, width int) []string {
	width = max(width, 10)
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, wordLines(strings.TrimLeft(para, " "), width, "")...)
	}
	return out
}

// visibleLines is model.VisibleLines with a fast path for plain ASCII text
// (the usual request), which holds nothing to escape but a raw control
// character it would escape anyway.
func visibleLines(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x7f || c < 0x20 && c != '\n' && c != '\t' {
			return model.VisibleLines(s)
		}
	}
	return s
}
