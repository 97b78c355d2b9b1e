package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/charmbracelet/x/term"
	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
	"github.com/spf13/cobra"
)

func init() { register(newSubmitCmd) }

// submitFlags are saejob submit's options.
type submitFlags struct {
	yes, dryRun, asJSON bool
	wait                bool
	region, profile     string
	endpoint            string
}

// stdinIsTerminal reports whether r is an interactive terminal (tests replace it).
var stdinIsTerminal = func(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// submitOptions lets tests shorten timeouts; nil in the program.
var submitOptions func(*submit.Options)

// Codes that --json reports for failures that are not SAE's answers.
const (
	codeNotSent      = submit.CodeNotSent
	codeSecretNotSet = "saejob.SecretNotSet"
)

func newSubmitCmd(a *app) *cobra.Command {
	var f submitFlags
	cmd := &cobra.Command{
		Use:   "submit FILE [--yes] [--dry-run] [--wait] [--json] [--region R] [--profile P] [--endpoint URL]",
		Short: "Validate a template file and send it to SAE (CreateJob)",
		Long: `Validate a template file and send it to SAE as one CreateJob request.

The template is validated first; when it is invalid its problems are listed
(as 'saejob validate' does) and nothing is sent. On a terminal, submit shows
what it will send (secrets masked) and asks before sending; --yes skips the
question, and is required when not running interactively. --dry-run shows
what would be sent and where, and sends nothing.

Credentials come from the standard Alibaba Cloud chain: the variables
ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and
ALIBABA_CLOUD_SECURITY_TOKEN), OIDC, the aliyun CLI's profiles
(~/.aliyun/config.json; --profile or ALIBABA_CLOUD_PROFILE), and
~/.alibabacloud/credentials. The ECS instance role is used only when
ALIBABA_CLOUD_ECS_METADATA or the chosen profile asks for it. Secrets written
as ${NAME} in the file are read from the environment now.

The region is --region, else the profile's region_id, else
ALIBABA_CLOUD_REGION_ID; the endpoint is https://sae.<region>.aliyuncs.com
unless --endpoint says otherwise (plain http:// only to a loopback address,
such as 'saejob sandbox'; a loopback host given without a scheme means
http://, any other host https://).

A create is never retried: when the request may have reached SAE but no
clear answer came back (timeout, dropped connection, server error), submit
says the job template may have been created and how to check.

With --json, stdout gets one object: on success
  {"RequestId", "AppId", "ChangeOrderId", "TraceId"}
and on failure
  {"HttpStatus", "Code", "Message", "RequestId", "Field", "Explanation"}
where Code is SAE's error code, saejob.HTTPnnn for an error answer that
has none (HTTP status nnn), or one of saejob.MayHaveBeenCreated,
saejob.NotSent, saejob.NoCredentials, saejob.BadEndpoint, saejob.SecretNotSet,
saejob.RegionMismatch (the NamespaceId is in another region), saejob.Usage
(a wrong command line). An invalid or unreadable template prints validate's
object for the file instead. Every case prints exactly one object.

--wait then follows the change order (DescribeChangeOrder, at most once a
second, backing off to every 10s) until it ends, with progress on stderr;
CreateJob is never sent again. Ctrl-C stops waiting (exit 130) and says how
to check later. With --json the object gains
  "ChangeOrder": {"Status": "success", "ErrorMessage": ""}
where Status is preparing, executing, success, failed, terminated, waiting,
system-failure, pending-approval (or unknown when it could not be read).
A change order waiting for a manual batch or an approval ends the wait.

Exit status: 0 created (or --dry-run; with --wait, and the change order
succeeded), 1 invalid template, SAE refused it, the namespace is in another
region, or it may have failed (with --wait: the change order failed, was
terminated or waits for a person), 2 usage error, unreadable file, no
credentials or a bad endpoint, 130 Ctrl-C (at the question nothing is sent:
saejob.NotSent).`,
		Example: `  saejob submit job.yaml --region cn-hangzhou
  saejob submit job.yaml --dry-run
  saejob submit job.yaml --yes --json --profile prod
  saejob submit job.yaml --endpoint http://127.0.0.1:8086 --region cn-hangzhou   # against 'saejob sandbox'`,
		ValidArgsFunction: completeTemplateFiles,
		Annotations:       map[string]string{jsonFailures: "true"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("submit needs exactly one FILE (see 'saejob submit --help')")
			}
			return runSubmit(context.Background(), a, args[0], f)
		},
	}
	fl := cmd.Flags()
	fl.BoolVarP(&f.yes, "yes", "y", false, "send without asking")
	fl.BoolVar(&f.dryRun, "dry-run", false, "show what would be sent, and send nothing")
	fl.BoolVar(&f.asJSON, "json", false, "print the result or the error as JSON on stdout")
	fl.BoolVar(&f.wait, "wait", false, "then follow the change order until it ends (exit 1 unless it succeeds)")
	fl.StringVar(&f.region, "region", "", "region id, e.g. cn-hangzhou (default: the profile's, else $ALIBABA_CLOUD_REGION_ID)")
	fl.StringVar(&f.profile, "profile", "", "aliyun CLI profile to use (default: $ALIBABA_CLOUD_PROFILE, else the current one)")
	fl.StringVar(&f.endpoint, "endpoint", "", "endpoint URL instead of https://sae.<region>.aliyuncs.com")
	return cmd
}

