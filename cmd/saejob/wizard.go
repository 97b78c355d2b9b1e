package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"

	"github.com/charmbracelet/x/term"
	"github.com/saejob/saejob/assets"
	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
	"github.com/saejob/saejob/submit/sandbox"
	"github.com/saejob/saejob/ui"
	"github.com/spf13/cobra"
)

func init() {
	register(newNewCmd)
	register(newEditCmd)
	wizardRoot = setupWizardRoot
}

// wizardRoot makes bare `saejob` start the wizard: newRoot calls it (when
// set) with the root command, to add the wizard's flags and Run.
var wizardRoot func(a *app, root *cobra.Command)

// wizardFlags are the options every wizard command takes.
type wizardFlags struct {
	accessible bool
	practice   bool
	region     string
	profile    string
	endpoint   string
}

func (f *wizardFlags) add(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&f.accessible, "accessible", false, "plain line prompts instead of the full-screen wizard (also ACCESSIBLE=1 or TERM=dumb)")
	cmd.Flags().BoolVar(&f.practice, "sandbox", false, "practice: submit to a local sandbox started for this session (nothing is created)")
	cmd.Flags().StringVar(&f.region, "region", "", "region to submit to (default: the profile's or $ALIBABA_CLOUD_REGION_ID)")
	cmd.Flags().StringVar(&f.profile, "profile", "", "aliyun CLI credentials profile for submitting")
	cmd.Flags().StringVar(&f.endpoint, "endpoint", "", "endpoint URL to submit to instead of the region's")
}

func setupWizardRoot(a *app, root *cobra.Command) {
	var f wizardFlags
	f.add(root)
	root.Args = cobra.NoArgs
	root.RunE = func(cmd *cobra.Command, args []string) error {
		return runWizard(a, f, ui.Options{Start: ui.StartMenu})
	}
}

func newNewCmd(a *app) *cobra.Command {
	var f wizardFlags
	var from string
	cmd := &cobra.Command{
		Use:   "new [--from FILE|EXAMPLE]",
		Short: "Start the wizard on a new job template",
		Long: `Start the wizard on a new job template: step by step from nothing, or from
a template file or a bundled example (saejob examples lists them).

The wizard checks every field as you type, shows exactly what will be sent,
saves the template (.yaml or .json) and submits it. Your work is kept as a
draft while you type and when you quit, one draft per template (in
saejob/drafts in your config directory, e.g. ~/.config; $SAEJOB_DRAFT names
another folder); the next start lists the drafts to resume. Ctrl-C keeps the
draft and exits 130; a draft that cannot be kept exits 1. Without a terminal
(piped input, ACCESSIBLE=1, TERM=dumb or --accessible) it asks plain
questions one line at a time instead.

Keys: tab or enter next field, shift+tab previous, ctrl+o opens a field's
choices or list, ctrl+n/ctrl+p next/previous step (ctrl+t then 1-6 goes to
one), ctrl+e edits a multi-line field in $EDITOR, ctrl+r review, f1 all keys,
ctrl+c quit (the draft is kept).`,
		Example: `  saejob new
  saejob new --from java-fatjar-cron
  saejob new --from job.yaml --sandbox`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := ui.Options{Start: ui.StartMenu}
			if from != "" {
				t, err := loadFrom(from)
				if err != nil {
					return err
				}
				opts.Template, opts.Start = t, ui.StartSteps
			}
			return runWizard(a, f, opts)
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "start from a template FILE or a bundled EXAMPLE name")
	f.add(cmd)
	return cmd
}

func newEditCmd(a *app) *cobra.Command {
	var f wizardFlags
	cmd := &cobra.Command{
		Use:   "edit FILE",
		Short: "Open a template file in the wizard; saving writes it back",
		Long: `Open a template file in the wizard at its review: every problem is listed
(enter on one goes to its field) beside exactly what will be sent. Saving
writes FILE back. A FILE that does not exist yet is started from nothing.`,
		Example: `  saejob edit job.yaml`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			if _, err := model.FormatFor(path); err != nil {
				return usageError("%v", err)
			}
			opts := ui.Options{Path: path, Start: ui.StartReview}
			t, err := model.Load(path)
			switch {
			case err == nil:
				opts.Template = t
			case errors.Is(err, fs.ErrNotExist):
				// A new template, from the console's defaults.
				opts.Template, opts.Start = nil, ui.StartSteps
			default:
				return &exitError{code: exitUsage, err: err}
			}
			return runWizard(a, f, opts)
		},
	}
	f.add(cmd)
	return cmd
}

// writerIsTerminal reports whether w is an interactive terminal.
func writerIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// loadFrom reads --from: a template file, else a bundled example.
func loadFrom(from string) (*model.Template, error) {
	if _, err := os.Stat(from); err == nil {
		t, err := model.Load(from)
		if err != nil {
			return nil, &exitError{code: exitUsage, err: err}
		}
		return t, nil
	}
	if ex, ok := assets.Find(from); ok {
		return model.Parse(ex.Data, model.YAML, ex.FileName())
	}
	return nil, usageError("--from %s: no such file, and no bundled example of that name (examples: %s)", from, strings.Join(assets.Names(), ", "))
}

