package main

import (
	"bufio"
	"fmt"

	"github.com/saejob/saejob/assets"
	"github.com/saejob/saejob/model"
	"github.com/spf13/cobra"
)

func init() { register(newExamplesCmd) }

func newExamplesCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "examples [NAME]",
		Short: "List the bundled example templates, or print one",
		Long: `List the bundled example templates, or print one.

Each example is a valid template for one language and package type. Print
one to start a file of your own, or open it in the wizard:
  saejob examples java-fatjar-cron > job.yaml
  saejob new --from java-fatjar-cron`,
		Example: `  saejob examples
  saejob examples python-zip-http > job.yaml`,
		ValidArgsFunction: completeExamples,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch len(args) {
			case 0:
				out := bufio.NewWriter(a.stdout)
				for _, e := range assets.Examples() {
					fmt.Fprintf(out, "%-18s %s\n", e.Name, e.Title)
				}
				return out.Flush()
			case 1:
				e, ok := assets.Find(args[0])
				if !ok {
					msg := fmt.Sprintf("no example called %q", args[0])
					if s := model.Suggest(args[0], assets.Names()); s != "" {
						msg += fmt.Sprintf(" (did you mean %s?)", s)
					}
					return usageError("%s; 'saejob examples' lists them", msg)
				}
				_, err := a.stdout.Write(e.Data)
				return err
			}
			return usageError("examples takes at most one NAME (see 'saejob examples --help')")
		},
	}
}

// completeExamples offers the bundled examples' names, with their titles.
func completeExamples(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, e := range assets.Examples() {
		out = append(out, cobra.CompletionWithDesc(e.Name, e.Title))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
