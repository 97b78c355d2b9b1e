package model

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestEveryFieldHasAParam fails when a Template field has no Param entry, a
// Param no field, or a JSON Param no shape (or a shape whose keys are not
// its Go type's).
func TestEveryFieldHasAParam(t *testing.T) {
	typ := reflect.TypeFor[Template]()
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		if tag := f.Tag.Get("json"); tag == "-" {
			continue
		}
		if _, ok := Lookup(f.Name); !ok {
			t.Errorf("Template.%s has no Param entry", f.Name)
		}
	}
	for _, p := range Params {
		f, ok := typ.FieldByName(p.Name)
		if !ok {
			t.Errorf("Param %s has no Template field", p.Name)
			continue
		}
		switch {
		case p.Kind == KindJSON && p.Shape == nil:
			t.Errorf("JSON parameter %s has no Shape", p.Name)
		case p.Kind != KindJSON && p.Shape != nil:
			t.Errorf("%s is not a JSON parameter but has a Shape", p.Name)
		case p.Kind == KindJSON:
			checkShapeKeys(t, p.Name, p.Shape, f.Type)
		}
	}
}

var jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()

// checkShapeKeys compares a shape's keys with the json tags of the Go type
// it decodes into (types that decode themselves are checked by their tests).
func checkShapeKeys(t *testing.T, where string, s *Shape, typ reflect.Type) {
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	if reflect.PointerTo(typ).Implements(jsonUnmarshaler) {
		return
	}
	switch s.Type {
	case ShapeList:
		if typ.Kind() != reflect.Slice {
			t.Errorf("%s: a list shape for Go type %s", where, typ)
			return
		}
		checkShapeKeys(t, where+"[]", s.Item, typ.Elem())
	case ShapeObject:
		if typ.Kind() != reflect.Struct {
			t.Errorf("%s: a mapping shape for Go type %s", where, typ)
			return
		}
		var keys []string
		for i := 0; i < typ.NumField(); i++ {
			name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			keys = append(keys, name)
			if ks, ok := s.key(name); ok {
				checkShapeKeys(t, where+"."+name, ks, typ.Field(i).Type)
			}
		}
		if !slices.Equal(keys, s.keyNames()) {
			t.Errorf("%s: shape keys %v, Go keys %v", where, s.keyNames(), keys)
		}
	}
}

// checkProblemPaths fails when a problem's path names no parameter, or its
// Field is not its Path's text (the CLI's "field").
func checkProblemPaths(t *testing.T, ps Problems) {
	t.Helper()
	for _, p := range ps {
		if _, ok := Lookup(p.Path.Param); !ok {
			t.Errorf("problem %q on %q: no parameter %q", p.Message, p.Field, p.Path.Param)
		}
		if p.Field != p.Path.String() {
			t.Errorf("problem field %q but path %q", p.Field, p.Path)
		}
	}
}

func TestPathString(t *testing.T) {
	for _, c := range []struct {
		p    Path
		want string
	}{
		{At("AppName"), "AppName"},
		{At("Envs").Item(2).Key("name"), "Envs[2].name"},
		{At("TriggerConfig").Key("config").Key("method").Item(0), "TriggerConfig.config.method[0]"},
		{At("PreStop").Key("exec").Key("command").Item(1), "PreStop.exec.command[1]"},
	} {
		if got := c.p.String(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
		back, ok := ParsePath(c.want)
		if !ok || back != c.p {
			t.Errorf("ParsePath(%q) = %v, %v", c.want, back, ok)
		}
	}
	if i := At("Envs").Item(3).Key("name").Index(); i != 3 {
		t.Errorf("Index = %d", i)
	}
	if i := At("TomcatConfig").Key("port").Index(); i != -1 {
		t.Errorf("Index = %d", i)
	}
	for _, bad := range []string{"", "Envs[", "Envs[x]", "Envs..a", "Envs[-1]"} {
		if _, ok := ParsePath(bad); ok {
			t.Errorf("ParsePath(%q) ok", bad)
		}
	}
}

// TestLoadProblemPaths checks that a problem inside a structured value is
// placed by its typed path: the node, and the field.
func TestLoadProblemPaths(t *testing.T) {
	for _, c := range []struct{ in, field string }{
		{"Envs:\n  - name: a\n    valueFrom: secretRef\n", "Envs[0].valueFrom"},
		{"PreStop:\n  exec:\n    command: [a, [b]]\n", "PreStop.exec.command[1]"},
		{"TriggerConfig:\n  type: http\n  config: {method: GET}\n", "TriggerConfig.config.method"},
		{"OssMountDescs:\n  - bucketName: b\n    readOnly: maybe\n", "OssMountDescs[0].readOnly"},
	} {
		tpl, err := Parse([]byte(c.in), YAML, "f.yaml")
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		if len(tpl.LoadProblems) != 1 || tpl.LoadProblems[0].Field != c.field {
			t.Errorf("%q: got %v, want one problem on %s", c.in, tpl.LoadProblems, c.field)
			continue
		}
		checkProblemPaths(t, tpl.LoadProblems)
	}
}

func TestDefaultMemory(t *testing.T) {
	for cpu, want := range map[int]int{500: 2048, 1000: 2048, 2000: 4096, 12000: 24576, 123: 0} {
		if got := DefaultMemory(cpu); got != want {
			t.Errorf("DefaultMemory(%d) = %d, want %d", cpu, got, want)
		}
		if want != 0 && !ValidSpec(cpu, want) {
			t.Errorf("DefaultMemory(%d) = %d does not pair", cpu, want)
		}
	}
}

func TestInapplicable(t *testing.T) {
	for _, c := range []struct {
		name string
		t    *Template
		want []string
	}{
		{"FatJar drops image and Python fields", &Template{PackageType: "FatJar", ImageUrl: "nginx", Python: "PYTHON 3.9.15", Jdk: "Open JDK 8"}, []string{"ImageUrl", "Python"}},
		{"Image drops Java fields", &Template{PackageType: "Image", Jdk: "Open JDK 8", TomcatConfig: &TomcatConfig{}, ImageUrl: "nginx"}, []string{"Jdk", "TomcatConfig"}},
		{"PHP language before a package type", &Template{ProgrammingLanguage: "php", Jdk: "Open JDK 8", PhpConfig: "a=1"}, []string{"Jdk"}},
		{"nothing chosen", &Template{Jdk: "Open JDK 8", ImageUrl: "nginx"}, nil},
		{"unknown package type", &Template{PackageType: "Jar", Jdk: "Open JDK 8"}, nil},
	} {
		if got := Inapplicable(c.t); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

// TestForMatchesPackageNeeds checks that a parameter a package type needs applies to it.
func TestForMatchesPackageNeeds(t *testing.T) {
	for _, pt := range AllPackageTypes {
		for _, need := range PackageNeeds(pt) {
			if !ForPackage(need, pt) {
				t.Errorf("%s needs %s, which does not apply to it", pt, need)
			}
		}
	}
}
