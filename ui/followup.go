package ui

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"
)

// followup follows what a create started: its change order until it ends
// (esc stops waiting and never touches the job), then the job as SAE
// describes it, and a run once now on request.
type followup struct {
	res    model.SubmitOutcome
	region string
	start  time.Time
	spin   spinner.Model

	polls    int
	fails    int
	co       *ChangeOrder
	readErr  error
	stopped  bool
	finished bool
	ended    time.Time // when the wait ended: the elapsed time stops there
	cancel   context.CancelFunc
	seq      int

	job    *DescribedJob
	jobErr error

	execing bool
	exec    *Execution
	execErr error
}

// Messages of the followup.
type (
	pollMsg        struct{ seq int }
	changeOrderMsg struct {
		seq int
		co  *ChangeOrder
		err error
	}
	describedMsg struct {
		job *DescribedJob
		err error
	}
	execMsg struct {
		exec *Execution
		err  error
	}
)

// followSubmit records a create in the session and, when the account can
// be read, follows it on its own screen.
func (m *Model) followSubmit(res model.SubmitOutcome) tea.Cmd {
	m.Submitted(res, m.region())
	a := m.acct()
	if a.acc == nil || res.ChangeOrderId == "" {
		return nil
	}
	sp := spinner.New(spinner.WithSpinner(spinner.Dot))
	sp.Style = m.styles.Title
	if _, ok := m.top().(*result); ok {
		m.pop() // the followup shows the IDs too, and more
	}
	fu := &followup{res: res, region: m.region(), start: m.opts.Now(), spin: sp}
	m.acct().follow = fu
	m.push(fu)
	return tea.Batch(fu.spin.Tick, fu.read(account{m}))
}

// guardResubmit says, before anything else, that this session created the
// job already; sending again needs a clear yes.
func (m *Model) guardResubmit() (tea.Cmd, bool) {
	title, text := m.AlreadyCreated()
	if title == "" || m.resendAsked {
		return nil, false
	}
	m.push(&confirm{
		title:    title,
		question: text,
		choices: []choice{
			{"n", "no, keep the one I created", func(m *Model) tea.Cmd { return nil }},
			{"y", "send it again anyway: a second CreateJob", func(m *Model) tea.Cmd {
				m.resendAsked = true
				return m.startSubmit()
			}},
		},
	})
	return nil, true
}

// checkBeforeConfirm makes sure a submit can go somewhere before asking:
// the credentials are checked, and a missing region is chosen, first.
func (m *Model) checkBeforeConfirm() (tea.Cmd, bool) {
	if cmd, stop := m.guardResubmit(); stop {
		return cmd, true
	}
	a := m.acct()
	if a.acc == nil {
		return nil, false
	}
	if a.where == nil {
		a.submitAfterCheck = true
		m.flash("Checking the credentials before sending…")
		return m.checkWhere(), true
	}
	switch b := m.Blocker(a.where, m.region()); {
	case b.NoRegion:
		m.flash("%s; then press x again.", b.Advice)
		return m.openRegions(nil), true
	case b.Title != "":
		m.push(&confirm{
			title:    b.Title,
			question: b.Why + "\n\n" + b.Advice,
			choices:  []choice{{"s", "save the template to a file", saveChoice}},
		})
		return nil, true
	}
	a.acc.SetRegion(m.region())
	return m.checkKeyFirst() // keycheck.go
}

// read asks for the change order's state once.
func (fu *followup) read(av accountView) tea.Cmd {
	acc, region, id := av.client(), fu.region, fu.res.ChangeOrderId
	ctx, cancel := context.WithTimeout(context.Background(), accountReadTimeout)
	fu.cancel = cancel
	fu.seq++
	seq := fu.seq
	return func() tea.Msg {
		defer cancel()
		co, err := acc.ChangeOrder(ctx, region, id)
		return changeOrderMsg{seq: seq, co: co, err: err}
	}
}

// pollWait is the pause before read n+1 (n from 0): model.PollWait, scaled
// so that its first wait is first (Options.PollEvery; 0 means model's).
func pollWait(first time.Duration, n int) time.Duration {
	if first <= 0 {
		return model.PollWait(n)
	}
	return model.PollWait(n) / model.FirstPollWait * first
}

