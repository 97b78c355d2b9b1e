package ui

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"
)

// startSubmit checks the template and asks before sending it.
func (m *Model) startSubmit() tea.Cmd {
	if m.submitter == nil {
		m.flashErr("%s", m.CanSubmit())
		return nil
	}
	if errs := m.problems.Errors(); len(errs) > 0 {
		m.flashErr("Fix the %s first: choose one and press enter to go to its field.", plural(len(errs), "problem"))
		return nil
	}
	if cmd, stop := m.checkBeforeConfirm(); stop { // account.go: resend guard, credentials, region
		return cmd
	}
	target := m.Target()
	name := m.t.AppName
	if warn := m.ResendWarning(m.acct().acc != nil); warn != "" {
		// The last answer never came: say so before anything else, and
		// make "no" the answer enter gives (never create twice). The
		// account's job list says whether it exists, when it was read.
		if taken := m.nameTakenWarning(); taken != "" { // account.go
			warn += "\n\n! " + taken
		}
		m.push(&confirm{
			title:    "The last try may have created " + model.Visible(name),
			question: warn,
			choices: []choice{
				{"n", "no, check first", func(m *Model) tea.Cmd { return nil }},
				{"y", "send CreateJob again to " + target, func(m *Model) tea.Cmd { return m.send() }},
			},
		})
		return nil
	}
	question := fmt.Sprintf("Send CreateJob for %s to %s.\nThis creates the job template; sending it again would create a second one.", name, target)
	if taken := m.nameTakenWarning(); taken != "" { // account.go
		question += "\n\n! " + taken
	}
	m.push(&confirm{
		title:    "Submit " + name + "?",
		question: question,
		choices: []choice{
			{"y", "yes, send it", func(m *Model) tea.Cmd { return m.send() }},
			{"n", "no, back to the review", func(m *Model) tea.Cmd { return nil }},
		},
	})
	return nil
}

// send shows the spinner and runs the Submitter off the UI goroutine.
func (m *Model) send() tea.Cmd {
	sc := newSubmitting(m)
	m.push(sc)
	s := m.Session
	return tea.Batch(sc.spin.Tick, func() tea.Msg {
		return submitDoneMsg{outcome: s.Send(context.Background())}
	})
}

// submitted shows what came of the submit in place of the spinner.
func (m *Model) submitted(o model.SubmitOutcome) tea.Cmd {
	m.pop()
	m.push(&result{o: o, field: o.FaultField()})
	if o.Created() {
		return m.followSubmit(o) // followup.go: records it in the session
	}
	m.At(m.where())
	m.Submitted(o, m.region())
	return nil
}

// submitting is the spinner while the request is out: a page that hands
// the answer to the root.
type submitting struct {
	spin   spinner.Model
	target string
}

func newSubmitting(m *Model) *submitting {
	sp := spinner.New(spinner.WithSpinner(spinner.Dot))
	sp.Style = m.styles.Title
	return &submitting{spin: sp, target: m.Target()}
}

func (sc *submitting) update(c common, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		sc.spin, cmd = sc.spin.Update(msg)
		return cmd
	case submitDoneMsg:
		c.tell(msg)
	}
	return nil
}

func (sc *submitting) helpKeys(c common) help.KeyMap {
	return viewKeys{global: c.Keys.ShortHelp(), width: c.Width}
}

func (sc *submitting) view(c common) string {
	return "\n  " + sc.spin.View() + " Sending CreateJob to " + sc.target + "…\n\n  " +
		c.Theme.Dim.Render("It is sent once and never retried: a second create would make a second job.")
}

// result shows the IDs SAE returned, or its error with the explanation and
// a key to the field at fault. It is a page: its keys tell the root where
// to go.
type result struct {
	o     model.SubmitOutcome
	field string
}

func (r *result) update(c common, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := c.Keys
	switch {
	case key.Matches(km, k.Back):
		c.tell(popScreen{})
	case !r.o.Created() && key.Matches(km, k.Jump) && r.field != "":
		c.tell(jumpTo{r.field})
	case r.o.MayResend() && key.Matches(km, k.Retry):
		c.tell(popScreen{}, submitMsg{})
	case key.Matches(km, k.Save):
		c.tell(openSave{})
	}
	return nil
}

func (r *result) helpKeys(c common) help.KeyMap {
	k := c.Keys
	var b []key.Binding
	if !r.o.Created() && r.field != "" {
		b = append(b, as(k.Jump, "go to "+r.field))
	}
	if r.o.MayResend() {
		b = append(b, k.Retry)
	}
	b = append(b, k.Save, as(k.Back, "back to the review"))
	return viewKeys{keys: b, global: k.ShortHelp(), width: c.Width}
}

