package model

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Visible returns s with every character a terminal would act on or hide —
// C0 and C1 control characters (escape sequences among them), DEL, Unicode
// bidi overrides and isolates, zero-width characters and invalid UTF-8 —
// written as a visible escape (\e, \r, \n, \t, \x07, \u202e), so that what a
// person reads is what is there. Other text, backslashes included, is
// unchanged.
func Visible(s string) string { return visible(s, false) }

// VisibleLines is Visible for text shown on several lines: newlines and tabs
// stay as they are, everything else Visible escapes is escaped.
func VisibleLines(s string) string { return visible(s, true) }

// HasHidden reports whether s holds a character Visible would escape, other
// than newlines and tabs when lines is true.
func HasHidden(s string, lines bool) bool {
	// Plain ASCII byte by byte first: a request of thousands of values is
	// checked after every change the review shows (issue 9 item 7).
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return hasHiddenRunes(s[i:], lines)
		case c < 0x20 || c == 0x7f:
			if hidden(rune(c), lines) {
				return true
			}
		}
	}
	return false
}

// hasHiddenRunes is HasHidden for text that is not plain ASCII.
func hasHiddenRunes(s string, lines bool) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return true
			}
		}
		if hidden(r, lines) {
			return true
		}
	}
	return false
}

func visible(s string, lines bool) string {
	if !HasHidden(s, lines) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, `\x%02x`, s[i])
			i++
			continue
		}
		i += size
		if !hidden(r, lines) {
			b.WriteRune(r)
			continue
		}
		switch r {
		case 0x1b:
			b.WriteString(`\e`)
		case '\r':
			b.WriteString(`\r`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		}
	}
	return b.String()
}

// hidden reports whether a terminal would act on r, or show nothing for it.
func hidden(r rune, lines bool) bool {
	switch {
	case r == '\n' || r == '\t':
		return !lines
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // bidi marks
		return true
	case r >= 0x202a && r <= 0x202e: // bidi embeddings and overrides
		return true
	case r >= 0x2066 && r <= 0x2069: // bidi isolates
		return true
	case r == 0x200b, r == 0x2060, r == 0xfeff: // zero-width space, word joiner, BOM
		return true
	case r == 0x2028 || r == 0x2029: // line and paragraph separators
		return true
	}
	return false
}
