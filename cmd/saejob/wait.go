package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
)

// envPollInterval, for tests only, shortens the first wait between polls
// (a Go duration such as 1ms); the program polls at most once a second.
const envPollInterval = "SAEJOB_POLL_INTERVAL"

// exitInterrupted is the exit status after Ctrl-C stops the wait (128+SIGINT).
const exitInterrupted = 130

// pollWait is the wait before poll n+1: model.PollWait, scaled to base
// (the first wait) so that tests can shorten it.
func pollWait(n int, base time.Duration) time.Duration {
	return model.PollWait(n) / model.FirstPollWait * base
}

// pollBase is the first wait: one second, or what the tests ask for.
func pollBase(getenv func(string) string) time.Duration {
	if v := getenv(envPollInterval); v != "" {
		if d, err := time.ParseDuration(v); err == nil && d > 0 {
			return d
		}
	}
	return model.FirstPollWait
}

// changeOrderJSON is the "ChangeOrder" member of submit --wait --json.
type changeOrderJSON struct {
	Status       string
	ErrorMessage string
}

// waitedJSON is submit --wait --json's one object.
type waitedJSON struct {
	*submit.Result
	ChangeOrder changeOrderJSON
}

// changeOrderReader reads a change order (the submit client; tests hand a fake).
type changeOrderReader interface {
	ChangeOrder(ctx context.Context, changeOrderID string) (*model.ChangeOrder, error)
}

// waitAfterSubmit tells what was created, then follows its change order
// until it ends (saejob submit --wait). CreateJob is never sent again here.
func waitAfterSubmit(ctx context.Context, a *app, f submitFlags, client changeOrderReader, t *model.Template, res *submit.Result, path string) error {
	if !f.asJSON {
		writeCreated(a.stdout, t, res, path)
	}
	w := follow(ctx, client, res, a.stderr, pollBase(a.getenv))
	if f.asJSON {
		if err := writeJSON(a.stdout, waitedJSON{Result: res, ChangeOrder: changeOrderJSON{Status: w.status(), ErrorMessage: w.errorMessage()}}); err != nil {
			return err
		}
		// stdout holds the one object: what a person must do goes to stderr.
		w.personAdvice(a.stderr, res)
	} else {
		w.report(a.stdout, res)
	}
	if w.interrupted {
		w.howToCheck(a.stderr, res)
		return &exitError{code: exitInterrupted, err: errors.New("interrupted"), silent: true}
	}
	if w.last != nil && w.last.Succeeded() {
		return nil
	}
	if w.readErr != nil {
		w.howToCheck(a.stderr, res)
	}
	return failed()
}

// waited is how following a change order ended.
type waited struct {
	last        *model.ChangeOrder
	readErr     error
	interrupted bool
	elapsed     time.Duration
}

// follow polls the change order until it ends, ctx is done, or reads fail
// model.MaxPollFailures times in a row. Progress goes to progress.
func follow(ctx context.Context, client changeOrderReader, res *submit.Result, progress io.Writer, base time.Duration) waited {
	var w waited
	if res.ChangeOrderId == "" {
		w.readErr = errors.New("SAE's answer carried no ChangeOrderId to follow")
		return w
	}
	start := time.Now()
	fmt.Fprintf(progress, "Following change order %s (Ctrl-C stops waiting; the job is not touched)...\n", model.Visible(res.ChangeOrderId))
	failures := 0
	for n := 0; ; n++ {
		co, err := client.ChangeOrder(ctx, res.ChangeOrderId)
		w.elapsed = time.Since(start).Round(time.Second)
		if ctx.Err() != nil {
			w.interrupted = true
			return w
		}
		if err != nil {
			failures++
			w.readErr = err
			fmt.Fprintf(progress, "  could not read the change order (%d of %d): %v\n", failures, model.MaxPollFailures, err)
			if failures >= model.MaxPollFailures {
				return w
			}
		} else {
			failures, w.readErr = 0, nil
			if w.last == nil || w.last.Code != co.Code {
				fmt.Fprintf(progress, "  %s after %s\n", co.StatusText(), w.elapsed)
			}
			w.last = co
			if co.Ended() {
				return w
			}
		}
		timer := time.NewTimer(pollWait(n, base))
		select {
		case <-ctx.Done():
			timer.Stop()
			w.interrupted = true
			return w
		case <-timer.C:
		}
	}
}

