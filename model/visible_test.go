package model

import "testing"

func TestVisible(t *testing.T) {
	for _, c := range []struct{ in, want, lines string }{
		{"plain", "plain", "plain"},
		{`C:\path\e`, `C:\path\e`, `C:\path\e`},
		{"rm -rf /data\x1b[2K\rsh", `rm -rf /data\e[2K\rsh`, `rm -rf /data\e[2K\rsh`},
		{"bell\a", `bell\x07`, `bell\x07`},
		{"a\nb\tc", `a\nb\tc`, "a\nb\tc"},
		{"del\x7f", `del\x7f`, `del\x7f`},
		{"c1\u009b31m", `c1\x9b31m`, `c1\x9b31m`},
		{"evil\u202etxt.exe", `evil\u202etxt.exe`, `evil\u202etxt.exe`},
		{"iso\u2066x\u2069", `iso\u2066x\u2069`, `iso\u2066x\u2069`},
		{"zw\u200bj", `zw\u200bj`, `zw\u200bj`},
		{"bad\xffutf8", `bad\xffutf8`, `bad\xffutf8`},
		{"中文 ok é", "中文 ok é", "中文 ok é"},
	} {
		if got := Visible(c.in); got != c.want {
			t.Errorf("Visible(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := VisibleLines(c.in); got != c.lines {
			t.Errorf("VisibleLines(%q) = %q, want %q", c.in, got, c.lines)
		}
		if got := HasHidden(c.in, false); got != (c.in != c.want) {
			t.Errorf("HasHidden(%q, false) = %v", c.in, got)
		}
		if got := HasHidden(c.in, true); got != (c.in != c.lines) {
			t.Errorf("HasHidden(%q, true) = %v", c.in, got)
		}
	}
}
