package model

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"time"
)

// specialReadWait is how long reading a file that is not a regular file (a
// named pipe a program is still writing, a terminal) may wait for its text:
// long enough for '<(saejob import APPID)', short enough that nobody is left
// at a frozen screen.
const specialReadWait = 10 * time.Second

// readFile reads at most MaxFileSize bytes, refusing a bigger file before
// reading it whole. It never hangs on a named pipe (or another special file)
// that no program writes to: such a file is opened without waiting for a
// writer, and one that yields nothing is refused as not a template file.
// Every caller — validate, preview, submit, edit, new --from and the
// wizard's "Open a template file" — reads template files through here.
func readFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, &FileError{Path: path, Msg: "is a directory, not a template file"}
	}
	if !info.Mode().IsRegular() {
		return readSpecial(path, info.Mode())
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	// The file may have been replaced between Stat and Open.
	if info, err = fh.Stat(); err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notTemplate(path, info.Mode())
	}
	if info.Size() > MaxFileSize {
		return nil, tooBig(path, info.Size())
	}
	return readCapped(fh, path)
}

// readSpecial reads a named pipe or device without blocking in open(2) and
// with a deadline on reading, so that a pipe with no writer reads as empty.
func readSpecial(path string, mode fs.FileMode) ([]byte, error) {
	fh, err := openNoWait(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	// Only pollable files (pipes, terminals) take a deadline; others
	// return an error here and are read as they are.
	_ = fh.SetReadDeadline(time.Now().Add(specialReadWait))
	data, err := readCapped(fh, path)
	if err != nil {
		if !errors.Is(err, os.ErrDeadlineExceeded) && !isWouldBlock(err) {
			return nil, err
		}
		data = nil
	}
	if len(data) == 0 {
		return nil, &FileError{Path: path, Msg: "is " + FileKind(mode) + " with nothing written to it, not a template file"}
	}
	return data, nil
}

// readCapped reads fh up to MaxFileSize bytes, refusing more.
func readCapped(fh *os.File, path string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(fh, MaxFileSize+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	if len(data) > MaxFileSize {
		return nil, tooBig(path, -1)
	}
	return data, nil
}

func notTemplate(path string, mode fs.FileMode) error {
	return &FileError{Path: path, Msg: "is " + FileKind(mode) + ", not a template file"}
}

// FileKind names what a file that is not a regular file is, for messages:
// "a named pipe (FIFO)", "a directory", "a socket", ...
func FileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsRegular():
		return "a regular file"
	}
	return "a special file"
}
