package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NotDescribed are the CreateJob parameters DescribeJob does not give back
// (its answer has no field for them), so an imported template lacks them.
// Workload is not among them: it is always "job".
var NotDescribed = []string{"AutoConfig", "EnableImageAccl", "BestEffortType"}

// NotImported are parameters DescribeJob may give back that an import
// leaves out: secrets.
var NotImported = []string{"OssAkSecret"}

// FromDescribed builds a template from a job as DescribeJob describes it:
// a map of its Data's JSON keys. Numbers may be numbers or digit strings;
// ConfigMapMountDesc, MountDesc and OssMountDescs may be lists of objects
// with capitalised keys (ConfigMapId, Key, MountPath, ConfigMapName) or
// JSON strings, as the other JSON parameters are. Keys that are not
// CreateJob parameters (AppId, RegionId, PublicWebHookUrls, …), empty
// values and secrets are left out. A value that cannot be read is left out
// too, and named in the notes.
func FromDescribed(d map[string]any) (*Template, []string) {
	t := &Template{}
	var notes []string
	for _, p := range Params {
		v, ok := d[p.Name]
		if !ok || v == nil || p.Name == "Workload" || slices.Contains(NotImported, p.Name) {
			continue
		}
		if err := t.setDescribed(p, v); err != nil {
			notes = append(notes, fmt.Sprintf("%s left out: %v", p.Name, err))
		}
	}
	return t, notes
}

// setDescribed sets one parameter from DescribeJob's value.
func (t *Template) setDescribed(p Param, v any) error {
	switch p.Kind {
	case KindString:
		s, err := describedScalar(v)
		if err != nil || s == "" {
			return err
		}
		return t.SetWire(p.Name, s)
	case KindInt:
		s, err := describedScalar(v)
		if err != nil || s == "" {
			return err
		}
		return t.SetWire(p.Name, s)
	case KindBool:
		s, err := describedScalar(v)
		if err != nil || s == "" {
			return err
		}
		return t.SetWire(p.Name, s)
	case KindJSON:
		text, err := describedJSON(v)
		if err != nil || text == "" {
			return err
		}
		return t.ParseJSONParam(p.Name, text)
	}
	return nil
}

// describedScalar writes a scalar as its wire string.
func describedScalar(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case json.Number:
		return x.String(), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case int:
		return strconv.Itoa(x), nil
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case bool:
		return strconv.FormatBool(x), nil
	}
	return "", fmt.Errorf("expected a single value, got %s", describedKind(v))
}

func describedKind(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return reflect.TypeOf(v).String()
}

// describedJSON returns the JSON text of a JSON parameter: a string as
// given, a list or object with its keys spelled as CreateJob takes them. An
// empty list, object or string is "" (unset).
func describedJSON(v any) (string, error) {
	if s, ok := v.(string); ok {
		switch strings.TrimSpace(s) {
		case "", "[]", "{}", "null":
			return "", nil
		}
		return s, nil
	}
	v = createJobKeys(v)
	switch x := v.(type) {
	case []any:
		if len(x) == 0 {
			return "", nil
		}
	case map[string]any:
		if len(x) == 0 {
			return "", nil
		}
	default:
		return "", fmt.Errorf("expected a list, an object or JSON text, got %s", describedKind(v))
	}
	b, err := marshalJSON(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// describedOnlyKeys are keys DescribeJob adds inside mount objects that
// CreateJob does not take.
var describedOnlyKeys = map[string]bool{"configMapName": true}

// createJobKeys respells the keys of objects (in lists too) as CreateJob
// takes them, lower camel case (ConfigMapId -> configMapId), and drops the
// keys only DescribeJob adds.
func createJobKeys(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = createJobKeys(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			k = lowerFirst(k)
			if describedOnlyKeys[k] {
				continue
			}
			out[k] = e
		}
		return out
	}
	return v
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// SaveWithHeader writes a template file as Save does (atomically, with
// Save's modes, the extension picking the format), replacing the file at path,
// with header lines as comments at the top of a YAML file (JSON has no
// comments: there the header is not written).
func SaveWithHeader(path string, t *Template, header []string, opts SaveOptions) error {
	f, err := FormatFor(path)
	if err != nil {
		return err
	}
	data, err := MarshalWithHeader(t, f, header, opts)
	if err != nil {
		return &FileError{Path: path, Msg: err.Error()}
	}
	target, mode, exact, err := saveTarget(path, t, opts)
	if err != nil {
		return err
	}
	if err := writeAtomic(target, data, mode, exact); err != nil {
		return saveError(path, target, err)
	}
	return nil
}

// MarshalWithHeader is Marshal with header lines as comments at the top of
// YAML (after the schema line); JSON gets no header.
func MarshalWithHeader(t *Template, f Format, header []string, opts SaveOptions) ([]byte, error) {
	data, err := Marshal(t, f, opts)
	if err != nil || f != YAML || len(header) == 0 {
		return data, err
	}
	var b bytes.Buffer
	rest, hasSchema := bytes.CutPrefix(data, []byte(schemaComment))
	if hasSchema {
		b.WriteString(schemaComment)
	}
	for _, h := range header {
		for _, line := range strings.Split(h, "\n") {
			b.WriteString(strings.TrimRight("# "+Visible(line), " "))
			b.WriteByte('\n')
		}
	}
	b.Write(rest)
	return b.Bytes(), nil
}
