package model

import (
	"encoding/json"
	"testing"
)

func TestVisibleJSON(t *testing.T) {
	in := map[string]string{"a": "c1\u009b31m del\x7f evil\u202etxt zw\u200b ls\u2028 esc\x1b 中文"}
	enc, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	got := VisibleJSON(enc)
	if HasHidden(string(got), false) {
		t.Errorf("hidden characters left raw: %q", got)
	}
	var back map[string]string
	if err := json.Unmarshal(got, &back); err != nil || back["a"] != in["a"] {
		t.Errorf("not the same JSON: %q -> %q (%v)", enc, back, err)
	}
	if plain := []byte(`{"a": "中文 ok"}`); string(VisibleJSON(plain)) != string(plain) {
		t.Errorf("plain JSON changed")
	}
}

func TestPreviewJSONShowsHiddenCharactersEscaped(t *testing.T) {
	tp := &Template{AppName: "x", PackageType: "Image", Replicas: Ptr(1), Command: "sh\u202e\u0085\x1b"}
	got := tp.PreviewJSON(false)
	if HasHidden(string(got), true) {
		t.Errorf("preview JSON holds hidden characters raw: %q", got)
	}
	var m map[string]string
	if err := json.Unmarshal(got, &m); err != nil || m["Command"] != tp.Command {
		t.Errorf("preview JSON is not the wire value: %q (%v)", m["Command"], err)
	}
}