func runSubmit(ctx context.Context, a *app, path string, f submitFlags) error {
	t, err := loadTemplate(a, path)
	if err != nil {
		if f.asJSON {
			if err := writeJSON(a.stdout, fileReport(fileResult{path: path, err: err})); err != nil {
				return err
			}
		} else {
			reportLoadError(a.stderr, err)
		}
		return &exitError{code: exitUsage, err: err, silent: true}
	}
	problems := t.Validate()
	if !problems.Valid() {
		if f.asJSON {
			if err := writeJSON(a.stdout, fileReport(fileResult{path: path, problems: problems})); err != nil {
				return err
			}
		} else {
			for _, p := range problems.Errors() {
				fmt.Fprintf(a.stdout, "%s: %s\n", model.Visible(path), problemText(p))
			}
			for _, p := range problems.Warnings() {
				fmt.Fprintf(a.stdout, "%s: warning: %s\n", model.Visible(path), problemText(p))
			}
			fmt.Fprintf(a.stderr, "saejob: %s is invalid; nothing was sent\n", model.Visible(path))
		}
		return failed()
	}
	for _, p := range problems.Warnings() {
		fmt.Fprintf(a.stderr, "%s: warning: %s\n", model.Visible(path), problemText(p))
	}

	opts := submit.Options{Region: f.region, Profile: f.profile, Endpoint: f.endpoint, Getenv: a.getenv, UserAgent: "saejob/" + versionString()}
	if submitOptions != nil {
		submitOptions(&opts)
	}
	client, err := submit.New(opts)
	if err != nil {
		return reportSubmitError(a, f, path, err)
	}
	ep := client.Endpoint()

	// Secrets written as ${NAME} are read now, into the copy that is sent;
	// everything shown keeps the reference (or the mask).
	lookup := func(name string) (string, bool) { v := a.getenv(name); return v, v != "" }
	resolved := *t
	secretErr := resolved.ResolveSecrets(lookup)

	if err := client.CheckNamespaceRegion(t); err != nil {
		if !f.dryRun {
			return reportSubmitError(a, f, path, err)
		}
		fmt.Fprintf(a.stderr, "%s: warning: %v; submit would stop here\n", model.Visible(path), err)
	}
	if f.dryRun {
		return dryRun(a, f, path, t, ep, secretErr)
	}
	if secretErr != nil {
		return reportSubmitError(a, f, path, &secretError{err: secretErr})
	}
	if !f.yes && !stdinIsTerminal(a.stdin) {
		return usageError("--yes required when not running interactively (or use --dry-run to see what would be sent)")
	}
	source, keyID, err := client.Credentials(ctx)
	if err != nil {
		return reportSubmitError(a, f, path, err)
	}
	// From here Ctrl-C cancels: at the question it sends nothing and says
	// so (one JSON object with --json, exit 130 as after any Ctrl-C); while
	// sending it cancels the request and says whether it may have reached
	// SAE, instead of killing saejob mid-flight.
	ctx, stop := notifyInterrupt(ctx)
	defer stop()
	if !f.yes {
		describeRequest(a.stderr, t, ep, source, keyID)
		fmt.Fprintf(a.stderr, "Send CreateJob to %s? [y/N] ", ep)
		answer, interrupted := askLine(ctx, a.stdin)
		if interrupted {
			fmt.Fprintln(a.stderr, "\nInterrupted. Not sent.")
			if f.asJSON {
				_ = writeJSON(a.stdout, jsonFailure{Code: codeNotSent, Message: "not sent: interrupted at the question"})
			}
			return &exitError{code: exitInterrupted, err: errors.New("interrupted"), silent: true}
		}
		switch strings.ToLower(strings.TrimSpace(answer)) {
		case "y", "yes":
		default:
			fmt.Fprintln(a.stderr, "Not sent.")
			if f.asJSON {
				_ = writeJSON(a.stdout, jsonFailure{Code: codeNotSent, Message: "not sent: the answer to the question was not yes"})
			}
			return failed()
		}
	}
	if !f.asJSON {
		fmt.Fprintf(a.stderr, "Sending CreateJob to %s...\n", ep)
	}
	res, err := client.Submit(ctx, &resolved)
	if err != nil {
		return reportSubmitError(a, f, path, err)
	}
	if f.wait {
		return waitAfterSubmit(ctx, a, f, client, t, res, path)
	}
	if f.asJSON {
		return writeJSON(a.stdout, res)
	}
	writeCreated(a.stdout, t, res, path)
	return nil
}

