package model

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// A save changes only the values the user changed: splice copies the old
// file's text and replaces, removes or inserts just those entries, so that
// key order, comments, quoting and layout of everything else stay byte for
// byte.

// spliceItem is one top-level entry of the file being written.
type spliceItem struct {
	old   int // index of the entry in the old file; -1 for a new one
	name  string
	keep  bool      // write the old entry's text unchanged
	entry fileEntry // the value to write when not kept
}

// oldEntry is one top-level key of the old file with its value.
type oldEntry struct {
	k, v *yaml.Node
}

// splicePlan decides, entry by entry, what the new file holds: the old
// entries in their order (kept, rewritten or left out) and each new
// parameter after the nearest preceding parameter that is present.
func splicePlan(olds []oldEntry, oldT, t *Template, opts SaveOptions) ([]spliceItem, error) {
	v := reflect.ValueOf(t).Elem()
	inOld := map[string]bool{}
	for _, e := range olds {
		inOld[e.k.Value] = true
	}
	placed := map[string]bool{}
	var items []spliceItem
	for i, e := range olds {
		name := e.k.Value
		if p, known := Lookup(name); known {
			if sameParam(oldT, t, name) && sameRaw(oldT, t, name) {
				items = append(items, spliceItem{old: i, name: name, keep: true})
				placed[name] = true
				continue
			}
			fe, ok, err := paramEntry(t, v, p, opts)
			if err != nil {
				return nil, err
			}
			if ok {
				items = append(items, spliceItem{old: i, name: name, entry: fe})
				placed[name] = true
			}
			continue
		}
		r := t.Raw[name]
		switch {
		case r != nil && r.MovedTo != "":
			p, _ := Lookup(r.MovedTo)
			if inOld[p.Name] || placed[p.Name] {
				continue
			}
			fe, ok, err := paramEntry(t, v, p, opts)
			if err != nil {
				return nil, err
			}
			if ok {
				items = append(items, spliceItem{old: i, name: p.Name, entry: fe})
				placed[p.Name] = true
			}
		case t.raw(name) != nil && sameRaw(oldT, t, name), oldT.raw(name) == nil && t.raw(name) == nil:
			items = append(items, spliceItem{old: i, name: name, keep: true})
		case t.raw(name) != nil:
			items = append(items, spliceItem{old: i, name: name, entry: fileEntry{name: name, node: r.yamlNode(), json: r.jsonValue()}})
		}
		// Otherwise the key was dropped on purpose: it is left out.
	}
	for pi, p := range Params {
		if placed[p.Name] || inOld[p.Name] {
			continue
		}
		fe, ok, err := paramEntry(t, v, p, opts)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		// After the nearest preceding parameter present, else before the
		// first entry.
		at, best := 0, -1
		for j, it := range items {
			if k, ok := paramIndex[it.name]; ok && k < pi && k > best {
				at, best = j+1, k
			}
		}
		items = append(items[:at], append([]spliceItem{{old: -1, name: p.Name, entry: fe}}, items[at:]...)...)
		placed[p.Name] = true
	}
	for _, k := range t.RawKeys() {
		if !inOld[k] && k != "<<" {
			r := t.Raw[k]
			items = append(items, spliceItem{old: -1, name: k, entry: fileEntry{name: k, node: r.yamlNode(), json: r.jsonValue()}})
		}
	}
	return items, nil
}

