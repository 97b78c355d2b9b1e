package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MarshalJSON writes the variable in the shape it was written in.
func (e Env) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"name":`)
	writeJSONString(&b, e.Name)
	if e.Value != nil {
		b.WriteString(`,"value":`)
		writeJSONString(&b, *e.Value)
	}
	if e.FromConfigMap {
		if e.Nested {
			b.WriteString(`,"valueFrom":{"configMapRef":{`)
			sep := ""
			if e.ConfigMapId != nil {
				b.WriteString(`"configMapId":` + strconv.FormatInt(*e.ConfigMapId, 10))
				sep = ","
			}
			if e.Key != nil {
				b.WriteString(sep + `"key":`)
				writeJSONString(&b, *e.Key)
			}
			b.WriteString(`}}`)
		} else {
			b.WriteString(`,"valueFrom":"configMapRef"`)
			if e.ConfigMapId != nil {
				b.WriteString(`,"configMapId":` + strconv.FormatInt(*e.ConfigMapId, 10))
			}
			if e.Key != nil {
				b.WriteString(`,"key":`)
				writeJSONString(&b, *e.Key)
			}
		}
	}
	b.WriteString(`}`)
	return b.Bytes(), nil
}

// UnmarshalJSON reads either shape of a variable; values that are numbers or
// booleans become strings, as the container sees them.
func (e *Env) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("each variable must be an object with name and value (or valueFrom)")
	}
	if err := onlyKeys(raw, "name", "value", "valueFrom", "configMapId", "key"); err != nil {
		return err
	}
	*e = Env{}
	if v, ok := raw["name"]; ok {
		if err := json.Unmarshal(v, &e.Name); err != nil {
			return fmt.Errorf(`"name" must be a string`)
		}
	}
	if v, ok := raw["value"]; ok {
		s, err := scalarString(v)
		if err != nil {
			return fmt.Errorf(`"value" must be a string`)
		}
		e.Value = &s
	}
	if v, ok := raw["valueFrom"]; ok {
		e.FromConfigMap = true
		var s string
		if json.Unmarshal(v, &s) == nil {
			if s != "configMapRef" {
				return fmt.Errorf(`"valueFrom" must be "configMapRef", not %q`, s)
			}
		} else {
			var nested map[string]json.RawMessage
			if err := json.Unmarshal(v, &nested); err != nil {
				return fmt.Errorf(`"valueFrom" must be "configMapRef" or {"configMapRef": {...}}`)
			}
			if err := onlyKeys(nested, "configMapRef"); err != nil {
				return err
			}
			ref, ok := nested["configMapRef"]
			if !ok {
				return fmt.Errorf(`"valueFrom" must hold "configMapRef"`)
			}
			var inner map[string]json.RawMessage
			if err := json.Unmarshal(ref, &inner); err != nil {
				return fmt.Errorf(`"configMapRef" must be an object with configMapId and key`)
			}
			if err := onlyKeys(inner, "configMapId", "key"); err != nil {
				return err
			}
			e.Nested = true
			raw = inner
		}
	}
	if v, ok := raw["configMapId"]; ok {
		id, err := flexInt(v)
		if err != nil {
			return fmt.Errorf(`"configMapId" must be a number`)
		}
		e.ConfigMapId = &id
		e.FromConfigMap = true
	}
	if v, ok := raw["key"]; ok {
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return fmt.Errorf(`"key" must be a string`)
		}
		e.Key = &s
		e.FromConfigMap = true
	}
	return nil
}

// UnmarshalJSON accepts the ConfigMap ID as a number or a string of digits.
func (c *ConfigMapMount) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("each mount must be an object with configMapId, key and mountPath")
	}
	if err := onlyKeys(raw, "configMapId", "key", "mountPath"); err != nil {
		return err
	}
	*c = ConfigMapMount{}
	if v, ok := raw["configMapId"]; ok {
		id, err := flexInt(v)
		if err != nil {
			return fmt.Errorf(`"configMapId" must be a number`)
		}
		c.ConfigMapId = id
	}
	if v, ok := raw["key"]; ok && json.Unmarshal(v, &c.Key) != nil {
		return fmt.Errorf(`"key" must be a string`)
	}
	if v, ok := raw["mountPath"]; ok && json.Unmarshal(v, &c.MountPath) != nil {
		return fmt.Errorf(`"mountPath" must be a string`)
	}
	return nil
}

// MarshalJSON writes {"type","config","timezone"} with config a cron string
// for a time trigger and an object for an HTTP trigger.
func (t TriggerConfig) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"type":`)
	writeJSONString(&b, t.Type)
	if t.HTTP != nil {
		cfg, err := marshalJSON(t.HTTP)
		if err != nil {
			return nil, err
		}
		b.WriteString(`,"config":`)
		b.Write(cfg)
	} else {
		b.WriteString(`,"config":`)
		writeJSONString(&b, t.Cron)
	}
	if t.Zone != "" {
		b.WriteString(`,"timezone":`)
		writeJSONString(&b, t.Zone)
	}
	b.WriteString(`}`)
	return b.Bytes(), nil
}

