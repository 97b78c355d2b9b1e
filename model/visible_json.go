package model

import (
	"fmt"
	"unicode/utf8"
)

// VisibleJSON rewrites encoded JSON so that every character Visible would
// escape, and encoding/json leaves raw (DEL, C1 controls, bidi overrides,
// zero-width characters), is written as a \uXXXX escape. The result decodes
// to the same values: outside strings JSON is ASCII, so such characters can
// only be inside strings, where the escape means the same character.
func VisibleJSON(b []byte) []byte {
	if !HasHidden(string(b), true) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			out = append(out, `\ufffd`...)
		} else if hidden(r, true) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}
