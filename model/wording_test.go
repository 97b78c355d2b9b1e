package model

import (
	"strings"
	"testing"
)

// TestOneProblemInPlainWords checks the wording slips of issue 8's audit:
// each input gets exactly the problems listed for its field, worded as
// listed, and nothing else about that field.
func TestOneProblemInPlainWords(t *testing.T) {
	const base = "AppName: a\nPackageType: Image\nImageUrl: registry.cn-hangzhou.aliyuncs.com/a/b:1\n"
	for _, tc := range []struct {
		name, extra, field string
		want               []string // one message fragment per problem of field
	}{
		{"int64 overflow is an integer too big", "Replicas: 1\nTimeout: 9223372036854775808\n", "Timeout",
			[]string{"Timeout is 9223372036854775808, more than the API takes: at most 9223372036854775807 (a 64-bit integer)"}},
		{"int32 overflow past int64", "Replicas: 99999999999999999999\n", "Replicas",
			[]string{"Replicas is 99999999999999999999, more than the API takes: at most 2147483647 (a 32-bit integer)"}},
		{"negative past int64", "Replicas: -99999999999999999999\n", "Replicas",
			[]string{"Replicas must be at least 1, not -99999999999999999999"}},
		{"zero is below the minimum", "Replicas: 0\n", "Replicas",
			[]string{"Replicas must be at least 1, not 0"}},
		{"a value that fails to load is present", "Replicas: 1.5\n", "Replicas",
			[]string{"Replicas must be an integer, not the number 1.5"}},
		{"NaN in SliceEnvs is one problem", "Replicas: 1\nSlice: true\nSliceEnvs: '[1,2,NaN]'\n", "SliceEnvs",
			[]string{"not valid JSON"}},
		{"Envs not repeated", "Replicas: 1\nEnvs: '[{\"name\": \"A\", \"value\": \"x\"}, {\"name\": \"OK\"'\n", "Envs",
			[]string{"Line 5: the JSON value is incomplete"}},
		{"OssMountDescs not repeated", "Replicas: 1\nOssMountDescs: '[{\"bucketName\": \"b\"'\n", "OssMountDescs",
			[]string{"Line 5: the JSON value is incomplete"}},
		{"cron advice is valid", "Replicas: 1\nTriggerConfig:\n  type: time\n  config: 0 1 */1 * ? *\n", "TriggerConfig.config",
			[]string{`drop the year field, as in "0 1 */1 * ?"`}},
		{"? in the month field", "Replicas: 1\nTriggerConfig:\n  type: time\n  config: 1 */1 * ? *\n", "TriggerConfig.config",
			[]string{`the month field takes no "?"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmpl, err := Parse([]byte(base+tc.extra), YAML, "t.yaml")
			if err != nil {
				t.Fatal(err)
			}
			var got []Problem
			for _, p := range tmpl.Validate() {
				if p.Field == tc.field {
					got = append(got, p)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%d problems for %s, want %d:\n%s", len(got), tc.field, len(tc.want), dump(got))
			}
			for i, p := range got {
				if !strings.Contains(p.Message, tc.want[i]) {
					t.Errorf("problem %q, want %q", p.Message, tc.want[i])
				}
				if strings.HasPrefix(strings.TrimPrefix(p.Message, "Line 5: "), tc.field+": ") {
					t.Errorf("the message repeats the field: %q", p.Message)
				}
			}
		})
	}
}

// TestArticleBySound: "an" before a vowel letter.
func TestArticleBySound(t *testing.T) {
	tmpl := &Template{AppName: "a", ProgrammingLanguage: "php", PackageType: "IMAGE_PHP_7_3", Replicas: Ptr(1)}
	var msg string
	for _, p := range tmpl.Validate() {
		if p.Field == "ImageUrl" {
			msg = p.Message
		}
	}
	if !strings.Contains(msg, "required for an IMAGE_PHP_7_3 job") {
		t.Errorf("ImageUrl problem %q", msg)
	}
	for word, want := range map[string]string{"IMAGE_PHP_7_3": "an IMAGE_PHP_7_3", "FatJar": "a FatJar", "War": "a War", "Image": "an Image", "PhpZip": "a PhpZip"} {
		if got := withArticle(word); got != want {
			t.Errorf("withArticle(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestPathWords(t *testing.T) {
	for in, want := range map[string]string{
		"Envs[1].name":              "Envs #2 name",
		"Replicas":                  "Replicas",
		"TriggerConfig.config":      "TriggerConfig.config",
		"OssMountDescs[0].readOnly": "OssMountDescs #1 readOnly",
		"CommandArgs[2]":            "CommandArgs #3",
		"PreStop.exec.command":      "PreStop.exec.command",
	} {
		p, ok := ParsePath(in)
		if !ok || p.Words() != want {
			t.Errorf("%s: Words() = %q, want %q", in, p.Words(), want)
		}
	}
}

// SetWire (the wizard's typed value, import) says an integer past int64 is
// too big, as the loader does.
func TestSetWireIntegerTooBig(t *testing.T) {
	var tm Template
	err := tm.SetWire("Timeout", "9223372036854775808")
	if err == nil || err.Error() != "Timeout is 9223372036854775808, more than the API takes: at most 9223372036854775807 (a 64-bit integer)" {
		t.Errorf("SetWire = %v", err)
	}
	if err := tm.SetWire("Timeout", "1.5"); err == nil || !strings.Contains(err.Error(), "must be an integer") {
		t.Errorf("SetWire(1.5) = %v", err)
	}
}