// unread reports whether the wait ended because reads failed: the last
// status seen is not the change order's state any more.
func (w waited) unread() bool {
	return w.readErr != nil && !w.interrupted && (w.last == nil || !w.last.Ended())
}

// status is the contract's status word; "unknown" when the reads failed.
func (w waited) status() string {
	if w.last == nil || w.unread() {
		return model.StatusUnknown
	}
	return w.last.Status
}

// errorMessage is SAE's ErrorMessage for the change order, never saejob's
// own read error (that goes to stderr).
func (w waited) errorMessage() string {
	if w.last != nil && !w.unread() {
		return w.last.ErrorMessage
	}
	return ""
}

// report says how the change order ended and what to do.
func (w waited) report(out io.Writer, res *submit.Result) {
	co := w.last
	switch {
	case w.interrupted:
		fmt.Fprintf(out, "Stopped waiting after %s; the change order goes on", w.elapsed)
		if co != nil {
			fmt.Fprintf(out, " (last seen: %s)", co.StatusText())
		}
		fmt.Fprintln(out, ".")
	case co == nil || !co.Ended():
		fmt.Fprintf(out, "Could not follow change order %s: %v\n", model.Visible(res.ChangeOrderId), w.readErr)
	case co.Succeeded():
		fmt.Fprintf(out, "Change order %s succeeded after %s: the job template is ready.\n", model.Visible(res.ChangeOrderId), w.elapsed)
	case co.WaitsForPerson():
		w.personAdvice(out, res)
	default:
		fmt.Fprintf(out, "Change order %s ended %s after %s.\n", model.Visible(res.ChangeOrderId), co.StatusText(), w.elapsed)
		if co.ErrorMessage != "" {
			fmt.Fprintf(out, "  ErrorMessage:  %s\n", model.Visible(co.ErrorMessage))
		}
		fmt.Fprintf(out, "See its steps in the SAE console (the job's change orders, region %s); the job template %s exists.\n", regionOrPlaceholder(res), model.Visible(res.AppId))
	}
}

// personAdvice says what a person must do for a change order that waits
// for one (8, a manual batch; 11, an approval); nothing otherwise.
func (w waited) personAdvice(out io.Writer, res *submit.Result) {
	co := w.last
	switch {
	case co == nil || w.unread() || w.interrupted:
	case co.WaitsForPerson():
		state, action := co.PersonAdvice()
		fmt.Fprintf(out, "Change order %s is %s (%s).\n", model.Visible(res.ChangeOrderId), state, co.StatusText())
		then := "saejob stops waiting here"
		if co.Code == 11 {
			then = "it runs once approved"
		}
		fmt.Fprintf(out, "%s (the job's change orders, region %s); %s.\n", action, regionOrPlaceholder(res), then)
	}
}

// howToCheck says how to look at the change order later.
func (w waited) howToCheck(out io.Writer, res *submit.Result) {
	r := regionOrPlaceholder(res)
	what := "The job template was created"
	if res.Sandbox {
		what = "The sandbox accepted the job template (nothing was created anywhere else)"
	}
	fmt.Fprintf(out, "%s (AppId %s).", what, model.Visible(res.AppId))
	if w.unread() {
		fmt.Fprintf(out, " Only the wait failed: its change order could not be read (%v), so its outcome is unknown.", w.readErr)
	}
	fmt.Fprintf(out, " To check change order %s later:\n", model.Visible(res.ChangeOrderId))
	fmt.Fprintf(out, "  aliyun sae GET /pop/v1/sam/changeorder/DescribeChangeOrder --region %s --ChangeOrderId %s\n", r, model.ShellWord(res.ChangeOrderId))
	fmt.Fprintf(out, "  or the SAE console (region %s: the job's change orders); saejob import %s shows the job. Do not submit it again.\n", r, model.ShellWord(res.AppId))
}

func regionOrPlaceholder(res *submit.Result) string {
	if res.Endpoint.Region != "" {
		return res.Endpoint.Region
	}
	return "<region>"
}
