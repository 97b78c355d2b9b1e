package ui

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
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
	p := tea.NewProgram(m,
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
	if fm == nil {
		fm = m
	}
	if !fm.quitting {
		// Ended from outside (the program was killed): keep the work.
		fm.exitMessage = fm.finishDraft("interrupt")
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
