package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Format is the syntax of a template file.
type Format int

// Template file formats.
const (
	YAML Format = iota
	JSON
)

// String names the format as its file extension does.
func (f Format) String() string {
	if f == JSON {
		return "JSON"
	}
	return "YAML"
}

// MaxFileSize is the largest template file Load and Parse accept (1 MiB).
const MaxFileSize = 1 << 20

// SchemaURL is where the JSON Schema of the template file is published; YAML
// files name it in their first line so that editors can check and complete them.
const SchemaURL = "https://raw.githubusercontent.com/saejob/saejob/main/assets/saejob.schema.json"

// schemaComment starts every YAML file Marshal writes.
const schemaComment = "# yaml-language-server: $schema=" + SchemaURL + "\n"

// FormatFor picks the format of a template file from its extension.
func FormatFor(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return YAML, nil
	case ".json":
		return JSON, nil
	}
	msg := "a template file must end in .yaml, .yml or .json"
	if ext := filepath.Ext(path); ext != "" {
		msg = fmt.Sprintf("unknown file type %q: %s", ext, msg)
	}
	return YAML, &FileError{Path: path, Msg: msg}
}

// FileError is a problem with a template file, at a place in it when known.
type FileError struct {
	Path   string
	Line   int
	Column int
	// Key is the parameter the problem belongs to, when there is one, with
	// the path inside it for a JSON parameter (MountDesc[0].mountPth).
	Key string
	Msg string
}

// Error reads "path:line:col: Key: msg", leaving out the parts that are
// unknown (and Key when the message already starts with it).
func (e *FileError) Error() string {
	var b strings.Builder
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(":")
	}
	if e.Line > 0 {
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteString(":")
		if e.Column > 0 {
			b.WriteString(strconv.Itoa(e.Column))
			b.WriteString(":")
		}
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	if e.Key != "" && !strings.HasPrefix(e.Msg, e.Key+" ") {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// FileErrors returns every *FileError in err: Load and Parse report all the
// key and type problems of a file at once, joined with errors.Join.
func FileErrors(err error) []*FileError {
	var out []*FileError
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		if fe, ok := err.(*FileError); ok {
			out = append(out, fe)
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		walk(errors.Unwrap(err))
	}
	walk(err)
	return out
}

// maxFileErrors caps how many problems one file reports.
const maxFileErrors = 20

// Load reads and parses the template file at path; the extension picks the
// format. Errors are *FileError (several joined when the file has several
// problems) or wrap the os error.
func Load(path string) (*Template, error) {
	f, err := FormatFor(path)
	if err != nil {
		return nil, err
	}
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(data, f, path)
}

func tooBig(path string, size int64) error {
	msg := "the file is larger than 1 MiB, the limit for a template file"
	if size > 0 {
		msg = fmt.Sprintf("the file is %s, larger than 1 MiB, the limit for a template file", humanSize(size))
	}
	return &FileError{Path: path, Msg: msg}
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Parse reads a template from the text of a file; name (usually the file's
// path) starts every error message.
func Parse(data []byte, f Format, name string) (*Template, error) {
	root, err := ParseTree(data, f, name)
	if err != nil {
		return nil, err
	}
	l := loader{name: name, budget: 4 * MaxFileSize}
	return l.template(root)
}

// ParseTree reads the text of a template file into a YAML document node
// without interpreting it: lines and columns for every key and value, for
// JSON files too (which the YAML parser does not always read). Errors are
// *FileError.
func ParseTree(data []byte, f Format, name string) (*yaml.Node, error) {
	if len(data) > MaxFileSize {
		return nil, tooBig(name, int64(len(data)))
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if err := checkText(data, f, name); err != nil {
		return nil, err
	}
	if f == JSON {
		return parseJSONNode(data, name)
	}
	return parseYAMLNode(data, name)
}

// checkText refuses binary data up front, with the place of the first bad byte.
func checkText(data []byte, f Format, name string) error {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return &FileError{Path: name, Line: 1, Column: 1, Msg: "the file is UTF-16 text: save it as UTF-8"}
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		var msg string
		switch {
		case r == utf8.RuneError && size == 1:
			msg = "the file is not UTF-8 text (is it a binary file?)"
		case r == 0:
			msg = "the file contains a NUL byte (is it a binary file?)"
		case f == YAML && !yamlPrintable(r):
			msg = fmt.Sprintf("the file contains the control character %U, which YAML does not allow", r)
		}
		if msg != "" {
			return &FileError{Path: name, Line: line, Column: col, Msg: msg}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return nil
}

// yamlPrintable reports whether YAML allows r in a stream.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20 || r == 0x7f:
		return false
	case r >= 0x80 && r < 0xa0:
		return r == 0x85
	case r == 0xfffe || r == 0xffff:
		return false
	}
	return true
}

// The file loader's regexps are compiled on first use, not at start-up.
var yamlErrLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

func parseYAMLNode(data []byte, name string) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, emptyFile(name)
		}
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		return nil, &FileError{Path: name, Line: extra.Line, Column: extra.Column,
			Msg: "a template file holds one YAML document: remove the second one (after ---)"}
	case !errors.Is(err, io.EOF):
		return nil, yamlError(name, err)
	}
	if doc.Kind == 0 {
		return nil, emptyFile(name)
	}
	return &doc, nil
}

func emptyFile(name string) error {
	return &FileError{Path: name, Msg: "the file is empty: write the parameters as a mapping, e.g. \"AppName: my-job\""}
}

func yamlError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlErrLine().FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	// The YAML package counts lines from 0 in parser (not scanner) errors,
	// and leaves out line 0.
	if yamlParserErrors[msg] {
		line++
	}
	return &FileError{Path: name, Line: line, Msg: "not valid YAML: " + msg}
}

