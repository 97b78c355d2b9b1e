// Package submit sends a job template to SAE (CreateJob) through the
// official SDK: credentials, region and endpoint, the request, and the
// mapping of answers and failures to results and typed errors. A create is
// never retried: CreateJob is not idempotent.
package submit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	sae "github.com/alibabacloud-go/sae-20190506/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/saejob/saejob/model"
)

// CreateJob as the SDK describes it (sae-20190506 CreateJobWithOptions).
const (
	Action   = "CreateJob"
	Version  = "2019-05-06"
	Pathname = "/pop/v1/sam/job/createJob"
)

// Default timeouts.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultReadTimeout    = 60 * time.Second
)

// Options chooses where and as whom a template is sent. The zero value uses
// the standard credential chain and the region from the profile or
// ALIBABA_CLOUD_REGION_ID.
type Options struct {
	// Region is the region id (--region), e.g. cn-hangzhou.
	Region string
	// Profile is the aliyun CLI (or ~/.alibabacloud/credentials) profile (--profile).
	Profile string
	// Endpoint overrides the regional endpoint (--endpoint), e.g.
	// https://sae-vpc.cn-hangzhou.aliyuncs.com or http://127.0.0.1:8086.
	Endpoint string
	// ConnectTimeout and ReadTimeout default to 10s and 60s.
	ConnectTimeout time.Duration
	ReadTimeout    time.Duration
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Credentials, when set, are used instead of the credential chain.
	Credentials *Credentials
	// UserAgent is added to the SDK's User-Agent.
	UserAgent string
}

func (o Options) env() environ {
	if o.Getenv != nil {
		return environ(o.Getenv)
	}
	return environ(os.Getenv)
}

// lookupEnv reads a variable as os.LookupEnv does (through Getenv when set:
// an empty value then counts as unset).
func (o Options) lookupEnv(name string) (string, bool) {
	if o.Getenv != nil {
		v := o.Getenv(name)
		return v, v != ""
	}
	return os.LookupEnv(name)
}

// timeouts are the connect and read timeouts, defaultRead when none is set
// (DefaultReadTimeout for a create, DefaultReadTimeoutForReads for a read).
func (o Options) timeouts(defaultRead time.Duration) (connect, read time.Duration) {
	connect, read = o.ConnectTimeout, o.ReadTimeout
	if connect <= 0 {
		connect = DefaultConnectTimeout
	}
	if read <= 0 {
		read = defaultRead
	}
	return connect, read
}

// Result is what SAE answers when the job template was created. The JSON
// keys are a contract with scripts (saejob submit --json). The IDs are the
// server's as sent, unescaped: views escape them (model.Visible) and shell
// commands quote them (model.ShellQuote).
type Result struct {
	RequestId     string
	AppId         string
	ChangeOrderId string
	TraceId       string

	// Message is SAE's message ("success").
	Message string `json:"-"`
	// Sandbox is true when a sandbox answered (its SandboxHeader): nothing
	// was created in SAE.
	Sandbox bool `json:"-"`
	// Endpoint is where the template went.
	Endpoint Endpoint `json:"-"`
}

// Client sends job templates to one endpoint as one identity.
type Client struct {
	opts     Options
	endpoint Endpoint

	// credMu guards source: the credential source found for this client,
	// kept with its provider (credentials.go).
	credMu sync.Mutex
	source *credentialSource
}

// New resolves the region and endpoint. Credentials are looked up when
// needed (Credentials, Submit or a read). Every client guards the instance
// metadata service (GuardInstanceMetadata), whichever command or screen
// made it. Errors are *EndpointError.
func New(opts Options) (*Client, error) {
	ep, err := ResolveEndpoint(opts)
	if err != nil {
		return nil, err
	}
	GuardInstanceMetadata(opts)
	return &Client{opts: opts, endpoint: ep}, nil
}

// Submit sends t with a new Client for opts.
func Submit(ctx context.Context, t *model.Template, opts Options) (*Result, error) {
	c, err := New(opts)
	if err != nil {
		return nil, err
	}
	return c.Submit(ctx, t)
}

