package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/saejob/saejob/submit"
	"github.com/saejob/saejob/submit/sandbox"
)

// submitEnv isolates the credential chain and starts a sandbox whose keys
// are exported as a user would; it returns the sandbox and its URL.
func submitEnv(t *testing.T) (*sandbox.Server, string) {
	t.Helper()
	t.Setenv("HOME", t.TempDir())
	for _, k := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_REGION_ID",
		"ALIBABA_CLOUD_ECS_METADATA", "ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
		"ALIBABA_CLOUD_CREDENTIALS_URI", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NO_PROXY", "no_proxy", "OSS_SECRET"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	sb := sandbox.New()
	srv := httptest.NewServer(sb)
	t.Cleanup(func() { sb.Close(); srv.Close() })
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", sb.AccessKeyId)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", sb.AccessKeySecret)
	return sb, srv.URL
}

const cliTemplate = `AppName: cli-demo
NamespaceId: cn-hangzhou:demo
AppDescription: 命令行提交测试
ProgrammingLanguage: java
PackageType: FatJar
PackageVersion: 1.0.1
PackageUrl: https://myoss.oss-cn-hangzhou.aliyuncs.com/my-buc/demo.jar
Jdk: Open JDK 8
Cpu: 1000
Memory: 2048
Replicas: 1
OssMountDescs:
  - bucketName: oss-bucket
    bucketPath: data/
    mountPath: /mnt/oss
    readOnly: true
OssAkId: oss-ak-id
OssAkSecret: ${OSS_SECRET}
TriggerConfig:
  type: time
  config: 0 1 */1 * ?
  timezone: GMT+8:00
`

func writeTemplate(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "job.yaml")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func runSubmitCmd(stdin string, args ...string) (code int, stdout, stderr string) {
	var out, errb strings.Builder
	code = run(args, &app{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: os.Getenv})
	return code, out.String(), errb.String()
}

func jsonKeys(t *testing.T, s string) (map[string]any, []string) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, s)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return m, keys
}

func TestSubmitCreates(t *testing.T) {
	sb, url := submitEnv(t)
	t.Setenv("OSS_SECRET", "the-oss-secret")
	file := writeTemplate(t, cliTemplate)
	code, stdout, stderr := runSubmitCmd("", "submit", file, "--yes", "--endpoint", url, "--region", "cn-hangzhou")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"sandbox", "nothing was created", "AppId", "ChangeOrderId", "RequestId", "TraceId"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if sb.Requests() != 1 {
		t.Errorf("%d requests", sb.Requests())
	}
	got, _ := sb.Last()
	if v, _ := got.Param("OssAkSecret"); v != "the-oss-secret" {
		t.Errorf("OssAkSecret sent as %q, want the variable's value", v)
	}
	if v, _ := got.Param("AppDescription"); v != "命令行提交测试" {
		t.Errorf("AppDescription sent as %q", v)
	}
	if strings.Contains(stdout+stderr, "the-oss-secret") || strings.Contains(stdout+stderr, sb.AccessKeySecret) {
		t.Error("a secret was printed")
	}
}

func TestSubmitJSONSuccess(t *testing.T) {
	_, url := submitEnv(t)
	t.Setenv("OSS_SECRET", "s")
	code, stdout, stderr := runSubmitCmd("", "submit", writeTemplate(t, cliTemplate), "--yes", "--json", "--endpoint", url)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	m, keys := jsonKeys(t, stdout)
	if !slices.Equal(keys, []string{"AppId", "ChangeOrderId", "RequestId", "TraceId"}) {
		t.Errorf("keys %v", keys)
	}
	for _, k := range keys {
		if m[k] == "" {
			t.Errorf("%s is empty", k)
		}
	}
}

func TestSubmitJSONAPIError(t *testing.T) {
	sb, url := submitEnv(t)
	t.Setenv("OSS_SECRET", "s")
	sb.SetFault(sandbox.Fault{Mode: sandbox.Error, Code: "InvalidParameter.NotEmpty", Shape: sandbox.ShapePOP})
	code, stdout, _ := runSubmitCmd("", "submit", writeTemplate(t, cliTemplate), "--yes", "--json", "--endpoint", url)
	if code != exitInvalid {
		t.Fatalf("exit %d, want %d\n%s", code, exitInvalid, stdout)
	}
	m, keys := jsonKeys(t, stdout)
	if !slices.Equal(keys, []string{"Code", "Explanation", "Field", "HttpStatus", "Message", "RequestId"}) {
		t.Errorf("keys %v", keys)
	}
	if m["Code"] != "InvalidParameter.NotEmpty" || m["HttpStatus"] != float64(400) || m["Field"] != "AppName" || m["Explanation"] == "" || m["RequestId"] == "" {
		t.Errorf("got %v", m)
	}
}

