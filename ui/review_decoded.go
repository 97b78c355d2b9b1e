package ui

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	xansi "github.com/charmbracelet/x/ansi"
	"github.com/saejob/saejob/model"
)

// The review's readable view decodes what will be sent: each JSON
// parameter (a JSON text inside a JSON string on the wire) is shown as the
// data it holds, lists of objects as tables (Envs, mounts), and every
// value with its control characters escaped. The exact bytes stay one key
// away.

// jsonNode is a decoded JSON value that keeps the order of object keys.
type jsonNode struct {
	kind   byte // '{', '[', 's' string, 'n' number, 'b' bool, 'z' null
	text   string
	key    string     // an object member's key
	fields []jsonNode // object values, in keys' order, or array items
}

// decodeOrdered decodes one JSON value, keeping object keys in order. It
// is a small one-pass parser: encoding/json's token stream costs about ten
// times as much, too slow for a 2,000-variable Envs on a key press.
func decodeOrdered(s string) (*jsonNode, bool) {
	p := &jsonParser{s: s}
	n, ok := p.value(0)
	p.space()
	if !ok || p.i != len(s) {
		return nil, false
	}
	return &n, true
}

// jsonParser reads JSON text from s at i.
type jsonParser struct {
	s string
	i int
}

func (p *jsonParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

// value reads one value; depth bounds nesting, as encoding/json does.
func (p *jsonParser) value(depth int) (jsonNode, bool) {
	p.space()
	if p.i >= len(p.s) || depth > 1000 {
		return jsonNode{}, false
	}
	switch c := p.s[p.i]; {
	case c == '{' || c == '[':
		n := jsonNode{kind: c}
		closer := byte(']')
		if c == '{' {
			closer = '}'
			n.fields = make([]jsonNode, 0, 2)
		}
		p.i++
		p.space()
		if p.i < len(p.s) && p.s[p.i] == closer {
			p.i++
			return n, true
		}
		var key string
		for {
			if c == '{' {
				p.space()
				k, ok := p.str()
				if !ok {
					return jsonNode{}, false
				}
				p.space()
				if p.i >= len(p.s) || p.s[p.i] != ':' {
					return jsonNode{}, false
				}
				p.i++
				key = k
			}
			v, ok := p.value(depth + 1)
			if !ok {
				return jsonNode{}, false
			}
			v.key = key
			n.fields = append(n.fields, v)
			p.space()
			if p.i >= len(p.s) {
				return jsonNode{}, false
			}
			switch p.s[p.i] {
			case ',':
				p.i++
			case closer:
				p.i++
				return n, true
			default:
				return jsonNode{}, false
			}
		}
	case c == '"':
		text, ok := p.str()
		return jsonNode{kind: 's', text: text}, ok
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range [...]string{"true", "false", "null"} {
			if strings.HasPrefix(p.s[p.i:], lit) {
				p.i += len(lit)
				return jsonNode{kind: pick(c == 'n', byte('z'), byte('b')), text: lit}, true
			}
		}
		return jsonNode{}, false
	default:
		start := p.i
		for p.i < len(p.s) && strings.IndexByte("+-0123456789.eE", p.s[p.i]) >= 0 {
			p.i++
		}
		num := p.s[start:p.i]
		if num == "" || !json.Valid([]byte(num)) {
			return jsonNode{}, false
		}
		return jsonNode{kind: 'n', text: num}, true
	}
}

// str reads a JSON string; only one holding an escape goes through
// encoding/json.
func (p *jsonParser) str() (string, bool) {
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return "", false
	}
	start, escaped := p.i, false
	for p.i++; p.i < len(p.s); p.i++ {
		switch c := p.s[p.i]; {
		case c == '\\':
			escaped = true
			p.i++
		case c == '"':
			p.i++
			raw := p.s[start:p.i]
			if !escaped {
				if !utf8.ValidString(raw) {
					return "", false
				}
				return raw[1 : len(raw)-1], true
			}
			return unescapeJSON(raw[1 : len(raw)-1])
		case c < 0x20:
			return "", false
		}
	}
	return "", false
}

// get is an object's value at key, or nil.
func (n *jsonNode) get(key string) *jsonNode {
	if n == nil || n.kind != '{' {
		return nil
	}
	for i := range n.fields {
		if n.fields[i].key == key {
			return &n.fields[i]
		}
	}
	return nil
}

