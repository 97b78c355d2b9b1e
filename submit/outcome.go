package submit

import (
	"errors"
	"strings"

	"github.com/saejob/saejob/model"
)

// Codes of failures that are not SAE's answers, as the outcome (and
// saejob submit --json) reports them.
const (
	CodeMayHaveBeenCreated = "saejob.MayHaveBeenCreated"
	CodeNotSent            = "saejob.NotSent"
	CodeNoCredentials      = "saejob.NoCredentials"
	CodeBadEndpoint        = "saejob.BadEndpoint"
	CodeRegionMismatch     = "saejob.RegionMismatch"
)

// Outcome maps what Submit returned to the SDK-free outcome that the wizard,
// the plain prompts and the command line all show.
func Outcome(res *Result, err error) model.SubmitOutcome {
	if err == nil && res != nil {
		return model.SubmitOutcome{Status: model.OutcomeCreated, RequestId: res.RequestId, AppId: res.AppId,
			ChangeOrderId: res.ChangeOrderId, TraceId: res.TraceId, Message: res.Message, Sandbox: res.Sandbox}
	}
	var (
		api     *APIError
		unsure  *UncertainError
		notSent *NotSentError
		cred    *CredentialsError
		ep      *EndpointError
		region  *RegionMismatchError
		invalid *InvalidTemplateError
	)
	switch {
	case err == nil:
		return model.SubmitOutcome{Code: CodeNotSent, Message: "no answer and no error"}
	case errors.As(err, &api):
		o := model.SubmitOutcome{Status: model.OutcomeRefused, HttpStatus: api.HttpStatus, Code: api.Code, Message: api.Message,
			RequestId: api.RequestId, TraceId: api.TraceId, Field: api.Field, Explanation: api.Explanation}
		if api.MayHaveBeenCreated {
			o.Status = model.OutcomeMayExist
			o.Explanation = strings.TrimSpace(o.Explanation + " The job template may have been created: before sending it again, " + api.Check)
		}
		return o
	case errors.As(err, &unsure):
		return model.SubmitOutcome{Status: model.OutcomeMayExist, HttpStatus: unsure.HttpStatus, Code: CodeMayHaveBeenCreated,
			Message: unsure.Error(), RequestId: unsure.RequestId, Explanation: "Before sending it again, " + unsure.Check, CheckAdvice: unsure.Check}
	case errors.As(err, &notSent):
		return model.SubmitOutcome{Code: CodeNotSent, Message: notSent.Error(), Explanation: "Check the network, the region and --endpoint, then submit again."}
	case errors.As(err, &cred):
		return model.SubmitOutcome{Code: CodeNoCredentials, Message: cred.Reason, Explanation: CredentialsHelp}
	case errors.As(err, &ep):
		return model.SubmitOutcome{Code: CodeBadEndpoint, Message: ep.Reason}
	case errors.As(err, &region):
		return model.SubmitOutcome{Status: model.OutcomeStopped, Code: CodeRegionMismatch, Message: region.Error(), Field: "NamespaceId"}
	case errors.As(err, &invalid) && len(invalid.Problems.Errors()) > 0:
		p := invalid.Problems.Errors()[0]
		return model.SubmitOutcome{Status: model.OutcomeStopped, Code: p.Code, Message: p.Message, Field: p.Field, Explanation: model.NothingSent}
	}
	// The client's other failures (setting up the SDK client, building the
	// request) all come before anything is sent.
	return model.SubmitOutcome{Code: CodeNotSent, Message: err.Error()}
}