func (fu *followup) update(c common, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if fu.finished || fu.stopped || msg.ID != fu.spin.ID() {
			if fu.execing && msg.ID == fu.spin.ID() {
				break
			}
			return nil
		}
	case changeOrderMsg:
		if msg.seq != fu.seq || fu.stopped {
			return nil
		}
		fu.polls++
		if msg.err != nil {
			fu.fails++
			fu.readErr = msg.err
			if fu.fails >= model.MaxPollFailures {
				// The job exists whatever its change order does: read it
				// back, so the result says what it is (or that it could
				// not be read), never "Reading the job back…" for ever.
				fu.finished, fu.ended = true, c.Now()
				return fu.describe(c.Account)
			}
		} else {
			fu.fails, fu.readErr, fu.co = 0, nil, msg.co
			if msg.co.Ended() {
				fu.finished, fu.ended = true, c.Now()
				return fu.describe(c.Account)
			}
		}
		seq := fu.seq
		return tea.Tick(pollWait(c.Account.pollEvery(), fu.polls-1), func(time.Time) tea.Msg { return pollMsg{seq: seq} })
	case pollMsg:
		if msg.seq != fu.seq || fu.stopped || fu.finished {
			return nil
		}
		return fu.read(c.Account)
	case describedMsg:
		fu.job, fu.jobErr = msg.job, msg.err
		return nil
	case execMsg:
		fu.execing = false
		fu.exec, fu.execErr = msg.exec, msg.err
		return nil
	case runOnce:
		return fu.run(c.Account)
	case tea.KeyMsg:
		k := c.Keys
		switch {
		case key.Matches(msg, k.Back) && !fu.finished && !fu.stopped:
			fu.stopped, fu.ended = true, c.Now()
			if fu.cancel != nil {
				fu.cancel()
			}
			return nil
		case key.Matches(msg, k.Back):
			c.tell(popScreen{})
			return nil
		case key.Matches(msg, k.RunOnce) && fu.canRun():
			name := c.Session.t.AppName
			c.tell(pushScreen{&confirm{
				title:    "Run " + model.Visible(name) + " once now?",
				question: fmt.Sprintf("ExecJob starts one run of AppId %s now, whatever its trigger says. It is sent once and never retried.", model.Visible(fu.res.AppId)),
				choices: []choice{
					{"y", "yes, run it once", answerBack(runOnce{})},
					{"n", "no", noAnswer},
				},
			}})
			return nil
		case key.Matches(msg, k.Save):
			c.tell(openSave{})
			return nil
		case key.Matches(msg, k.Print) && (fu.finished || fu.stopped):
			return printForCopy(fu.copyText(c))
		}
		return nil
	default:
		return nil
	}
	var cmd tea.Cmd
	fu.spin, cmd = fu.spin.Update(msg)
	return cmd
}

// canRun reports whether "run once now" is offered: the job exists and no run is being started.
func (fu *followup) canRun() bool {
	return !fu.execing && (fu.finished || fu.stopped) && (fu.co == nil || !fu.co.Ended() || fu.co.Succeeded())
}

// describe reads the job back.
func (fu *followup) describe(av accountView) tea.Cmd {
	acc, region, id := av.client(), fu.region, fu.res.AppId
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), accountReadTimeout)
		defer cancel()
		j, err := acc.DescribeJob(ctx, region, id)
		return describedMsg{job: j, err: err}
	}
}

// run starts one run (ExecJob).
func (fu *followup) run(av accountView) tea.Cmd {
	fu.execing, fu.exec, fu.execErr = true, nil, nil
	acc, region, id := av.client(), fu.region, fu.res.AppId
	return tea.Batch(fu.spin.Tick, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), accountReadTimeout)
		defer cancel()
		e, err := acc.ExecJob(ctx, region, id)
		return execMsg{exec: e, err: err}
	})
}

func (fu *followup) helpKeys(c common) help.KeyMap {
	k := c.Keys
	v := viewKeys{global: k.ShortHelp(), width: c.Width}
	if !fu.finished && !fu.stopped {
		v.keys = []key.Binding{as(k.Back, "stop waiting (the job is not touched)")}
		return v
	}
	var b []key.Binding
	if fu.canRun() {
		b = append(b, k.RunOnce)
	}
	v.keys = append(b, as(k.Print, "print links whole"), k.Save, as(k.Back, "back"))
	return v
}

