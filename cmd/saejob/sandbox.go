package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/saejob/saejob/submit/sandbox"
	"github.com/spf13/cobra"
)

func init() { register(newSandboxCmd) }

// defaultSandboxAddr is where saejob sandbox listens unless told otherwise.
const defaultSandboxAddr = "127.0.0.1:8086"

type sandboxFlags struct {
	addr      string
	fault     string
	keyID     string
	keySecret string
	outcome   string
}

func newSandboxCmd(a *app) *cobra.Command {
	var f sandboxFlags
	cmd := &cobra.Command{
		Use:   "sandbox [--addr HOST:PORT] [--fault FAULT]",
		Short: "Serve a local SAE-compatible CreateJob endpoint for practice and tests",
		Long: `Serve a local endpoint that speaks CreateJob as SAE does, for practice and
tests. Nothing sent to it runs anywhere: it creates nothing and says so in
every answer.

It accepts only requests signed (ACS3-HMAC-SHA256, as the official SDK signs)
with the key pair it prints, and rejects others as SAE does
(SignatureDoesNotMatch, InvalidAccessKeyId.NotFound). It validates the job
template with saejob's rules and answers in the reference's shape: fresh
AppId, ChangeOrderId, RequestId and TraceId, or the reference's error code
and HTTP status.

--fault makes every request misbehave, for trying out failures:
  error:CODE          answer CODE in SAE's body (its HTTP status from the catalogue)
  error:CODE:pop      answer CODE in the API gateway's body
  error:CODE:200      answer CODE with HTTP 200 and Success false
  error:CODE:STATUS   ... with that HTTP status
  stall               never answer (the client times out)
  drop                close the connection without answering
  garbage[:STATUS]    answer something that is not JSON (HTTP 200, or STATUS)
A request may carry the header X-Sandbox-Fault with the same syntax.

It also answers the reads saejob makes (DescribeRegions, DescribeNamespaceList,
DescribeNamespaceResources, ListNamespacedConfigMaps, ListJobs, DescribeJob,
DescribeConfigurationPrice, DescribeChangeOrder, ExecJob) from made-up data:
regions cn-hangzhou and cn-shanghai, their namespaces with a VPC, vSwitch and
security group, ConfigMaps, a few jobs, and the jobs created through it.
Their change orders are executing for two polls, then end as --change-order
says: success, failed, terminated, system-failure, manual-batch or approval.

It listens on loopback only (127.0.0.1, ::1 or localhost); stop it with Ctrl-C.`,
		Example: `  saejob sandbox
  saejob sandbox --addr 127.0.0.1:9000 --fault error:InvalidInstanceSpecification.Unsupported`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return runSandbox(ctx, a, f, nil)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", defaultSandboxAddr, "loopback address to listen on (port 0 picks a free one)")
	fl.StringVar(&f.fault, "fault", "", "misbehave on every request: "+sandbox.FaultSyntax)
	fl.StringVar(&f.outcome, "change-order", "success", "how the change orders of created jobs end: "+sandbox.OutcomeSyntax)
	fl.StringVar(&f.keyID, "access-key-id", "", "AccessKey ID to accept (default: a new random one)")
	fl.StringVar(&f.keySecret, "access-key-secret", "", "AccessKey secret to accept (default: a new random one)")
	return cmd
}

// runSandbox serves until ctx is done; ready, when set, gets the endpoint URL
// once the sandbox listens.
func runSandbox(ctx context.Context, a *app, f sandboxFlags, ready func(url string, sb *sandbox.Server)) error {
	host, _, err := net.SplitHostPort(f.addr)
	if err != nil {
		return usageError("--addr %q: want HOST:PORT, such as %s", f.addr, defaultSandboxAddr)
	}
	if !isLoopback(host) {
		return usageError("--addr %q: the sandbox listens on loopback only (127.0.0.1, ::1 or localhost), since saejob sends plain http:// only there", f.addr)
	}
	fault, err := sandbox.ParseFault(f.fault)
	if err != nil {
		return usageError("--fault: %v", err)
	}
	outcome, err := sandbox.ParseOutcome(f.outcome)
	if err != nil {
		return usageError("--change-order: %v", err)
	}
	if (f.keyID == "") != (f.keySecret == "") {
		return usageError("give both --access-key-id and --access-key-secret, or neither")
	}
	sb := sandbox.New()
	if f.keyID != "" {
		sb = sandbox.NewWithKeys(f.keyID, f.keySecret)
	}
	sb.SetFault(fault)
	sb.SetChangeOrderOutcome(outcome)
	sb.Log = a.stdout

	l, err := net.Listen("tcp", f.addr)
	if err != nil {
		return &exitError{code: exitInvalid, err: fmt.Errorf("cannot listen on %s: %v (is another sandbox running? try --addr 127.0.0.1:0)", f.addr, err)}
	}
	url := "http://" + l.Addr().String()
	printSandboxBanner(a.stdout, url, sb, fault)

	srv := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	if ready != nil {
		ready(url, sb)
	}
	select {
	case <-ctx.Done():
	case err := <-served:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			return &exitError{code: exitInvalid, err: fmt.Errorf("sandbox stopped: %v", err)}
		}
	}
	sb.Close() // release stalled requests
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = srv.Shutdown(shut)
	fmt.Fprintf(a.stdout, "Sandbox stopped after %d request(s). Nothing was created.\n", sb.Requests())
	return nil
}

func printSandboxBanner(w io.Writer, url string, sb *sandbox.Server, fault sandbox.Fault) {
	fmt.Fprintf(w, `saejob sandbox: a local CreateJob endpoint for practice. Nothing sent here runs anywhere.

Endpoint:  %s   (CreateJob: POST %s)
Keys (valid for this sandbox only):
  export ALIBABA_CLOUD_ACCESS_KEY_ID=%s
  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=%s
Then, in another terminal:
  saejob submit job.yaml --endpoint %s --region cn-hangzhou
`, url, sandbox.Path, sb.AccessKeyId, sb.AccessKeySecret, url)
	if fault.Mode != sandbox.None {
		fmt.Fprintf(w, "Fault: every request gets %q.\n", fault.String())
	}
	fmt.Fprintln(w, "Press Ctrl-C to stop.")
	fmt.Fprintln(w, strings.Repeat("-", 60))
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
