package main

import (
	"fmt"
	"io"

	"github.com/saejob/saejob/model"
	"github.com/spf13/cobra"
)

func init() { register(newPreviewCmd) }

func newPreviewCmd(a *app) *cobra.Command {
	var (
		format      string
		showSecrets bool
		region      string
	)
	cmd := &cobra.Command{
		Use:   "preview [--format json|aliyun] [--show-secrets] FILE",
		Short: "Show exactly what CreateJob would be sent for a template file",
		Long: `Show exactly what CreateJob would be sent for a template file.

--format json (the default) prints one JSON object: each API parameter that
will be sent, Workload included, mapped to the exact string sent on the wire
(JSON parameters compact-encoded), in the reference's order.
--format aliyun prints the equivalent aliyun CLI call, 'aliyun sae CreateJob
--Param value ...', one flag per line, every value quoted for bash and zsh:
in single quotes, or as $'...' with escapes when it holds control characters,
newlines or bidi overrides, so they show and paste exactly.

Secrets (OssAkSecret) are masked as ****** unless --show-secrets, which
also replaces an environment reference such as ${OSS_AK_SECRET} with the
variable's value, as submit does.

An invalid template is still previewed; its problems are listed on stderr and
the exit status is 1. Exit status: 0 valid, 1 invalid, 2 usage error or
unreadable file. FILE "-" reads the template from standard input.`,
		Example: `  saejob preview job.yaml
  saejob preview --format aliyun --region cn-hangzhou job.yaml
  saejob import APPID | saejob preview -`,
		ValidArgsFunction: completeTemplateFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("preview needs exactly one FILE (see 'saejob preview --help')")
			}
			if format != "json" && format != "aliyun" {
				return usageError("--format must be json or aliyun, not %q", format)
			}
			if region == "" {
				region = a.getenv("ALIBABA_CLOUD_REGION_ID")
			}
			return runPreview(a, args[0], format, showSecrets, region)
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "json (API parameters) or aliyun (the aliyun CLI call)")
	cmd.Flags().BoolVar(&showSecrets, "show-secrets", false, "show secrets instead of ******")
	cmd.Flags().StringVar(&region, "region", "", "region for --format aliyun (default $ALIBABA_CLOUD_REGION_ID)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"json", "aliyun"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runPreview(a *app, path, format string, showSecrets bool, region string) error {
	t, err := loadTemplate(a, path)
	if err != nil {
		reportLoadError(a.stderr, err)
		return &exitError{code: exitUsage, err: err, silent: true}
	}
	if showSecrets {
		// Show what submit would send: environment references resolved.
		lookup := func(name string) (string, bool) { v := a.getenv(name); return v, v != "" }
		if err := t.ResolveSecrets(lookup); err != nil {
			fmt.Fprintf(a.stderr, "%s: warning: %s; shown as written\n", model.Visible(path), model.Visible(err.Error()))
		}
	}
	switch format {
	case "aliyun":
		io.WriteString(a.stdout, t.AliyunCommand(showSecrets, region))
		if !showSecrets {
			for _, p := range t.Wire(false) {
				if p.Value == model.Mask {
					fmt.Fprintf(a.stderr, "%s: note: %s is masked; add --show-secrets for a command that runs as is\n", model.Visible(path), p.Name)
				}
			}
		}
	default:
		if _, err := a.stdout.Write(t.PreviewJSON(showSecrets)); err != nil {
			return err
		}
	}
	problems := t.Validate()
	for _, p := range problems.Warnings() {
		fmt.Fprintf(a.stderr, "%s: warning: %s\n", model.Visible(path), problemText(p))
	}
	if errs := problems.Errors(); len(errs) > 0 {
		fmt.Fprintf(a.stderr, "saejob: %s is invalid; SAE would refuse this request:\n", model.Visible(path))
		for _, p := range errs {
			fmt.Fprintf(a.stderr, "%s: %s\n", model.Visible(path), problemText(p))
		}
		return failed()
	}
	return nil
}
