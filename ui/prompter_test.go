package ui

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/saejob/saejob/model"
)

// scriptStep is one scripted answer: given to the first question whose prompt
// contains match (after the ones before it were answered).
type scriptStep struct {
	match  string
	answer string
}

// scriptedPrompter answers the plain mode's questions from a script: each
// step answers the next question whose prompt contains its match; any
// other question gets Enter (its default). It records every question.
type scriptedPrompter struct {
	t      *testing.T
	script []scriptStep
	asked  []string
}

func (p *scriptedPrompter) next(kind, prompt string) (string, error) {
	p.asked = append(p.asked, kind+": "+prompt)
	if len(p.asked) > 400 {
		return "", io.EOF // a loop the script did not foresee
	}
	if len(p.script) > 0 && strings.Contains(prompt, p.script[0].match) {
		a := p.script[0].answer
		p.script = p.script[1:]
		return a, nil
	}
	if len(p.script) == 0 && strings.Contains(prompt, "q quit") {
		return "q", nil
	}
	return "", nil
}

func (p *scriptedPrompter) Select(prompt string, def int, options []string) (int, error) {
	a, err := p.next("select", prompt+" ["+strings.Join(options, " | ")+"]")
	if err != nil || a == "" {
		return def, err
	}
	if a == "?" {
		return 0, ErrHelp
	}
	n, err := strconv.Atoi(a)
	if err != nil || n < 1 || n > len(options) {
		return 0, fmt.Errorf("script answers %q to %q (%d options)", a, prompt, len(options))
	}
	return n - 1, nil
}

func (p *scriptedPrompter) Input(prompt, def string) (string, error) { return p.next("input", prompt) }

func (p *scriptedPrompter) Password(prompt string) (string, error) { return p.next("password", prompt) }

func (p *scriptedPrompter) Confirm(prompt string, def bool) (bool, error) {
	a, err := p.next("confirm", prompt)
	if err != nil || a == "" {
		return def, err
	}
	return a == "y", nil
}

// runScripted runs the plain mode against a scripted prompter; it fails
// the test when a scripted answer was never asked for.
func runScripted(t *testing.T, o Options, script ...scriptStep) (string, *scriptedPrompter) {
	t.Helper()
	var out bytes.Buffer
	o.Output = &out
	if o.Now == nil {
		o.Now = testOptions().Now
	}
	p := &scriptedPrompter{t: t, script: script}
	err := runPlain(o, p)
	var ee *ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(p.script) > 0 {
		t.Fatalf("never asked for %q; asked:\n%s\noutput:\n%s", p.script[0].match, strings.Join(p.asked, "\n"), out.String())
	}
	return out.String(), p
}

// Switching the language in the plain prompts clears what no longer
// applies and offers to undo it, through the same session as the wizard.
func TestPlainLanguageSwitchOffersUndo(t *testing.T) {
	for _, tc := range []struct {
		undo string
		want func(*model.Template) bool
	}{
		{"y", func(t *model.Template) bool {
			return t.ProgrammingLanguage == "java" && t.Jdk == "Open JDK 8" && t.JarStartArgs == "--x"
		}},
		{"n", func(t *model.Template) bool {
			return t.ProgrammingLanguage == "python" && t.Jdk == "" && t.JarStartArgs == ""
		}},
	} {
		tpl := fatJar()
		tpl.JarStartArgs = "--x"
		var got *model.Template
		out, p := runScripted(t, Options{Template: tpl, Start: StartReview},
			scriptStep{"redo a step", "2"},
			scriptStep{"ProgrammingLanguage", "4"},
			scriptStep{"Cleared Jdk, JarStartArgs (they do not apply to python). Undo", tc.undo},
			scriptStep{"redo a step", "q"},
		)
		got = tpl
		if !tc.want(got) {
			t.Errorf("undo %s: %+v\n%s", tc.undo, got, out)
		}
		if tc.undo == "y" && !strings.Contains(out, "Restored Jdk, JarStartArgs") {
			t.Errorf("no restore said:\n%s", out)
		}
		_ = p
	}
}

// Saving asks how to write a clear secret (one choice of three) and saves
// through the session: the placeholder goes to the file only.
func TestPlainSaveSecretPolicy(t *testing.T) {
	for _, tc := range []struct {
		choice string
		want   string
		not    string
	}{
		{"1", "${OSS_AK_SECRET}", "typed-secret"},
		{"2", "typed-secret", "${OSS"},
		{"3", "OssAkId", "typed-secret"},
	} {
		tpl := fatJar()
		tpl.OssAkId, tpl.OssAkSecret = "id", "typed-secret"
		path := filepath.Join(t.TempDir(), "job.yaml")
		out, _ := runScripted(t, Options{Template: tpl, Start: StartReview},
			scriptStep{"redo a step", "s"},
			scriptStep{"Save to", path},
			scriptStep{"OssAkSecret holds a clear secret", tc.choice},
		)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if !strings.Contains(string(data), tc.want) || strings.Contains(string(data), tc.not) {
			t.Errorf("choice %s wrote:\n%s", tc.choice, data)
		}
		if tpl.OssAkSecret != "typed-secret" {
			t.Errorf("choice %s changed the session's secret to %q", tc.choice, tpl.OssAkSecret)
		}
	}
}

