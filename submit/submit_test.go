package submit

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/saejob/saejob/model"
)

// allParams is every CreateJob parameter with its reference example (and
// non-ASCII text in one query and one body parameter).
func allParams(withGeneric bool) []model.WireParam {
	var out []model.WireParam
	for _, p := range model.Params {
		if p.Generic && !withGeneric {
			continue
		}
		v := p.Example
		switch p.Name {
		case "AppDescription":
			v = "定时任务：每日报表 ✓ a+b=c&d 100% ~*'"
		case "PhpConfig":
			v = "k1=v1\ndisplay_errors=中文&x=+1 %20 ~*"
		case "BestEffortType":
			v = "besteffort"
		}
		out = append(out, model.WireParam{Name: p.Name, Value: v})
	}
	return out
}

func newClient(t *testing.T, o Options) *Client {
	t.Helper()
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Credentials(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c
}

// checkPlacement asserts that every parameter arrived exactly once, with
// its exact value, in the query or the form body as the SDK places it, and
// that nothing else arrived.
func checkPlacement(t *testing.T, got seen, wire []model.WireParam) {
	t.Helper()
	want := map[string]bool{}
	for _, p := range wire {
		want[p.Name] = true
		param, _ := model.Lookup(p.Name)
		inQ, inF := got.Query[p.Name], got.Form[p.Name]
		switch {
		case param.InBody && (len(inF) != 1 || len(inQ) != 0):
			t.Errorf("%s: want it once in the form body, got query %q form %q", p.Name, inQ, inF)
		case !param.InBody && (len(inQ) != 1 || len(inF) != 0):
			t.Errorf("%s: want it once in the query, got query %q form %q", p.Name, inQ, inF)
		}
		val := append(inQ, inF...)
		if len(val) == 1 && val[0] != p.Value {
			t.Errorf("%s: sent %q, want %q", p.Name, val[0], p.Value)
		}
	}
	for k := range got.Query {
		if !want[k] {
			t.Errorf("query has %s, which the template does not set", k)
		}
	}
	for k := range got.Form {
		if !want[k] {
			t.Errorf("form has %s, which the template does not set", k)
		}
	}
	if got.Method != "POST" || got.Path != Pathname {
		t.Errorf("request line %s %s, want POST %s", got.Method, got.Path, Pathname)
	}
	if a := got.Header.Get("x-acs-action"); a != Action {
		t.Errorf("x-acs-action %q", a)
	}
	if v := got.Header.Get("x-acs-version"); v != Version {
		t.Errorf("x-acs-version %q", v)
	}
	if !strings.HasPrefix(got.Header.Get("Authorization"), "ACS3-HMAC-SHA256 Credential="+testCreds.AccessKeyId+",") {
		t.Errorf("Authorization %q", got.Header.Get("Authorization"))
	}
}

func TestEveryParameterOnTheWireTyped(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, successBody))
	wire := allParams(false)
	if _, ok := typedRequest(wire); !ok {
		t.Fatal("the SDK's CreateJobRequest should carry every non-generic parameter")
	}
	c := newClient(t, opts(f.URL))
	res, err := c.send(context.Background(), wire, "test", testCreds)
	if err != nil {
		t.Fatal(err)
	}
	if res.AppId != "7171a6ca-d1cd-4928-8642-7d5cfe690001" {
		t.Errorf("AppId %q", res.AppId)
	}
	if f.count() != 1 {
		t.Fatalf("%d requests, want 1", f.count())
	}
	checkPlacement(t, f.last(), wire)
	if len(f.last().Form) != 7 {
		t.Errorf("form body has %d parameters, want the 7 the SDK puts there", len(f.last().Form))
	}
}

func TestEveryParameterOnTheWireGeneric(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, successBody))
	wire := allParams(true)
	if _, ok := typedRequest(wire); ok {
		t.Fatal("NasConfigs and BestEffortType need the generic call")
	}
	c := newClient(t, opts(f.URL))
	if _, err := c.send(context.Background(), wire, "test", testCreds); err != nil {
		t.Fatal(err)
	}
	checkPlacement(t, f.last(), wire)
	q := f.last().Query
	if q.Get("NasConfigs") == "" || q.Get("BestEffortType") != "besteffort" {
		t.Errorf("generic parameters missing: %v", q)
	}
}

