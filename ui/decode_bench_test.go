package ui

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
)

// envsJSON is the wire value of Envs with n variables.
func envsJSON(tb testing.TB, n int) string {
	for _, p := range bigTemplate(n).Wire(false) {
		if p.Name == "Envs" {
			return p.Value
		}
	}
	tb.Fatal("no Envs on the wire")
	return ""
}

// BenchmarkDecodeEnvs is the readable review's parse of a 2,000-variable
// Envs, the heaviest part of BenchmarkKeystrokeReviewFirstDecode.
func BenchmarkDecodeEnvs(b *testing.B) {
	s := envsJSON(b, 2000)
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		if _, ok := decodeOrdered(s); !ok {
			b.Fatal("does not decode")
		}
	}
}

// BenchmarkDecodedView is the readable review of a 2,000-variable
// template laid out, without the viewport.
func BenchmarkDecodedView(b *testing.B) {
	params := bigTemplate(2000).Wire(false)
	th := newTheme(lipgloss.DefaultRenderer(), false)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = decodedView(params, th, 80)
	}
}

// decodeOrdered accepts exactly what encoding/json accepts (the readable
// view must not show as decoded what would not decode, nor the reverse),
// and reads the same data, keys in their order.
func FuzzDecodeOrdered(f *testing.F) {
	for _, s := range []string{
		`{"z":1,"a":{"y":[true,null,"s"]}}`, `[1,`, `{"a":1} {}`, `x`, ``, `[]`, `{}`, `[[],{}]`,
		`[{"a":[]},{"b":{}}]`, `{"a":1 "b":2}`, `[1 2]`, `[1,]`, `{"a":1,}`, `[,1]`, `{"a"}`,
		`{"k\"[,{":"v\\","n":-1.5e3}`, `"\u00e9\ud83d\ude00"`, ` [ 1 , [ 2 , [ 3 ] ] ] `,
		`]`, `}`, `[}`, `{]`, `[1]]`, `[[1]`, `{"a":[1,2],"b":[3]}`, "[{\"\":\"\x00\"}]", "[\t1,\n2\r]",
	} {
		f.Add(s)
	}
	f.Add(envsJSON(f, 3))
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // refused on purpose where encoding/json reads U+FFFD: the view shows the bytes as sent
		}
		n, ok := decodeOrdered(s)
		want := json.Valid([]byte(s))
		if ok && !want && strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 }) {
			return // a control character in a string: decodeOrdered does not check strings (saejob wrote them)
		}
		if ok != want {
			t.Fatalf("decodeOrdered(%q) ok=%v, encoding/json ok=%v", s, ok, want)
		}
		var v any
		if !ok || json.Unmarshal([]byte(s), &v) != nil {
			return // a number out of float64's range is valid JSON, but not for any
		}
		if got := asAny(n); !reflect.DeepEqual(got, v) {
			t.Fatalf("decodeOrdered(%q) = %#v, encoding/json %#v", s, got, v)
		}
	})
}

// asAny is a node as encoding/json decodes into any (numbers as float64).
func asAny(n jval) any {
	switch n.kind() {
	case '{':
		m := map[string]any{}
		for i := 0; i < n.len(); i++ {
			m[n.item(i).key()] = asAny(n.item(i))
		}
		return m
	case '[':
		l := []any{}
		for i := 0; i < n.len(); i++ {
			l = append(l, asAny(n.item(i)))
		}
		return l
	case 's':
		return n.text()
	case 'n':
		f, _ := strconv.ParseFloat(n.text(), 64)
		return f
	case 'b':
		return n.text() == "true"
	}
	return nil
}
