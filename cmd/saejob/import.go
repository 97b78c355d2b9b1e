package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
	"github.com/spf13/cobra"
)

func init() { register(newImportCmd) }

// importFlags are saejob import's options.
type importFlags struct {
	out             string
	region, profile string
	endpoint        string
}

func newImportCmd(a *app) *cobra.Command {
	var f importFlags
	cmd := &cobra.Command{
		Use:   "import APPID [-o FILE] [--region R] [--profile P] [--endpoint URL]",
		Short: "Read a job from SAE (DescribeJob) and write it as a template",
		Long: `Read a job template from SAE (DescribeJob) and write it as a template file:
YAML on stdout, or FILE (-o) in the format its extension names (.yaml, .yml,
.json), written atomically: a new file gets mode 0644 (less the umask), an
existing one keeps its mode, and import writes no secret (a template that
holds one in clear is saved 0600). A header comment names the job, its
AppId and region; JSON holds no comments, so with a .json FILE what the
header would say goes to stderr, as "Note:" lines.

DescribeJob does not return AutoConfig, EnableImageAccl or BestEffortType,
and saejob never imports OssAkSecret (a secret): the header names them, so
that you can add them back. Everything else maps back to the parameters
that created the job, so 'saejob import APPID | saejob preview -' shows the
same request, secrets aside.

Credentials, region and endpoint are chosen as for 'saejob submit'. Nothing
is created or changed: import only reads.

Exit status: 0 written, 1 SAE refused the read (for example an unknown
AppId) or could not be reached, 2 usage error, no credentials, a bad
endpoint or an unwritable FILE.`,
		Example: `  saejob import 7171a6ca-d1cd-4928-8642-7d5cfe69xxxx --region cn-hangzhou
  saejob import 7171a6ca-d1cd-4928-8642-7d5cfe69xxxx -o nightly.yaml
  saejob import 7171a6ca-d1cd-4928-8642-7d5cfe69xxxx | saejob preview -`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 || strings.TrimSpace(args[0]) == "" {
				return usageError("import needs exactly one APPID (see 'saejob import --help')")
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return runImport(ctx, a, strings.TrimSpace(args[0]), f)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.out, "output", "o", "", "write the template to FILE (.yaml, .yml or .json) instead of stdout")
	fl.StringVar(&f.region, "region", "", "region id, e.g. cn-hangzhou (default: the profile's, else $ALIBABA_CLOUD_REGION_ID)")
	fl.StringVar(&f.profile, "profile", "", "aliyun CLI profile to use (default: $ALIBABA_CLOUD_PROFILE, else the current one)")
	fl.StringVar(&f.endpoint, "endpoint", "", "endpoint URL instead of https://sae.<region>.aliyuncs.com")
	_ = cmd.MarkFlagFilename("output", "yaml", "yml", "json")
	return cmd
}

func runImport(ctx context.Context, a *app, appID string, f importFlags) error {
	if f.out != "" {
		if _, err := model.FormatFor(f.out); err != nil {
			return usageError("-o %s: %v", f.out, err)
		}
	}
	opts := submit.Options{Region: f.region, Profile: f.profile, Endpoint: f.endpoint, Getenv: a.getenv, UserAgent: "saejob/" + versionString()}
	if submitOptions != nil {
		submitOptions(&opts)
	}
	client, err := submit.New(opts)
	if err != nil {
		return importFailure(a, appID, "", err)
	}
	ep := client.Endpoint()
	job, err := client.DescribeJob(ctx, appID)
	if err != nil {
		return importFailure(a, appID, ep.Region, err)
	}
	t, notes := model.FromDescribed(job.Described)
	header := importHeader(job, ep, notes)
	for _, n := range notes {
		fmt.Fprintf(a.stderr, "saejob: warning: %s\n", model.Visible(n))
	}
	if f.out == "" {
		data, err := model.MarshalWithHeader(t, model.YAML, header, model.SaveOptions{})
		if err != nil {
			return &exitError{code: exitInvalid, err: err}
		}
		_, err = a.stdout.Write(data)
		return err
	}
	if err := model.SaveWithHeader(f.out, t, header, model.SaveOptions{}); err != nil {
		return &exitError{code: exitUsage, err: fmt.Errorf("cannot write %s: %v", f.out, err)}
	}
	fmt.Fprintf(a.stderr, "Wrote %s from job %q (AppId %s).\n", f.out, model.Visible(t.AppName), model.Visible(job.AppId))
	if f, _ := model.FormatFor(f.out); f == model.JSON {
		// JSON has no comments: say here what the header would have said,
		// the region included.
		for _, h := range header {
			fmt.Fprintln(a.stderr, "Note: "+model.Visible(h))
		}
	}
	return nil
}

// importHeader is the comment at the top of an imported template.
func importHeader(job *submit.Job, ep submit.Endpoint, notes []string) []string {
	region := job.RegionId
	if region == "" {
		region = ep.Region
	}
	if region == "" {
		region = "unknown"
	}
	first := fmt.Sprintf("Imported by saejob from job %q, AppId %s, region %s (DescribeJob).", job.AppName, job.AppId, region)
	if job.Sandbox {
		first = fmt.Sprintf("Imported by saejob from a sandbox (the job exists nowhere else): job %q, AppId %s, region %s.", job.AppName, job.AppId, region)
	}
	h := []string{
		first,
		"Not returned by DescribeJob, so not set here: " + strings.Join(model.NotDescribed, ", ") + ".",
		"Never imported: OssAkSecret (a secret). If the job mounts OSS, add it, or ${OSS_AK_SECRET} to read it at submit time.",
	}
	for _, u := range job.PublicWebHookUrls {
		h = append(h, "Its HTTP trigger answers at "+u+" (public).")
	}
	for _, u := range job.VpcWebHookUrls {
		h = append(h, "Its HTTP trigger answers at "+u+" (inside the VPC).")
	}
	for _, n := range notes {
		h = append(h, "Could not read: "+n)
	}
	return h
}

// importFailure reports why the job could not be read and returns the exit status.
func importFailure(a *app, appID, region string, err error) error {
	var (
		re   *submit.ReadError
		cred *submit.CredentialsError
		ep   *submit.EndpointError
	)
	switch {
	case errors.As(err, &re):
		writeReadError(a.stderr, re)
		r := region
		if r == "" {
			r = "<region>"
		}
		if re.Code == "InvalidAppId.NotFound" || re.HttpStatus == 404 {
			fmt.Fprintf(a.stderr, "Check the AppId %s and the region (%s): the SAE console lists job templates per region, and so does\n  aliyun sae GET /pop/v1/sam/job/listJobs --region %s --Workload job --CurrentPage 1 --PageSize 20\n", model.Visible(appID), model.Visible(r), model.ShellWord(r))
		}
		return &exitError{code: exitInvalid, err: err, silent: true}
	case errors.As(err, &cred):
		fmt.Fprintln(a.stderr, "saejob: "+cred.Error())
		return &exitError{code: exitUsage, err: err, silent: true}
	case errors.As(err, &ep):
		fmt.Fprintln(a.stderr, "saejob: "+ep.Reason)
		return &exitError{code: exitUsage, err: err, silent: true}
	}
	return &exitError{code: exitInvalid, err: err}
}

// readExplanation is what a failed read means and what to do: the
// catalogue's text speaks of a create ("submit again", "nothing was
// created"), so causes common to every call get words for a read.
func readExplanation(re *submit.ReadError) string {
	if advice := model.ReadAdvice(submit.ReadCause(re), "run the same command again"); advice != "" {
		return advice
	}
	return re.Explanation
}

// writeReadError prints a failed read: SAE's answer or why none came, and
// that nothing was created or changed.
func writeReadError(w io.Writer, re *submit.ReadError) {
	if re.Reason != "" {
		fmt.Fprintf(w, "saejob: %s failed: %s\n", re.Operation, re.Reason)
	} else {
		head := fmt.Sprintf("saejob: %s failed", re.Operation)
		if re.Code != "" {
			head += ": " + model.Visible(re.Code)
		}
		fmt.Fprintf(w, "%s (HTTP %d)\n", head, re.HttpStatus)
		if re.Message != "" {
			fmt.Fprintln(w, "  Message:      "+model.Visible(re.Message))
		}
		if expl := readExplanation(re); expl != "" {
			fmt.Fprintln(w, "  Explanation:  "+expl)
		}
		if re.RequestId != "" {
			fmt.Fprintln(w, "  RequestId:    "+model.Visible(re.RequestId))
		}
		if re.Recommend != "" {
			fmt.Fprintln(w, "  More:         "+model.Visible(re.Recommend))
		}
	}
	fmt.Fprintln(w, "This was only a read: nothing was created or changed.")
}