// The generic call and the SDK's own call put the same parameters in the
// same places with the same values.
func TestGenericCallMatchesTypedCall(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, successBody))
	wire := allParams(false)
	c := newClient(t, opts(f.URL))
	if _, err := c.send(context.Background(), wire, "x", testCreds); err != nil {
		t.Fatal(err)
	}
	typed := f.last()
	// An int32 field cannot hold this, so the generic call is taken.
	big := append([]model.WireParam(nil), wire...)
	for i := range big {
		if big[i].Name == "Replicas" {
			big[i].Value = "3000000000"
		}
	}
	if _, ok := typedRequest(big); ok {
		t.Fatal("3000000000 does not fit the SDK's int32 Replicas")
	}
	if _, err := c.send(context.Background(), big, "x", testCreds); err != nil {
		t.Fatal(err)
	}
	generic := f.last()
	checkPlacement(t, generic, big)
	for k, v := range typed.Query {
		if k != "Replicas" && generic.Query.Get(k) != v[0] {
			t.Errorf("%s: typed %q, generic %q", k, v[0], generic.Query.Get(k))
		}
	}
	for k, v := range typed.Form {
		if generic.Form.Get(k) != v[0] {
			t.Errorf("%s: typed %q, generic %q", k, v[0], generic.Form.Get(k))
		}
	}
	if typed.Header.Get("Content-Type") != generic.Header.Get("Content-Type") {
		t.Errorf("content types differ: %q vs %q", typed.Header.Get("Content-Type"), generic.Header.Get("Content-Type"))
	}
}

func TestSubmitSendsWhatTheTemplateSets(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, successBody))
	tpl := fatJar(t)
	if ps := tpl.Validate(); !ps.Valid() {
		t.Fatalf("test template invalid: %v", ps)
	}
	res, err := Submit(context.Background(), tpl, opts(f.URL))
	if err != nil {
		t.Fatal(err)
	}
	want := Result{RequestId: "01CF26C7-00A3-4AA6-BA76-7E95F2A3A001", AppId: "7171a6ca-d1cd-4928-8642-7d5cfe690001",
		ChangeOrderId: "01db03d3-3ee9-48b3-b3d0-dfce2d880001", TraceId: "ac1a0b2215622246421415014e0001"}
	if res.RequestId != want.RequestId || res.AppId != want.AppId || res.ChangeOrderId != want.ChangeOrderId || res.TraceId != want.TraceId {
		t.Errorf("result %+v, want %+v", *res, want)
	}
	checkPlacement(t, f.last(), tpl.Wire(true))
	got := f.last()
	if d := got.Query.Get("AppDescription"); d != "每日报表任务：汇总订单 ✓" {
		t.Errorf("non-ASCII description arrived as %q", d)
	}
	if e := got.Query.Get("Envs"); e != `[{"name":"GREETING","value":"你好, world"},{"name":"MODE","value":"nightly"}]` {
		t.Errorf("Envs arrived as %q", e)
	}
	if s := got.Form.Get("OssAkSecret"); s != "oss-ak-secret-value" {
		t.Errorf("the secret must be sent in clear to SAE; got %q", s)
	}
	if w := got.Query.Get("Workload"); w != "job" {
		t.Errorf("Workload %q", w)
	}
}

func TestSubmitMinimalSendsNothingUnset(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, successBody))
	tpl := &model.Template{AppName: "tiny", PackageType: "Image", ImageUrl: "registry.cn-hangzhou.aliyuncs.com/sae_test/ali_sae_test:0.0.1",
		Replicas: model.Ptr(1), Cpu: model.Ptr(500), Memory: model.Ptr(1024)}
	if ps := tpl.Validate(); !ps.Valid() {
		t.Skipf("minimal template not valid under the current rules: %v", ps)
	}
	if _, err := Submit(context.Background(), tpl, opts(f.URL)); err != nil {
		t.Fatal(err)
	}
	checkPlacement(t, f.last(), tpl.Wire(true))
	if n := len(f.last().Query) + len(f.last().Form); n != len(tpl.Wire(true)) {
		t.Errorf("%d parameters sent, want %d", n, len(tpl.Wire(true)))
	}
}

