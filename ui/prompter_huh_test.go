package ui

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saejob/saejob/model"
)

func notTerminal(io.Reader) bool { return false }

// askHuh answers one question of the huh prompter from input and returns
// the answer ("help" and "eof" for those errors) and what was written.
func askHuh(t *testing.T, input string, ask func(p *huhPrompter) (string, error)) (string, string) {
	t.Helper()
	var out bytes.Buffer
	p := newHuhPrompter(strings.NewReader(input), &out, notTerminal)
	got, err := ask(p)
	switch {
	case errors.Is(err, ErrHelp):
		got = "help"
	case errors.Is(err, io.EOF):
		got = "eof"
	case err != nil:
		t.Fatalf("%v\n%s", err, out.String())
	}
	return got, out.String()
}

// The huh prompter keeps the line prompter's contract: numbers and words
// choose, Enter keeps the default, bad answers are asked again with huh's
// own message, "?" is a request for help, and the end of input is io.EOF
// whatever the kind of question (huh alone would take it as Enter).
func TestHuhPrompter(t *testing.T) {
	opts := []string{"not chosen", "java", "shell (runs a container image)"}
	sel := func(def int) func(p *huhPrompter) (string, error) {
		return func(p *huhPrompter) (string, error) {
			n, err := p.Select("Language", def, opts)
			return fmt.Sprint(n), err
		}
	}
	input := func(def string) func(p *huhPrompter) (string, error) {
		return func(p *huhPrompter) (string, error) { return p.Input("AppName", def) }
	}
	confirm := func(p *huhPrompter) (string, error) {
		b, err := p.Confirm("Send?", false)
		return fmt.Sprint(b), err
	}
	password := func(p *huhPrompter) (string, error) { return p.Password("OssAkSecret") }
	for _, tc := range []struct {
		name  string
		input string
		ask   func(p *huhPrompter) (string, error)
		want  string
		out   []string
	}{
		{"select by number", "2\n", sel(0), "1", []string{"Language: (Enter keeps 1) \n1. not chosen\n2. java\n3. shell (runs a container image)\n", "Enter a number between 1 and 3: "}},
		{"select by word", "Shell\n", sel(0), "2", nil},
		{"select by whole option", "JAVA\n", sel(0), "1", nil},
		{"select default", "\n", sel(1), "1", []string{"Enter keeps 2"}},
		{"select asks again", "9\nx\n3\n", sel(0), "2", []string{"Invalid: must be a number between 1 and 3\n"}},
		{"select help", "?\n", sel(0), "help", nil},
		{"select end of input", "", sel(1), "eof", nil},
		{"select bad answer, then end of input", "9\n", sel(0), "eof", []string{"Invalid"}},
		{"select out-of-range default", "\n", func(p *huhPrompter) (string, error) {
			n, err := p.Select("Language", 7, opts)
			return fmt.Sprint(n), err
		}, "0", nil},
		{"input keeps", "\n", input("job"), "", []string{"AppName [job]: "}},
		{"input", "x-1\n", input(""), "x-1", []string{"AppName: "}},
		{"input clears", "-\n", input("job"), "-", nil},
		{"input help", "?\n", input("job"), "help", nil},
		{"input last line without newline", "x-2", input(""), "x-2", nil},
		{"input end of input", "", input("job"), "eof", nil},
		{"confirm default", "\n", confirm, "false", []string{"Send? [y/N] "}},
		{"confirm yes", "yes\n", confirm, "true", nil},
		{"confirm asks again", "maybe\ny\n", confirm, "true", []string{"invalid input. please try again\n"}},
		{"confirm end of input", "", confirm, "eof", nil},
		{"confirm bad answer, then end of input", "maybe\n", confirm, "eof", nil},
		{"password from a pipe", "s3\n", password, "s3", []string{"OssAkSecret: "}},
		{"password help", "?\n", password, "help", nil},
		{"password end of input", "", password, "eof", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, out := askHuh(t, tc.input, tc.ask)
			if got != tc.want {
				t.Fatalf("got %q, want %q; output %q", got, tc.want, out)
			}
			for _, w := range tc.out {
				if !strings.Contains(out, w) {
					t.Fatalf("output lacks %q:\n%q", w, out)
				}
			}
			if strings.Contains(out, "\x1b") {
				t.Fatalf("output has an escape sequence (colour or cursor movement): %q", out)
			}
		})
	}
}

// A read error other than the end of input comes back as it is.
func TestHuhPrompterReadError(t *testing.T) {
	broken := errors.New("input broken")
	p := newHuhPrompter(io.MultiReader(strings.NewReader("a\n"), iotestErr{broken}), io.Discard, notTerminal)
	if a, err := p.Input("AppName", ""); a != "a" || err != nil {
		t.Fatalf("first answer %q %v", a, err)
	}
	if _, err := p.Confirm("Send?", true); !errors.Is(err, broken) {
		t.Fatalf("got %v, want the read error", err)
	}
}

// iotestErr fails every read.
type iotestErr struct{ err error }

func (r iotestErr) Read([]byte) (int, error) { return 0, r.err }

// An answer longer than huh's scanner can read is refused, not taken as
// the end of input.
func TestHuhPrompterLongAnswer(t *testing.T) {
	got, err := newHuhPrompter(strings.NewReader(strings.Repeat("a", 70000)+"\n"), io.Discard, notTerminal).Input("Command", "")
	if !errors.Is(err, errLongAnswer) || got != "" {
		t.Fatalf("got %d bytes, %v", len(got), err)
	}
}