// scalar is a value as one short line: strings as they are (escaped),
// other values as compact JSON.
func (n *jsonNode) scalar() string {
	if n == nil {
		return ""
	}
	switch n.kind {
	case 's':
		return visible(n.text)
	case 'n', 'b', 'z':
		return n.text
	}
	var b bytes.Buffer
	n.compact(&b)
	return model.Visible(b.String())
}

func (n *jsonNode) compact(b *bytes.Buffer) {
	switch n.kind {
	case '{':
		b.WriteByte('{')
		for i := range n.fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(n.fields[i].key + ": ")
			n.fields[i].compact(b)
		}
		b.WriteByte('}')
	case '[':
		b.WriteByte('[')
		for i := range n.fields {
			if i > 0 {
				b.WriteString(", ")
			}
			n.fields[i].compact(b)
		}
		b.WriteByte(']')
	case 's':
		b.Write(model.JSONString(n.text))
	default:
		b.WriteString(n.text)
	}
}

// previewParams reads back the parameters of the request preview prints
// (one JSON object, name -> wire string, in order).
func previewParams(preview string) []model.WireParam {
	n, ok := decodeOrdered(preview)
	if !ok || n.kind != '{' {
		return nil
	}
	out := make([]model.WireParam, len(n.fields))
	for i, f := range n.fields {
		out[i] = model.WireParam{Name: f.key, Value: f.text}
	}
	return out
}