func TestSubmitGenericForNasConfigs(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, successBody))
	tpl := fatJar(t)
	if err := tpl.SetWire("NasConfigs", `[{"mountPath":"/test","readOnly":false,"nasId":"nasId1","mountDomain":"nasId1.cn-shenzhen.nas.aliyuncs.com","nasPath":"/test"}]`); err != nil {
		t.Fatal(err)
	}
	tpl.BestEffortType = "besteffort"
	if !UsesGenericCall(tpl) {
		t.Fatal("NasConfigs needs the generic call")
	}
	if ps := tpl.Validate(); !ps.Valid() {
		t.Skipf("template not valid under the current rules: %v", ps)
	}
	if _, err := Submit(context.Background(), tpl, opts(f.URL)); err != nil {
		t.Fatal(err)
	}
	checkPlacement(t, f.last(), tpl.Wire(true))
	if got := f.last().Query.Get("NasConfigs"); got != `[{"mountPath":"/test","readOnly":false,"nasId":"nasId1","mountDomain":"nasId1.cn-shenzhen.nas.aliyuncs.com","nasPath":"/test"}]` {
		t.Errorf("NasConfigs arrived as %q", got)
	}
}

func TestInvalidTemplateSendsNothing(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, successBody))
	tpl := &model.Template{AppName: "no-package"} // no PackageType, no Replicas
	_, err := Submit(context.Background(), tpl, opts(f.URL))
	var inv *InvalidTemplateError
	if !errors.As(err, &inv) {
		t.Fatalf("err = %v, want *InvalidTemplateError", err)
	}
	if len(inv.Problems.Errors()) == 0 {
		t.Error("no problems reported")
	}
	if f.count() != 0 {
		t.Errorf("%d requests sent for an invalid template", f.count())
	}
}

func TestSecretReferences(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, successBody))
	tpl := fatJar(t)
	tpl.OssAkSecret = "${OSS_SECRET}"
	_, err := Submit(context.Background(), tpl, opts(f.URL))
	var inv *InvalidTemplateError
	if !errors.As(err, &inv) || inv.Problems[0].Field != "OssAkSecret" || !strings.Contains(err.Error(), "OSS_SECRET") {
		t.Fatalf("err = %v, want *InvalidTemplateError naming OSS_SECRET", err)
	}
	if f.count() != 0 {
		t.Errorf("%d requests sent", f.count())
	}

	t.Setenv("OSS_SECRET", "from-the-environment")
	if _, err := Submit(context.Background(), tpl, opts(f.URL)); err != nil {
		t.Fatal(err)
	}
	if got := f.last().Form.Get("OssAkSecret"); got != "from-the-environment" {
		t.Errorf("OssAkSecret sent as %q", got)
	}
	if tpl.OssAkSecret != "${OSS_SECRET}" {
		t.Errorf("the caller's template changed: %q", tpl.OssAkSecret)
	}
}

func TestErrorShapes(t *testing.T) {
	cases := []struct {
		name      string
		status    int
		body      map[string]any
		wantCode  string
		wantField string
		wantMsg   string
		wantReqID string
	}{
		{
			name:   "POP body",
			status: 400,
			body: map[string]any{"RequestId": "REQ-POP", "HostId": "sae.cn-hangzhou.aliyuncs.com", "Code": "InvalidParameter.NotEmpty",
				"Message": "You must specify the parameter AppName.", "Recommend": "https://api.aliyun.com/troubleshoot?q=InvalidParameter.NotEmpty"},
			wantCode: "InvalidParameter.NotEmpty", wantField: "AppName", wantMsg: "You must specify the parameter AppName.", wantReqID: "REQ-POP",
		},
		{
			name:   "SAE body",
			status: 400,
			body: map[string]any{"RequestId": "REQ-SAE", "Code": "400", "Message": "The specified parameter is invalid {Memory}.",
				"ErrorCode": "InvalidParameter.Obviously", "Success": false, "TraceId": "tr1", "Data": nil},
			wantCode: "InvalidParameter.Obviously", wantField: "Memory", wantMsg: "The specified parameter is invalid {Memory}.", wantReqID: "REQ-SAE",
		},
		{
			name:   "200 with Success false",
			status: 200,
			body: map[string]any{"RequestId": "REQ-200", "Code": "400", "Message": "The parameter is invalid {TriggerConfig}: bad cron",
				"ErrorCode": "InvalidParameter.WithMessage", "Success": false, "TraceId": "tr2", "Data": nil},
			wantCode: "InvalidParameter.WithMessage", wantField: "TriggerConfig", wantMsg: "The parameter is invalid {TriggerConfig}: bad cron", wantReqID: "REQ-200",
		},
		{
			name:   "404 SAE body",
			status: 404,
			body: map[string]any{"RequestId": "REQ-404", "Code": "404", "Message": "The specified NamespaceId does not exist.",
				"ErrorCode": "InvalidNamespaceId.NotFound", "Success": false},
			wantCode: "InvalidNamespaceId.NotFound", wantMsg: "The specified NamespaceId does not exist.", wantReqID: "REQ-404",
		},
		{
			name:     "unknown code keeps the message",
			status:   400,
			body:     map[string]any{"RequestId": "REQ-X", "Code": "Totally.New.Code", "Message": "Something SAE says now."},
			wantCode: "Totally.New.Code", wantMsg: "Something SAE says now.", wantReqID: "REQ-X",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			isolate(t)
			f := newFake(t, jsonAnswer(tc.status, tc.body))
			_, err := Submit(context.Background(), fatJar(t), opts(f.URL))
			var api *APIError
			if !errors.As(err, &api) {
				t.Fatalf("err = %v (%T), want *APIError", err, err)
			}
			if api.HttpStatus != tc.status || api.Code != tc.wantCode || api.Message != tc.wantMsg || api.RequestId != tc.wantReqID {
				t.Errorf("got %+v", *api)
			}
			if tc.wantField != "" && api.Field != tc.wantField {
				t.Errorf("Field %q, want %q", api.Field, tc.wantField)
			}
			if c, ok := model.Explain(tc.wantCode); ok {
				if !strings.Contains(api.Explanation, strings.TrimSpace(c.Meaning)) {
					t.Errorf("Explanation %q lacks the catalogue's meaning %q", api.Explanation, c.Meaning)
				}
				if tc.wantField == "" && len(c.Fields) > 0 && api.Field != c.Fields[0] {
					t.Errorf("Field %q, want the catalogue's %q", api.Field, c.Fields[0])
				}
			} else if api.Explanation != "" {
				t.Errorf("unknown code got an explanation %q", api.Explanation)
			}
			if api.MayHaveBeenCreated {
				t.Error("a 4xx cannot have created anything")
			}
			if f.count() != 1 {
				t.Errorf("%d requests, want 1", f.count())
			}
		})
	}
}

