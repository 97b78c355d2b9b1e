package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEnvRef(t *testing.T) {
	for _, tc := range []struct {
		in   string
		name string
		ok   bool
	}{
		{"${OSS_SECRET}", "OSS_SECRET", true},
		{" ${a1} ", "a1", true},
		{"${_X}", "_X", true},
		{"${}", "", false},
		{"${1A}", "", false},
		{"${A-B}", "", false},
		{"$A", "", false},
		{"${A}x", "", false},
		{"secret", "", false},
		{"", "", false},
	} {
		name, ok := EnvRef(tc.in)
		if name != tc.name || ok != tc.ok {
			t.Errorf("EnvRef(%q) = %q, %v", tc.in, name, ok)
		}
	}
}

func TestMarshalSecrets(t *testing.T) {
	clear := &Template{AppName: "a", OssAkId: "id", OssAkSecret: "s3cr3t-value"}
	ref := &Template{AppName: "a", OssAkId: "id", OssAkSecret: "${OSS_SECRET}"}
	for _, f := range []Format{YAML, JSON} {
		data, err := Marshal(clear, f, SaveOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "s3cr3t") || strings.Contains(string(data), "OssAkSecret") {
			t.Errorf("%v: clear secret written without WithSecrets:\n%s", f, data)
		}
		if !strings.Contains(string(data), "OssAkId") {
			t.Errorf("%v: the AccessKey ID was dropped", f)
		}
		data, _ = Marshal(clear, f, SaveOptions{WithSecrets: true})
		if !strings.Contains(string(data), "s3cr3t-value") {
			t.Errorf("%v: WithSecrets did not write the secret:\n%s", f, data)
		}
		for _, opts := range []SaveOptions{{}, {WithSecrets: true}} {
			data, _ = Marshal(ref, f, opts)
			if !strings.Contains(string(data), "${OSS_SECRET}") {
				t.Errorf("%v %+v: environment reference dropped:\n%s", f, opts, data)
			}
		}
	}
	if !clear.HasClearSecrets() || ref.HasClearSecrets() || (&Template{}).HasClearSecrets() {
		t.Error("HasClearSecrets is wrong")
	}
	if got := clear.ClearSecrets(); len(got) != 1 || got[0] != "OssAkSecret" {
		t.Errorf("ClearSecrets = %v", got)
	}
}

func TestSaveSecrets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "job.yaml")
	if err := Save(path, &Template{AppName: "a", OssAkSecret: "s3cr3t"}, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "s3cr3t") {
		t.Errorf("secret saved:\n%s", data)
	}
	got, err := Load(path)
	if err != nil || got.OssAkSecret != "" {
		t.Errorf("loaded %+v, %v", got, err)
	}
}

func TestResolveSecrets(t *testing.T) {
	env := map[string]string{"OSS_SECRET": "from-env", "EMPTY": ""}
	getenv := func(k string) (string, bool) { v, ok := env[k]; return v, ok }

	tmpl := &Template{OssAkSecret: "${OSS_SECRET}"}
	if err := tmpl.ResolveSecrets(getenv); err != nil || tmpl.OssAkSecret != "from-env" {
		t.Errorf("resolved %q, %v", tmpl.OssAkSecret, err)
	}
	tmpl = &Template{OssAkSecret: "literal"}
	if err := tmpl.ResolveSecrets(getenv); err != nil || tmpl.OssAkSecret != "literal" {
		t.Errorf("literal changed: %q, %v", tmpl.OssAkSecret, err)
	}
	tmpl = &Template{}
	if err := tmpl.ResolveSecrets(getenv); err != nil || tmpl.OssAkSecret != "" {
		t.Errorf("unset secret: %q, %v", tmpl.OssAkSecret, err)
	}
	for _, name := range []string{"MISSING_VAR", "EMPTY"} {
		tmpl = &Template{OssAkSecret: "${" + name + "}"}
		err := tmpl.ResolveSecrets(getenv)
		if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "OssAkSecret") {
			t.Errorf("%s: error %v does not name the variable and the parameter", name, err)
		}
		if tmpl.OssAkSecret != "${"+name+"}" {
			t.Errorf("%s: failed resolution changed the template", name)
		}
	}
	// Only secrets are resolved: other parameters keep "${...}" as written.
	tmpl = &Template{AppDescription: "${OSS_SECRET}", OssAkSecret: "${OSS_SECRET}"}
	if err := tmpl.ResolveSecrets(getenv); err != nil || tmpl.AppDescription != "${OSS_SECRET}" {
		t.Errorf("non-secret resolved: %+v %v", tmpl, err)
	}
}

func TestCredentialVar(t *testing.T) {
	for _, name := range []string{
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABACLOUD_ACCESS_KEY_SECRET", "ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_ACCESS_KEY_SECRET",
		"ALIYUN_ACCESS_KEY_SECRET", "ACCESS_KEY_SECRET", "ACCESS_KEY_ID", "SECURITY_TOKEN", "alibaba_cloud_access_key_secret",
	} {
		if !CredentialVar(name) {
			t.Errorf("%s is a credential variable", name)
		}
	}
	for _, name := range []string{"OSS_AK_SECRET", "OSS_ACCESS_KEY_SECRET", "MY_SECRET", "HOME", "ALIBABA"} {
		if CredentialVar(name) {
			t.Errorf("%s may be referenced", name)
		}
	}
}

// TestResolveSecretsRefusesCredentials checks that a reference to a
// credential variable is refused without reading it, so its value is never sent.
func TestResolveSecretsRefusesCredentials(t *testing.T) {
	for _, name := range []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY", "ACCESS_KEY_SECRET", "ALIYUN_SECRET"} {
		read := false
		getenv := func(string) (string, bool) { read = true; return "the-account-secret", true }
		tmpl := &Template{OssAkSecret: "${" + name + "}"}
		err := tmpl.ResolveSecrets(getenv)
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: got %v", name, err)
		}
		if read || tmpl.OssAkSecret != "${"+name+"}" {
			t.Errorf("%s was read (%v) or replaced (%q)", name, read, tmpl.OssAkSecret)
		}
	}
}

// TestREADMENamesTheRefusedVariables keeps the README's Secrets paragraph in
// step with CredentialVar.
func TestREADMENamesTheRefusedVariables(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range append(append([]string{}, CredentialPrefixes...), CredentialNames...) {
		if !strings.Contains(string(readme), "`"+n+"`") {
			t.Errorf("README.md does not name %s among the variables that cannot be referenced", n)
		}
	}
}
