package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
)

// allowedCode reports whether code may be emitted: a code of the CreateJob
// reference, a gateway code of the catalogue, or saejob's own saejob.*.
func allowedCode(code string) bool {
	if strings.HasPrefix(code, "saejob.") && len(code) > len("saejob.") {
		return true
	}
	for _, c := range model.Codes {
		if c.Code == code {
			return true
		}
	}
	for _, c := range model.GatewayCodes {
		if c.Code == code {
			return true
		}
	}
	return false
}

// emittedCodes finds every problem or error code written in the program's
// source: constants named code*/Code*, string literals given to a Code
// field, and the code argument of the validator's add/report and of
// model.NewProblem.
func emittedCodes(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	fset := token.NewFileSet()
	lit := func(e ast.Expr) (string, bool) {
		b, ok := e.(*ast.BasicLit)
		if !ok || b.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(b.Value)
		return s, err == nil
	}
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.ValueSpec:
					for i, id := range n.Names {
						lower := strings.ToLower(id.Name)
						if i < len(n.Values) && strings.HasPrefix(lower, "code") && len(id.Name) > 4 && id.Name[4] >= 'A' && id.Name[4] <= 'Z' {
							if s, ok := lit(n.Values[i]); ok {
								out[s] = fset.Position(id.Pos()).String()
							}
						}
					}
				case *ast.KeyValueExpr:
					if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Code" {
						if s, ok := lit(n.Value); ok {
							out[s] = fset.Position(n.Pos()).String()
						}
					}
				case *ast.CallExpr:
					var fn string
					switch f := n.Fun.(type) {
					case *ast.SelectorExpr:
						fn = f.Sel.Name
					case *ast.Ident:
						fn = f.Name
					}
					pos := map[string]int{"NewProblem": 2}[fn]
					if filepath.Base(dir) == "model" {
						// The validator's own add and report.
						pos = map[string]int{"add": 1, "report": 2, "NewProblem": 2}[fn]
					}
					if pos > 0 && len(n.Args) > pos {
						if s, ok := lit(n.Args[pos]); ok {
							out[s] = fset.Position(n.Pos()).String()
						}
					}
				}
				return true
			})
		}
	}
	return out
}

// Every problem code the program can emit is the reference's own, a
// gateway code of the catalogue, or saejob.* (issue 8: "Every problem code
// is still one of the reference's, or saejob.*").
func TestEveryEmittedCodeIsAllowed(t *testing.T) {
	codes := emittedCodes(t, "../../model", ".", "../../submit", "../../ui")
	if len(codes) < 20 {
		t.Fatalf("found only %d codes: the walk is broken: %v", len(codes), codes)
	}
	for code, where := range codes {
		if !allowedCode(code) {
			t.Errorf("%s: code %q is neither a reference code, a gateway code nor saejob.*", where, code)
		}
	}
	for _, want := range []string{codeInvalidFile, submit.CodeNotSent, submit.CodeMayHaveBeenCreated, model.CodeNotEmpty} {
		if _, ok := codes[want]; !ok {
			t.Errorf("the walk missed %q", want)
		}
	}
}

// The codes a run emits satisfy the same rule: an unreadable file in
// validate --json.
func TestInvalidFileCodeIsSaejobs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.yaml")
	rep := fileReport(fileResult{path: path, err: &model.FileError{Path: path, Msg: "broken"}})
	if len(rep.Problems) != 1 || rep.Problems[0].Code != "saejob.InvalidFile" {
		t.Fatalf("problems %+v", rep.Problems)
	}
}