// unescapeJSON reads the inside of a JSON string that holds escapes.
func unescapeJSON(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i++; i >= len(s) {
			return "", false
		}
		switch s[i] {
		case '"', '\\', '/':
			b.WriteByte(s[i])
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := hex4(s[i+1:])
			if !ok {
				return "", false
			}
			i += 4
			if utf16.IsSurrogate(r) {
				// A pair is two escapes; a lone half reads as U+FFFD,
				// as encoding/json reads it.
				if r2, ok := hex4(strings.TrimPrefix(s[i+1:], "\\u")); ok && strings.HasPrefix(s[i+1:], "\\u") {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						i += 6
						r = d
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	out := b.String()
	return out, utf8.ValidString(out)
}

// hex4 reads four hex digits.
func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[:4]) {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// cells is the width of s in terminal cells; plain ASCII (the usual
// value) is one cell a byte.
func cells(s string) int {
	if printableASCII(s) {
		return len(s)
	}
	return xansi.StringWidth(s)
}

// visible is model.Visible with a fast path for plain ASCII, which holds
// nothing to escape.
func visible(s string) string {
	if printableASCII(s) {
		return s
	}
	return model.Visible(s)
}

// decodedView lays out the request's parameters, decoded, at width cells.
func decodedView(params []model.WireParam, s *Theme, width int) string {
	nameW := 0
	for _, p := range params {
		nameW = max(nameW, xansi.StringWidth(p.Name))
	}
	nameW = min(nameW, width/3)
	var out []string
	for _, p := range params {
		name := model.Visible(p.Name)
		var node *jsonNode
		if info, ok := model.Lookup(p.Name); ok && info.Kind == model.KindJSON {
			node, _ = decodeOrdered(p.Value)
		}
		switch {
		case node == nil || node.kind != '{' && node.kind != '[':
			// A plain value, or JSON that does not decode: as sent.
			pad := strings.Repeat(" ", max(nameW-xansi.StringWidth(name), 0))
			for i, l := range copyableLines(model.Visible(p.Value), width-nameW-2, "") {
				if i == 0 {
					out = append(out, s.Label.Render(name)+pad+"  "+l)
				} else {
					out = append(out, strings.Repeat(" ", nameW+2)+l)
				}
			}
		case p.Name == "Envs":
			out = append(out, s.Label.Render(name)+s.Dim.Render(" ("+plural(len(node.fields), "variable")+")"))
			out = append(out, envTable(node, s, width)...)
		case node.kind == '[' && objectsOnly(node):
			out = append(out, s.Label.Render(name)+s.Dim.Render(" ("+plural(len(node.fields), "item")+")"))
			out = append(out, objectTable(node, s, width)...)
		default:
			out = append(out, s.Label.Render(name))
			out = append(out, nodeLines(node, "  ", width)...)
		}
	}
	return strings.Join(out, "\n") + "\n"
}

// objectsOnly reports whether every item of a list is an object.
func objectsOnly(n *jsonNode) bool {
	for i := range n.fields {
		if n.fields[i].kind != '{' {
			return false
		}
	}
	return len(n.fields) > 0
}

// envTable is Envs as a table: each variable's name and its value, or the
// ConfigMap (and key) it is read from.
func envTable(n *jsonNode, s *Theme, width int) []string {
	rows := [][]string{{"NAME", "VALUE"}}
	rows = slices.Grow(rows, len(n.fields))
	for i := range n.fields {
		e := &n.fields[i]
		value := e.get("value").scalar()
		if e.get("value") == nil || e.get("valueFrom") != nil {
			// {"valueFrom":"configMapRef","configMapId":1,"key":"k"}, or
			// {"valueFrom":{"configMapRef":{"configMapId":1,"key":"k"}}}
			ref := e
			if from := e.get("valueFrom"); from != nil && from.kind == '{' {
				ref = from.get("configMapRef")
			}
			value = "from ConfigMap " + ref.get("configMapId").scalar()
			if k := ref.get("key"); k != nil {
				value += ", key " + k.scalar()
			} else {
				value += " (all keys)"
			}
		}
		rows = append(rows, []string{e.get("name").scalar(), value})
	}
	return table(rows, s, width)
}

// objectTable is a list of objects as a table whose columns are their
// keys, in the order they first appear.
func objectTable(n *jsonNode, s *Theme, width int) []string {
	var cols []string
	seen := map[string]bool{}
	for i := range n.fields {
		for _, f := range n.fields[i].fields {
			k := f.key
			if !seen[k] {
				seen[k] = true
				cols = append(cols, k)
			}
		}
	}
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = model.Visible(c)
	}
	rows := [][]string{header}
	for j := range n.fields {
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = n.fields[j].get(c).scalar()
		}
		rows = append(rows, row)
	}
	return table(rows, s, width)
}

// table lays out rows (the first is the header) in columns two cells
// apart, indented by two, within width cells: when they do not fit, the
// widest columns give way and their cells are cut with "…" (the exact view
// and p show every byte).
func table(rows [][]string, s *Theme, width int) []string {
	ncol := len(rows[0])
	widths := make([]int, ncol)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], cells(c))
		}
	}
	room := width - 2 - 2*(ncol-1)
	for sum(widths) > room {
		widest := 0
		for i := range widths {
			if widths[i] > widths[widest] {
				widest = i
			}
		}
		if widths[widest] <= 4 {
			break
		}
		widths[widest]--
	}
	out := make([]string, 0, len(rows))
	for ri, r := range rows {
		var b strings.Builder
		b.Grow(width)
		b.WriteString("  ")
		for i, c := range r {
			w := cells(c)
			if w > widths[i] {
				c = truncate(c, widths[i])
				w = xansi.StringWidth(c)
			}
			b.WriteString(c)
			if i < ncol-1 {
				pad(&b, widths[i]-w+2)
			}
		}
		line := strings.TrimRight(b.String(), " ")
		if ri == 0 {
			line = s.Dim.Render(line)
		}
		out = append(out, line)
	}
	return out
}

// pad writes n spaces.
func pad(b *strings.Builder, n int) {
	const spaces = "                                                                "
	for ; n > len(spaces); n -= len(spaces) {
		b.WriteString(spaces)
	}
	b.WriteString(spaces[:max(n, 0)])
}

func sum(n []int) int {
	t := 0
	for _, v := range n {
		t += v
	}
	return t
}

// nodeLines lays out an object as "key: value" lines and a list as "- "
// items, nested values indented under their key.
func nodeLines(n *jsonNode, indent string, width int) []string {
	var out []string
	item := func(label string, v *jsonNode) {
		if (v.kind == '{' || v.kind == '[') && len(v.fields) > 0 {
			out = append(out, indent+label)
			out = append(out, nodeLines(v, indent+"  ", width)...)
			return
		}
		out = append(out, copyableLines(indent+label+" "+v.scalar(), width, "")...)
	}
	switch n.kind {
	case '{':
		for i := range n.fields {
			item(model.Visible(n.fields[i].key)+":", &n.fields[i])
		}
	case '[':
		for i := range n.fields {
			item("-", &n.fields[i])
		}
	}
	return out
}
