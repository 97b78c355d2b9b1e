package submit

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/saejob/saejob/model"
)

// isolate clears every variable the credential chain, the region lookup
// and the SDK's proxy logic read, points HOME at an empty directory and
// turns the ECS metadata service off: no test contacts anything but loopback.
func isolate(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, k := range []string{
		"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_CREDENTIALS_FILE",
		"ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "ALIBABA_CLOUD_REGION_ID", "ALIBABA_CLOUD_ECS_METADATA",
		"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
		"ALIBABA_CLOUD_OIDC_TOKEN", "ALIBABA_CLOUD_CREDENTIALS_URI",
		"HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NO_PROXY", "no_proxy",
	} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	return home
}

// seen is one request a fake server received.
type seen struct {
	Method string
	Path   string
	Header http.Header
	Query  url.Values
	Form   url.Values
	Body   string
}

// fakeSAE is a plain loopback server that records requests and answers
// with whatever the test says.
type fakeSAE struct {
	*httptest.Server
	mu     sync.Mutex
	got    []seen
	answer func(w http.ResponseWriter, r *http.Request)
}

func newFake(t *testing.T, answer func(w http.ResponseWriter, r *http.Request)) *fakeSAE {
	t.Helper()
	f := &fakeSAE{answer: answer}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(b))
		f.mu.Lock()
		f.got = append(f.got, seen{r.Method, r.URL.Path, r.Header.Clone(), r.URL.Query(), form, string(b)})
		f.mu.Unlock()
		f.answer(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeSAE) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.got)
}

func (f *fakeSAE) last() seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.got[len(f.got)-1]
}

// jsonAnswer answers status with v as JSON.
func jsonAnswer(status int, v any) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
}

func rawAnswer(status int, contentType, body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

var successBody = map[string]any{
	"RequestId": "01CF26C7-00A3-4AA6-BA76-7E95F2A3A001",
	"Message":   "success",
	"TraceId":   "ac1a0b2215622246421415014e0001",
	"Data": map[string]any{
		"ChangeOrderId": "01db03d3-3ee9-48b3-b3d0-dfce2d880001",
		"AppId":         "7171a6ca-d1cd-4928-8642-7d5cfe690001",
	},
	"ErrorCode": "",
	"Code":      "200",
	"Success":   true,
}

// testCreds are the keys tests sign with against plain fake servers.
var testCreds = &Credentials{AccessKeyId: "LTAITESTKEY0000001", AccessKeySecret: "test-secret-never-printed"}

func opts(endpoint string) Options {
	return Options{
		Endpoint:       endpoint,
		Region:         "cn-hangzhou",
		Credentials:    testCreds,
		ConnectTimeout: 2 * time.Second,
		ReadTimeout:    5 * time.Second,
	}
}

// fatJar is a valid FatJar job template as the reference describes one,
// with a non-ASCII description and JSON parameters, including some that
// travel in the form body.
func fatJar(t *testing.T) *model.Template {
	t.Helper()
	tpl, err := model.FromWire(map[string]string{
		"AppName":             "nightly-report",
		"NamespaceId":         "cn-hangzhou:demo",
		"AppDescription":      "每日报表任务：汇总订单 ✓",
		"ProgrammingLanguage": "java",
		"PackageType":         "FatJar",
		"PackageVersion":      "1.0.1",
		"PackageUrl":          "https://myoss.oss-cn-hangzhou.aliyuncs.com/my-buc/2019-06-30/report.jar",
		"Jdk":                 "Open JDK 8",
		"Cpu":                 "1000",
		"Memory":              "2048",
		"Replicas":            "2",
		"Envs":                `[{"name":"GREETING","value":"你好, world"},{"name":"MODE","value":"nightly"}]`,
		"CustomHostAlias":     `[{"hostName":"samplehost","ip":"127.0.0.1"}]`,
		"Timezone":            "Asia/Shanghai",
		"ConfigMapMountDesc":  `[{"configMapId":16,"key":"test","mountPath":"/tmp/cm"}]`,
		"OssMountDescs":       `[{"bucketName":"oss-bucket","bucketPath":"data/user.data","mountPath":"/usr/data/user.data","readOnly":true}]`,
		"OssAkId":             "oss-ak-id",
		"OssAkSecret":         "oss-ak-secret-value",
		"TriggerConfig":       `{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}`,
		"ConcurrencyPolicy":   "Forbid",
		"Timeout":             "3600",
		"BackoffLimit":        "3",
		"Workload":            "job",
	})
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}
