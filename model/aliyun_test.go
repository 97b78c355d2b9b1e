package model

import (
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"":          `''`,
		"test":      `'test'`,
		"it's":      `'it'\''s'`,
		"$HOME `x`": `'$HOME ` + "`x`" + `'`,
	} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestAliyunCommandShape(t *testing.T) {
	tp := &Template{AppName: "test", PackageType: "Image", Replicas: Ptr(1), OssAkSecret: "s3cret"}
	got := tp.AliyunCommand(false, "cn-hangzhou")
	want := "aliyun sae POST /pop/v1/sam/job/createJob \\\n" +
		"  --region 'cn-hangzhou' \\\n" +
		"  --AppName 'test' \\\n" +
		"  --PackageType 'Image' \\\n" +
		"  --Replicas '1' \\\n" +
		"  --OssAkSecret '******' \\\n" +
		"  --Workload 'job'\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if s := tp.AliyunCommand(true, ""); !strings.Contains(s, "'s3cret'") || strings.Contains(s, "--region") {
		t.Errorf("with secrets and no region:\n%s", s)
	}
}

// TestAliyunCommandShellWords runs the command through a real shell and
// checks that every value reaches the program exactly as Wire has it.
func TestAliyunCommandShellWords(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs a POSIX shell")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	tp := &Template{
		AppName:        "it-s",
		AppDescription: `it's "quoted" $HOME ` + "`id`" + ` \ back\slash`,
		PackageType:    "FatJar",
		JarStartArgs:   "-Xms4G -Xmx4G",
		PhpConfig:      "k1=v1\nk2='v2'",
		CommandArgs:    []string{"a b", "it's"},
		Replicas:       Ptr(2),
	}
	cmd := tp.AliyunCommand(true, "cn-beijing")
	script := "aliyun() { for a; do printf '%s\\0' \"$a\"; done; }\n" + cmd
	out, err := exec.Command(sh, "-c", script).Output()
	if err != nil {
		t.Fatalf("sh: %v\n%s", err, cmd)
	}
	args := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	want := []string{"sae", "POST", AliyunPath, "--region", "cn-beijing"}
	for _, p := range tp.Wire(true) {
		if strings.HasPrefix(p.Value, "-") {
			want = append(want, "--"+p.Name+"="+p.Value)
		} else {
			want = append(want, "--"+p.Name, p.Value)
		}
	}
	if strings.Join(args, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("shell words\n got %q\nwant %q", args, want)
	}
}
