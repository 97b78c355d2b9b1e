package model

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// ShapeType is what a JSON value (or a part of it) holds.
type ShapeType int

// Shape types.
const (
	ShapeString ShapeType = iota + 1 // a string; a number or boolean is read as its text
	ShapeInt                         // an integer, also as a string of digits
	ShapeBool                        // true or false, also as a string
	ShapeScalar                      // a string, number or boolean, kept as written
	ShapeList                        // a list of Item
	ShapeObject                      // a mapping with the keys Keys
	ShapeAny                         // one of OneOf
)

// Shape describes the structure of a JSON parameter's value: the schema, the
// file loader (shape words, nested keys, where a problem lies) and the
// wizard read it from here.
type Shape struct {
	Type ShapeType
	Doc  string
	// Item is a list's item.
	Item *Shape
	// Keys are a mapping's keys, in the order SAE writes them.
	Keys []ShapeKey
	// Cases narrow a key's shape by the value of another key, in the schema.
	Cases []ShapeCase
	// OneOf are the shapes a ShapeAny value may take, tried in order.
	OneOf []*Shape
	// Values are a string's valid values (checked by the validator, not the loader).
	Values []string
	// Const is the one value a string may hold (checked by the loader).
	Const string
	// Min and Max bound an integer.
	Min, Max *int64
	// Examples are shown by the schema.
	Examples []string
	// Unique marks a list whose items must differ.
	Unique bool
	// Def names the shape in the schema's $defs when several places share it.
	Def string
}

// ShapeKey is one key of a mapping.
type ShapeKey struct {
	Name     string
	Shape    *Shape
	Required bool
}

// ShapeCase says that key Key has shape Shape when key When is Is.
type ShapeCase struct {
	When, Is string
	Key      string
	Shape    *Shape
}

func str(doc string) *Shape              { return &Shape{Type: ShapeString, Doc: doc} }
func boolean(doc string) *Shape          { return &Shape{Type: ShapeBool, Doc: doc} }
func integer(doc string) *Shape          { return &Shape{Type: ShapeInt, Doc: doc} }
func listOf(item *Shape) *Shape          { return &Shape{Type: ShapeList, Item: item} }
func opt(name string, s *Shape) ShapeKey { return ShapeKey{Name: name, Shape: s} }
func req(name string, s *Shape) ShapeKey { return ShapeKey{Name: name, Shape: s, Required: true} }
func object(doc string, keys ...ShapeKey) *Shape {
	return &Shape{Type: ShapeObject, Doc: doc, Keys: keys}
}

// Shared shapes.
var (
	configMapIDShape = integer("ID of the ConfigMap (ListNamespacedConfigMaps).")
	envShape         = &Shape{Type: ShapeObject, Def: "Env",
		Doc: "An environment variable: a value, or a reference to a ConfigMap key (or to all its keys).",
		Keys: []ShapeKey{
			req("name", str("Name of the variable; sae-sys-configmap-all-<ConfigMap name> imports every key of the ConfigMap.")),
			opt("value", &Shape{Type: ShapeScalar, Doc: "Value of the variable."}),
			opt("valueFrom", &Shape{Type: ShapeAny, Doc: "configMapRef to read the value from a ConfigMap.", OneOf: []*Shape{
				{Type: ShapeString, Const: "configMapRef"},
				{Type: ShapeObject, Keys: []ShapeKey{req("configMapRef", object("",
					opt("configMapId", configMapIDShape),
					opt("key", str("Key of the ConfigMap to read.")),
				))}},
			}}),
			opt("configMapId", configMapIDShape),
			opt("key", str("Key of the ConfigMap to read; leave out to import every key.")),
		}}
	hookShape = &Shape{Type: ShapeObject, Def: "Hook", Doc: "A command run in the container.", Keys: []ShapeKey{
		opt("exec", object("", req("command", listOf(str("The command and its arguments."))))),
	}}
	httpTriggerShape = &Shape{Type: ShapeObject, Def: "HTTPTrigger",
		Doc: "The rule of an HTTP trigger (EventBridge SourceHttpEventParameters).",
		Keys: []ShapeKey{
			opt("type", &Shape{Type: ShapeString, Doc: "Protocol.", Values: HTTPProtocols}),
			opt("method", &Shape{Type: ShapeList, Doc: "Methods that trigger the job.", Item: &Shape{Type: ShapeString, Values: HTTPMethods}, Unique: true}),
			opt("ip", listOf(str("An IP address or CIDR block allowed (securityConfig ip)."))),
			opt("referer", listOf(str("A Referer allowed (securityConfig referer)."))),
			opt("securityConfig", &Shape{Type: ShapeString, Doc: "Who may trigger: none, ip or referer.", Values: HTTPSecurityModes}),
		}}
	tomcatPortShape = &Shape{Type: ShapeInt, Doc: "Port, {range}; default 8080.", Min: Ptr[int64](1024), Max: Ptr[int64](65535)}
)