func (r *result) view(c common) string {
	s, width, ses := c.Theme, c.Width, c.Session
	var out []string
	add := func(text string, st func(...string) string) {
		for _, l := range wrap(text, width-4) {
			out = append(out, "  "+st(l))
		}
	}
	plain := func(s ...string) string { return strings.Join(s, "") }
	e := r.o
	if e.Created() {
		if ses.Sandbox() || e.Sandbox { // followup.go: a sandbox behind --endpoint
			out = append(out, s.OK.Render("✓ Accepted by the sandbox")+s.Sandbox.Render(" — practice only: nothing was created in SAE"), "")
		} else {
			out = append(out, s.OK.Render("✓ Job template created"), "")
		}
		rows := [][2]string{{"AppId", e.AppId}, {"ChangeOrderId", e.ChangeOrderId}, {"RequestId", e.RequestId}, {"TraceId", e.TraceId}}
		for _, row := range rows {
			if row[1] != "" {
				// IDs come from the server: show any control character
				// as an escape, never let it steer the terminal.
				out = append(out, fmt.Sprintf("  %-14s %s", row[0], s.Value.Render(model.Visible(row[1]))))
			}
		}
		out = append(out, "")
		if ses.gen != ses.savedGen {
			add("The template is not saved to a file yet: press s to keep it (your draft is kept until you do).", s.Dim.Render)
		}
		return strings.Join(out, "\n")
	}
	if e.Status == model.OutcomeNotSent {
		out = append(out, s.Error.Render("✗ Not sent, or no answer"), "")
		add(model.VisibleLines(e.Message), plain)
		if e.Explanation != "" {
			add(model.VisibleLines(e.Explanation), plain)
		}
		out = append(out, "")
		add("Your draft is kept. Check the network and credentials, then press r to try again.", s.Dim.Render)
		return strings.Join(out, "\n")
	}
	if e.Status == model.OutcomeMayExist {
		out = append(out, s.Warning.Render("! The request may have reached SAE"), "")
		out = append(out, copyableLines(model.VisibleLines(e.Message), width-2, "  ")...)
		if e.CheckAdvice == "" {
			// The submitter's message says how to check when it knows; say
			// it once, not twice.
			out = append(out, "")
			add("The job may exist already: look for "+model.Visible(ses.t.AppName)+" in the SAE console (Jobs) before sending again.", s.Warning.Render)
		}
		return strings.Join(out, "\n")
	}
	if e.Status == model.OutcomeStopped {
		// saejob stopped before sending: not SAE's answer, and the
		// catalogue's text about SAE's code does not apply.
		out = append(out, s.Error.Render("✗ Not sent: saejob stopped before sending anything to SAE"), "")
		add(model.VisibleLines(e.Message), plain)
		if more := e.Advice(); more != "" {
			add(model.VisibleLines(more), plain)
		}
		out = append(out, "")
		if r.field != "" {
			out = append(out, "  "+s.Label.Render("Next: ")+"press enter to go to "+s.Value.Render(r.field)+" and fix it.")
		} else {
			add("Next: fix it, then press r to send.", plain)
		}
		return strings.Join(out, "\n")
	}
	head := "✗ SAE refused the job"
	if e.HttpStatus != 0 {
		head += fmt.Sprintf(" (HTTP %d)", e.HttpStatus)
	}
	out = append(out, s.Error.Render(head), "")
	out = append(out, "  Code:    "+s.Label.Render(model.Visible(e.Code)))
	add("Message: "+model.VisibleLines(e.Message), plain)
	expl := e.Explanation
	if c, ok := model.Explain(e.Code); ok {
		if expl == "" {
			expl = c.Meaning
		}
		if c.Fix != "" && !strings.Contains(expl, c.Fix) {
			expl += " " + c.Fix
		}
	}
	if expl != "" {
		out = append(out, "")
		add(expl, plain)
	}
	if r.field != "" {
		out = append(out, "", "  "+s.Label.Render("Field at fault: ")+s.Value.Render(r.field)+s.Dim.Render(" — press enter to go there"))
	}
	if e.RequestId != "" {
		out = append(out, "  "+s.Dim.Render("RequestId "+model.Visible(e.RequestId)))
	}
	out = append(out, "", "  "+s.Dim.Render("Your draft is kept."))
	return strings.Join(out, "\n")
}
