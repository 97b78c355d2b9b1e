package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func init() { register(newVersionCmd) }

func newVersionCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of saejob",
		Long: `Print the version of saejob, the Go release it was built with, and the
commit it was built from when the build recorded one.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(a.stdout, "saejob version %s\n", versionString())
			fmt.Fprintf(a.stdout, "%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
			if c := buildCommit(); c != "" {
				fmt.Fprintf(a.stdout, "commit %s\n", c)
			}
			return nil
		},
	}
}

// buildCommit is the VCS revision recorded by the Go toolchain ("" when the
// build had no VCS information), with its time and a mark if the tree was modified.
func buildCommit() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, at, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev == "" {
		return ""
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if at != "" {
		return fmt.Sprintf("%s (%s%s)", rev, at, modified)
	}
	return rev + modified
}