// copyText is what the screen shows that people copy — the IDs, the
// trigger addresses, the console links and the submit command — one per
// line and never broken, for printing outside the wizard.
func (fu *followup) copyText(c common) string {
	lines := []string{"AppId          " + model.Visible(fu.res.AppId), "ChangeOrderId  " + model.Visible(fu.res.ChangeOrderId)}
	ns := ""
	if j := fu.job; j != nil {
		if j.Template != nil {
			ns = j.Template.NamespaceId
		}
		for _, u := range j.PublicWebHookUrls {
			lines = append(lines, "HTTP trigger (public)          "+model.Visible(u))
		}
		for _, u := range j.VpcWebHookUrls {
			lines = append(lines, "HTTP trigger (inside the VPC)  "+model.Visible(u))
		}
	}
	lines = append(lines,
		"Console, the job:           "+model.Visible(jobLink(fu.region, ns, fu.res.AppId)),
		"Console, the change order:  "+model.Visible(changeOrderLink(fu.region, fu.res.ChangeOrderId)),
		submitLine(c.Session, c.Account.where(), fu.region))
	return strings.Join(lines, "\n")
}

func (fu *followup) view(c common) string {
	s, width := c.Theme, c.Width
	var out []string
	add := func(st func(...string) string, text string) {
		for _, l := range wrap(text, width-4) {
			out = append(out, "  "+st(l))
		}
	}
	plain := func(s ...string) string { return strings.Join(s, "") }
	sandbox := fu.res.Sandbox || fu.job != nil && fu.job.Sandbox || c.Account.where() != nil && c.Account.where().Sandbox
	head := s.OK.Render("✓ Job template created")
	if sandbox {
		head = s.OK.Render("✓ Accepted by the sandbox") + s.Sandbox.Render(" — practice only: nothing was created in SAE")
	}
	out = append(out, head, fmt.Sprintf("  %-14s %s", "AppId", s.Value.Render(model.Visible(fu.res.AppId))), fmt.Sprintf("  %-14s %s", "ChangeOrderId", s.Value.Render(model.Visible(fu.res.ChangeOrderId))), "")
	end := fu.ended
	if end.IsZero() {
		end = c.Now()
	}
	elapsed := end.Sub(fu.start).Round(time.Second)
	if fu.start.IsZero() {
		elapsed = 0
	}
	status := "waiting for the first answer"
	if fu.co != nil {
		status = fu.co.StatusText()
	}
	switch {
	case fu.stopped:
		add(s.Warning.Render, fmt.Sprintf("Stopped waiting after %s at %s. The job is not touched: its change order goes on in SAE.", elapsed, status))
		add(s.Dim.Render, "Check its status later on the change order's page in the SAE console (the second link below). Do not submit again: the job exists.")
	case !fu.finished:
		out = append(out, "  "+fu.spin.View()+fmt.Sprintf(" Change order: %s · %s · read %d", status, elapsed, fu.polls))
		if fu.readErr != nil {
			add(s.Warning.Render, "Reading it failed ("+readReason(fu.readErr)+"); trying again. This was only a read: the job exists.")
		}
	case fu.co == nil || !fu.co.Ended():
		add(s.Warning.Render, fmt.Sprintf("Could not follow the change order: %s.", readReason(fu.readErr)))
		add(s.Dim.Render, "Only the reads failed: the job template exists (AppId "+model.Visible(fu.res.AppId)+"). Do not submit it again; check it in the SAE console.")
	case fu.co.Succeeded():
		out = append(out, "  "+s.OK.Render(fmt.Sprintf("✓ Change order executed · %s", elapsed)))
	case fu.co.WaitsForPerson():
		add(s.Warning.Render, "! "+waitsFor(fu.co))
	default:
		add(s.Error.Render, fmt.Sprintf("✗ The change order ended %s after %s.", status, elapsed))
		if fu.co.ErrorMessage != "" {
			add(plain, "SAE says: "+model.Visible(fu.co.ErrorMessage))
		}
		add(s.Dim.Render, "The job template exists (AppId "+model.Visible(fu.res.AppId)+"); fix what SAE names in the console, or change the template and submit a new one.")
	}
	if fu.finished || fu.stopped {
		out = append(out, "")
		out = append(out, fu.details(c)...)
	}
	switch {
	case fu.execing:
		out = append(out, "", "  "+fu.spin.View()+" Starting one run (ExecJob)…")
	case fu.execErr != nil:
		out = append(out, "")
		add(s.Error.Render, "✗ "+fu.execErr.Error())
	case fu.exec != nil:
		out = append(out, "")
		mark := pick(fu.exec.Success, s.OK.Render("✓ Run started"), s.Error.Render("✗ Run not started"))
		out = append(out, "  "+mark+s.Dim.Render(fmt.Sprintf("  Code %s · %s · run %s", orDash(fu.exec.Code), model.Visible(fu.exec.Message), orDash(model.Visible(fu.exec.Data)))))
	}
	return strings.Join(out, "\n")
}

