// Package ui is the saejob wizard: a Bubble Tea program that leads a
// newcomer from nothing to a valid, submitted SAE job template, with live
// validation, a review of exactly what is sent, drafts, and an accessible
// plain-prompt mode. It talks to SAE only through the Submitter it is given.
package ui

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	xansi "github.com/charmbracelet/x/ansi"
	"github.com/saejob/saejob/model"
)

// Start says which screen the wizard opens on.
type Start int

// Start screens.
const (
	StartMenu   Start = iota // choose: new, example, file, resume draft
	StartSteps               // the first step, with Options.Template
	StartReview              // the review, with Options.Template (edit FILE)
)

// Example is a bundled example template the start screen offers.
type Example struct {
	Name  string
	Title string
	// Load parses the example.
	Load func() (*model.Template, error)
}

// Options configure the wizard. The zero value starts an empty template
// with drafts off and no way to submit.
type Options struct {
	// Template to start from (new --from, edit); nil starts empty.
	Template *model.Template
	// Path is the file the template came from; saving offers it first and
	// writes it back without asking.
	Path  string
	Start Start
	// Submitter sends the template; nil disables submitting.
	Submitter Submitter
	// Account reads choices from the account and follows a submit (account.go); nil offers none.
	Account Account
	// PollEvery is the first wait between reads of a change order; 0 means 1 s.
	PollEvery time.Duration
	// Drafts keeps the work in progress; nil keeps none.
	Drafts *DraftStore
	// Examples are offered on the start screen and by name.
	Examples []Example
	// Region is added to the aliyun CLI command when set.
	Region string
	// Accessible selects plain line prompts instead of the full-screen UI.
	Accessible bool
	// Now is the clock (tests pin it); nil is time.Now.
	Now func() time.Time
	// Input and Output are the terminal streams (default stdin and stderr).
	Input  io.Reader
	Output io.Writer
	// Renderer draws the styles; nil uses lipgloss's default renderer.
	Renderer *lipgloss.Renderer
	// NoColor draws without colour (NO_COLOR), keeping bold, faint and
	// reverse, so the focus and the text cursor still show.
	NoColor bool
	// DraftDelay is the pause after the last change before the draft is
	// written; 0 means 700 ms.
	DraftDelay time.Duration
}

// screen is one screen of the wizard: a page (component.go). The root
// routes messages to the top screen of its stack and draws it between its
// own header and help bar; screens tell the root what to do (told).
type screen = page

// Model is the root model: the full-screen view of a Session (the
// template, its problems, the draft), with the stack of screens, the keys
// and the window size.
type Model struct {
	*Session
	opts Options

	wizard *wizard
	stack  []screen

	width, height int
	keys          keyMap
	help          help.Model
	styles        *Theme

	status    string
	statusBad bool

	draftSeq int
	quitting bool

	// request is what the review shows of the request (review.go).
	request requestText

	// account caches what was read from the account (account.go).
	account *accountState

	// outbox holds what the top screen told the root (common.tell) until
	// the root acts on it; draining says the root is acting on it.
	outbox   []tea.Msg
	draining bool
}

// minimum terminal size the wizard draws in.
const (
	minWidth  = 60
	minHeight = 16
)

// New builds the wizard's root model.
func New(opts Options) *Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.DraftDelay == 0 {
		opts.DraftDelay = 700 * time.Millisecond
	}
	r := opts.Renderer
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	m := &Model{
		opts:   opts,
		keys:   newKeyMap(),
		styles: newTheme(r, opts.NoColor),
		width:  80,
		height: 24,

		Session: newSession(opts.Template, opts),
	}
	m.request = requestText{region: opts.Region, theme: m.styles}
	m.help = help.New()
	m.help.Styles = m.styles.HelpStyle
	m.help.Width = m.width
	if opts.Template != nil && opts.Path == "" {
		m.savedGen = -1 // from an example or another file: not saved anywhere yet
	}
	m.wizard = newWizard(m)
	m.SetLayout(m.wizard.layout())
	switch {
	case opts.Start == StartReview:
		m.stack = []screen{m.wizard}
		m.push(newReview(m))
	case opts.Start == StartSteps:
		m.stack = []screen{m.wizard}
	default:
		m.stack = []screen{newStartMenu(m)}
	}
	m.offerDraftOf(opts.Path)
	m.SetTarget(m.region())
	return m
}