// notifyInterrupt returns a context cancelled by Ctrl-C or SIGTERM (tests
// replace it to interrupt without a signal).
var notifyInterrupt = func(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
}

// askLine reads one line of r, or gives up when ctx is cancelled first
// (interrupted); the reading goroutine is left to the process's end.
func askLine(ctx context.Context, r io.Reader) (line string, interrupted bool) {
	got := make(chan string, 1)
	go func() {
		answer, _ := bufio.NewReader(r).ReadString('\n')
		got <- answer
	}()
	select {
	case answer := <-got:
		return answer, false
	case <-ctx.Done():
		return "", true
	}
}

// secretError is a ${NAME} secret whose variable is not set.
type secretError struct{ err error }

func (e *secretError) Error() string { return e.err.Error() }

// describeRequest shows where the request goes, as whom, and what it carries (secrets masked).
func describeRequest(w io.Writer, t *model.Template, ep submit.Endpoint, source, keyID string) {
	// Values are shown with control characters and bidi overrides escaped:
	// what is read here is what is sent.
	fmt.Fprintf(w, "CreateJob %s\n", submit.Pathname)
	fmt.Fprintf(w, "  endpoint:    %s\n", model.Visible(ep.String()))
	if ep.RegionFrom != "" {
		fmt.Fprintf(w, "  region from: %s\n", model.Visible(ep.RegionFrom))
	}
	if source != "" {
		fmt.Fprintf(w, "  credentials: %s (AccessKey ID %s)\n", model.Visible(source), model.Visible(keyID))
	}
	wire := t.Wire(false)
	width := 0
	for _, p := range wire {
		width = max(width, len(p.Name))
	}
	fmt.Fprintf(w, "  parameters (%d):\n", len(wire))
	for _, p := range wire {
		fmt.Fprintf(w, "    %-*s  %s\n", width, p.Name, model.Visible(p.Value))
	}
}

func dryRun(a *app, f submitFlags, path string, t *model.Template, ep submit.Endpoint, secretErr error) error {
	if secretErr != nil {
		fmt.Fprintf(a.stderr, "%s: warning: %v; submit would stop here\n", model.Visible(path), secretErr)
	}
	if f.asJSON {
		var b bytes.Buffer
		b.WriteString("{\n  \"Action\": \"CreateJob\",\n  \"Endpoint\": ")
		b.Write(model.JSONString(ep.URL()))
		b.WriteString(",\n  \"Region\": ")
		b.Write(model.JSONString(ep.Region))
		b.WriteString(",\n  \"Parameters\": ")
		params := bytes.TrimSuffix(t.PreviewJSON(false), []byte("\n"))
		b.Write(bytes.ReplaceAll(params, []byte("\n"), []byte("\n  ")))
		b.WriteString("\n}\n")
		_, err := a.stdout.Write(b.Bytes())
		return err
	}
	describeRequest(a.stdout, t, ep, "", "")
	fmt.Fprintln(a.stdout, "Dry run: nothing was sent.")
	return nil
}

// writeCreated tells what was created and what to do next.
func writeCreated(w io.Writer, t *model.Template, res *submit.Result, path string) {
	region := res.Endpoint.Region
	// The IDs are the server's, raw: escaped where shown, shell-quoted
	// ($'...' for hidden characters) in the commands to paste.
	if res.Sandbox {
		fmt.Fprintf(w, "The sandbox at %s accepted job template %q: nothing was created, and these IDs exist nowhere else.\n", res.Endpoint.URL(), t.AppName)
	} else {
		fmt.Fprintf(w, "Created job template %q in %s.\n", t.AppName, res.Endpoint)
	}
	fmt.Fprintf(w, "  AppId          %s\n  ChangeOrderId  %s\n  RequestId      %s\n  TraceId        %s\n",
		model.Visible(res.AppId), model.Visible(res.ChangeOrderId), model.Visible(res.RequestId), model.Visible(res.TraceId))
	if res.Sandbox {
		fmt.Fprintf(w, "To create it for real, submit without --endpoint: saejob submit %s --region <region>\n", model.ShellWord(path))
		return
	}
	r := region
	if r == "" {
		r = "<region>"
	}
	fmt.Fprintf(w, "Next:\n")
	if res.ChangeOrderId != "" {
		fmt.Fprintf(w, "  follow the change order:  aliyun sae GET /pop/v1/sam/changeorder/DescribeChangeOrder --region %s --ChangeOrderId %s\n", r, model.ShellWord(res.ChangeOrderId))
	}
	if res.AppId != "" {
		fmt.Fprintf(w, "  see the job template:     aliyun sae GET /pop/v1/sam/job/describeJob --region %s --AppId %s\n", r, model.ShellWord(res.AppId))
	}
	fmt.Fprintf(w, "  or open it in the SAE console (Job templates, region %s).\n", r)
}

