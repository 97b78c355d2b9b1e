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

// jsonDoc is a decoded JSON text whose object keys keep their order. Its
// nodes hold no pointers (strings are spans of s), so the garbage
// collector neither scans nor guards them: with 2,000 Envs that was most
// of the cost of decoding on a key press.
type jsonDoc struct {
	s     string
	nodes []jsonNode
	texts []string // the strings that held escapes, unescaped
}

// jsonNode is one value of a jsonDoc.
type jsonNode struct {
	kind      byte // '{', '[', 's' string, 'n' number, 'b' bool, 'z' null
	text, key span // the value of a scalar; an object member's key
	first, n  int32
}

// span is the text s[at:end] of its jsonDoc, or texts[-at-1] when at < 0.
type span struct{ at, end int32 }

// jval is a value of a document; the zero jval is no value (a missing key).
type jval struct {
	d *jsonDoc
	n *jsonNode
}

func (d *jsonDoc) str(sp span) string {
	if sp.at < 0 {
		return d.texts[-sp.at-1]
	}
	return d.s[sp.at:sp.end]
}

func (v jval) ok() bool   { return v.n != nil }
func (v jval) kind() byte { return v.n.kind }

// text is a scalar's text: a string's value, or a literal as written.
func (v jval) text() string { return v.d.str(v.n.text) }

// key is an object member's key.
func (v jval) key() string { return v.d.str(v.n.key) }

// len is the count of a container's items.
func (v jval) len() int { return int(v.n.n) }

// item is a container's i-th item (an object's i-th member).
func (v jval) item(i int) jval { return jval{v.d, &v.d.nodes[int(v.n.first)+i]} }

// decodeOrdered decodes one JSON value, keeping object keys in order. It
// is a small one-pass parser: encoding/json's token stream costs about ten
// times as much, too slow for a 2,000-variable Envs on a key press.
func decodeOrdered(s string) (jval, bool) {
	if len(s) >= 1<<31-1 {
		return jval{}, false
	}
	// Each value is the document, a container's first item or follows a
	// comma: this bounds the count of nodes (commas and brackets within
	// strings only make it larger), so the nodes do not regrow.
	bound := 1 + strings.Count(s, ",") + strings.Count(s, "{") + strings.Count(s, "[")
	p := &jsonParser{s: s, d: &jsonDoc{s: s, nodes: make([]jsonNode, 1, bound+1)}}
	root, ok := p.value(0)
	p.space()
	if !ok || p.i != len(s) {
		return jval{}, false
	}
	p.d.nodes[0] = root
	return jval{p.d, &p.d.nodes[0]}, true
}

// jsonParser reads JSON text s (d.s) at i into d.nodes. The items of the
// containers being read wait on stack; when one closes, its items move
// to the end of d.nodes, one after the other (nodes are small and hold
// no pointers, so the copy is cheap).
type jsonParser struct {
	s     string
	i     int
	d     *jsonDoc
	stack []jsonNode
}

