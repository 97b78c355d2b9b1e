//go:build !unix

package main

import "github.com/rogpeppe/go-internal/testscript"

// cmdMkfifo skips the script: named pipes are a Unix thing.
func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	ts.Skip("no named pipes here")
}