// Endpoint is where Submit sends.
func (c *Client) Endpoint() Endpoint { return c.endpoint }

// Credentials finds the credentials Submit will use and says where they
// come from and which AccessKey ID (masked) they carry. ctx bounds the
// lookup. Errors are *CredentialsError; nothing is sent to SAE.
func (c *Client) Credentials(ctx context.Context) (source, maskedKeyID string, err error) {
	creds, source, err := c.credentials(ctx)
	if err != nil {
		return "", "", err
	}
	return source, MaskKeyID(creds.AccessKeyId), nil
}

// credentials returns the client's credentials and where they come from.
// The source is found once per client and kept with its provider, which
// keeps what it fetched until it expires: an assumed role or an External
// profile's process_command is not asked again on every read. A failure is
// not kept, so that the next call may find a profile fixed meanwhile.
// Errors are *CredentialsError.
func (c *Client) credentials(ctx context.Context) (*Credentials, string, error) {
	c.credMu.Lock()
	defer c.credMu.Unlock()
	if c.source == nil {
		creds, s, err := resolveCredentials(ctx, c.opts)
		if err != nil {
			return nil, "", err
		}
		c.source = s
		return creds, s.name, nil
	}
	creds, err := c.source.fetch(ctx)
	if err != nil {
		return nil, "", &CredentialsError{Reason: redact(c.source.name+": "+err.Error(), c.source.secrets)}
	}
	return creds, c.source.name, nil
}

// Submit validates t and, when it is valid, sends CreateJob once. Errors:
// *InvalidTemplateError (nothing sent), *CredentialsError (nothing sent),
// *NotSentError, *APIError (SAE said no; MayHaveBeenCreated for 5xx),
// *UncertainError (the job template may have been created).
func (c *Client) Submit(ctx context.Context, t *model.Template) (*Result, error) {
	if t == nil {
		return nil, errors.New("no template")
	}
	// Secrets written as "${NAME}" are read now, into a copy: the caller's
	// template keeps the reference.
	resolved := *t
	if err := resolved.ResolveSecrets(c.opts.lookupEnv); err != nil {
		return nil, &InvalidTemplateError{Problems: model.Problems{{Field: secretRefField(t), Code: "InvalidParameter.NotEmpty", Message: err.Error()}}}
	}
	t = &resolved
	if ps := t.Validate(); !ps.Valid() {
		return nil, &InvalidTemplateError{Problems: ps}
	}
	if err := c.CheckNamespaceRegion(t); err != nil {
		return nil, err
	}
	wire := t.Wire(true)
	if ctx == nil {
		ctx = context.Background()
	}
	creds, _, err := c.credentials(ctx)
	if err != nil && ctx.Err() == nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, &NotSentError{Endpoint: c.endpoint.URL(), Err: err}
	}
	res, err := c.send(ctx, wire, t.AppName, creds)
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		apiErr.fitField(t)
	}
	return res, err
}

// apiErrorOf is SAE's error answer inside an SDK error (HTTP 4xx or 5xx),
// read from the SDK's copy of the body or, failing that, the one on the
// wire; nil when err carries no such answer.
func apiErrorOf(err error, wc *wireClient) *APIError {
	var sdkErr *tea.SDKError
	if !errors.As(err, &sdkErr) || tea.IntValue(sdkErr.StatusCode) < 400 {
		return nil
	}
	_, headerID, raw := wc.answer()
	body := jsonObject(tea.StringValue(sdkErr.Data))
	if len(body) == 0 {
		body = jsonObject(raw)
	}
	if code := tea.StringValue(sdkErr.Code); len(body) == 0 && code != "<nil>" {
		// The SDK writes "<nil>" when the answer had no code at all.
		body["Code"] = code
	}
	return apiErrorFrom(tea.IntValue(sdkErr.StatusCode), body, headerID)
}

