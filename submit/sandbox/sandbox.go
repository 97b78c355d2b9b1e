// Package sandbox is a local endpoint that speaks SAE's CreateJob, and the
// reads saejob makes around it, as SAE does, for practice and tests: it
// checks the SDK's ACS3-HMAC-SHA256 signature against a key pair of its own,
// validates the job template with the same rules as saejob, and answers in
// the SDK's shapes with fresh IDs or the reference's error codes. It holds
// seeded, made-up account data (regions, namespaces, ConfigMaps, jobs) and
// remembers the jobs created through it. It can be told to fail, stall,
// drop the connection or answer garbage. Nothing sent to it runs anywhere.
package sandbox

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/saejob/saejob/model"
)

// Label is how the sandbox names itself in answers.
const Label = "sandbox: nothing was created"

// SuccessMessage is the Message of a successful answer.
const SuccessMessage = "success (" + Label + ")"

// FaultHeader, on a request, overrides the server's fault for that request
// (same syntax as ParseFault). It is not signed, so any client can set it.
const FaultHeader = "X-Sandbox-Fault"

// The CreateJob operation the sandbox serves.
const (
	Path    = "/pop/v1/sam/job/createJob"
	Action  = "CreateJob"
	Version = "2019-05-06"
)

// Request is one request the sandbox received, as it arrived.
type Request struct {
	Method string
	Path   string
	Header http.Header
	// Query and Form are the parameters in the URL and in the form body.
	Query url.Values
	Form  url.Values
	// Body is the raw request body.
	Body []byte
	// Status is the HTTP status answered (0 when stalled or dropped).
	Status int
	// Outcome says what the sandbox did: "created AppId=…", "error CODE", "stall", "drop", "garbage".
	Outcome string
}

// Param returns a parameter from the query or the form body.
func (r Request) Param(name string) (string, bool) {
	if v, ok := r.Query[name]; ok && len(v) > 0 {
		return v[0], true
	}
	if v, ok := r.Form[name]; ok && len(v) > 0 {
		return v[0], true
	}
	return "", false
}

// Server is the sandbox endpoint: an http.Handler.
type Server struct {
	// AccessKeyId and AccessKeySecret are the only key pair it accepts.
	AccessKeyId     string
	AccessKeySecret string
	// Log, when set, gets one line per request.
	Log io.Writer
	// Rand, when set, is where fresh IDs come from (crypto/rand otherwise):
	// a fixed stream makes golden tests repeatable.
	Rand io.Reader

	count    atomic.Int64
	mu       sync.Mutex
	fault    Fault
	received []Request
	nonces   map[string]bool
	closed   chan struct{}
	once     sync.Once

	// account is the seeded data and the jobs created here (see account.go).
	account   *account
	coOutcome Outcome
}

// New returns a sandbox with a fresh random key pair.
func New() *Server {
	return NewWithKeys("SANDBOX"+strings.ToUpper(randomHex(8)), randomHex(15))
}

// NewWithKeys returns a sandbox that accepts the given key pair.
func NewWithKeys(id, secret string) *Server {
	return &Server{AccessKeyId: id, AccessKeySecret: secret, nonces: map[string]bool{}, closed: make(chan struct{})}
}

// SetFault makes every following request misbehave as f (None to stop).
func (s *Server) SetFault(f Fault) {
	s.mu.Lock()
	s.fault = f
	s.mu.Unlock()
}

// Fault is the current fault.
func (s *Server) Fault() Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fault
}

// Requests counts every request received, whatever became of it.
func (s *Server) Requests() int { return int(s.count.Load()) }

// Received returns the requests received so far, oldest first.
func (s *Server) Received() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.received...)
}

// Last returns the last request received.
func (s *Server) Last() (Request, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.received) == 0 {
		return Request{}, false
	}
	return s.received[len(s.received)-1], true
}

// Close releases stalled requests (their connections are dropped).
func (s *Server) Close() { s.once.Do(func() { close(s.closed) }) }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.count.Add(1)
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	rec := Request{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Query: r.URL.Query(), Body: body}
	if ct := r.Header.Get("Content-Type"); strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		rec.Form, _ = url.ParseQuery(string(body))
	}
	idx := s.record(rec)
	a := &answer{s: s, w: w, r: r, idx: idx, requestID: strings.ToUpper(s.newUUID()), traceID: s.randomHex(15)}
	if err != nil {
		a.pop(400, "InvalidParameter", "The request body could not be read.")
		return
	}

	fault := s.Fault()
	if h := r.Header.Get(FaultHeader); h != "" {
		f, err := ParseFault(h)
		if err != nil {
			a.pop(400, "InvalidParameter", err.Error())
			return
		}
		fault = f
	}
	switch fault.Mode {
	case Stall:
		s.outcome(idx, 0, "stall")
		select {
		case <-r.Context().Done():
		case <-s.closed:
		}
		panic(http.ErrAbortHandler)
	case Drop:
		s.outcome(idx, 0, "drop")
		panic(http.ErrAbortHandler)
	case Garbage:
		a.garbage(fault.Status)
		return
	}

	op, known := operations[r.URL.Path]
	if !known || r.Method != op.method {
		a.pop(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method. (The sandbox serves "+servedList()+".)")
		return
	}
	if ok := s.verify(a, r, body, op.action); !ok {
		return
	}
	if op.serve != nil {
		if fault.Mode == Error {
			a.fail(fault, nil, nil)
			return
		}
		op.serve(s, a, rec)
		return
	}
	t, field, err := s.template(rec)
	if fault.Mode == Error {
		a.fail(fault, nil, t)
		return
	}
	if err != nil {
		a.sae(400, false, "InvalidParameter.WithMessage", fmt.Sprintf("The parameter is invalid {%s}: %v", field, err))
		return
	}
	if errs := t.Validate().Errors(); len(errs) > 0 {
		p := errs[0]
		a.fail(Fault{Mode: Error, Code: p.Code}, &p, t)
		return
	}
	a.success(t)
}

