package submit

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"
)

// ReadError is a read from the account (DescribeJob, ListJobs, …) that
// failed. It is never a failed create: nothing was created or changed.
type ReadError struct {
	// Operation is the API read, e.g. DescribeJob.
	Operation string
	Endpoint  string
	// HttpStatus, Code, Message and RequestId are SAE's answer, when one came.
	HttpStatus int
	Code       string
	Message    string
	RequestId  string
	// Explanation says what the code means, when the catalogue knows it.
	Explanation string
	// Recommend is POP's troubleshooting link, when the answer had one.
	Recommend string
	// Reason says in plain words why no answer was read (timeout, refused, …).
	Reason string
	Err    error

	// notSent is true when the request never left this machine.
	notSent bool
}

func (e *ReadError) Error() string {
	return fmt.Sprintf("reading from SAE failed (%s): %s. This was only a read: nothing was created or changed.", e.Operation, e.detail())
}

// detail is the failure without the operation.
func (e *ReadError) detail() string {
	if e.Reason != "" {
		return e.Reason
	}
	var b strings.Builder
	b.WriteString(e.Code)
	if e.Code == "" {
		b.WriteString("error")
	}
	fmt.Fprintf(&b, " (HTTP %d)", e.HttpStatus)
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.RequestId != "" {
		b.WriteString(" [request id " + e.RequestId + "]")
	}
	return b.String()
}

func (e *ReadError) Unwrap() error { return e.Err }

// ExecError is an ExecJob (run a job once now) that failed. ExecJob is not
// idempotent and is never retried: when the request may have reached SAE,
// MayHaveStarted says the job may be running.
type ExecError struct {
	ReadError
	MayHaveStarted bool
}

func (e *ExecError) Error() string {
	msg := fmt.Sprintf("ExecJob failed: %s.", e.detail())
	if e.MayHaveStarted {
		msg += " The job may have started a run: check its runs in the SAE console before running it again."
	} else {
		msg += " Nothing was started."
	}
	return msg
}

// readFailure maps an SDK error from a read (or ExecJob) to a ReadError.
func readFailure(op, endpoint string, err error, wc *wireClient, read time.Duration) *ReadError {
	e := &ReadError{Operation: op, Endpoint: endpoint, Err: err}
	status, headerID, raw := wc.answer()
	if api := apiErrorOf(err, wc); api != nil {
		e.fromAPI(api)
		return e
	}
	if status != 0 {
		e.HttpStatus, e.RequestId = status, headerID
		e.Reason = fmt.Sprintf("the answer (HTTP %d) from %s could not be read as SAE's JSON: %s", status, endpoint, snippet(raw))
		return e
	}
	var ne net.Error
	switch {
	case !wc.sent() && wc.callCount() > 0:
		e.notSent = true
		e.Reason = fmt.Sprintf("could not reach %s: %s", endpoint, plainNetError(err))
	case wc.callCount() == 0:
		e.notSent = true
		e.Reason = "the request could not be built: " + err.Error()
	case errors.Is(err, context.Canceled):
		e.Reason = "cancelled while waiting for the answer"
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		e.Reason = fmt.Sprintf("no answer from %s within %s", endpoint, seconds(read))
	default:
		e.Reason = fmt.Sprintf("the connection to %s was closed before an answer came", endpoint)
	}
	return e
}

// fromAPI copies SAE's error answer.
func (e *ReadError) fromAPI(api *APIError) {
	e.HttpStatus, e.Code, e.Message, e.RequestId = api.HttpStatus, api.Code, api.Message, api.RequestId
	e.Explanation, e.Recommend = api.Explanation, api.Recommend
}
