package submit

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/saejob/saejob/model"
)

// APIError is SAE's answer that the job template was not accepted: a POP
// error body, SAE's own error body, or a 200 answer with Success false. The
// JSON keys are a contract with scripts (saejob submit --json).
type APIError struct {
	// HttpStatus is the HTTP status of the answer (200 for an answer that
	// says Success false with status 200).
	HttpStatus int
	// Code is SAE's error code (ErrorCode in SAE's body, Code in a POP body).
	Code string
	// Message is the server's message, as sent. Code, Message, RequestId,
	// Recommend and TraceId hold the server's text unescaped: views escape
	// it (model.Visible) where they show it.
	Message   string
	RequestId string
	// Field is the template parameter at fault, when one can be told.
	Field string
	// Explanation says what the code means and how to fix it (from the
	// catalogue; empty for a code the catalogue does not know).
	Explanation string

	// Recommend is POP's troubleshooting link, when the answer had one.
	Recommend string `json:"-"`
	// TraceId is SAE's call trace id, when the answer had one.
	TraceId string `json:"-"`
	// MayHaveBeenCreated is true for a server error (5xx): SAE failed after
	// receiving the request and cannot say whether the job template exists.
	MayHaveBeenCreated bool `json:"-"`
	// Check tells how to find out whether the job template was created
	// (set with MayHaveBeenCreated).
	Check string `json:"-"`
}

func (e *APIError) Error() string {
	var b strings.Builder
	// The fields hold the server's text as sent; shown, it is escaped.
	b.WriteString("CreateJob failed")
	if e.Code != "" {
		b.WriteString(": " + model.Visible(e.Code))
	}
	fmt.Fprintf(&b, " (HTTP %d)", e.HttpStatus)
	if e.Message != "" {
		b.WriteString(": " + model.VisibleLines(e.Message))
	}
	if e.RequestId != "" {
		b.WriteString(" [request id " + model.Visible(e.RequestId) + "]")
	}
	if e.MayHaveBeenCreated {
		b.WriteString("; the job template may have been created")
	}
	return b.String()
}

// NotSentError is a failure before the request left this machine (DNS,
// connection refused, connect timeout, TLS): nothing reached SAE and nothing
// was created, so sending again is safe.
type NotSentError struct {
	Endpoint string
	Err      error
}

func (e *NotSentError) Error() string {
	return fmt.Sprintf("could not reach %s: %s. The request was not sent; nothing was created, so it is safe to try again.", e.Endpoint, plainNetError(e.Err))
}

func (e *NotSentError) Unwrap() error { return e.Err }

// UncertainError is a failure after the request may have reached SAE (no
// answer before the read timeout, connection dropped, an answer that cannot
// be read, cancelled while waiting): the job template may have been created.
// CreateJob is not idempotent, so it is never retried automatically.
type UncertainError struct {
	Endpoint string
	// Reason says in plain words what went wrong.
	Reason string
	// HttpStatus is the status of an unreadable answer, 0 when none came.
	HttpStatus int
	// RequestId is SAE's request id, when one was seen, as sent.
	RequestId string
	// Body is the start of an unreadable answer, escaped for display.
	Body string
	// Check tells how to find out whether the job template was created.
	Check string
	Err   error
}

func (e *UncertainError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the request was sent to %s but %s: the job template may have been created.", e.Endpoint, e.Reason)
	if e.RequestId != "" {
		b.WriteString(" Request id: " + model.Visible(e.RequestId) + ".")
	}
	b.WriteString(" Do not send it again before checking: " + e.Check)
	return b.String()
}

func (e *UncertainError) Unwrap() error { return e.Err }

// CredentialsError is a failure to find or load Alibaba Cloud credentials.
// Nothing was sent. The message never contains a secret.
type CredentialsError struct {
	// Reason says what was tried and what went wrong.
	Reason string
}

func (e *CredentialsError) Error() string {
	return e.Reason + "\n" + CredentialsHelp
}

// CredentialsHelp says how to set up credentials.
const CredentialsHelp = `Set up Alibaba Cloud credentials in one of these ways:
  export ALIBABA_CLOUD_ACCESS_KEY_ID=<your AccessKey ID>
  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=<your AccessKey secret>
or run 'aliyun configure' (it writes ~/.aliyun/config.json), and pick a profile
with --profile NAME or ALIBABA_CLOUD_PROFILE=NAME; ~/.alibabacloud/credentials
profiles work too.`

// RegionMismatchError is a template whose NamespaceId is in another region
// than the one it would be sent to. Nothing was sent.
type RegionMismatchError struct {
	NamespaceId     string
	NamespaceRegion string
	Region          string
	// RegionFrom says where Region came from (--region, a profile, ...).
	RegionFrom string
}

func (e *RegionMismatchError) Error() string {
	from := ""
	if e.RegionFrom != "" {
		from = " (from " + e.RegionFrom + ")"
	}
	return fmt.Sprintf("NamespaceId %s is in region %s, but the request would go to region %s%s; nothing was sent. "+
		"Submit with --region %s, or set a NamespaceId of region %s",
		model.Visible(e.NamespaceId), model.Visible(e.NamespaceRegion), e.Region, from, model.ShellWord(e.NamespaceRegion), e.Region)
}

// EndpointError is a region or endpoint that cannot be used. Nothing was sent.
type EndpointError struct {
	Reason string
}

func (e *EndpointError) Error() string { return e.Reason }

