package ui

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// openPTY opens a pseudo-terminal: what the user types goes to master,
// the program reads slave.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		m.Close()
		t.Skipf("unlockpt: %v", e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		m.Close()
		t.Skipf("ptsname: %v", e)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("open pts: %v", err)
	}
	t.Cleanup(func() { s.Close(); m.Close() })
	return m, s
}

// echoOff reports whether the terminal f has echo switched off.
func echoOff(f *os.File) bool {
	var st syscall.Termios
	_, _, e := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), syscall.TCGETS, uintptr(unsafe.Pointer(&st)))
	return e == 0 && st.Lflag&syscall.ECHO == 0
}

// ttyScreen collects what a terminal shows: the echo of what was typed.
type ttyScreen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *ttyScreen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *ttyScreen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// At a real terminal the huh prompter reads answers line by line, and a
// secret through huh's password prompt without echo; Ctrl-D at a
// question is io.EOF.
func TestHuhPrompterAtATerminal(t *testing.T) {
	master, slave := openPTY(t)
	shown := &ttyScreen{}
	go io.Copy(shown, master)
	if !inputIsTerminal(slave) {
		t.Fatal("a pseudo-terminal is not taken for a terminal")
	}
	var out bytes.Buffer
	p, ok := newPrompter(slave, &out, inputIsTerminal).(*huhPrompter)
	if !ok {
		t.Fatal("a terminal does not get huh's prompts")
	}
	// typeLine types line once the terminal stops echoing (huh's password
	// prompt has switched it off) when wantEchoOff, else at once.
	typeLine := func(line string, wantEchoOff bool) {
		go func() {
			for deadline := time.Now().Add(5 * time.Second); wantEchoOff && !echoOff(slave) && time.Now().Before(deadline); {
				time.Sleep(5 * time.Millisecond)
			}
			master.Write([]byte(line))
		}()
	}

	typeLine("acc-job\n", false)
	if a, err := p.Input("AppName", ""); a != "acc-job" || err != nil {
		t.Fatalf("AppName %q %v", a, err)
	}
	typeLine("s3cret-value\n", true)
	if a, err := p.Password("OssAkSecret"); a != "s3cret-value" || err != nil {
		t.Fatalf("secret %q %v", a, err)
	}
	typeLine("y\n", false)
	if ok, err := p.Confirm("Send?", false); !ok || err != nil {
		t.Fatalf("Send %v %v", ok, err)
	}
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(shown.String(), "y"); {
		if time.Now().After(deadline) {
			t.Fatalf("the terminal did not echo the answer: %q", shown.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if s := shown.String(); strings.Contains(s, "s3cret") || !strings.Contains(s, "acc-job") {
		t.Fatalf("the terminal showed %q: the secret was echoed, or the name was not", s)
	}
	if !strings.Contains(out.String(), "OssAkSecret: ") {
		t.Fatalf("output %q", out.String())
	}

	// Ctrl-D at a secret is ignored, as by the line prompter: both read
	// it with x/term's ReadPassword, which takes the terminal's empty
	// read as nothing typed yet. Ctrl-C (a signal) still ends the mode.
	typeLine("\x04s2\n", true)
	if a, err := p.Password("OssAkSecret"); a != "s2" || err != nil {
		t.Fatalf("Ctrl-D, then a secret: %q %v", a, err)
	}
	typeLine("\x04", false)
	if _, err := p.Select("Language", 0, []string{"a", "b"}); !errors.Is(err, io.EOF) {
		t.Fatalf("Ctrl-D at a choice: %v, want io.EOF", err)
	}
}