// CheckNamespaceRegion refuses a template whose NamespaceId belongs to
// another region than the one it is sent to: SAE would create the job
// template in a namespace the user did not mean, or refuse it. Without a
// known region (a custom endpoint and no --region) there is nothing to
// compare. Errors are *RegionMismatchError; nothing is sent.
func (c *Client) CheckNamespaceRegion(t *model.Template) error {
	if t == nil || len(t.RegionProblems(c.endpoint.Region)) == 0 {
		return nil
	}
	return &RegionMismatchError{NamespaceId: t.NamespaceId, NamespaceRegion: model.NamespaceRegion(t.NamespaceId), Region: c.endpoint.Region, RegionFrom: c.endpoint.RegionFrom}
}

// secretRefField names the first secret parameter written as "${NAME}".
func secretRefField(t *model.Template) string {
	for _, p := range model.Params {
		if v, ok := t.WireValue(p.Name); ok && p.Secret {
			if _, ref := model.EnvRef(v); ref {
				return p.Name
			}
		}
	}
	return ""
}

// send makes exactly one CreateJob call and maps its outcome.
func (c *Client) send(ctx context.Context, wire []model.WireParam, appName string, creds *Credentials) (res *Result, err error) {
	connect, read := c.opts.timeouts(DefaultReadTimeout)
	wc := &wireClient{ctx: ctx, timeout: connect + read, loopback: c.endpoint.Loopback()}
	defer wc.close()
	client, err := c.sdkClient(creds, wc, connect, read)
	if err != nil {
		return nil, fmt.Errorf("cannot set up the SAE client: %v", redact(err.Error(), []string{creds.AccessKeySecret, creds.SecurityToken}))
	}

	var body map[string]any
	var callErr error
	func() {
		// The SDK is generated code; a panic on a strange answer must not
		// hide whether the request went out.
		defer func() {
			if r := recover(); r != nil {
				callErr = fmt.Errorf("the SDK failed on the answer: %v", r)
			}
		}()
		body, callErr = call(client, wire)
	}()
	if callErr != nil {
		if status, _, raw := wc.answer(); status >= 200 && status < 300 {
			// The SDK could not convert a complete 2xx answer into its
			// response type: read the answer as it came.
			body := map[string]any{}
			if json.Unmarshal([]byte(raw), &body) == nil && len(body) > 0 {
				return c.outcome(body, wc, appName)
			}
		}
		return nil, c.failure(callErr, wc, appName, creds)
	}
	return c.outcome(body, wc, appName)
}

// call sends the request: through the SDK's CreateJobWithOptions when its
// CreateJobRequest can carry every parameter, else (NasConfigs,
// BestEffortType, or a value the typed field cannot hold) through the
// SDK's generic CallApi with the same operation and the same placement of
// parameters (query or form body). It returns the answer's body.
func call(client *sae.Client, wire []model.WireParam) (map[string]any, error) {
	runtime := &dara.RuntimeOptions{}
	if req, ok := typedRequest(wire); ok {
		resp, err := client.CreateJobWithOptions(req, map[string]*string{}, runtime)
		if err != nil {
			return nil, err
		}
		if resp == nil || resp.Body == nil {
			return map[string]any{}, nil
		}
		return toMap(resp.Body)
	}
	query := map[string]*string{}
	form := map[string]any{}
	for _, p := range wire {
		if param, _ := model.Lookup(p.Name); param.InBody {
			form[p.Name] = p.Value
		} else {
			query[p.Name] = tea.String(p.Value)
		}
	}
	params := &openapi.Params{
		Action:      tea.String(Action),
		Version:     tea.String(Version),
		Protocol:    tea.String("HTTPS"),
		Pathname:    tea.String(Pathname),
		Method:      tea.String("POST"),
		AuthType:    tea.String("AK"),
		Style:       tea.String("ROA"),
		ReqBodyType: tea.String("formData"),
		BodyType:    tea.String("json"),
	}
	out, err := client.CallApi(params, &openapi.OpenApiRequest{Headers: map[string]*string{}, Query: query, Body: form}, runtime)
	if err != nil {
		return nil, err
	}
	b, ok := out["body"].(map[string]any)
	if !ok {
		return map[string]any{}, nil
	}
	return b, nil
}

