package ui

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/saejob/saejob/model"
)

// Prompter asks the plain-prompt mode's questions, one at a time, after
// cli/cli's internal/prompter. The plain mode asks only through it, so a
// test drives the mode with a scripted fake and a screen reader gets one
// question per line.
type Prompter interface {
	// Select asks for one of options; Enter takes def (an index).
	Select(prompt string, def int, options []string) (int, error)
	// Input asks for one line; def is shown as the value Enter keeps.
	// Enter returns "": the caller keeps its value.
	Input(prompt, def string) (string, error)
	// Password asks for a secret, without echo where it can.
	Password(prompt string) (string, error)
	// Confirm asks yes or no; Enter answers def.
	Confirm(prompt string, def bool) (bool, error)
}

// ErrHelp is returned by a Prompter when the user asks for help on the
// question ("?"); the caller says it and asks again.
var ErrHelp = errors.New("help asked")

// newPrompter chooses how the plain mode asks: huh's accessible prompts
// when a person types at a terminal, the line prompter when the answers
// come from a pipe or a file (huh's prompts would swallow them: each
// opens its own scanner on the input).
func newPrompter(in io.Reader, out io.Writer, isTerminal func(io.Reader) bool) Prompter {
	if isTerminal(in) {
		return newHuhPrompter(in, out, isTerminal)
	}
	return newLinePrompter(in, out)
}

// inputIsTerminal reports whether in is a terminal.
func inputIsTerminal(in io.Reader) bool {
	f, ok := in.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// linePrompter asks on one line of text each and reads the answer from a
// pipe or a terminal: no cursor movement, no colour.
type linePrompter struct {
	in  *bufio.Reader
	out io.Writer
	// file is the input when it is a file, so a terminal can read a
	// secret without echo.
	file *os.File
}

// newLinePrompter reads answers from in and writes questions to out.
func newLinePrompter(in io.Reader, out io.Writer) *linePrompter {
	f, _ := in.(*os.File)
	return &linePrompter{in: bufio.NewReader(in), out: out, file: f}
}

// line prints a question and reads one line; io.EOF when input ends.
func (p *linePrompter) line(prompt string) (string, error) {
	fmt.Fprint(p.out, model.VisibleLines(prompt)) // a value shown as the default may hold anything
	line, err := p.in.ReadString('\n')
	if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func (p *linePrompter) Select(prompt string, def int, options []string) (int, error) {
	if !strings.HasSuffix(prompt, "?") {
		prompt += ":"
	}
	fmt.Fprintln(p.out, model.VisibleLines(prompt))
	for i, o := range options {
		fmt.Fprintf(p.out, " %s%d) %s\n", pick(i == def, "*", " "), i+1, model.VisibleLines(o))
	}
	for {
		a, err := p.line(fmt.Sprintf("Choose 1-%d [%d]: ", len(options), def+1))
		if err != nil {
			return 0, err
		}
		a = strings.TrimSpace(a)
		switch a {
		case "":
			return def, nil
		case "?":
			return 0, ErrHelp
		}
		if n, err := strconv.Atoi(a); err == nil && n >= 1 && n <= len(options) {
			return n - 1, nil
		}
		// The option's words, as a screen reader read them out.
		for i, o := range options {
			word, _, _ := strings.Cut(o, " (")
			if strings.EqualFold(a, o) || strings.EqualFold(a, word) {
				return i, nil
			}
		}
		fmt.Fprintf(p.out, "Type a number from 1 to %d.\n", len(options))
	}
}

func (p *linePrompter) Input(prompt, def string) (string, error) {
	q := prompt + ": "
	if def != "" {
		q = fmt.Sprintf("%s [%s]: ", prompt, def)
	}
	a, err := p.line(q)
	if err == nil && a == "?" {
		return "", ErrHelp
	}
	return a, err
}

// terminal reports whether the answers come from a terminal with nothing
// typed ahead (so a secret can be read without echo).
func (p *linePrompter) terminal() bool {
	return p.file != nil && term.IsTerminal(p.file.Fd()) && p.in.Buffered() == 0
}

func (p *linePrompter) Password(prompt string) (string, error) {
	if !p.terminal() {
		a, err := p.line(prompt + ": ")
		if err == nil && a == "?" {
			return "", ErrHelp
		}
		return a, err
	}
	fmt.Fprint(p.out, model.VisibleLines(prompt)+": ")
	b, err := term.ReadPassword(p.file.Fd())
	fmt.Fprintln(p.out)
	if err == nil && string(b) == "?" {
		return "", ErrHelp
	}
	return string(b), err
}

func (p *linePrompter) Confirm(prompt string, def bool) (bool, error) {
	for {
		a, err := p.line(prompt + pick(def, " (Y/n): ", " (y/N): "))
		if err != nil {
			return false, err
		}
		switch strings.ToLower(strings.TrimSpace(a)) {
		case "":
			return def, nil
		case "y", "yes":
			return true, nil
		case "n", "no":
			return false, nil
		}
		fmt.Fprintln(p.out, "Type y or n.")
	}
}
