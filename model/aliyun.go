package model

import "strings"

// AliyunPath is the ROA path of CreateJob, as the aliyun CLI is given it.
const AliyunPath = "/pop/v1/sam/job/createJob"

// AliyunCommand returns the aliyun CLI call that sends the same request as
// Wire: `aliyun sae POST /pop/v1/sam/job/createJob --AppName '...' ...`, one
// flag per line, every value single-quoted for a POSIX shell. The method and
// path form works on every aliyun CLI release (newer ones also take
// `aliyun sae CreateJob`); the CLI places each parameter in the query or the
// form body as the API's metadata says. Secrets are masked unless
// showSecrets; region adds --region when not empty.
func (t *Template) AliyunCommand(showSecrets bool, region string) string {
	var b strings.Builder
	b.WriteString("aliyun sae POST " + AliyunPath)
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

// ShellQuote quotes s for a POSIX shell: inside single quotes, each single
// quote inside closed, escaped with a backslash and reopened.
func ShellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
