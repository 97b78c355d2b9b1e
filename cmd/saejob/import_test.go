package main

import (
	"strings"
	"testing"

	"github.com/saejob/saejob/assets"
	"github.com/saejob/saejob/model"
)

// TestImportRoundTripsEveryExample submits each bundled example to the
// sandbox, imports it back and previews it: the request equals the one that
// created the job, except the parameters DescribeJob cannot give back.
func TestImportRoundTripsEveryExample(t *testing.T) {
	_, url := submitEnv(t)
	for _, e := range assets.Examples() {
		t.Run(e.Name, func(t *testing.T) {
			original, err := model.Parse(e.Data, model.YAML, e.FileName())
			if err != nil {
				t.Fatal(err)
			}
			code, out, errs := runSubmitCmd("", "submit", writeTemplate(t, string(e.Data)), "--yes", "--json", "--endpoint", url, "--region", "cn-hangzhou")
			if code != 0 {
				t.Fatalf("submit: exit %d\n%s%s", code, out, errs)
			}
			m, _ := jsonKeys(t, out)
			code, imported, errs := runSubmitCmd("", "import", m["AppId"].(string), "--endpoint", url, "--region", "cn-hangzhou")
			if code != 0 || errs != "" {
				t.Fatalf("import: exit %d\n%s", code, errs)
			}
			var previewed strings.Builder
			a := &app{stdin: strings.NewReader(imported), stdout: &previewed, stderr: &strings.Builder{}, getenv: func(string) string { return "" }}
			if code := run([]string{"preview", "-"}, a); code != 0 {
				t.Fatalf("preview -: exit %d", code)
			}
			want := *original
			for _, name := range append(append([]string{}, model.NotDescribed...), model.NotImported...) {
				want.Clear(name)
			}
			if got := previewed.String(); got != string(want.PreviewJSON(false)) {
				t.Errorf("import | preview - gives\n%s\nwant\n%s", got, want.PreviewJSON(false))
			}
		})
	}
}