// UnmarshalJSON reads a trigger; an HTTP config may also be given as a JSON string.
func (t *TriggerConfig) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf(`the trigger must be an object with type and config`)
	}
	if err := onlyKeys(raw, "type", "config", "timezone"); err != nil {
		return err
	}
	*t = TriggerConfig{}
	if v, ok := raw["type"]; ok && json.Unmarshal(v, &t.Type) != nil {
		return fmt.Errorf(`"type" must be the string "time" or "http"`)
	}
	if v, ok := raw["timezone"]; ok && json.Unmarshal(v, &t.Zone) != nil {
		return fmt.Errorf(`"timezone" must be a string such as "GMT+8:00"`)
	}
	v, ok := raw["config"]
	if !ok {
		return nil
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		trimmed := strings.TrimSpace(s)
		if t.Type == TriggerHTTP && strings.HasPrefix(trimmed, "{") {
			v = json.RawMessage(trimmed)
		} else {
			t.Cron = s
			return nil
		}
	}
	var h HTTPTrigger
	if err := duplicateKey(v); err != nil {
		return fmt.Errorf(`"config": %v`, err)
	}
	if err := strictUnmarshal(v, &h); err != nil {
		return fmt.Errorf(`"config": %v`, err)
	}
	t.HTTP = &h
	return nil
}

// ParseJSONParam decodes the JSON text of a JSON parameter into its Go value
// and sets it on t. A value that does not fit the parameter's Shape (an
// unknown key, a wrong type) is a *ValueError that says where. The
// reference's own loose example for MountDesc ({mountPath: "/tmp"}) is
// accepted too.
func (t *Template) ParseJSONParam(name, text string) error {
	p, ok := Lookup(name)
	if !ok || p.Shape == nil {
		return fmt.Errorf("%s is not a JSON parameter", name)
	}
	field, _ := reflect.TypeFor[Template]().FieldByName(name)
	typ := field.Type
	if typ.Kind() == reflect.Pointer {
		typ = typ.Elem() // *Hook is read as a Hook
	}
	target := reflect.New(typ).Interface()
	data := []byte(strings.TrimSpace(text))
	if len(data) == 0 {
		// An empty string clears the parameter, as the API does.
		return t.setJSONField(name, reflect.Zero(typ))
	}
	// A key set twice would decode silently to its last value: refuse it
	// before anything reads the text.
	if err := duplicateKey(data); err != nil {
		return err
	}
	err := p.decode(data, target)
	if err != nil {
		if fixed, ok := quoteBareKeys(data); ok && p.decode(fixed, target) == nil {
			err = duplicateKey(fixed)
		}
	}
	if err != nil {
		return err
	}
	if raw, ok := target.(*[]json.RawMessage); ok {
		canonicalRaw(*raw)
	}
	return t.setJSONField(name, reflect.ValueOf(target).Elem())
}

// decode checks data against the parameter's shape, then decodes it into
// target, with the loader's leniencies (digits for numbers, numbers for strings).
func (p Param) decode(data []byte, target any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) == nil && !dec.More() {
		if err := p.Shape.check(v, At(p.Name), 0); err != nil {
			return err
		}
	}
	err := strictUnmarshal(data, target)
	if err != nil {
		if fixed, ok := coerceScalars(data, reflect.TypeOf(target)); ok && strictUnmarshal(fixed, target) == nil {
			return nil
		}
	}
	return err
}

