package ui

import (
	"bytes"
	"context"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
	"github.com/saejob/saejob/submit/sandbox"
)

// flow drives the whole program through teatest, waiting for a visible
// marker between steps (keys sent in a burst race the screen).
type flow struct {
	t  *testing.T
	tm *teatest.TestModel
	m  *Model
}

func startFlow(t *testing.T, o Options) *flow {
	t.Helper()
	if o.Now == nil {
		o.Now = func() time.Time { return fixedNow }
	}
	if o.DraftDelay == 0 {
		o.DraftDelay = 20 * time.Millisecond
	}
	m := New(o)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	return &flow{t: t, tm: tm, m: m}
}

// keys sends named keys or typed text (see keyMsgs).
func (f *flow) keys(keys ...string) *flow {
	for _, k := range keys {
		for _, msg := range keyMsgs(k) {
			f.tm.Send(msg)
		}
	}
	return f
}

// wait blocks until the screen shows text.
func (f *flow) wait(text string) *flow {
	f.t.Helper()
	teatest.WaitFor(f.t, f.tm.Output(), func(b []byte) bool {
		return bytes.Contains([]byte(plain(string(b))), []byte(text))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	return f
}

// finish quits and returns the final model.
func (f *flow) finish() *Model {
	f.t.Helper()
	if err := f.tm.Quit(); err != nil {
		f.t.Fatal(err)
	}
	return f.tm.FinalModel(f.t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
}

var volatile = regexp.MustCompile(`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9A-F]{8}-[0-9A-F-]{20,}|\b[0-9a-f]{24,}\b|/tmp/\S+|127\.0\.0\.1:\d+`)

// goldenScreen compares the final screen with testdata/<test>.golden
// (go test ./ui -update rewrites it); IDs and ports are masked.
func goldenScreen(t *testing.T, m *Model) {
	t.Helper()
	goldenText(t, plain(m.View()))
}

// goldenText compares a screen captured earlier with testdata/<test>.golden.
func goldenText(t *testing.T, screen string) {
	t.Helper()
	screen = volatile.ReplaceAllString(screen, "<id>")
	var lines []string
	for _, l := range strings.Split(screen, "\n") {
		lines = append(lines, strings.TrimRight(l, " "))
	}
	golden.RequireEqual(t, []byte(strings.Join(lines, "\n")+"\n"))
}

// sandboxSubmitter sends to a sandbox on loopback through package submit,
// as cmd/saejob does.
type sandboxSubmitter struct {
	sb  *sandbox.Server
	url string
}

func newSandbox(t *testing.T) *sandboxSubmitter {
	t.Helper()
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	sb := sandbox.New()
	srv := httptest.NewServer(sb)
	t.Cleanup(func() { sb.Close(); srv.Close() })
	return &sandboxSubmitter{sb: sb, url: srv.URL}
}

func (s *sandboxSubmitter) Target() string { return "the sandbox at " + s.url }

func (s *sandboxSubmitter) Submit(ctx context.Context, t *model.Template) model.SubmitOutcome {
	return submit.Outcome(submit.Submit(ctx, t, submit.Options{
		Region:      "cn-hangzhou",
		Endpoint:    s.url,
		Credentials: &submit.Credentials{AccessKeyId: s.sb.AccessKeyId, AccessKeySecret: s.sb.AccessKeySecret},
		Getenv:      func(string) string { return "" },
	}))
}

// fakeSubmitter answers with a fixed outcome and records what it got.
type fakeSubmitter struct {
	got []*model.Template
	res model.SubmitOutcome
}

func (f *fakeSubmitter) Submit(ctx context.Context, t *model.Template) model.SubmitOutcome {
	c := *t
	f.got = append(f.got, &c)
	return f.res
}

var _ tea.Model = (*Model)(nil)
