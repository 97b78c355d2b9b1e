package main

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/saejob/saejob/submit/sandbox"
)

// cmdSandbox starts a sandbox for the rest of the script: $SANDBOX is its
// URL, its keys are the credentials, and polls wait 1ms. An argument says
// how its change orders end (see sandbox.ParseOutcome); fault=F makes it
// answer every request with a fault (see sandbox.ParseFault).
//
//	sandbox [OUTCOME] [fault=F]
func cmdSandbox(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) > 2 {
		ts.Fatalf("usage: sandbox [OUTCOME] [fault=F]")
	}
	outcome := sandbox.OutcomeSuccess
	var fault sandbox.Fault
	for _, arg := range args {
		if f, ok := strings.CutPrefix(arg, "fault="); ok {
			var err error
			fault, err = sandbox.ParseFault(f)
			ts.Check(err)
			continue
		}
		o, err := sandbox.ParseOutcome(arg)
		ts.Check(err)
		outcome = o
	}
	sb := sandbox.New()
	sb.SetChangeOrderOutcome(outcome)
	sb.SetFault(fault)
	srv := httptest.NewServer(sb)
	ts.Defer(func() { sb.Close(); srv.Close() })
	ts.Setenv("SANDBOX", srv.URL)
	ts.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", sb.AccessKeyId)
	ts.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", sb.AccessKeySecret)
	ts.Setenv(envPollInterval, "1ms")
}

// lastJSON reads the last command's stdout as exactly one JSON object.
func lastJSON(ts *testscript.TestScript) map[string]any {
	dec := json.NewDecoder(strings.NewReader(ts.ReadFile("stdout")))
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		ts.Fatalf("stdout is not a JSON object: %v", err)
	}
	if dec.More() {
		ts.Fatalf("stdout holds more than one JSON value")
	}
	return m
}

// jsonPath finds a dotted path (ChangeOrder.Status) in m.
func jsonPath(ts *testscript.TestScript, m map[string]any, path string) any {
	var v any = m
	for _, k := range strings.Split(path, ".") {
		obj, ok := v.(map[string]any)
		if !ok {
			ts.Fatalf("%s: %v is not an object", path, v)
		}
		if v, ok = obj[k]; !ok {
			ts.Fatalf("stdout has no %s", path)
		}
	}
	return v
}

// cmdJSON checks the last stdout is one JSON object and that a member
// holds a value, or (with -keys) that an object has exactly these keys.
//
//	json ChangeOrder.Status success
//	json -keys . AppId,ChangeOrder,ChangeOrderId,RequestId,TraceId
func cmdJSON(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: json PATH VALUE | json -keys PATH K1,K2,...")
	}
	m := lastJSON(ts)
	if args[0] == "-keys" {
		obj := any(m)
		if args[1] != "." {
			obj = jsonPath(ts, m, args[1])
		}
		o, ok := obj.(map[string]any)
		if !ok {
			ts.Fatalf("%s is not an object", args[1])
		}
		var keys []string
		for k := range o {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if got := strings.Join(keys, ","); got != args[2] {
			ts.Fatalf("%s has keys %s, want %s", args[1], got, args[2])
		}
		return
	}
	v := jsonPath(ts, m, args[0])
	got, ok := v.(string)
	if !ok {
		b, _ := json.Marshal(v)
		got = string(b)
	}
	if got != args[1] {
		ts.Fatalf("%s is %q, want %q", args[0], got, args[1])
	}
}

// cmdJSONEnv sets a variable from a string member of the last stdout's JSON object.
//
//	jsonenv APPID AppId
func cmdJSONEnv(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: jsonenv NAME PATH")
	}
	s, ok := jsonPath(ts, lastJSON(ts), args[1]).(string)
	if !ok || s == "" {
		ts.Fatalf("%s is not a non-empty string", args[1])
	}
	ts.Setenv(args[0], s)
}

// cmdDropLine removes the lines of a file that match a regular expression.
//
//	dropline want.json OssAkSecret
func cmdDropLine(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: dropline FILE REGEXP")
	}
	re, err := regexp.Compile(args[1])
	ts.Check(err)
	var kept []string
	for _, line := range strings.SplitAfter(ts.ReadFile(args[0]), "\n") {
		if !re.MatchString(line) {
			kept = append(kept, line)
		}
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Join(kept, "")), 0o644))
}
