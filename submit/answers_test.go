package submit

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// A success answer without an AppId is the "may have been created" outcome:
// something may exist, and nothing says which.
func TestSuccessWithoutAppIdIsUncertain(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, map[string]any{"RequestId": "REQ-NOID", "Success": true, "Data": map[string]any{}}))
	res, err := Submit(context.Background(), fatJar(t), opts(f.URL))
	var u *UncertainError
	if !errors.As(err, &u) {
		t.Fatalf("got %+v, %v; want *UncertainError", res, err)
	}
	if u.RequestId != "REQ-NOID" || !strings.Contains(u.Reason, "no AppId") || !strings.Contains(err.Error(), "may have been created") {
		t.Errorf("got %+v", *u)
	}
	if f.count() != 1 {
		t.Errorf("%d requests", f.count())
	}
}

// A non-JSON error answer gets a saejob.HTTPnnn code and the first line of
// its text, tags stripped and control characters shown escaped.
func TestNonJSONErrorAnswerCode(t *testing.T) {
	for _, tc := range []struct {
		status   int
		body     string
		wantCode string
		wantMsg  string
	}{
		{403, "<html>\n<head><title>403</title></head>\n<body>Forbidden by proxy</body></html>", "saejob.HTTP403", "403"},
		{403, "<html>Forbidden by proxy</html>", "saejob.HTTP403", "Forbidden by proxy"},
		{429, "\n\n  Too many requests\x1b[2J  \nsecond line", "saejob.HTTP429", "Too many requests\x1b[2J"},
		{404, "", "saejob.HTTP404", ""},
	} {
		isolate(t)
		f := newFake(t, rawAnswer(tc.status, "text/html", tc.body))
		_, err := Submit(context.Background(), fatJar(t), opts(f.URL))
		var api *APIError
		if !errors.As(err, &api) {
			t.Fatalf("%q: err = %v (%T), want *APIError", tc.body, err, err)
		}
		if api.Code != tc.wantCode || api.HttpStatus != tc.status || (tc.wantMsg != "" && api.Message != tc.wantMsg) {
			t.Errorf("%q: got code %q message %q", tc.body, api.Code, api.Message)
		}
		// The first line, as sent; shown (Error), escaped.
		if strings.Contains(api.Message, "second line") || strings.Contains(api.Message, "\n") {
			t.Errorf("%q: message is not one line: %q", tc.body, api.Message)
		}
		if strings.ContainsAny(err.Error(), "\x1b\n") {
			t.Errorf("%q: Error() is not one escaped line: %q", tc.body, err.Error())
		}
	}
}

// hugeAnswer streams up to 200 MB and counts what the client took.
func hugeAnswer(status int, written *atomic.Int64) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		chunk := []byte(`{"RequestId":"` + strings.Repeat("x", 64<<10-16) + `",`)
		for written.Load() < 200<<20 {
			n, err := w.Write(chunk)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	}
}

// An answer is read up to 1 MiB: a 200 MB one is cut off and the
// connection dropped, not held in memory whole.
func TestHugeAnswerIsNotReadWhole(t *testing.T) {
	for _, status := range []int{200, 400, 500} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			isolate(t)
			var written atomic.Int64
			f := newFake(t, hugeAnswer(status, &written))
			_, err := Submit(context.Background(), fatJar(t), opts(f.URL))
			if err == nil {
				t.Fatal("a 200 MB answer is not a success")
			}
			if !strings.Contains(err.Error(), "larger than 1 MiB") {
				t.Errorf("err = %v", err)
			}
			var api *APIError
			if status < 500 && status >= 400 && (!errors.As(err, &api) || api.Code != "saejob.HTTP400") {
				t.Errorf("a 4xx answer is SAE's refusal with a saejob.HTTP code: %v", err)
			}
			var u *UncertainError
			if (status == 200 || status >= 500) && !errors.As(err, &u) {
				t.Errorf("a 2xx or 5xx answer that cannot be read may have created the job: %v", err)
			}
			// The server stops once the client hangs up; socket buffers let
			// it get a few megabytes ahead, never the whole answer.
			f.Close()
			if n := written.Load(); n >= 64<<20 {
				t.Errorf("the server wrote %d MiB: the client kept reading", n>>20)
			}
		})
	}
}

func TestKeepingBodyStopsAtTheCap(t *testing.T) {
	wc := &wireClient{}
	src := &endless{}
	b := &keepingBody{ReadCloser: src, c: wc}
	buf := make([]byte, 300<<10)
	var total int64
	var err error
	for i := 0; i < 1000 && err == nil; i++ {
		var n int
		n, err = b.Read(buf)
		total += int64(n)
	}
	if !errors.Is(err, errAnswerTooLarge) {
		t.Fatalf("err = %v", err)
	}
	if total != answerCap+1 || src.read != answerCap+1 || !src.closed {
		t.Errorf("read %d of the source (%d passed on), closed %v; want %d", src.read, total, src.closed, answerCap+1)
	}
	if n, err := b.Read(buf); n != 0 || !errors.Is(err, errAnswerTooLarge) {
		t.Errorf("reading on after the cap: %d %v", n, err)
	}
	if tooLarge, n := wc.answerTooLarge(); !tooLarge || n != answerCap+1 {
		t.Errorf("answerTooLarge = %v %d", tooLarge, n)
	}
}

