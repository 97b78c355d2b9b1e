package ui

import "testing"

// A hook's command is shown as one line a shell takes back exactly: its
// control characters are escapes, not raw bytes.
func TestShellJoinEscapesControlCharacters(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"sh", "-c", "echo hi"}, `sh -c 'echo hi'`},
		{[]string{"printf", "a\x1b[2Jb"}, `printf $'a\e[2Jb'`},
		{[]string{"echo", ""}, `echo ''`},
		{[]string{"echo", "line\nnext"}, `echo $'line\nnext'`},
	} {
		if got := shellJoin(tc.in); got != tc.want {
			t.Errorf("shellJoin(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