// fillDocs writes each integer's {range} into its Doc, as describe does for parameters.
func (s *Shape) fillDocs(seen map[*Shape]bool) {
	if s == nil || seen[s] {
		return
	}
	seen[s] = true
	if s.Type == ShapeInt {
		s.Doc = strings.ReplaceAll(s.Doc, "{range}", Param{Min: s.Min, Max: s.Max}.rangeWords())
	}
	s.Item.fillDocs(seen)
	for _, k := range s.Keys {
		k.Shape.fillDocs(seen)
	}
	for _, c := range s.Cases {
		c.Shape.fillDocs(seen)
	}
	for _, o := range s.OneOf {
		o.fillDocs(seen)
	}
}

// Words says what a value of the shape holds, for messages: "a list of mappings".
func (s *Shape) Words() string {
	switch s.Type {
	case ShapeString:
		return "a string"
	case ShapeInt:
		return "a number"
	case ShapeBool:
		return "true or false"
	case ShapeScalar:
		return "a string or a number"
	case ShapeObject:
		return "a mapping"
	case ShapeList:
		switch s.Item.Type {
		case ShapeString:
			return "a list of strings"
		case ShapeScalar:
			return "a list of strings or numbers"
		case ShapeObject:
			return "a list of mappings"
		}
		return "a list"
	}
	return "a value"
}

// key returns the shape of key name in a mapping. The loader reads the broad
// shape (Cases narrow it only in the schema), so that the validator can say
// what is wrong with, say, an HTTP rule in a time trigger.
func (s *Shape) key(name string) (*Shape, bool) {
	for _, k := range s.Keys {
		if k.Name == name {
			return k.Shape, true
		}
	}
	return nil, false
}

func (s *Shape) keyNames() []string {
	names := make([]string, len(s.Keys))
	for i, k := range s.Keys {
		names[i] = k.Name
	}
	return names
}

// allKeys lists every key that may appear anywhere in a value of the shape.
func (s *Shape) allKeys() []string {
	var out []string
	seen := map[*Shape]bool{}
	var walk func(*Shape)
	walk = func(s *Shape) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, k := range s.Keys {
			if !slices.Contains(out, k.Name) {
				out = append(out, k.Name)
			}
			walk(k.Shape)
		}
		walk(s.Item)
		for _, c := range s.Cases {
			walk(c.Shape)
		}
		for _, o := range s.OneOf {
			walk(o)
		}
	}
	walk(s)
	return out
}

// ValueError is what is wrong with a JSON parameter's value, and where.
type ValueError struct {
	Path Path
	// Msg says what is wrong, without the place: "unknown key (did you mean "port"?)".
	Msg string
	// Unknown marks an unknown key; Hint is then the suggestion, if any.
	Unknown bool
	Hint    string
}

