//go:build unix

package model

import (
	"errors"
	"os"
	"syscall"
)

// openNoWait opens path for reading without waiting for a writer, which
// opening a named pipe otherwise does.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

func isWouldBlock(err error) bool { return errors.Is(err, syscall.EAGAIN) }