// runWizard fills in what ui needs from the command line and starts it.
func runWizard(a *app, f wizardFlags, opts ui.Options) error {
	opts.Input = a.stdin
	opts.Output = a.stderr
	opts.NoColor = a.getenv("NO_COLOR") != ""
	opts.Region = f.region
	if opts.Region == "" {
		opts.Region = a.getenv("ALIBABA_CLOUD_REGION_ID")
	}
	// The full-screen wizard needs a terminal on both ends; anything else
	// (a pipe, a log file, a screen reader's plain console) gets prompts.
	opts.Accessible = f.accessible || ui.WantAccessible(a.getenv) || !stdinIsTerminal(a.stdin) || !writerIsTerminal(a.stderr)
	if dir := a.getenv("SAEJOB_DRAFT"); dir != "" {
		opts.Drafts = &ui.DraftStore{Dir: dir}
	} else if d, err := ui.DefaultDraftStore(); err == nil {
		opts.Drafts = d
	}
	for _, ex := range assets.Examples() {
		ex := ex
		opts.Examples = append(opts.Examples, ui.Example{
			Name:  ex.Name,
			Title: ex.Title,
			Load:  func() (*model.Template, error) { return model.Parse(ex.Data, model.YAML, ex.FileName()) },
		})
	}
	sub := &wizardSubmitter{opts: submit.Options{Region: f.region, Profile: f.profile, Endpoint: f.endpoint, Getenv: a.getenv}}
	if f.practice {
		stop, err := sub.startSandbox()
		if err != nil {
			return err
		}
		defer stop()
	}
	opts.Submitter = sub
	opts.Account = newWizardAccount(sub) // account.go: the wizard's choices from the account
	if err := ui.Run(opts); err != nil {
		// The wizard printed why already (where the draft is, or why it
		// could not be kept): only the status is left to give.
		var ee *ui.ExitError
		if errors.As(err, &ee) {
			return &exitError{code: ee.Code, err: err, silent: true}
		}
		return &exitError{code: exitInvalid, err: err}
	}
	return nil
}

// wizardSubmitter adapts package submit to the wizard's Submitter: the
// client is made when first needed, so starting the wizard reads no
// configuration and touches no network.
type wizardSubmitter struct {
	opts    submit.Options
	sandbox string // the practice sandbox's URL, when one runs

	once   sync.Once
	client *submit.Client
	err    error
}

func (s *wizardSubmitter) startSandbox() (stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	sb := sandbox.New()
	srv := &http.Server{Handler: sb}
	go srv.Serve(ln)
	s.sandbox = "http://" + ln.Addr().String()
	s.opts.Endpoint = s.sandbox
	s.opts.Credentials = &submit.Credentials{AccessKeyId: sb.AccessKeyId, AccessKeySecret: sb.AccessKeySecret}
	if s.opts.Region == "" {
		s.opts.Region = "cn-hangzhou"
	}
	return func() { sb.Close(); srv.Close() }, nil
}

func (s *wizardSubmitter) get() (*submit.Client, error) {
	s.once.Do(func() { s.client, s.err = submit.New(s.opts) })
	return s.client, s.err
}

// Target says where the template goes, for the wizard's question.
func (s *wizardSubmitter) Target() string {
	if s.sandbox != "" {
		return "the practice sandbox at " + s.sandbox + " (nothing is created)"
	}
	c, err := s.get()
	if err != nil {
		return "SAE (" + err.Error() + ")"
	}
	return "SAE at " + c.Endpoint().String()
}

// Submit sends the template once and says what came of it, in the outcome
// type the wizard and the command line share.
func (s *wizardSubmitter) Submit(ctx context.Context, t *model.Template) model.SubmitOutcome {
	c, err := s.get()
	if err != nil {
		return submit.Outcome(nil, err)
	}
	res, err := c.Submit(ctx, t)
	var mismatch *submit.RegionMismatchError
	if errors.As(err, &mismatch) {
		// The wizard's own key chooses another region.
		return model.SubmitOutcome{Status: model.OutcomeStopped, Code: "saejob.RegionMismatch", Field: "NamespaceId",
			Message:     fmt.Sprintf("NamespaceId %s is a namespace of %s, but the job would go to %s.", model.Visible(mismatch.NamespaceId), model.Visible(mismatch.NamespaceRegion), mismatch.Region),
			Explanation: fmt.Sprintf(model.NothingSent+" Choose region %s (ctrl+g), or a namespace of %s.", model.Visible(mismatch.NamespaceRegion), mismatch.Region)}
	}
	return submit.Outcome(res, err)
}
