package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/saejob/saejob/model"
)

// fieldKind is how a field is edited.
type fieldKind int

const (
	kindText   fieldKind = iota // one line of text
	kindSecret                  // text shown masked
	kindSelect                  // one choice of a few, ←/→ or a picker
	kindMulti                   // several choices, space toggles
	kindList                    // a list edited item by item on its own screen
	kindNote                    // read-only
	kindArea                    // several lines of text; alt+enter breaks a line, ctrl+e opens $EDITOR
	kindFold                    // the "advanced" fold of a step: ctrl+o shows or hides its fields
)

// option is one choice of a select field.
type option struct {
	Label string
	Value string
}

// field is one input of a step, bound to one value of the template. Fields
// are bound to their own small value (get/set), never to the whole
// template, so a key press costs the same however big the template is.
type field struct {
	kind  fieldKind
	param string // the API parameter it sets
	// paths are the problem fields it answers for; the most specific match
	// among a step's visible fields wins. Default: the parameter.
	paths       []string
	label       string
	help        string
	placeholder string
	show        func(t *model.Template) bool
	get         func(t *model.Template) string
	set         func(t *model.Template, v string) error
	options     func(t *model.Template) []option
	extra       func(m *Model) []string
	alwaysExtra bool // extra shows unfocused too
	list        *listSpec

	// advanced fields sit under the step's fold: shown when it is open, or
	// when they hold a value or a problem.
	advanced bool
	// noStop fields are shown but never focused (unless they hold a problem).
	noStop bool
	// ext names the file $EDITOR edits for a kindArea field (e.g. ".ini").
	ext string

	// input is made when the field is first focused (a step holds dozens
	// of fields; making them all delays the first frame).
	input  *textinput.Model
	area   *textarea.Model // kindArea
	cursor int             // kindMulti: the option under the cursor
	local  string          // a problem the template cannot hold, e.g. "not a number"
	ready  bool

	// keyHint is the part of the help that names the full-screen
	// wizard's keys; the plain prompts show the help without it.
	keyHint string
}

func (f *field) visible(t *model.Template) bool { return f.show == nil || f.show(t) }

func (f *field) problemPaths() []string {
	if len(f.paths) > 0 {
		return f.paths
	}
	return []string{f.param}
}

// matchLen is how specifically the field answers for a problem field: the
// length of its longest path that is the field or a prefix of it, else -1.
func (f *field) matchLen(problemField string) int {
	best := -1
	for _, p := range f.problemPaths() {
		if problemField == p || strings.HasPrefix(problemField, p+".") || strings.HasPrefix(problemField, p+"[") {
			if len(p) > best {
				best = len(p)
			}
		}
	}
	return best
}

// bestField is the index of the field that answers most specifically for
// a problem at path (the first of the longest matchLen), or -1 when none
// does.
func bestField(fields []*field, path string) int {
	best, bestLen := -1, -1
	for i, f := range fields {
		if n := f.matchLen(path); n > bestLen {
			best, bestLen = i, n
		}
	}
	return best
}

// problemPath is where a problem lies as fields name it: its typed Path
// where it has one, else its Field text.
func problemPath(p model.Problem) string {
	if !p.Path.IsZero() {
		return p.Path.String()
	}
	return p.Field
}

// fieldFor is the field that answers for p, or nil.
func fieldFor(fields []*field, p model.Problem) *field {
	if i := bestField(fields, problemPath(p)); i >= 0 {
		return fields[i]
	}
	return nil
}

func (f *field) isText() bool { return f.kind == kindText || f.kind == kindSecret }

// load refreshes the field from the template.
func (f *field) load(t *model.Template) {
	if f.kind == kindArea {
		f.loadArea(t)
		return
	}
	if !f.isText() {
		return
	}
	if !f.ready {
		in := textinput.New()
		f.input = &in
		f.input.Prompt = ""
		f.input.Cursor.SetMode(cursor.CursorStatic)
		if f.placeholder != "" {
			f.input.Placeholder = "e.g. " + f.placeholder
		}
		if f.kind == kindSecret {
			f.input.EchoMode = textinput.EchoPassword
			f.input.EchoCharacter = '•'
		}
		f.ready = true
	}
	f.input.SetValue(f.value(t))
	f.input.CursorEnd()
	f.local = ""
}

// rawText is the text the file wrote for the field's parameter when the
// template could not load it; the field shows and edits that text.
func (f *field) rawText(t *model.Template) (string, bool) {
	if len(f.paths) > 0 && f.kind != kindList || f.kind == kindMulti || f.kind == kindNote {
		return "", false
	}
	return t.RawText(f.param)
}

