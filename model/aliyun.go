package model

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// AliyunAPI is CreateJob as the aliyun CLI names it (`aliyun sae CreateJob`).
const AliyunAPI = "CreateJob"

// AliyunCommand returns the aliyun CLI call that sends the same request as
// Wire: `aliyun sae CreateJob --AppName '...' ...`, one flag per line joined
// by ` \` continuations, every value quoted by ShellQuote. With the API name
// the CLI reads CreateJob's metadata and places each parameter in the query
// or the form body as SAE expects; the raw `aliyun sae POST /pop/...` form
// finds no metadata and puts every flag, OssAkSecret included, in the URL
// query. Secrets are masked unless showSecrets; region adds --region when
// not empty.
func (t *Template) AliyunCommand(showSecrets bool, region string) string {
	var b strings.Builder
	b.WriteString("aliyun sae " + AliyunAPI)
	if region != "" {
		writeAliyunFlag(&b, "region", region)
	}
	for _, p := range t.Wire(showSecrets) {
		writeAliyunFlag(&b, p.Name, p.Value)
	}
	b.WriteString("\n")
	return b.String()
}

func writeAliyunFlag(b *strings.Builder, name, value string) {
	b.WriteString(" \\\n  --")
	b.WriteString(name)
	// The CLI's parser reads a separate word that starts with "-" as a flag,
	// so such a value is attached with "=".
	if strings.HasPrefix(value, "-") {
		b.WriteString("=")
	} else {
		b.WriteString(" ")
	}
	b.WriteString(ShellQuote(value))
}

// ShellWord is s as one word for bash and zsh: as it is when every
// character is one a shell leaves alone (letters, digits and -_./=:@%+,),
// else ShellQuote(s), which also quotes the empty word.
func ShellWord(s string) string {
	if s == "" || strings.IndexFunc(s, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_./=:@%+,", c))
	}) >= 0 {
		return ShellQuote(s)
	}
	return s
}

// ShellQuote quotes s as one word for bash and zsh, so that a pasted command
// gets exactly s. Text a person can read goes inside single quotes, each
// single quote closed, escaped with a backslash and reopened. Text holding
// a character Visible would escape (a control character, a newline, a bidi
// override, invalid UTF-8) uses ANSI-C quoting, $'...', with those
// characters written as escapes: they show on screen, the command stays on
// one line, and the shell rebuilds the exact bytes in any locale.
func ShellQuote(s string) string {
	if !HasHidden(s, false) {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\'':
			b.WriteString(`\'`)
		case r == 0x1b:
			b.WriteString(`\e`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case hidden(r, false):
			// Byte by byte: \u would depend on the shell's locale.
			for _, c := range []byte(s[i : i+size]) {
				fmt.Fprintf(&b, `\x%02x`, c)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteString("'")
	return b.String()
}