// details is the job as SAE describes it, its console link and the
// command line that does the same.
func (fu *followup) details(c common) []string {
	s, width := c.Theme, c.Width
	var out []string
	row := func(k, v string) {
		out = append(out, "  "+s.Label.Render(fmt.Sprintf("%-10s", k))+" "+truncate(v, width-14))
	}
	switch {
	case fu.job != nil:
		j := fu.job
		ns := ""
		if j.Template != nil {
			ns = j.Template.NamespaceId
		}
		row("Job", model.Visible(j.AppName)+pick(ns != "", " in "+model.Visible(ns), ""))
		// A webhook address is copied: its label above it, the address
		// whole on its own lines, never cut short.
		hooks := func(urls []string, where string) {
			for _, u := range urls {
				out = append(out, "  "+s.Label.Render("HTTP trigger")+s.Dim.Render(" ("+where+")"))
				for _, l := range copyableLines(model.Visible(u), width, "  ") {
					out = append(out, s.Value.Render(l))
				}
			}
		}
		hooks(j.PublicWebHookUrls, "public")
		hooks(j.VpcWebHookUrls, "inside the VPC")
	case fu.jobErr != nil:
		out = append(out, "  "+s.Dim.Render(truncate("Could not read the job back: "+readReason(fu.jobErr), width-4)))
	case fu.finished:
		out = append(out, "  "+s.Dim.Render("Reading the job back…"))
	}
	// The link and the command are long: laid out whole, never cut, so that
	// they can be copied.
	ns := ""
	if fu.job != nil && fu.job.Template != nil {
		ns = fu.job.Template.NamespaceId
	}
	out = append(out, "  "+s.Label.Render("Console")+s.Dim.Render("  the job, and its change order"))
	for _, link := range []string{jobLink(fu.region, ns, fu.res.AppId), changeOrderLink(fu.region, fu.res.ChangeOrderId)} {
		for _, l := range copyableLines(model.Visible(link), width, "  ") {
			out = append(out, s.Value.Render(l))
		}
	}
	out = append(out, "  "+s.Label.Render("Script")+s.Dim.Render(pick(c.Session.path == "", "  (s saves FILE)", "")))
	for _, l := range copyableLines("  "+submitLine(c.Session, c.Account.where(), fu.region), width, "  ") {
		out = append(out, l)
	}
	return out
}

// submitLine is the saejob submit command that sends this template as the
// wizard did: its file shell-quoted, the region, and the profile and
// endpoint when the session used them.
func submitLine(ses *Session, w *Where, region string) string {
	file := "FILE"
	if ses.path != "" {
		file = model.ShellWord(ses.path)
	}
	line := "saejob submit " + file + " --region " + model.ShellWord(orDash(region))
	if w != nil {
		if w.Profile != "" {
			line += " --profile " + model.ShellWord(w.Profile)
		}
		if w.Endpoint != "" {
			line += " --endpoint " + model.ShellWord(w.Endpoint)
		}
	}
	return line
}

// waitsFor says what a change order waiting for a person needs, and
// where, in model's words (PersonAdvice).
func waitsFor(co *ChangeOrder) string {
	state, action := co.PersonAdvice()
	if state == "" {
		return fmt.Sprintf("The change order waits for a person (%s): go on on its page in the SAE console (link below).", co.StatusText())
	}
	then := ""
	if co.Code == 11 {
		then = "; it runs once approved"
	}
	return fmt.Sprintf("The change order is %s (%s): %s (link below)%s.", state, co.StatusText(), strings.ToLower(action[:1])+action[1:], then)
}

// jobLink is the job's page in the SAE console.
func jobLink(region, namespaceID, appID string) string {
	link := "https://sae.console.aliyun.com/#/JobList/JobDetail?appId=" + url.QueryEscape(appID) + "&regionId=" + url.QueryEscape(region)
	if namespaceID != "" {
		// As the console writes it: the colon of a namespace ID is kept.
		link += "&namespaceId=" + strings.ReplaceAll(url.QueryEscape(namespaceID), "%3A", ":")
	}
	return link
}

// changeOrderLink is the change order's page in the SAE console.
func changeOrderLink(region, changeOrderID string) string {
	return "https://sae.console.aliyun.com/#/AppList/ChangeOrderDetail?changeOrderId=" + url.QueryEscape(changeOrderID) + "&regionId=" + url.QueryEscape(region)
}
