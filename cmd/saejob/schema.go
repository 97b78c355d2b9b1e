package main

import (
	"bytes"

	"github.com/saejob/saejob/model"
	"github.com/spf13/cobra"
)

func init() { register(newSchemaCmd) }

func newSchemaCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the template file",
		Long: `Print the JSON Schema of the template file.

Editors use it to complete and check templates as you type. With the YAML
language server (VS Code's YAML extension, Neovim, Helix, ...), start a
template with:
  # yaml-language-server: $schema=` + model.SchemaURL + `
or save the schema and point at the file:
  saejob schema > saejob.schema.json
  # yaml-language-server: $schema=./saejob.schema.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s := model.Schema()
			if !bytes.HasSuffix(s, []byte("\n")) {
				s = append(append([]byte(nil), s...), '\n')
			}
			_, err := a.stdout.Write(s)
			return err
		},
	}
}