func TestSubmitHumanAPIError(t *testing.T) {
	sb, url := submitEnv(t)
	t.Setenv("OSS_SECRET", "s")
	sb.SetFault(sandbox.Fault{Mode: sandbox.Error, Code: "InvalidNamespaceId.NotFound"})
	file := writeTemplate(t, cliTemplate)
	code, _, stderr := runSubmitCmd("", "submit", file, "--yes", "--endpoint", url)
	if code != exitInvalid {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"InvalidNamespaceId.NotFound", "HTTP 404", "Message:", "Explanation:", "Field:        NamespaceId", "RequestId:"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestSubmitInvalidSendsNothing(t *testing.T) {
	sb, url := submitEnv(t)
	file := writeTemplate(t, strings.Replace(cliTemplate, "Memory: 2048", "Memory: 3000", 1))
	code, stdout, stderr := runSubmitCmd("", "submit", file, "--yes", "--endpoint", url)
	if code != exitInvalid {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(stdout, file+": Memory: ") || !strings.Contains(stdout, "[InvalidInstanceSpecification.Unsupported]") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if !strings.Contains(stderr, "nothing was sent") {
		t.Errorf("stderr:\n%s", stderr)
	}
	code, stdout, _ = runSubmitCmd("", "submit", file, "--yes", "--json", "--endpoint", url)
	m, _ := jsonKeys(t, stdout)
	if code != exitInvalid || m["valid"] != false {
		t.Errorf("--json: exit %d %v", code, m)
	}
	if sb.Requests() != 0 {
		t.Errorf("%d requests for an invalid template", sb.Requests())
	}
}

func TestSubmitUnreadable(t *testing.T) {
	submitEnv(t)
	code, _, _ := runSubmitCmd("", "submit", filepath.Join(t.TempDir(), "missing.yaml"), "--yes")
	if code != exitUsage {
		t.Errorf("exit %d", code)
	}
	code, _, _ = runSubmitCmd("", "submit", writeTemplate(t, "AppName: [unclosed\n"), "--yes")
	if code != exitUsage {
		t.Errorf("malformed: exit %d", code)
	}
	code, _, _ = runSubmitCmd("", "submit")
	if code != exitUsage {
		t.Errorf("no file: exit %d", code)
	}
}

func TestSubmitNeedsYesWithoutTerminal(t *testing.T) {
	sb, url := submitEnv(t)
	t.Setenv("OSS_SECRET", "s")
	code, _, stderr := runSubmitCmd("y\n", "submit", writeTemplate(t, cliTemplate), "--endpoint", url)
	if code != exitUsage || !strings.Contains(stderr, "--yes required when not running interactively") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if sb.Requests() != 0 {
		t.Errorf("%d requests", sb.Requests())
	}
}

func TestSubmitAsksOnATerminal(t *testing.T) {
	sb, url := submitEnv(t)
	t.Setenv("OSS_SECRET", "terminal-secret")
	old := stdinIsTerminal
	stdinIsTerminal = func(io.Reader) bool { return true }
	defer func() { stdinIsTerminal = old }()
	file := writeTemplate(t, cliTemplate)

	code, _, stderr := runSubmitCmd("n\n", "submit", file, "--endpoint", url, "--region", "cn-hangzhou")
	if code != exitInvalid || sb.Requests() != 0 || !strings.Contains(stderr, "Not sent.") {
		t.Errorf("declined: exit %d, %d requests\n%s", code, sb.Requests(), stderr)
	}
	for _, want := range []string{"Send CreateJob to cn-hangzhou (" + url + ")? [y/N]", "OssAkSecret", "******", "AppName", "credentials:", "SAND****"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("prompt lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "terminal-secret") {
		t.Error("the prompt shows the secret")
	}
	code, _, _ = runSubmitCmd("y\n", "submit", file, "--endpoint", url)
	if code != exitOK || sb.Requests() != 1 {
		t.Errorf("accepted: exit %d, %d requests", code, sb.Requests())
	}
}

func TestSubmitDryRun(t *testing.T) {
	sb, url := submitEnv(t)
	file := writeTemplate(t, cliTemplate)
	code, stdout, stderr := runSubmitCmd("", "submit", file, "--dry-run", "--endpoint", url)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{url, "AppName", "cli-demo", "OssAkSecret", "******", "nothing was sent"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "OSS_SECRET") {
		t.Errorf("the unset secret variable should be warned about:\n%s", stderr)
	}
	code, stdout, _ = runSubmitCmd("", "submit", file, "--dry-run", "--json", "--region", "cn-shanghai")
	m, _ := jsonKeys(t, stdout)
	if code != exitOK || m["Endpoint"] != "https://sae.cn-shanghai.aliyuncs.com" {
		t.Errorf("exit %d %v", code, m)
	}
	if p, _ := m["Parameters"].(map[string]any); p["OssAkSecret"] != "******" || p["Workload"] != "job" {
		t.Errorf("parameters %v", p)
	}
	if sb.Requests() != 0 {
		t.Errorf("%d requests in a dry run", sb.Requests())
	}
}

func TestSubmitSecretVariableUnset(t *testing.T) {
	sb, url := submitEnv(t)
	code, _, stderr := runSubmitCmd("", "submit", writeTemplate(t, cliTemplate), "--yes", "--endpoint", url)
	if code != exitUsage || !strings.Contains(stderr, "OSS_SECRET") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if sb.Requests() != 0 {
		t.Errorf("%d requests", sb.Requests())
	}
}

func TestSubmitNoCredentials(t *testing.T) {
	sb, url := submitEnv(t)
	t.Setenv("OSS_SECRET", "s")
	os.Unsetenv("ALIBABA_CLOUD_ACCESS_KEY_ID")
	os.Unsetenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
	code, _, stderr := runSubmitCmd("", "submit", writeTemplate(t, cliTemplate), "--yes", "--endpoint", url)
	if code != exitUsage {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"export ALIBABA_CLOUD_ACCESS_KEY_ID=", "aliyun configure", "--profile", "Nothing was sent"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	code, stdout, _ := runSubmitCmd("", "submit", writeTemplate(t, cliTemplate), "--yes", "--json", "--endpoint", url)
	if m, _ := jsonKeys(t, stdout); code != exitUsage || m["Code"] != submit.CodeNoCredentials {
		t.Errorf("--json: exit %d %v", code, m)
	}
	if sb.Requests() != 0 {
		t.Errorf("%d requests", sb.Requests())
	}
}

func TestSubmitRefusesPlainHTTPElsewhere(t *testing.T) {
	submitEnv(t)
	t.Setenv("OSS_SECRET", "s")
	code, _, stderr := runSubmitCmd("", "submit", writeTemplate(t, cliTemplate), "--yes", "--endpoint", "http://sae.cn-hangzhou.aliyuncs.com")
	if code != exitUsage || !strings.Contains(stderr, "refusing plain http://") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestSubmitStallMayHaveBeenCreated(t *testing.T) {
	sb, url := submitEnv(t)
	t.Setenv("OSS_SECRET", "s")
	submitOptions = func(o *submit.Options) { o.ReadTimeout = 300 * time.Millisecond }
	defer func() { submitOptions = nil }()
	sb.SetFault(sandbox.Fault{Mode: sandbox.Stall})
	code, _, stderr := runSubmitCmd("", "submit", writeTemplate(t, cliTemplate), "--yes", "--endpoint", url, "--region", "cn-hangzhou")
	if code != exitInvalid {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"may have been created", "listJobs", "cli-demo", "read timeout"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if sb.Requests() != 1 {
		t.Errorf("%d requests, want exactly 1", sb.Requests())
	}
	code, stdout, _ := runSubmitCmd("", "submit", writeTemplate(t, cliTemplate), "--yes", "--json", "--endpoint", url)
	if m, _ := jsonKeys(t, stdout); code != exitInvalid || m["Code"] != submit.CodeMayHaveBeenCreated {
		t.Errorf("--json: exit %d %v", code, m)
	}
}

func TestSandboxCommand(t *testing.T) {
	submitEnv(t)
	t.Setenv("OSS_SECRET", "s")
	url, out, stop := startSandboxCmd(t, "")
	code, stdout, stderr := runSubmitCmd("", "submit", writeTemplate(t, cliTemplate), "--yes", "--endpoint", url, "--region", "cn-hangzhou")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	stop()
	banner := out.String()
	for _, want := range []string{"Nothing sent here runs anywhere", "Endpoint:  " + url, "export ALIBABA_CLOUD_ACCESS_KEY_ID=SANDBOXTESTKEY",
		"export ALIBABA_CLOUD_ACCESS_KEY_SECRET=sandbox-test-secret", "saejob submit job.yaml --endpoint " + url + " --region cn-hangzhou",
		"AppName=cli-demo -> 200 created", "Sandbox stopped after 1 request(s)"} {
		if !strings.Contains(banner, want) {
			t.Errorf("output lacks %q:\n%s", want, banner)
		}
	}
}

func TestSandboxCommandRefuses(t *testing.T) {
	for _, args := range [][]string{
		{"sandbox", "--addr", "0.0.0.0:8086"},
		{"sandbox", "--addr", ":8086"},
		{"sandbox", "--addr", "nonsense"},
		{"sandbox", "--fault", "explode"},
		{"sandbox", "--access-key-id", "only-the-id"},
	} {
		code, _, stderr := runSubmitCmd("", args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
	}
}

// syncBuffer is a strings.Builder safe for the sandbox's log and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// lockedBuffer is a strings.Builder safe to read while a command writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Ctrl-C at the [y/N] question sends nothing, and --json still prints
// exactly one object (saejob.NotSent); the exit status is 130 as after any
// Ctrl-C. The interrupt is injected through notifyInterrupt.
func TestSubmitInterruptedAtQuestion(t *testing.T) {
	sb, url := submitEnv(t)
	t.Setenv("OSS_SECRET", "s")
	oldTerm, oldNotify := stdinIsTerminal, notifyInterrupt
	defer func() { stdinIsTerminal, notifyInterrupt = oldTerm, oldNotify }()
	stdinIsTerminal = func(io.Reader) bool { return true }
	file := writeTemplate(t, cliTemplate)

	for _, asJSON := range []bool{true, false} {
		var cancel context.CancelFunc
		ready := make(chan struct{})
		notifyInterrupt = func(ctx context.Context) (context.Context, context.CancelFunc) {
			ctx, cancel = context.WithCancel(ctx)
			close(ready)
			return ctx, cancel
		}
		stdinR, stdinW := io.Pipe() // a terminal nobody types into
		var stdout, stderr lockedBuffer
		args := []string{"submit", file, "--endpoint", url, "--region", "cn-hangzhou"}
		if asJSON {
			args = append(args, "--json")
		}
		done := make(chan int, 1)
		go func() { done <- run(args, &app{stdin: stdinR, stdout: &stdout, stderr: &stderr, getenv: os.Getenv}) }()
		select {
		case <-ready:
		case code := <-done:
			t.Fatalf("exit %d before the question\n%s%s", code, stdout.String(), stderr.String())
		}
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(stderr.String(), "[y/N]") && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		cancel() // Ctrl-C
		var code int
		select {
		case code = <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("submit still waits for an answer after Ctrl-C")
		}
		stdinW.Close()
		if code != exitInterrupted {
			t.Errorf("json=%v: exit %d, want %d", asJSON, code, exitInterrupted)
		}
		if !strings.Contains(stderr.String(), "Not sent.") {
			t.Errorf("json=%v: stderr lacks Not sent.:\n%s", asJSON, stderr.String())
		}
		if asJSON {
			m, keys := jsonKeys(t, stdout.String())
			if m["Code"] != "saejob.NotSent" || !slices.Contains(keys, "Message") {
				t.Errorf("JSON %v", m)
			}
		} else if stdout.String() != "" {
			t.Errorf("stdout %q", stdout.String())
		}
	}
	if sb.Requests() != 0 {
		t.Errorf("%d requests after Ctrl-C", sb.Requests())
	}
}

// startSandboxCmd runs `saejob sandbox` (with --change-order outcome when
// not empty) on a free loopback port, with the environment set to its key
// pair; stop ends it and fails the test when it did not end cleanly.
func startSandboxCmd(t *testing.T, outcome string) (url string, out *syncBuffer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out = &syncBuffer{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- runSandbox(ctx, &app{stdout: out, stderr: out, getenv: os.Getenv},
			sandboxFlags{addr: "127.0.0.1:0", keyID: "SANDBOXTESTKEY", keySecret: "sandbox-test-secret", outcome: outcome},
			func(url string, _ *sandbox.Server) { ready <- url })
	}()
	select {
	case url = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("sandbox did not start: %v", err)
	}
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "SANDBOXTESTKEY")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "sandbox-test-secret")
	return url, out, func() {
		t.Helper()
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
