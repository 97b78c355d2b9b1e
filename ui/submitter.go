package ui

import (
	"context"
	"fmt"

	"github.com/saejob/saejob/model"
)

// Submitter sends a template to SAE (or to a sandbox). cmd hands the wizard
// the real one; tests hand it a fake or the sandbox. ui never talks to the
// network itself.
type Submitter interface {
	Submit(ctx context.Context, t *model.Template) (Submitted, error)
}

// Targeter is implemented by a Submitter that can say where it sends, e.g.
// "SAE cn-hangzhou" or "the local sandbox at 127.0.0.1:8080 (nothing runs)".
type Targeter interface {
	Target() string
}

// Submitted is what SAE answers to a successful CreateJob.
type Submitted struct {
	RequestId     string
	AppId         string
	ChangeOrderId string
	TraceId       string
	// Sandbox is true when a sandbox answered: nothing was created in SAE.
	Sandbox bool
}

// SubmitError is an error SAE answered with (or a failure the submitter could
// classify), mapped so that the wizard can explain it and jump to the field.
type SubmitError struct {
	HttpStatus  int
	Code        string
	Message     string
	RequestId   string
	Field       string
	Explanation string
	// Ambiguous is true when the request may have reached SAE: the job may
	// exist. The wizard then says so and does not offer to resend blindly.
	Ambiguous bool
	// Local is true when saejob itself refused before sending (an unset
	// ${NAME} secret, say): nothing reached SAE, so it is not SAE's answer.
	Local bool
}

func (e *SubmitError) Error() string {
	if e.Code != "" {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	return e.Message
}
