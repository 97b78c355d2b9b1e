package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

func TestSchemaShape(t *testing.T) {
	data := Schema()
	if !json.Valid(data) {
		t.Fatal("the schema is not valid JSON")
	}
	var s struct {
		Schema               string                     `json:"$schema"`
		ID                   string                     `json:"$id"`
		Required             []string                   `json:"required"`
		AdditionalProperties *bool                      `json:"additionalProperties"`
		Properties           map[string]json.RawMessage `json:"properties"`
		Defs                 map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	if s.Schema != "https://json-schema.org/draft/2020-12/schema" || s.ID != SchemaURL {
		t.Errorf("$schema %q, $id %q", s.Schema, s.ID)
	}
	if s.AdditionalProperties == nil || *s.AdditionalProperties {
		t.Error("unknown keys are not refused")
	}
	if strings.Join(s.Required, ",") != "AppName,PackageType,Replicas" {
		t.Errorf("required = %v", s.Required)
	}
	if len(s.Properties) != 56 || len(Params) != 56 {
		t.Errorf("%d properties for %d parameters", len(s.Properties), len(Params))
	}
	for _, p := range Params {
		raw, ok := s.Properties[p.Name]
		if !ok {
			t.Errorf("%s is missing", p.Name)
			continue
		}
		var prop map[string]any
		json.Unmarshal(raw, &prop)
		if prop["description"] != p.Doc {
			t.Errorf("%s: no description", p.Name)
		}
		if p.Kind == KindJSON {
			if _, ok := s.Defs[jsonDef(p)]; !ok || !strings.Contains(string(raw), `"#/$defs/`+jsonDef(p)+`"`) {
				t.Errorf("%s: no structured shape", p.Name)
			}
		}
	}
	// Properties are in the reference's order, so the file reads like the reference.
	last := 0
	for _, p := range Params {
		i := bytes.Index(data, []byte(`"`+p.Name+`": {`))
		if i < last {
			t.Errorf("%s out of order", p.Name)
		}
		last = i
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaURL, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaURL)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return sch
}

// fileInstance reads a template file as the generic value a schema checks.
func fileInstance(t *testing.T, data []byte, f Format) any {
	t.Helper()
	if f == YAML {
		var v any
		if err := yaml.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		var err error
		if data, err = json.Marshal(v); err != nil {
			t.Fatal(err)
		}
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSchemaAcceptsValidFiles checks the schema against files Load accepts.
func TestSchemaAcceptsValidFiles(t *testing.T) {
	sch := compileSchema(t)
	type file struct {
		name string
		f    Format
		data []byte
	}
	var files []file
	paths, _ := filepath.Glob("testdata/files/*")
	for _, path := range paths {
		data, _ := os.ReadFile(path)
		f, _ := FormatFor(path)
		files = append(files, file{path, f, data})
	}
	rich := fileRichTemplate()
	rich.Cpu, rich.TomcatConfig.Port, rich.Timeout = Ptr(1000), Ptr(8080), Ptr(3600)
	for _, f := range []Format{YAML, JSON} {
		data, err := Marshal(rich, f, SaveOptions{WithSecrets: true})
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, file{"rich " + f.String(), f, data})
	}
	files = append(files, file{"lenient", YAML, []byte(`
AppName: a
PackageType: Image
Replicas: "3"
Cpu: "1000"
Memory: 2048
AutoConfig: "true"
PackageVersion: 1.0
ImagePullSecrets: 10
Timeout:
TriggerConfig: {type: http, config: '{"type":"HTTPS"}'}
Envs: '[{"name":"a","value":"1"}]'
`)})
	for _, file := range files {
		if _, err := Parse(file.data, file.f, file.name); err != nil {
			t.Fatalf("%s does not load: %v", file.name, err)
		}
		if err := sch.Validate(fileInstance(t, file.data, file.f)); err != nil {
			t.Errorf("%s: the schema refuses a valid file: %v", file.name, err)
		}
	}
}

// TestSchemaRefusesBadFiles checks that the schema catches mistakes an editor should flag.
func TestSchemaRefusesBadFiles(t *testing.T) {
	sch := compileSchema(t)
	base := "AppName: a\nPackageType: Image\nReplicas: 1\n"
	for _, tc := range []struct{ name, yaml string }{
		{"unknown key", base + "AppNme: b\n"},
		{"missing required", "AppName: a\n"},
		{"integer", base + "Timeout: abc\n"},
		{"cpu size", base + "Cpu: 1234\n"},
		{"bool", base + "AutoConfig: maybe\n"},
		{"package type", "AppName: a\nPackageType: Jar\nReplicas: 1\n"},
		{"nested unknown key", base + "MountDesc:\n  - mountPth: /tmp\n"},
		{"trigger type", base + "TriggerConfig: {type: cron, config: '0 1 * * ?'}\n"},
		{"http method", base + "TriggerConfig: {type: http, config: {type: HTTPS, method: [FETCH]}}\n"},
		{"time config object", base + "TriggerConfig: {type: time, config: {type: HTTPS}}\n"},
		{"env without name", base + "Envs: [{value: x}]\n"},
		{"valueFrom", base + "Envs: [{name: a, valueFrom: secretRef}]\n"},
		{"uri encoding", base + "TomcatConfig: {uriEncoding: latin1}\n"},
		{"command args", base + "CommandArgs: {a: b}\n"},
		{"slice item", base + "SliceEnvs: [[1]]\n"},
	} {
		if err := sch.Validate(fileInstance(t, []byte(tc.yaml), YAML)); err == nil {
			t.Errorf("%s: the schema accepts\n%s", tc.name, tc.yaml)
		}
	}
}

// TestSchemaLimitsAreTheValidators walks Params: every integer parameter's
// minimum and maximum in the schema are the validator's (Param.Range), and
// enumerations are the catalogue's.
func TestSchemaLimitsAreTheValidators(t *testing.T) {
	var s struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(Schema(), &s); err != nil {
		t.Fatal(err)
	}
	for _, p := range Params {
		dec := json.NewDecoder(bytes.NewReader(s.Properties[p.Name]))
		dec.UseNumber()
		var prop map[string]any
		if err := dec.Decode(&prop); err != nil {
			t.Fatal(err)
		}
		switch {
		case p.Kind == KindInt && p.Sizes != nil:
			enum := fmt.Sprint(prop["anyOf"].([]any)[0].(map[string]any)["enum"])
			want := strings.Trim(fmt.Sprint(p.Sizes), "[]")
			if strings.Trim(enum, "[]") != want {
				t.Errorf("%s: schema enum %s, catalogue %s", p.Name, enum, want)
			}
		case p.Kind == KindInt:
			lo, hi := p.Range()
			if fmt.Sprint(prop["minimum"]) != fmt.Sprint(lo) || fmt.Sprint(prop["maximum"]) != fmt.Sprint(hi) {
				t.Errorf("%s: schema %v..%v, validator %d..%d", p.Name, prop["minimum"], prop["maximum"], lo, hi)
			}
		case p.Values != nil:
			var enum []string
			for _, v := range prop["enum"].([]any) {
				if v != nil {
					enum = append(enum, v.(string))
				}
			}
			if strings.Join(enum, ",") != strings.Join(p.Values, ",") {
				t.Errorf("%s: schema enum %v, catalogue %v", p.Name, enum, p.Values)
			}
		default:
			if _, ok := prop["minimum"]; ok {
				t.Errorf("%s: a minimum on a non-integer", p.Name)
			}
		}
	}
	// The schema refuses what the validator refuses at each end.
	sch := compileSchema(t)
	base := "AppName: a\nPackageType: Image\nImageUrl: nginx\n"
	for _, tc := range []struct {
		yaml string
		ok   bool
	}{
		{base + "Replicas: 2147483647\n", true},
		{base + "Replicas: 3000000000\n", false},
		{base + "Replicas: 0\n", false},
		{base + "Replicas: 1\nTerminationGracePeriodSeconds: 300\n", true},
		{base + "Replicas: 1\nTerminationGracePeriodSeconds: 301\n", false},
		{base + "Replicas: 1\nTimeout: 0\n", false},
		{base + "Replicas: 1\nBackoffLimit: -1\n", false},
		{base + "Replicas: 1\nBackoffLimit: 0\n", true},
		{base + "Replicas: 1\nCpu: 12000\nMemory: 12288\n", true},
	} {
		err := sch.Validate(fileInstance(t, []byte(tc.yaml), YAML))
		if (err == nil) != tc.ok {
			t.Errorf("schema on\n%s: %v", tc.yaml, err)
		}
		tpl, lerr := Parse([]byte(tc.yaml), YAML, "t.yaml")
		if lerr != nil {
			t.Fatal(lerr)
		}
		if tpl.Validate().Valid() != tc.ok {
			t.Errorf("validator on\n%s:\n%s", tc.yaml, dump(tpl.Validate()))
		}
	}
}

// TestSchemaWordsAreWords guards against a rename gone wrong in the text a
// person reads: Go identifiers of schema.go must not leak into descriptions.
func TestSchemaWordsAreWords(t *testing.T) {
	if m := regexp.MustCompile(`schema[A-Z][A-Za-z]*`).FindAllString(string(Schema()), -1); len(m) > 0 {
		t.Errorf("the schema's text holds %v", m)
	}
	if !strings.Contains(string(Schema()), `"Directory or object in the bucket."`) {
		t.Error("the OSS bucketPath description")
	}
}
