package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestFormatFor(t *testing.T) {
	for _, tc := range []struct {
		path string
		want Format
		ok   bool
	}{
		{"job.yaml", YAML, true},
		{"dir/job.YML", YAML, true},
		{"job.json", JSON, true},
		{"job.JSON", JSON, true},
		{"job.toml", 0, false},
		{"job", 0, false},
	} {
		got, err := FormatFor(tc.path)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("FormatFor(%q) = %v, %v", tc.path, got, err)
		}
		if err != nil && !strings.Contains(err.Error(), ".yaml, .yml or .json") {
			t.Errorf("FormatFor(%q) error does not name the extensions: %v", tc.path, err)
		}
	}
}

func TestFileErrorText(t *testing.T) {
	for _, tc := range []struct {
		e    FileError
		want string
	}{
		{FileError{Path: "a.yaml", Line: 3, Column: 1, Key: "appname", Msg: "unknown parameter"}, "a.yaml:3:1: appname: unknown parameter"},
		{FileError{Path: "a.yaml", Line: 3, Msg: "bad"}, "a.yaml:3: bad"},
		{FileError{Path: "a.yaml", Msg: "bad"}, "a.yaml: bad"},
		{FileError{Msg: "bad"}, "bad"},
		{FileError{Path: "a.yaml", Line: 2, Column: 6, Key: "Cpu", Msg: "Cpu must be an integer"}, "a.yaml:2:6: Cpu must be an integer"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

// TestParseErrors covers every kind of file error: where it points and what it says.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		format    Format
		in        string
		line, col int
		key       string
		msg       string
	}{
		{"unknown key", YAML, "AppName: a\nAppNme: b\n", 2, 1, "AppNme", "did you mean AppName?"},
		{"wrong case", YAML, "appname: a\n", 1, 1, "appname", "did you mean AppName?"},
		{"unknown key no suggestion", YAML, "Zzzzzzzz: 1\n", 1, 1, "Zzzzzzzz", "unknown parameter"},
		{"unknown key JSON", JSON, "{\n  \"AppName\": \"a\",\n  \"Memroy\": 1024\n}", 3, 3, "Memroy", "did you mean Memory?"},
		{"nested unknown key", YAML, "MountDesc:\n  - mountPth: /tmp\n    nasPath: /\n", 2, 5, "MountDesc[0].mountPth", `Line 2: unknown key (did you mean "mountPath"?)`},
		{"nested unknown key Envs", YAML, "Envs:\n  - name: a\n    vaule: b\n", 3, 5, "Envs[0].vaule", `did you mean "value"?`},
		{"nested unknown key trigger", YAML, "TriggerConfig:\n  type: time\n  cron: 0 1 * * ?\n", 3, 3, "TriggerConfig.cron", `Line 3: unknown key.`},
		{"nested unknown key JSON", JSON, "{\"TomcatConfig\": {\n  \"prot\": 8080}}", 2, 3, "TomcatConfig.prot", `did you mean "port"?`},
		{"nested wrong type", YAML, "TomcatConfig:\n  port: abc\n", 2, 3, "TomcatConfig.port", `Line 2: must be a number, not a string`},
		{"nested deep wrong type", YAML, "PreStop:\n  exec:\n    command: echo\n", 3, 5, "PreStop.exec.command", "Line 3: must be a list"},
		{"list as mapping", YAML, "Envs:\n  A: 1\n", 2, 3, "Envs", "Envs must be a list of mappings, not a mapping"},
		{"mapping as list", JSON, "{\"TomcatConfig\": [1]}", 1, 18, "TomcatConfig", "TomcatConfig must be a mapping, not a list"},
		{"list item", YAML, "CommandArgs: [[a]]\n", 1, 15, "CommandArgs[0]", "Line 1: must be a string, not a list"},
		{"nested wrong case", YAML, "MountDesc:\n  - MountPath: /tmp\n", 2, 5, "MountDesc[0].MountPath", `unknown key (did you mean "mountPath"?)`},
		{"nested wrong case string form", YAML, "TriggerConfig: '{\"type\":\"http\",\"config\":{\"Method\":[]}}'\n", 1, 16, "TriggerConfig.config.Method", `did you mean "method"?`},
		{"slice item", YAML, "SliceEnvs:\n  - 1\n  - {a: b}\n", 3, 5, "SliceEnvs[1]", "Line 3: must be a string or a number"},
		{"nested unknown key string form", YAML, "MountDesc: '[{\"mountPth\": \"/tmp\"}]'\n", 1, 12, "MountDesc", `unknown key "mountPth" in item 1 (did you mean "mountPath"?)`},
		{"bad JSON string form", YAML, "Envs: '[{\"name\": }]'\n", 1, 7, "Envs", "not valid JSON"},
		{"JSON string form wrong shape", YAML, "CommandArgs: echo\n", 1, 14, "CommandArgs", "a list of strings"},
		{"not a JSON number", YAML, "SliceEnvs: [.inf]\n", 1, 13, "SliceEnvs", "not a number JSON can hold"},
		{"int", YAML, "Cpu: abc\n", 1, 6, "Cpu", "Cpu must be an integer"},
		{"int float", YAML, "Replicas: 1.5\n", 1, 11, "Replicas", "Replicas must be an integer"},
		{"int list", YAML, "Memory: [1]\n", 1, 9, "Memory", "Memory must be an integer, not a list"},
		{"int JSON", JSON, "{\"Cpu\": true}", 1, 9, "Cpu", "Cpu must be an integer"},
		{"bool", YAML, "AutoConfig: maybe\n", 1, 13, "AutoConfig", "AutoConfig must be true or false"},
		{"bool number", YAML, "Slice: 1\n", 1, 8, "Slice", "Slice must be true or false"},
		{"string list", YAML, "AppName: [a]\n", 1, 10, "AppName", "AppName must be a string, not a list"},
		{"string map", JSON, "{\"Command\": {\"a\": 1}}", 1, 13, "Command", "Command must be a string, not a mapping"},
		{"duplicate", YAML, "AppName: a\nCpu: 500\nAppName: b\n", 3, 1, "AppName", "set twice (first on line 1)"},
		{"duplicate JSON", JSON, "{\"AppName\": \"a\",\n\"AppName\": \"b\"}", 2, 1, "AppName", "set twice"},
		{"duplicate nested", YAML, "TomcatConfig:\n  port: 1\n  port: 2\n", 3, 3, "TomcatConfig", `"port" is set twice`},
		{"list", YAML, "- AppName: a\n", 1, 1, "", "top level must be a mapping"},
		{"scalar", YAML, "hello\n", 1, 1, "", "top level must be a mapping"},
		{"JSON array", JSON, "[1]", 1, 1, "", "top level must be a mapping"},
		{"empty", YAML, "", 0, 0, "", "the file is empty"},
		{"only comments", YAML, "# nothing\n", 0, 0, "", "the file is empty"},
		{"empty JSON", JSON, " \n", 0, 0, "", "the file is empty"},
		{"null", YAML, "~\n", 0, 0, "", "the file is empty"},
		{"bad YAML", YAML, "AppName: a\nCpu: [1,\nMemory: 2\n", 2, 0, "", "not valid YAML"},
		{"bad indent", YAML, "Envs:\n  - name: a\n value: b\n", 3, 0, "", "not valid YAML"},
		{"bad JSON", JSON, "{\n  \"AppName\": \"a\",\n  \"Cpu\": ,\n}", 3, 10, "", "not valid JSON"},
		{"truncated JSON", JSON, "{\n  \"AppName\": \"a\",\n", 3, 1, "", "not valid JSON"},
		{"JSON trailing", JSON, "{}\n{}", 2, 1, "", "unexpected text after"},
		{"bad JSON escape", JSON, "{\n \"AppName\": \"a\\q\"}", 2, 16, "", "not valid JSON"},
		{"bad JSON number", JSON, "{\"Cpu\": 1.e5}", 1, 11, "", "not valid JSON"},
		{"JSON control character", JSON, "{\"AppName\": \"a\tb\"}", 1, 15, "", "not valid JSON"},
		{"bad YAML first line", YAML, "AppName: [a\n", 2, 0, "", "not valid YAML"},
		{"YAML tab", YAML, "AppName: a\n\tCpu: 1\n", 2, 0, "", "not valid YAML"},
		{"YAML in a JSON file", JSON, "AppName: a\n", 1, 1, "", "not valid JSON"},
		{"two documents", YAML, "AppName: a\n---\nAppName: b\n", 2, 1, "", "one YAML document"},
		{"binary", YAML, "AppName: a\n\x00\x01\x02", 2, 1, "", "NUL byte"},
		{"not UTF-8", JSON, "{\"AppName\": \"\xff\"}", 1, 14, "", "not UTF-8"},
		{"UTF-16", YAML, "\xff\xfeA\x00p\x00", 1, 1, "", "UTF-16"},
		{"control character", YAML, "AppName: a\x01b\n", 1, 11, "", "control character U+0001"},
		{"merge key", YAML, "base: &b {Cpu: 1}\n<<: *b\n", 1, 1, "base", "unknown parameter"},
		{"alias bomb", YAML, fileAliasBomb(), 0, 0, "CommandArgs", "too deeply"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmpl, err := Parse([]byte(tc.in), tc.format, "t.file")
			if err == nil {
				// A value the file gets wrong is a problem Validate reports.
				if tmpl == nil || len(tmpl.LoadProblems) == 0 {
					t.Fatal("no error and no load problem")
				}
				p := tmpl.LoadProblems[0]
				if p.Field != tc.key || (tc.line != 0 && !strings.HasPrefix(p.Message, fmt.Sprintf("Line %d: ", tc.line))) {
					t.Errorf("got %s %q, want key %q on line %d", p.Field, p.Message, tc.key, tc.line)
				}
				if !strings.Contains(p.Message, tc.msg) {
					t.Errorf("problem %q does not say %q", p.Message, tc.msg)
				}
				if p.Code != CodeObviously && p.Code != CodeWithMessage {
					t.Errorf("code %s is not the reference's", p.Code)
				}
				if !reflect.DeepEqual(tmpl.Validate()[:1], tmpl.LoadProblems[:1]) {
					t.Errorf("Validate does not report the load problem first")
				}
				return
			}
			fes := FileErrors(err)
			if len(fes) == 0 {
				t.Fatalf("not a *FileError: %T %v", err, err)
			}
			fe := fes[0]
			if fe.Path != "t.file" || (tc.line != 0 && fe.Line != tc.line) || (tc.col != 0 && fe.Column != tc.col) || fe.Key != tc.key {
				t.Errorf("got %s (line %d col %d key %q), want line %d col %d key %q", fe, fe.Line, fe.Column, fe.Key, tc.line, tc.col, tc.key)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not say %q", err, tc.msg)
			}
		})
	}
}

