package model

import (
	"encoding/json"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MarshalOver writes t in place of old, the text of the file it replaces,
// changing only what differs: entries whose value is unchanged stay byte
// for byte, in their order and with their comments; a changed value is
// rewritten in its place; a new parameter goes after the nearest preceding
// parameter present. When old cannot be edited that way, a YAML file keeps
// at least its comments; else this is Marshal.
func MarshalOver(old []byte, f Format, t *Template, opts SaveOptions) ([]byte, error) {
	want := asLoaded(t, opts)
	out, ok, err := splice(old, f, t, opts)
	if err != nil {
		return nil, err
	}
	if ok {
		if got, err := Parse(out, f, ""); err == nil && sameTemplate(got, want) {
			return out, nil
		}
	}
	if f == JSON {
		return Marshal(t, JSON, opts)
	}
	// Values may be kept only when the old file loads and nothing in it is
	// shared through anchors, which a changed value could leave dangling.
	oldT, lerr := Parse(old, YAML, "")
	for _, keepValues := range []bool{lerr == nil, false} {
		out, err := marshalOver(old, oldT, t, opts, keepValues)
		if err != nil {
			return nil, err
		}
		if out == nil {
			break
		}
		// The YAML encoder does not write every node it reads back the same
		// (a null in a flow mapping comes out as ''): keep the result only
		// when it loads to the template saved.
		if got, err := Parse(out, YAML, ""); err == nil && sameTemplate(got, want) {
			return out, nil
		}
	}
	return Marshal(t, YAML, opts)
}

// asLoaded is t as loading its file gives it back: without the secrets
// left out, and with shard values in canonical form.
func asLoaded(t *Template, opts SaveOptions) *Template {
	c := *t
	if !opts.WithSecrets {
		for _, name := range t.ClearSecrets() {
			c.Clear(name)
		}
	}
	if c.SliceEnvs != nil {
		c.SliceEnvs = append([]json.RawMessage{}, c.SliceEnvs...)
		canonicalRaw(c.SliceEnvs)
	}
	return &c
}

// marshalOver does MarshalOver once; nil when old is not a YAML mapping.
func marshalOver(old []byte, oldT, t *Template, opts SaveOptions, keepValues bool) ([]byte, error) {
	doc, err := ParseTree(old, YAML, "")
	if err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil
	}
	entries, err := fileEntries(t, opts)
	if err != nil {
		return nil, err
	}
	oldTop := doc.Content[0]
	keepValues = keepValues && !hasAnchors(doc)

	type pair struct{ k, v *yaml.Node }
	oldPairs := map[string]pair{}
	for i := 0; i+1 < len(oldTop.Content); i += 2 {
		k := oldTop.Content[i]
		if _, dup := oldPairs[k.Value]; !dup {
			oldPairs[k.Value] = pair{k, oldTop.Content[i+1]}
		}
	}

	top := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map",
		HeadComment: oldTop.HeadComment, LineComment: oldTop.LineComment, FootComment: oldTop.FootComment}
	for _, e := range entries {
		k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: e.name}
		v := e.node
		if old, ok := oldPairs[e.name]; ok {
			k.HeadComment, k.LineComment, k.FootComment = old.k.HeadComment, old.k.LineComment, old.k.FootComment
			switch {
			case keepValues && old.v.Kind != yaml.ScalarNode && sameParam(oldT, t, e.name) && sameRaw(oldT, t, e.name):
				v = old.v
			case v.Kind == yaml.ScalarNode:
				v.LineComment = old.v.LineComment
			case k.LineComment == "":
				// A block value has no line of its own: the comment goes after the key.
				k.LineComment = old.v.LineComment
			}
		}
		top.Content = append(top.Content, k, v)
	}
	if len(top.Content) > 0 {
		// A comment on the first key is often the file's own head comment.
		top.Content[0].HeadComment = withoutSchemaLine(top.Content[0].HeadComment)
	}
	out := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{top},
		HeadComment: withoutSchemaLine(doc.HeadComment), FootComment: doc.FootComment}
	return encodeYAML(out)
}

// sameParam reports whether a and b hold the same value for a parameter.
func sameParam(a, b *Template, name string) bool {
	if _, known := Lookup(name); !known {
		return true // a key that is no parameter has only a raw value
	}
	return reflect.DeepEqual(reflect.ValueOf(a).Elem().FieldByName(name).Interface(),
		reflect.ValueOf(b).Elem().FieldByName(name).Interface())
}

func hasAnchors(n *yaml.Node) bool {
	if n.Anchor != "" || n.Kind == yaml.AliasNode {
		return true
	}
	for _, c := range n.Content {
		if hasAnchors(c) {
			return true
		}
	}
	return false
}

// withoutSchemaLine drops the schema comment, which encodeYAML writes anew.
func withoutSchemaLine(comment string) string {
	if !strings.Contains(comment, "yaml-language-server:") {
		return comment
	}
	var keep []string
	for _, line := range strings.Split(comment, "\n") {
		if !strings.Contains(line, "yaml-language-server:") {
			keep = append(keep, line)
		}
	}
	return strings.TrimLeft(strings.Join(keep, "\n"), "\n")
}