// value is the field's text: its value, or the raw text the file wrote.
func (f *field) value(t *model.Template) string {
	if raw, ok := f.rawText(t); ok {
		return raw
	}
	return f.get(t)
}

func (f *field) focus() tea.Cmd {
	if f.kind == kindArea && f.area != nil {
		return f.area.Focus()
	}
	if f.isText() && f.ready {
		return f.input.Focus()
	}
	return nil
}

func (f *field) blur() {
	if f.kind == kindArea && f.area != nil {
		f.area.Blur()
	}
	if f.isText() && f.ready {
		f.input.Blur()
	}
}

// choices returns the field's options, with the current value added when the
// template holds one that is not on the list (so it is shown, not hidden).
func (f *field) choices(t *model.Template) ([]option, int) {
	opts := f.options(t)
	cur := f.value(t)
	for i, o := range opts {
		if o.Value == cur {
			return opts, i
		}
	}
	note := " (not valid)"
	if f.isText() {
		note = " (as typed)"
	}
	opts = append(append([]option(nil), opts...), option{Label: cur + note, Value: cur})
	return opts, len(opts) - 1
}

// handle applies a key to the focused field; changed says whether the
// template changed.
func (f *field) handle(c common, msg tea.KeyMsg) (changed bool, cmd tea.Cmd) {
	t := c.Session.t
	k := c.Keys
	switch f.kind {
	case kindText, kindSecret:
		if key.Matches(msg, k.SecretEnv) && f.kind == kindSecret {
			f.input.SetValue("${" + secretEnvName(f.param) + "}")
			f.input.CursorEnd()
		} else {
			before := f.input.Value()
			*f.input, cmd = f.input.Update(msg)
			if f.input.Value() == before {
				return false, cmd
			}
		}
		if _, raw := f.rawText(t); raw {
			// Kept as typed until it loads; its problem says what is wrong.
			t.SetRawText(f.param, f.input.Value())
			f.local = ""
			return true, cmd
		}
		if err := f.set(t, f.input.Value()); err != nil {
			f.local = err.Error()
		} else {
			f.local = ""
		}
		return true, cmd
	case kindSelect:
		opts, i := f.choices(t)
		switch {
		case key.Matches(msg, k.Left):
			i = (i - 1 + len(opts)) % len(opts)
		case key.Matches(msg, k.Right), key.Matches(msg, k.Toggle):
			i = (i + 1) % len(opts)
		default:
			return false, nil
		}
		if opts[i].Value == f.get(t) {
			return false, nil
		}
		_ = f.set(t, opts[i].Value)
		t.DropRaw(f.param) // chosen on purpose: the value as written is replaced
		return true, nil
	case kindArea:
		return f.handleArea(c, msg)
	case kindMulti:
		opts := f.options(t)
		switch {
		case key.Matches(msg, k.Left):
			f.cursor = (f.cursor - 1 + len(opts)) % len(opts)
		case key.Matches(msg, k.Right):
			f.cursor = (f.cursor + 1) % len(opts)
		case key.Matches(msg, k.Toggle):
			on := splitSet(f.get(t))
			v := opts[f.cursor].Value
			var out []string
			found := false
			for _, o := range opts {
				if o.Value == v {
					found = on[v]
					if !found {
						out = append(out, v)
					}
					continue
				}
				if on[o.Value] {
					out = append(out, o.Value)
				}
			}
			_ = f.set(t, strings.Join(out, ","))
			return true, nil
		}
	}
	return false, nil
}

func splitSet(s string) map[string]bool {
	on := map[string]bool{}
	for _, v := range strings.Split(s, ",") {
		if v != "" {
			on[v] = true
		}
	}
	return on
}

// secretEnvName is the environment variable a secret is referenced by.
func secretEnvName(param string) string {
	var b strings.Builder
	for i, r := range param {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String())
}

