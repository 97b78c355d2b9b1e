package main

import (
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
)

// fakeAnswer is a loopback server that answers every request with status and body.
func fakeAnswer(t *testing.T, status int, body any) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// What SAE sends back is shown escaped on success and on error, in text;
// in JSON it is one object with no raw control or bidi character.
func TestServerTextShownEscaped(t *testing.T) {
	submitEnv(t)
	t.Setenv("OSS_SECRET", "s")
	file := writeTemplate(t, cliTemplate)

	url := fakeAnswer(t, 200, map[string]any{"RequestId": "R\x1b]0;pwned\x07", "TraceId": "T\u202eX", "Success": true, "Message": "success",
		"Data": map[string]any{"AppId": "app\x1b[2J", "ChangeOrderId": "co\r"}})
	code, stdout, stderr := runSubmitCmd("", "submit", file, "--yes", "--endpoint", url, "--region", "cn-hangzhou")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{`AppId          app\e[2J`, `RequestId      R\e]0;pwned\x07`, `TraceId        T\u202eX`, `ChangeOrderId  co\r`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	// The commands to paste quote the real IDs: $'...' sends the CR itself,
	// not a backslash and an r.
	for _, want := range []string{`--ChangeOrderId $'co\r'`, `--AppId $'app\e[2J'`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("Next: lacks %q:\n%s", want, stdout)
		}
	}
	if model.HasHidden(stdout+stderr, true) {
		t.Errorf("raw control characters on screen:\n%q", stdout+stderr)
	}
	// JSON carries the real IDs (its own escapes keep the text plain).
	code, stdout, _ = runSubmitCmd("", "submit", file, "--yes", "--json", "--endpoint", url, "--region", "cn-hangzhou")
	if m, _ := jsonKeys(t, stdout); code != exitOK || m["AppId"] != "app\x1b[2J" || m["ChangeOrderId"] != "co\r" || m["TraceId"] != "T\u202eX" {
		t.Errorf("--json: exit %d %q", code, m)
	}
	if model.HasHidden(stdout, true) {
		t.Errorf("raw characters in JSON: %q", stdout)
	}

	url = fakeAnswer(t, 400, map[string]any{"RequestId": "R\u202e1", "Code": "Bad\x1b[2J.Code", "Message": "clear\x1b[2Jscreen\u0085"})
	code, stdout, _ = runSubmitCmd("", "submit", file, "--yes", "--json", "--endpoint", url, "--region", "cn-hangzhou")
	if m, _ := jsonKeys(t, stdout); code != exitInvalid || m["Code"] != "Bad\x1b[2J.Code" || m["RequestId"] != "R\u202e1" || m["Message"] != "clear\x1b[2Jscreen\u0085" {
		t.Errorf("--json error: exit %d %q", code, m)
	}
	if model.HasHidden(stdout, true) {
		t.Errorf("raw characters in JSON: %q", stdout)
	}
	code, stdout, stderr = runSubmitCmd("", "submit", file, "--yes", "--endpoint", url, "--region", "cn-hangzhou")
	if code != exitInvalid || !strings.Contains(stderr, `Bad\e[2J.Code`) || !strings.Contains(stderr, `clear\e[2Jscreen\x85`) || !strings.Contains(stderr, `R\u202e1`) {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	if model.HasHidden(stdout+stderr, true) {
		t.Errorf("raw control characters on screen:\n%q", stdout+stderr)
	}
}

// A success answer without an AppId is the "may have been created" outcome.
func TestSubmitSuccessWithoutAppId(t *testing.T) {
	submitEnv(t)
	t.Setenv("OSS_SECRET", "s")
	url := fakeAnswer(t, 200, map[string]any{"RequestId": "REQ-1", "Success": true, "Data": map[string]any{"ChangeOrderId": "co-1"}})
	code, stdout, _ := runSubmitCmd("", "submit", writeTemplate(t, cliTemplate), "--yes", "--json", "--endpoint", url, "--region", "cn-hangzhou")
	if m, _ := jsonKeys(t, stdout); code != exitInvalid || m["Code"] != submit.CodeMayHaveBeenCreated || m["RequestId"] != "REQ-1" {
		t.Errorf("exit %d %v", code, m)
	}
}

// A directory that cannot be listed is "permission denied", not "no
// template files". Tests run as root, whom modes do not stop: the listing
// fails through the readDir seam, as it does for other users.
func TestValidatePermissionDenied(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "locked")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	old := readDir
	readDir = func(name string) ([]os.DirEntry, error) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.EACCES}
	}
	defer func() { readDir = old }()
	code, stdout, stderr := runSubmitCmd("", "validate", dir)
	if code != exitUsage || !strings.Contains(stderr, dir+": permission denied: the directory cannot be listed") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	if strings.Contains(stderr, "no regular .yaml") {
		t.Errorf("says the directory is empty:\n%s", stderr)
	}
	readDir = func(name string) ([]os.DirEntry, error) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.EIO}
	}
	if _, _, stderr := runSubmitCmd("", "validate", dir); !strings.Contains(stderr, "cannot be listed: input/output error") {
		t.Errorf("other errors: %s", stderr)
	}
	readDir = old
	if _, _, stderr := runSubmitCmd("", "validate", dir); !strings.Contains(stderr, "is a directory with no regular .yaml") {
		t.Errorf("an empty directory: %s", stderr)
	}
}

