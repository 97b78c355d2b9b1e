package ui

import (
	"bytes"
	"encoding/json"
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

// str reads a JSON string; only one holding an escape is copied. The
// text is saejob's own encoding, so it is not checked further than its
// quotes: a wrong one makes the view show the value as sent.
func (p *jsonParser) str() (string, bool) {
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return "", false
	}
	start, escaped := p.i+1, false
	for i := start; i < len(p.s); i++ {
		switch p.s[i] {
		case '\\':
			escaped = true
			i++ // the escaped character
		case '"':
			p.i = i + 1
			if !escaped {
				return p.s[start:i], true
			}
			return unescapeJSON(p.s[start:i])
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

// cellWidth is the width of s in terminal cells; plain ASCII (the usual
// value) is one cell a byte.
func cellWidth(s string) int {
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
	var b strings.Builder
	line := func(l string) {
		b.WriteString(l)
		b.WriteByte('\n')
	}
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
					line(s.Label.Render(name) + pad + "  " + l)
				} else {
					line(strings.Repeat(" ", nameW+2) + l)
				}
			}
		case p.Name == "Envs":
			line(s.Label.Render(name) + s.Dim.Render(" ("+plural(len(node.fields), "variable")+")"))
			b.Grow(len(node.fields) * width / 2)
			table(&b, envRows(node), 2, s, width)
		case node.kind == '[' && objectsOnly(node):
			line(s.Label.Render(name) + s.Dim.Render(" ("+plural(len(node.fields), "item")+")"))
			cells, ncol := objectRows(node)
			table(&b, cells, ncol, s, width)
		default:
			line(s.Label.Render(name))
			for _, l := range nodeLines(node, "  ", width) {
				line(l)
			}
		}
	}
	return b.String()
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

// envRows is Envs as table cells, row by row: each variable's name and its
// value, or the ConfigMap (and key) it is read from.
func envRows(n *jsonNode) []string {
	cells := make([]string, 0, 2*len(n.fields)+2)
	cells = append(cells, "NAME", "VALUE")
	for i := range n.fields {
		e := &n.fields[i]
		v, from := e.get("value"), e.get("valueFrom")
		value := v.scalar()
		if v == nil || from != nil {
			// {"valueFrom":"configMapRef","configMapId":1,"key":"k"}, or
			// {"valueFrom":{"configMapRef":{"configMapId":1,"key":"k"}}}
			ref := e
			if from != nil && from.kind == '{' {
				ref = from.get("configMapRef")
			}
			value = "from ConfigMap " + ref.get("configMapId").scalar()
			if k := ref.get("key"); k != nil {
				value += ", key " + k.scalar()
			} else {
				value += " (all keys)"
			}
		}
		cells = append(cells, e.get("name").scalar(), value)
	}
	return cells
}

// objectRows is a list of objects as table cells, row by row, with a
// column for each key, in the order the keys first appear.
func objectRows(n *jsonNode) (cells []string, ncol int) {
	var cols []string
	seen := map[string]bool{}
	for i := range n.fields {
		for _, f := range n.fields[i].fields {
			if !seen[f.key] {
				seen[f.key] = true
				cols = append(cols, f.key)
			}
		}
	}
	for _, c := range cols {
		cells = append(cells, model.Visible(c))
	}
	for j := range n.fields {
		for _, c := range cols {
			cells = append(cells, n.fields[j].get(c).scalar())
		}
	}
	return cells, len(cols)
}

// table writes cells (row by row, ncol a row; the first row is the
// header) in columns two cells apart, indented by two, within width cells:
// when they do not fit, the widest columns give way and their cells are
// cut with "…" (the exact view and p show every byte).
func table(b *strings.Builder, cells []string, ncol int, s *Theme, width int) {
	if ncol == 0 {
		return
	}
	w := make([]int, len(cells)) // each cell's width, measured once
	widths := make([]int, ncol)
	for i, c := range cells {
		w[i] = cellWidth(c)
		widths[i%ncol] = max(widths[i%ncol], w[i])
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
	var buf []byte
	for r := 0; r*ncol < len(cells); r++ {
		buf = append(buf[:0], "  "...)
		for i := 0; i < ncol; i++ {
			c, cw := cells[r*ncol+i], w[r*ncol+i]
			if cw > widths[i] {
				c = truncate(c, widths[i])
				cw = xansi.StringWidth(c)
			}
			buf = append(buf, c...)
			if i < ncol-1 {
				buf = pad(buf, widths[i]-cw+2)
			}
		}
		for len(buf) > 0 && buf[len(buf)-1] == ' ' {
			buf = buf[:len(buf)-1]
		}
		if r == 0 {
			b.WriteString(s.Dim.Render(string(buf)))
		} else {
			b.Write(buf)
		}
		b.WriteByte('\n')
	}
}

// pad appends n spaces.
func pad(buf []byte, n int) []byte {
	for ; n > 0; n-- {
		buf = append(buf, ' ')
	}
	return buf
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
