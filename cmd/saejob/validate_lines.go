package main

import (
	"os"
	"strconv"
	"strings"

	"github.com/saejob/saejob/model"
	"go.yaml.in/yaml/v3"
)

// fieldLines finds where in a template file each problem's field is
// written, so that a problem reads "FILE:LINE: Field: ...". It parses the
// file again, which is done only for files that have problems.
type fieldLines struct {
	root *yaml.Node
}

// fileFieldLines reads the file at path; one that cannot be read or parsed
// yields no lines.
func fileFieldLines(path string) fieldLines {
	f, err := model.FormatFor(path)
	if err != nil {
		return fieldLines{}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fieldLines{}
	}
	return newFieldLines(data, f, path)
}

// newFieldLines parses a template's text for the lines of its keys.
func newFieldLines(data []byte, f model.Format, name string) fieldLines {
	doc, err := model.ParseTree(data, f, name)
	if err != nil || doc == nil {
		return fieldLines{}
	}
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return fieldLines{}
		}
		doc = doc.Content[0]
	}
	return fieldLines{root: doc}
}

// line returns the line of the deepest part of field ("Envs[2].name") that
// the file spells out, or 0 when the field is not in the file (a missing
// parameter, say).
func (fl fieldLines) line(field string) int {
	n := fl.root
	if n == nil || field == "" {
		return 0
	}
	line := 0
	for _, seg := range fieldPath(field) {
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		var next *yaml.Node
		switch {
		case seg.index >= 0 && n.Kind == yaml.SequenceNode && seg.index < len(n.Content):
			next = n.Content[seg.index]
			line = next.Line
		case seg.index < 0 && n.Kind == yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg.key {
					next = n.Content[i+1]
					line = n.Content[i].Line
					break
				}
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	return line
}

// pathSegment is one step of a problem's field: a key, or an index (>= 0).
type pathSegment struct {
	key   string
	index int
}

// fieldPath splits "Envs[2].name" into Envs, [2], name.
func fieldPath(field string) []pathSegment {
	var out []pathSegment
	for _, part := range strings.Split(field, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			out = append(out, pathSegment{key: name, index: -1})
		}
		for rest != "" {
			num, after, ok := strings.Cut(rest, "]")
			if !ok {
				break
			}
			i, err := strconv.Atoi(num)
			if err != nil {
				break
			}
			out = append(out, pathSegment{index: i})
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return out
}
