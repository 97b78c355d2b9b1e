package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/saejob/saejob/model"
	"github.com/spf13/cobra"
)

func init() { register(newExplainCmd) }

func newExplainCmd(a *app) *cobra.Command {
	var list, asJSON bool
	cmd := &cobra.Command{
		Use:   "explain CODE",
		Short: "What an SAE error code means and how to fix it",
		Long: `What an SAE error code means and how to fix it.

Prints the catalogue entry for CODE (in any letter case; a pasted error
message that contains a code works too): the HTTP status, the message SAE
sends, what it means in plain words, the template fields at fault, and what
to do. With --list, or with no CODE, lists every code of the CreateJob
reference.

Exit status: 0 found, 2 unknown code (with the closest known code) or usage error.`,
		Example: `  saejob explain InvalidInstanceSpecification.Unsupported
  saejob explain --list`,
		ValidArgsFunction: completeCodes,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError("explain takes one CODE (see 'saejob explain --help')")
			}
			if list || len(args) == 0 {
				return listCodes(a.stdout, asJSON)
			}
			c, ok := model.Explain(strings.TrimSpace(args[0]))
			if !ok {
				c, ok = codeInText(args[0])
			}
			if !ok {
				return unknownCode(args[0])
			}
			if asJSON {
				return writeJSON(a.stdout, c)
			}
			writeCode(a.stdout, c)
			return nil
		},
	}
	cmd.Flags().BoolVar(&list, "list", false, "list every error code")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the entry (or the list) as JSON")
	return cmd
}

func unknownCode(code string) error {
	msg := fmt.Sprintf("unknown code %q", code)
	switch s := suggestCodes(code); len(s) {
	case 0:
	case 1:
		msg += fmt.Sprintf(" (did you mean %s?)", s[0])
	default:
		msg += fmt.Sprintf(" (did you mean one of %s?)", strings.Join(s, ", "))
	}
	return usageError("%s; 'saejob explain --list' lists every code", msg)
}

// suggestCodes are the known codes closest to a mistyped one: the closest
// by spelling, else the few that contain what was typed.
func suggestCodes(code string) []string {
	names := make([]string, len(model.Codes))
	for i, c := range model.Codes {
		names[i] = c.Code
	}
	if s := model.Suggest(code, names); s != "" {
		return []string{s}
	}
	var found []string
	lc := strings.ToLower(code)
	for _, n := range names {
		if strings.Contains(strings.ToLower(n), lc) {
			found = append(found, n)
		}
	}
	if len(found) > 5 {
		return nil
	}
	return found
}

// codeInText finds a known code inside pasted text, such as an SDK error
// message ("code: 400, InvalidParameter.NotEmpty ..."): the longest one
// that appears as a whole word.
func codeInText(text string) (model.Code, bool) {
	lt := strings.ToLower(text)
	var best model.Code
	for _, c := range model.Codes {
		lc := strings.ToLower(c.Code)
		i := strings.Index(lt, lc)
		if i < 0 || len(c.Code) <= len(best.Code) {
			continue
		}
		end := i + len(lc)
		if (i > 0 && isCodeChar(lt[i-1])) || (end < len(lt) && isCodeChar(lt[end])) {
			continue
		}
		best = c
	}
	return best, best.Code != ""
}

func isCodeChar(b byte) bool {
	return b == '.' || b == '_' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
}

func listCodes(w io.Writer, asJSON bool) error {
	if asJSON {
		return writeJSON(w, model.Codes)
	}
	out := bufio.NewWriter(w)
	width := 0
	for _, c := range model.Codes {
		width = max(width, len(c.Code))
	}
	for _, c := range model.Codes {
		fmt.Fprintf(out, "%-*s  %d  %s\n", width, c.Code, c.HTTPStatus, firstSentence(c.Meaning))
	}
	return out.Flush()
}

// writeCode prints one catalogue entry for a person.
func writeCode(w io.Writer, c model.Code) {
	fmt.Fprintf(w, "%s (HTTP %d)\n\n", c.Code, c.HTTPStatus)
	section := func(title, text string) {
		if text == "" {
			return
		}
		fmt.Fprintf(w, "%s\n%s\n\n", title, model.VisibleLines(wrap(text, "  ", 78)))
	}
	section("SAE says:", c.Message)
	section("What it means:", c.Meaning)
	if len(c.Fields) > 0 {
		section("Fields at fault:", strings.Join(c.Fields, ", "))
	}
	section("What to do:", c.Fix)
}

// firstSentence is the text up to its first full stop, for one-line lists.
func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

// wrap breaks text into lines of at most width columns, each starting with indent.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	for i, para := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString("\n")
		}
		line := indent
		for _, word := range strings.Fields(para) {
			if line != indent && len(line)+1+len(word) > width {
				b.WriteString(line + "\n")
				line = indent
			}
			if line != indent {
				line += " "
			}
			line += word
		}
		b.WriteString(line)
	}
	return b.String()
}

// writeJSON prints v as indented JSON, with the characters a terminal would
// hide or act on that encoding/json leaves raw (C1 controls, bidi
// overrides) escaped as \uXXXX: the same JSON, safe to show.
func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(model.VisibleJSON(b.Bytes()))
	return err
}

// completeCodes offers every error code, with its meaning as the description.
func completeCodes(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, c := range model.Codes {
		out = append(out, cobra.CompletionWithDesc(c.Code, firstSentence(c.Meaning)))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
