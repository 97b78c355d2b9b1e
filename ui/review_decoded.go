package ui

import (
	"bytes"
	"encoding/json"
	"strings"

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
	keys   []string
	fields []*jsonNode // object values, in keys' order, or array items
}

// decodeOrdered decodes one JSON value, keeping object keys in order.
func decodeOrdered(s string) (*jsonNode, bool) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	n, err := readNode(dec)
	if err != nil || dec.More() {
		return nil, false
	}
	if _, err := dec.Token(); err == nil {
		return nil, false // more than one value
	}
	return n, true
}

func readNode(dec *json.Decoder) (*jsonNode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch v := tok.(type) {
	case json.Delim:
		n := &jsonNode{kind: byte(v)}
		for dec.More() {
			if v == '{' {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				ks, _ := k.(string)
				n.keys = append(n.keys, ks)
			}
			child, err := readNode(dec)
			if err != nil {
				return nil, err
			}
			n.fields = append(n.fields, child)
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	case string:
		return &jsonNode{kind: 's', text: v}, nil
	case json.Number:
		return &jsonNode{kind: 'n', text: v.String()}, nil
	case bool:
		return &jsonNode{kind: 'b', text: map[bool]string{true: "true", false: "false"}[v]}, nil
	}
	return &jsonNode{kind: 'z', text: "null"}, nil
}

// get is an object's value at key, or nil.
func (n *jsonNode) get(key string) *jsonNode {
	if n == nil || n.kind != '{' {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.fields[i]
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
		return model.Visible(n.text)
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
		for i, k := range n.keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(k + ": ")
			n.fields[i].compact(b)
		}
		b.WriteByte('}')
	case '[':
		b.WriteByte('[')
		for i, f := range n.fields {
			if i > 0 {
				b.WriteString(", ")
			}
			f.compact(b)
		}
		b.WriteByte(']')
	case 's':
		b.Write(model.JSONString(n.text))
	default:
		b.WriteString(n.text)
	}
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
	for _, f := range n.fields {
		if f.kind != '{' {
			return false
		}
	}
	return len(n.fields) > 0
}

// envTable is Envs as a table: each variable's name and its value, or the
// ConfigMap (and key) it is read from.
func envTable(n *jsonNode, s *Theme, width int) []string {
	rows := [][]string{{"NAME", "VALUE"}}
	for _, e := range n.fields {
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
	for _, f := range n.fields {
		for _, k := range f.keys {
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
	for _, f := range n.fields {
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = f.get(c).scalar()
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
			widths[i] = max(widths[i], xansi.StringWidth(c))
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
		b.WriteString("  ")
		for i, c := range r {
			c = truncate(c, widths[i])
			if i < ncol-1 {
				c += strings.Repeat(" ", widths[i]-xansi.StringWidth(c)+2)
			}
			b.WriteString(c)
		}
		line := strings.TrimRight(b.String(), " ")
		if ri == 0 {
			line = s.Dim.Render(line)
		}
		out = append(out, line)
	}
	return out
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
		for i, k := range n.keys {
			item(model.Visible(k)+":", n.fields[i])
		}
	case '[':
		for _, f := range n.fields {
			item("-", f)
		}
	}
	return out
}
