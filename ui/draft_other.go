//go:build !unix

package ui

import "os"

// processAlive reports whether a process with this pid runs: on these
// systems finding a process opens it, which fails when it has ended.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
