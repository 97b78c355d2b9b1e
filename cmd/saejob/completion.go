package main

import (
	"strings"

	"github.com/spf13/cobra"
)

func init() { register(newCompletionCmd) }

func newCompletionCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the shell completion script for bash, zsh, fish or PowerShell",
		Long: `Print the shell completion script for bash, zsh, fish or PowerShell.

Completion offers the commands and flags, template files (.yaml, .yml, .json)
where a FILE goes, the error codes after "saejob explain", and the bundled
examples after "saejob examples".

bash (needs the bash-completion package):
  source <(saejob completion bash)                       # this shell
  saejob completion bash > /etc/bash_completion.d/saejob # every shell
zsh:
  saejob completion zsh > "${fpath[1]}/_saejob"          # then start a new shell
fish:
  saejob completion fish > ~/.config/fish/completions/saejob.fish
PowerShell:
  saejob completion powershell | Out-String | Invoke-Expression`,
		ValidArgs:             []string{"bash", "zsh", "fish", "powershell"},
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("completion needs one shell: bash, zsh, fish or powershell")
			}
			root := cmd.Root()
			switch strings.ToLower(args[0]) {
			case "bash":
				return root.GenBashCompletionV2(a.stdout, true)
			case "zsh":
				return root.GenZshCompletion(a.stdout)
			case "fish":
				return root.GenFishCompletion(a.stdout, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(a.stdout)
			}
			return usageError("unknown shell %q: use bash, zsh, fish or powershell", args[0])
		},
	}
}

// completeTemplateFiles completes FILE arguments to template files and directories.
func completeTemplateFiles(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"yaml", "yml", "json"}, cobra.ShellCompDirectiveFilterFileExt
}