// typedRequest fills the SDK's CreateJobRequest from the wire values. It
// reports false when a parameter has no field there, or when a field's type
// would change the value sent.
func typedRequest(wire []model.WireParam) (*sae.CreateJobRequest, bool) {
	req := &sae.CreateJobRequest{}
	v := reflect.ValueOf(req).Elem()
	for _, p := range wire {
		f := v.FieldByName(p.Name)
		if !f.IsValid() || f.Kind() != reflect.Pointer {
			return nil, false
		}
		switch f.Type().Elem().Kind() {
		case reflect.String:
			f.Set(reflect.ValueOf(tea.String(p.Value)))
		case reflect.Int32:
			n, err := strconv.ParseInt(p.Value, 10, 32)
			if err != nil || strconv.FormatInt(n, 10) != p.Value {
				return nil, false
			}
			f.Set(reflect.ValueOf(tea.Int32(int32(n))))
		case reflect.Int64:
			n, err := strconv.ParseInt(p.Value, 10, 64)
			if err != nil || strconv.FormatInt(n, 10) != p.Value {
				return nil, false
			}
			f.Set(reflect.ValueOf(tea.Int64(n)))
		case reflect.Bool:
			b, err := strconv.ParseBool(p.Value)
			if err != nil || strconv.FormatBool(b) != p.Value {
				return nil, false
			}
			f.Set(reflect.ValueOf(tea.Bool(b)))
		default:
			return nil, false
		}
	}
	return req, true
}

// UsesGenericCall reports whether t goes through the SDK's generic call
// (it sets a parameter the SDK's CreateJobRequest lacks).
func UsesGenericCall(t *model.Template) bool {
	_, ok := typedRequest(t.Wire(true))
	return !ok
}

func toMap(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// outcome reads a 2xx answer: the IDs, or SAE's Success false.
func (c *Client) outcome(body map[string]any, wc *wireClient, appName string) (*Result, error) {
	status, headerID, raw := wc.answer()
	if status == 0 {
		status = 200
	}
	success, hasSuccess := body["Success"].(bool)
	data, _ := body["Data"].(map[string]any)
	// The server's values are kept as sent: scripts and the next API call
	// need the real IDs, and every view escapes them where it shows them.
	res := &Result{
		RequestId:     firstString(body, "RequestId", "requestId"),
		AppId:         firstString(data, "AppId"),
		ChangeOrderId: firstString(data, "ChangeOrderId"),
		TraceId:       firstString(body, "TraceId"),
		Message:       firstString(body, "Message"),
		Endpoint:      c.endpoint,
		Sandbox:       wc.fromSandbox(),
	}
	if res.RequestId == "" {
		res.RequestId = headerID
	}
	switch {
	case hasSuccess && success && res.AppId == "":
		// Success without the id of what was created: it may exist, and
		// nothing tells which one it is.
		return nil, &UncertainError{
			Endpoint:   c.endpoint.URL(),
			Reason:     fmt.Sprintf("its answer (HTTP %d) says success but gives no AppId", status),
			HttpStatus: status,
			RequestId:  res.RequestId,
			Body:       snippet(raw),
			Check:      howToCheck(c.endpoint.Region, appName),
		}
	case hasSuccess && success, !hasSuccess && res.AppId != "":
		return res, nil
	case hasSuccess && !success:
		e := apiErrorFrom(status, body, headerID)
		return nil, e
	}
	return nil, &UncertainError{
		Endpoint:   c.endpoint.URL(),
		Reason:     fmt.Sprintf("its answer (HTTP %d) is not SAE's: it says neither success nor failure", status),
		HttpStatus: status,
		RequestId:  res.RequestId,
		Body:       snippet(raw),
		Check:      howToCheck(c.endpoint.Region, appName),
	}
}

// failure maps an error from the SDK call.
func (c *Client) failure(err error, wc *wireClient, appName string, creds *Credentials) error {
	url := c.endpoint.URL()
	if !wc.sent() {
		if wc.callCount() == 0 {
			return fmt.Errorf("the request could not be built, nothing was sent: %v", redact(err.Error(), []string{creds.AccessKeySecret, creds.SecurityToken}))
		}
		return &NotSentError{Endpoint: url, Err: err}
	}
	status, headerID, raw := wc.answer()
	if e := apiErrorOf(err, wc); e != nil {
		if e.HttpStatus >= 500 {
			e.MayHaveBeenCreated = true
			e.Check = howToCheck(c.endpoint.Region, appName)
		}
		return e
	}
	check := howToCheck(c.endpoint.Region, appName)
	if status != 0 {
		tooLarge, _ := wc.answerTooLarge()
		if status >= 400 && status < 500 {
			msg := answerLine(raw)
			if tooLarge {
				msg = strings.TrimSuffix(errAnswerTooLarge.Error()+": "+msg, ": ")
			}
			return &APIError{
				HttpStatus: status,
				Code:       httpCode(status),
				Message:    msg,
				RequestId:  headerID,
			}
		}
		reason := fmt.Sprintf("its answer (HTTP %d) could not be read as SAE's JSON", status)
		if tooLarge {
			reason = fmt.Sprintf("its answer (HTTP %d) is larger than 1 MiB, more than any SAE answer, so it was not read", status)
		}
		return &UncertainError{
			Endpoint: url, HttpStatus: status, RequestId: headerID, Body: snippet(raw), Check: check, Err: err,
			Reason: reason,
		}
	}
	_, read := c.opts.timeouts(DefaultReadTimeout)
	reason := "the connection was closed before an answer came"
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		reason = "it was cancelled while waiting for the answer"
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		reason = fmt.Sprintf("no answer came within the read timeout (%s)", seconds(read))
	case strings.Contains(err.Error(), "connection reset"):
		reason = "the connection was reset before an answer came"
	}
	return &UncertainError{Endpoint: url, Reason: reason, RequestId: headerID, Check: check, Err: err}
}