func TestServerErrorIsNotRetried(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(503, map[string]any{"RequestId": "REQ-503", "Code": "ServiceUnavailable", "Message": "The request has failed due to a temporary failure of the server."}))
	_, err := Submit(context.Background(), fatJar(t), opts(f.URL))
	var api *APIError
	if !errors.As(err, &api) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	if !api.MayHaveBeenCreated || api.RequestId != "REQ-503" || api.HttpStatus != 503 {
		t.Errorf("got %+v", *api)
	}
	if !strings.Contains(api.Error(), "may have been created") || !strings.Contains(api.Check, "listJobs") {
		t.Errorf("message %q / check %q", api.Error(), api.Check)
	}
	if f.count() != 1 {
		t.Errorf("%d requests for one create, want exactly 1", f.count())
	}
}

func TestGarbageAnswers(t *testing.T) {
	for _, status := range []int{200, 500, 502} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			isolate(t)
			f := newFake(t, rawAnswer(status, "text/html", "<html><body>Bad Gateway</body></html>"))
			_, err := Submit(context.Background(), fatJar(t), opts(f.URL))
			var u *UncertainError
			if !errors.As(err, &u) {
				t.Fatalf("err = %v (%T), want *UncertainError", err, err)
			}
			if u.HttpStatus != status || !strings.Contains(u.Body, "Bad Gateway") {
				t.Errorf("got %+v", *u)
			}
			if !strings.Contains(err.Error(), "may have been created") {
				t.Errorf("message %q", err.Error())
			}
			if f.count() != 1 {
				t.Errorf("%d requests, want 1", f.count())
			}
		})
	}
}

func TestGarbage4xxIsAnAPIError(t *testing.T) {
	isolate(t)
	f := newFake(t, rawAnswer(403, "text/html", "<html>Forbidden by proxy</html>"))
	_, err := Submit(context.Background(), fatJar(t), opts(f.URL))
	var api *APIError
	if !errors.As(err, &api) || api.HttpStatus != 403 || !strings.Contains(api.Message, "Forbidden by proxy") {
		t.Fatalf("err = %v", err)
	}
}

func TestNotSAEJSONIsUncertain(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, map[string]any{"hello": "world"}))
	_, err := Submit(context.Background(), fatJar(t), opts(f.URL))
	var u *UncertainError
	if !errors.As(err, &u) {
		t.Fatalf("err = %v, want *UncertainError", err)
	}
}

