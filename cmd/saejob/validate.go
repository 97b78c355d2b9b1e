package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/saejob/saejob/model"
	"github.com/spf13/cobra"
)

func init() { register(newValidateCmd) }

func newValidateCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "validate [--json] FILE...",
		Short: "Check template files against every rule of the CreateJob reference",
		Long: `Check template files against every rule of the CreateJob reference.

Each FILE is a template (.yaml, .yml or .json). A directory stands for the
template files directly inside it; "-" is a template read from stdin. Every problem of every file is reported at
once, as FILE:LINE: Field: message [Code] (LINE when the field is in the
file); warnings are marked "warning:" and do
not make a file invalid.

With --json, print a JSON array with one object per file:
  {"file": "...", "valid": false, "problems": [{"field": "...", "code": "...", "message": "..."}]}
"problems" is always an array; warnings, when there are any, are in an extra
"warnings" array. A file that cannot be read or parsed is reported with one
problem of code saejob.InvalidFile.

Exit status: 0 all valid, 1 any invalid, 2 usage error or unreadable file.`,
		Example: `  saejob validate job.yaml
  saejob validate --json templates/`,
		ValidArgsFunction: completeTemplateFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError("validate needs at least one FILE (see 'saejob validate --help')")
			}
			return runValidate(a, args, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array, one object per file")
	return cmd
}

// fileResult is the outcome of validating one file: either it could not be
// loaded (err) or it was validated (problems).
type fileResult struct {
	path     string
	problems model.Problems
	// lines[i] is the line of problems[i]'s field in the file, 0 if unknown.
	lines []int
	err   error
}

func (r fileResult) valid() bool { return r.err == nil && r.problems.Valid() }

func runValidate(a *app, args []string, asJSON bool) error {
	paths := expandTemplateArgs(args, a.stderr)
	var stdin []byte
	if slices.Contains(paths, "-") {
		var err error
		if stdin, err = io.ReadAll(io.LimitReader(a.stdin, model.MaxFileSize+1)); err != nil {
			return usageError("reading the standard input: %v", err)
		}
	}
	results := validateFiles(paths, stdin)
	out := bufio.NewWriter(a.stdout)
	defer out.Flush()
	if asJSON {
		if err := writeValidateJSON(out, results); err != nil {
			return err
		}
	} else {
		writeValidateText(out, a.stderr, results)
	}
	code := exitOK
	for _, r := range results {
		switch {
		case r.err != nil:
			code = exitUsage
		case !r.problems.Valid() && code == exitOK:
			code = exitInvalid
		}
	}
	if code != exitOK {
		return &exitError{code: code, err: errors.New("validation failed"), silent: true}
	}
	return nil
}

// templateExts are the file extensions a template may have.
var templateExts = []string{".yaml", ".yml", ".json"}

func isTemplateFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range templateExts {
		if ext == e {
			return true
		}
	}
	return false
}

// readDir lists a directory (tests replace it: they run as root, whom
// file modes do not stop).
var readDir = os.ReadDir

// expandTemplateArgs replaces each directory by the template files directly
// inside it, sorted by name; anything else is kept as given (and fails to
// load if it is not a readable template). A template name in a directory
// that is not a regular file (a named pipe, a socket, a device) is skipped
// with a note on notes: reading it could wait forever.
func expandTemplateArgs(args []string, notes io.Writer) []string {
	var out []string
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil || !info.IsDir() {
			out = append(out, arg)
			continue
		}
		entries, err := readDir(arg)
		if err != nil {
			// Validating the directory itself says why it cannot be listed.
			out = append(out, arg)
			continue
		}
		var files []string
		for _, e := range entries {
			if e.IsDir() || !isTemplateFile(e.Name()) {
				continue
			}
			p := filepath.Join(arg, e.Name())
			mode := e.Type()
			if mode&fs.ModeSymlink != 0 {
				if fi, err := os.Stat(p); err == nil {
					mode = fi.Mode()
				} else {
					mode = 0 // a dangling link: loading it says so
				}
			}
			if mode.IsDir() {
				continue
			}
			if !mode.IsRegular() {
				fmt.Fprintf(notes, "saejob: note: skipped %s: it is %s, not a regular file\n", model.Visible(p), model.FileKind(mode))
				continue
			}
			files = append(files, p)
		}
		sort.Strings(files)
		if len(files) == 0 {
			// Loading the directory itself reports it as unreadable.
			out = append(out, arg)
		}
		out = append(out, files...)
	}
	return out
}

