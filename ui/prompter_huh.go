package ui

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/saejob/saejob/model"
)

// huhPrompter asks each question as one small static huh field in huh's
// accessible mode: the prompts a screen reader already knows from other
// Charm programs. It is used only when a person types at a terminal (see
// newPrompter): huh's accessible prompts open a new scanner per question,
// which would swallow a pipe's answers, and cannot follow dynamic forms,
// so the plain view asks one field at a time and decides what comes next.
//
// Every line huh reads passes through answers first, which is what lets
// the prompter keep the line prompter's contract where huh's prompts
// cannot: "?" asks for help on a select, an option's word chooses it, and
// the end of input is io.EOF (huh would take it as Enter).
type huhPrompter struct {
	answers *answerReader
	out     io.Writer
	theme   *huh.Theme
	// file is the input when it is a file, for a secret read without echo.
	file *os.File
	// terminal reports whether a secret can be read from the terminal
	// without echo.
	terminal func() bool
}

// newHuhPrompter reads answers from in and writes questions to out;
// isTerminal tells whether in is a terminal.
func newHuhPrompter(in io.Reader, out io.Writer, isTerminal func(io.Reader) bool) *huhPrompter {
	f, _ := in.(*os.File)
	a := &answerReader{in: bufio.NewReader(in)}
	return &huhPrompter{
		answers: a,
		out:     out,
		theme:   plainTheme(),
		file:    f,
		terminal: func() bool {
			return f != nil && isTerminal(in) && a.in.Buffered() == 0 && len(a.pending) == 0
		},
	}
}

// plainTheme styles huh's accessible prompts as the plain mode is: no
// colour and no cursor movement, whatever the terminal can do.
func plainTheme() *huh.Theme {
	t := huh.ThemeBase()
	t.Focused.Title = lipgloss.NewStyle()
	t.Blurred.Title = lipgloss.NewStyle()
	return t
}

// errLongAnswer stops a line longer than huh's scanner can read (64 KiB),
// which it would otherwise take as the end of input.
var errLongAnswer = errors.New("answer longer than 60000 bytes")

// answerReader hands huh one line per Read call, so each prompt's own
// scanner takes exactly one answer and leaves the next one unread. A
// terminal does this by itself; a buffer of typed-ahead lines does not.
type answerReader struct {
	in      *bufio.Reader
	pending []byte
	// rewrite, when set, turns a line into the one huh reads.
	rewrite func(line string) string
	// err is why the input ended during the current prompt; huh gets an
	// empty line instead, which every prompt here accepts (its default).
	err error
}

// ask starts a prompt: the end of input and the rewrite are its own.
func (r *answerReader) ask(rewrite func(string) string) {
	r.err, r.rewrite = nil, rewrite
}

func (r *answerReader) Read(p []byte) (int, error) {
	if len(r.pending) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		line, err := r.in.ReadString('\n')
		switch {
		case line == "" && err != nil:
			r.err, line = err, ""
		case len(line) > 60000:
			r.err, line = errLongAnswer, ""
		default:
			line = strings.TrimRight(line, "\r\n")
			if r.rewrite != nil {
				line = r.rewrite(line)
			}
		}
		r.pending = []byte(line + "\n")
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	return n, nil
}

func (p *huhPrompter) Select(prompt string, def int, options []string) (int, error) {
	if len(options) == 0 {
		return 0, errors.New("nothing to choose from: " + model.Visible(prompt))
	}
	if def < 0 || def >= len(options) {
		def = 0
	}
	if !strings.HasSuffix(prompt, "?") {
		prompt += ":"
	}
	opts := make([]huh.Option[int], len(options))
	for i, o := range options {
		opts[i] = huh.NewOption(model.VisibleLines(o), i)
	}
	help := false
	p.answers.ask(func(line string) string {
		a := strings.TrimSpace(line)
		if a == "?" {
			help = true
			return "" // huh takes the default, then help is said
		}
		// The option's words, as a screen reader read them out.
		for i, o := range options {
			word, _, _ := strings.Cut(o, " (")
			if strings.EqualFold(a, o) || strings.EqualFold(a, word) {
				return strconv.Itoa(i + 1)
			}
		}
		return line
	})
	n := def
	s := huh.NewSelect[int]().
		Title(fmt.Sprintf("%s (Enter keeps %d)", model.VisibleLines(prompt), def+1)).
		Options(opts...).
		Value(&n)
	s.WithTheme(p.theme)
	if err := s.RunAccessible(p.out, p.answers); err != nil {
		return 0, err
	}
	if err := p.answers.err; err != nil {
		return 0, err
	}
	if help {
		return 0, ErrHelp
	}
	return n, nil
}

func (p *huhPrompter) Input(prompt, def string) (string, error) {
	title := prompt + ":"
	if def != "" {
		title = fmt.Sprintf("%s [%s]:", prompt, def)
	}
	p.answers.ask(nil)
	var a string // huh returns its value on Enter: empty keeps the caller's
	i := huh.NewInput().Title(model.VisibleLines(title)).Value(&a)
	i.WithTheme(p.theme)
	if err := i.RunAccessible(p.out, p.answers); err != nil {
		return "", err
	}
	if err := p.answers.err; err != nil {
		return "", err
	}
	if a == "?" {
		return "", ErrHelp
	}
	return a, nil
}

// Password reads a secret without echo from a terminal with nothing typed
// ahead; otherwise it reads a line, as the line prompter does.
func (p *huhPrompter) Password(prompt string) (string, error) {
	if !p.terminal() {
		return p.Input(prompt, "")
	}
	var a string
	i := huh.NewInput().Title(model.VisibleLines(prompt + ":")).EchoMode(huh.EchoModePassword).Value(&a)
	i.WithTheme(p.theme)
	// huh reads the secret from the terminal's descriptor itself.
	if err := i.RunAccessible(p.out, p.file); err != nil {
		fmt.Fprintln(p.out) // Ctrl-D left the cursor after the question
		return "", err
	}
	if a == "?" {
		return "", ErrHelp
	}
	return a, nil
}

func (p *huhPrompter) Confirm(prompt string, def bool) (bool, error) {
	p.answers.ask(nil)
	b := def
	c := huh.NewConfirm().Title(model.VisibleLines(prompt)).Value(&b)
	c.WithTheme(p.theme)
	if err := c.RunAccessible(p.out, p.answers); err != nil {
		return false, err
	}
	if err := p.answers.err; err != nil {
		return false, err
	}
	return b, nil
}