func TestStallTimesOutOnce(t *testing.T) {
	isolate(t)
	release := make(chan struct{})
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	o := opts(f.URL)
	o.ReadTimeout = 300 * time.Millisecond
	start := time.Now()
	_, err := Submit(context.Background(), fatJar(t), o)
	var u *UncertainError
	if !errors.As(err, &u) {
		t.Fatalf("err = %v (%T), want *UncertainError", err, err)
	}
	if !strings.Contains(u.Reason, "read timeout") || !strings.Contains(err.Error(), "may have been created") || !strings.Contains(err.Error(), "listJobs") {
		t.Errorf("message %q", err.Error())
	}
	if time.Since(start) > 4*time.Second {
		t.Errorf("took %v: the read timeout was not applied", time.Since(start))
	}
	if f.count() != 1 {
		t.Errorf("%d requests, want exactly 1", f.count())
	}
}

func TestCancelWhileWaiting(t *testing.T) {
	isolate(t)
	release := make(chan struct{})
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for f.count() == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	_, err := Submit(ctx, fatJar(t), opts(f.URL))
	var u *UncertainError
	if !errors.As(err, &u) || !strings.Contains(u.Reason, "cancelled") {
		t.Fatalf("err = %v, want an uncertain cancel", err)
	}
	if f.count() != 1 {
		t.Errorf("%d requests", f.count())
	}
}

func TestDroppedConnectionOnce(t *testing.T) {
	isolate(t)
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		panic(http.ErrAbortHandler)
	})
	_, err := Submit(context.Background(), fatJar(t), opts(f.URL))
	var u *UncertainError
	if !errors.As(err, &u) {
		t.Fatalf("err = %v (%T), want *UncertainError", err, err)
	}
	if f.count() != 1 {
		t.Errorf("%d requests, want exactly 1", f.count())
	}
}

func TestRedirectIsNotFollowed(t *testing.T) {
	isolate(t)
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == Pathname {
			w.Header().Set("Location", "/elsewhere")
			w.WriteHeader(http.StatusTemporaryRedirect)
			return
		}
		jsonAnswer(200, successBody)(w, r)
	})
	_, err := Submit(context.Background(), fatJar(t), opts(f.URL))
	if err == nil {
		t.Fatal("a redirect must not be reported as success")
	}
	if f.count() != 1 {
		t.Errorf("%d requests: the create was sent again after a redirect", f.count())
	}
}

func TestConnectionRefusedIsNotSent(t *testing.T) {
	isolate(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = Submit(context.Background(), fatJar(t), opts("http://"+addr))
	var ns *NotSentError
	if !errors.As(err, &ns) {
		t.Fatalf("err = %v (%T), want *NotSentError", err, err)
	}
	if !strings.Contains(err.Error(), "not sent") || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("message %q", err.Error())
	}
}

func TestMissingCredentials(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, successBody))
	o := opts(f.URL)
	o.Credentials = nil
	_, err := Submit(context.Background(), fatJar(t), o)
	var ce *CredentialsError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v (%T), want *CredentialsError", err, err)
	}
	for _, want := range []string{"export ALIBABA_CLOUD_ACCESS_KEY_ID=", "export ALIBABA_CLOUD_ACCESS_KEY_SECRET=", "aliyun configure", "--profile"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q:\n%s", want, err)
		}
	}
	if f.count() != 0 {
		t.Errorf("%d requests sent without credentials", f.count())
	}
}

func TestHalfSetEnvironmentCredentials(t *testing.T) {
	isolate(t)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIONLYID")
	o := opts("http://127.0.0.1:1")
	o.Credentials = nil
	c, _ := New(o)
	_, _, err := c.Credentials(context.Background())
	if err == nil || !strings.Contains(err.Error(), "ALIBABA_CLOUD_ACCESS_KEY_SECRET is empty") {
		t.Fatalf("err = %v", err)
	}
}

func TestEnvironmentCredentials(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, successBody))
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIENVKEY123456")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret")
	o := opts(f.URL)
	o.Credentials = nil
	c, _ := New(o)
	src, id, err := c.Credentials(context.Background())
	if err != nil || !strings.Contains(src, "environment") || id != "LTAI****3456" {
		t.Fatalf("source %q id %q err %v", src, id, err)
	}
	if _, err := c.Submit(context.Background(), fatJar(t)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f.last().Header.Get("Authorization"), "Credential=LTAIENVKEY123456,") {
		t.Errorf("Authorization %q", f.last().Header.Get("Authorization"))
	}
}