type endless struct {
	read   int64
	closed bool
}

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.read += int64(len(p))
	return len(p), nil
}

func (e *endless) Close() error { e.closed = true; return nil }

// What the server says on success is kept as sent: --json and the next API
// call need the real IDs, and every view escapes them where it shows them.
func TestSuccessAnswerKeptRaw(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, map[string]any{"RequestId": "R\x1b]0;pwned\x07", "TraceId": "T\u202eX", "Success": true,
		"Data": map[string]any{"AppId": "app\x1b[2J", "ChangeOrderId": "co\r"}}))
	res, err := Submit(context.Background(), fatJar(t), opts(f.URL))
	if err != nil {
		t.Fatal(err)
	}
	want := Result{RequestId: "R\x1b]0;pwned\x07", AppId: "app\x1b[2J", ChangeOrderId: "co\r", TraceId: "T\u202eX"}
	if res.RequestId != want.RequestId || res.AppId != want.AppId || res.ChangeOrderId != want.ChangeOrderId || res.TraceId != want.TraceId {
		t.Errorf("got %+v", *res)
	}
}

// The namespace's region must be the region the request goes to, or nothing is sent.
func TestNamespaceOfAnotherRegionSendsNothing(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, successBody))
	o := opts(f.URL)
	o.Region = "cn-beijing"
	_, err := Submit(context.Background(), fatJar(t), o)
	var rm *RegionMismatchError
	if !errors.As(err, &rm) || rm.NamespaceRegion != "cn-hangzhou" || rm.Region != "cn-beijing" {
		t.Fatalf("err = %v (%T), want *RegionMismatchError", err, err)
	}
	if !strings.Contains(err.Error(), "nothing was sent") || !strings.Contains(err.Error(), "--region cn-hangzhou") {
		t.Errorf("message %q", err.Error())
	}
	if f.count() != 0 {
		t.Errorf("%d requests", f.count())
	}
	// The default namespace of a region is the region id itself.
	tpl := fatJar(t)
	tpl.NamespaceId = "cn-beijing"
	if _, err := Submit(context.Background(), tpl, o); err != nil {
		t.Errorf("default namespace of the target region: %v", err)
	}
	// A custom endpoint without a region has nothing to compare with.
	o.Region = ""
	if _, err := Submit(context.Background(), fatJar(t), o); err != nil {
		t.Errorf("no region: %v", err)
	}
	// AutoConfig ignores NamespaceId: nothing to compare.
	o.Region = "cn-beijing"
	tpl = fatJar(t)
	tpl.NamespaceId = "cn-hangzhou:batch"
	tpl.AutoConfig = new(true)
	if _, err := Submit(context.Background(), tpl, o); err != nil {
		t.Errorf("AutoConfig with another region's namespace: %v", err)
	}
}

// writeConfig writes an aliyun CLI config.json and returns its path.
func writeConfig(t *testing.T, home, text string) string {
	t.Helper()
	dir := filepath.Join(home, ".aliyun")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "config.json")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// captureStdout runs fn with os.Stdout going to a pipe and returns what was written.
func captureStdout(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := r.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		done <- b.String()
	}()
	defer func() { os.Stdout = old }()
	fn()
	w.Close()
	return <-done
}

