package ui

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/saejob/saejob/model"
)

// mountsTemplate is a valid job with every kind of table the readable
// review draws: Envs (a value, a ConfigMap key, a whole ConfigMap),
// ConfigMap, OSS and NAS mounts, the legacy NAS MountDesc.
func mountsTemplate() *model.Template {
	t := fatJar()
	t.Envs = []model.Env{
		{Name: "REPORT_BUCKET", Value: model.Ptr("sales-reports")},
		{Name: "DB_PASSWORD", FromConfigMap: true, ConfigMapId: model.Ptr(int64(1001)), Key: model.Ptr("password")},
		{Name: "MOTD", Value: model.Ptr("hi\x1b[2Jthere")},
	}
	t.ConfigMapMountDesc = []model.ConfigMapMount{{ConfigMapId: 1001, Key: "app.properties", MountPath: "/etc/app/app.properties"}}
	t.OssMountDescs = []model.OssMount{{BucketName: "reports", BucketPath: "/daily", MountPath: "/mnt/reports", ReadOnly: model.Ptr(true)}}
	t.NasConfigs = []model.NasConfig{{NasId: "0a1b2c", MountDomain: "0a1b2c.cn-hangzhou.nas.aliyuncs.com", NasPath: "/share", MountPath: "/mnt/nas"}}
	t.MountDesc = []model.NasMount{{NasPath: "/old", MountPath: "/mnt/old"}}
	t.NasId, t.MountHost = "0a1b2c", "0a1b2c.cn-hangzhou.nas.aliyuncs.com"
	t.OssAkId, t.OssAkSecret = "LTAI-example", "${OSS_AK_SECRET}"
	return t
}

// The review's readable view decodes the JSON parameters into tables and
// key lines, escapes control characters, and v goes back to the exact
// bytes, which stay what preview prints.
func TestReviewDecodedView(t *testing.T) {
	tpl := mountsTemplate()
	m := newTestModel(t, tpl, StartReview)
	mustContain(t, view(m), "v readable view")
	press(m, "v")
	screen := view(m)
	mustContain(t, screen, "decoded to read", "v exact bytes",
		"Envs (3 variables)", "REPORT_BUCKET  sales-reports",
		"DB_PASSWORD    from ConfigMap 1001, key password", `hi\e[2Jthere`)
	mustNotContain(t, screen, `\"`, "\x1b[2J")
	t.Run("top", func(t *testing.T) { goldenText(t, screen) })

	// The rest of the request, scrolled to: the mounts' tables.
	press(m, "end")
	screen = view(m)
	mustContain(t, screen, "/mnt/reports", "mountDomain", "type: time", "config: 0 1 */1 * ?")
	t.Run("end", func(t *testing.T) { goldenText(t, screen) })

	r := m.top().(*review)
	all := r.copyText(m.Session)
	for _, want := range []string{
		"ConfigMapMountDesc (1 item)", "  configMapId  key             mountPath",
		"  1001         app.properties  /etc/app/app.properties",
		"OssMountDescs (1 item)", "  bucketName  bucketPath  mountPath     readOnly",
		"MountDesc (1 item)", "  mountPath  nasPath", "  /mnt/old   /old",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the readable view lacks %q:\n%s", want, all)
		}
	}
	if !strings.Contains(r.copyText(m.Session), "bucketName") {
		t.Fatalf("p does not print the readable view:\n%s", r.copyText(m.Session))
	}
	press(m, "v")
	mustContain(t, view(m), "the same as saejob preview --format json")
	if got, want := r.copyText(m.Session), PreviewText(tpl, false); got != want {
		t.Fatalf("the exact view is not what preview prints:\ngot  %q\nwant %q", got, want)
	}
	// c and v switch between the three views.
	press(m, "c", "v")
	mustContain(t, view(m), "decoded to read")
	press(m, "c")
	mustContain(t, view(m), "aliyun CLI command")
}

// Every table and line of the readable view keeps to the screen's width,
// by cells: wide (CJK) values are cut, never overflow.
func TestReviewDecodedFitsCells(t *testing.T) {
	tpl := mountsTemplate()
	tpl.Envs[0].Value = model.Ptr(strings.Repeat("报表", 50))
	tpl.OssMountDescs[0].MountPath = "/mnt/" + strings.Repeat("数据", 40)
	for _, width := range []int{60, 80, 120} {
		text := decodedView(tpl.Wire(false), newTheme(lipgloss.DefaultRenderer(), true), width)
		for _, l := range strings.Split(text, "\n") {
			if w := lipgloss.Width(l); w > width {
				t.Errorf("at %d columns %q is %d cells wide", width, l, w)
			}
		}
		if !strings.Contains(text, "报表") || !strings.Contains(text, "…") {
			t.Errorf("at %d columns the wide value is not cut with …:\n%s", width, text)
		}
	}
}

