package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/saejob/saejob/assets"
)

func runApp(args ...string) (code int, stdout, stderr string) {
	var out, errb strings.Builder
	code = run(args, &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

// TestValidateJSONShape checks the exact keys of validate --json, a contract
// with scripts: file, valid and problems (always an array) on every object,
// warnings only when there are some, and field, code and message on every
// problem.
func TestValidateJSONShape(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yaml", "AppName: a\nPackageType: Image\nImageUrl: registry.cn-hangzhou.aliyuncs.com/a/b:1\nReplicas: 1\n")
	bad := write("bad.yaml", "PackageType: Image\nImageUrl: registry.cn-hangzhou.aliyuncs.com/a/b:1\nCpu: 1000\nMemory: 8192\nReplicas: 1\n")
	broken := write("broken.yaml", "AppName: a\nReplica: 1\n")
	warned := write("warned.yaml", "AppName: a\nPackageType: Image\nImageUrl: registry.cn-hangzhou.aliyuncs.com/a/b:1\nReplicas: 1\nAutoConfig: true\nVpcId: vpc-bp1aevy8sofi8mh1q0000\n")

	code, stdout, stderr := runApp("validate", "--json", good, bad, broken, warned, filepath.Join(dir, "missing.yaml"))
	if code != exitUsage {
		t.Errorf("exit status %d, want %d (an unreadable file wins)", code, exitUsage)
	}
	if stderr != "" {
		t.Errorf("stderr in --json mode: %s", stderr)
	}
	var reports []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &reports); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, stdout)
	}
	if len(reports) != 5 {
		t.Fatalf("%d objects, want 5", len(reports))
	}
	wantFiles := []string{good, bad, broken, warned, filepath.Join(dir, "missing.yaml")}
	wantValid := []bool{true, false, false, true, false}
	for i, r := range reports {
		keys := mapKeys(r)
		if !slices.Equal(keys, []string{"file", "problems", "valid"}) && !slices.Equal(keys, []string{"file", "problems", "valid", "warnings"}) {
			t.Errorf("object %d has keys %v, want file, valid, problems (and warnings only when there are some)", i, keys)
		}
		var file string
		var valid bool
		var problems []map[string]json.RawMessage
		json.Unmarshal(r["file"], &file)
		json.Unmarshal(r["valid"], &valid)
		if string(r["problems"]) == "null" {
			t.Errorf("object %d: problems is null, want an array", i)
		}
		if err := json.Unmarshal(r["problems"], &problems); err != nil {
			t.Errorf("object %d: problems: %v", i, err)
		}
		if file != wantFiles[i] || valid != wantValid[i] {
			t.Errorf("object %d: file %q valid %v, want %q %v", i, file, valid, wantFiles[i], wantValid[i])
		}
		if valid != (len(problems) == 0) {
			t.Errorf("object %d: valid %v with %d problems", i, valid, len(problems))
		}
		var warnings []map[string]json.RawMessage
		if w, ok := r["warnings"]; ok {
			if err := json.Unmarshal(w, &warnings); err != nil || len(warnings) == 0 {
				t.Errorf("object %d: warnings present but not a non-empty array: %s", i, w)
			}
		}
		for _, p := range append(problems, warnings...) {
			if k := mapKeys(p); !slices.Equal(k, []string{"code", "field", "message"}) {
				t.Errorf("object %d: a problem has keys %v, want field, code, message", i, k)
			}
		}
	}
	if _, ok := reports[3]["warnings"]; !ok {
		t.Errorf("the template with AutoConfig and VpcId has no warnings: %s", stdout)
	}
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// writeTemplates writes n valid template files (the bundled examples, renamed) into dir.
func writeTemplates(tb testing.TB, dir string, n int) {
	tb.Helper()
	examples := assets.Examples()
	for i := range n {
		e := examples[i%len(examples)]
		name := fmt.Sprintf("job-%04d", i)
		text := strings.Replace(string(e.Data), "AppName: ", "AppName: "+name+"-", 1)
		if err := os.WriteFile(filepath.Join(dir, name+".yaml"), []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkValidateFiles runs `saejob validate DIR` over 1,000 template files
// through the command's own code path (target: well under 1 s an operation).
func BenchmarkValidateFiles(b *testing.B) {
	dir := b.TempDir()
	writeTemplates(b, dir, 1000)
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	b.ResetTimer()
	for b.Loop() {
		if code := run([]string{"validate", dir}, a); code != exitOK {
			b.Fatalf("exit status %d", code)
		}
	}
}

// TestValidateManyFilesInOrder checks that files validated at once are
// reported in the order given.
func TestValidateManyFilesInOrder(t *testing.T) {
	dir := t.TempDir()
	writeTemplates(t, dir, 200)
	code, stdout, _ := runApp("validate", dir)
	if code != exitOK {
		t.Fatalf("exit status %d:\n%s", code, stdout)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 201 || lines[200] != "200 files: 200 valid, 0 invalid, 0 unreadable" {
		t.Fatalf("unexpected output tail: %q", lines[len(lines)-1])
	}
	for i, l := range lines[:200] {
		if want := filepath.Join(dir, fmt.Sprintf("job-%04d.yaml", i)) + ": valid"; l != want {
			t.Fatalf("line %d = %q, want %q", i, l, want)
		}
	}
}
