package submit

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/saejob/saejob/model"
)

// Every answer and failure of Submit maps to one SDK-free outcome: created,
// refused, may exist, stopped before sending, or not sent.
func TestOutcome(t *testing.T) {
	for _, tc := range []struct {
		name   string
		res    *Result
		err    error
		status model.OutcomeStatus
		code   string
		field  string
		expl   string
	}{
		{"created", &Result{AppId: "app-1", RequestId: "r"}, nil, model.OutcomeCreated, "", "", ""},
		{"refused", nil, &APIError{HttpStatus: 400, Code: "InvalidParameter.NotEmpty", Message: "m", Field: "Replicas"},
			model.OutcomeRefused, "InvalidParameter.NotEmpty", "Replicas", ""},
		{"server error may have created", nil, &APIError{HttpStatus: 503, Code: "ServiceUnavailable", Message: "busy", MayHaveBeenCreated: true, Check: "look in the console."},
			model.OutcomeMayExist, "ServiceUnavailable", "", "before sending it again, look in the console."},
		{"no answer", nil, &UncertainError{Endpoint: "e", Reason: "no answer", Check: "look."}, model.OutcomeMayExist, CodeMayHaveBeenCreated, "", "Before sending it again, look."},
		{"not sent", nil, &NotSentError{Endpoint: "e", Err: errors.New("refused")}, model.OutcomeNotSent, CodeNotSent, "", "Check the network"},
		{"credentials", nil, fmt.Errorf("wrapped: %w", &CredentialsError{Reason: "none"}), model.OutcomeNotSent, CodeNoCredentials, "", "ALIBABA_CLOUD_ACCESS_KEY_ID"},
		{"endpoint", nil, &EndpointError{Reason: "bad"}, model.OutcomeNotSent, CodeBadEndpoint, "", ""},
		{"region mismatch", nil, &RegionMismatchError{NamespaceId: "cn-shanghai:x", NamespaceRegion: "cn-shanghai", Region: "cn-hangzhou"},
			model.OutcomeStopped, CodeRegionMismatch, "NamespaceId", ""},
		{"invalid", nil, &InvalidTemplateError{Problems: model.Problems{{Field: "OssAkSecret", Code: "InvalidParameter.NotEmpty", Message: "not set"}}},
			model.OutcomeStopped, "InvalidParameter.NotEmpty", "OssAkSecret", "Nothing was sent."},
		{"other", nil, errors.New("sdk setup"), model.OutcomeNotSent, CodeNotSent, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Outcome(tc.res, tc.err)
			if o.Status != tc.status || o.Code != tc.code || o.FaultField() != tc.field && tc.field != "" || !strings.Contains(o.Explanation, tc.expl) {
				t.Fatalf("%+v", o)
			}
			if o.Created() != (tc.status == model.OutcomeCreated) || o.MayResend() == (tc.status == model.OutcomeCreated || tc.status == model.OutcomeMayExist) {
				t.Fatalf("Created %v MayResend %v for %+v", o.Created(), o.MayResend(), o)
			}
			if tc.err != nil && o.Message == "" {
				t.Fatal("a failure without a message")
			}
		})
	}
}
