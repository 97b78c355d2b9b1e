package model

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// EnvRef reports whether s is an environment reference "${NAME}" and returns
// NAME. NAME is letters, digits and underscores, not starting with a digit.
func EnvRef(s string) (name string, ok bool) {
	s = strings.TrimSpace(s)
	inner, found := strings.CutPrefix(s, "${")
	if !found {
		return "", false
	}
	inner, found = strings.CutSuffix(inner, "}")
	if !found || inner == "" {
		return "", false
	}
	for i, c := range inner {
		switch {
		case c == '_', c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return "", false
		}
	}
	return inner, true
}

func isEnvRef(s string) bool {
	_, ok := EnvRef(s)
	return ok
}

// CredentialPrefixes start the names of the environment variables that hold
// the credentials saejob signs with (credentials-go, the aliyun CLI and
// Terraform read them); CredentialNames are the aliyun CLI's unprefixed ones.
// A template may reference any other variable.
var (
	CredentialPrefixes = []string{"ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_", "ALIYUN_"}
	CredentialNames    = []string{"ACCESS_KEY_ID", "ACCESS_KEY_SECRET", "SECURITY_TOKEN"}
)

// CredentialVar reports whether the environment variable name may hold the
// credentials saejob itself signs with; a template must not send its value
// to SAE, so a reference to it is refused.
func CredentialVar(name string) bool {
	upper := strings.ToUpper(name)
	for _, p := range CredentialPrefixes {
		if strings.HasPrefix(upper, p) {
			return true
		}
	}
	return slices.Contains(CredentialNames, upper)
}

// credentialRefMessage refuses a reference from param to a credential variable.
func credentialRefMessage(param, name string) string {
	return fmt.Sprintf("%s refers to ${%s}, a variable that holds the credentials saejob signs with; saejob never sends those to SAE: put the OSS secret in a variable of its own, like ${OSS_AK_SECRET}.", param, name)
}

// ResolveSecrets replaces each environment reference "${NAME}" in a secret
// parameter (OssAkSecret) with the variable's value, read with getenv
// (os.LookupEnv at submit time). A reference to a variable that is unset or
// empty is an error that names it; a reference to a credential variable
// (CredentialVar) is refused without reading it.
func (t *Template) ResolveSecrets(getenv func(string) (string, bool)) error {
	v := reflect.ValueOf(t).Elem()
	for _, p := range Params {
		if !p.Secret || p.Kind != KindString {
			continue
		}
		f := v.FieldByName(p.Name)
		name, ok := EnvRef(f.String())
		if !ok {
			continue
		}
		if CredentialVar(name) {
			return errors.New(strings.TrimSuffix(credentialRefMessage(p.Name, name), "."))
		}
		val, set := getenv(name)
		if !set {
			return fmt.Errorf("%s refers to the environment variable %s, which is not set: export %s=... or write the value in the file", p.Name, name, name)
		}
		if val == "" {
			return fmt.Errorf("%s refers to the environment variable %s, which is empty", p.Name, name)
		}
		f.SetString(val)
	}
	return nil
}

// HasClearSecrets reports whether a secret parameter holds the secret itself
// rather than an environment reference: Marshal leaves it out unless asked.
func (t *Template) HasClearSecrets() bool {
	return len(t.ClearSecrets()) > 0
}

// ClearSecrets names the secret parameters that hold the secret itself.
func (t *Template) ClearSecrets() []string {
	var out []string
	v := reflect.ValueOf(t).Elem()
	for _, p := range Params {
		if !p.Secret || p.Kind != KindString {
			continue
		}
		if s := v.FieldByName(p.Name).String(); s != "" && !isEnvRef(s) {
			out = append(out, p.Name)
		}
	}
	return out
}