// Every text the huh prompter shows (question, default, options) has its
// control characters escaped, as the line prompter's.
func TestHuhPrompterEscapesControlCharacters(t *testing.T) {
	evil := "job\x1b[2J\x07"
	_, out := askHuh(t, "\n", func(p *huhPrompter) (string, error) { return p.Input("AppName\x1b]0;x\x07", evil) })
	_, out2 := askHuh(t, "\n", func(p *huhPrompter) (string, error) {
		_, err := p.Select("Pick\x1b[31m", 0, []string{"a\x1b[1m", "b"})
		return "", err
	})
	_, out3 := askHuh(t, "\n", func(p *huhPrompter) (string, error) {
		_, err := p.Confirm(evil+" exists. Overwrite it?", false)
		return "", err
	})
	for _, o := range []string{out, out2, out3} {
		if strings.ContainsAny(o, "\x1b\x07") {
			t.Fatalf("control character reached the terminal: %q", o)
		}
	}
	if !strings.Contains(out, model.Visible(evil)) || !strings.Contains(out2, model.Visible("a\x1b[1m")) {
		t.Fatalf("escaped text missing: %q %q", out, out2)
	}
}

// Typed line by line, as at a terminal, each of huh's prompts takes one
// answer and leaves the next for the next question, though each opens its
// own scanner on the input.
func TestHuhPrompterLineByLine(t *testing.T) {
	r, w := io.Pipe()
	var out bytes.Buffer
	p := newHuhPrompter(r, &out, notTerminal)
	go func() {
		for _, l := range []string{"acc-job\n", "?\n", "3\n", "maybe\n", "y\n", "s3\n"} {
			w.Write([]byte(l))
		}
		w.Close()
	}()
	name, err := p.Input("AppName", "")
	if err != nil || name != "acc-job" {
		t.Fatalf("AppName %q %v", name, err)
	}
	if _, err := p.Select("Language", 0, []string{"a", "b", "c"}); !errors.Is(err, ErrHelp) {
		t.Fatalf("want help, got %v", err)
	}
	if n, err := p.Select("Language", 0, []string{"a", "b", "c"}); n != 2 || err != nil {
		t.Fatalf("Language %d %v", n, err)
	}
	if ok, err := p.Confirm("Send?", false); !ok || err != nil {
		t.Fatalf("Send %v %v", ok, err)
	}
	if s, err := p.Password("OssAkSecret"); s != "s3" || err != nil {
		t.Fatalf("secret %q %v", s, err)
	}
	if _, err := p.Input("More", ""); !errors.Is(err, io.EOF) {
		t.Fatalf("after the last line: %v, want io.EOF", err)
	}
}

// The plain mode chooses huh's prompts for a terminal and the line
// prompter for anything else.
func TestNewPrompterChoosesByTerminal(t *testing.T) {
	in := strings.NewReader("")
	if _, ok := newPrompter(in, io.Discard, func(io.Reader) bool { return true }).(*huhPrompter); !ok {
		t.Fatal("a terminal does not get huh's prompts")
	}
	if _, ok := newPrompter(in, io.Discard, notTerminal).(*linePrompter); !ok {
		t.Fatal("a pipe does not get the line prompter")
	}
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if inputIsTerminal(f) || inputIsTerminal(in) {
		t.Fatal("a file or a reader taken for a terminal")
	}
}

// A whole job built through huh's prompts comes out as through the line
// prompter: same questions answered by the same lines, same file.
func TestPlainWholeJobThroughHuhPrompts(t *testing.T) {
	script := func(path string) string {
		return strings.Join([]string{
			"1bad", "acc-job", "", "", "", "", "", "",
			"2", "", "https://b.oss-cn-hangzhou.aliyuncs.com/a-1.jar", "1.0", "2", "", "", "",
			"3", "", "1", "", "", "", "",
			"", "", "a", "GREETING", "", "hello", "", "", "", "", "",
			"2", "", "", "", "2",
			"", "", "", "", "", "", "", "", "", "", "",
			"s", path, "q",
		}, "\n") + "\n"
	}
	dir := t.TempDir()
	saved := map[string][]byte{}
	for _, kind := range []string{"line", "huh"} {
		path := filepath.Join(dir, kind+".yaml")
		var out bytes.Buffer
		o := testOptions()
		o.Start, o.Output = StartSteps, &out
		in := strings.NewReader(script(path))
		var p Prompter = newLinePrompter(in, &out)
		if kind == "huh" {
			p = newHuhPrompter(in, &out, notTerminal)
		}
		if err := runPlain(o, p); err != nil {
			t.Fatalf("%s: %v\n%s", kind, err, out.String())
		}
		for _, want := range []string{"AppName must start with a letter", "Step 6 of 6: Storage", "No problems", "Saved to " + path} {
			if !strings.Contains(out.String(), want) {
				t.Fatalf("%s: output lacks %q:\n%s", kind, want, out.String())
			}
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		saved[kind] = b
	}
	if !bytes.Equal(saved["line"], saved["huh"]) {
		t.Fatalf("files differ:\nline:\n%s\nhuh:\n%s", saved["line"], saved["huh"])
	}
}