// view draws the field: one line when it is not focused; label, input,
// help and problems when it is.
func (f *field) view(c common, width int, focused bool, problems model.Problems) []string {
	s := c.Theme
	var lines []string
	marker := "  "
	label := s.Label.Render(f.label)
	if focused {
		marker = s.Selected.Render("› ")
		label = s.LabelOn.Render(f.label)
	}
	def := ""
	if c.Session.IsDefault(f.param) {
		def = s.Dim.Render(" (default)") // the console's starting value
	}
	switch {
	case !focused:
		lines = append(lines, marker+label+"  "+f.summary(c, width-len(f.label)-4-lipgloss.Width(def))+def)
	default:
		lines = append(lines, marker+label+def)
		for _, l := range strings.Split(f.editor(c, width-2), "\n") {
			lines = append(lines, "  "+l)
		}
		if help := strings.TrimSpace(f.help + " " + f.keyHint); help != "" {
			for _, l := range wrap(help, width-2) {
				lines = append(lines, "  "+s.Help.Render(l))
			}
		}
	}
	if f.extra != nil && (focused || f.kind == kindText || f.alwaysExtra) {
		for _, l := range c.Account.extra(f) {
			lines = append(lines, "  "+l)
		}
	}
	if f.local != "" {
		for i, l := range wrap(f.local, width-4) {
			lines = append(lines, "  "+s.Error.Render(pick(i == 0, "✗ ", "  ")+l))
		}
	}
	shown := 0
	for _, p := range problems {
		if shown == 2 && !focused {
			lines = append(lines, "  "+s.Dim.Render("  … "+strconv.Itoa(len(problems)-shown)+" more"))
			break
		}
		if f.kind == kindList && shown == 1 {
			lines = append(lines, "  "+s.Dim.Render("  "+plural(len(problems), "problem")+" in this list — ctrl+o to fix"))
			break
		}
		lines = append(lines, problemLines(s, p, width-2, "  ")...)
		shown++
	}
	return lines
}

// problemLines draws one problem, wrapped, marked ✗ (error) or ! (warning).
func problemLines(s *Theme, p model.Problem, width int, indent string) []string {
	mark, st := "✗ ", s.Error
	if p.Severity == model.Warning {
		mark, st = "! ", s.Warning
	}
	var out []string
	for i, l := range wrap(p.Message, width-2) {
		out = append(out, indent+st.Render(pick(i == 0, mark, "  ")+l))
	}
	return out
}

// summary is the one-line value of an unfocused field.
func (f *field) summary(c common, width int) string {
	s := c.Theme
	t := c.Session.t
	var v string
	switch f.kind {
	case kindSecret:
		v = f.get(t)
		if v != "" && !strings.HasPrefix(v, "${") {
			v = model.Mask
		}
	case kindSelect:
		opts, i := f.choices(t)
		v = opts[i].Label
	case kindList:
		v = f.list.summary(t)
	default:
		v = f.get(t)
	}
	if raw, ok := f.rawText(t); ok && f.kind != kindSecret {
		return s.Value.Render(truncate(model.Visible(raw), width-14)) + s.Dim.Render(" (as written)")
	}
	if v == "" {
		if f.kind == kindNote && f.placeholder != "" {
			return s.Dim.Render(truncate(f.placeholder, width))
		}
		return s.Dim.Render("—")
	}
	if f.kind == kindArea {
		if n := strings.Count(strings.TrimRight(v, "\n"), "\n") + 1; n > 1 {
			return s.Value.Render(truncate(v[:strings.IndexByte(v, '\n')], width-12)) + s.Dim.Render(" … "+plural(n, "line"))
		}
	}
	return s.Value.Render(truncate(v, width))
}

// editor is the focused field's input line.
func (f *field) editor(c common, width int) string {
	s := c.Theme
	t := c.Session.t
	switch f.kind {
	case kindText, kindSecret:
		if w := max(width-2, 10); w != f.input.Width {
			f.input.Width = w
			f.input.SetCursor(f.input.Position()) // scrolls a wide value into the new width
		}
		// The input's own styles come from lipgloss's default renderer
		// (stdout); ours draw on the wizard's output.
		f.input.PlaceholderStyle = s.Dim
		return f.input.View()
	case kindSelect:
		opts, i := f.choices(t)
		// All choices on one line when they fit, else the current one.
		total := 0
		for _, o := range opts {
			total += len(o.Label) + 3
		}
		if total <= width {
			parts := make([]string, len(opts))
			for j, o := range opts {
				if j == i {
					parts[j] = s.ChoiceOn.Render("[" + o.Label + "]")
				} else {
					parts[j] = s.Choice.Render(" " + o.Label + " ")
				}
			}
			return strings.Join(parts, " ")
		}
		hint := "  " + strconv.Itoa(i+1) + "/" + strconv.Itoa(len(opts)) + " · ←/→ or ctrl+o"
		return s.ChoiceOn.Render("‹ "+opts[i].Label+" ›") + s.Dim.Render(hint)
	case kindMulti:
		opts := f.options(t)
		on := splitSet(f.get(t))
		parts := make([]string, len(opts))
		for j, o := range opts {
			box := "[ ]"
			if on[o.Value] {
				box = "[x]"
			}
			st := s.Choice
			if j == f.cursor {
				st = s.ChoiceOn
				box = ">" + box[1:2] + "<"
			}
			parts[j] = st.Render(box + o.Label)
		}
		return strings.Join(parts, " ")
	case kindList:
		if raw, ok := f.rawText(t); ok {
			return s.Value.Render(truncate(model.Visible(raw), width-28)) + s.Dim.Render("  · ctrl+o: edit as text")
		}
		sum := f.list.summary(t)
		if sum == "" {
			sum = "none"
		}
		return s.Value.Render(truncate(sum, width-24)) + s.Dim.Render("  · ctrl+o or type: edit")
	case kindNote:
		if v := f.get(t); v != "" || f.placeholder == "" {
			return s.Value.Render(v)
		}
		return s.Dim.Render(f.placeholder)
	case kindArea:
		return f.areaView(c, width)
	}
	return ""
}

