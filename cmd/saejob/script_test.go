package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
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
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				// Root is not stopped by file modes.
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitCode,
			"bigfile":  cmdBigFile,
			"sandbox":  cmdSandbox,
			"json":     cmdJSON,
			"jsonenv":  cmdJSONEnv,
			"dropline": cmdDropLine,
			"onejson":  cmdOneJSON,
			"mkfifo":   cmdMkfifo,
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

// cmdOneJSON checks that the last command's stdout is exactly one JSON
// object and that each KEY=VALUE names one of its top-level keys with that
// value (strings as they are, other values as JSON); KEY? checks that the
// key is there.
//
//	onejson Code=saejob.Usage HttpStatus=0 Message?
func cmdOneJSON(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("usage: onejson [KEY=VALUE | KEY?]...")
	}
	out := ts.ReadFile("stdout")
	dec := json.NewDecoder(strings.NewReader(out))
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		ts.Fatalf("stdout is not a JSON object: %v\n%s", err, out)
	}
	var extra any
	if err := dec.Decode(&extra); err != io.EOF {
		ts.Fatalf("stdout holds more than one JSON value:\n%s", out)
	}
	for _, arg := range args {
		if key, ok := strings.CutSuffix(arg, "?"); ok {
			if _, there := obj[key]; !there {
				ts.Fatalf("no key %s in %s", key, out)
			}
			continue
		}
		key, want, _ := strings.Cut(arg, "=")
		v, there := obj[key]
		if !there {
			ts.Fatalf("no key %s in %s", key, out)
		}
		got, isString := v.(string)
		if !isString {
			b, _ := json.Marshal(v)
			got = string(b)
		}
		if got != want {
			ts.Fatalf("%s is %s, want %s", key, got, want)
		}
	}
}

// cmdBigFile writes a template file of at least the given size in bytes:
// a valid start followed by a long description.
//
//	bigfile huge.yaml 2000000
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

// TestREADMECommands runs every command of the README's marked block, from
// a directory laid out like the repository, and checks each exit status
// (0, or the one a trailing "# exit N" names), so the README cannot drift
// from the program.
func TestREADMECommands(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "<!-- readme-test: begin -->")
	block, _, ok2 := strings.Cut(block, "<!-- readme-test: end -->")
	if !ok || !ok2 {
		t.Fatal("README.md has no <!-- readme-test: begin --> ... <!-- readme-test: end --> block")
	}
	assetsDir, err := filepath.Abs("../../assets")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "assets"), os.DirFS(assetsDir)); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	ran := 0
	for _, line := range strings.Split(block, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "```") {
			continue
		}
		words, comment, err := shellWords(line)
		if err != nil {
			t.Fatalf("README command %q: %v", line, err)
		}
		if len(words) == 0 || words[0] != "saejob" {
			t.Fatalf("README command %q does not start with saejob", line)
		}
		want := 0
		if c, ok := strings.CutPrefix(strings.TrimSpace(comment), "exit "); ok {
			if want, err = strconv.Atoi(strings.Fields(c)[0]); err != nil {
				t.Fatalf("README command %q: bad exit comment", line)
			}
		}
		args, redirect := words[1:], ""
		for i, w := range args {
			if w == ">" && i == len(args)-2 {
				args, redirect = args[:i], args[i+1]
				break
			}
		}
		var stdout, stderr strings.Builder
		got := run(args, &app{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }})
		if got != want {
			t.Errorf("README: %s\nexit status %d, want %d\nstdout:\n%s\nstderr:\n%s", line, got, want, stdout.String(), stderr.String())
		}
		if redirect != "" {
			if err := os.WriteFile(redirect, []byte(stdout.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		ran++
	}
	if ran < 10 {
		t.Errorf("only %d README commands ran; is the block intact?", ran)
	}
}

// shellWords splits a command line as a POSIX shell would for the simple
// commands of the README: words, single and double quotes, and a trailing
// "# comment", which it returns apart.
func shellWords(line string) (words []string, comment string, err error) {
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '#' && !inWord:
			return words, line[i+1:], nil
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, "", errors.New("unclosed single quote")
			}
			cur.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			j := strings.IndexByte(line[i+1:], '"')
			if j < 0 {
				return nil, "", errors.New("unclosed double quote")
			}
			cur.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, "", nil
}

// TestREADMEListsEveryCommand checks that the README's command list shows
// each command with the same usage line as its --help.
func TestREADMEListsEveryCommand(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	root := newRoot(&app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }})
	for _, c := range root.Commands() {
		if c.Hidden || c.Name() == "help" {
			continue
		}
		if usage := "saejob " + c.Use; !strings.Contains(string(readme), usage) {
			t.Errorf("README.md does not show %q (the usage line of saejob %s --help)", usage, c.Name())
		}
	}
}
