package model

import (
	"fmt"
	"strings"
)

// OutcomeStatus says what became of one CreateJob request.
type OutcomeStatus int

// Outcome statuses. The zero value is NotSent, so an outcome nobody filled
// in never claims that a job exists.
const (
	// OutcomeNotSent: the request did not reach SAE, or no answer came
	// before it was sent (network, credentials, endpoint). Sending again
	// is safe.
	OutcomeNotSent OutcomeStatus = iota
	// OutcomeCreated: SAE (or the sandbox) created the job template.
	OutcomeCreated
	// OutcomeRefused: SAE answered with an error; nothing was created.
	OutcomeRefused
	// OutcomeStopped: saejob refused before sending (an invalid template,
	// an unset ${NAME} secret): nothing left the machine.
	OutcomeStopped
	// OutcomeMayExist: the request may have reached SAE and the job may
	// exist; sending again could create a second one.
	OutcomeMayExist
)

// SubmitOutcome is what came of one CreateJob request, in the words the
// wizard, the plain prompts and the command line show. It holds no SDK
// type, so ui and cmd share it without importing package submit.
type SubmitOutcome struct {
	Status OutcomeStatus
	// The IDs SAE returned (RequestId also comes with a refusal).
	RequestId     string
	AppId         string
	ChangeOrderId string
	TraceId       string
	// Why it failed: SAE's HTTP status and code, its message, the
	// parameter at fault when known, and a sentence on what to do.
	HttpStatus  int
	Code        string
	Message     string
	Field       string
	Explanation string
	// Sandbox is true when a sandbox answered, not SAE: nothing was
	// created in SAE, whatever the endpoint was called.
	Sandbox bool
	// CheckAdvice, when the job may exist, is how to make sure before
	// sending again, when Message already says it (a request that got no
	// answer); "" leaves the screen to say it.
	CheckAdvice string
}

// NothingSent starts the Explanation of an outcome saejob stopped before
// sending.
const NothingSent = "Nothing was sent."

// Advice is the Explanation without NothingSent, for a screen whose heading
// already says nothing was sent.
func (o SubmitOutcome) Advice() string {
	return strings.TrimSpace(strings.TrimPrefix(o.Explanation, NothingSent))
}

// Created reports whether the job template was created.
func (o SubmitOutcome) Created() bool { return o.Status == OutcomeCreated }

// MayResend reports whether sending the same template again cannot create a
// second job: true unless it was created or may have been.
func (o SubmitOutcome) MayResend() bool {
	return o.Status != OutcomeCreated && o.Status != OutcomeMayExist
}

// FaultField is the parameter to fix: the one SAE named, else the first the
// error catalogue names for the code, else "".
func (o SubmitOutcome) FaultField() string {
	if o.Status == OutcomeCreated {
		return ""
	}
	if o.Field != "" {
		return Visible(o.Field)
	}
	if c, ok := Explain(o.Code); ok && len(c.Fields) > 0 {
		return c.Fields[0]
	}
	return ""
}

// Error is the failure in one line ("" when created), so a failed outcome
// can travel as an error.
func (o SubmitOutcome) Error() string {
	switch {
	case o.Status == OutcomeCreated:
		return ""
	case o.Code != "":
		return fmt.Sprintf("%s: %s", o.Code, o.Message)
	}
	return o.Message
}
