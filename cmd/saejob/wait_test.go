package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
)

func TestPollWaitBacksOff(t *testing.T) {
	var got []time.Duration
	for n := range 7 {
		got = append(got, pollWait(n, time.Second))
	}
	want := []time.Duration{1, 2, 4, 8, 10, 10, 10}
	for i := range want {
		if got[i] != want[i]*time.Second {
			t.Fatalf("waits %v, want 1s 2s 4s 8s then 10s", got)
		}
	}
	if pollBase(func(string) string { return "" }) != time.Second || pollBase(func(string) string { return "nonsense" }) != time.Second {
		t.Error("the program must poll at most once a second")
	}
	if pollBase(func(k string) string { return map[string]string{envPollInterval: "1ms"}[k] }) != time.Millisecond {
		t.Error("tests cannot shorten the wait")
	}
}

// fakeOrders answers change order reads from a list, then repeats the last.
type fakeOrders struct {
	answers []any // *model.ChangeOrder or error
	calls   int
	onCall  func(n int)
}

func (f *fakeOrders) ChangeOrder(ctx context.Context, id string) (*model.ChangeOrder, error) {
	f.calls++
	if f.onCall != nil {
		f.onCall(f.calls)
	}
	if err := ctx.Err(); err != nil {
		return nil, &submit.ReadError{Operation: "DescribeChangeOrder", Reason: "cancelled", Err: err}
	}
	a := f.answers[min(f.calls, len(f.answers))-1]
	if err, ok := a.(error); ok {
		return nil, err
	}
	return a.(*model.ChangeOrder), nil
}

func order(code int) *model.ChangeOrder {
	return &model.ChangeOrder{Code: code, Status: model.ChangeOrderStatus(code)}
}

func runWait(t *testing.T, ctx context.Context, f *fakeOrders, asJSON bool) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb strings.Builder
	a := &app{stdout: &out, stderr: &errb, getenv: func(k string) string { return map[string]string{envPollInterval: "1ns"}[k] }}
	res := &submit.Result{AppId: "app-1", ChangeOrderId: "co-1", RequestId: "r", TraceId: "t", Endpoint: submit.Endpoint{Region: "cn-hangzhou"}}
	err := waitAfterSubmit(ctx, a, submitFlags{asJSON: asJSON, wait: true}, f, &model.Template{AppName: "demo"}, res, "job.yaml")
	code = exitOK
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