const cliConfigJSON = `{
  "current": "main",
  "profiles": [
    {"name": "main", "mode": "AK", "access_key_id": "LTAIMAINKEY00001", "access_key_secret": "main-secret-XYZ", "region_id": "cn-beijing"},
    {"name": "other", "mode": "AK", "access_key_id": "LTAIOTHERKEY0002", "access_key_secret": "other-secret-XYZ", "region_id": "cn-shanghai"},
    {"name": "broken", "mode": "AK", "access_key_id": "", "access_key_secret": "broken-secret-XYZ"}
  ]
}`

func writeCLIConfig(t *testing.T, home string) {
	t.Helper()
	dir := filepath.Join(home, ".aliyun")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(cliConfigJSON), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestCLIProfiles(t *testing.T) {
	home := isolate(t)
	writeCLIConfig(t, home)

	// The current profile gives the keys and the region.
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Endpoint().Region != "cn-beijing" || c.Endpoint().URL() != "https://sae.cn-beijing.aliyuncs.com" {
		t.Errorf("endpoint %v", c.Endpoint())
	}
	if src, id, err := c.Credentials(context.Background()); err != nil || id != "LTAI****0001" || !strings.Contains(src, `"main"`) {
		t.Errorf("source %q id %q err %v", src, id, err)
	}

	// --profile picks another; --region still wins.
	c, _ = New(Options{Profile: "other", Region: "cn-hangzhou"})
	if c.Endpoint().Region != "cn-hangzhou" {
		t.Errorf("region %q", c.Endpoint().Region)
	}
	if _, id, err := c.Credentials(context.Background()); err != nil || id != "LTAI****0002" {
		t.Errorf("id %q err %v", id, err)
	}

	// ALIBABA_CLOUD_PROFILE picks too.
	t.Setenv("ALIBABA_CLOUD_PROFILE", "other")
	c, _ = New(Options{})
	if c.Endpoint().Region != "cn-shanghai" {
		t.Errorf("region %q", c.Endpoint().Region)
	}
	t.Setenv("ALIBABA_CLOUD_PROFILE", "")

	// An unknown profile names the known ones; no secret is ever printed.
	c, _ = New(Options{Profile: "nope", Region: "cn-hangzhou"})
	_, _, err = c.Credentials(context.Background())
	if err == nil || !strings.Contains(err.Error(), `"nope"`) || !strings.Contains(err.Error(), "main, other, broken") {
		t.Errorf("err = %v", err)
	}
	c, _ = New(Options{Profile: "broken", Region: "cn-hangzhou"})
	_, _, err = c.Credentials(context.Background())
	if err == nil {
		t.Fatal("a profile without a key must fail")
	}
	if strings.Contains(err.Error(), "secret-XYZ") {
		t.Errorf("a secret leaked: %v", err)
	}
}

func TestMalformedCLIConfigNeverQuoted(t *testing.T) {
	home := isolate(t)
	dir := filepath.Join(home, ".aliyun")
	os.MkdirAll(dir, 0o700)
	os.WriteFile(filepath.Join(dir, "config.json"), []byte(`{"profiles":[{"name":"x","access_key_secret":"LEAKED-SECRET-1"`), 0o600)
	c, _ := New(Options{Region: "cn-hangzhou"})
	_, _, err := c.Credentials(context.Background())
	if err == nil || strings.Contains(err.Error(), "LEAKED-SECRET-1") {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "not valid JSON") {
		t.Errorf("err = %v", err)
	}
}

func TestRegionAndEndpoint(t *testing.T) {
	isolate(t)
	cases := []struct {
		o       Options
		env     string
		wantURL string
		wantErr string
	}{
		{o: Options{Region: "cn-hangzhou"}, wantURL: "https://sae.cn-hangzhou.aliyuncs.com"},
		{env: "ap-southeast-1", wantURL: "https://sae.ap-southeast-1.aliyuncs.com"},
		{o: Options{}, wantErr: "no region"},
		{o: Options{Region: "cn-hangzhou.evil.com/"}, wantErr: "not a region id"},
		{o: Options{Endpoint: "https://sae-vpc.cn-hangzhou.aliyuncs.com"}, wantURL: "https://sae-vpc.cn-hangzhou.aliyuncs.com"},
		{o: Options{Endpoint: "sae.cn-shanghai.aliyuncs.com"}, wantURL: "https://sae.cn-shanghai.aliyuncs.com"},
		{o: Options{Endpoint: "http://127.0.0.1:8086"}, wantURL: "http://127.0.0.1:8086"},
		{o: Options{Endpoint: "127.0.0.1:8086"}, wantURL: "http://127.0.0.1:8086"},
		{o: Options{Endpoint: "localhost:8086"}, wantURL: "http://localhost:8086"},
		{o: Options{Endpoint: "https://127.0.0.1:8443"}, wantURL: "https://127.0.0.1:8443"},
		{o: Options{Endpoint: "http://127.9.9.9:80/"}, wantURL: "http://127.9.9.9:80"},
		{o: Options{Endpoint: "http://[::1]:8086"}, wantURL: "http://[::1]:8086"},
		{o: Options{Endpoint: "http://localhost:8086"}, wantURL: "http://localhost:8086"},
		{o: Options{Endpoint: "http://sae.cn-hangzhou.aliyuncs.com"}, wantErr: "refusing plain http://"},
		{o: Options{Endpoint: "http://10.0.0.5:8086"}, wantErr: "refusing plain http://"},
		{o: Options{Endpoint: "http://127.0.0.1.nip.io"}, wantErr: "refusing plain http://"},
		{o: Options{Endpoint: "https://x.example/pop/v1"}, wantErr: "only a scheme, host and port"},
		{o: Options{Endpoint: "ftp://x.example"}, wantErr: "scheme must be https"},
	}
	for _, tc := range cases {
		t.Setenv("ALIBABA_CLOUD_REGION_ID", tc.env)
		ep, err := ResolveEndpoint(tc.o)
		if tc.wantErr != "" {
			var ee *EndpointError
			if !errors.As(err, &ee) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%+v: err = %v, want %q", tc.o, err, tc.wantErr)
			}
			continue
		}
		if err != nil || ep.URL() != tc.wantURL {
			t.Errorf("%+v: %v %v, want %s", tc.o, ep.URL(), err, tc.wantURL)
		}
	}
}

