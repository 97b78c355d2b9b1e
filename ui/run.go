package ui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"
)

// WantAccessible reports whether the environment asks for plain prompts:
// ACCESSIBLE set (to anything but "0" or "false"), or TERM=dumb.
func WantAccessible(getenv func(string) string) bool {
	if v := getenv("ACCESSIBLE"); v != "" && v != "0" && v != "false" {
		return true
	}
	return getenv("TERM") == "dumb"
}

// Run starts the wizard on the terminal and returns when the user quits. The
// UI is drawn on Output (stderr by default) so that stdout stays clean. An
// interrupt, terminate or hang-up keeps the draft before the program ends.
func Run(opts Options) error {
	if opts.Input == nil {
		opts.Input = os.Stdin
	}
	if opts.Output == nil {
		opts.Output = os.Stderr
	}
	if opts.Accessible {
		return RunAccessible(opts)
	}
	if opts.Renderer == nil {
		r := lipgloss.NewRenderer(opts.Output)
		// Fixed colours need no background query: say so, so that nothing
		// ever asks the terminal (a blocking round trip at start-up).
		r.SetHasDarkBackground(true)
		if opts.NoColor {
			// termenv's Ascii profile (its NO_COLOR answer) drops bold and
			// reverse too, which hides the focus and the text cursor; the
			// styles leave colour out themselves instead.
			r.SetColorProfile(termenv.ANSI)
			lipgloss.SetColorProfile(termenv.ANSI)
		}
		opts.Renderer = r
	}
	lipgloss.SetHasDarkBackground(true)
	m := New(opts)
	var model tea.Model = m
	if fd, ok := terminalFd(opts.Output); ok {
		// The size now, so that the first frame is drawn for this window
		// rather than for 80x24 and drawn again when Bubble Tea asks.
		w, h, err := term.GetSize(fd)
		if err != nil {
			w, h = 0, 0
		}
		model = newFirstFrame(m, opts.Output, w, h)
	}
	p := tea.NewProgram(model,
		tea.WithInput(opts.Input),
		tea.WithOutput(opts.Output),
		tea.WithAltScreen(),
		tea.WithoutSignalHandler(),
	)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sigs:
				p.Send(signalMsg{name: signalName(s)})
			case <-done:
				return
			}
		}
	}()
	final, err := p.Run()
	close(done)
	signal.Stop(sigs)
	fm, _ := final.(*Model)
	if ff, ok := final.(*firstFrame); ok {
		fm = ff.Model
	}
	if fm == nil {
		fm = m
	}
	if !fm.quitting {
		// Ended from outside (the program was killed) or by a bug: keep
		// the work, and never report a bug as the user's interrupt.
		reason := "interrupt"
		if errors.Is(err, tea.ErrProgramPanic) {
			reason = "crash"
		}
		fm.exitMessage = fm.finishDraft(reason)
		if reason == "crash" {
			fm.exitMessage = "saejob stopped on a bug (its trace is above; please report it). " + fm.exitMessage
		}
	}
	if msg := fm.ExitMessage(); msg != "" {
		fmt.Fprintln(opts.Output, msg)
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return err
	}
	return fm.exitErr()
}

// ExitError says the wizard ended with its work not safe in a file: Code is
// the exit status for the process (130 after ctrl+c, 1 when the draft could
// not be kept). What happened was already printed.
type ExitError struct {
	Code   int
	Reason string
}

func (e *ExitError) Error() string { return e.Reason }

// exitErr is how the session ended, for the process's exit status.
func (m *Model) exitErr() error {
	if m.exitCode == 0 {
		return nil
	}
	return &ExitError{Code: m.exitCode, Reason: m.exitMessage}
}

func signalName(s os.Signal) string {
	switch s {
	case syscall.SIGHUP:
		return "hang-up"
	case syscall.SIGTERM:
		return "terminate"
	}
	return "interrupt"
}

// terminalFd is the file descriptor of w when w is a terminal.
func terminalFd(w io.Writer) (uintptr, bool) {
	f, ok := w.(interface{ Fd() uintptr })
	if !ok || !term.IsTerminal(f.Fd()) {
		return 0, false
	}
	return f.Fd(), true
}

// firstFrame paints the first frame on the terminal the moment Bubble Tea
// has set it up. Bubble Tea's standard renderer writes only on its ticker,
// so without this the wizard stays blank for a whole frame interval (1/60 s)
// after start. Bubble Tea asks for the first view after it has entered the
// alternate screen and cleared it; the frame painted here is that same view,
// which the renderer then writes again unchanged on its first tick.
type firstFrame struct {
	*Model
	out     io.Writer
	painted bool
	// pending is what sizing the wizard called for (the first look-up of
	// the credentials): it runs when the program starts, never dropped.
	pending tea.Cmd
}

// newFirstFrame wraps m, sized for a w x h window when the size is known.
func newFirstFrame(m *Model, out io.Writer, w, h int) *firstFrame {
	f := &firstFrame{Model: m, out: out}
	if w > 0 && h > 0 {
		_, f.pending = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	}
	return f
}

// Init starts the wizard and what its first size called for.
func (f *firstFrame) Init() tea.Cmd { return tea.Batch(f.Model.Init(), f.pending) }

// Update passes every message to the wizard and keeps the wrapper in place.
func (f *firstFrame) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := f.Model.Update(msg)
	return f, cmd
}

// View is the wizard's view; the first one is also painted at once.
func (f *firstFrame) View() string {
	v := f.Model.View()
	if !f.painted {
		f.painted = true
		_, _ = io.WriteString(f.out, paintFrame(v))
	}
	return v
}

// paintFrame is a whole screen drawn from the top-left corner, each line
// cleared to its end, as the renderer draws one on the alternate screen.
func paintFrame(v string) string {
	const home, eraseRight = "\x1b[H", "\x1b[K"
	return home + strings.ReplaceAll(v, "\n", eraseRight+"\r\n") + eraseRight
}
