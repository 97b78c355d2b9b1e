package model

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Mask stands in for a secret in previews.
const Mask = "******"

// WireParam is one request parameter as it travels: its name and exact string value.
type WireParam struct {
	Name  string
	Value string
}

// Wire returns the parameters the request carries, in the reference's order:
// every parameter the template sets, encoded as the exact strings sent (JSON
// parameters compact-encoded), and Workload ("job") always. Secrets are
// masked unless showSecrets; an environment reference is sent as written
// until ResolveSecrets replaces it.
func (t *Template) Wire(showSecrets bool) []WireParam {
	out := make([]WireParam, 0, 24)
	v := reflect.ValueOf(t).Elem()
	for _, p := range Params {
		s, ok := encodeField(v.FieldByName(p.Name), p)
		if !ok && p.Default != "" {
			s, ok = p.Default, true
		}
		if !ok {
			continue
		}
		if p.Secret && !showSecrets {
			s = Mask
		}
		out = append(out, WireParam{Name: p.Name, Value: s})
	}
	return out
}

// WireMap returns Wire as a map from parameter name to value.
func (t *Template) WireMap(showSecrets bool) map[string]string {
	w := t.Wire(showSecrets)
	m := make(map[string]string, len(w))
	for _, p := range w {
		m[p.Name] = p.Value
	}
	return m
}

// WireValue returns the wire value of one parameter and whether it is sent.
func (t *Template) WireValue(name string) (string, bool) {
	p, ok := Lookup(name)
	if !ok {
		return "", false
	}
	return encodeField(reflect.ValueOf(t).Elem().FieldByName(name), p)
}

func encodeField(f reflect.Value, p Param) (string, bool) {
	switch p.Kind {
	case KindString:
		s := f.String()
		return s, s != ""
	case KindInt:
		if f.IsNil() {
			return "", false
		}
		return strconv.Itoa(int(f.Elem().Int())), true
	case KindBool:
		if f.IsNil() {
			return "", false
		}
		return strconv.FormatBool(f.Elem().Bool()), true
	case KindJSON:
		if f.IsNil() {
			return "", false
		}
		if envs, ok := f.Interface().([]Env); ok {
			return envsJSON(envs), true
		}
		b, err := marshalJSON(f.Interface())
		if err != nil {
			// Our own types always marshal; this guards a future change.
			return "", false
		}
		return string(b), true
	}
	return "", false
}

// envsJSON is Envs on the wire, as encoding/json writes it, without the
// encoder's reflection and its second pass over every item: thousands of
// variables are encoded again after every change the review shows (issue 9
// item 7). TestEnvsJSONAsEncodingJSON keeps the two equal.
func envsJSON(envs []Env) string {
	var b bytes.Buffer
	b.Grow(len(envs) * 48)
	b.WriteByte('[')
	for i, e := range envs {
		if i > 0 {
			b.WriteByte(',')
		}
		item, _ := e.MarshalJSON() // an Env always encodes
		b.Write(item)
	}
	b.WriteByte(']')
	return b.String()
}

// FromWire builds a template from request parameters (name -> wire string),
// the reverse of Wire. Unknown names and malformed values are errors naming
// the parameter.
func FromWire(params map[string]string) (*Template, error) {
	t := &Template{}
	for _, name := range sortedKeys(params) {
		if err := t.SetWire(name, params[name]); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// SetWire sets one parameter from its wire string.
func (t *Template) SetWire(name, value string) error {
	p, ok := Lookup(name)
	if !ok {
		msg := fmt.Sprintf("unknown parameter %q", name)
		if s := Suggest(name, ParamNames()); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return fmt.Errorf("%s", msg)
	}
	f := reflect.ValueOf(t).Elem().FieldByName(name)
	switch p.Kind {
	case KindString:
		f.SetString(value)
	case KindInt:
		text := strings.TrimSpace(value)
		n, err := strconv.Atoi(text)
		if err != nil {
			if text = strings.TrimPrefix(text, "+"); decimalInt().MatchString(text) {
				return errors.New(strings.TrimSuffix(p.outOfRange(text), "."))
			}
			return fmt.Errorf("%s must be an integer, not %q", name, value)
		}
		f.Set(reflect.ValueOf(&n))
	case KindBool:
		b, err := strconv.ParseBool(strings.TrimSpace(value))
		if err != nil {
			return fmt.Errorf("%s must be true or false, not %q", name, value)
		}
		f.Set(reflect.ValueOf(&b))
	case KindJSON:
		if err := t.ParseJSONParam(name, value); err != nil {
			if _, placed := err.(*ValueError); placed {
				return err // it names its place
			}
			return fmt.Errorf("%s: %v", name, err)
		}
	}
	return nil
}

// IsSet reports whether the template sets the parameter called name.
func (t *Template) IsSet(name string) bool {
	_, ok := t.WireValue(name)
	return ok
}

// Clear unsets the parameter called name.
func (t *Template) Clear(name string) {
	f := reflect.ValueOf(t).Elem().FieldByName(name)
	if f.IsValid() {
		f.Set(reflect.Zero(f.Type()))
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for _, p := range Params {
		if _, ok := m[p.Name]; ok {
			keys = append(keys, p.Name)
		}
	}
	for k := range m {
		if _, ok := paramIndex[k]; !ok {
			keys = append(keys, k)
		}
	}
	return keys
}

// PreviewJSON writes the template's request as `saejob preview --format json`
// prints it: one indented JSON object, parameter name -> exact wire string,
// in the reference's order, with secrets masked unless showSecrets, and
// characters a terminal would hide written as \uXXXX escapes (VisibleJSON).
func (t *Template) PreviewJSON(showSecrets bool) []byte {
	return WireJSON(t.Wire(showSecrets))
}

// WireJSON writes parameters (Wire's) as PreviewJSON does, for a caller
// that keeps them too.
func WireJSON(params []WireParam) []byte {
	var b bytes.Buffer
	b.WriteString("{")
	for i, p := range params {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  ")
		writeJSONString(&b, p.Name)
		b.WriteString(": ")
		writeJSONString(&b, p.Value)
	}
	if b.Len() > 1 {
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	return VisibleJSON(b.Bytes())
}

// JSONString encodes s as a JSON string without HTML escaping.
func JSONString(s string) []byte {
	b, _ := marshalJSON(s) // a string always encodes
	return b
}