// decodeOrdered keeps object keys in order and refuses what is not one
// JSON value (the readable view then shows the value as sent).
func TestDecodeOrdered(t *testing.T) {
	n, ok := decodeOrdered(`{"z":1,"a":{"y":[true,null,"s"]}}`)
	if !ok || n.len() != 2 || n.item(0).key() != "z" || n.item(1).key() != "a" || n.get("a").get("y").scalar() != `[true, null, "s"]` {
		t.Fatalf("decoded %+v", n)
	}
	for _, bad := range []string{`[1,`, `{"a":1} {}`, `x`, ``} {
		if _, ok := decodeOrdered(bad); ok {
			t.Errorf("%q decoded", bad)
		}
	}
}

// The confirmation screens are huh forms in our theme: a yes/no question
// is a huh.Confirm whose safe answer is chosen first, more answers a
// huh.Select; each answer's key still answers at once.
func TestConfirmScreensGolden(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "job.yaml")
	if err := os.WriteFile(path, []byte("AppName: other\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tpl := fatJar()
	tpl.OssAkSecret = "s3cr3t"
	m := newTestModel(t, tpl, StartReview)
	press(m, "s", "ctrl+u", path, "enter")
	screen := view(m)
	mustContain(t, screen, "› no, choose another name (n)", "yes, overwrite it (y)", "y yes • n no • esc cancel", "f1 all keys • ctrl+c quit")
	t.Run("yes-no", func(t *testing.T) { goldenText(t, strings.ReplaceAll(screen, dir, "<dir>")) })
	// ← chooses yes; enter answers what is chosen.
	press(m, "left", "enter")
	screen = view(m)
	mustContain(t, screen, "OssAkSecret holds a clear secret", "› e  write ${OSS_AK_SECRET}", "k  keep the secret", "l  leave it out")
	t.Run("choices", func(t *testing.T) { goldenText(t, screen) })
	press(m, "down", "down", "enter")
	mustContain(t, view(m), "Saved to")
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "s3cr3t") || strings.Contains(string(data), "OssAkSecret") {
		t.Fatalf("l (leave it out) chosen with ↓ and enter, but the file holds:\n%s", data)
	}
}

// The save path is a huh.Input validated by the file format: a .txt path
// is refused with the reason, and nothing is written.
func TestSavePathRefusesUnknownFormat(t *testing.T) {
	dir := t.TempDir()
	m := newTestModel(t, fatJar(), StartReview)
	press(m, "s")
	mustContain(t, view(m), "Save to: nightly-report.yaml", "enter save", "esc cancel")
	press(m, "ctrl+u", filepath.Join(dir, "job.txt"), "enter")
	screen := view(m)
	mustContain(t, screen, `Unknown file type ".txt": a template file must end in .yaml, .yml or .json.`)
	goldenText(t, strings.ReplaceAll(screen, dir, "<dir>"))
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a refused path wrote %v", entries)
	}
	press(m, "ctrl+u", "enter")
	mustContain(t, view(m), "Type a file name ending in .yaml, .yml or .json.")
	press(m, "esc")
	mustContain(t, view(m), "the same as saejob preview")
}

// Every key map of the views this file's screens own keeps its short help
// within 80 columns with f1 and ctrl+c on it; the full help lists them too.
func TestHelpKeyMapsFitWithGlobalKeys(t *testing.T) {
	tpl := mountsTemplate()
	tpl.OssAkSecret = "s3cr3t"
	tpl.AppName = ""
	dir := t.TempDir()
	cases := map[string]func() *Model{
		"welcome": func() *Model { return newTestModel(t, nil, StartMenu) },
		"picker": func() *Model {
			m := newTestModel(t, nil, StartMenu)
			m.top().(*startMenu).open = newOpenFileForm(m.common(80, 20), dir)
			return m
		},
		"review with problems": func() *Model {
			o := testOptions()
			o.Template, o.Start, o.Submitter = tpl, StartReview, &fakeSubmitter{}
			m := New(o)
			m.Update(teaSize(80, 24))
			return m
		},
		"save":  func() *Model { m := newTestModel(t, fatJar(), StartReview); press(m, "s"); return m },
		"steps": func() *Model { return newTestModel(t, tpl, StartSteps) },
		"confirm": func() *Model {
			m := newTestModel(t, fatJar(), StartReview)
			press(m, "s", "ctrl+u", "/", "enter")
			return m
		},
	}
	for name, build := range cases {
		m := build()
		var km help.KeyMap = m.helpKeys()
		h := help.New()
		short := h.ShortHelpView(km.ShortHelp())
		if w := lipgloss.Width(short); w > 80 {
			t.Errorf("%s: short help is %d cells wide: %q", name, w, short)
		}
		if !strings.HasSuffix(short, "f1 all keys • ctrl+c quit") {
			t.Errorf("%s: short help does not end in f1 and ctrl+c: %q", name, short)
		}
		full := h.FullHelpView(km.FullHelp())
		for _, want := range []string{"f1", "ctrl+c"} {
			if !strings.Contains(full, want) {
				t.Errorf("%s: full help lacks %s:\n%s", name, want, full)
			}
		}
	}
}