// intSetter sets an optional integer parameter from text.
func intSetter(p func(t *model.Template) **int) func(t *model.Template, v string) error {
	return func(t *model.Template, v string) error {
		v = strings.TrimSpace(v)
		if v == "" {
			*p(t) = nil
			return nil
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			*p(t) = nil
			return errNotNumber
		}
		*p(t) = &n
		return nil
	}
}

func intGetter(p func(t *model.Template) **int) func(t *model.Template) string {
	return func(t *model.Template) string {
		if v := *p(t); v != nil {
			return strconv.Itoa(*v)
		}
		return ""
	}
}

// boolOptions are the choices of an optional boolean.
func boolOptions(unset string) func(*model.Template) []option {
	return func(*model.Template) []option {
		return []option{{unset, ""}, {"yes", "true"}, {"no", "false"}}
	}
}

func boolGetter(p func(t *model.Template) **bool) func(t *model.Template) string {
	return func(t *model.Template) string {
		if v := *p(t); v != nil {
			return strconv.FormatBool(*v)
		}
		return ""
	}
}

func boolSetter(p func(t *model.Template) **bool) func(t *model.Template, v string) error {
	return func(t *model.Template, v string) error {
		switch v {
		case "":
			*p(t) = nil
		default:
			b := v == "true"
			*p(t) = &b
		}
		return nil
	}
}

// stringOptions turns values into choices, with an unset choice first when
// unset is not empty.
func stringOptions(unset string, values []string) []option {
	var out []option
	if unset != "" {
		out = append(out, option{unset, ""})
	}
	for _, v := range values {
		out = append(out, option{v, v})
	}
	return out
}

type uiError string

func (e uiError) Error() string { return string(e) }

const errNotNumber = uiError("Type a whole number, like 3; the value is not set until it is one.")

// docOf is the parameter's one-line help from the model's table.
func docOf(param string) string {
	p, _ := model.Lookup(param)
	return p.Doc
}

// textField is a plain text field for a string parameter.
func textField(param string, get func(*model.Template) *string) *field {
	return &field{
		kind:        kindText,
		param:       param,
		label:       param,
		help:        docOf(param),
		placeholder: exampleOf(param),
		get:         func(t *model.Template) string { return *get(t) },
		set:         func(t *model.Template, v string) error { *get(t) = v; return nil },
	}
}

// intField is a text field for an optional integer parameter.
func intField(param string, get func(*model.Template) **int) *field {
	return &field{
		kind:        kindText,
		param:       param,
		label:       param,
		help:        docOf(param),
		placeholder: exampleOf(param),
		get:         intGetter(get),
		set:         intSetter(get),
	}
}

// boolField is a not set / yes / no choice for an optional boolean.
func boolField(param string, get func(*model.Template) **bool) *field {
	return &field{
		kind:    kindSelect,
		param:   param,
		label:   param,
		help:    docOf(param),
		options: boolOptions("not set"),
		get:     boolGetter(get),
		set:     boolSetter(get),
	}
}

// selectField chooses a string parameter's value from a list.
func selectField(param string, get func(*model.Template) *string, opts func(*model.Template) []option) *field {
	return &field{
		kind:    kindSelect,
		param:   param,
		label:   param,
		help:    docOf(param),
		options: opts,
		get:     func(t *model.Template) string { return *get(t) },
		set:     func(t *model.Template, v string) error { *get(t) = v; return nil },
	}
}

func exampleOf(param string) string {
	p, _ := model.Lookup(param)
	if p.Kind == model.KindJSON || p.Secret {
		return ""
	}
	return p.Example
}

func pick[T any](c bool, a, b T) T {
	if c {
		return a
	}
	return b
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
