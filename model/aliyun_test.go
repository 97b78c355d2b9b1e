package model

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestShellWord(t *testing.T) {
	for in, want := range map[string]string{
		"":                    `''`,
		"cn-hangzhou":         "cn-hangzhou",
		"a/b.c_d=e:f@g%h+i,j": "a/b.c_d=e:f@g%h+i,j",
		"two words":           `'two words'`,
		"it's":                `'it'\''s'`,
		"$HOME":               `'$HOME'`,
		"app\x1b[2J":          `$'app\e[2J'`,
		"co\r":                `$'co\r'`,
		"ünï":                 `'ünï'`,
	} {
		if got := ShellWord(in); got != want {
			t.Errorf("ShellWord(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"":                         `''`,
		"test":                     `'test'`,
		"it's":                     `'it'\''s'`,
		"$HOME `x`":                `'$HOME ` + "`x`" + `'`,
		"中文 é":                     `'中文 é'`,
		"rm -rf /data\x1b[2K\rsh":  `$'rm -rf /data\e[2K\rsh'`,
		"a\nb\tc 'q' \\":           `$'a\nb\tc \'q\' \\'`,
		"bell\a":                   `$'bell\x07'`,
		"evil\u202etxt":            `$'evil\xe2\x80\xaetxt'`,
		"c1\u009b31m":              `$'c1\xc2\x9b31m'`,
		"bad\xffutf8":              `$'bad\xffutf8'`,
		"\x1bA0":                   `$'\eA0'`,
		"dollar $x in hidden\x07!": `$'dollar $x in hidden\x07!'`,
	} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestAliyunCommandShape(t *testing.T) {
	tp := &Template{AppName: "test", PackageType: "Image", Replicas: Ptr(1), OssAkSecret: "s3cret", Command: "rm -rf /data\x1b[2K\rsh"}
	got := tp.AliyunCommand(false, "cn-hangzhou")
	want := "aliyun sae CreateJob \\\n" +
		"  --region 'cn-hangzhou' \\\n" +
		"  --AppName 'test' \\\n" +
		"  --PackageType 'Image' \\\n" +
		"  --Replicas '1' \\\n" +
		"  --Command $'rm -rf /data\\e[2K\\rsh' \\\n" +
		"  --OssAkSecret '******' \\\n" +
		"  --Workload 'job'\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if s := tp.AliyunCommand(true, ""); !strings.Contains(s, "'s3cret'") || strings.Contains(s, "--region") {
		t.Errorf("with secrets and no region:\n%s", s)
	}
	if strings.Contains(got, "POST") || strings.Contains(got, "/pop/") {
		t.Errorf("the method and path form puts every flag in the URL query:\n%s", got)
	}
	// Every flag is on its own line: nothing wraps inside a value.
	for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n")[1:] {
		if !strings.HasPrefix(line, "  --") {
			t.Errorf("line %q is not one flag", line)
		}
	}
}

// nastyTemplate holds every kind of value that is hard to quote.
func nastyTemplate() *Template {
	return &Template{
		AppName:         "it-s",
		AppDescription:  `it's "quoted" $HOME ` + "`id`" + ` \ back\slash !! ~ *.go {a,b} =x 中文 ✓`,
		PackageType:     "FatJar",
		JarStartArgs:    "-Xms4G -Xmx4G",
		JarStartOptions: "--opt='x'\n-Dnewline=\"y\"",
		PhpConfig:       "k1=v1\nk2='v2'\r\n\tk3=\\n",
		Command:         "rm -rf /data\x1b[2K\rsh\x07",
		CommandArgs:     []string{"a b", "it's", "\u202eevil", "-", "--x", "\u200bzw", "bad\xffutf8", "\x7fdel\u0085nel"},
		Replicas:        Ptr(2),
	}
}

// TestAliyunCommandShellWords runs the printed command through bash and zsh
// with a fake aliyun that prints its arguments, and checks that every
// value reaches the program exactly as Wire has it, for every bundled
// example and for values with quotes, newlines, escapes, a leading dash,
// Unicode and bidi overrides.
func TestAliyunCommandShellWords(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs a POSIX shell")
	}
	templates := map[string]*Template{"nasty": nastyTemplate()}
	files, err := filepath.Glob("../assets/examples/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bundled examples: %v", err)
	}
	for _, f := range files {
		tp, err := Load(f)
		if err != nil {
			t.Fatal(err)
		}
		templates[filepath.Base(f)] = tp
	}
	ran := 0
	for _, shell := range []string{"bash", "zsh"} {
		path, err := exec.LookPath(shell)
		if err != nil {
			t.Logf("no %s: skipped", shell)
			continue
		}
		ran++
		for name, tp := range templates {
			cmd := tp.AliyunCommand(true, "cn-beijing")
			script := "aliyun() { for a; do printf '%s\\0' \"$a\"; done; }\n" + cmd
			c := exec.Command(path, "-c", script)
			c.Env = []string{"LC_ALL=C", "PATH=/usr/bin:/bin"}
			out, err := c.Output()
			if err != nil {
				t.Fatalf("%s %s: %v\n%s", shell, name, err, cmd)
			}
			args := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
			want := []string{"sae", "CreateJob", "--region", "cn-beijing"}
			for _, p := range tp.Wire(true) {
				if strings.HasPrefix(p.Value, "-") {
					want = append(want, "--"+p.Name+"="+p.Value)
				} else {
					want = append(want, "--"+p.Name, p.Value)
				}
			}
			if strings.Join(args, "\x00") != strings.Join(want, "\x00") {
				t.Errorf("%s %s: shell words\n got %q\nwant %q\ncommand:\n%s", shell, name, args, want, cmd)
			}
			if HasHidden(strings.ReplaceAll(strings.TrimSuffix(cmd, "\n"), " \\\n", " "), false) {
				t.Errorf("%s: the command shows a hidden character raw:\n%q", name, cmd)
			}
		}
	}
	if ran == 0 {
		t.Skip("neither bash nor zsh is installed")
	}
}