// httpCode is the code of an error answer that carries none: saejob.HTTP403.
func httpCode(status int) string { return fmt.Sprintf("saejob.HTTP%d", status) }

// htmlTag matches a tag, to read the text of an HTML error page.
var htmlTag = regexp.MustCompile(`<[^>]*>`)

// answerLine is the first line of text of an answer that is not SAE's
// JSON (a proxy's HTML page, say), tags and spaces stripped, at most 200
// characters; views escape its control characters.
func answerLine(raw string) string {
	for _, line := range strings.Split(raw, "\n") {
		line = strings.Join(strings.Fields(htmlTag.ReplaceAllString(line, " ")), " ")
		if line == "" {
			continue
		}
		if r := []rune(line); len(r) > 200 {
			line = string(r[:200]) + "…"
		}
		return line
	}
	return "(empty answer)"
}

// jsonObject decodes s when it is a JSON object; otherwise (empty, null, a
// list, not JSON) it returns an empty map, never nil.
func jsonObject(s string) map[string]any {
	m := map[string]any{}
	var v any
	if json.Unmarshal([]byte(s), &v) == nil {
		if obj, ok := v.(map[string]any); ok {
			m = obj
		}
	}
	return m
}

// apiErrorFrom reads a POP or SAE error body.
func apiErrorFrom(status int, body map[string]any, headerID string) *APIError {
	// The server's values are kept as sent (--json and the wizard need the
	// real ones); Error and every view escape them where they are shown.
	e := &APIError{
		HttpStatus: status,
		Code:       firstString(body, "ErrorCode", "errorCode", "Code", "code"),
		Message:    firstString(body, "Message", "message", "ErrMessage", "errMessage"),
		RequestId:  firstString(body, "RequestId", "requestId"),
		Recommend:  firstString(body, "Recommend", "recommend"),
		TraceId:    firstString(body, "TraceId", "traceId"),
	}
	if e.RequestId == "" {
		e.RequestId = headerID
	}
	if e.Code == "" && status >= 400 {
		e.Code = httpCode(status)
	}
	e.explain()
	return e
}

// firstString returns the first of keys that m holds as a non-empty scalar.
func firstString(m map[string]any, keys ...string) string {
	for _, k := range keys {
		switch v := m[k].(type) {
		case string:
			if v != "" {
				return v
			}
		case json.Number:
			return v.String()
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64)
		case bool:
			return strconv.FormatBool(v)
		}
	}
	return ""
}

func snippet(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	s = model.Visible(s)
	if s == "" {
		return "(empty)"
	}
	return s
}