// validateFiles loads and validates every file, several at a time (as many
// as GOMAXPROCS), and returns the results in the order of paths. The path
// "-" is the template in stdin.
func validateFiles(paths []string, stdin []byte) []fileResult {
	results := make([]fileResult, len(paths))
	workers := runtime.GOMAXPROCS(0)
	if workers > len(paths) {
		workers = len(paths)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(paths) {
					return
				}
				if paths[i] == "-" {
					results[i] = validateStdin(stdin)
				} else {
					results[i] = validateFile(paths[i])
				}
			}
		}()
	}
	wg.Wait()
	return results
}

func validateFile(path string) fileResult {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fileResult{path: path, err: directoryError(path)}
	}
	t, err := model.Load(path)
	if err != nil {
		return fileResult{path: path, err: err}
	}
	r := fileResult{path: path, problems: t.Validate()}
	if len(r.problems) > 0 {
		r.findLines(fileFieldLines(path))
	}
	return r
}

// directoryError says why a directory given to validate holds no template
// to check: it cannot be listed, or it has no template files.
func directoryError(path string) error {
	_, err := readDir(path)
	switch {
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied: the directory cannot be listed (see ls -ld %s)", path, model.ShellWord(path))
	case err != nil:
		return fmt.Errorf("%s: the directory cannot be listed: %v", path, errors.Unwrap(err))
	}
	return fmt.Errorf("%s: is a directory with no regular .yaml, .yml or .json files", path)
}

// stdinName stands for the standard input in reports.
const stdinName = "<stdin>"

// validateStdin validates the template read from the standard input: JSON
// when it starts with "{", else YAML.
func validateStdin(data []byte) fileResult {
	f := model.YAML
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		f = model.JSON
	}
	t, err := model.Parse(data, f, stdinName)
	if err != nil {
		return fileResult{path: stdinName, err: err}
	}
	r := fileResult{path: stdinName, problems: t.Validate()}
	if len(r.problems) > 0 {
		r.findLines(newFieldLines(data, f, stdinName))
	}
	return r
}

func (r *fileResult) findLines(fl fieldLines) {
	r.lines = make([]int, len(r.problems))
	for i, p := range r.problems {
		r.lines[i] = fl.line(p.Field)
	}
}

// where is "FILE" or "FILE:LINE" for the i-th problem.
func (r fileResult) where(i int) string {
	if i < len(r.lines) && r.lines[i] > 0 {
		return r.path + ":" + strconv.Itoa(r.lines[i])
	}
	return r.path
}

func writeValidateText(out io.Writer, stderr io.Writer, results []fileResult) {
	var valid, invalid, unreadable int
	for _, r := range results {
		if r.err != nil {
			unreadable++
			// Keep the argument order on a terminal, where both streams meet.
			if f, ok := out.(interface{ Flush() error }); ok {
				f.Flush()
			}
			reportLoadError(stderr, r.err)
			continue
		}
		nerr := len(r.problems.Errors())
		nwarn := len(r.problems) - nerr
		switch {
		case nerr > 0:
			invalid++
		case nwarn > 0:
			valid++
			fmt.Fprintf(out, "%s: valid, %s\n", model.Visible(r.path), plural(nwarn, "warning"))
		default:
			valid++
			fmt.Fprintf(out, "%s: valid\n", model.Visible(r.path))
		}
		// Errors first, then warnings, each in the validator's order.
		for _, sev := range []model.Severity{model.Error, model.Warning} {
			for i, p := range r.problems {
				if p.Severity != sev {
					continue
				}
				mark := ""
				if sev == model.Warning {
					mark = "warning: "
				}
				if i < len(r.lines) && r.lines[i] > 0 {
					// The line is already in front; the message need not repeat it.
					p.Message = strings.TrimPrefix(p.Message, fmt.Sprintf("Line %d: ", r.lines[i]))
				}
				fmt.Fprintf(out, "%s: %s%s\n", model.Visible(r.where(i)), mark, problemText(p))
			}
		}
	}
	if len(results) > 1 {
		fmt.Fprintf(out, "%s: %d valid, %d invalid, %d unreadable\n",
			plural(len(results), "file"), valid, invalid, unreadable)
	}
}