func TestPlainHTTPToNonLoopbackSendsNothing(t *testing.T) {
	isolate(t)
	_, err := Submit(context.Background(), fatJar(t), Options{Endpoint: "http://192.0.2.10:8086", Credentials: testCreds})
	var ee *EndpointError
	if !errors.As(err, &ee) {
		t.Fatalf("err = %v, want *EndpointError", err)
	}
}

func TestFieldFromMessage(t *testing.T) {
	for msg, want := range map[string]string{
		"You must specify the parameter AppName.":              "AppName",
		"You must specify the parameter appName.":              "AppName",
		"The specified parameter is invalid {Memory}.":         "Memory",
		"The parameter is invalid {Envs[2].name}: empty name":  "Envs[2].name",
		"The parameter is invalid {TriggerConfig}: bad cron":   "TriggerConfig",
		"The specified parameter is invalid {NotAParam}.":      "",
		"Replicas must be positive":                            "Replicas",
		"The specified parameter is invalid {PackageVersion}.": "PackageVersion",
	} {
		if got := fieldFromMessage(msg); got != want {
			t.Errorf("%q -> %q, want %q", msg, got, want)
		}
	}
}

func TestGuardInstanceMetadata(t *testing.T) {
	home := isolate(t)
	os.Unsetenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED")
	GuardInstanceMetadata(Options{})
	if os.Getenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED") != "true" {
		t.Error("not asked for: the metadata service must be turned off")
	}

	os.Unsetenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED")
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA", "my-role")
	GuardInstanceMetadata(Options{})
	if _, set := os.LookupEnv("ALIBABA_CLOUD_ECS_METADATA_DISABLED"); set {
		t.Error("ALIBABA_CLOUD_ECS_METADATA asks for the instance role")
	}
	os.Unsetenv("ALIBABA_CLOUD_ECS_METADATA")

	dir := filepath.Join(home, ".aliyun")
	os.MkdirAll(dir, 0o700)
	os.WriteFile(filepath.Join(dir, "config.json"), []byte(`{"current":"ak","profiles":[{"name":"ak","mode":"AK"},{"name":"ecs","mode":"EcsRamRole","ram_role_name":"r"}]}`), 0o600)
	GuardInstanceMetadata(Options{Profile: "ecs"})
	if _, set := os.LookupEnv("ALIBABA_CLOUD_ECS_METADATA_DISABLED"); set {
		t.Error("an EcsRamRole profile asks for the instance role")
	}
	GuardInstanceMetadata(Options{})
	if os.Getenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED") != "true" {
		t.Error("the current AK profile does not ask for the instance role")
	}

	os.Unsetenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED")
	os.MkdirAll(filepath.Join(home, ".alibabacloud"), 0o700)
	os.WriteFile(filepath.Join(home, ".alibabacloud", "credentials"), []byte("[default]\ntype = access_key\n[box]\ntype = ecs_ram_role\nrole_name = r\n"), 0o600)
	GuardInstanceMetadata(Options{Profile: "box"})
	if _, set := os.LookupEnv("ALIBABA_CLOUD_ECS_METADATA_DISABLED"); set {
		t.Error("an ecs_ram_role profile asks for the instance role")
	}
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
}

