package submit

import (
	"errors"

	"github.com/saejob/saejob/model"
)

// Outcome maps what Submit returned to the SDK-free outcome that the wizard,
// the plain prompts and the command line show.
func Outcome(res *Result, err error) model.SubmitOutcome {
	if err == nil && res != nil {
		return model.SubmitOutcome{Status: model.OutcomeCreated, RequestId: res.RequestId, AppId: res.AppId,
			ChangeOrderId: res.ChangeOrderId, TraceId: res.TraceId, Message: res.Message}
	}
	var (
		api     *APIError
		unsure  *UncertainError
		invalid *InvalidTemplateError
	)
	switch {
	case err == nil:
		return model.SubmitOutcome{Message: "no answer and no error"}
	case errors.As(err, &api):
		o := model.SubmitOutcome{Status: model.OutcomeRefused, HttpStatus: api.HttpStatus, Code: api.Code, Message: api.Message,
			RequestId: api.RequestId, TraceId: api.TraceId, Field: api.Field, Explanation: api.Explanation}
		if api.MayHaveBeenCreated {
			o.Status = model.OutcomeMayExist
		}
		return o
	case errors.As(err, &unsure):
		return model.SubmitOutcome{Status: model.OutcomeMayExist, HttpStatus: unsure.HttpStatus, Message: err.Error(), RequestId: unsure.RequestId}
	case errors.As(err, &invalid) && len(invalid.Problems) > 0:
		p := invalid.Problems[0]
		if errs := invalid.Problems.Errors(); len(errs) > 0 {
			p = errs[0]
		}
		return model.SubmitOutcome{Status: model.OutcomeStopped, Code: p.Code, Message: p.Message, Field: p.Field, Explanation: "Nothing was sent."}
	}
	// Network before sending, credentials, endpoint: nothing reached SAE.
	return model.SubmitOutcome{Status: model.OutcomeNotSent, Message: err.Error()}
}