func (t *Template) setJSONField(name string, v reflect.Value) error {
	f := reflect.ValueOf(t).Elem().FieldByName(name)
	if f.Kind() == reflect.Pointer {
		if v.Kind() != reflect.Pointer {
			if v.IsZero() && (v.Kind() == reflect.Struct) {
				f.Set(reflect.Zero(f.Type()))
				return nil
			}
			p := reflect.New(v.Type())
			p.Elem().Set(v)
			v = p
		}
	}
	f.Set(v)
	return nil
}

// strictUnmarshal decodes JSON, rejecting unknown keys and trailing data,
// and words the errors for a person.
func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return friendlyJSONError(err)
	}
	if dec.More() {
		return errors.New("unexpected text after the JSON value")
	}
	return nil
}

func friendlyJSONError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("not valid JSON at character %d: %s", syn.Offset, strings.TrimPrefix(syn.Error(), "invalid character "))
	case errors.As(err, &typ):
		where := typ.Field
		if where == "" {
			return fmt.Errorf("expected %s, found a JSON %s", goTypeWords(typ.Type), typ.Value)
		}
		return fmt.Errorf("%q must be %s, not a JSON %s", where, goTypeWords(typ.Type), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return errors.New("the JSON value is incomplete")
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if k, ok := strings.CutPrefix(msg, "unknown field "); ok {
		return fmt.Errorf("unknown key %s", k)
	}
	return errors.New(msg)
}

func goTypeWords(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Pointer:
		return goTypeWords(t.Elem())
	}
	return t.String()
}

// onlyKeys reports the first key of raw not among allowed, with a suggestion.
func onlyKeys(raw map[string]json.RawMessage, allowed ...string) error {
	var unknown []string
	for k := range raw {
		if !slices.Contains(allowed, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	msg := fmt.Sprintf("unknown key %q", unknown[0])
	if s := Suggest(unknown[0], allowed); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return errors.New(msg)
}

// scalarString turns a JSON string, number or boolean into its text.
func scalarString(v json.RawMessage) (string, error) {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s, nil
	}
	t := strings.TrimSpace(string(v))
	if t == "true" || t == "false" {
		return t, nil
	}
	var n json.Number
	if json.Unmarshal(v, &n) == nil {
		return n.String(), nil
	}
	return "", errors.New("not a scalar")
}

// flexInt reads a JSON number or a string of digits.
func flexInt(v json.RawMessage) (int64, error) {
	var n int64
	if json.Unmarshal(v, &n) == nil {
		return n, nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return 0, err
	}
	return strconv.ParseInt(strings.TrimSpace(s), 10, 64)
}

func writeJSONString(b *bytes.Buffer, s string) {
	// By hand, as encoding/json writes a string without HTML escaping: a
	// request of thousands of values writes thousands of strings, and the
	// encoder's own round costs more than the string (issue 9 item 7: a
	// keystroke under 2 ms). TestWriteJSONStringAsEncodingJSON keeps them equal.
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '\\', '"':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[start:i])
			b.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b.WriteString(s[start:i])
			b.WriteString(`\u202`)
			b.WriteByte(hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

// coerceScalars rewrites scalars whose JSON type differs from the Go type
// they decode into but whose text is right: YAML reads `[-n, 5]` as a string
// and a number, and `port: "8080"` is a port all the same. ok is false when
// the data is not JSON or nothing changed.
func coerceScalars(data []byte, t reflect.Type) ([]byte, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil, false
	}
	changed := false
	v = coerce(v, t, &changed)
	if !changed {
		return nil, false
	}
	out, err := marshalJSON(v)
	return out, err == nil
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

func coerce(v any, t reflect.Type, changed *bool) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return v // such types read loose scalars themselves
	}
	switch t.Kind() {
	case reflect.String:
		switch x := v.(type) {
		case json.Number:
			*changed = true
			return x.String()
		case bool:
			*changed = true
			return strconv.FormatBool(x)
		}
	case reflect.Int, reflect.Int64:
		if x, ok := v.(string); ok {
			if _, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64); err == nil {
				*changed = true
				return json.Number(strings.TrimSpace(x))
			}
		}
	case reflect.Bool:
		if x, ok := v.(string); ok {
			if b, err := strconv.ParseBool(strings.TrimSpace(x)); err == nil {
				*changed = true
				return b
			}
		}
	case reflect.Slice:
		if x, ok := v.([]any); ok {
			for i := range x {
				x[i] = coerce(x[i], t.Elem(), changed)
			}
			return x
		}
	case reflect.Struct:
		if x, ok := v.(map[string]any); ok {
			for i := 0; i < t.NumField(); i++ {
				f := t.Field(i)
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if val, ok := x[name]; ok {
					x[name] = coerce(val, f.Type, changed)
				}
			}
			return x
		}
	}
	return v
}

