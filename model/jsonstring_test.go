package model

import (
	"bytes"
	"encoding/json"
	"testing"
)

// writeJSONString writes exactly what encoding/json writes without HTML
// escaping, for every kind of character a value may hold.
func TestWriteJSONStringAsEncodingJSON(t *testing.T) {
	cases := []string{"", "plain", `q"uote`, `back\slash`, "<a&b>", "\b\f\n\r\t", "\x00\x01\x1f\x7f",
		"中文 ünï", "\u2028\u2029", "bad \xff\xfe utf8", "\xe2\x80", "emoji 😀", "${OSS_AK_SECRET}", "a\u202eb"}
	for c := 0; c < 256; c++ {
		cases = append(cases, string([]byte{byte(c)}), "x"+string([]byte{byte(c)})+"y")
	}
	for _, s := range cases {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		writeJSONString(&got, s)
		if w := bytes.TrimSuffix(want.Bytes(), []byte("\n")); !bytes.Equal(got.Bytes(), w) {
			t.Errorf("%q: wrote %s, encoding/json writes %s", s, got.Bytes(), w)
		}
	}
}

// envsJSON writes Envs exactly as encoding/json does, for every shape of
// variable.
func TestEnvsJSONAsEncodingJSON(t *testing.T) {
	id := int64(16)
	envs := []Env{
		{Name: "A", Value: Ptr("1")},
		{Name: "Q\"<&>", Value: Ptr("line\nbreak\u2028")},
		{Name: "CM", FromConfigMap: true, ConfigMapId: &id, Key: Ptr("k")},
		{Name: "CMN", FromConfigMap: true, Nested: true, ConfigMapId: &id, Key: Ptr("k")},
		{Name: "E"},
	}
	for _, v := range [][]Env{{}, envs[:1], envs} {
		want, err := marshalJSON(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := envsJSON(v); got != string(want) {
			t.Errorf("envsJSON wrote %s, encoding/json writes %s", got, want)
		}
	}
}