// Submitting from the plain prompts goes through the session: asked once,
// sent once, SAE's refusal explained, and the field at fault offered.
func TestPlainSubmitRefusedOffersTheField(t *testing.T) {
	sub := &fakeSubmitter{res: model.SubmitOutcome{Status: model.OutcomeRefused, HttpStatus: 400,
		Code: "InvalidInstanceSpecification.Unsupported", Message: "bad spec"}}
	out, p := runScripted(t, Options{Template: fatJar(), Start: StartReview, Submitter: sub},
		scriptStep{"x submit", "x"},
		scriptStep{"Send CreateJob for nightly-report", "y"},
		scriptStep{"Fix Memory now?", "n"},
		scriptStep{"x submit", "q"},
	)
	if len(sub.got) != 1 {
		t.Fatalf("sent %d times", len(sub.got))
	}
	mustContain(t, out, "SAE refused the job: InvalidInstanceSpecification.Unsupported: bad spec", "SAE said InvalidInstanceSpecification.Unsupported")
	mustContain(t, strings.Join(p.asked, "\n"), "1-6 redo a step")
}

// The review names where each problem lives, from the session's Locate.
func TestPlainReviewSaysWhereProblemsAre(t *testing.T) {
	tpl := fatJar()
	tpl.Replicas = nil
	out, _ := runScripted(t, Options{Template: tpl, Start: StartReview}, scriptStep{"redo a step", "q"})
	mustContain(t, out, "error Replicas: Replicas is required", "(step Resources)")
}

// The line prompter reads numbers, words and Enter, says what it wants on
// anything else, and passes "?" up as a request for help.
func TestLinePrompter(t *testing.T) {
	opts := []string{"not chosen", "java", "shell (runs a container image)"}
	for _, tc := range []struct {
		name  string
		input string
		ask   func(p *linePrompter) (string, error)
		want  string
		out   string
	}{
		{"select by number", "2\n", func(p *linePrompter) (string, error) {
			n, err := p.Select("Language", 0, opts)
			return fmt.Sprint(n), err
		}, "1", " *1) not chosen"},
		{"select by word", "Shell\n", func(p *linePrompter) (string, error) {
			n, err := p.Select("Language", 0, opts)
			return fmt.Sprint(n), err
		}, "2", "Choose 1-3 [1]: "},
		{"select default", "\n", func(p *linePrompter) (string, error) {
			n, err := p.Select("Language", 1, opts)
			return fmt.Sprint(n), err
		}, "1", " *2) java"},
		{"select asks again", "9\n3\n", func(p *linePrompter) (string, error) {
			n, err := p.Select("Language", 0, opts)
			return fmt.Sprint(n), err
		}, "2", "Type a number from 1 to 3."},
		{"select help", "?\n", func(p *linePrompter) (string, error) { _, err := p.Select("Language", 0, opts); return "", err }, "help", ""},
		{"input keeps", "\n", func(p *linePrompter) (string, error) { return p.Input("AppName", "job") }, "", "AppName [job]: "},
		{"input", "x-1\n", func(p *linePrompter) (string, error) { return p.Input("AppName", "") }, "x-1", "AppName: "},
		{"confirm default", "\n", func(p *linePrompter) (string, error) { b, err := p.Confirm("Send?", false); return fmt.Sprint(b), err }, "false", "Send? (y/N): "},
		{"confirm asks again", "maybe\nyes\n", func(p *linePrompter) (string, error) { b, err := p.Confirm("Send?", false); return fmt.Sprint(b), err }, "true", "Type y or n."},
		{"password from a pipe", "s3\n", func(p *linePrompter) (string, error) { return p.Password("OssAkSecret") }, "s3", "OssAkSecret: "},
		{"end of input", "", func(p *linePrompter) (string, error) { return p.Input("AppName", "") }, "eof", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			p := newLinePrompter(strings.NewReader(tc.input), &out)
			got, err := tc.ask(p)
			switch {
			case errors.Is(err, ErrHelp):
				got = "help"
			case errors.Is(err, io.EOF):
				got = "eof"
			case err != nil:
				t.Fatal(err)
			}
			if got != tc.want || !strings.Contains(out.String(), tc.out) {
				t.Fatalf("got %q, output %q", got, out.String())
			}
		})
	}
}

// "?" at the secret question explains the choices and asks again; it never
// picks one.
func TestPlainSaveSecretHelpAsksAgain(t *testing.T) {
	tpl := fatJar()
	tpl.OssAkId, tpl.OssAkSecret = "id", "typed-secret"
	path := filepath.Join(t.TempDir(), "job.yaml")
	out, _ := runScripted(t, Options{Template: tpl, Start: StartReview},
		scriptStep{"redo a step", "s"},
		scriptStep{"Save to", path},
		scriptStep{"OssAkSecret holds a clear secret", "?"},
		scriptStep{"OssAkSecret holds a clear secret", "3"},
	)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if strings.Contains(string(data), "OssAkSecret") || !strings.Contains(out, "never written to a file unless you ask") {
		t.Errorf("help did not ask again, or the answer after it was not taken:\n%s\n%s", out, data)
	}
}

// Enter at the plain review asks the question again, without printing the
// whole request again.
func TestPlainReviewEnterAsksOnlyAgain(t *testing.T) {
	out, _ := runScripted(t, Options{Template: fatJar(), Start: StartReview},
		scriptStep{"redo a step", ""},
		scriptStep{"redo a step", "zz"},
	)
	if n := strings.Count(out, "Review. What will be sent"); n != 1 {
		t.Errorf("the review was printed %d times:\n%s", n, out)
	}
}
