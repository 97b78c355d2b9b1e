package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/saejob/saejob/model"
)

// choice is one answer of a confirm screen.
type choice struct {
	key   string
	label string
	do    func(m *Model) tea.Cmd
}

// noAnswer is the answer that does nothing but close the question.
func noAnswer(*Model) tea.Cmd { return nil }

// confirm asks one question with a few one-key answers; esc cancels. The
// question is drawn by a confirmForm component; the screen acts on the
// answer it reports.
type confirm struct {
	title    string
	question string
	choices  []choice
	ask      *confirmForm // built when the screen first draws or gets a key
}

// form builds the component the first time it is needed (no huh form is
// built before its screen shows) and gives it the current context.
func (c *confirm) form(ctx common) *confirmForm {
	if c.ask == nil {
		c.ask = newConfirmForm(c.title, c.question, c.choices)
	}
	c.ask.SetCommon(ctx)
	return c.ask
}

// update passes msg to the question; on an answer it closes and tells the
// root to do what the answer's asker said it does.
func (c *confirm) update(ctx common, msg tea.Msg) tea.Cmd {
	if _, ok := msg.(tea.WindowSizeMsg); ok || ctx.hidden() {
		// Not drawn: not even the form's own messages (a tab's move to
		// "done") may answer the question (issue 8: no key acts unseen).
		return nil
	}
	f := c.form(ctx)
	_, cmd := f.Update(msg)
	switch {
	case f.answer == answerNone:
		return cmd
	case f.answer == answerCancel:
		ctx.tell(popScreen{})
		return nil
	}
	ctx.tell(popScreen{}, chose{c.choices[f.answer].do})
	return nil
}

func (c *confirm) helpKeys(ctx common) help.KeyMap {
	return c.form(ctx)
}

func (c *confirm) view(ctx common) string {
	return c.form(ctx).View()
}

// answers a confirmForm reports besides a choice's index.
const (
	answerNone   = -1
	answerCancel = -2
)

// confirmForm is a question with one-key answers, drawn by huh: a
// huh.Confirm for a yes/no question, a huh.Select for more answers. Each
// answer's own key answers at once (as huh.Confirm's y and n do), enter
// takes the answer the form shows chosen, esc cancels.
type confirmForm struct {
	huhForm
	title    string
	question string
	choices  []choice
	yes, no  int  // the y and n answers of a yes/no question, else -1
	value    bool // huh.Confirm's
	picked   int  // huh.Select's
	answer   int  // answerNone, answerCancel or a choice's index
}

func newConfirmForm(title, question string, choices []choice) *confirmForm {
	f := &confirmForm{title: title, question: question, choices: choices, yes: -1, no: -1, answer: answerNone}
	if len(choices) == 2 {
		for i, ch := range choices {
			switch ch.key {
			case "y":
				f.yes = i
			case "n":
				f.no = i
			}
		}
		if f.yes < 0 || f.no < 0 {
			f.yes, f.no = -1, -1
		}
	}
	return f
}

// huhForm is what the small huh screens share: their context and a form
// built for one width, rebuilt to the new width when the window changes.
type huhForm struct {
	c     common
	form  *huh.Form
	width int // the form was built for
}

// SetCommon gives the component its size, theme and keys.
func (f *huhForm) SetCommon(c common) {
	f.c = c
	if f.form != nil && f.width != c.Width {
		f.form = f.form.WithWidth(max(c.Width, 20))
		f.width = c.Width
	}
}

// build makes the huh form: the safe answer (no, or the first) is chosen
// at first, so that enter alone never does the drastic thing.
func (f *confirmForm) build() {
	var field huh.Field
	if f.yes >= 0 {
		field = huh.NewConfirm().
			Affirmative(f.choices[f.yes].label + " (y)").
			Negative(f.choices[f.no].label + " (n)").
			WithButtonAlignment(0).
			Value(&f.value)
	} else {
		opts := make([]huh.Option[int], len(f.choices))
		for i, ch := range f.choices {
			opts[i] = huh.NewOption(ch.key+"  "+ch.label, i)
		}
		field = huh.NewSelect[int]().Options(opts...).Value(&f.picked)
	}
	f.form = newForm(f.c, field)
	f.width = f.c.Width
	f.form.Init() // focuses the field; its window-size query is not needed
}

// Init builds nothing: the form is built when the question shows.
func (f *confirmForm) Init() tea.Cmd { return nil }

// chosen is the answer the form shows chosen.
func (f *confirmForm) chosen() int {
	if f.yes >= 0 {
		return pick(f.value, f.yes, f.no)
	}
	return f.picked
}

// Update answers on an answer's key, enter or esc, and passes the rest
// (moving between answers) to the form.
func (f *confirmForm) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if f.form == nil {
		f.build()
	}
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, f.c.Keys.Cancel):
			f.answer = answerCancel
			return f, nil
		case key.Matches(km, f.c.Keys.Choose):
			f.answer = f.chosen()
			return f, nil
		}
		for i, ch := range f.choices {
			if km.String() == ch.key {
				f.answer = i
				return f, nil
			}
		}
	}
	var cmd tea.Cmd
	f.form, cmd = updateForm(f.form, msg)
	if f.form.State == huh.StateCompleted {
		f.answer = f.chosen()
	}
	return f, cmd
}

// View draws the title and the question (cut first when the screen is
// short: every answer stays on screen, since its key acts), then the form.
func (f *confirmForm) View() string {
	if f.form == nil {
		f.build()
	}
	s, width := f.c.Theme, f.c.Width
	// Titles and questions quote names and paths the user or a file
	// chose: any control character in them is shown as an escape.
	out := []string{s.Title.Render(truncate(model.Visible(f.title), width)), ""}
	var question []string
	for _, l := range strings.Split(model.VisibleLines(f.question), "\n") {
		question = append(question, copyableLines(l, width-2, "")...)
	}
	answers := strings.Split(strings.TrimRight(f.form.View(), "\n"), "\n")
	for i, l := range answers {
		answers[i] = strings.TrimRight(truncateANSI(l, width), " ")
	}
	answers = append(answers, "  "+s.Label.Render("esc")+"  cancel")
	if room := f.c.Height - len(out) - 1 - len(answers); len(question) > room {
		question = append(question[:max(room-1, 0)], s.Dim.Render("…"))
	}
	out = append(out, question...)
	out = append(out, "")
	return strings.Join(append(out, answers...), "\n")
}

// ShortHelp is the answers' keys, esc, and the form's keys that fit.
func (f *confirmForm) ShortHelp() []key.Binding { return f.keyMap().ShortHelp() }

// FullHelp is every key of the question.
func (f *confirmForm) FullHelp() [][]key.Binding { return f.keyMap().FullHelp() }

func (f *confirmForm) keyMap() confirmKeys {
	k := f.c.Keys
	var answers []key.Binding
	for _, ch := range f.choices {
		// The short help names an answer by its first word ("yes",
		// "no"); the full help and the form give the whole answer.
		word, _, _ := strings.Cut(ch.label, " ")
		answers = append(answers, key.NewBinding(key.WithKeys(ch.key), key.WithHelp(ch.key, strings.TrimRight(word, ",:;"))))
	}
	move := as(k.Move, "choose")
	if f.yes >= 0 {
		move = key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "choose"))
	}
	return confirmKeys{
		Answers: answers,
		Move:    move,
		Choose:  as(k.Choose, "answer"),
		Cancel:  k.Cancel,
		global:  k.ShortHelp(),
		width:   f.c.Width,
	}
}