// A huh screen drawn "too small" gets no key: y on a hidden question
// answers nothing (issue 8: no key acts on a screen not drawn).
func TestHuhScreensIgnoreKeysWhenHidden(t *testing.T) {
	answered := false
	m := newTestModel(t, fatJar(), StartReview)
	m.push(&confirm{title: "Q?", question: "q", choices: []choice{
		{"y", "yes", func(*Model) tea.Cmd { answered = true; return nil }},
		{"n", "no", nil},
	}})
	m.Update(teaSize(50, 10))
	press(m, "y", "enter", "esc")
	if answered {
		t.Fatal("a question not on screen was answered")
	}
	m.Update(teaSize(80, 24))
	mustContain(t, view(m), "Q?")
	press(m, "y")
	if !answered {
		t.Fatal("y did not answer the question once drawn")
	}
}

// The file picker of "Open a template file…" at 80x24, in our theme.
func TestOpenFilePickerGolden(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("jobs", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"job.yaml", "job.json", "notes.txt", "报表-job.yml"} {
		if err := os.WriteFile(name, []byte("AppName: x\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	m := newTestModel(t, nil, StartMenu)
	press(m, "down", "enter")
	screen := view(m)
	mustContain(t, screen, "Open a template file", "› jobs", "job.yaml", "报表-job.yml", "esc back", "f1 all keys • ctrl+c quit")
	// A file removed while the picker shows it: the picker reads its
	// folder again instead of failing (bubbles' picker would panic).
	if err := os.Remove("notes.txt"); err != nil {
		t.Fatal(err)
	}
	press(m, "down")
	mustNotContain(t, view(m), "notes.txt")
	mustContain(t, view(m), "job.yaml")
	press(m, "esc")
	mustContain(t, view(m), "› Open a template file…")
	t.Chdir(pkgDir) // the golden file is the package's
	goldenText(t, screen)
}

// wrap and truncate count terminal cells, not runes: Chinese text (two
// cells a character) keeps to its column.
func TestWrapAndTruncateByCells(t *testing.T) {
	text := strings.Repeat("每日报表 ", 12) + "说明"
	for _, width := range []int{10, 21, 40} {
		lines := wrap(text, width)
		for _, l := range lines {
			if w := lipgloss.Width(l); w > width {
				t.Errorf("wrap at %d: %q is %d cells", width, l, w)
			}
		}
		if got := strings.Join(strings.Fields(strings.Join(lines, " ")), " "); got != strings.Join(strings.Fields(text), " ") {
			t.Errorf("wrap at %d lost text: %q", width, got)
		}
	}
	long := strings.Repeat("报", 30) // one word wider than the line: cut at the edge
	for _, l := range wrap(long, 11) {
		if w := lipgloss.Width(l); w > 11 {
			t.Errorf("a long word's piece %q is %d cells", l, w)
		}
	}
	for _, width := range []int{2, 5, 8, 31} {
		got := truncate(strings.Repeat("名称", 20), width)
		if w := lipgloss.Width(got); w > width || !strings.HasSuffix(got, "…") {
			t.Errorf("truncate to %d: %q (%d cells)", width, got, w)
		}
	}
	if got := truncate("a\nb", 10); got != "a …" {
		t.Errorf("a newline does not end the line: %q", got)
	}
	// The header names a Chinese job within the screen.
	tpl := fatJar()
	tpl.AppName = strings.Repeat("夜间报表", 10)
	m := newTestModel(t, tpl, StartSteps)
	m.Update(teaSize(60, 20))
	for _, l := range strings.Split(view(m), "\n") {
		if w := lipgloss.Width(l); w > 60 {
			t.Errorf("%q is %d cells at 60 columns", l, w)
		}
	}
}

// The huh screens draw with our theme on the wizard's renderer: colour on
// a colour terminal, none with NO_COLOR, and the chosen answer marked
// either way.
func TestHuhScreensFollowTheTheme(t *testing.T) {
	render := func(noColor bool) string {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(termenv.ANSI)
		o := testOptions()
		o.Renderer, o.NoColor = r, noColor
		o.Template, o.Start = fatJar(), StartReview
		m := New(o)
		m.Update(teaSize(80, 24))
		m.push(&confirm{title: "Q?", question: "q", choices: []choice{{"y", "yes", nil}, {"n", "no", nil}}})
		return m.View()
	}
	if v := render(false); !colourSeq.MatchString(v) {
		t.Fatal("a colour terminal gets no colour on a huh screen")
	}
	v := render(true)
	if colourSeq.MatchString(v) {
		t.Fatalf("NO_COLOR still draws colour: %q", colourSeq.FindString(v))
	}
	if p := plain(v); !strings.Contains(p, "› no (n)") {
		t.Fatalf("the chosen answer is not marked without colour:\n%s", p)
	}
}
