package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// SaveOptions says how a template is written.
type SaveOptions struct {
	// WithSecrets writes secrets in clear; only when the user asks for it.
	WithSecrets bool
	// Over is the text a file that does not exist yet starts from: the
	// file the template was loaded from, in the same format, so that a
	// save under a new name keeps its order and comments (MarshalOver).
	Over []byte
}

// Marshal writes a template as a file's text: structured JSON parameters,
// keys in the reference's order. Secrets are left out unless
// opts.WithSecrets; environment references ("${NAME}") are always kept.
func Marshal(t *Template, f Format, opts SaveOptions) ([]byte, error) {
	entries, err := fileEntries(t, opts)
	if err != nil {
		return nil, err
	}
	if f == JSON {
		var b bytes.Buffer
		b.WriteByte('{')
		for i, e := range entries {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, e.name)
			b.WriteByte(':')
			b.Write(e.json)
		}
		b.WriteByte('}')
		var out bytes.Buffer
		if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
			return nil, err
		}
		out.WriteByte('\n')
		return out.Bytes(), nil
	}
	top := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, e := range entries {
		top.Content = append(top.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: e.name}, e.node)
	}
	return encodeYAML(top)
}

// fileEntry is one parameter as a file holds it.
type fileEntry struct {
	name string
	node *yaml.Node // YAML value
	json []byte     // JSON value
}

// fileEntries lists the parameters t sets, in the reference's order, then
// the raw values of keys that are no parameter.
func fileEntries(t *Template, opts SaveOptions) ([]fileEntry, error) {
	var entries []fileEntry
	v := reflect.ValueOf(t).Elem()
	for _, p := range Params {
		e, ok, err := paramEntry(t, v, p, opts)
		if err != nil {
			return nil, err
		}
		if ok {
			entries = append(entries, e)
		}
	}
	for _, k := range t.RawKeys() {
		if k == "<<" {
			continue // a merge key cannot stand on its own
		}
		r := t.Raw[k]
		entries = append(entries, fileEntry{name: k, node: r.yamlNode(), json: r.jsonValue()})
	}
	return entries, nil
}

// paramEntry is one parameter as a file holds it; false when the file
// leaves it out (unset, or a secret not asked for).
func paramEntry(t *Template, v reflect.Value, p Param, opts SaveOptions) (fileEntry, bool, error) {
	fv := v.FieldByName(p.Name)
	e := fileEntry{name: p.Name}
	if fv.IsZero() {
		if r := t.raw(p.Name); r != nil {
			e.node, e.json = r.yamlNode(), r.jsonValue()
			return e, true, nil
		}
	}
	switch p.Kind {
	case KindString:
		s := fv.String()
		if s == "" || (p.Secret && !opts.WithSecrets && !isEnvRef(s)) {
			return e, false, nil
		}
		if !utf8.ValidString(s) {
			return e, false, fmt.Errorf("%s is not valid UTF-8 text", p.Name)
		}
		e.node = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: stringStyle(s)}
		e.json, _ = marshalJSON(s)
	case KindInt:
		if fv.IsNil() {
			return e, false, nil
		}
		s := strconv.FormatInt(fv.Elem().Int(), 10)
		e.node = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: s}
		e.json = []byte(s)
	case KindBool:
		if fv.IsNil() {
			return e, false, nil
		}
		s := strconv.FormatBool(fv.Elem().Bool())
		e.node = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: s}
		e.json = []byte(s)
	case KindJSON:
		if fv.IsNil() {
			return e, false, nil
		}
		js, err := marshalJSON(fv.Interface())
		if err != nil {
			return e, false, fmt.Errorf("%s: %v", p.Name, err)
		}
		n, err := jsonToNode(js)
		if err != nil {
			return e, false, fmt.Errorf("%s: %v", p.Name, err)
		}
		e.node, e.json = n, js
	}
	return e, true, nil
}

// encodeYAML writes a document: the schema comment, then the node.
func encodeYAML(n *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(schemaComment)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// marshalJSON encodes v without escaping <, > and & (they are common in
// commands and the file is not HTML).
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// stringStyle quotes the strings older YAML readers take for booleans
// (yes, no, on, off), and the unusual strings the encoder would write in a
// form its own parser refuses (a tab-only line in a literal block); the
// encoder quotes whatever else needs it.
func stringStyle(s string) yaml.Style {
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off":
		return yaml.DoubleQuotedStyle
	}
	if strings.ContainsAny(s, "\t\n\r") && !plainRoundTrips(s) {
		return yaml.DoubleQuotedStyle
	}
	return 0
}