func (p *jsonParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

// value reads one value; depth bounds nesting, as encoding/json does.
func (p *jsonParser) value(depth int) (jsonNode, bool) {
	p.space()
	s := p.s
	if p.i >= len(s) || depth > 1000 {
		return jsonNode{}, false
	}
	switch c := s[p.i]; {
	case c == '{' || c == '[':
		n := jsonNode{kind: c}
		closer := byte(']')
		if c == '{' {
			closer = '}'
		}
		p.i++
		p.space()
		if p.i < len(s) && s[p.i] == closer {
			p.i++
			return n, true
		}
		base := len(p.stack)
		var key span
		for {
			if c == '{' {
				p.space()
				k, ok := p.str()
				if !ok {
					return jsonNode{}, false
				}
				p.space()
				if p.i >= len(s) || s[p.i] != ':' {
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
			p.stack = append(p.stack, v)
			p.space()
			if p.i >= len(s) {
				return jsonNode{}, false
			}
			switch s[p.i] {
			case ',':
				p.i++
			case closer:
				p.i++
				n.first, n.n = int32(len(p.d.nodes)), int32(len(p.stack)-base)
				p.d.nodes = append(p.d.nodes, p.stack[base:]...)
				p.stack = p.stack[:base]
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
			if strings.HasPrefix(s[p.i:], lit) {
				p.i += len(lit)
				return jsonNode{kind: pick(c == 'n', byte('z'), byte('b')), text: span{int32(p.i - len(lit)), int32(p.i)}}, true
			}
		}
		return jsonNode{}, false
	default:
		start := p.i
		for p.i < len(s) && strings.IndexByte("+-0123456789.eE", s[p.i]) >= 0 {
			p.i++
		}
		if p.i == start || !json.Valid([]byte(s[start:p.i])) {
			return jsonNode{}, false
		}
		return jsonNode{kind: 'n', text: span{int32(start), int32(p.i)}}, true
	}
}

// str reads a JSON string; only one holding an escape is copied. The
// text is saejob's own encoding, so it is not checked further than its
// quotes: a wrong one makes the view show the value as sent.
func (p *jsonParser) str() (span, bool) {
	s := p.s
	if p.i >= len(s) || s[p.i] != '"' {
		return span{}, false
	}
	start, escaped := p.i+1, false
	for i := start; i < len(s); i++ {
		switch s[i] {
		case '\\':
			escaped = true
			i++ // the escaped character
		case '"':
			p.i = i + 1
			if !escaped {
				return span{int32(start), int32(i)}, true
			}
			text, ok := unescapeJSON(s[start:i])
			p.d.texts = append(p.d.texts, text)
			return span{at: -int32(len(p.d.texts))}, ok
		}
	}
	return span{}, false
}

// get is an object's value at key, or no value.
func (v jval) get(key string) jval {
	if !v.ok() || v.kind() != '{' {
		return jval{}
	}
	for i := 0; i < v.len(); i++ {
		if f := v.item(i); f.key() == key {
			return f
		}
	}
	return jval{}
}

// scalar is a value as one short line: strings as they are (escaped),
// other values as compact JSON.
func (v jval) scalar() string {
	if !v.ok() {
		return ""
	}
	switch v.kind() {
	case 's':
		return visible(v.text())
	case 'n', 'b', 'z':
		return v.text()
	}
	var b bytes.Buffer
	v.compact(&b)
	return model.Visible(b.String())
}

func (v jval) compact(b *bytes.Buffer) {
	switch v.kind() {
	case '{', '[':
		b.WriteByte(v.kind())
		for i := 0; i < v.len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			if v.kind() == '{' {
				b.WriteString(v.item(i).key() + ": ")
			}
			v.item(i).compact(b)
		}
		b.WriteByte(pick(v.kind() == '{', byte('}'), byte(']')))
	case 's':
		b.Write(model.JSONString(v.text()))
	default:
		b.WriteString(v.text())
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
		var node jval
		if info, ok := model.Lookup(p.Name); ok && info.Kind == model.KindJSON {
			node, _ = decodeOrdered(p.Value)
		}
		switch {
		case !node.ok() || node.kind() != '{' && node.kind() != '[':
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
			line(s.Label.Render(name) + s.Dim.Render(" ("+plural(node.len(), "variable")+")"))
			b.Grow(node.len() * width / 2)
			table(&b, envRows(node), 2, s, width)
		case node.kind() == '[' && objectsOnly(node):
			line(s.Label.Render(name) + s.Dim.Render(" ("+plural(node.len(), "item")+")"))
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
func objectsOnly(n jval) bool {
	for i := 0; i < n.len(); i++ {
		if n.item(i).kind() != '{' {
			return false
		}
	}
	return n.len() > 0
}

// envRows is Envs as table cells, row by row: each variable's name and its
// value, or the ConfigMap (and key) it is read from.
func envRows(n jval) []string {
	cells := make([]string, 0, 2*n.len()+2)
	cells = append(cells, "NAME", "VALUE")
	for i := 0; i < n.len(); i++ {
		e := n.item(i)
		v, from := e.get("value"), e.get("valueFrom")
		value := v.scalar()
		if !v.ok() || from.ok() {
			// {"valueFrom":"configMapRef","configMapId":1,"key":"k"}, or
			// {"valueFrom":{"configMapRef":{"configMapId":1,"key":"k"}}}
			ref := e
			if from.ok() && from.kind() == '{' {
				ref = from.get("configMapRef")
			}
			value = "from ConfigMap " + ref.get("configMapId").scalar()
			if k := ref.get("key"); k.ok() {
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
func objectRows(n jval) (cells []string, ncol int) {
	var cols []string
	seen := map[string]bool{}
	for i := 0; i < n.len(); i++ {
		for j, o := 0, n.item(i); j < o.len(); j++ {
			if k := o.item(j).key(); !seen[k] {
				seen[k] = true
				cols = append(cols, k)
			}
		}
	}
	for _, c := range cols {
		cells = append(cells, model.Visible(c))
	}
	for j := 0; j < n.len(); j++ {
		for _, c := range cols {
			cells = append(cells, n.item(j).get(c).scalar())
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
func nodeLines(n jval, indent string, width int) []string {
	var out []string
	item := func(label string, v jval) {
		if (v.kind() == '{' || v.kind() == '[') && v.len() > 0 {
			out = append(out, indent+label)
			out = append(out, nodeLines(v, indent+"  ", width)...)
			return
		}
		out = append(out, copyableLines(indent+label+" "+v.scalar(), width, "")...)
	}
	for i := 0; i < n.len(); i++ {
		if n.kind() == '{' {
			item(model.Visible(n.item(i).key())+":", n.item(i))
		} else {
			item("-", n.item(i))
		}
	}
	return out
}
