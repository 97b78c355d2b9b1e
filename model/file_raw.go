package model

import (
	"bytes"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// keepRaw records a value the loader could not put in a field.
func (l *loader) keepRaw(t *Template, key string, v *yaml.Node) {
	node, ok := copyNode(v)
	if !ok {
		l.fail(v, key, "the value is nested too deeply, or expands too much through aliases")
		return
	}
	if t.Raw == nil {
		t.Raw = map[string]*RawValue{}
	}
	t.Raw[key] = &RawValue{Text: l.rawText(deref(v)), node: node}
}

// maxRawNodes caps how many nodes a raw value may expand to through aliases.
const maxRawNodes = 100000

// copyNode is plainCopy within maxRawNodes; false when the value is bigger.
func copyNode(n *yaml.Node) (*yaml.Node, bool) {
	budget := maxRawNodes
	c := plainCopyIn(n, 0, &budget)
	return c, budget > 0
}

// plainCopy copies a value node with its style and comments, following
// aliases and leaving out anchors, so that it can be written on its own.
func plainCopy(n *yaml.Node, depth int) *yaml.Node {
	budget := maxRawNodes
	return plainCopyIn(n, depth, &budget)
}

// rawText is a value as one text: a scalar as written, a structured value
// as its JSON text (or its YAML text when JSON cannot hold it).
func (l *loader) rawText(v *yaml.Node) string {
	if v.Kind == yaml.ScalarNode {
		if v.Value == "" && v.ShortTag() == "!!null" {
			return "null" // as it is written back
		}
		return v.Value
	}
	var b bytes.Buffer
	sub := loader{name: l.name, budget: l.budget}
	if sub.toJSON(&b, v, "", 0) == nil {
		return b.String()
	}
	out, err := yaml.Marshal(plainCopy(v, 0))
	if err != nil {
		return ""
	}
	return string(bytes.TrimRight(out, "\n"))
}

func plainCopyIn(n *yaml.Node, depth int, budget *int) *yaml.Node {
	return plainCopyKey(n, depth, budget, false)
}

func plainCopyKey(n *yaml.Node, depth int, budget *int, isKey bool) *yaml.Node {
	n = deref(n)
	*budget--
	if depth > 1000 || *budget <= 0 {
		*budget = 0
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	c := &yaml.Node{Kind: n.Kind, Style: n.Style, Tag: n.Tag, Value: n.Value,
		HeadComment: n.HeadComment, LineComment: n.LineComment, FootComment: n.FootComment}
	if c.Kind == yaml.AliasNode || c.Kind == yaml.DocumentNode ||
		(!isKey && c.Kind == yaml.ScalarNode && c.Value == "" && n.ShortTag() == "!!null") {
		// The encoder writes an empty null in a flow mapping as '', a string.
		c.Kind, c.Tag, c.Value, c.Style = yaml.ScalarNode, "!!null", "null", 0
	}
	for i, ch := range n.Content {
		if *budget <= 0 {
			break
		}
		c.Content = append(c.Content, plainCopyKey(ch, depth+1, budget, n.Kind == yaml.MappingNode && i%2 == 0))
	}
	return c
}

// fieldSet reports whether the field of parameter name holds a value.
func fieldSet(t *Template, name string) bool {
	f := reflect.ValueOf(t).Elem().FieldByName(name)
	return f.IsValid() && !f.IsZero()
}

// raw returns the raw value written for key while the template does not
// hold that key's value otherwise; nil when there is none.
func (t *Template) raw(key string) *RawValue {
	r := t.Raw[key]
	if r == nil || r.MovedTo != "" {
		return nil
	}
	if _, known := Lookup(key); known && fieldSet(t, key) {
		return nil
	}
	return r
}

// RawText returns the text of the value the file wrote for key when the
// template could not load it (see Template.Raw).
func (t *Template) RawText(key string) (string, bool) {
	if r := t.raw(key); r != nil {
		return r.Text, true
	}
	return "", false
}

// RawKeys lists the keys the file wrote that are no parameter, as written.
func (t *Template) RawKeys() []string {
	var keys []string
	for k, r := range t.Raw {
		if _, known := Lookup(k); !known && r.MovedTo == "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// SetRawText sets a parameter from text typed in place of a value the file
// wrote raw: when the text loads, the parameter takes it; otherwise the
// text stays raw with its problem. Empty text unsets the parameter.
func (t *Template) SetRawText(param, text string) {
	p, ok := Lookup(param)
	if !ok {
		return
	}
	t.Clear(param)
	t.DropRaw(param)
	if text == "" {
		return
	}
	l := loader{budget: 4 * MaxFileSize}
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: text}
	l.set(t, p, n, n)
	if fieldSet(t, param) || l.count == 0 {
		return
	}
	t.LoadProblems = append(t.LoadProblems, l.problems...)
	if t.Raw == nil {
		t.Raw = map[string]*RawValue{}
	}
	t.Raw[param] = &RawValue{Text: text}
}

// DropRaw forgets the raw value written for key, with its problems: the
// user replaced or removed it on purpose.
func (t *Template) DropRaw(key string) {
	if _, ok := t.Raw[key]; !ok {
		return
	}
	delete(t.Raw, key)
	if len(t.Raw) == 0 {
		t.Raw = nil
	}
	var keep Problems
	for _, p := range t.LoadProblems {
		if p.Field != key && FieldParam(p.Field) != key {
			keep = append(keep, p)
		}
	}
	t.LoadProblems = keep
}

// MoveRaw carries the value of an unknown key over to the parameter it is
// a typo of (Replica: 1 to Replicas), when that parameter is unset and the
// value loads for it; saving then writes the parameter in the key's place.
func (t *Template) MoveRaw(key, param string) bool {
	r := t.raw(key)
	p, ok := Lookup(param)
	if r == nil || !ok || fieldSet(t, param) || t.raw(param) != nil {
		return false
	}
	if _, known := Lookup(key); known {
		return false
	}
	n := r.node
	if n == nil {
		n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: r.Text}
	}
	var scratch Template
	l := loader{budget: 4 * MaxFileSize}
	l.set(&scratch, p, n, n)
	if l.count > 0 || len(l.errs) > 0 || !fieldSet(&scratch, param) {
		return false
	}
	dst := reflect.ValueOf(t).Elem().FieldByName(param)
	dst.Set(reflect.ValueOf(&scratch).Elem().FieldByName(param))
	var keep Problems
	for _, p := range t.LoadProblems {
		if p.Field != key {
			keep = append(keep, p)
		}
	}
	t.LoadProblems = keep
	r.MovedTo = param
	return true
}

// yamlNode is the YAML node a raw value is written as.
func (r *RawValue) yamlNode() *yaml.Node {
	if r.node != nil {
		return plainCopy(r.node, 0)
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: r.Text, Style: stringStyle(r.Text)}
}

// jsonValue is the JSON a raw value is written as: its structure when JSON
// can hold it, else its text as a string.
func (r *RawValue) jsonValue() []byte {
	n := r.node
	if n != nil {
		n = deref(n)
	}
	if n != nil && n.Kind == yaml.ScalarNode {
		// A scalar keeps its text: a number or boolean only as JSON
		// writes it (008 and True stay as written, in a string).
		switch n.ShortTag() {
		case "!!int", "!!float":
			if jsonNumber().MatchString(n.Value) {
				return []byte(n.Value)
			}
		case "!!bool":
			if n.Value == "true" || n.Value == "false" {
				return []byte(n.Value)
			}
		case "!!null":
			if n.Value == "" || n.Value == "null" {
				return []byte("null")
			}
		}
	} else if n != nil {
		var b bytes.Buffer
		l := loader{budget: 4 * MaxFileSize}
		if l.toJSON(&b, n, "", 0) == nil {
			return b.Bytes()
		}
	}
	var b bytes.Buffer
	writeJSONString(&b, r.Text)
	return b.Bytes()
}

// sameRaw reports whether two templates hold the same raw value for key.
func sameRaw(a, b *Template, key string) bool {
	ra, rb := a.raw(key), b.raw(key)
	if ra == nil || rb == nil {
		return ra == nil && rb == nil
	}
	return ra.Text == rb.Text && (ra.node == nil) == (rb.node == nil)
}

// sameTemplate reports whether a and b hold the same values, raw ones by
// their text; what was wrong with them (LoadProblems) is not compared,
// since its line numbers move with the file.
func sameTemplate(a, b *Template) bool {
	ca, cb := *a, *b
	ca.LoadProblems, cb.LoadProblems = nil, nil
	ca.Raw, cb.Raw = nil, nil
	if !reflect.DeepEqual(&ca, &cb) {
		return false
	}
	keys := map[string]bool{}
	for k := range a.Raw {
		keys[k] = true
	}
	for k := range b.Raw {
		keys[k] = true
	}
	for k := range keys {
		ra, rb := a.raw(k), b.raw(k)
		if (ra == nil) != (rb == nil) || (ra != nil && ra.Text != rb.Text) {
			return false
		}
	}
	return true
}

// rawProblems are the problems of raw values whose load problem is gone
// (the wizard forgets a parameter's load problems once it is edited): a
// value that does not load is a problem for as long as it is kept.
func (t *Template) rawProblems() Problems {
	if len(t.Raw) == 0 {
		return nil
	}
	reported := map[string]bool{}
	for _, p := range t.LoadProblems {
		reported[FieldParam(p.Field)] = true
		reported[p.Field] = true
	}
	var out Problems
	for _, key := range sortedRawKeys(t.Raw) {
		r := t.raw(key)
		if r == nil || reported[key] {
			continue
		}
		p, known := Lookup(key)
		if !known {
			out = append(out, Problem{Field: key, Path: At(key), Code: CodeObviously, Message: capitalize(unknownParamMsg(key)) + "."})
			continue
		}
		var scratch Template
		l := loader{budget: 4 * MaxFileSize}
		n := r.node
		if n == nil {
			n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: r.Text}
		}
		l.set(&scratch, p, n, plainCopy(n, 0))
		out = append(out, l.problems...)
		if len(l.problems) == 0 && !fieldSet(&scratch, key) {
			out = append(out, Problem{Field: key, Path: At(key), Code: CodeObviously, Message: key + " is kept as written but could not be read."})
		}
	}
	return out
}

func sortedRawKeys(m map[string]*RawValue) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