// An External profile runs its process_command; its output (the secret)
// never reaches stdout, and the user's config file is never rewritten.
func TestExternalProfile(t *testing.T) {
	home := isolate(t)
	script := filepath.Join(home, "creds.sh")
	os.WriteFile(script, []byte("#!/bin/sh\necho 'progress note' >&2\necho '{\"mode\":\"StsToken\",\"access_key_id\":\"LTAIEXTERNAL0001\",\"access_key_secret\":\"ext-secret-XYZ\",\"sts_token\":\"ext-token-XYZ\",\"expiration\":\"2099-01-01T00:00:00Z\"}'\n"), 0o755)
	cfgText := `{"current":"ext","profiles":[{"name":"ext","mode":"External","process_command":"` + script + ` --flag 'two words'","region_id":"cn-hangzhou"}]}`
	cfgPath := writeConfig(t, home, cfgText)
	var src, id string
	var err error
	out := captureStdout(t, func() {
		c, _ := New(Options{})
		src, id, err = c.Credentials(context.Background())
		creds, _, _ := resolveCredentials(context.Background(), Options{})
		if creds == nil || creds.AccessKeySecret != "ext-secret-XYZ" || creds.SecurityToken != "ext-token-XYZ" {
			t.Errorf("credentials %+v", creds)
		}
	})
	if err != nil || id != "LTAI****0001" || !strings.Contains(src, `"ext"`) {
		t.Errorf("source %q id %q err %v", src, id, err)
	}
	if out != "" {
		t.Errorf("stdout got %q", out)
	}
	if got, _ := os.ReadFile(cfgPath); string(got) != cfgText {
		t.Errorf("config.json was rewritten:\n%s", got)
	}

	// A failing process: its stderr is shown without the secret; its stdout never.
	os.WriteFile(script, []byte("#!/bin/sh\necho '{\"access_key_secret\":\"ext-secret-XYZ\"}'\necho 'denied for ext-secret-XYZ' >&2\nexit 3\n"), 0o755)
	out = captureStdout(t, func() {
		c, _ := New(Options{})
		_, _, err = c.Credentials(context.Background())
	})
	if err == nil || !strings.Contains(err.Error(), "exit status 3") || !strings.Contains(err.Error(), "denied for") {
		t.Errorf("err = %v", err)
	}
	if strings.Contains(err.Error(), "ext-secret-XYZ") || out != "" {
		t.Errorf("a secret or output leaked: %v / %q", err, out)
	}
	// Output that is not credentials JSON is never quoted.
	os.WriteFile(script, []byte("#!/bin/sh\necho 'secret=ext-secret-XYZ'\n"), 0o755)
	out = captureStdout(t, func() {
		c, _ := New(Options{})
		_, _, err = c.Credentials(context.Background())
	})
	if err == nil || strings.Contains(err.Error(), "ext-secret-XYZ") || out != "" || !strings.Contains(err.Error(), "did not print credentials") {
		t.Errorf("err = %v, stdout %q", err, out)
	}
}

func TestSplitCommand(t *testing.T) {
	for in, want := range map[string][]string{
		`/bin/creds`:                   {"/bin/creds"},
		`  a  b\ c 'd e' "f \"g\" \h"`: {"a", "b c", "d e", `f "g" \h`},
		`a ''`:                         {"a", ""},
	} {
		got, err := splitCommand(in)
		if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("splitCommand(%q) = %q %v, want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "   ", `a 'b`, `a \`} {
		if _, err := splitCommand(bad); err == nil {
			t.Errorf("splitCommand(%q) accepted", bad)
		}
	}
}

// A RamRoleArn profile whose STS call fails: the error carries the signed
// URL (Signature, AccessKeyId, ...); none of it reaches the user.
func TestRamRoleArnErrorsHideTheSignedRequest(t *testing.T) {
	home := isolate(t)
	sts := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer sts.Close()
	stsEndpoint = strings.TrimPrefix(sts.URL, "https://")
	defer func() { stsEndpoint = "" }()
	writeConfig(t, home, `{"current":"role","profiles":[{"name":"role","mode":"RamRoleArn","access_key_id":"LTAIROLEKEY00001","access_key_secret":"role-secret-XYZ","ram_role_arn":"acs:ram::123:role/x","ram_session_name":"s","region_id":"cn-hangzhou"}]}`)
	c, _ := New(Options{})
	_, _, err := c.Credentials(context.Background())
	if err == nil {
		t.Fatal("an STS that fails the handshake gave credentials")
	}
	msg := err.Error()
	for _, leak := range []string{"LTAIROLEKEY00001", "role-secret-XYZ", "Signature=", "SignatureNonce=", "AccessKeyId="} {
		if strings.Contains(msg, leak) {
			t.Errorf("error shows %q:\n%s", leak, msg)
		}
	}
	t.Log(msg)
	if !strings.Contains(msg, "(signed query hidden)") {
		t.Errorf("the URL should still be named, its query hidden:\n%s", msg)
	}
}

func TestRedactSignedRequests(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`Post "https://sts.aliyuncs.com/?AccessKeyId=LTAI5tAAA&Action=AssumeRole&Signature=abc%2Bdef%3D&SignatureNonce=n1&SecurityToken=tok": EOF`,
			`Post "https://sts.aliyuncs.com/?(signed query hidden)": EOF`},
		{`refresh session token failed: {"Message":"Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tAAA%26Action%3DAssumeRole%26Signature%3Dxyz%2B1%26SecurityToken%3Dtok%26Version%3D2015-04-01"}`,
			`refresh session token failed: {"Message":"Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3D******%26Action%3DAssumeRole%26Signature%3D******%26SecurityToken%3D******%26Version%3D2015-04-01"}`},
		{"AccessKeyId=LTAI5tAAA&Signature=s\x1b[2J", `AccessKeyId=******&Signature=******`},
	} {
		if got := redact(tc.in, nil); got != tc.want {
			t.Errorf("redact(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