// Declining at the question is an exit path of submit --json too: one object.
func TestSubmitJSONDeclined(t *testing.T) {
	sb, url := submitEnv(t)
	t.Setenv("OSS_SECRET", "s")
	old := stdinIsTerminal
	stdinIsTerminal = func(io.Reader) bool { return true }
	defer func() { stdinIsTerminal = old }()
	code, stdout, _ := runSubmitCmd("n\n", "submit", writeTemplate(t, cliTemplate), "--json", "--endpoint", url)
	if m, _ := jsonKeys(t, stdout); code != exitInvalid || m["Code"] != codeNotSent {
		t.Errorf("exit %d %v", code, m)
	}
	if sb.Requests() != 0 {
		t.Errorf("%d requests", sb.Requests())
	}
}

// What DescribeJob answers is shown escaped by import, on success (the
// notes said on stderr for a JSON file) and on error.
func TestImportServerTextShownEscaped(t *testing.T) {
	submitEnv(t)
	url := fakeAnswer(t, 200, map[string]any{"RequestId": "R", "Success": true, "Code": "200", "Data": map[string]any{
		"AppId": "app\x1b[2J", "AppName": "nightly", "RegionId": "cn-hangzhou\x1b]0;x\x07", "NamespaceId": "cn-hangzhou:dev",
		"PackageType": "Image", "ImageUrl": "registry.cn-hangzhou.aliyuncs.com/a/b:1", "Cpu": 500, "Memory": 1024,
		"PublicWebHookUrls": []string{"https://hook\x1b[31m.example/x"}}})
	out := filepath.Join(t.TempDir(), "x.json")
	code, stdout, stderr := runSubmitCmd("", "import", "app-1", "-o", out, "--endpoint", url, "--region", "cn-hangzhou")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{`AppId app\e[2J`, `region cn-hangzhou\e]0;x\x07`, `https://hook\e[31m.example/x`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if model.HasHidden(stdout+stderr, true) {
		t.Errorf("raw control characters on screen:\n%q", stdout+stderr)
	}

	url = fakeAnswer(t, 404, map[string]any{"RequestId": "R1", "Code": "InvalidAppId\x1b[2J.NotFound", "Message": "no\x1b[2J"})
	code, stdout, stderr = runSubmitCmd("", "import", "app\x1b[2J", "--endpoint", url, "--region", "cn-hangzhou")
	if code != exitInvalid || !strings.Contains(stderr, `InvalidAppId\e[2J.NotFound`) || !strings.Contains(stderr, `Check the AppId app\e[2J`) {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	if model.HasHidden(stdout+stderr, true) {
		t.Errorf("raw control characters on screen:\n%q", stdout+stderr)
	}
}