// problemText is one problem as a line: "Field: message [Code]", with
// control characters and bidi overrides (from an unknown key or a value
// quoted in the message) shown escaped.
func problemText(p model.Problem) string {
	// Positions count from 1 here, as in the messages ("Envs #2 name:
	// Environment variable 2 needs a name"); --json keeps Envs[1].name.
	field := p.Field
	if path, ok := model.ParsePath(p.Field); ok {
		field = path.Words()
	}
	if field == "" {
		field = "template"
	}
	return model.Visible(fmt.Sprintf("%s: %s [%s]", field, p.Message, p.Code))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// jsonProblem is one problem in validate's --json output.
type jsonProblem struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// jsonFileReport is one file in validate's --json output.
type jsonFileReport struct {
	File     string        `json:"file"`
	Valid    bool          `json:"valid"`
	Problems []jsonProblem `json:"problems"`
	Warnings []jsonProblem `json:"warnings,omitempty"`
}

// codeInvalidFile is the code of the problem that stands for a file that
// cannot be read or parsed.
const codeInvalidFile = "saejob.InvalidFile"

func fileReport(r fileResult) jsonFileReport {
	rep := jsonFileReport{File: r.path, Valid: r.valid(), Problems: []jsonProblem{}}
	if r.err != nil {
		rep.Problems = append(rep.Problems, fileErrorProblems(r.err)...)
		return rep
	}
	for _, p := range r.problems.Errors() {
		rep.Problems = append(rep.Problems, jsonProblem{p.Field, p.Code, p.Message})
	}
	for _, p := range r.problems.Warnings() {
		rep.Warnings = append(rep.Warnings, jsonProblem{p.Field, p.Code, p.Message})
	}
	return rep
}

// fileErrorProblems turns a load error into problems, one per place in the
// file: the key at fault as the field, and the line and column in the message.
func fileErrorProblems(err error) []jsonProblem {
	fes := model.FileErrors(err)
	if len(fes) == 0 {
		return []jsonProblem{{Code: codeInvalidFile, Message: err.Error()}}
	}
	out := make([]jsonProblem, 0, len(fes))
	for _, fe := range fes {
		msg := fe.Msg
		switch {
		case fe.Line > 0 && fe.Column > 0:
			msg = fmt.Sprintf("line %d, column %d: %s", fe.Line, fe.Column, fe.Msg)
		case fe.Line > 0:
			msg = fmt.Sprintf("line %d: %s", fe.Line, fe.Msg)
		}
		out = append(out, jsonProblem{Field: fe.Key, Code: codeInvalidFile, Message: msg})
	}
	return out
}

// reportLoadError prints why a file could not be loaded: each problem in
// the file as "path:line:col: Key: message", as compilers do, or the
// operating system's error.
func reportLoadError(w io.Writer, err error) {
	fes := model.FileErrors(err)
	if len(fes) == 0 {
		fmt.Fprintln(w, "saejob:", model.Visible(err.Error()))
		return
	}
	for _, fe := range fes {
		fmt.Fprintln(w, model.Visible(fe.Error()))
	}
}

func writeValidateJSON(out io.Writer, results []fileResult) error {
	reports := make([]jsonFileReport, len(results))
	for i, r := range results {
		reports[i] = fileReport(r)
	}
	return writeJSON(out, reports)
}
