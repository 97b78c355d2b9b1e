package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update-scripts", false, "rewrite the expected output in testdata/script/*.txtar")

// TestMain lets the test binary act as the saejob command inside scripts.
// It is the only TestMain of this package: tests of other files share it.
func TestMain(m *testing.M) {
	// No test may ask the ECS metadata service (a non-loopback address) for credentials.
	os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	testscript.Main(m, map[string]func(){
		"saejob": func() {
			os.Exit(run(os.Args[1:], &app{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}))
		},
	})
}

// TestScripts runs testdata/script/*.txtar: the built program as a user or
// a script runs it, checking output and exit codes.
func TestScripts(t *testing.T) {
	examples, err := filepath.Abs("../../assets/examples")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *updateScripts,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
			env.Setenv("ALIBABA_CLOUD_REGION_ID", "")
			env.Setenv("NO_COLOR", "1")
			env.Setenv("EXAMPLES", examples)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitCode,
			"bigfile":  cmdBigFile,
		},
	})
}

// cmdExitCode runs a program and checks its exact exit status; its output
// is kept for the stdout and stderr commands that follow.
//
//	exitcode 2 saejob validate missing.yaml
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// cmdBigFile writes a template file of at least the given size in bytes:
// a valid start followed by a long description.
//
//	bigfile huge.yaml 20000000
func cmdBigFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: bigfile NAME BYTES")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	var b strings.Builder
	b.WriteString("AppName: big\nPackageType: Image\nImageUrl: registry.cn-hangzhou.aliyuncs.com/a/b:1\nReplicas: 1\n")
	b.WriteString("AppDescription: ")
	b.WriteString(strings.Repeat("x", max(n-b.Len(), 0)))
	b.WriteString("\n")
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(b.String()), 0o644))
}