// jsonFailure is --json's object for any failure after validation: the
// shared submit outcome (model.SubmitOutcome) under the keys scripts read.
type jsonFailure struct {
	HttpStatus  int
	Code        string
	Message     string
	RequestId   string
	Field       string
	Explanation string
}

// failureOf is the --json object of a failed submit's outcome.
func failureOf(o model.SubmitOutcome) jsonFailure {
	return jsonFailure{o.HttpStatus, o.Code, o.Message, o.RequestId, o.Field, o.Explanation}
}

// reportSubmitError prints a failure (as text on stderr, or JSON on
// stdout) and returns the exit status it maps to.
func reportSubmitError(a *app, f submitFlags, path string, err error) error {
	var (
		api   *submit.APIError
		unc   *submit.UncertainError
		ns    *submit.NotSentError
		cred  *submit.CredentialsError
		ep    *submit.EndpointError
		rm    *submit.RegionMismatchError
		inv   *submit.InvalidTemplateError
		sec   *secretError
		out   = failureOf(submit.Outcome(nil, err))
		code  = exitInvalid
		lines []string
	)
	switch {
	case errors.As(err, &api):
		head := "CreateJob failed"
		if api.Code != "" {
			head += ": " + api.Code
		}
		lines = append(lines, fmt.Sprintf("%s (HTTP %d)", head, api.HttpStatus))
		if api.Message != "" {
			lines = append(lines, "  Message:      "+api.Message)
		}
		if api.Explanation != "" {
			lines = append(lines, "  Explanation:  "+api.Explanation)
		}
		if api.Field != "" {
			lines = append(lines, fmt.Sprintf("  Field:        %s (fix it in %s, then submit again)", api.Field, path))
		}
		if api.RequestId != "" {
			lines = append(lines, "  RequestId:    "+api.RequestId)
		}
		if api.Recommend != "" {
			lines = append(lines, "  More:         "+api.Recommend)
		}
		if api.MayHaveBeenCreated {
			lines = append(lines, "SAE failed after receiving the request: the job template may have been created.",
				"Before sending it again, "+api.Check)
		}
	case errors.As(err, &unc):
		lines = append(lines, fmt.Sprintf("the request was sent to %s but %s: the job template may have been created.", unc.Endpoint, unc.Reason))
		if unc.RequestId != "" {
			lines = append(lines, "  RequestId:         "+unc.RequestId)
		}
		if unc.Body != "" {
			lines = append(lines, "  The answer began:  "+unc.Body)
		}
		lines = append(lines, "Do not send it again before checking: "+unc.Check)
	case errors.As(err, &ns):
		lines = append(lines, ns.Error())
	case errors.As(err, &cred):
		code = exitUsage
		lines = append(lines, cred.Error(), "Nothing was sent.")
	case errors.As(err, &ep):
		code = exitUsage
		lines = append(lines, ep.Reason, "Nothing was sent.")
	case errors.As(err, &rm):
		lines = append(lines, path+": "+rm.Error())
	case errors.As(err, &sec):
		code = exitUsage
		out = failureOf(model.SubmitOutcome{Status: model.OutcomeStopped, Code: codeSecretNotSet, Message: sec.Error(), Field: "OssAkSecret"})
		lines = append(lines, path+": "+sec.Error(), "Nothing was sent.")
	case errors.As(err, &inv):
		// Validated above; only a change between load and send gets here.
		if f.asJSON {
			if werr := writeJSON(a.stdout, fileReport(fileResult{path: path, problems: inv.Problems})); werr != nil {
				return werr
			}
			return &exitError{code: code, err: err, silent: true}
		}
		for _, p := range inv.Problems.Errors() {
			lines = append(lines, path+": "+problemText(p))
		}
	default:
		// The client's other failures (setting up the SDK client, building
		// the request) all come before anything is sent.
		lines = append(lines, err.Error())
	}
	if f.asJSON {
		if werr := writeJSON(a.stdout, out); werr != nil {
			return werr
		}
	} else {
		// Server text (kept raw by package submit) and anything quoted from
		// a file or a profile is escaped here.
		fmt.Fprintln(a.stderr, "saejob: "+model.VisibleLines(strings.Join(lines, "\n")))
	}
	return &exitError{code: code, err: err, silent: true}
}