func firstByte(b []byte) byte {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

// quoteBareKeys turns {key: value} into {"key": value} outside strings, so
// the reference's own MountDesc example parses. ok is false when nothing changed.
func quoteBareKeys(data []byte) ([]byte, bool) {
	var out bytes.Buffer
	changed := false
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inString {
			out.WriteByte(c)
			if c == '\\' && i+1 < len(data) {
				i++
				out.WriteByte(data[i])
			} else if c == '"' {
				inString = false
			}
			continue
		}
		if c == '"' {
			inString = true
			out.WriteByte(c)
			continue
		}
		if isIdentStart(c) {
			j := i
			for j < len(data) && (isIdentStart(data[j]) || (data[j] >= '0' && data[j] <= '9')) {
				j++
			}
			k := j
			for k < len(data) && (data[k] == ' ' || data[k] == '\t') {
				k++
			}
			word := string(data[i:j])
			if k < len(data) && data[k] == ':' && word != "true" && word != "false" && word != "null" {
				out.WriteString(strconv.Quote(word))
				changed = true
			} else {
				out.WriteString(word)
			}
			i = j - 1
			continue
		}
		out.WriteByte(c)
	}
	return out.Bytes(), changed
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// duplicateKey reports a key set twice in one JSON object, at any depth, and
// where: `"name" is set twice in item 1`. Text that is not JSON is left to
// the decoder to explain.
func duplicateKey(data []byte) error {
	if !bytes.Contains(data, []byte{':'}) {
		return nil // no object, so no key
	}
	type frame struct {
		object    bool
		expectKey bool            // objects: the next token is a key or the end
		seen      map[string]bool // objects: the keys so far
		key       string          // objects: the key whose value is being read
		items     int             // lists: the items begun so far
	}
	var stack []*frame
	top := func() *frame {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	begin := func() { // a value begins in the innermost frame
		if f := top(); f != nil && !f.object {
			f.items++
		}
	}
	end := func() { // a value ended: an object expects its next key
		if f := top(); f != nil && f.object {
			f.expectKey = true
		}
	}
	// where names the object being read, inside out: ` in "configMapRef" of "valueFrom" of item 1`.
	where := func() string {
		var parts []string
		for i := len(stack) - 2; i >= 0; i-- {
			if f := stack[i]; f.object {
				parts = append(parts, strconv.Quote(f.key))
			} else {
				parts = append(parts, fmt.Sprintf("item %d", f.items))
			}
		}
		if len(parts) == 0 {
			return ""
		}
		return " in " + strings.Join(parts, " of ")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // the end, or not JSON: strictUnmarshal says what is wrong
		}
		if f := top(); f != nil && f.object && f.expectKey {
			if key, ok := tok.(string); ok {
				if f.seen[key] {
					return fmt.Errorf("%q is set twice%s: keep one, as only the last would count", key, where())
				}
				if f.seen == nil {
					f.seen = map[string]bool{}
				}
				f.seen[key], f.key, f.expectKey = true, key, false
				continue
			}
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			begin()
			stack = append(stack, &frame{object: tok == json.Delim('{'), expectKey: tok == json.Delim('{')})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			end()
		default:
			begin()
			end()
		}
	}
}
