//go:build unix

package ui

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/saejob/saejob/model"
)

// "Open a template file…" on a named pipe that nobody writes returns at
// once with the same words as validate, instead of freezing the wizard
// (where ctrl+c cannot get out) (issue 8 item 8).
func TestOpenFileOnFIFODoesNotHang(t *testing.T) {
	m := newTestModel(t, &model.Template{}, StartSteps)
	path := filepath.Join(t.TempDir(), "f.yaml")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- m.openFile(path) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "is a named pipe (FIFO) with nothing written to it, not a template file") {
			t.Errorf("openFile(FIFO) = %v", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("opening a FIFO hangs the wizard")
	}
}
