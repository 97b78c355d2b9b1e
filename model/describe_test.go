package model

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFromDescribed(t *testing.T) {
	// A DescribeJob Data as SAE returns it (shapes from the SDK's
	// DescribeJobResponseBodyData), decoded with numbers as json.Number.
	const described = `{
		"AppId": "7171a6ca-d1cd-4928-8642-7d5cfe69aaaa", "RegionId": "cn-hangzhou", "Suspend": false,
		"AppName": "nightly", "NamespaceId": "cn-hangzhou:dev", "AppDescription": "",
		"PackageType": "Image", "ImageUrl": "registry.cn-hangzhou.aliyuncs.com/a/b:1",
		"Cpu": 1000, "Memory": 2048, "Replicas": 1, "Timeout": 3600, "BackoffLimit": 0, "Slice": false,
		"CommandArgs": "[\"a\",\"b\"]",
		"Envs": "[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"valueFrom\":\"configMapRef\",\"configMapId\":1001,\"key\":\"k\"}]",
		"CustomHostAlias": "[]",
		"SlsConfigs": "",
		"ConfigMapMountDesc": [{"ConfigMapId": 1001, "ConfigMapName": "app-config", "Key": "k", "MountPath": "/etc/k"}],
		"MountDesc": [{"MountPath": "/mnt/nas", "NasPath": "/data"}],
		"OssMountDescs": [{"bucketName": "b", "bucketPath": "p/", "mountPath": "/mnt/oss", "readOnly": true}],
		"OssAkId": "ak", "OssAkSecret": "clear-secret",
		"TriggerConfig": "{\"type\":\"time\",\"config\":\"0 1 */1 * ?\",\"timezone\":\"GMT+8:00\"}",
		"TomcatConfig": null,
		"PublicWebHookUrls": ["https://x"], "VpcWebHookUrls": [], "Tags": [], "RefedAppIds": []
	}`
	dec := json.NewDecoder(strings.NewReader(described))
	dec.UseNumber()
	var d map[string]any
	if err := dec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	got, notes := FromDescribed(d)
	if len(notes) > 0 {
		t.Fatalf("notes: %v", notes)
	}
	want, err := FromWire(map[string]string{
		"AppName": "nightly", "NamespaceId": "cn-hangzhou:dev", "PackageType": "Image", "ImageUrl": "registry.cn-hangzhou.aliyuncs.com/a/b:1",
		"Cpu": "1000", "Memory": "2048", "Replicas": "1", "Timeout": "3600", "BackoffLimit": "0", "Slice": "false",
		"CommandArgs":        `["a","b"]`,
		"Envs":               `[{"name":"A","value":"1"},{"name":"B","valueFrom":"configMapRef","configMapId":1001,"key":"k"}]`,
		"ConfigMapMountDesc": `[{"configMapId":1001,"key":"k","mountPath":"/etc/k"}]`,
		"MountDesc":          `[{"mountPath":"/mnt/nas","nasPath":"/data"}]`,
		"OssMountDescs":      `[{"bucketName":"b","bucketPath":"p/","mountPath":"/mnt/oss","readOnly":true}]`,
		"OssAkId":            "ak",
		"TriggerConfig":      `{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	if g, w := string(got.PreviewJSON(true)), string(want.PreviewJSON(true)); g != w {
		t.Errorf("got\n%s\nwant\n%s", g, w)
	}
	if got.OssAkSecret != "" {
		t.Error("the secret was imported")
	}
}

func TestFromDescribedValues(t *testing.T) {
	for _, tc := range []struct {
		name  string
		value any
		wire  string // "" when left unset
		note  string // part of the note, when the value cannot be read
	}{
		{"Cpu", float64(500), "500", ""},
		{"Cpu", json.Number("500"), "500", ""},
		{"Cpu", "500", "500", ""},
		{"Cpu", "lots", "", "Cpu left out"},
		{"Cpu", []any{1}, "", "a list"},
		{"Slice", true, "true", ""},
		{"Slice", "false", "false", ""},
		{"AppName", "", "", ""},
		{"Envs", "[]", "", ""},
		{"Envs", "null", "", ""},
		{"Envs", []any{}, "", ""},
		{"Envs", "[{\"name\":", "", "Envs left out"},
		{"ConfigMapMountDesc", "[{\"configMapId\":1,\"key\":\"k\",\"mountPath\":\"/m\"}]", `[{"configMapId":1,"key":"k","mountPath":"/m"}]`, ""},
		{"ConfigMapMountDesc", []any{map[string]any{"ConfigMapId": json.Number("7"), "ConfigMapName": "n", "Key": "k", "MountPath": "/m"}}, `[{"configMapId":7,"key":"k","mountPath":"/m"}]`, ""},
		{"PreStop", map[string]any{"exec": map[string]any{"command": []any{"sh", "-c", "x"}}}, `{"exec":{"command":["sh","-c","x"]}}`, ""},
		{"OssAkSecret", "s", "", ""},
		{"Workload", "job", "", ""},
	} {
		tpl, notes := FromDescribed(map[string]any{tc.name: tc.value})
		got, _ := tpl.WireValue(tc.name)
		if got != tc.wire {
			t.Errorf("%s=%#v: wire %q, want %q", tc.name, tc.value, got, tc.wire)
		}
		if tc.note == "" && len(notes) > 0 || tc.note != "" && (len(notes) != 1 || !strings.Contains(notes[0], tc.note)) {
			t.Errorf("%s=%#v: notes %v, want %q", tc.name, tc.value, notes, tc.note)
		}
	}
}

func TestSaveWithHeader(t *testing.T) {
	tpl, _ := FromWire(map[string]string{"AppName": "a", "PackageType": "Image", "ImageUrl": "r/i:1"})
	dir := t.TempDir()
	y := filepath.Join(dir, "job.yaml")
	if err := SaveWithHeader(y, tpl, []string{"Imported from AppId x.", "Two\nlines \x1b[31m"}, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(y)
	want := schemaComment + "# Imported from AppId x.\n# Two\n# lines \\e[31m\nAppName: a\n"
	if !strings.HasPrefix(string(data), want) {
		t.Errorf("got\n%s\nwant prefix\n%s", data, want)
	}
	if back, err := Load(y); err != nil || back.AppName != "a" || back.ImageUrl != "r/i:1" {
		t.Errorf("the file does not load back: %v", err)
	}
	j := filepath.Join(dir, "job.json")
	if err := SaveWithHeader(j, tpl, []string{"not in JSON"}, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(j)
	if strings.Contains(string(data), "not in JSON") || !json.Valid(data) {
		t.Errorf("JSON: %s", data)
	}
	// The modes are Save's: a new file without a clear secret is an
	// ordinary file, as a template kept in a repository is.
	plain := filepath.Join(dir, "plain.yaml")
	if err := Save(plain, tpl, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	ps, _ := os.Stat(plain)
	for _, p := range []string{y, j} {
		if st, _ := os.Stat(p); st.Mode().Perm() != ps.Mode().Perm() {
			t.Errorf("%s: mode %v, want Save's %v", p, st.Mode().Perm(), ps.Mode().Perm())
		}
	}
	if err := os.Chmod(y, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := SaveWithHeader(y, tpl, nil, SaveOptions{}); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("a read-only file was replaced: %v", err)
	}
	if err := SaveWithHeader(filepath.Join(dir, "job.txt"), tpl, nil, SaveOptions{}); err == nil {
		t.Error("saved a .txt file")
	}
}