// TestWaitStopsOnCtrlC checks that an interrupt stops the wait, says how to
// check later, and still prints one JSON object.
func TestWaitStopsOnCtrlC(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := &fakeOrders{answers: []any{order(1)}, onCall: func(n int) {
		if n == 2 {
			cancel()
		}
	}}
	code, out, errs := runWait(t, ctx, f, true)
	if code != exitInterrupted {
		t.Errorf("exit %d, want %d", code, exitInterrupted)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	var m map[string]any
	if err := dec.Decode(&m); err != nil || dec.More() || m["ChangeOrder"].(map[string]any)["Status"] != "executing" {
		t.Errorf("stdout is not one object with the last status (%v):\n%s", err, out)
	}
	for _, want := range []string{"--ChangeOrderId co-1", "SAE console", "saejob import app-1", "Do not submit it again"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

// TestWaitGivesUpAfterFailedReads checks that reads failing in a row end the
// wait as unknown (exit 1), while one failure in between is ridden out.
func TestWaitGivesUpAfterFailedReads(t *testing.T) {
	readErr := &submit.ReadError{Operation: "DescribeChangeOrder", Reason: "no answer within 15s"}
	f := &fakeOrders{answers: []any{order(1), readErr, order(2)}}
	if code, _, _ := runWait(t, context.Background(), f, true); code != exitOK || f.calls != 3 {
		t.Errorf("one failed read: exit %d after %d reads", code, f.calls)
	}
	f = &fakeOrders{answers: []any{order(1), readErr}}
	code, out, errs := runWait(t, context.Background(), f, true)
	if code != exitInvalid || f.calls != 1+model.MaxPollFailures {
		t.Errorf("exit %d after %d reads", code, f.calls)
	}
	// The last status seen is not the outcome, and ErrorMessage is SAE's
	// field: saejob's read error goes to stderr with what it means.
	if !strings.Contains(out, `"Status": "unknown"`) || !strings.Contains(out, `"ErrorMessage": ""`) || strings.Contains(out, "no answer within 15s") {
		t.Errorf("stdout:\n%s", out)
	}
	for _, want := range []string{"--ChangeOrderId co-1", "Only the wait failed", "no answer within 15s", "was created (AppId app-1)"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	f = &fakeOrders{answers: []any{readErr}}
	if _, out, _ := runWait(t, context.Background(), f, true); !strings.Contains(out, `"Status": "unknown"`) {
		t.Errorf("never read: %s", out)
	}
}

// TestWaitKeepsPollingWhileTheOrderMoves checks that statuses that do not
// end the wait (9 automatic batch, 12 approved, an unknown one) keep it going.
func TestWaitKeepsPollingWhileTheOrderMoves(t *testing.T) {
	f := &fakeOrders{answers: []any{order(0), order(9), order(12), order(7), order(2)}}
	code, _, errs := runWait(t, context.Background(), f, false)
	if code != exitOK || f.calls != 5 {
		t.Errorf("exit %d after %d reads", code, f.calls)
	}
	for _, want := range []string{"preparing (0)", "waiting (9)", "pending-approval (12)", "unknown (7)", "success (2)"} {
		if !strings.Contains(errs, want) {
			t.Errorf("progress lacks %q:\n%s", want, errs)
		}
	}
}

func TestChangeOrderStatusNames(t *testing.T) {
	want := map[int]string{0: "preparing", 1: "executing", 2: "success", 3: "failed", 6: "terminated", 8: "waiting", 9: "waiting",
		10: "system-failure", 11: "pending-approval", 12: "pending-approval", 4: "unknown"}
	for code, name := range want {
		if got := model.ChangeOrderStatus(code); got != name {
			t.Errorf("%d: %s, want %s", code, got, name)
		}
		co := order(code)
		ended := code == 2 || code == 3 || code == 6 || code == 8 || code == 10 || code == 11
		if co.Ended() != ended || co.WaitsForPerson() != (code == 8 || code == 11) {
			t.Errorf("%d: Ended %v WaitsForPerson %v", code, co.Ended(), co.WaitsForPerson())
		}
	}
}

// TestSubmitWaitSendsCreateJobOnce checks that following the change order
// never sends CreateJob again.
func TestSubmitWaitSendsCreateJobOnce(t *testing.T) {
	sb, url := submitEnv(t)
	t.Setenv(envPollInterval, "1ms")
	path := writeTemplate(t, "AppName: once\nPackageType: Image\nImageUrl: registry.cn-hangzhou.aliyuncs.com/a/b:1\nCpu: 500\nMemory: 1024\nReplicas: 1\n")
	code, out, errs := runSubmitCmd("", "submit", path, "--yes", "--wait", "--endpoint", url, "--region", "cn-hangzhou")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	counts := map[string]int{}
	for _, r := range sb.Received() {
		counts[r.Header.Get("x-acs-action")]++
	}
	if counts["CreateJob"] != 1 || counts["DescribeChangeOrder"] != 3 || len(counts) != 2 {
		t.Errorf("requests: %v, want CreateJob once and DescribeChangeOrder three times", counts)
	}
}

// TestSandboxCommandChangeOrderFlag checks saejob sandbox --change-order:
// the outcome it names is what submit --wait sees, and nonsense is a usage error.
func TestSandboxCommandChangeOrderFlag(t *testing.T) {
	if code, _, stderr := runSubmitCmd("", "sandbox", "--change-order", "eventually"); code != exitUsage || !strings.Contains(stderr, "manual-batch") {
		t.Errorf("--change-order eventually: exit %d: %s", code, stderr)
	}
	submitEnv(t)
	t.Setenv(envPollInterval, "1ms")
	url, out, stop := startSandboxCmd(t, "failed")
	path := writeTemplate(t, "AppName: flagged\nPackageType: Image\nImageUrl: registry.cn-hangzhou.aliyuncs.com/a/b:1\nCpu: 500\nMemory: 1024\nReplicas: 1\n")
	code, stdout, stderr := runSubmitCmd("", "submit", path, "--yes", "--wait", "--json", "--endpoint", url, "--region", "cn-hangzhou")
	stop()
	if code != exitInvalid || !strings.Contains(stdout, `"Status": "failed"`) {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	if log := out.String(); !strings.Contains(log, "read DescribeChangeOrder Status=3") {
		t.Errorf("the sandbox's log lacks the reads:\n%s", log)
	}
}
