package sandbox_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"

	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
	"github.com/saejob/saejob/submit/sandbox"
)

func isolate(t *testing.T) {
	t.Helper()
	t.Setenv("HOME", t.TempDir())
	for _, k := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_REGION_ID",
		"ALIBABA_CLOUD_ECS_METADATA", "ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
		"ALIBABA_CLOUD_CREDENTIALS_URI", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NO_PROXY", "no_proxy"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
}

// start runs a sandbox on loopback and returns it with submit options
// signed with its keys (through the environment, as a user would).
func start(t *testing.T) (*sandbox.Server, submit.Options) {
	t.Helper()
	isolate(t)
	sb := sandbox.New()
	srv := httptest.NewServer(sb)
	t.Cleanup(func() { sb.Close(); srv.Close() })
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", sb.AccessKeyId)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", sb.AccessKeySecret)
	return sb, submit.Options{Endpoint: srv.URL, Region: "cn-hangzhou", ConnectTimeout: 2 * time.Second, ReadTimeout: 5 * time.Second}
}

func template(t *testing.T, extra map[string]string) *model.Template {
	t.Helper()
	w := map[string]string{
		"AppName":             "sandbox-demo",
		"NamespaceId":         "cn-hangzhou:demo",
		"AppDescription":      "沙箱练习：不会真正创建 ✓ a+b=c&d 100% ~*'()!",
		"ProgrammingLanguage": "java",
		"PackageType":         "FatJar",
		"PackageVersion":      "1.0.1",
		"PackageUrl":          "https://myoss.oss-cn-hangzhou.aliyuncs.com/my-buc/demo.jar",
		"Jdk":                 "Open JDK 8",
		"Cpu":                 "1000",
		"Memory":              "2048",
		"Replicas":            "1",
		"Envs":                `[{"name":"GREETING","value":"你好"}]`,
		"ConfigMapMountDesc":  `[{"configMapId":16,"key":"test","mountPath":"/tmp/cm"}]`,
		"TriggerConfig":       `{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}`,
		"Workload":            "job",
	}
	for k, v := range extra {
		w[k] = v
	}
	tpl, err := model.FromWire(w)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestSandboxAcceptsTheSDK(t *testing.T) {
	sb, o := start(t)
	tpl := template(t, nil)
	res, err := submit.Submit(context.Background(), tpl, o)
	if err != nil {
		t.Fatal(err)
	}
	if !uuidRE.MatchString(res.AppId) || !uuidRE.MatchString(res.ChangeOrderId) || res.RequestId == "" || len(res.TraceId) != 30 {
		t.Errorf("ids %+v", *res)
	}
	if !res.Sandbox || !strings.Contains(res.Message, "sandbox") {
		t.Errorf("the answer must say it is a sandbox: %q", res.Message)
	}
	if sb.Requests() != 1 {
		t.Errorf("%d requests", sb.Requests())
	}
	got, _ := sb.Last()
	for _, p := range tpl.Wire(true) {
		v, ok := got.Param(p.Name)
		if !ok || v != p.Value {
			t.Errorf("%s arrived as %q (%v), want %q", p.Name, v, ok, p.Value)
		}
	}
	if got.Form.Get("ConfigMapMountDesc") == "" || got.Query.Get("ConfigMapMountDesc") != "" {
		t.Errorf("ConfigMapMountDesc belongs in the form body: query %v form %v", got.Query, got.Form)
	}
	// A second submit of another name gets fresh IDs.
	tpl2 := *tpl
	tpl2.AppName = tpl.AppName + "-2"
	res2, err := submit.Submit(context.Background(), &tpl2, o)
	if err != nil {
		t.Fatal(err)
	}
	if res2.AppId == res.AppId || res2.RequestId == res.RequestId {
		t.Error("IDs must be fresh for each create")
	}
	// The same name again in the same namespace is refused, as SAE does.
	_, err = submit.Submit(context.Background(), tpl, o)
	var api *submit.APIError
	if !errors.As(err, &api) || api.Code != "InvalidParameter.WithMessage" || !strings.Contains(api.Message, "already exists in namespace") || api.Field != "AppName" {
		t.Errorf("a second job of the same name: %v", err)
	}
}

func TestSandboxGenericCall(t *testing.T) {
	sb, o := start(t)
	tpl := template(t, map[string]string{"NasConfigs": `[{"mountPath":"/mnt/nas","readOnly":false,"nasId":"nas1","mountDomain":"nas1.cn-hangzhou.nas.aliyuncs.com","nasPath":"/data"}]`})
	if !submit.UsesGenericCall(tpl) {
		t.Fatal("NasConfigs should go through the generic call")
	}
	if _, err := submit.Submit(context.Background(), tpl, o); err != nil {
		t.Fatal(err)
	}
	got, _ := sb.Last()
	if v, _ := got.Param("NasConfigs"); v != tpl.WireMap(true)["NasConfigs"] {
		t.Errorf("NasConfigs arrived as %q", v)
	}
}

func TestSandboxRejectsBadSignatures(t *testing.T) {
	sb, o := start(t)
	for _, tc := range []struct {
		name       string
		id, secret string
		status     int
		code       string
	}{
		{"wrong secret", sb.AccessKeyId, "not-the-secret", 400, "SignatureDoesNotMatch"},
		{"unknown key", "LTAIUNKNOWNKEY", sb.AccessKeySecret, 404, "InvalidAccessKeyId.NotFound"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := o
			o.Credentials = &submit.Credentials{AccessKeyId: tc.id, AccessKeySecret: tc.secret}
			_, err := submit.Submit(context.Background(), template(t, nil), o)
			var api *submit.APIError
			if !errors.As(err, &api) || api.HttpStatus != tc.status || api.Code != tc.code || api.RequestId == "" {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

func TestSandboxRejectsTamperingAndReplay(t *testing.T) {
	sb, o := start(t)
	// Capture one properly signed request, then replay it with a change.
	var signed *http.Request
	var body string
	capture := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		signed, body = r.Clone(context.Background()), string(b)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"Success":true,"Data":{"AppId":"x"}}`)
	}))
	defer capture.Close()
	co := o
	co.Endpoint = capture.URL
	if _, err := submit.Submit(context.Background(), template(t, nil), co); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	defer srv.Close()
	send := func(query, body string) (int, map[string]any) {
		req, _ := http.NewRequest("POST", srv.URL+sandbox.Path+"?"+query, strings.NewReader(body))
		req.Header = signed.Header.Clone()
		req.Host = signed.Host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	// Host differs (the signed one is the capture server's), so first fix
	// nothing and expect the signature to hold only for the exact request.
	status, m := send(strings.Replace(signed.URL.RawQuery, "Replicas=1", "Replicas=9", 1), body)
	if status != 400 || m["Code"] != "SignatureDoesNotMatch" {
		t.Errorf("tampered query: %d %v", status, m)
	}
	status, m = send(signed.URL.RawQuery, body+"&Extra=1")
	if status != 400 || m["Code"] != "SignatureDoesNotMatch" {
		t.Errorf("tampered body: %d %v", status, m)
	}
	status, m = send(signed.URL.RawQuery, body)
	if status != 200 || m["Success"] != true {
		t.Errorf("the untouched request should pass: %d %v", status, m)
	}
	status, m = send(signed.URL.RawQuery, body)
	if status != 400 || m["Code"] != "SignatureNonceUsed" {
		t.Errorf("replay: %d %v", status, m)
	}
}

func TestSandboxValidates(t *testing.T) {
	sb, o := start(t)
	// Submit validates first, so speak to the sandbox as a client that
	// does not: the generic call through a template saejob would refuse.
	tpl := template(t, map[string]string{"Memory": "3000"})
	code, ok := firstError(tpl)
	if !ok {
		t.Fatal("Memory 3000 should be invalid")
	}
	status, body := rawCreate(t, sb, o, tpl)
	if body["Success"] != false || body["ErrorCode"] != code || body["Data"] != nil || body["RequestId"] == "" || body["TraceId"] == "" {
		t.Errorf("body %v", body)
	}
	want := 400
	if c, ok := model.Explain(code); ok && c.HTTPStatus != 0 {
		want = c.HTTPStatus
	}
	if status != want || body["Code"] != "400" && want == 400 {
		t.Errorf("status %d (Code %v), want %d", status, body["Code"], want)
	}
	if !strings.Contains(body["Message"].(string), "sandbox") {
		t.Errorf("message %v", body["Message"])
	}
}

func TestSandboxNamesAMissingParameter(t *testing.T) {
	sb, o := start(t)
	tpl := template(t, nil)
	tpl.AppName = ""
	status, body := rawCreate(t, sb, o, tpl)
	if status != 400 || body["ErrorCode"] != "InvalidParameter.NotEmpty" {
		t.Fatalf("%d %v", status, body)
	}
	if !strings.Contains(body["Message"].(string), "You must specify the parameter AppName") {
		t.Errorf("message %v", body["Message"])
	}
}

// firstError is the code the sandbox should answer for tpl.
func firstError(tpl *model.Template) (string, bool) {
	errs := tpl.Validate().Errors()
	if len(errs) == 0 {
		return "", false
	}
	return errs[0].Code, true
}

// rawCreate sends tpl as CreateJob signed with the SDK's own signing code
// but without saejob's validation, as a careless client would.
func rawCreate(t *testing.T, sb *sandbox.Server, o submit.Options, tpl *model.Template) (int, map[string]any) {
	t.Helper()
	query, form := url.Values{}, url.Values{}
	for _, p := range tpl.Wire(true) {
		if param, _ := model.Lookup(p.Name); param.InBody {
			form.Set(p.Name, p.Value)
		} else {
			query.Set(p.Name, p.Value)
		}
	}
	resp := signedPost(t, o.Endpoint, sb.AccessKeyId, sb.AccessKeySecret, query, form.Encode())
	defer resp.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, m
}

// signedPost signs a CreateJob request as the SDK does (ACS3-HMAC-SHA256,
// openapiutil.GetAuthorization) and sends it.
func signedPost(t *testing.T, endpoint, id, secret string, query url.Values, body string) *http.Response {
	t.Helper()
	return signedPostHeader(t, endpoint, id, secret, query, body, "")
}

func signedPostHeader(t *testing.T, endpoint, id, secret string, query url.Values, body, fault string) *http.Response {
	t.Helper()
	u, _ := url.Parse(endpoint)
	sum := sha256.Sum256([]byte(body))
	payload := hex.EncodeToString(sum[:])
	nonce := make([]byte, 16)
	rand.Read(nonce)
	headers := map[string]*string{
		"host":                  dara.String(u.Host),
		"x-acs-action":          dara.String(sandbox.Action),
		"x-acs-version":         dara.String(sandbox.Version),
		"x-acs-date":            dara.String(time.Now().UTC().Format("2006-01-02T15:04:05Z")),
		"x-acs-signature-nonce": dara.String(hex.EncodeToString(nonce)),
		"x-acs-content-sha256":  dara.String(payload),
		"content-type":          dara.String("application/x-www-form-urlencoded"),
	}
	q := map[string]*string{}
	for k := range query {
		q[k] = dara.String(query.Get(k))
	}
	auth := openapiutil.GetAuthorization(&dara.Request{Method: dara.String("POST"), Pathname: dara.String(sandbox.Path), Query: q, Headers: headers},
		dara.String(sandbox.Algorithm), dara.String(payload), dara.String(id), dara.String(secret))
	req, _ := http.NewRequest("POST", endpoint+sandbox.Path+"?"+query.Encode(), strings.NewReader(body))
	for k, v := range headers {
		if k != "host" {
			req.Header.Set(k, *v)
		}
	}
	req.Header.Set("Authorization", *auth)
	if fault != "" {
		req.Header.Set(sandbox.FaultHeader, fault)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestSandboxFaultErrorShapes(t *testing.T) {
	for _, tc := range []struct {
		fault      string
		wantStatus int
		wantField  string
	}{
		{"error:InvalidParameter.NotEmpty", 400, "AppName"},
		{"error:InvalidParameter.NotEmpty:pop", 400, "AppName"},
		{"error:InvalidParameter.NotEmpty:200", 200, "AppName"},
		{"error:InvalidNamespaceId.NotFound", 404, ""},
		{"error:Brand.New.Code:pop:403", 403, ""},
	} {
		t.Run(tc.fault, func(t *testing.T) {
			sb, o := start(t)
			f, err := sandbox.ParseFault(tc.fault)
			if err != nil {
				t.Fatal(err)
			}
			if f.String() != tc.fault {
				t.Errorf("ParseFault(%q).String() = %q", tc.fault, f.String())
			}
			sb.SetFault(f)
			_, err = submit.Submit(context.Background(), template(t, nil), o)
			var api *submit.APIError
			if !errors.As(err, &api) {
				t.Fatalf("err = %v", err)
			}
			if api.HttpStatus != tc.wantStatus || api.Code != f.Code || api.RequestId == "" {
				t.Errorf("got %+v", *api)
			}
			if tc.wantField != "" && api.Field != tc.wantField {
				t.Errorf("Field %q, want %q (message %q)", api.Field, tc.wantField, api.Message)
			}
			if c, ok := model.Explain(f.Code); ok {
				if api.Explanation == "" {
					t.Error("a catalogued code needs an explanation")
				}
				if tc.wantField == "" && len(c.Fields) > 0 && api.Field != c.Fields[0] {
					t.Errorf("Field %q, want %q", api.Field, c.Fields[0])
				}
			} else if api.Explanation != "" || !strings.Contains(api.Message, "sandbox") {
				t.Errorf("unknown code: %+v", *api)
			}
			if sb.Requests() != 1 {
				t.Errorf("%d requests", sb.Requests())
			}
		})
	}
}

func TestSandboxStallTimesOutAfterOneRequest(t *testing.T) {
	sb, o := start(t)
	sb.SetFault(sandbox.Fault{Mode: sandbox.Stall})
	o.ReadTimeout = 300 * time.Millisecond
	_, err := submit.Submit(context.Background(), template(t, nil), o)
	var u *submit.UncertainError
	if !errors.As(err, &u) || !strings.Contains(err.Error(), "may have been created") {
		t.Fatalf("err = %v", err)
	}
	if sb.Requests() != 1 {
		t.Errorf("%d requests, want exactly 1", sb.Requests())
	}
}

func TestSandboxDropAfterOneRequest(t *testing.T) {
	sb, o := start(t)
	sb.SetFault(sandbox.Fault{Mode: sandbox.Drop})
	_, err := submit.Submit(context.Background(), template(t, nil), o)
	var u *submit.UncertainError
	if !errors.As(err, &u) {
		t.Fatalf("err = %v", err)
	}
	if sb.Requests() != 1 {
		t.Errorf("%d requests, want exactly 1", sb.Requests())
	}
}

func TestSandboxGarbage(t *testing.T) {
	for _, status := range []int{200, 502} {
		sb, o := start(t)
		sb.SetFault(sandbox.Fault{Mode: sandbox.Garbage, Status: status})
		_, err := submit.Submit(context.Background(), template(t, nil), o)
		var u *submit.UncertainError
		if !errors.As(err, &u) || u.HttpStatus != status || !strings.Contains(u.Body, "not JSON") {
			t.Fatalf("%d: err = %v", status, err)
		}
		if sb.Requests() != 1 {
			t.Errorf("%d requests", sb.Requests())
		}
	}
}

func TestSandboxFaultHeader(t *testing.T) {
	sb, o := start(t)
	status, body := rawCreateWithHeader(t, sb, o, "error:System.Upgrading:pop")
	if status != 400 || body["Code"] != "System.Upgrading" || body["HostId"] == nil {
		t.Errorf("%d %v", status, body)
	}
}

func rawCreateWithHeader(t *testing.T, sb *sandbox.Server, o submit.Options, fault string) (int, map[string]any) {
	t.Helper()
	// An error fault is answered after the signature check, so sign.
	q := url.Values{"AppName": {"x"}}
	resp := signedPostHeader(t, o.Endpoint, sb.AccessKeyId, sb.AccessKeySecret, q, "", fault)
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

func TestSandboxWrongPath(t *testing.T) {
	sb, o := start(t)
	resp, err := http.Post(o.Endpoint+"/pop/v1/sam/app/createApplication", "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 || sb.Requests() != 1 {
		t.Errorf("status %d, %d requests", resp.StatusCode, sb.Requests())
	}
}

func TestParseFault(t *testing.T) {
	for _, s := range []string{"none", "stall", "drop", "garbage", "garbage:502", "error:X.Y", "error:X.Y:pop", "error:X.Y:200", "error:X.Y:503"} {
		f, err := sandbox.ParseFault(s)
		if err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		if f.String() != s {
			t.Errorf("%q round-trips to %q", s, f.String())
		}
	}
	for _, s := range []string{"error", "error:", "explode", "garbage:abc", "stall:1", "error:X:999"} {
		if _, err := sandbox.ParseFault(s); err == nil {
			t.Errorf("%q should not parse", s)
		}
	}
}

func TestSandboxRepeatableIDs(t *testing.T) {
	ids := func() *submit.Result {
		sb, o := start(t)
		sb.Rand = strings.NewReader(strings.Repeat("0123456789abcdef", 64))
		res, err := submit.Submit(context.Background(), template(t, nil), o)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a, b := ids(), ids()
	if a.AppId != b.AppId || a.TraceId != b.TraceId || a.RequestId != b.RequestId || a.ChangeOrderId != b.ChangeOrderId {
		t.Errorf("a fixed Rand must give the same IDs: %+v vs %+v", *a, *b)
	}
	if !uuidRE.MatchString(a.AppId) {
		t.Errorf("AppId %q", a.AppId)
	}
}