// offerDraftOf asks, when a draft holds unsaved changes to the file being
// opened, whether to resume them. Declining keeps the draft (it stays on the
// welcome screen); only "discard" deletes it.
func (m *Model) offerDraftOf(path string) {
	if m.opts.Drafts == nil || path == "" {
		return
	}
	entries, _ := m.opts.Drafts.List(m.draftToken)
	for _, e := range entries {
		if e.Err != nil || e.Template == nil || !samePath(e.Draft.Path, path) {
			continue
		}
		e := e
		question := fmt.Sprintf("Your draft from %s holds changes to %s that were not saved.", ago(m.opts.Now(), e.Draft.Saved), path)
		if e.Holder != 0 {
			question += fmt.Sprintf("\nAnother saejob (pid %d) has it open: resuming gives this wizard its own copy.", e.Holder)
		}
		m.push(&confirm{
			title:    "Unsaved changes to " + path,
			question: question,
			choices: []choice{
				{"r", "resume the draft", func(m *Model) tea.Cmd { return m.resume(e) }},
				{"o", "open the file as saved (the draft is kept: saejob lists it)", func(m *Model) tea.Cmd { return nil }},
				{"d", "discard the draft and open the file as saved", func(m *Model) tea.Cmd {
					if err := m.deleteDraft(e); err != nil {
						m.flashErr("%v", err)
					}
					return nil
				}},
			},
		})
		return
	}
}

// ExitMessage is what to print after the program ends (where the draft or
// the file is), or "".
func (m *Model) ExitMessage() string { return m.exitMessage }

// setTemplate replaces the template with a loaded one (a file, a draft, an
// example): every field counts as visited.
func (m *Model) setTemplate(t *model.Template) {
	m.Reset(t)
	m.wizard.reloadWith(m)
}

// startNew starts a new template from the console's defaults.
func (m *Model) startNew() {
	m.New()
	m.wizard.reloadWith(m)
}

// changed records that the template changed: validate again and schedule
// the draft.
func (m *Model) changed() tea.Cmd {
	m.Changed()
	return m.scheduleDraft()
}

// apply records that the user set field f, applies what follows from it
// (see Session.Applied) and says what else changed.
func (m *Model) apply(f *field) tea.Cmd {
	c := m.Applied(f.param)
	switch {
	case c.Undo != "":
		m.reloadFields()
		m.flash("%s — %s undoes", c.Undo, m.keys.UndoClear.Help().Key)
	case len(c.Notes) > 0:
		m.flash("%s", strings.Join(c.Notes, "; "))
	}
	return m.scheduleDraft()
}

// undo reverts the last change that cleared fields.
func (m *Model) undo() tea.Cmd {
	what, ok := m.Undo()
	if !ok {
		m.flash("Nothing to undo: ctrl+z undoes clearing fields that no longer apply, until the next change.")
		return nil
	}
	m.reloadFields()
	m.flash("%s", what)
	return m.scheduleDraft()
}

// where is the screen the user is on, for the draft: a step or -1 for the
// review.
func (m *Model) where() int {
	if _, ok := m.top().(*review); ok {
		return -1
	}
	return m.wizard.cur
}

// finishDraft ends the session's draft (see Session.finishDraft),
// remembering the screen the user was on.
func (m *Model) finishDraft(reason string) string {
	m.At(m.where())
	return m.Session.finishDraft(reason)
}

// Init starts nothing: no terminal query, no network.
func (m *Model) Init() tea.Cmd { return nil }

func (m *Model) top() screen { return m.stack[len(m.stack)-1] }

func (m *Model) push(s screen) { m.stack = append(m.stack, s) }

func (m *Model) pop() {
	if len(m.stack) > 1 {
		m.stack = m.stack[:len(m.stack)-1]
	}
}

// toWizard drops every screen above the steps.
func (m *Model) toWizard() {
	if len(m.stack) > 0 && m.stack[0] != screen(m.wizard) {
		m.stack = []screen{m.wizard}
	} else {
		m.stack = m.stack[:1]
	}
}