// splice writes t over old, the text of the file it replaces; false when
// old is not a template file whose entries can be told apart.
func splice(old []byte, f Format, t *Template, opts SaveOptions) ([]byte, bool, error) {
	bom := []byte("\xef\xbb\xbf")
	hasBOM := bytes.HasPrefix(old, bom)
	data := bytes.TrimPrefix(old, bom)
	oldT, err := Parse(data, f, "")
	if err != nil {
		return nil, false, nil
	}
	doc, err := ParseTree(data, f, "")
	if err != nil || len(doc.Content) == 0 {
		return nil, false, nil
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode || len(top.Content) == 0 {
		return nil, false, nil
	}
	var olds []oldEntry
	for i := 0; i+1 < len(top.Content); i += 2 {
		olds = append(olds, oldEntry{top.Content[i], top.Content[i+1]})
	}
	items, err := splicePlan(olds, oldT, t, opts)
	if err != nil {
		return nil, false, err
	}
	var out []byte
	var ok bool
	if f == JSON {
		out, ok = spliceJSON(data, top, olds, items)
	} else {
		out, ok, err = spliceYAML(data, top, olds, items)
	}
	if !ok || err != nil {
		return nil, false, err
	}
	if hasBOM {
		out = append(append([]byte{}, bom...), out...)
	}
	return out, true, nil
}

// lineStarts returns the offset where each line of data starts.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// offsetOf turns a node's line and column (in characters) into an offset.
func offsetOf(data []byte, starts []int, line, col int) int {
	if line < 1 || line > len(starts) {
		return -1
	}
	off := starts[line-1]
	for c := 1; c < col && off < len(data) && data[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(data[off:])
		off += size
	}
	return off
}

// lineText is line n (1-based) without its line break.
func lineText(data []byte, starts []int, n int) string {
	end := len(data)
	if n < len(starts) {
		end = starts[n]
	}
	return strings.TrimRight(string(data[starts[n-1]:end]), "\r\n")
}

// yamlStyle is how a YAML file indents its block values.
type yamlStyle struct {
	indent     int
	compactSeq bool
}

// fileYAMLStyle reads the indentation the file uses from its first block value.
func fileYAMLStyle(olds []oldEntry) yamlStyle {
	for _, e := range olds {
		if s, ok := valueYAMLStyle(e); ok {
			return s
		}
	}
	return yamlStyle{indent: 2}
}

func valueYAMLStyle(e oldEntry) (yamlStyle, bool) {
	v := e.v
	if v.Style&yaml.FlowStyle != 0 || v.Line <= e.k.Line || len(v.Content) == 0 {
		return yamlStyle{}, false
	}
	switch v.Kind {
	case yaml.SequenceNode:
		if v.Column == e.k.Column {
			s := yamlStyle{indent: 2, compactSeq: true}
			if c := v.Content[0]; c.Kind == yaml.MappingNode && c.Style&yaml.FlowStyle == 0 {
				s.indent = max(c.Column-v.Column, 2)
			}
			return s, true
		}
		if d := v.Column - e.k.Column; d >= 2 {
			return yamlStyle{indent: d}, true
		}
	case yaml.MappingNode:
		if d := v.Column - e.k.Column; d >= 2 {
			return yamlStyle{indent: d}, true
		}
	}
	return yamlStyle{}, false
}

// spliceYAML writes the plan over the text of a block mapping.
func spliceYAML(data []byte, top *yaml.Node, olds []oldEntry, items []spliceItem) ([]byte, bool, error) {
	if top.Style&yaml.FlowStyle != 0 {
		return nil, false, nil
	}
	starts := lineStarts(data)
	indent := top.Content[0].Column - 1
	isTrailer := func(n int) bool {
		s := lineText(data, starts, n)
		trimmed := strings.TrimLeft(s, " \t")
		if trimmed == "" {
			return true
		}
		lead := len(s) - len(trimmed)
		return lead <= indent && (trimmed[0] == '#' || (lead == 0 && strings.HasPrefix(trimmed, "...")))
	}
	isComment := func(n int) bool {
		s := lineText(data, starts, n)
		trimmed := strings.TrimLeft(s, " \t")
		return trimmed != "" && trimmed[0] == '#' && len(s)-len(trimmed) <= indent
	}
	// Each entry's text: from the start of its key's line to the end of
	// its last line that is not a comment or blank line of the top level;
	// head is where the comment lines right above it start.
	type region struct{ head, start, end int }
	regions := make([]region, len(olds))
	for i, e := range olds {
		k := e.k
		if k.Column-1 != indent || k.Line < 1 || k.Line > len(starts) {
			return nil, false, nil
		}
		if at := offsetOf(data, starts, k.Line, k.Column); at < 0 || strings.TrimSpace(string(data[starts[k.Line-1]:at])) != "" {
			return nil, false, nil // the key does not start its line
		}
		nextLine := len(starts) + 1
		if i+1 < len(olds) {
			nextLine = olds[i+1].k.Line
			if nextLine <= k.Line {
				return nil, false, nil
			}
		}
		last := nextLine - 1
		if last > len(starts) {
			last = len(starts)
		}
		for last > k.Line && isTrailer(last) {
			last--
		}
		end := len(data)
		if last < len(starts) {
			end = starts[last]
		}
		head := starts[k.Line-1]
		prevEnd := 0
		if i > 0 {
			prevEnd = regions[i-1].end
		}
		if i > 0 {
			for n := k.Line - 1; n >= 1 && starts[n-1] >= prevEnd && isComment(n); n-- {
				head = starts[n-1]
			}
		}
		regions[i] = region{head: head, start: starts[k.Line-1], end: end}
	}
	style := fileYAMLStyle(olds)
	var b bytes.Buffer
	pos := 0 // how far data is copied
	emitNew := func(it spliceItem, e *oldEntry) error {
		st := style
		var keyComment, valueComment string
		if e != nil {
			if s, ok := valueYAMLStyle(*e); ok {
				st = s
			}
			keyComment, valueComment = e.k.LineComment, e.v.LineComment
		}
		text, err := yamlEntryText(it.name, it.entry.node, keyComment, valueComment, st, indent)
		if err != nil {
			return err
		}
		if b.Len() > 0 && b.Bytes()[b.Len()-1] != '\n' {
			b.WriteByte('\n')
		}
		b.Write(text)
		return nil
	}
	// New entries that go before every old one come before the first
	// entry's key, after the file's opening comments.
	firstOld := len(items)
	for j, it := range items {
		if it.old >= 0 {
			firstOld = j
			break
		}
	}
	if firstOld == len(items) {
		return nil, false, nil
	}
	b.Write(data[:regions[items[firstOld].old].start])
	pos = regions[items[firstOld].old].start
	for _, it := range items[:firstOld] {
		if err := emitNew(it, nil); err != nil {
			return nil, false, err
		}
	}
	next := 0 // next old entry to account for
	for _, it := range items[firstOld:] {
		if it.old < 0 {
			if err := emitNew(it, nil); err != nil {
				return nil, false, err
			}
			continue
		}
		// Old entries left out between: drop them with their comments.
		for ; next < it.old; next++ {
			r := regions[next]
			if r.head > pos {
				b.Write(data[pos:r.head])
			}
			pos = max(pos, r.end)
		}
		r := regions[it.old]
		if r.start > pos {
			b.Write(data[pos:r.start])
		}
		if it.keep {
			b.Write(data[r.start:r.end])
		} else if err := emitNew(it, &olds[it.old]); err != nil {
			return nil, false, err
		}
		pos = r.end
		next = it.old + 1
	}
	for ; next < len(olds); next++ {
		r := regions[next]
		if r.head > pos {
			b.Write(data[pos:r.head])
		}
		pos = max(pos, r.end)
	}
	b.Write(data[pos:])
	return b.Bytes(), true, nil
}

// yamlEntryText encodes one top-level entry, indented like the file.
func yamlEntryText(name string, node *yaml.Node, keyComment, valueComment string, st yamlStyle, indent int) ([]byte, error) {
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name, LineComment: keyComment}
	v := node
	if v.Kind == yaml.ScalarNode && valueComment != "" {
		c := *v
		c.LineComment = valueComment
		v = &c
	} else if k.LineComment == "" {
		k.LineComment = valueComment
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{k, v}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(max(st.indent, 2))
	if st.compactSeq {
		enc.CompactSeqIndent()
	}
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	out := b.Bytes()
	if indent > 0 {
		pad := strings.Repeat(" ", indent)
		var p bytes.Buffer
		for _, line := range bytes.SplitAfter(out, []byte("\n")) {
			if len(line) > 0 {
				p.WriteString(pad)
				p.Write(line)
			}
		}
		out = p.Bytes()
	}
	return out, nil
}

// spliceJSON writes the plan over the text of a JSON object.
func spliceJSON(data []byte, top *yaml.Node, olds []oldEntry, items []spliceItem) ([]byte, bool) {
	starts := lineStarts(data)
	type span struct{ key, keyEnd, val, end int }
	spans := make([]span, len(olds))
	for i, e := range olds {
		ks := offsetOf(data, starts, e.k.Line, e.k.Column)
		vs := offsetOf(data, starts, e.v.Line, e.v.Column)
		if ks < 0 || vs < 0 {
			return nil, false
		}
		kl, ok1 := jsonValueLen(data[ks:])
		vl, ok2 := jsonValueLen(data[vs:])
		if !ok1 || !ok2 {
			return nil, false
		}
		spans[i] = span{ks, ks + kl, vs, vs + vl}
	}
	open := offsetOf(data, starts, top.Line, top.Column)
	if open < 0 || open >= len(data) || data[open] != '{' {
		return nil, false
	}
	lastEnd := spans[len(spans)-1].end
	closeAt := lastEnd + bytes.IndexByte(data[lastEnd:], '}')
	if closeAt < lastEnd {
		return nil, false
	}
	leading := string(data[open+1 : spans[0].key])
	multiline := strings.Contains(leading, "\n")
	prefix := ""
	if multiline {
		prefix = leading[strings.LastIndexByte(leading, '\n')+1:]
	}
	unit := prefix
	if openLine := lineText(data, starts, top.Line); multiline {
		braceIndent := len(openLine) - len(strings.TrimLeft(openLine, " \t"))
		if braceIndent < len(prefix) {
			unit = prefix[braceIndent:]
		}
	}
	sep := ","
	switch {
	case len(spans) > 1:
		sep = string(data[spans[0].end:spans[1].key])
	case multiline:
		sep = ",\n" + prefix
	}
	colon := string(data[spans[0].keyEnd:spans[0].val])
	value := func(js []byte) []byte {
		if !multiline {
			return js
		}
		var b bytes.Buffer
		if json.Indent(&b, js, prefix, unit) != nil {
			return js
		}
		return b.Bytes()
	}
	var b bytes.Buffer
	b.Write(data[:open+1])
	b.WriteString(leading)
	prev := -2
	for j, it := range items {
		if j > 0 {
			if it.old > 0 && it.old == prev+1 {
				b.Write(data[spans[it.old-1].end:spans[it.old].key])
			} else {
				b.WriteString(sep)
			}
		}
		prev = it.old
		if it.old >= 0 {
			s := spans[it.old]
			if it.keep {
				b.Write(data[s.key:s.end])
				continue
			}
			if olds[it.old].k.Value == it.name {
				b.Write(data[s.key:s.val])
			} else {
				writeJSONString(&b, it.name)
				b.Write(data[s.keyEnd:s.val])
			}
			b.Write(value(it.entry.json))
			continue
		}
		writeJSONString(&b, it.name)
		b.WriteString(colon)
		b.Write(value(it.entry.json))
	}
	if len(items) == 0 {
		b.Reset()
		b.Write(data[:open+1])
	}
	b.Write(data[lastEnd:])
	return b.Bytes(), true
}

// jsonValueLen is the length of the JSON value data starts with.
func jsonValueLen(data []byte) (int, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if dec.Decode(&raw) != nil {
		return 0, false
	}
	return int(dec.InputOffset()), true
}