// Error says the place in words, counting items from 1 as people do:
// `item 2 must be a string or a number`, `"mountPth" of item 1: unknown key`.
func (e *ValueError) Error() string {
	place := e.Path.Param
	if n := e.Path.Depth(); n > 0 {
		parts := make([]string, 0, n)
		for i := n - 1; i >= 0; i-- {
			if k, idx := e.Path.Step(i); k != "" {
				parts = append(parts, strconv.Quote(k))
			} else {
				parts = append(parts, "item "+strconv.Itoa(idx+1))
			}
		}
		place = parts[0]
		if len(parts) > 1 {
			place += " in " + strings.Join(parts[1:], " of ")
		}
	}
	switch {
	case e.Unknown:
		return "unknown key " + place + e.Hint
	case strings.HasPrefix(e.Msg, "must "):
		return place + " " + e.Msg
	}
	return place + ": " + e.Msg
}

// check finds the first part of v (decoded with UseNumber) that does not fit
// the shape: an unknown key, or a value of the wrong type. The loader's
// leniencies hold: numbers and booleans for strings, digits for integers,
// "true" and "false" for booleans, null for anything.
func (s *Shape) check(v any, at Path, depth int) *ValueError {
	if v == nil || depth > 100 {
		return nil
	}
	wrong := func() *ValueError {
		return &ValueError{Path: at, Msg: fmt.Sprintf("must be %s, not %s", s.Words(), valueWords(v))}
	}
	switch s.Type {
	case ShapeString:
		switch x := v.(type) {
		case string:
			if s.Const != "" && x != s.Const {
				return &ValueError{Path: at, Msg: fmt.Sprintf("must be %q, not %q", s.Const, x)}
			}
		case json.Number, bool:
			if s.Const != "" {
				return wrong()
			}
		default:
			return wrong()
		}
	case ShapeInt:
		switch x := v.(type) {
		case json.Number:
			if _, err := strconv.ParseInt(x.String(), 10, 64); err != nil {
				return &ValueError{Path: at, Msg: fmt.Sprintf("must be a whole number, not %s", x)}
			}
		case string:
			if _, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64); err != nil {
				return wrong()
			}
		default:
			return wrong()
		}
	case ShapeBool:
		switch x := v.(type) {
		case bool:
		case string:
			if _, err := strconv.ParseBool(strings.TrimSpace(x)); err != nil {
				return wrong()
			}
		default:
			return wrong()
		}
	case ShapeScalar:
		switch v.(type) {
		case string, json.Number, bool:
		default:
			return wrong()
		}
	case ShapeList:
		items, ok := v.([]any)
		if !ok {
			return wrong()
		}
		for i, item := range items {
			if err := s.Item.check(item, at.Item(i), depth+1); err != nil {
				return err
			}
		}
	case ShapeObject:
		obj, ok := v.(map[string]any)
		if !ok {
			return wrong()
		}
		// Keys in a stable order: the first problem is the same every time.
		for _, name := range sortedKeysOf(obj) {
			ks, known := s.key(name)
			if !known {
				var hint string
				if sug := Suggest(name, s.keyNames()); sug != "" {
					hint = fmt.Sprintf(" (did you mean %q?)", sug)
				}
				return &ValueError{Path: at.Key(name), Msg: "unknown key" + hint, Unknown: true, Hint: hint}
			}
			if err := ks.check(obj[name], at.Key(name), depth+1); err != nil {
				return err
			}
		}
	case ShapeAny:
		var first *ValueError
		for _, o := range s.OneOf {
			err := o.check(v, at, depth+1)
			if err == nil {
				return nil
			}
			if first == nil || err.Path.Depth() > first.Path.Depth() {
				first = err // the alternative that fits furthest says most
			}
		}
		return first
	}
	return nil
}

func sortedKeysOf(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

// valueWords names what a decoded JSON value is, for messages.
func valueWords(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return "null"
}