func (m *Model) flash(format string, a ...any) {
	m.status, m.statusBad = fmt.Sprintf(format, a...), false
}

func (m *Model) flashErr(format string, a ...any) {
	m.status, m.statusBad = fmt.Sprintf(format, a...), true
}

// updateRoot routes a message: a few are the root's own, the rest go to the
// top screen.
func (m *Model) updateRoot(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.quitting {
		return m, nil
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		return m, m.updateTop(msg)
	case tea.KeyMsg:
		if key.Matches(msg, m.keys.Quit) {
			return m, m.quit("interrupt")
		}
		if m.hidden() {
			// Nothing the user can see owns this key: acting on it would
			// change, save or send what is not on screen.
			return m, nil
		}
		m.status = ""
		switch {
		case key.Matches(msg, m.keys.Help):
			m.help.ShowAll = !m.help.ShowAll
			return m, nil
		case key.Matches(msg, m.keys.Review) && m.inWizard() && m.top() != screen(m.wizard):
			return m, m.openReview()
		case key.Matches(msg, m.keys.UndoClear) && m.inWizard():
			return m, m.undo()
		}
	case signalMsg:
		return m, m.quit(msg.name)
	case copyDoneMsg:
		if msg.err != nil {
			m.flashErr("Could not print it: %v", msg.err)
		}
		return m, nil
	case draftTickMsg:
		if msg.seq == m.draftSeq {
			m.saveDraft()
		}
		return m, nil
	}
	return m, m.updateTop(msg)
}

// updateTop passes msg to the top screen, then acts on what it told.
func (m *Model) updateTop(msg tea.Msg) tea.Cmd {
	return m.drain(m.top().update(m.common(m.width, m.height), msg))
}

// drain acts, in order, on every message screens told the root, with cmd
// (the screen's own command) first.
func (m *Model) drain(cmd tea.Cmd) tea.Cmd {
	if m.draining || len(m.outbox) == 0 {
		return cmd // the outer drain acts on what is told now
	}
	m.draining = true
	for i := 0; i < len(m.outbox); i++ {
		// Batched only when both are commands: most keystrokes allocate
		// nothing here.
		switch c := m.told(m.outbox[i]); {
		case c == nil:
		case cmd == nil:
			cmd = c
		default:
			cmd = tea.Batch(cmd, c)
		}
	}
	clear(m.outbox)
	m.outbox = m.outbox[:0]
	m.draining = false
	return cmd
}

// told acts on one message a screen told the root.
func (m *Model) told(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pushScreen:
		m.push(msg.s)
	case popScreen:
		m.pop()
	case flashMsg:
		m.status, m.statusBad = msg.text, msg.bad
	case appliedMsg:
		return m.apply(msg.f)
	case chose:
		if msg.do != nil {
			return msg.do(m)
		}
	case saveToMsg:
		return m.saveTo(msg.path, false, false)
	case stopLoad:
		m.cancelLoad(msg.key)
		delete(m.acct().onLoad, msg.key)
		m.pop()
	case draftDue:
		return m.scheduleDraft()
	case jumpTo:
		cmd, ok := m.jump(msg.field)
		if !ok {
			m.flashErr("No field for %s", msg.field)
		}
		return cmd
	case openSave:
		return saveChoice(m)
	case submitMsg:
		return m.startSubmit()
	case submitDoneMsg:
		return m.submitted(msg.outcome)
	case toStep:
		i := msg.i
		if i < 0 {
			i = m.wizard.cur
		}
		m.toWizard()
		return m.wizard.enter(m, i)
	case fixProblem:
		return m.fix(msg.p)
	case deleteDraftMsg:
		m.askDeleteDraft(msg.sm, msg.e)
	case openReviewMsg:
		return m.openReview()
	case editorDoneMsg:
		return m.editorDone(msg)
	case quietChange:
		m.changedQuiet()
	case accountKeyMsg:
		cmd, _ := m.accountKey(msg.f, msg.km)
		return cmd
	case editField:
		return m.openEditor(msg.f)
	case cancelRead:
		m.cancelLoad(msg.key)
	case refetch:
		return msg.c.fetch(m, true)
	case picked:
		return msg.c.pick(m, msg.it)
	case openFileMsg:
		if err := m.openFile(msg.path); err != nil {
			return m.updateTop(openFailed{msg.path, err})
		}
	}
	return nil
}