// InvalidTemplateError is a template that fails validation: nothing was sent.
type InvalidTemplateError struct {
	Problems model.Problems
}

func (e *InvalidTemplateError) Error() string {
	errs := e.Problems.Errors()
	if len(errs) == 0 {
		return "the template is invalid; nothing was sent"
	}
	p := errs[0]
	msg := fmt.Sprintf("the template is invalid (%d problem(s)); nothing was sent. First: %s: %s [%s]", len(errs), p.Field, p.Message, p.Code)
	return msg
}

// howToCheck tells how to find out whether a job template was created.
func howToCheck(region, appName string) string {
	r := region
	if r == "" {
		r = "<region>"
	}
	name := appName
	if name == "" {
		name = "<AppName>"
	}
	return fmt.Sprintf("look for job template %q in the SAE console's job list (region %s), or run\n"+
		"  aliyun sae GET /pop/v1/sam/job/listJobs --region %s --Workload job --CurrentPage 1 --PageSize 20 --FieldType appName --FieldValue %s\n"+
		"and if it is there, check it with\n"+
		"  aliyun sae GET /pop/v1/sam/job/describeJob --region %s --AppId <AppId>",
		name, r, r, model.ShellWord(name), r)
}

// plainNetError shortens a transport error to its cause.
func plainNetError(err error) string {
	if err == nil {
		return "unknown error"
	}
	s := err.Error()
	switch {
	case strings.Contains(s, "connection refused"):
		return "connection refused"
	case strings.Contains(s, "no such host"):
		return "the host name does not resolve (no such host)"
	case strings.Contains(s, "i/o timeout") || strings.Contains(s, "Client.Timeout"):
		return "timed out while connecting"
	case strings.Contains(s, "certificate"):
		return "TLS certificate problem: " + lastPart(s)
	case strings.Contains(s, "context canceled"):
		return "cancelled"
	}
	return lastPart(s)
}

func lastPart(s string) string {
	if i := strings.LastIndex(s, ": "); i >= 0 && i+2 < len(s) {
		return s[i+2:]
	}
	return s
}

func seconds(d time.Duration) string {
	return fmt.Sprintf("%gs", d.Seconds())
}

// Field names in server messages: "{AppName}" (InvalidParameter.Obviously,
// .WithMessage) or "the parameter AppName" (InvalidParameter.NotEmpty).
var (
	braceField = regexp.MustCompile(`\{\s*([A-Za-z][A-Za-z0-9_.\[\]]*)\s*\}`)
	wordField  = regexp.MustCompile(`(?i)parameter\s+['"]?([A-Za-z][A-Za-z0-9_.\[\]]*)`)
	anyWord    = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*`)
)

// fieldFromMessage pulls the template parameter a server message names.
func fieldFromMessage(msg string) string {
	for _, re := range []*regexp.Regexp{braceField, wordField} {
		for _, m := range re.FindAllStringSubmatch(msg, -1) {
			if f := knownField(strings.TrimRight(m[1], ".")); f != "" {
				return f
			}
		}
	}
	for _, w := range anyWord.FindAllString(msg, -1) {
		if p, ok := model.Lookup(w); ok && len(w) > 3 {
			return p.Name
		}
	}
	return ""
}

// knownField returns f with its parameter spelled as the reference does, or
// "" when f names no parameter.
func knownField(f string) string {
	name := model.FieldParam(f)
	if _, ok := model.Lookup(name); ok {
		return f
	}
	for _, n := range model.ParamNames() {
		if strings.EqualFold(n, name) {
			return n + f[len(name):]
		}
	}
	return ""
}

// fitField picks, among the parameters a code can point at, the first one
// the template sets: NotFound.ConfigMap points at Envs or ConfigMapMountDesc,
// whichever holds the ConfigMap.
func (e *APIError) fitField(t *model.Template) {
	c, known := model.Explain(e.Code)
	if !known || len(c.Fields) < 2 || t == nil || strings.HasPrefix(e.Code, "InvalidParameter.") ||
		(e.Field != "" && e.Field != c.Fields[0]) {
		return
	}
	for _, f := range c.Fields {
		if t.IsSet(f) {
			e.Field = f
			return
		}
	}
}

// explain fills Field and Explanation from the catalogue and the message.
func (e *APIError) explain() {
	c, known := model.ExplainMessage(e.Code, e.Message)
	if known {
		var parts []string
		if c.Meaning != "" {
			parts = append(parts, strings.TrimSpace(c.Meaning))
		}
		if c.Fix != "" {
			parts = append(parts, strings.TrimSpace(c.Fix))
		}
		e.Explanation = strings.Join(parts, " ")
		if e.Message == "" {
			e.Message = c.Message
		}
	}
	generic := false
	switch e.Code {
	case "InvalidParameter.NotEmpty", "InvalidParameter.Obviously", "InvalidParameter.WithMessage":
		// These name their parameter in the message, or none at all.
		generic = true
		e.Field = fieldFromMessage(e.Message)
	}
	if e.Field == "" && known && !generic && len(c.Fields) > 0 {
		e.Field = c.Fields[0]
	}
	if e.Field == "" && !known {
		// An unknown code may still name the parameter in braces.
		for _, m := range braceField.FindAllStringSubmatch(e.Message, -1) {
			if f := knownField(m[1]); f != "" {
				e.Field = f
				break
			}
		}
	}
}