// yamlParserErrors are the messages of the YAML package's parser.
var yamlParserErrors = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// loader turns the node tree of a file into a template.
type loader struct {
	name     string
	errs     []error
	problems Problems // what is wrong with a value: reported by Validate
	budget   int      // bytes of JSON the structured parameters may expand to (aliases)
	count    int      // problems found, also those past the cap
}

// problem records a value the file gets wrong but that does not stop it
// being read: an unknown key, a wrong type, a malformed JSON parameter. It
// becomes one of the template's LoadProblems, so validation reports it with
// the reference's codes beside every other problem.
func (l *loader) problem(n *yaml.Node, field Path, code, msg string) {
	l.count++
	if len(l.errs)+len(l.problems) >= maxFileErrors {
		return
	}
	if n != nil && n.Line > 0 {
		msg = fmt.Sprintf("Line %d: %s", n.Line, msg)
	} else if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, ")") {
		msg += "."
	} else if strings.HasSuffix(msg, ")") {
		msg += "."
	}
	l.problems = append(l.problems, NewProblem(field, Error, code, msg))
}

func (l *loader) fail(n *yaml.Node, key, msg string) {
	if len(l.errs) > 0 && len(l.errs)+len(l.problems) >= maxFileErrors {
		return
	}
	fe := &FileError{Path: l.name, Key: key, Msg: msg}
	if n != nil {
		fe.Line, fe.Column = n.Line, n.Column
	}
	l.errs = append(l.errs, fe)
}

func (l *loader) result(t *Template) (*Template, error) {
	switch len(l.errs) {
	case 0:
		t.LoadProblems = l.problems
		return t, nil
	case 1:
		return nil, l.errs[0]
	}
	return nil, errors.Join(l.errs...)
}