// viewTop draws the top screen at width x height.
func (m *Model) viewTop(width, height int) string {
	return m.top().view(m.common(width, height))
}

// hidden reports whether the screen that owns the keys is not drawn: the
// "too small" notice stands in its place. Every key but quit is then
// ignored, here at the root, so that no screen can act unseen.
func (m *Model) hidden() bool {
	return m.width < minWidth || m.height < minHeight
}

// quit keeps the draft (when anything is unsaved) and ends the program.
func (m *Model) quit(reason string) tea.Cmd {
	m.quitting = true
	m.exitMessage = m.finishDraft(reason)
	if _, sending := m.top().(*submitting); sending {
		m.exitMessage += "\nA CreateJob request was on its way when you quit: the job template may have been created. Look for " +
			model.Visible(m.t.AppName) + " in the SAE console before sending it again."
	}
	return tea.Quit
}

// View draws the header, the top screen and the help bar.
func (m *Model) View() string {
	if m.quitting {
		return ""
	}
	if m.hidden() {
		return m.tooSmall()
	}
	header := m.header()
	helpView := m.helpView()
	status := m.statusLine()
	bodyH := m.height - lipgloss.Height(header) - lipgloss.Height(helpView) - lipgloss.Height(status)
	body := m.viewTop(m.width, bodyH)
	body = fitHeight(body, bodyH)
	return header + "\n" + body + "\n" + status + "\n" + helpView
}

func (m *Model) tooSmall() string {
	msg := fmt.Sprintf("The terminal is %dx%d; the wizard needs at least %dx%d.\nEnlarge the window (80x24 or more is best), or run with --accessible for plain prompts.\nUntil then keys are ignored; ctrl+c quits and keeps your draft.", m.width, m.height, minWidth, minHeight)
	var out []string
	for _, l := range strings.Split(msg, "\n") {
		out = append(out, wrap(l, max(m.width, 10))...)
	}
	return strings.Join(out, "\n")
}

func (m *Model) header() string {
	s := m.styles
	title := s.Title.Render("saejob")
	name := m.t.AppName
	if name == "" {
		name = "new job template"
	}
	left := title + " " + s.Dim.Render("·") + " " + truncate(model.Visible(name), 30)
	if m.path != "" {
		left += s.Dim.Render("  " + truncate(model.Visible(m.path), 30))
	}
	if m.gen != m.savedGen {
		left += s.Dim.Render(" (unsaved)")
	}
	if t, ok := m.opts.Submitter.(Targeter); ok && strings.Contains(strings.ToLower(t.Target()), "sandbox") {
		left += "  " + s.Sandbox.Render("[SANDBOX]")
	}
	left = m.withWhere(left)
	if bar := m.stepBar(); bar != "" {
		return truncateANSI(left, m.width) + "\n" + bar
	}
	return truncateANSI(left, m.width)
}

// stepBar names every step with its problem count; the current one is in
// brackets (so it shows without colour too).
func (m *Model) stepBar() string {
	s := m.styles
	if m.stack[0] != screen(m.wizard) {
		return ""
	}
	counts := m.wizard.counts(m)
	cur := -1
	if m.inWizard() {
		cur = m.wizard.cur
	}
	_, inReview := m.top().(*review)
	render := func(short bool) string {
		parts := make([]string, 0, len(m.wizard.steps)+1)
		for i, st := range m.wizard.steps {
			label := fmt.Sprintf("%d", i+1)
			if !short || i == cur {
				label += " " + st.name
			}
			if counts[i] > 0 {
				label += fmt.Sprintf(" ✗%d", counts[i])
			}
			switch {
			case i == cur:
				parts = append(parts, s.StepOn.Render("["+label+"]"))
			case counts[i] > 0:
				parts = append(parts, s.StepBad.Render(label))
			default:
				parts = append(parts, s.StepOff.Render(label))
			}
		}
		rv := pick(short && !inReview, "R", "Review")
		if inReview {
			parts = append(parts, s.StepOn.Render("["+rv+"]"))
		} else {
			parts = append(parts, s.StepOff.Render(rv))
		}
		return strings.Join(parts, " ")
	}
	bar := render(false)
	if lipgloss.Width(bar) > m.width {
		bar = render(true)
	}
	return bar
}

