package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parseJSONNode reads JSON into the same node tree the YAML parser builds,
// with lines and columns, so one loader serves both formats. encoding/json
// does the reading: the YAML parser rejects some valid JSON (tab
// indentation in places, the "\/" escape).
func parseJSONNode(data []byte, name string) (*yaml.Node, error) {
	p := &jsonNodeParser{data: data, name: name, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, emptyFile(name)
	}
	root, err := p.value(0)
	if err != nil {
		return nil, err
	}
	start := p.next()
	if _, err := p.dec.Token(); !errors.Is(err, io.EOF) {
		line, col := p.position(start)
		return nil, &FileError{Path: name, Line: line, Column: col,
			Msg: "not valid JSON: unexpected text after the top-level object"}
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: 1, Column: 1, Content: []*yaml.Node{root}}, nil
}

type jsonNodeParser struct {
	data []byte
	name string
	dec  *json.Decoder
	// The last position computed: offset, line, column.
	posOff, posLine, posCol int
}

// next returns the offset where the next token starts.
func (p *jsonNodeParser) next() int {
	i := int(p.dec.InputOffset())
	for i < len(p.data) {
		switch p.data[i] {
		case ' ', '\t', '\n', '\r', ',', ':':
			i++
			continue
		}
		break
	}
	return i
}

// position turns a byte offset into a line and a column (in characters).
// Offsets mostly grow as the parser goes, so it carries on from the last one.
func (p *jsonNodeParser) position(off int) (line, col int) {
	off = min(max(off, 0), len(p.data))
	if off < p.posOff {
		p.posOff, p.posLine, p.posCol = 0, 1, 1
	}
	if p.posLine == 0 {
		p.posLine, p.posCol = 1, 1
	}
	for i := p.posOff; i < off; {
		r, size := utf8.DecodeRune(p.data[i:])
		if r == '\n' {
			p.posLine, p.posCol = p.posLine+1, 1
		} else {
			p.posCol++
		}
		i += size
		p.posOff = i
	}
	return p.posLine, p.posCol
}

func (p *jsonNodeParser) syntaxError(err error, at int) error {
	msg := "not valid JSON: " + err.Error()
	off := at
	// The streaming decoder's offsets are not positions in the file; a
	// whole-document check gives the exact place of the first bad character.
	var syn *json.SyntaxError
	var v any
	if errors.As(json.Unmarshal(p.data, &v), &syn) {
		msg = "not valid JSON: " + syn.Error()
		off = int(syn.Offset) - 1
		if syn.Error() == "unexpected end of JSON input" {
			msg = "not valid JSON: the text ends before the value is complete"
			off = len(p.data)
		}
	} else if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "not valid JSON: the text ends before the value is complete"
		off = len(p.data)
	}
	line, col := p.position(max(off, 0))
	return &FileError{Path: p.name, Line: line, Column: col, Msg: msg}
}

func (p *jsonNodeParser) value(depth int) (*yaml.Node, error) {
	start := p.next()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.syntaxError(err, start)
	}
	line, col := p.position(start)
	n := &yaml.Node{Line: line, Column: col}
	if depth > 1000 {
		return nil, &FileError{Path: p.name, Line: line, Column: col, Msg: "the JSON is nested too deeply"}
	}
	switch tok := tok.(type) {
	case json.Delim:
		switch tok {
		case '{':
			n.Kind, n.Tag = yaml.MappingNode, "!!map"
			for p.dec.More() {
				kstart := p.next()
				ktok, err := p.dec.Token()
				if err != nil {
					return nil, p.syntaxError(err, kstart)
				}
				key, ok := ktok.(string)
				if !ok {
					return nil, p.syntaxError(errors.New("object keys must be strings"), kstart)
				}
				kl, kc := p.position(kstart)
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: kl, Column: kc}, v)
			}
		case '[':
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
			for p.dec.More() {
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, v)
			}
		default:
			return nil, p.syntaxError(fmt.Errorf("unexpected %q", rune(tok)), start)
		}
		end := p.next()
		if _, err := p.dec.Token(); err != nil {
			return nil, p.syntaxError(err, end)
		}
	case string:
		n.Kind, n.Tag, n.Value, n.Style = yaml.ScalarNode, "!!str", tok, yaml.DoubleQuotedStyle
	case json.Number:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, numberTag(string(tok)), string(tok)
	case bool:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!bool", strconv.FormatBool(tok)
	case nil:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!null", "null"
	}
	return n, nil
}

// numberTag is the YAML tag a JSON number resolves to: an integer when it
// has no fraction or exponent and fits in 64 bits.
func numberTag(s string) string {
	if _, err := strconv.ParseInt(s, 10, 64); err == nil {
		return "!!int"
	}
	return "!!float"
}

// jsonToNode turns JSON we marshalled into block-style YAML nodes, keeping
// key order.
func jsonToNode(data []byte) (*yaml.Node, error) {
	doc, err := parseJSONNode(data, "")
	if err != nil {
		return nil, err
	}
	n := doc.Content[0]
	blockStyle(n)
	return n, nil
}

func blockStyle(n *yaml.Node) {
	n.Style = 0
	n.Line, n.Column = 0, 0
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
		n.Style = stringStyle(n.Value)
	}
	for _, c := range n.Content {
		blockStyle(c)
	}
}
