//go:build !unix

package model

import "os"

// openNoWait opens path for reading; outside Unix, opening a file does not
// wait for a writer.
func openNoWait(path string) (*os.File, error) { return os.Open(path) }

func isWouldBlock(error) bool { return false }