func (s *Server) record(r Request) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.received = append(s.received, r)
	return len(s.received) - 1
}

func (s *Server) outcome(idx, status int, what string) {
	s.mu.Lock()
	var rec Request
	if idx < len(s.received) {
		s.received[idx].Status = status
		s.received[idx].Outcome = what
		rec = s.received[idx]
	}
	s.mu.Unlock()
	if s.Log != nil {
		name, _ := rec.Param("AppName")
		if name == "" {
			name = "-"
		}
		st := "no answer"
		if status != 0 {
			st = strconv.Itoa(status)
		}
		fmt.Fprintf(s.Log, "%s %s %s AppName=%s -> %s %s\n", time.Now().Format("15:04:05"), rec.Method, rec.Path, name, st, what)
	}
}

// template rebuilds the job template from the request's parameters. On
// error it names the parameter at fault.
func (s *Server) template(rec Request) (*model.Template, string, error) {
	params := map[string]string{}
	for _, vals := range []url.Values{rec.Query, rec.Form} {
		for k, v := range vals {
			if _, dup := params[k]; dup || len(v) > 1 {
				return nil, k, fmt.Errorf("given more than once")
			}
			params[k] = v[0]
		}
	}
	t, err := model.FromWire(params)
	if err == nil {
		return t, "", nil
	}
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	probe := &model.Template{}
	for _, k := range names {
		if e := probe.SetWire(k, params[k]); e != nil {
			return nil, k, e
		}
	}
	return nil, "", err
}

// answer writes one answer to one request.
type answer struct {
	s         *Server
	w         http.ResponseWriter
	r         *http.Request
	idx       int
	requestID string
	traceID   string
}

func (a *answer) json(status int, v any, outcome string) {
	b, _ := json.Marshal(v)
	h := a.w.Header()
	h.Set("Content-Type", "application/json;charset=utf-8")
	h.Set("x-acs-request-id", a.requestID)
	h.Set("X-Sandbox", Label) // submit.SandboxHeader
	a.w.WriteHeader(status)
	_, _ = a.w.Write(b)
	a.s.outcome(a.idx, status, outcome)
}

// pop answers in the API gateway's error shape.
func (a *answer) pop(status int, code, msg string) {
	a.json(status, map[string]any{
		"RequestId": a.requestID,
		"HostId":    a.r.Host + " (sandbox)",
		"Code":      code,
		"Message":   msg,
		"Recommend": "https://api.aliyun.com/troubleshoot?q=" + url.QueryEscape(code) + "&product=sae&requestId=" + a.requestID,
	}, "error "+code)
}

// sae answers in SAE's own shape; ok200 sends HTTP 200 with Success false.
func (a *answer) sae(status int, ok200 bool, code, msg string) {
	httpStatus := status
	if ok200 {
		httpStatus = 200
	}
	a.json(httpStatus, map[string]any{
		"RequestId": a.requestID,
		"Code":      strconv.Itoa(status),
		"Message":   msg + " (sandbox)",
		"ErrorCode": code,
		"Success":   false,
		"TraceId":   a.traceID,
		"Data":      nil,
	}, "error "+code)
}

func (a *answer) success(t *model.Template) {
	appID := a.s.newUUID()
	orderID := a.s.newUUID()
	if j := a.s.remember(appID, orderID, t); j != nil {
		// SAE refuses a second job of a name in a namespace. Its code for
		// that is not in the reference: the sandbox answers with the
		// reference's general InvalidParameter.WithMessage.
		a.sae(400, false, "InvalidParameter.WithMessage", fmt.Sprintf("The parameter is invalid {AppName}: an application named %s already exists in namespace %s (AppId %s).",
			t.AppName, orDefault(t.NamespaceId), j.AppId))
		return
	}
	a.json(200, map[string]any{
		"RequestId": a.requestID,
		"Message":   SuccessMessage,
		"TraceId":   a.traceID,
		"Data": map[string]any{
			"ChangeOrderId": orderID,
			"AppId":         appID,
		},
		"ErrorCode": "",
		"Code":      "200",
		"Success":   true,
	}, "created AppId="+appID)
}

