package submit

import (
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	sae "github.com/alibabacloud-go/sae-20190506/client"
	"github.com/alibabacloud-go/tea/tea"
)

// sdkClient is the SDK client for one call, shared by CreateJob and the
// reads: the endpoint, the credentials and timeouts, wc as its HTTP client
// (the caller's context, no redirects, no proxy to loopback), and no
// retries.
func (c *Client) sdkClient(creds *Credentials, wc *wireClient, connect, read time.Duration) (*sae.Client, error) {
	ua := "saejob"
	if c.opts.UserAgent != "" {
		ua = c.opts.UserAgent
	}
	cfg := &openapi.Config{
		AccessKeyId:     tea.String(creds.AccessKeyId),
		AccessKeySecret: tea.String(creds.AccessKeySecret),
		Endpoint:        tea.String(c.endpoint.Host),
		Protocol:        tea.String(c.endpoint.Protocol),
		ConnectTimeout:  tea.Int(int(connect / time.Millisecond)),
		ReadTimeout:     tea.Int(int(read / time.Millisecond)),
		UserAgent:       tea.String(ua),
		HttpClient:      wc,
		// RetryOptions stays nil: the SDK then makes exactly one attempt.
	}
	if creds.SecurityToken != "" {
		cfg.SecurityToken = tea.String(creds.SecurityToken)
	}
	if c.endpoint.Region != "" {
		cfg.RegionId = tea.String(c.endpoint.Region)
	}
	return sae.NewClient(cfg)
}
