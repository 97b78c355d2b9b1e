package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"syscall"

	"github.com/saejob/saejob/model"
)

// loadFile is model.Load that cannot hang on a named pipe (or another
// special file) that no program writes to: such a file is opened without
// waiting for a writer and read up to the template size limit, so a pipe
// with no writer reads as empty instead of blocking forever.
func loadFile(path string) (*model.Template, error) {
	info, err := os.Stat(path)
	if err != nil || info.Mode().IsRegular() || info.IsDir() {
		// model.Load reads regular files and reports the rest.
		return model.Load(path)
	}
	format, err := model.FormatFor(path)
	if err != nil {
		return nil, err
	}
	fh, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, model.MaxFileSize+1))
	if err != nil && !errors.Is(err, syscall.EAGAIN) {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	if len(data) == 0 {
		return nil, &model.FileError{Path: path, Msg: "is " + fileKind(info.Mode()) + " with nothing written to it, not a template file"}
	}
	return model.Parse(data, format, path)
}

// fileKind names what a file that is not a regular file is, for messages.
func fileKind(m fs.FileMode) string {
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
