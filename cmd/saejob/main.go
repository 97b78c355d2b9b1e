// Command saejob composes, checks, previews and submits Alibaba Cloud SAE
// job templates (the CreateJob operation), in a wizard or from scripts.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/saejob/saejob/model"
	"github.com/spf13/cobra"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = ""

// Exit codes: a contract with scripts.
const (
	exitOK      = 0 // success, all valid
	exitInvalid = 1 // invalid template or API error
	exitUsage   = 2 // usage error or unreadable file
)

// app is what every command gets: the streams and the environment, so that
// tests can run commands in-process.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// commandFactory builds one subcommand; each command file registers its own.
type commandFactory func(*app) *cobra.Command

var commands []commandFactory

// register adds a subcommand; call it from an init function of the command's file.
func register(f commandFactory) { commands = append(commands, f) }

// exitError carries the exit code a failure maps to. A silent one has
// already told the user everything.
type exitError struct {
	code   int
	err    error
	silent bool
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError is a wrong command line or an unreadable file: exit 2.
func usageError(format string, a ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, a...)}
}

// failed is an invalid template or an API error already reported: exit 1.
func failed() error { return &exitError{code: exitInvalid, err: errors.New("failed"), silent: true} }

func main() {
	os.Exit(run(os.Args[1:], &app{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}))
}

// jsonFailures marks a command whose --json promises exactly one JSON
// object on stdout in every case, usage errors included (cobra annotation).
const jsonFailures = "saejob/json-failures"

// codeUsage is --json's code for a wrong command line.
const codeUsage = "saejob.Usage"

// run executes the command line and returns the exit code.
func run(args []string, a *app) int {
	root := newRoot(a)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) && ee.silent {
		return ee.code
	}
	code := exitUsage
	if ee != nil {
		code, err = ee.code, ee.err
	}
	if cmd != nil && cmd.Annotations[jsonFailures] != "" && jsonRequested(cmd, args) {
		// The one object a script reads; the reason is in it.
		_ = writeJSON(a.stdout, jsonFailure{Code: codeUsage, Message: err.Error()})
		return code
	}
	fmt.Fprintln(a.stderr, "saejob:", model.Visible(err.Error()))
	if ee == nil {
		// Anything else comes from flag parsing or argument checks.
		fmt.Fprintln(a.stderr, "Run 'saejob --help' for usage.")
	}
	return code
}

// jsonRequested reports whether the command line asks cmd for --json, also
// when flag parsing stopped before reaching it.
func jsonRequested(cmd *cobra.Command, args []string) bool {
	if f := cmd.Flags().Lookup("json"); f != nil && f.Changed {
		return f.Value.String() == "true"
	}
	for _, arg := range args {
		if arg == "--" {
			break
		}
		if arg == "--json" {
			return true
		}
		if v, ok := strings.CutPrefix(arg, "--json="); ok {
			b, err := strconv.ParseBool(v)
			return err == nil && b
		}
	}
	return false
}

func newRoot(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:           "saejob",
		Short:         "Compose, check, preview and submit Alibaba Cloud SAE job templates",
		Long:          "saejob leads you from nothing to a valid, submitted Serverless App Engine (SAE) job template\n(the CreateJob operation), and checks, previews and submits template files from scripts.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       versionString(),
	}
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError("%v (see 'saejob %s --help')", err, c.Name())
	})
	for _, f := range commands {
		root.AddCommand(f(a))
	}
	if wizardRoot != nil {
		wizardRoot(a, root)
	}
	return root
}

// versionString is the release version, or the module version of a go install.
func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