// inWizard reports whether the screens above the steps belong to a step
// (list editors and pickers).
func (m *Model) inWizard() bool {
	if m.stack[0] != screen(m.wizard) {
		return false
	}
	for _, sc := range m.stack[1:] {
		switch sc.(type) {
		case *listScreen, *itemScreen, *picker:
		default:
			return false
		}
	}
	return true
}

func (m *Model) statusLine() string {
	s := m.styles
	if m.status != "" {
		// The whole sentence, wrapped between words by cell width (a
		// path too long for a line breaks at the edge), with any control
		// character a file name brought shown escaped; cut only past
		// maxStatusLines.
		st := pick(m.statusBad, s.Error, s.OK)
		lines := wrap(model.VisibleLines(m.status), m.width)
		if len(lines) > maxStatusLines {
			lines = append(lines[:maxStatusLines-1], truncate(strings.Join(lines[maxStatusLines-1:], " "), m.width))
		}
		for i, l := range lines {
			lines[i] = st.Render(l)
		}
		return strings.Join(lines, "\n")
	}
	if m.stack[0] != screen(m.wizard) {
		return ""
	}
	n, pending := 0, 0
	_, inReview := m.top().(*review) // the review lists every problem
	for _, p := range m.problems.Errors() {
		if m.Pending(p) && !inReview {
			pending++ // a required field not reached yet: not an error
		} else {
			n++
		}
	}
	w := len(m.problems.Warnings())
	var parts []string
	switch {
	case n == 0 && pending == 0:
		parts = append(parts, s.OK.Render("✓ valid"))
	case n > 0:
		parts = append(parts, s.Error.Render(fmt.Sprintf("✗ %s to fix", plural(n, "problem"))))
	}
	if pending > 0 {
		parts = append(parts, s.Dim.Render(plural(pending, "required field")+" to fill"))
	}
	if w > 0 {
		parts = append(parts, s.Warning.Render(fmt.Sprintf("! %s", plural(w, "warning"))))
	}
	if !m.draftSaved.IsZero() {
		parts = append(parts, s.Dim.Render("draft saved "+m.draftSaved.Format("15:04:05")))
	}
	if m.draftErr != "" {
		parts = append(parts, s.Error.Render("draft: "+m.draftErr))
	}
	if m.draftNote != "" {
		// Said once as it happened; kept in view since it matters at quit.
		parts = append(parts, s.Warning.Render("draft: your own copy (another saejob has the original)"))
	}
	return xansi.Wrap(strings.Join(parts, s.Dim.Render(" · ")), m.width, "")
}

// maxStatusLines is the most lines the status line takes from the screen.
const maxStatusLines = 3

func (m *Model) helpView() string {
	km := m.helpKeys() // keys.go: the top screen's help.KeyMap
	if m.help.ShowAll {
		return m.help.FullHelpView(km.FullHelp())
	}
	// help's own cut lets a last item through when no "…" fits.
	return truncateANSI(m.help.ShortHelpView(km.ShortHelp()), m.width)
}

func chunk(b []key.Binding, n int) [][]key.Binding {
	var out [][]key.Binding
	for len(b) > n {
		out = append(out, b[:n])
		b = b[n:]
	}
	return append(out, b)
}

// fitHeight pads or cuts s to exactly h lines.
func fitHeight(s string, h int) string {
	if h < 1 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// truncateANSI cuts a styled line to width cells.
func truncateANSI(s string, width int) string {
	if lipgloss.Width(s) <= width {
		return s
	}
	return lipgloss.NewStyle().MaxWidth(width).Render(s)
}

// layout is where the steps ask each parameter, for the session.
func (w *wizard) layout() Layout {
	l := Layout{Params: w.params}
	for _, st := range w.steps {
		l.Steps = append(l.Steps, st.name)
	}
	return l
}