// plainRoundTrips reports whether the encoder's own choice of style for s
// reads back as s.
func plainRoundTrips(s string) bool {
	n := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "a"},
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: s},
	}}
	out, err := yaml.Marshal(n)
	if err != nil {
		return false
	}
	var back yaml.Node
	if yaml.Unmarshal(out, &back) != nil || len(back.Content) == 0 || len(back.Content[0].Content) != 2 {
		return false
	}
	v := back.Content[0].Content[1]
	return v.Value == s && v.ShortTag() == "!!str"
}

// Save writes a template file atomically: a temporary file in the same
// directory, synced, then renamed over path. The extension picks the
// format; replacing a file changes only what differs (see MarshalOver).
// A file that exists keeps its mode; a new one gets 0644, and any file
// that holds a secret in clear 0600. A read-only file is refused, not
// replaced. A symbolic link at path stays: the file it names is written.
// Errors are *SaveError, one sentence a person can act on.
func Save(path string, t *Template, opts SaveOptions) error {
	f, err := FormatFor(path)
	if err != nil {
		return err
	}
	target, mode, exact, err := saveTarget(path, t, opts)
	if err != nil {
		return err
	}
	var data []byte
	if old, rerr := readFile(target); rerr == nil {
		// Change only what the user changed.
		data, err = MarshalOver(old, f, t, opts)
	} else if len(opts.Over) > 0 {
		data, err = MarshalOver(opts.Over, f, t, opts)
	} else {
		data, err = Marshal(t, f, opts)
	}
	if err != nil {
		return &FileError{Path: path, Msg: err.Error()}
	}
	if err := writeAtomic(target, data, mode, exact); err != nil {
		return saveError(path, target, err)
	}
	return nil
}

// saveTarget is where a save of t to path writes (the file a link names)
// and with which mode: a file's own mode is kept, a new file gets 0644 less
// the umask, as any program's new file does, and a clear secret 0600. A
// read-only file or one that is not a regular file is refused.
func saveTarget(path string, t *Template, opts SaveOptions) (target string, mode os.FileMode, exact bool, err error) {
	target = linkTarget(path)
	mode = 0o644
	info, statErr := os.Stat(target)
	switch {
	case statErr == nil && !info.Mode().IsRegular():
		return "", 0, false, &SaveError{Path: path, Msg: filepath.Base(path) + " is not a regular file: choose another name"}
	case statErr == nil && info.Mode().Perm()&0o222 == 0:
		return "", 0, false, &SaveError{Path: path, Msg: filepath.Base(path) + " is read-only: make it writable (chmod u+w) or save under another name"}
	case statErr == nil:
		mode, exact = info.Mode().Perm(), true
	}
	if opts.WithSecrets && t.HasClearSecrets() {
		mode, exact = 0o600, true
	}
	return target, mode, exact, nil
}

// linkTarget follows symbolic links at path to the file they name, also
// when that file does not exist yet.
func linkTarget(path string) string {
	for i := 0; i < 40; i++ {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			return path
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return path
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return path
}

// SaveError is a failed save, said in one sentence.
type SaveError struct {
	Path string
	Msg  string
	Err  error
}

func (e *SaveError) Error() string { return e.Msg }

func (e *SaveError) Unwrap() error { return e.Err }

// saveError words why writing target (for path) failed, without the
// temporary file's name.
func saveError(path, target string, err error) error {
	dir := filepath.Dir(target)
	var msg string
	switch {
	case errors.Is(err, fs.ErrNotExist):
		msg = "the folder " + dir + " does not exist"
		if fi, serr := os.Stat(dir); serr == nil && fi.IsDir() {
			msg = path + " could not be written: " + errText(err)
		}
	case errors.Is(err, syscall.ENOTDIR):
		msg = dir + " is not a folder"
	case errors.Is(err, fs.ErrPermission):
		msg = "permission denied: you may not write in the folder " + dir
	case errors.Is(err, syscall.EROFS):
		msg = dir + " is on a read-only file system"
	case errors.Is(err, syscall.ENOSPC):
		msg = "no space left on the device that holds " + dir
	case errors.Is(err, syscall.EDQUOT):
		msg = "your disk quota is used up on the device that holds " + dir
	default:
		msg = path + " could not be written: " + errText(err)
	}
	return &SaveError{Path: path, Msg: msg, Err: err}
}

// errText is the reason of an os error, without the path it names.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

func writeAtomic(path string, data []byte, mode os.FileMode, exact bool) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := createTemp(dir, "."+base+".tmp-", mode)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if exact {
		if err = tmp.Chmod(mode); err != nil {
			return err
		}
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable; not every system can sync a directory.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// createTemp creates a new file named prefix plus a random number in dir,
// with mode less the umask (os.CreateTemp always uses 0600).
func createTemp(dir, prefix string, mode os.FileMode) (*os.File, error) {
	for i := 0; ; i++ {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, mode)
		if os.IsExist(err) && i < 100 {
			continue
		}
		return f, err
	}
}