func (l *loader) template(doc *yaml.Node) (*Template, error) {
	top := doc
	if top.Kind == yaml.DocumentNode {
		if len(top.Content) == 0 {
			return nil, emptyFile(l.name)
		}
		top = top.Content[0]
	}
	top = deref(top)
	if top.Kind != yaml.MappingNode {
		if top.Kind == yaml.ScalarNode && top.ShortTag() == "!!null" {
			return nil, emptyFile(l.name)
		}
		return nil, &FileError{Path: l.name, Line: top.Line, Column: top.Column,
			Msg: fmt.Sprintf("the top level must be a mapping of parameter names to values, not %s", nodeWords(top))}
	}
	t := &Template{}
	seen := map[string]int{}
	// Every key is read, past the cap on problems too: a value that does
	// not load is kept raw, so that nothing of the file is lost.
	for i := 0; i+1 < len(top.Content) && len(l.errs) < maxFileErrors; i += 2 {
		k, v := deref(top.Content[i]), top.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			l.fail(k, "", fmt.Sprintf("a key must be a parameter name, not %s", nodeWords(k)))
			continue
		}
		key := k.Value
		if first, dup := seen[key]; dup {
			l.fail(k, key, fmt.Sprintf("%s is set twice (first on line %d): keep one", key, first))
			continue
		}
		seen[key] = k.Line
		p, ok := Lookup(key)
		if !ok {
			l.problem(k, At(key), CodeObviously, unknownParamMsg(key))
			l.keepRaw(t, key, v)
			continue
		}
		before := l.count
		l.set(t, p, k, deref(v))
		if l.count > before && !fieldSet(t, p.Name) {
			l.keepRaw(t, key, v)
		}
	}
	return l.result(t)
}

// jsonProblem words a JSON parameter's problem for the problem at field:
// every view puts the field before the message, so the message does not
// repeat it ("Envs: Envs: ..." otherwise).
func jsonProblem(field Path, msg string) string {
	for _, prefix := range []string{field.String() + ": ", field.Param + ": "} {
		if strings.HasPrefix(msg, prefix) {
			return msg[len(prefix):]
		}
	}
	return msg
}

func unknownParamMsg(key string) string {
	if key == "<<" {
		return "YAML merge keys are not supported: write the parameters out"
	}
	if s := Suggest(key, ParamNames()); s != "" {
		return fmt.Sprintf("unknown parameter %s (did you mean %s?)", key, s)
	}
	return fmt.Sprintf("unknown parameter %s: keys are the CreateJob parameter names (see saejob schema)", key)
}

// deref follows YAML aliases to the node they name.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// nodeWords names what a node holds, for messages.
func nodeWords(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "null"
		case "!!int", "!!float":
			return "the number " + n.Value
		case "!!bool":
			return n.Value
		}
		return strconv.Quote(n.Value)
	}
	return "an alias"
}

// set loads one parameter's value node into t.
func (l *loader) set(t *Template, p Param, k, v *yaml.Node) {
	if isNull(v) || (v.Kind == yaml.AliasNode) {
		return
	}
	f := reflect.ValueOf(t).Elem().FieldByName(p.Name)
	switch p.Kind {
	case KindString:
		if v.Kind != yaml.ScalarNode {
			l.problem(v, At(p.Name), CodeObviously, fmt.Sprintf("%s must be a string, not %s", p.Name, nodeWords(v)))
			return
		}
		// A number or boolean stays as written: PackageVersion: 1.0 is "1.0".
		f.SetString(v.Value)
	case KindInt:
		if v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) == "" {
			return
		}
		n, ok := yamlInt(v)
		if !ok {
			if text := strings.TrimPrefix(strings.TrimSpace(v.Value), "+"); v.Kind == yaml.ScalarNode && decimalInt().MatchString(text) {
				// An integer all the same, only past what Go's int holds:
				// say the bound, as the validator does within it.
				l.problem(v, At(p.Name), CodeObviously, p.outOfRange(text))
				return
			}
			l.problem(v, At(p.Name), CodeObviously, fmt.Sprintf("%s must be an integer, not %s", p.Name, nodeWords(v)))
			return
		}
		f.Set(reflect.ValueOf(&n))
	case KindBool:
		if v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) == "" {
			return
		}
		b, ok := yamlBool(v)
		if !ok {
			l.problem(v, At(p.Name), CodeObviously, fmt.Sprintf("%s must be true or false, not %s", p.Name, nodeWords(v)))
			return
		}
		f.Set(reflect.ValueOf(&b))
	case KindJSON:
		l.setJSON(t, p, k, v)
	}
}

