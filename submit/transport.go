package submit

import (
	"bytes"
	"context"
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
	body         bytes.Buffer
	transport    *http.Transport
}

// bodyKeep is how much of an answer is kept to show when it cannot be read.
const bodyKeep = 64 << 10

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
	c.mu.Unlock()
	resp.Body = &keepingBody{ReadCloser: resp.Body, c: c}
	return resp, nil
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

// keepingBody keeps the start of the answer as the SDK reads it.
type keepingBody struct {
	io.ReadCloser
	c *wireClient
}

func (b *keepingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.c.mu.Lock()
		if room := bodyKeep - b.c.body.Len(); room > 0 {
			b.c.body.Write(p[:min(n, room)])
		}
		b.c.mu.Unlock()
	}
	return n, err
}
