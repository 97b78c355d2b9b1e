package model

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// checkFileRoundTrip asserts that a parsed template survives Marshal and
// Parse in both formats unchanged.
func checkFileRoundTrip(t *testing.T, tmpl *Template) {
	t.Helper()
	for _, f := range []Format{YAML, JSON} {
		data, err := Marshal(tmpl, f, SaveOptions{WithSecrets: true})
		if err != nil {
			t.Fatalf("Marshal %v: %v", f, err)
		}
		got, err := Parse(data, f, "marshalled")
		if err != nil {
			t.Fatalf("Parse(Marshal) %v: %v\n%s", f, err, data)
		}
		if !sameTemplate(got, tmpl) {
			t.Fatalf("%v round trip changed the template:\n got %s\nwant %s\n%s", f, fileDump(got), fileDump(tmpl), data)
		}
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/files/*")
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		ff, _ := FormatFor(path)
		f.Add(data, ff == JSON)
	}
	for _, s := range []string{
		"AppName: a\nCpu: 1000\n",
		"Envs:\n  - name: a\n    value: 1\n",
		"SliceEnvs: [0, \"1\", 2.5]\n",
		"TriggerConfig: {type: http, config: {type: HTTPS, ip: []}}\n",
		"PhpConfig: |\n  a\n   b\n",
		"a: &x [1]\nCommandArgs: *x\n",
	} {
		f.Add([]byte(s), false)
	}
	f.Add([]byte(`{"AppName": "a\/b", "CommandArgs": "[\"x\"]"}`), true)
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		format := YAML
		if isJSON {
			format = JSON
		}
		tmpl, err := Parse(data, format, "fuzz")
		if err != nil {
			if len(FileErrors(err)) == 0 {
				t.Fatalf("error is not a *FileError: %T %v", err, err)
			}
			return
		}
		tmpl.LoadProblems = nil // what was wrong is not saved
		checkFileRoundTrip(t, tmpl)
		// Saving over the file changes only what differs and must still
		// load to the template saved, whatever the old file held.
		for _, next := range []*Template{tmpl, fileRichTemplate(), {}} {
			out, err := MarshalOver(data, format, next, SaveOptions{WithSecrets: true})
			if err != nil {
				t.Fatalf("MarshalOver: %v", err)
			}
			got, err := Parse(out, format, "over")
			if err != nil {
				t.Fatalf("Parse(MarshalOver): %v\n%s", err, out)
			}
			if !sameTemplate(got, next) {
				t.Fatalf("MarshalOver changed the template:\n got %s\nwant %s\n%s", fileDump(got), fileDump(next), out)
			}
		}
		// The template unchanged writes the file back as it was.
		if out, ok, err := splice(data, format, tmpl, SaveOptions{WithSecrets: true}); err != nil || (ok && !bytes.Equal(out, data)) {
			t.Fatalf("unchanged template rewrote the file: %v\n%q\n%q", err, data, out)
		}
	})
}

func FuzzParseJSONParam(f *testing.F) {
	var names []string
	for _, p := range Params {
		if p.Kind == KindJSON {
			names = append(names, p.Name)
			f.Add(uint8(len(names)-1), p.Example)
		}
	}
	f.Add(uint8(1), `[{"name":"c","valueFrom":{"configMapRef":{"configMapId":"17","key":"k2"}}}]`)
	f.Add(uint8(10), `{"type":"http","config":"{\"type\":\"HTTP\",\"method\":[\"GET\"]}"}`)
	f.Add(uint8(11), `["\u0061", 1e3, true]`)
	f.Fuzz(func(t *testing.T, which uint8, text string) {
		name := names[int(which)%len(names)]
		tmpl := &Template{}
		if err := tmpl.ParseJSONParam(name, text); err != nil {
			return
		}
		// ParseJSONParam stores shard values canonically, as the loader does.
		checkFileRoundTrip(t, tmpl)
	})
}

// FuzzMarshalStrings puts arbitrary text wherever a template holds text and
// checks that the file written loads back to the same template.
func FuzzMarshalStrings(f *testing.F) {
	for _, s := range []string{"", "a", "1.0", "null", "~", "yes", "- x", "a: b", "#", "line\n", "\n\nx", "  lead", "trail  \nx", "\t", "a\r\nb", "\u2028", "\ufeff", "${X}", "'\"", "\x7f", "\u0085", "|", ">", "*a", "&a", "!x", "@", "`", "%", "0x10", "1e3", ".inf", "<<"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		tmpl := &Template{
			AppName:       s,
			PhpConfig:     s,
			OssAkSecret:   s,
			CommandArgs:   []string{s},
			Envs:          []Env{{Name: s, Value: &s}, {Name: "k", FromConfigMap: true, Key: &s, Nested: true}},
			SlsConfigs:    []SlsConfig{{LogDir: &s}},
			TriggerConfig: &TriggerConfig{Type: TriggerTime, Cron: s, Zone: s},
			TomcatConfig:  &TomcatConfig{ContextPath: &s},
		}
		if b, err := json.Marshal(s); err == nil {
			tmpl.SliceEnvs = []json.RawMessage{b}
		}
		if tmpl.TriggerConfig.Cron == "" && tmpl.TriggerConfig.Zone == "" {
			tmpl.TriggerConfig = nil // an empty time trigger loads as unset
		}
		canonicalRaw(tmpl.SliceEnvs)
		checkFileRoundTrip(t, tmpl)
	})
}