var decimalInt = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[-+]?[0-9]+$`) })

// yamlInt reads an integer, also from a string of digits ("1000").
func yamlInt(v *yaml.Node) (int, bool) {
	if v.Kind != yaml.ScalarNode {
		return 0, false
	}
	s := strings.TrimSpace(v.Value)
	switch v.ShortTag() {
	case "!!str", "!!int", "!!float":
		// Digits are an integer, also with leading zeros (008, which YAML
		// reads as a float).
		if decimalInt().MatchString(s) {
			n, err := strconv.Atoi(strings.TrimPrefix(s, "+"))
			return n, err == nil
		}
		if v.ShortTag() == "!!int" {
			var n int
			return n, v.Decode(&n) == nil
		}
	}
	return 0, false
}

// yamlBool reads a boolean, also from the strings "true" and "false".
func yamlBool(v *yaml.Node) (bool, bool) {
	if v.Kind != yaml.ScalarNode {
		return false, false
	}
	switch v.ShortTag() {
	case "!!bool", "!!str":
		switch strings.ToLower(strings.TrimSpace(v.Value)) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

// setJSON loads a JSON parameter written either as its JSON string or as
// structured YAML/JSON; both go through ParseJSONParam.
func (l *loader) setJSON(t *Template, p Param, k, v *yaml.Node) {
	var text string
	structured := v.Kind != yaml.ScalarNode
	if structured {
		var b bytes.Buffer
		if err := l.toJSON(&b, v, p.Name, 0); err != nil {
			l.errs = append(l.errs, err)
			return
		}
		text = b.String()
	} else {
		text = v.Value
		if v.ShortTag() == "!!str" && strings.TrimSpace(text) == "" {
			return
		}
	}
	// encoding/json matches keys regardless of case; the API does not.
	tree := v
	if !structured {
		if doc, err := parseJSONNode([]byte(text), ""); err == nil {
			tree = doc.Content[0]
		}
	}
	if n, path, want := wrongCaseKey(tree, At(p.Name), p.Shape.allKeys(), 0); n != nil {
		if !structured {
			n = v
		}
		l.problem(n, path, CodeWithMessage, jsonProblem(path, fmt.Sprintf("unknown key (did you mean %q?)", want)))
		return
	}
	if err := t.ParseJSONParam(p.Name, text); err != nil {
		at, path, msg := v, At(p.Name), err.Error()
		var ve *ValueError
		isValue := errors.As(err, &ve)
		switch {
		case structured && wrongShape(p, v):
			msg = fmt.Sprintf("%s must be %s, not %s", p.Name, p.Shape.Words(), nodeWords(v))
		case structured && isValue && ve.Path.Depth() > 0:
			at, path, msg = nodeAt(k, v, ve.Path), ve.Path, ve.Msg
		case structured:
			at = k
		case strings.HasPrefix(msg, "not valid JSON") || strings.HasPrefix(msg, "expected "):
			msg = fmt.Sprintf("%s (write it as %s, or as that value's JSON text)", msg, p.Shape.Words())
		}
		l.problem(at, path, CodeWithMessage, jsonProblem(path, msg))
		return
	}
}

// nodeAt finds the node a path inside a structured JSON parameter names:
// the key node of a key, the item node of a list item; as far as the file
// goes, else the parameter's own key k.
func nodeAt(k, v *yaml.Node, path Path) *yaml.Node {
	at, n := k, v
	for i := 0; i < path.Depth(); i++ {
		n = deref(n)
		key, index := path.Step(i)
		switch {
		case key != "" && n.Kind == yaml.MappingNode:
			found := false
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == key {
					at, n, found = n.Content[j], n.Content[j+1], true
					break
				}
			}
			if !found {
				return at
			}
		case key == "" && n.Kind == yaml.SequenceNode && index < len(n.Content):
			at, n = n.Content[index], n.Content[index]
		default:
			return at
		}
	}
	return at
}

// wrongCaseKey finds a nested key spelled like a known one but for case
// (MountPath for mountPath), with its path and the right spelling.
func wrongCaseKey(n *yaml.Node, path Path, known []string, depth int) (*yaml.Node, Path, string) {
	if depth > 50 || len(known) == 0 {
		return nil, Path{}, ""
	}
	n = deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if !slices.Contains(known, k) {
				for _, want := range known {
					if strings.EqualFold(k, want) {
						return n.Content[i], path.Key(k), want
					}
				}
			}
			if f, p, w := wrongCaseKey(n.Content[i+1], path.Key(k), known, depth+1); f != nil {
				return f, p, w
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if f, p, w := wrongCaseKey(c, path.Item(i), known, depth+1); f != nil {
				return f, p, w
			}
		}
	}
	return nil, Path{}, ""
}

// wrongShape reports a list where a JSON parameter holds a mapping, or the reverse.
func wrongShape(p Param, v *yaml.Node) bool {
	return (v.Kind == yaml.SequenceNode) != (p.Shape.Type == ShapeList)
}

// canonicalRaw re-encodes each value kept as written (SliceEnvs' shards),
// so that the same value written two ways ("\u0061" and "a") is the same template.
func canonicalRaw(values []json.RawMessage) {
	for i, raw := range values {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			continue
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if enc.Encode(v) == nil {
			values[i] = json.RawMessage(bytes.TrimSpace(b.Bytes()))
		}
	}
}

var jsonNumber = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)
})

// toJSON writes the JSON form of a structured value, keeping YAML's types:
// numbers stay numbers and strings stay strings.
func (l *loader) toJSON(b *bytes.Buffer, n *yaml.Node, key string, depth int) error {
	n = deref(n)
	if b.Len() > l.budget || depth > 1000 {
		return &FileError{Path: l.name, Line: n.Line, Column: n.Column, Key: key,
			Msg: "the value is nested too deeply, or expands too much through aliases"}
	}
	switch n.Kind {
	case yaml.MappingNode:
		b.WriteByte('{')
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := deref(n.Content[i])
			if k.Kind != yaml.ScalarNode {
				return &FileError{Path: l.name, Line: k.Line, Column: k.Column, Key: key,
					Msg: fmt.Sprintf("a key must be a name, not %s", nodeWords(k))}
			}
			if k.ShortTag() == "!!merge" {
				return &FileError{Path: l.name, Line: k.Line, Column: k.Column, Key: key,
					Msg: "YAML merge keys are not supported: write the keys out"}
			}
			if first, dup := seen[k.Value]; dup {
				return &FileError{Path: l.name, Line: k.Line, Column: k.Column, Key: key,
					Msg: fmt.Sprintf("%q is set twice in the same item (first on line %d): keep one", k.Value, first)}
			}
			seen[k.Value] = k.Line
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, k.Value)
			b.WriteByte(':')
			if err := l.toJSON(b, n.Content[i+1], key, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := l.toJSON(b, c, key, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case yaml.ScalarNode:
		return l.scalarJSON(b, n, key)
	default:
		b.WriteString("null")
	}
	return nil
}

func (l *loader) scalarJSON(b *bytes.Buffer, n *yaml.Node, key string) error {
	switch n.ShortTag() {
	case "!!null":
		b.WriteString("null")
	case "!!bool":
		var v bool
		if n.Decode(&v) != nil {
			writeJSONString(b, n.Value)
			return nil
		}
		b.WriteString(strconv.FormatBool(v))
	case "!!int", "!!float":
		if jsonNumber().MatchString(n.Value) {
			b.WriteString(n.Value)
			return nil
		}
		var i int64
		if n.Decode(&i) == nil {
			b.WriteString(strconv.FormatInt(i, 10))
			return nil
		}
		var f float64
		if err := n.Decode(&f); err != nil || f != f || f > 1e308 || f < -1e308 {
			return &FileError{Path: l.name, Line: n.Line, Column: n.Column, Key: key,
				Msg: fmt.Sprintf("%s is not a number JSON can hold: quote it to make it a string", n.Value)}
		}
		b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
	default:
		// Strings, and YAML types JSON lacks (timestamps, binary), as written.
		writeJSONString(b, n.Value)
	}
	return nil
}
