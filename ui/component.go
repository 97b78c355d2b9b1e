package ui

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// common is the narrow context a screen component gets, as soft-serve's
// pkg/ui/common.Common: its size, the theme, the keys, the session being
// edited, the clock and the account's answers. It is not the root model: a screen cannot change
// the stack, the status line or the root's fields; it tells the root what
// to do with messages (tell), as soft-serve and gh-dash do.
type common struct {
	Width, Height int
	Theme         *Theme
	Keys          *keyMap
	Session       *Session
	Now           func() time.Time
	// ShowAll says the help bar shows every key (f1).
	ShowAll bool
	// Account answers what screens ask of the account, read-only.
	Account accountView
	// out is the root's outbox: see tell.
	out *[]tea.Msg
}

// common is the context for a screen drawn at width x height.
func (m *Model) common(width, height int) common {
	return common{Width: width, Height: height, Theme: m.styles, Keys: &m.keys, Session: m.Session, Now: m.opts.Now, ShowAll: m.help.ShowAll, Account: account{m}, out: &m.outbox}
}

// sessioner is what holds the session being edited: the Session, or the
// root model (which embeds it: the plain prompts pass the root).
type sessioner interface{ session() *Session }

func (s *Session) session() *Session { return s }

// accountView is what a screen may ask of the account: the answers the
// root's account layer has read, and the client the follow-up's own reads
// go through. It changes nothing the root owns.
type accountView interface {
	// spinView is the spinner of the account's reads.
	spinView() string
	// nameTakenWarning says a job of the chosen name exists already.
	nameTakenWarning() string
	// where is where a submit goes (nil until checked).
	where() *Where
	// client reads the account (for a screen's own reads, as commands).
	client() Account
	// pollEvery is the first wait between reads of a change order.
	pollEvery() time.Duration
	// loaded is the read under key, or nil.
	loaded(key string) *accountLoad
	// extra is what shows under a field besides its own lines: the
	// account's note on it (a job of that name exists, the namespaces to
	// choose from), or a cron's next runs.
	extra(f *field) []string
	// takesKey reports whether the account opens its choices on km on
	// field f (then the screen tells the root an accountKeyMsg).
	takesKey(f *field, km tea.KeyMsg) bool
	// bindings are the help bar's keys for the account's choices on f.
	bindings(f *field) []key.Binding
}

// answerBack is a confirmation's answer that comes back, as msg, to the
// screen that asked (on top again once the question closes).
func answerBack(msg tea.Msg) func(m *Model) tea.Cmd {
	return func(m *Model) tea.Cmd { return m.updateTop(msg) }
}

// account is the root's account layer as screens see it (accountView).
type account struct{ m *Model }

func (a account) spinView() string         { return a.m.acct().spin.View() }
func (a account) nameTakenWarning() string { return a.m.nameTakenWarning() }
func (a account) where() *Where            { return a.m.acct().where }
func (a account) client() Account          { return a.m.acct().acc }

func (a account) pollEvery() time.Duration { return a.m.opts.PollEvery }

func (a account) loaded(key string) *accountLoad { return a.m.loaded(key) }

func (a account) takesKey(f *field, km tea.KeyMsg) bool { return a.m.accountTakes(f, km) }
func (a account) bindings(f *field) []key.Binding       { return a.m.accountBindings(f) }

func (a account) extra(f *field) []string {
	if f.extra == nil {
		return nil
	}
	return f.extra(a.m)
}

// tell sends msgs to the root (popScreen, pushScreen, flashMsg, ...). The
// root acts on them as soon as the screen's update returns, in the same
// Update: a keystroke's whole effect is drawn by the next View, and the
// order of what a screen asks is kept. A tea.Cmd would arrive a round
// later, after a View showing half the change.
func (c common) tell(msgs ...tea.Msg) {
	if c.out != nil {
		*c.out = append(*c.out, msgs...)
	}
}

// changed records that the screen changed the session's template: it is
// validated again now, and the root schedules the draft.
func (c common) changed() {
	c.Session.Changed()
	c.tell(draftDue{})
}

// hidden reports whether the terminal is too small for the screen to be
// drawn (see Model.hidden): in an update, the context is the terminal's size.
func (c common) hidden() bool { return c.Width < minWidth || c.Height < minHeight }

// page is a screen of the stack built as a component: it gets a narrow
// context (common) in place of the root model, and talks back to the root
// only through the messages it tells.
type page interface {
	update(c common, msg tea.Msg) tea.Cmd
	view(c common) string
	helpKeys(c common) help.KeyMap
}

// component is a screen built as soft-serve's pkg/ui/common/component.go
// describes one: a tea.Model with its own key map for the help bar, told
// its size and context before it draws.
type component interface {
	tea.Model
	help.KeyMap
	SetCommon(c common)
}

// The screens' components: the welcome list and its file picker, the
// review's request pane, the confirmations and the save path.
var (
	_ component = (*startList)(nil)
	_ component = (*openFileForm)(nil)
	_ component = (*requestPane)(nil)
	_ component = (*confirmForm)(nil)
	_ component = (*savePathForm)(nil)
)

// The screens of the stack that are pages: they never see the root model.
var (
	_ page = (*picker)(nil)
	_ page = (*confirm)(nil)
	_ page = (*saveScreen)(nil)
	_ page = (*startMenu)(nil)
	_ page = (*keyChecking)(nil)
	_ page = (*submitting)(nil)
	_ page = (*result)(nil)
	_ page = (*listScreen)(nil)
	_ page = (*review)(nil)
	_ page = (*followup)(nil)
	_ page = (*chooser)(nil)
	_ page = (*itemScreen)(nil)
	_ page = (*wizard)(nil)
)

// newForm is a one-group huh form drawn inside our own screens: our theme,
// no help of its own (the help bar shows its keys), ctrl+c left to the
// root (which keeps the draft), at the screen's width.
func newForm(c common, fields ...huh.Field) *huh.Form {
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	return huh.NewForm(huh.NewGroup(fields...)).
		WithTheme(c.Theme.huhTheme()).
		WithKeyMap(km).
		WithShowHelp(false).
		WithWidth(max(c.Width, 20))
}

// updateForm passes msg to a huh form and takes the form back: huh's
// Update returns a tea.Model.
func updateForm(f *huh.Form, msg tea.Msg) (*huh.Form, tea.Cmd) {
	next, cmd := f.Update(msg)
	if nf, ok := next.(*huh.Form); ok {
		return nf, cmd
	}
	return f, cmd
}

// keepInView scrolls vp the least that shows lines top to bottom-1 of its
// content (a chosen item and its note), preferring top when they do not
// fit: enter must never act on an item the user cannot see. The review's
// problems and the welcome list use it; any list drawn in a viewport can.
func keepInView(vp *viewport.Model, top, bottom int) {
	if bottom-vp.YOffset > vp.Height {
		vp.SetYOffset(bottom - vp.Height)
	}
	if top < vp.YOffset {
		vp.SetYOffset(top)
	}
}