// An answer the SDK's response type cannot hold is still read for what it says.
func TestAnswerTheSDKCannotConvert(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(200, map[string]any{"RequestId": "REQ-ODD", "Success": false, "ErrorCode": "System.Upgrading",
		"Message": "The system is being upgraded. Please try again later.", "Data": "not an object"}))
	_, err := Submit(context.Background(), fatJar(t), opts(f.URL))
	var api *APIError
	if !errors.As(err, &api) || api.Code != "System.Upgrading" || api.RequestId != "REQ-ODD" {
		t.Fatalf("err = %v (%T)", err, err)
	}
}

// TestEmptyOrOddErrorBodies: an error answer with no JSON object must not
// crash and must still say what is known.
func TestEmptyOrOddErrorBodies(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
	}{{400, ""}, {500, ""}, {503, ""}, {500, "null"}, {503, "[]"}, {400, `"str"`}} {
		t.Run(fmt.Sprintf("%d %q", tc.status, tc.body), func(t *testing.T) {
			isolate(t)
			f := newFake(t, rawAnswer(tc.status, "application/json", tc.body))
			_, err := Submit(context.Background(), fatJar(t), opts(f.URL))
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "<nil>") {
				t.Errorf("the SDK's <nil> reached the user: %v", err)
			}
			if tc.status >= 500 && !strings.Contains(err.Error(), "may have been created") {
				t.Errorf("a %d must say the job may have been created: %v", tc.status, err)
			}
			if f.count() != 1 {
				t.Errorf("%d requests, want 1", f.count())
			}
		})
	}
}

func TestFieldOfGenericAndSharedCodes(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(400, map[string]any{"RequestId": "R", "Code": "InvalidParameter.NotEmpty", "Message": "You must specify the parameter Foo."}))
	_, err := Submit(context.Background(), fatJar(t), opts(f.URL))
	var api *APIError
	if !errors.As(err, &api) || api.Field != "" {
		t.Errorf("a message naming no parameter must give no field, got %+v", api)
	}

	isolate(t)
	tpl := fatJar(t)
	tpl.Envs = nil
	if err := tpl.SetWire("ConfigMapMountDesc", `[{"configMapId":16,"key":"k","mountPath":"/etc/k"}]`); err != nil {
		t.Fatal(err)
	}
	f = newFake(t, jsonAnswer(400, map[string]any{"RequestId": "R", "Code": "400", "ErrorCode": "NotFound.ConfigMap",
		"Message": "The ConfigMap object (ID: 16) does not exist.", "Success": false}))
	_, err = Submit(context.Background(), tpl, opts(f.URL))
	if !errors.As(err, &api) || api.Field != "ConfigMapMountDesc" {
		t.Errorf("the field must be the one the template sets, got %+v", api)
	}
}

func TestServerTextCannotSteerTheTerminal(t *testing.T) {
	isolate(t)
	f := newFake(t, jsonAnswer(400, map[string]any{"RequestId": "R\x1b]0;pwned\x07", "Code": "Bad\x1b[2J.Code", "Message": "clear\x1b[2Jscreen\x00"}))
	_, err := Submit(context.Background(), fatJar(t), opts(f.URL))
	var api *APIError
	if !errors.As(err, &api) {
		t.Fatalf("err = %v", err)
	}
	// Shown (Error), escaped: what the server sent is visible, not dropped.
	if msg := err.Error(); strings.ContainsAny(msg, "\x1b\x00\x07") || !strings.Contains(msg, `Bad\e[2J.Code`) ||
		!strings.Contains(msg, `clear\e[2Jscreen\x00`) || !strings.Contains(msg, `R\e]0;pwned\x07`) {
		t.Errorf("Error() = %q", msg)
	}
	// Kept as sent in the fields, for --json and the wizard, which escape
	// where they show them.
	if api.Code != "Bad\x1b[2J.Code" || api.Message != "clear\x1b[2Jscreen\x00" || api.RequestId != "R\x1b]0;pwned\x07" {
		t.Errorf("got code %q message %q request id %q", api.Code, api.Message, api.RequestId)
	}
}
