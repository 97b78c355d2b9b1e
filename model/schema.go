package model

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode"
)

// Schema returns the JSON Schema (draft 2020-12) of the template file,
// indented. It accepts what Load accepts: every parameter, by its API name,
// with the leniencies of the loader (integers as digit strings, null for
// unset), and each JSON parameter either structured or as its JSON string.
func Schema() []byte {
	props := schemaObj{}
	var required []string
	defs := &schemaDefs{}
	for _, p := range Params {
		props = append(props, schemaKV{p.Name, paramSchema(p, defs)})
		if p.Required && p.Default == "" { // a default is filled in
			required = append(required, p.Name)
		}
	}
	root := schemaObj{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", SchemaURL},
		{"title", "saejob job template"},
		{"description", "A Serverless App Engine job template: the parameters of the CreateJob API (2019-05-06) by their API names. " +
			"Parameters the API takes as JSON text may be written structured (lists and mappings) or as that JSON text."},
		{"type", "object"},
		{"required", required},
		{"additionalProperties", false},
		{"properties", props},
		{"$defs", defs.obj},
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		panic("model: the schema does not encode: " + err.Error()) // static data: a test covers it
	}
	return b.Bytes()
}

// schemaKV is one member of an ordered JSON object.
type schemaKV struct {
	k string
	v any
}

// schemaObj is a JSON object that keeps its members' order (encoding/json sorts maps).
type schemaObj []schemaKV

// MarshalJSON writes the members in order.
func (o schemaObj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, m.k)
		b.WriteByte(':')
		v, err := marshalJSON(m.v)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

const (
	intPattern  = `^\s*[+-]?[0-9]+\s*$`
	boolPattern = `^\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])\s*$`
)

func paramSchema(p Param, defs *schemaDefs) schemaObj {
	s := schemaObj{{"description", p.Doc}}
	switch p.Kind {
	case KindString:
		if p.Values != nil {
			s = append(s, schemaKV{"enum", append(schemaAnys(p.Values), nil)})
			break
		}
		if p.Pattern == "" && p.MaxLen == 0 && !p.Secret {
			// A number or boolean is taken as written (PackageVersion: 1.0).
			s = append(s, schemaKV{"type", []string{"string", "number", "boolean", "null"}})
			break
		}
		s = append(s, schemaKV{"type", []string{"string", "null"}})
		if p.Pattern != "" {
			s = append(s, schemaKV{"pattern", p.Pattern})
		}
		if p.MaxLen > 0 {
			s = append(s, schemaKV{"maxLength", p.MaxLen})
		}
		if p.Secret {
			// A secret is best read from the environment at submit time.
			s = append(s, schemaKV{"examples", []string{"${" + envVarName(p.Name) + "}"}})
		}
	case KindInt:
		if p.Sizes != nil {
			s = append(s, schemaKV{"anyOf", []schemaObj{
				{{"enum", p.Sizes}},
				{{"type", "string"}, {"pattern", intPattern}},
				{{"type", "null"}},
			}})
			break
		}
		// The validator checks the same Range (see validator.ranges).
		lo, hi := p.Range()
		s = append(s, schemaKV{"type", []string{"integer", "string", "null"}}, schemaKV{"pattern", intPattern},
			schemaKV{"minimum", lo}, schemaKV{"maximum", hi})
	case KindBool:
		s = append(s, schemaKV{"type", []string{"boolean", "string", "null"}}, schemaKV{"pattern", boolPattern})
	case KindJSON:
		s = append(s, schemaKV{"oneOf", []schemaObj{
			{{"$ref", "#/$defs/" + defs.param(p)}},
			{{"type", "string"}, {"contentMediaType", "application/json"},
				{"description", "The same value as the JSON text the API takes, e.g. " + p.Example}},
			{{"type", "null"}},
		}})
	}
	if ex, ok := typedExample(p); ok {
		s = append(s, schemaKV{"examples", []any{ex}})
	}
	return s
}

// typedExample is the reference's example value as the file would hold it.
func typedExample(p Param) (any, bool) {
	if p.Example == "" || p.Secret || p.Values != nil {
		return nil, false
	}
	switch p.Kind {
	case KindInt:
		n, err := strconv.Atoi(p.Example)
		return n, err == nil
	case KindBool:
		b, err := strconv.ParseBool(p.Example)
		return b, err == nil
	case KindJSON:
		return nil, false
	}
	return p.Example, true
}

