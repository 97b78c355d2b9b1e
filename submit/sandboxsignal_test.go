package submit

import (
	"context"
	"net/http"
	"testing"

	"github.com/saejob/saejob/model"
)

// A sandbox is known by its header, not by a word in the server's Message.
func TestSandboxKnownByItsHeader(t *testing.T) {
	isolate(t)
	answer := func(header bool, message string) func(http.ResponseWriter, *http.Request) {
		return func(w http.ResponseWriter, r *http.Request) {
			if header {
				w.Header().Set(SandboxHeader, "sandbox: nothing was created")
			}
			body := map[string]any{"RequestId": "R", "Message": message, "Success": true, "Code": "200",
				"Data": map[string]any{"AppId": "app-1", "ChangeOrderId": "co-1", "AppName": "nightly"}}
			jsonAnswer(200, body)(w, r)
		}
	}
	for _, tc := range []struct {
		name    string
		header  bool
		message string
		want    bool
	}{
		{"header, plain message", true, "success", true},
		{"the word in SAE's message", false, "success: see the sandbox docs", false},
		{"neither", false, "success", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := newFake(t, answer(tc.header, tc.message))
			c, err := New(opts(fake.URL))
			if err != nil {
				t.Fatal(err)
			}
			res, err := c.Submit(context.Background(), fatJar(t))
			if err != nil {
				t.Fatal(err)
			}
			if res.Sandbox != tc.want || Outcome(res, nil).Sandbox != tc.want {
				t.Errorf("Result.Sandbox %v, outcome %v, want %v", res.Sandbox, Outcome(res, nil).Sandbox, tc.want)
			}
			j, err := c.DescribeJob(context.Background(), "app-1")
			if err != nil {
				t.Fatal(err)
			}
			if j.Sandbox != tc.want {
				t.Errorf("Job.Sandbox %v, want %v", j.Sandbox, tc.want)
			}
		})
	}
}

// An outcome says whether its message already tells how to check, and
// what to do beyond "Nothing was sent.".
func TestOutcomeCheckAdviceAndAdvice(t *testing.T) {
	o := Outcome(nil, &UncertainError{Endpoint: "https://sae", Reason: "no answer came", Check: "look in the console"})
	if o.Status != model.OutcomeMayExist || o.CheckAdvice != "look in the console" {
		t.Errorf("uncertain: %+v", o)
	}
	o = Outcome(nil, &APIError{HttpStatus: 503, Code: "ServiceUnavailable", MayHaveBeenCreated: true, Check: "look"})
	if o.Status != model.OutcomeMayExist || o.CheckAdvice != "" {
		t.Errorf("a 5xx's message is SAE's and says nothing of checking: %+v", o)
	}
	o = Outcome(nil, &InvalidTemplateError{Problems: model.Problems{{Field: "AppName", Code: "InvalidParameter.NotEmpty", Message: "AppName is required"}}})
	if o.Explanation != model.NothingSent || o.Advice() != "" {
		t.Errorf("stopped: %+v, advice %q", o, o.Advice())
	}
	o.Explanation = model.NothingSent + " Choose region cn-beijing."
	if o.Advice() != "Choose region cn-beijing." {
		t.Errorf("advice %q", o.Advice())
	}
}