func fileAliasBomb() string {
	var b strings.Builder
	b.WriteString("CommandArgs:\n  - &a0 [" + strings.Repeat("xxxxxxxxxxxxxxxx, ", 9) + "x]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("  - &a" + strconv.Itoa(i) + " [" + strings.Repeat("*a"+strconv.Itoa(i-1)+", ", 9) + "*a" + strconv.Itoa(i-1) + "]\n")
	}
	return b.String()
}

func TestParseReportsAllProblems(t *testing.T) {
	tmpl, err := Parse([]byte("AppNme: a\nCpu: x\nMemory: y\nReplicas: 1\n"), YAML, "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ps := tmpl.LoadProblems
	if len(ps) != 3 {
		t.Fatalf("want 3 problems, got %d: %v", len(ps), ps)
	}
	for i, line := range []int{1, 2, 3} {
		if !strings.HasPrefix(ps[i].Message, fmt.Sprintf("Line %d: ", line)) {
			t.Errorf("problem %d is %q, want it on line %d", i, ps[i].Message, line)
		}
	}
}

func TestParseLenient(t *testing.T) {
	in := `
AppName: test
PackageVersion: 1.0
ImagePullSecrets: 10
EdasContainerVersion: 3.5.3
Replicas: "3"
Cpu: " 1000 "
Memory: 0x400
Timeout: +60
AutoConfig: "true"
EnableImageAccl: "False"
Slice: false
AppDescription:
NamespaceId: ""
BackoffLimit: ""
Command: ~
Envs:
SlsConfigs: ""
Jdk: 'Open JDK 8'
`
	got, err := Parse([]byte(in), YAML, "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := &Template{
		AppName:              "test",
		PackageVersion:       "1.0",
		ImagePullSecrets:     "10",
		EdasContainerVersion: "3.5.3",
		Replicas:             Ptr(3),
		Cpu:                  Ptr(1000),
		Memory:               Ptr(1024),
		Timeout:              Ptr(60),
		AutoConfig:           Ptr(true),
		EnableImageAccl:      Ptr(false),
		Slice:                Ptr(false),
		Jdk:                  "Open JDK 8",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseBOMAndCRLF(t *testing.T) {
	for _, tc := range []struct {
		f  Format
		in string
	}{
		{YAML, "\xef\xbb\xbfAppName: a\r\nReplicas: 2\r\n"},
		{JSON, "\xef\xbb\xbf{\r\n\t\"AppName\": \"a\",\r\n\t\"Replicas\": 2\r\n}\r\n"},
	} {
		got, err := Parse([]byte(tc.in), tc.f, "t")
		if err != nil {
			t.Fatalf("%v: %v", tc.f, err)
		}
		if want := (&Template{AppName: "a", Replicas: Ptr(2)}); !reflect.DeepEqual(got, want) {
			t.Errorf("%v: got %+v", tc.f, got)
		}
	}
}

func TestParseAliases(t *testing.T) {
	in := "CommandArgs: &args [a, b]\nPreStop: {exec: {command: *args}}\nPostStart: {exec: {command: *args}}\n"
	got, err := Parse([]byte(in), YAML, "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.PostStart.Exec.Command, []string{"a", "b"}) || !reflect.DeepEqual(got.CommandArgs, []string{"a", "b"}) {
		t.Errorf("got %+v", got)
	}
}

// TestJSONParamForms checks that each JSON parameter loads the same from
// structured YAML, structured JSON, the JSON string in YAML and the JSON
// string in JSON, and the same as the wire value.
func TestJSONParamForms(t *testing.T) {
	examples := map[string]string{}
	for _, p := range Params {
		if p.Kind == KindJSON {
			examples[p.Name] = p.Example
		}
	}
	// More shapes than the reference shows.
	extra := []struct{ name, text string }{
		{"Envs", `[{"name":"a","value":"1"},{"name":"b","valueFrom":"configMapRef","configMapId":16,"key":"k"},{"name":"c","valueFrom":{"configMapRef":{"configMapId":17,"key":"k2"}}},{"name":"sae-sys-configmap-all-x","valueFrom":"configMapRef","configMapId":18}]`},
		{"Envs", `[{"name":"n","value":7}]`},
		{"TriggerConfig", `{"type":"http","config":{"type":"HTTPS","method":["GET","POST"],"ip":[],"referer":[],"securityConfig":"none"}}`},
		{"TriggerConfig", `{"type":"http","config":"{\"type\":\"HTTP\",\"method\":[\"GET\"]}"}`},
		{"SlsConfigs", `[{"projectName":"test-sls","logType":"stdout","logDir":"","logstoreName":"sae","logtailName":""},{"projectName":"test","logDir":"/tmp/a.log","logstoreName":"sae","logtailName":""}]`},
		{"SliceEnvs", `["a", 1, 2.5, "3"]`},
		{"MountDesc", `[{"mountPath":"/tmp","nasPath":"/"}]`},
		{"ConfigMapMountDesc", `[{"configMapId":"16","key":"sae-sys-configmap-all","mountPath":"/tmp"}]`},
		{"CommandArgs", `[]`},
	}
	var cases []struct{ name, text string }
	for _, p := range Params {
		if p.Kind == KindJSON {
			cases = append(cases, struct{ name, text string }{p.Name, p.Example})
		}
	}
	cases = append(cases, extra...)
	for _, tc := range cases {
		want := &Template{}
		if err := want.SetWire(tc.name, tc.text); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		canonicalRaw(want.SliceEnvs)
		quoted, _ := json.Marshal(tc.text)
		forms := map[string]struct {
			f  Format
			in string
		}{
			"YAML structured": {YAML, tc.name + ": " + tc.text + "\n"},
			"YAML block":      {YAML, fileBlockYAML(t, tc.name, tc.text)},
			"YAML string":     {YAML, tc.name + ": '" + strings.ReplaceAll(tc.text, "'", "''") + "'\n"},
			"JSON string":     {JSON, `{"` + tc.name + `": ` + string(quoted) + `}`},
		}
		if json.Valid([]byte(tc.text)) {
			forms["JSON structured"] = struct {
				f  Format
				in string
			}{JSON, `{"` + tc.name + `": ` + tc.text + `}`}
		}
		for form, in := range forms {
			got, err := Parse([]byte(in.in), in.f, "t")
			if err != nil {
				t.Errorf("%s %s: %v\n%s", tc.name, form, err, in.in)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s: got %s, want %s", tc.name, form, fileDump(got), fileDump(want))
			}
		}
	}
}

// blockYAML writes a JSON parameter in block style, as Marshal does.
func fileBlockYAML(t *testing.T, name, text string) string {
	t.Helper()
	tmpl := &Template{}
	if err := tmpl.SetWire(name, text); err != nil {
		t.Fatal(err)
	}
	b, err := Marshal(tmpl, YAML, SaveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func fileDump(t *Template) string {
	b, _ := json.Marshal(t)
	if t == nil || len(t.Raw) == 0 {
		return string(b)
	}
	raw := map[string]string{}
	for k, r := range t.Raw {
		raw[k] = r.Text
		if r.MovedTo != "" {
			raw[k] += " (moved to " + r.MovedTo + ")"
		}
	}
	rb, _ := json.Marshal(raw)
	return string(b) + " raw " + string(rb)
}

// richTemplate sets every parameter, with the awkward shapes that must survive a round trip.
func fileRichTemplate() *Template {
	return &Template{
		AppName:             "rich-job",
		NamespaceId:         "cn-beijing:test",
		AppDescription:      "Line one: with a colon\nline two # not a comment\n",
		VpcId:               "vpc-1",
		VSwitchId:           "vsw-1",
		ProgrammingLanguage: "java",
		PackageType:         "War",
		PackageVersion:      "1.0",
		PackageUrl:          "https://example.com/a.war",
		ImageUrl:            "registry.cn-hangzhou.aliyuncs.com/a/b:1",
		Jdk:                 "Open JDK 8",
		WebContainer:        "apache-tomcat-8.5.42",
		Cpu:                 Ptr(0),
		Memory:              Ptr(2048),
		Replicas:            Ptr(3),
		Command:             "sh",
		CommandArgs:         []string{"-c", "echo 'a' \"b\" > /tmp/x && true", "", "null", "123", "yes"},
		Envs: []Env{
			{Name: "plain", Value: Ptr("0")},
			{Name: "empty", Value: Ptr("")},
			{Name: "novalue"},
			{Name: "flat", FromConfigMap: true, ConfigMapId: Ptr[int64](16), Key: Ptr("k")},
			{Name: "sae-sys-configmap-all-x", FromConfigMap: true, ConfigMapId: Ptr[int64](17)},
			{Name: "nested", FromConfigMap: true, ConfigMapId: Ptr[int64](18), Key: Ptr("k2"), Nested: true},
			{Name: "unicode", Value: Ptr("héllo ✓ <&>")},
		},
		CustomHostAlias:      []HostAlias{{HostName: "samplehost", IP: "127.0.0.1"}},
		JarStartOptions:      "-Xms4G -Xmx4G",
		JarStartArgs:         "--flag=true",
		EdasContainerVersion: "3.5.3",
		Timezone:             "Asia/Shanghai",
		SlsConfigs: []SlsConfig{
			{LogType: Ptr("stdout"), LogDir: Ptr("")},
			{LogDir: Ptr("/tmp/a.log")},
			{ProjectName: Ptr("p"), LogstoreName: Ptr("s"), LogtailName: Ptr(""), LogDir: Ptr("/b.log")},
		},
		NasId:           "10d3b4",
		MountHost:       "10d3b4bc9.com",
		MountDesc:       []NasMount{{MountPath: "/tmp", NasPath: "/"}},
		PreStop:         &Hook{Exec: &ExecAction{Command: []string{"sh", "-c", "echo hello"}}},
		PostStart:       &Hook{Exec: &ExecAction{Command: []string{}}},
		WarStartOptions: `CATALINA_OPTS="$CATALINA_OPTS $Options" catalina.sh run`,
		ConfigMapMountDesc: []ConfigMapMount{
			{ConfigMapId: 16, Key: "test", MountPath: "/tmp"},
			{ConfigMapId: 0, Key: ConfigMapAllKeys, MountPath: "/all"},
		},
		SecurityGroupId:               "sg-1",
		AutoConfig:                    Ptr(false),
		TerminationGracePeriodSeconds: Ptr(10),
		PhpConfigLocation:             "/usr/local/etc/php/php.ini",
		PhpConfig:                     "[PHP]\nmemory_limit = 128M\n  indented = 1\n\n",
		TomcatConfig:                  &TomcatConfig{Port: Ptr(8080), ContextPath: Ptr("/"), MaxThreads: Ptr(0), UriEncoding: Ptr("UTF-8"), UseBodyEncodingForUri: Ptr(false)},
		OssMountDescs:                 []OssMount{{BucketName: "b", BucketPath: "data/", MountPath: "/data", ReadOnly: Ptr(false)}, {BucketName: "c"}},
		OssAkId:                       "ak",
		OssAkSecret:                   "${OSS_SECRET}",
		AcrInstanceId:                 "cri-1",
		AcrAssumeRoleArn:              "acs:ram::1:role/r",
		ImagePullSecrets:              "10",
		EnableImageAccl:               Ptr(true),
		Workload:                      "job",
		TriggerConfig:                 &TriggerConfig{Type: TriggerHTTP, HTTP: &HTTPTrigger{Type: "HTTPS", Method: []string{"GET"}, IP: []string{}, Referer: nil, SecurityConfig: "none"}},
		ConcurrencyPolicy:             "Forbid",
		Timeout:                       Ptr(-1),
		BackoffLimit:                  Ptr(0),
		Slice:                         Ptr(true),
		SliceEnvs:                     []json.RawMessage{json.RawMessage(`0`), json.RawMessage(`"0"`), json.RawMessage(`1.50`), json.RawMessage(`"two"`), json.RawMessage(`true`)},
		RefAppId:                      "7171a6ca",
		Python:                        "PYTHON 3.9.15",
		PythonModules:                 "Flask==2.0\nrequests>=2",
		NasConfigs:                    []NasConfig{{MountPath: "/test", ReadOnly: Ptr(false), NasId: "n", MountDomain: "n.com", NasPath: "/test"}},
		BestEffortType:                "x",
	}
}

func TestRoundTrip(t *testing.T) {
	for _, tmpl := range []*Template{
		fileRichTemplate(),
		{},
		{AppName: "t", TriggerConfig: &TriggerConfig{Type: TriggerTime, Cron: "0 1 */1 * ?", Zone: "GMT+8:00"}},
		{SlsConfigs: []SlsConfig{{}}, CommandArgs: []string{}, Envs: []Env{}},
		{TriggerConfig: &TriggerConfig{Type: TriggerHTTP, HTTP: &HTTPTrigger{}}},
	} {
		for _, f := range []Format{YAML, JSON} {
			data, err := Marshal(tmpl, f, SaveOptions{WithSecrets: true})
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(data, f, "t")
			if err != nil {
				t.Fatalf("%v: %v\n%s", f, err, data)
			}
			if !reflect.DeepEqual(got, tmpl) {
				t.Errorf("%v round trip changed the template:\n got %s\nwant %s\n%s", f, fileDump(got), fileDump(tmpl), data)
			}
			if tmpl.Wire(true) != nil && !reflect.DeepEqual(got.Wire(true), tmpl.Wire(true)) {
				t.Errorf("%v round trip changed the wire", f)
			}
		}
	}
}

func TestRoundTripFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/files/*")
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	for _, path := range files {
		tmpl, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []Format{YAML, JSON} {
			data, err := Marshal(tmpl, f, SaveOptions{WithSecrets: true})
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(data, f, "t")
			if err != nil || !reflect.DeepEqual(got, tmpl) {
				t.Errorf("%s as %v: %v\n%s", path, f, err, data)
			}
		}
	}
}

func TestMarshalYAMLLooksWritten(t *testing.T) {
	data, err := Marshal(fileRichTemplate(), YAML, SaveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{
		"# yaml-language-server: $schema=" + SchemaURL + "\n",
		"AppName: rich-job\n",
		"PackageVersion: \"1.0\"\n",
		"PhpConfig: |",
		"  memory_limit = 128M\n",
		"SlsConfigs:\n  - logType: stdout\n    logDir: \"\"\n",
		"    ip: []\n",
		"    value: \"0\"\n",
		"CommandArgs:\n  - -c\n",
		"  - 0\n  - \"0\"\n  - 1.50\n",
		"OssAkSecret: ${OSS_SECRET}\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("YAML lacks %q:\n%s", want, s)
		}
	}
	// Keys in the reference's order.
	last := -1
	for _, p := range Params {
		if i := strings.Index(s, "\n"+p.Name+":"); i >= 0 {
			if i < last {
				t.Errorf("%s is out of order", p.Name)
			}
			last = i
		}
	}
	if strings.Contains(s, `"[`) || strings.Contains(s, `'[`) {
		t.Errorf("a JSON parameter was written as a string:\n%s", s)
	}
}

func TestMarshalJSON(t *testing.T) {
	data, err := Marshal(&Template{AppName: "a", Replicas: Ptr(1), CommandArgs: []string{"a<b"}}, JSON, SaveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"AppName\": \"a\",\n  \"Replicas\": 1,\n  \"CommandArgs\": [\n    \"a<b\"\n  ]\n}\n"
	if string(data) != want {
		t.Errorf("got\n%s\nwant\n%s", data, want)
	}
}

func TestSave(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"job.yaml", "job.yml", "job.json"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		tmpl := fileRichTemplate()
		if err := Save(path, tmpl, SaveOptions{}); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		// The file keeps its mode: it holds no secret in clear.
		if info.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", name, info.Mode().Perm())
		}
		got, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tmpl) {
			t.Errorf("%s: Load(Save(t)) != t", name)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("Save left files behind: %v", entries)
	}
}

func TestSaveFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.yaml")
	link := filepath.Join(dir, "link.yaml")
	os.WriteFile(target, []byte("AppName: old\n"), 0o600)
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if err := Save(link, &Template{AppName: "new"}, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if got, err := Load(target); err != nil || got.AppName != "new" {
		t.Errorf("target: %v %v", got, err)
	}
}

func TestSaveFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	// A directory where the file should go: the rename fails.
	blocker := filepath.Join(dir, "job.yaml")
	if err := os.Mkdir(blocker, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Save(blocker, &Template{AppName: "a"}, SaveOptions{}); err == nil {
		t.Fatal("no error")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temp file left behind: %v", entries)
	}
	if err := Save(filepath.Join(dir, "missing", "job.yaml"), &Template{}, SaveOptions{}); err == nil {
		t.Error("saving into a missing directory worked")
	}
	if err := Save(filepath.Join(dir, "job.txt"), &Template{}, SaveOptions{}); err == nil {
		t.Error("saving with a bad extension worked")
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "nope.yaml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := Load(filepath.Join(dir, "job.txt")); err == nil || !strings.Contains(err.Error(), ".yaml, .yml or .json") {
		t.Errorf("bad extension: %v", err)
	}
	big := filepath.Join(dir, "big.yaml")
	data := []byte("AppName: " + strings.Repeat("x", MaxFileSize) + "\n")
	os.WriteFile(big, data, 0o600)
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), "1 MiB") {
		t.Errorf("big file: %v", err)
	}
	if _, err := Parse(data, YAML, "big.yaml"); err == nil || !strings.Contains(err.Error(), "1 MiB") {
		t.Errorf("big data: %v", err)
	}
	sub := filepath.Join(dir, "dir.yaml")
	os.Mkdir(sub, 0o755)
	if _, err := Load(sub); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("directory: %v", err)
	}
	// Exactly the limit is fine.
	ok := filepath.Join(dir, "ok.yaml")
	os.WriteFile(ok, []byte("AppName: a\n"+strings.Repeat("#", MaxFileSize-12)+"\n"), 0o600)
	if _, err := Load(ok); err != nil {
		t.Errorf("file of exactly 1 MiB: %v", err)
	}
}

func BenchmarkParseTypical(b *testing.B) {
	data, err := os.ReadFile("testdata/files/typical.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, YAML, "typical.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalTypical(b *testing.B) {
	tmpl, err := Load("testdata/files/typical.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Marshal(tmpl, YAML, SaveOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// fileManyEnvs is a template with n environment variables.
func fileManyEnvs(n int) *Template {
	tmpl := &Template{AppName: "many", PackageType: "Image", Replicas: Ptr(1)}
	for i := range n {
		tmpl.Envs = append(tmpl.Envs, Env{Name: "VAR_" + strconv.Itoa(i), Value: Ptr(strconv.Itoa(i * 7))})
	}
	return tmpl
}

func BenchmarkParse2000Envs(b *testing.B) {
	for _, f := range []Format{YAML, JSON} {
		data, err := Marshal(fileManyEnvs(2000), f, SaveOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(f.String(), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Parse(data, f, "many"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestSaveKeepsComments(t *testing.T) {
	path := filepath.Join(t.TempDir(), "job.yaml")
	old := `# yaml-language-server: $schema=https://example.com/old.json
# The nightly job.

# Name shown in the console.
AppName: nightly # keep it short
Cpu: 1000 # one core
Timeout: 10
Envs:
  # Where reports go.
  - name: BUCKET # the bucket
    value: reports
TriggerConfig: {type: time, config: "0 1 * * ?"} # 01:00
# end of the trigger

# The end.
`
	os.WriteFile(path, []byte(old), 0o600)
	tmpl, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	tmpl.Cpu = Ptr(2000)
	tmpl.Timeout = nil
	tmpl.Replicas = Ptr(1)
	if err := Save(path, tmpl, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	s := string(data)
	for _, want := range []string{
		// The file's own lines stay as written, the schema line too.
		"# yaml-language-server: $schema=https://example.com/old.json\n# The nightly job.\n",
		"# Name shown in the console.\nAppName: nightly # keep it short\n",
		"Cpu: 2000 # one core\n",
		"Replicas: 1\n",
		"  # Where reports go.\n  - name: BUCKET # the bucket\n",
		`TriggerConfig: {type: time, config: "0 1 * * ?"} # 01:00`,
		"# end of the trigger\n",
		"# The end.\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("saved file lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "Timeout") {
		t.Errorf("stale content kept:\n%s", s)
	}
	got, err := Load(path)
	if err != nil || !reflect.DeepEqual(got, tmpl) {
		t.Errorf("Load(Save(t)) = %s, %v", fileDump(got), err)
	}

	// Anchors: values are written anew, the template is still exact.
	old = "CommandArgs: &a [x]\nPreStop: {exec: {command: *a}} # hook\n"
	tmpl, _ = Parse([]byte(old), YAML, "t")
	tmpl.CommandArgs = []string{"y"}
	data, err = MarshalOver([]byte(old), YAML, tmpl, SaveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Parse(data, YAML, "t"); err != nil || !reflect.DeepEqual(got, tmpl) || !strings.Contains(string(data), "# hook") {
		t.Errorf("with anchors: %v\n%s", err, data)
	}

	// A value the encoder would not write back faithfully (a null in a
	// flow mapping) is written anew; comments stay.
	old = "TriggerConfig: {type: http, config: {type: HTTPS, method: }} # on demand\n"
	tmpl, err = Parse([]byte(old), YAML, "t")
	if err != nil {
		t.Fatal(err)
	}
	data, err = MarshalOver([]byte(old), YAML, tmpl, SaveOptions{})
	if got, perr := Parse(data, YAML, "t"); err != nil || perr != nil || !reflect.DeepEqual(got, tmpl) || !strings.Contains(string(data), "# on demand") {
		t.Errorf("flow null: %v %v\n%s", err, perr, data)
	}

	// An unreadable old file is simply replaced.
	for _, old := range []string{"\x00binary", "- a list\n", "{{{"} {
		data, err := MarshalOver([]byte(old), YAML, &Template{AppName: "a"}, SaveOptions{})
		if err != nil || !strings.HasSuffix(string(data), "\nAppName: a\n") {
			t.Errorf("over %q: %v\n%s", old, err, data)
		}
	}
}

// lineDiff returns the lines of a and b that differ, after their common
// head and tail: what diff would show.
func lineDiff(a, b string) (gone, added []string) {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	j := 0
	for j < len(al)-i && j < len(bl)-i && al[len(al)-1-j] == bl[len(bl)-1-j] {
		j++
	}
	return al[i : len(al)-j], bl[i : len(bl)-j]
}

// TestSaveChangesOnlyWhatChanged edits one value of every bundled example,
// as YAML and as JSON, and checks that only that value's line changes.
func TestSaveChangesOnlyWhatChanged(t *testing.T) {
	files, _ := filepath.Glob("../assets/examples/*.yaml")
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	edits := []struct {
		name   string
		change func(*Template)
		gone   []string // what the old lines hold
		added  []string // what the new lines hold
	}{
		{"AppName", func(x *Template) { x.AppName = "renamed-job" }, []string{"AppName"}, []string{"renamed-job"}},
		{"Replicas", func(x *Template) { x.Replicas = Ptr(7) }, []string{"Replicas"}, []string{"Replicas", "7"}},
		{"Timeout removed", func(x *Template) { x.Timeout = nil }, []string{"Timeout"}, nil},
		{"BackoffLimit set", func(x *Template) { x.BackoffLimit = Ptr(5) }, []string{"BackoffLimit"}, []string{"BackoffLimit", "5"}},
	}
	for _, path := range files {
		yml, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		base, err := Parse(yml, YAML, path)
		if err != nil {
			t.Fatal(err)
		}
		js, _ := Marshal(base, JSON, SaveOptions{})
		for _, f := range []Format{YAML, JSON} {
			old := pick(f == YAML, yml, js)
			// Unchanged: the same bytes.
			if out, err := MarshalOver(old, f, base, SaveOptions{}); err != nil || string(out) != string(old) {
				t.Errorf("%s %v unchanged: %v\n%s", path, f, err, out)
			}
			for _, e := range edits {
				tmpl, _ := Parse(old, f, path)
				e.change(tmpl)
				if reflect.DeepEqual(tmpl, base) {
					continue // the example already had that value
				}
				out, err := MarshalOver(old, f, tmpl, SaveOptions{})
				if err != nil {
					t.Fatal(err)
				}
				gone, added := lineDiff(string(old), string(out))
				ok := len(gone) <= 1 && len(added) <= 1 && len(gone)+len(added) >= 1
				if len(gone) == 1 && !containsAll(gone[0], e.gone) || len(added) == 1 && !containsAll(added[0], e.added) {
					ok = false
				}
				if len(added) == 0 && e.added != nil || len(gone) == 0 && e.gone != nil && e.added == nil {
					ok = false
				}
				if f == JSON && len(added) == 1 && len(gone) == 1 && strings.Contains(gone[0], "}") {
					ok = false
				}
				if !ok {
					t.Errorf("%s %v %s: diff\n-%s\n+%s\nfile:\n%s", filepath.Base(path), f, e.name, strings.Join(gone, "\n-"), strings.Join(added, "\n+"), out)
				}
				if got, err := Parse(out, f, "out"); err != nil || !sameTemplate(got, tmpl) {
					t.Errorf("%s %v %s: saved file loads as %s, %v", path, f, e.name, fileDump(got), err)
				}
			}
		}
	}
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

func pick[T any](c bool, a, b T) T {
	if c {
		return a
	}
	return b
}

// TestRawValuesAreKept: a value the template cannot load stays in the
// template as written, keeps its problem, and is saved back byte for byte.
func TestRawValuesAreKept(t *testing.T) {
	old := "AppName: job # name\nPackageType: Image\nImageUrl: registry/x:1\n" +
		"Envs: '[{\"name\": \"A\", \"value\": \"x\"}, {\"name\": \"OK\"'\n" +
		"Cpu: lots\nReplica: 1 # typo\nTimeout: 60\n"
	for _, f := range []Format{YAML, JSON} {
		data := []byte(old)
		if f == JSON {
			data = []byte(`{"AppName": "job", "PackageType": "Image", "ImageUrl": "registry/x:1",` +
				` "Envs": "[{\"name\": \"A\", \"value\": \"x\"}, {\"name\": \"OK\"", "Cpu": "lots", "Replica": 1, "Timeout": 60}`)
		}
		tmpl, err := Parse(data, f, "job")
		if err != nil {
			t.Fatal(err)
		}
		if txt, ok := tmpl.RawText("Envs"); !ok || txt != `[{"name": "A", "value": "x"}, {"name": "OK"` {
			t.Errorf("%v: Envs raw %q %v", f, txt, ok)
		}
		if txt, ok := tmpl.RawText("Cpu"); !ok || txt != "lots" {
			t.Errorf("%v: Cpu raw %q %v", f, txt, ok)
		}
		if len(tmpl.Validate().For("Envs")) == 0 || len(tmpl.Validate().For("Cpu")) == 0 || tmpl.Validate().Valid() {
			t.Errorf("%v: raw values must stay problems: %v", f, tmpl.Validate())
		}
		// Another value changes: the raw ones are written back as they were.
		tmpl.Timeout = Ptr(90)
		out, err := MarshalOver(data, f, tmpl, SaveOptions{})
		if err != nil {
			t.Fatal(err)
		}
		gone, added := lineDiff(string(data), string(out))
		if f == YAML && (len(gone) != 1 || len(added) != 1 || added[0] != "Timeout: 90") {
			t.Errorf("%v: diff -%q +%q", f, gone, added)
		}
		if f == JSON && string(out) != strings.Replace(string(data), `"Timeout": 60`, `"Timeout": 90`, 1) {
			t.Errorf("%v: %s", f, out)
		}
		// Into a new file (a draft, save as) they are kept too.
		for _, g := range []Format{YAML, JSON} {
			fresh, _ := Marshal(tmpl, g, SaveOptions{})
			back, err := Parse(fresh, g, "fresh")
			if err != nil || !sameTemplate(back, tmpl) || len(back.Validate().For("Cpu")) == 0 {
				t.Errorf("%v->%v: %v %s\n%s", f, g, err, fileDump(back), fresh)
			}
		}

		// The typo's value moves to the parameter it was meant for, in its place.
		if !tmpl.MoveRaw("Replica", "Replicas") || Deref(tmpl.Replicas) != 1 {
			t.Fatalf("%v: MoveRaw failed: %s", f, fileDump(tmpl))
		}
		if len(tmpl.Validate().For("Replica")) != 0 {
			t.Errorf("%v: Replica still a problem", f)
		}
		out, _ = MarshalOver(data, f, tmpl, SaveOptions{})
		want := strings.Replace(strings.Replace(string(data), "Replica: 1 # typo", "Replicas: 1 # typo", 1), `"Replica": 1`, `"Replicas": 1`, 1)
		want = strings.Replace(strings.Replace(want, "Timeout: 60", "Timeout: 90", 1), `"Timeout": 60`, `"Timeout": 90`, 1)
		if string(out) != want {
			t.Errorf("%v: moved:\n%s\nwant\n%s", f, out, want)
		}

		// Edited as text: a valid text loads, an invalid one stays raw with its problem.
		tmpl.SetRawText("Cpu", "lots2")
		if txt, _ := tmpl.RawText("Cpu"); txt != "lots2" || len(tmpl.Validate().For("Cpu")) != 1 ||
			!strings.Contains(tmpl.Validate().For("Cpu")[0].Message, `"lots2"`) {
			t.Errorf("%v: Cpu edited: %v", f, tmpl.Validate().For("Cpu"))
		}
		// The wizard forgets a parameter's load problems once it is edited:
		// the raw value is still a problem.
		var keep Problems
		for _, p := range tmpl.LoadProblems {
			if p.Field != "Cpu" {
				keep = append(keep, p)
			}
		}
		tmpl.LoadProblems = keep
		if ps := tmpl.Validate().For("Cpu"); len(ps) != 1 || !strings.Contains(ps[0].Message, `"lots2"`) {
			t.Errorf("%v: raw Cpu without its load problem: %v", f, ps)
		}
		tmpl.SetRawText("Envs", `[{"name": "A", "value": "x"}, {"name": "OK", "value": "y"}]`)
		if len(tmpl.Envs) != 2 || tmpl.Raw["Envs"] != nil || len(tmpl.Validate().For("Envs")) != 0 {
			t.Errorf("%v: Envs fixed: %s %v", f, fileDump(tmpl), tmpl.Validate().For("Envs"))
		}
		tmpl.SetRawText("Cpu", "1000")
		if Deref(tmpl.Cpu) != 1000 || tmpl.Raw["Cpu"] != nil {
			t.Errorf("%v: Cpu fixed: %s", f, fileDump(tmpl))
		}
		// A value the user sets wins over the raw one; dropping it forgets it.
		tmpl2, _ := Parse(data, f, "job")
		tmpl2.Envs = []Env{{Name: "NEW", Value: Ptr("1")}}
		if _, raw := tmpl2.RawText("Envs"); raw || len(tmpl2.Validate().For("Envs")) != 0 {
			t.Errorf("%v: set Envs should win", f)
		}
		tmpl2.Envs = nil
		tmpl2.DropRaw("Envs")
		out, _ = MarshalOver(data, f, tmpl2, SaveOptions{})
		if strings.Contains(string(out), "Envs") {
			t.Errorf("%v: dropped Envs kept:\n%s", f, out)
		}
	}
}

// An unknown key whose value expands without end through aliases is
// refused, not copied.
func TestRawValueAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	done := make(chan error, 1)
	go func() { _, err := Parse([]byte(b.String()), YAML, "bomb"); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "expands too much") {
			t.Errorf("bomb: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Parse hangs on an alias bomb in unknown keys")
	}
}