// jsonDef names the $defs entry of a JSON parameter's structured shape:
// its shared shape's name, or its own.
func jsonDef(p Param) string {
	if p.Shape.Def != "" {
		return p.Shape.Def
	}
	return p.Name
}

// envVarName is the environment variable a secret parameter is best read
// from: OssAkSecret -> OSS_AK_SECRET.
func envVarName(name string) string {
	var b strings.Builder
	for i, r := range name {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

func schemaAnys[T any](list []T) []any {
	out := make([]any, len(list))
	for i, v := range list {
		out[i] = v
	}
	return out
}

// schemaDefs collects the $defs entries: each JSON parameter's shape, and
// the shapes several places share (Env, Hook, HTTPTrigger), once each.
type schemaDefs struct {
	obj  schemaObj
	have map[string]bool
}

// param adds a JSON parameter's shape and returns its entry's name.
func (d *schemaDefs) param(p Param) string {
	name := jsonDef(p)
	if p.Shape.Def == "" {
		d.add(name, func() schemaObj { return d.shape(p.Shape) })
	} else {
		d.shape(p.Shape)
	}
	return name
}

func (d *schemaDefs) add(name string, build func() schemaObj) {
	if d.have[name] {
		return
	}
	if d.have == nil {
		d.have = map[string]bool{}
	}
	d.have[name] = true
	i := len(d.obj)
	d.obj = append(d.obj, schemaKV{k: name})
	d.obj[i].v = build()
}

// shape is the schema of a shape: a $ref for a shared one.
func (d *schemaDefs) shape(s *Shape) schemaObj {
	if s.Def != "" {
		d.add(s.Def, func() schemaObj { return d.body(s) })
		return schemaObj{{"$ref", "#/$defs/" + s.Def}}
	}
	return d.body(s)
}

func (d *schemaDefs) body(s *Shape) schemaObj {
	var o schemaObj
	switch s.Type {
	case ShapeString:
		switch {
		case s.Const != "":
			o = schemaObj{{"const", s.Const}}
		case s.Values != nil:
			o = schemaObj{{"enum", s.Values}}
		default:
			o = schemaObj{{"type", "string"}}
		}
	case ShapeInt:
		// The loader takes digits too ("8080"); the validator checks the bounds.
		n := schemaObj{{"type", "integer"}}
		if s.Min != nil {
			n = append(n, schemaKV{"minimum", *s.Min})
		}
		if s.Max != nil {
			n = append(n, schemaKV{"maximum", *s.Max})
		}
		o = schemaObj{{"anyOf", []schemaObj{n, {{"type", "string"}, {"pattern", intPattern}}}}}
	case ShapeBool:
		o = schemaObj{{"type", "boolean"}}
	case ShapeScalar:
		o = schemaObj{{"type", []string{"string", "number", "boolean"}}}
	case ShapeList:
		o = schemaObj{{"type", "array"}, {"items", d.shape(s.Item)}}
		if s.Unique {
			o = append(o, schemaKV{"uniqueItems", true})
		}
	case ShapeObject:
		props := schemaObj{}
		var required []string
		for _, k := range s.Keys {
			props = append(props, schemaKV{k.Name, d.shape(k.Shape)})
			if k.Required {
				required = append(required, k.Name)
			}
		}
		o = schemaObj{{"type", "object"}, {"properties", props}}
		if required != nil {
			o = append(o, schemaKV{"required", required})
		}
		o = append(o, schemaKV{"additionalProperties", false})
		var cases []schemaObj
		for _, c := range s.Cases {
			cases = append(cases, schemaObj{
				{"if", schemaObj{{"properties", schemaObj{{c.When, schemaObj{{"const", c.Is}}}}}}},
				{"then", schemaObj{{"properties", schemaObj{{c.Key, d.shape(c.Shape)}}}}},
			})
		}
		if cases != nil {
			o = append(o, schemaKV{"allOf", cases})
		}
	case ShapeAny:
		alts := make([]schemaObj, len(s.OneOf))
		for i, a := range s.OneOf {
			alts[i] = d.shape(a)
		}
		o = schemaObj{{"oneOf", alts}}
	}
	if s.Doc != "" {
		o = append(schemaObj{{"description", s.Doc}}, o...)
	}
	if s.Examples != nil {
		o = append(o, schemaKV{"examples", s.Examples})
	}
	return o
}

func cronExamples() []string {
	out := make([]string, len(CronPresets))
	for i, p := range CronPresets {
		out[i] = p.Cron
	}
	return out
}