func (a *answer) garbage(status int) {
	if status == 0 {
		status = 200
	}
	h := a.w.Header()
	h.Set("Content-Type", "text/html")
	h.Set("X-Sandbox", Label) // submit.SandboxHeader
	a.w.WriteHeader(status)
	fmt.Fprintf(a.w, "<html><head><title>%d %s</title></head><body>%d %s (sandbox garbage: this is not JSON)</body></html>\n",
		status, http.StatusText(status), status, http.StatusText(status))
	a.s.outcome(a.idx, status, "garbage")
}

// fail answers with an error code: the status from the fault, else the
// catalogue's, else 400; the message as SAE words it, filled in from the
// problem and the template when there is one.
func (a *answer) fail(f Fault, p *model.Problem, t *model.Template) {
	status := f.Status
	c, known := model.Explain(f.Code)
	if status == 0 && known && c.HTTPStatus != 0 {
		status = c.HTTPStatus
	}
	if status == 0 {
		status = 400
	}
	msg := serverMessage(f.Code, c, known, p, t)
	if f.Shape == ShapePOP {
		a.pop(status, f.Code, msg+" (sandbox)")
		return
	}
	a.sae(status, f.Shape == ShapeOK, f.Code, msg)
}

// serverMessage words an error as SAE does.
func serverMessage(code string, c model.Code, known bool, p *model.Problem, t *model.Template) string {
	field := ""
	if p != nil {
		field = p.Field
	} else if known && len(c.Fields) > 0 {
		field = c.Fields[0]
	}
	name := field
	if name == "" {
		name = "AppName"
	}
	switch code {
	case "InvalidParameter.NotEmpty":
		return fmt.Sprintf("You must specify the parameter %s.", name)
	case "InvalidParameter.Obviously":
		if p != nil && p.Message != "" {
			return fmt.Sprintf("The specified parameter is invalid {%s}. %s", name, p.Message)
		}
		return fmt.Sprintf("The specified parameter is invalid {%s}.", name)
	case "InvalidParameter.WithMessage":
		detail := "see the reference"
		if p != nil && p.Message != "" {
			detail = p.Message
		}
		return fmt.Sprintf("The parameter is invalid {%s}: %s", name, detail)
	}
	if known && c.Message != "" {
		msg := c.Message
		if n := strings.Count(msg, "%s"); n > 0 {
			args := messageArgs(code, t)
			for len(args) < n {
				args = append(args, "?")
			}
			msg = fmt.Sprintf(msg, args[:n]...)
		}
		if p != nil && p.Message != "" && !strings.Contains(msg, p.Message) {
			msg += " " + p.Message
		}
		return msg
	}
	if p != nil && p.Message != "" {
		return p.Message
	}
	return "The sandbox was told to answer " + code + "."
}

// messageArgs fills the %s of a catalogued message from the template, as
// SAE fills them from the request.
func messageArgs(code string, t *model.Template) []any {
	if t == nil {
		t = &model.Template{}
	}
	wire := func(name string) string {
		if v, ok := t.WireValue(name); ok {
			return v
		}
		return ""
	}
	switch code {
	case "InvalidInstanceSpecification.Unsupported":
		return []any{wire("Cpu"), wire("Memory")}
	case "InvalidHostnameIp.Invalid":
		if len(t.CustomHostAlias) > 0 {
			return []any{t.CustomHostAlias[0].HostName, t.CustomHostAlias[0].IP}
		}
	case "MountConflict.ConfigMap":
		if len(t.ConfigMapMountDesc) > 0 {
			return []any{t.ConfigMapMountDesc[0].MountPath}
		}
	case "NotFound.ConfigMap":
		if len(t.ConfigMapMountDesc) > 0 {
			return []any{strconv.FormatInt(t.ConfigMapMountDesc[0].ConfigMapId, 10)}
		}
	case "NotFound.ConfigMapKey":
		if len(t.ConfigMapMountDesc) > 0 {
			return []any{t.ConfigMapMountDesc[0].Key, strconv.FormatInt(t.ConfigMapMountDesc[0].ConfigMapId, 10)}
		}
	case "InvalidServerlessRegion.Unsupported":
		return []any{"sandbox"}
	case "NoComputeResourceQuota.App.Exceed", "NoComputeResourceQuota.User.Exceed":
		return []any{"50", "50"}
	}
	return nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// random fills b from Rand, else crypto/rand.
func (s *Server) random(b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Rand == nil {
		_, _ = rand.Read(b)
		return
	}
	_, _ = io.ReadFull(s.Rand, b)
}

func (s *Server) randomHex(n int) string {
	b := make([]byte, n)
	s.random(b)
	return hex.EncodeToString(b)
}

// newUUID is a random (version 4) UUID, as SAE's AppId and ChangeOrderId.
func (s *Server) newUUID() string {
	b := make([]byte, 16)
	s.random(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
