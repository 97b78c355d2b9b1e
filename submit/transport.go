package submit

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync"
	"time"
)

// wireClient is the SDK's HTTP client for one CreateJob call (the SDK's
// Config.HttpClient hook). It uses the transport the SDK builds (proxies,
// TLS, connect and response-header timeouts) and adds what the SDK lacks:
// the caller's context, no redirects (a 307 would send the create again), no
// proxy to loopback, and a record of how far the request got, so that a
// failure can be told apart as "not sent" or "may have been created".
type wireClient struct {
	ctx      context.Context
	timeout  time.Duration
	loopback bool

	mu           sync.Mutex
	calls        int
	wroteHeaders bool
	wroteRequest bool
	status       int
	requestID    string
	sandbox      bool
	body         bytes.Buffer
	bodyRead     int64
	tooLarge     bool
	transport    *http.Transport
}

// bodyKeep is how much of an answer is kept to show when it cannot be read.
const bodyKeep = 64 << 10

// answerCap is the most of an answer that is read. SAE answers in a few
// kilobytes; the SDK reads a body whole, so a huge answer (a proxy's, or a
// hostile server's) would otherwise be held in memory entire.
const answerCap = 1 << 20

// errAnswerTooLarge stops the SDK's reading past answerCap.
var errAnswerTooLarge = errors.New("the answer is larger than 1 MiB, more than any SAE answer; reading stopped")

func (c *wireClient) Call(req *http.Request, trans *http.Transport) (*http.Response, error) {
	c.mu.Lock()
	c.calls++
	c.transport = trans
	c.mu.Unlock()
	if c.loopback {
		trans.Proxy = nil
	}
	trace := &httptrace.ClientTrace{
		WroteHeaders: func() {
			c.mu.Lock()
			c.wroteHeaders = true
			c.mu.Unlock()
		},
		WroteRequest: func(httptrace.WroteRequestInfo) {
			c.mu.Lock()
			c.wroteRequest = true
			c.mu.Unlock()
		},
	}
	hc := &http.Client{
		Transport: trans,
		Timeout:   c.timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	resp, err := hc.Do(req.WithContext(httptrace.WithClientTrace(c.ctx, trace)))
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.status = resp.StatusCode
	c.requestID = resp.Header.Get("x-acs-request-id")
	c.sandbox = resp.Header.Get(SandboxHeader) != ""
	c.mu.Unlock()
	resp.Body = &keepingBody{ReadCloser: resp.Body, c: c}
	return resp, nil
}

// SandboxHeader is the header a sandbox sets on every answer (package
// sandbox sets it to its Label). SAE never sends it, and unlike a word in
// the Message it does not depend on what the server chose to say.
const SandboxHeader = "X-Sandbox"

// fromSandbox reports whether the last answer came from a sandbox.
func (c *wireClient) fromSandbox() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sandbox
}

func (c *wireClient) callCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls
}

// sent reports whether any part of the request may have reached the server.
func (c *wireClient) sent() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.wroteHeaders || c.wroteRequest || c.status != 0
}

func (c *wireClient) answer() (status int, requestID, body string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.status, c.requestID, c.body.String()
}

func (c *wireClient) close() {
	c.mu.Lock()
	t := c.transport
	c.mu.Unlock()
	if t != nil {
		t.CloseIdleConnections()
	}
}

// answerTooLarge reports whether the answer went past answerCap, and how
// many bytes of it were read.
func (c *wireClient) answerTooLarge() (bool, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tooLarge, c.bodyRead
}

// keepingBody keeps the start of the answer as the SDK reads it, and stops
// the reading one byte past answerCap.
type keepingBody struct {
	io.ReadCloser
	c *wireClient
}

func (b *keepingBody) Read(p []byte) (int, error) {
	b.c.mu.Lock()
	room := answerCap + 1 - b.c.bodyRead
	tooLarge := b.c.tooLarge
	b.c.mu.Unlock()
	if tooLarge || room <= 0 {
		return 0, errAnswerTooLarge
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.c.mu.Lock()
		b.c.bodyRead += int64(n)
		if keep := bodyKeep - b.c.body.Len(); keep > 0 {
			b.c.body.Write(p[:min(n, keep)])
		}
		tooLarge = b.c.bodyRead > answerCap
		b.c.tooLarge = tooLarge
		b.c.mu.Unlock()
	}
	if tooLarge {
		// Closing an unfinished body drops the connection: the server stops sending.
		b.ReadCloser.Close()
		return n, errAnswerTooLarge
	}
	return n, err
}
