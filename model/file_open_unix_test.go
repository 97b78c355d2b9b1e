//go:build unix

package model

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// loadWithin runs Load in the background and fails the test when it does
// not return within d: a hang must fail, not freeze the suite.
func loadWithin(t *testing.T, path string, d time.Duration) (*Template, error) {
	t.Helper()
	type result struct {
		t   *Template
		err error
	}
	done := make(chan result, 1)
	go func() {
		tm, err := Load(path)
		done <- result{tm, err}
	}()
	select {
	case r := <-done:
		return r.t, r.err
	case <-time.After(d):
		t.Fatalf("Load(%s) did not return within %v", path, d)
	}
	return nil, nil
}

func TestLoadFIFOWithoutWriterReturnsPromptly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.yaml")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := loadWithin(t, path, 3*time.Second)
	want := path + ": is a named pipe (FIFO) with nothing written to it, not a template file"
	if err == nil || err.Error() != want {
		t.Fatalf("Load(FIFO) = %v, want %q", err, want)
	}
	if fes := FileErrors(err); len(fes) != 1 {
		t.Errorf("FileErrors = %v, want one *FileError", fes)
	}
}

func TestLoadFIFOWithWriterReadsTemplate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.yaml")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	// A writer that holds the pipe open before Load starts, as
	// '<(saejob import APPID)' does.
	w, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		_, _ = w.WriteString("AppName: piped\nPackageType: Image\n")
		w.Close()
	}()
	tm, err := loadWithin(t, path, 5*time.Second)
	if err != nil {
		t.Fatalf("Load(FIFO with writer): %v", err)
	}
	if tm.AppName != "piped" {
		t.Errorf("AppName = %q, want piped", tm.AppName)
	}
}

func TestLoadDirectoryAndDevice(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "x.yaml")); err == nil || !os.IsNotExist(err) {
		t.Errorf("Load(missing) = %v, want not-exist", err)
	}
	sub := filepath.Join(dir, "d.yaml")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(sub); err == nil || !strings.Contains(err.Error(), "is a directory, not a template file") {
		t.Errorf("Load(dir) = %v", err)
	}
	// /dev/null is a character device that reads as empty at once.
	link := filepath.Join(dir, "null.yaml")
	if err := os.Symlink("/dev/null", link); err != nil {
		t.Fatal(err)
	}
	_, err := loadWithin(t, link, 3*time.Second)
	if err == nil || !strings.Contains(err.Error(), "is a character device with nothing written to it, not a template file") {
		t.Errorf("Load(/dev/null) = %v", err)
	}
}
