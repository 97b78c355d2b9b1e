package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"

	xansi "github.com/charmbracelet/x/ansi"
	"github.com/saejob/saejob/model"
)

// RunAccessible runs the wizard as plain line prompts: one question per
// line, read from Input (a terminal, a screen reader's console or a pipe),
// no cursor movement and no colour. The steps, fields and rules are the
// same as the full-screen wizard's. At a terminal each question is one of
// huh's accessible prompts; huh's forms are not used because they cannot
// follow fields that depend on earlier answers (newPrompter).
func RunAccessible(opts Options) error {
	if opts.Input == nil {
		opts.Input = os.Stdin
	}
	if opts.Output == nil {
		opts.Output = os.Stderr
	}
	// As the full-screen wizard (Run): an interrupt, terminate or hang-up
	// keeps the draft, releases its lock and ends with 128+signal.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	return runPlainSignals(opts, newPrompter(opts.Input, opts.Output, inputIsTerminal), sigs)
}

// runPlain runs the plain-prompt mode, asking through p.
func runPlain(opts Options, p Prompter) error { return runPlainSignals(opts, p, nil) }

// runPlainSignals runs the plain-prompt mode, asking through p, and ends it
// on a signal from sigs. The questions are asked on their own goroutine;
// it holds the view's lock except while it waits for an answer, so a
// signal ends the session only between two pieces of work (never in the
// middle of writing a file), or stops the wait for a change order.
func runPlainSignals(opts Options, p Prompter, sigs <-chan os.Signal) error {
	m := New(opts)
	v := &plainView{m: m, s: m.Session, out: opts.Output}
	v.p = lockedPrompter{p: p, mu: &v.mu}
	done := make(chan error, 1)
	go func() {
		v.mu.Lock()
		defer v.mu.Unlock()
		done <- v.run()
	}()
	var err error
	reason := ""
wait:
	for {
		select {
		case err = <-done:
			reason = pick(err == nil, "quit", "interrupt")
			break wait
		case sig := <-sigs:
			if v.stopFollowing() && sig == os.Interrupt {
				continue // Ctrl-C while following: stop waiting only
			}
			v.mu.Lock() // the questions wait for an answer now
			v.say("")
			reason = signalName(sig)
			break wait
		}
	}
	if errors.Is(err, io.EOF) {
		// Input ran out before the user quit: a script's answers were
		// incomplete. Keep the work and fail (1), unless it was saved or
		// submitted.
		v.say("")
		err, reason = nil, "end of input"
	}
	m.exitMessage = m.finishDraft(reason)
	if reason == "quit" && m.exitCode != 1 {
		// q at the review is the normal way out; the draft says where the
		// unsaved work is.
		m.exitCode = 0
	}
	if m.exitMessage != "" {
		v.say("%s", m.exitMessage)
	}
	if err != nil {
		return err
	}
	return m.exitErr()
}

// lockedPrompter releases the plain view's lock while it waits for an
// answer: the only time a signal may end the session.
type lockedPrompter struct {
	p  Prompter
	mu *sync.Mutex
}

func (l lockedPrompter) Select(prompt string, def int, options []string) (int, error) {
	l.mu.Unlock()
	defer l.mu.Lock()
	return l.p.Select(prompt, def, options)
}

func (l lockedPrompter) Input(prompt, def string) (string, error) {
	l.mu.Unlock()
	defer l.mu.Lock()
	return l.p.Input(prompt, def)
}

func (l lockedPrompter) Password(prompt string) (string, error) {
	l.mu.Unlock()
	defer l.mu.Lock()
	return l.p.Password(prompt)
}

func (l lockedPrompter) Confirm(prompt string, def bool) (bool, error) {
	l.mu.Unlock()
	defer l.mu.Lock()
	return l.p.Confirm(prompt, def)
}

// stopFollowing stops the wait for a change order, if one is going on;
// it reports whether one was.
func (v *plainView) stopFollowing() bool {
	v.followMu.Lock()
	defer v.followMu.Unlock()
	if v.following == nil {
		return false
	}
	v.following()
	v.following = nil
	return true
}

// plainView is the plain-prompt front-end: a view over the Session that
// asks through a Prompter. It borrows the wizard's steps and fields (their
// labels, values and help), and does every change, save and submit through
// the session.
type plainView struct {
	m   *Model // the shared step and field definitions
	s   *Session
	p   Prompter
	out io.Writer
	// mu is held by the questions' goroutine except while it waits for
	// an answer (lockedPrompter).
	mu sync.Mutex
	// following stops the wait for a change order (nil when none).
	followMu  sync.Mutex
	following context.CancelFunc
}

// say prints one message; any control character in it (a file name, a
// value, a server's text) is shown escaped, never sent to the terminal.
func (v *plainView) say(format string, a ...any) {
	fmt.Fprintln(v.out, model.VisibleLines(fmt.Sprintf(format, a...)))
}

func (v *plainView) run() error {
	m := v.m
	v.say("saejob — build an SAE job template with plain prompts.")
	v.say("Press Enter to keep the value in [brackets], type - to clear it, ? for help on the field.")
	if c, ok := m.top().(*confirm); ok {
		// A question asked before anything else (a draft of this file).
		if err := v.confirm(c); err != nil {
			return err
		}
	}
	switch m.opts.Start {
	case StartMenu:
		if err := v.start(); err != nil {
			return err
		}
		if _, ok := m.top().(*review); !ok {
			if err := v.steps(0); err != nil {
				return err
			}
		}
	case StartSteps:
		if err := v.steps(0); err != nil {
			return err
		}
	}
	return v.review()
}

// start offers the welcome screen's choices: the same items, chosen by
// number.
func (v *plainView) start() error {
	m := v.m
	sm := newStartMenu(m)
	var labels []string
	for _, it := range sm.items {
		labels = append(labels, it.label+" — "+it.note)
	}
	v.say("")
	for {
		n, err := v.p.Select("How do you want to start?", 0, labels)
		if errors.Is(err, ErrHelp) {
			v.say("Choose a number; Enter starts a new job template from the console's defaults.")
			continue
		}
		if err != nil {
			return err
		}
		it := sm.items[n]
		if it.label == accountJobsLabel {
			// The wizard's list loads in the background; here the read
			// is waited for (plain_account.go).
			imported, err := v.accountJobs()
			if err != nil {
				return err
			}
			if imported {
				m.stack = []screen{m.wizard}
				m.push(newReview(m))
			} else {
				m.startNew()
			}
			return nil
		}
		sm.open = nil
		it.do(m)
		if sm.open != nil {
			// The item that opens a file: ask which.
			path, err := v.p.Input("File", "")
			if err != nil {
				return err
			}
			if err := m.openFile(strings.TrimSpace(path)); err != nil {
				v.say("Could not open it: %s", model.VisibleLines(err.Error()))
				continue
			}
			return nil
		}
		if m.status != "" {
			v.say("%s", m.status)
		}
		return nil
	}
}

// steps asks every step from the i-th on.
func (v *plainView) steps(from int) error {
	for i := from; i < len(v.s.Steps()); i++ {
		if err := v.step(i); err != nil {
			return err
		}
	}
	return nil
}

func (v *plainView) step(i int) error {
	m := v.m
	w := m.wizard
	w.enter(m, i)
	v.s.At(i)
	st := w.steps[i]
	v.say("")
	v.say("Step %d of %d: %s. %s", i+1, len(v.s.Steps()), v.s.Steps()[i], st.intro)
	for _, f := range st.fields {
		st.assign(m, w.params, i)
		if !st.applies(m, f) || f.kind == kindFold || f.kind == kindNote { // no fold here: every field that applies is asked
			continue
		}
		if err := v.field(f); err != nil {
			return err
		}
	}
	st.assign(m, w.params, i)
	if st.errors > 0 {
		v.say("Step %s has %s; the review lists them.", st.name, plural(st.errors, "problem"))
	} else {
		v.say("Step %s: no problems.", st.name)
	}
	return nil
}

// field asks one field until its answer is kept; an empty answer always
// moves on, so no field traps the user.
func (v *plainView) field(f *field) error {
	t := v.s.t
	v.s.Visit(f.param)
	for {
		var answer string
		var err error
		switch f.kind {
		case kindNote:
			v.say("%s: %s", f.label, f.get(t))
			return nil
		case kindList:
			return v.list(f)
		case kindSelect:
			opts, cur := f.choices(t)
			if len(opts) == 1 {
				v.say("%s: %s", f.label, opts[0].Label)
				return nil
			}
			labels := make([]string, len(opts))
			for i, o := range opts {
				labels[i] = o.Label
			}
			n, err := v.p.Select(f.label+v.defaultNote(f), cur, labels)
			if errors.Is(err, ErrHelp) {
				v.say("%s", f.help)
				continue
			}
			if err != nil {
				return err
			}
			if n == cur {
				return nil
			}
			_ = f.set(t, opts[n].Value)
			t.DropRaw(f.param)
		case kindMulti:
			opts := f.options(t)
			var names []string
			for _, o := range opts {
				names = append(names, o.Value)
			}
			answer, err = v.p.Input(fmt.Sprintf("%s (comma-separated, from %s)", f.label, strings.Join(names, ", ")), f.get(t))
			if errors.Is(err, ErrHelp) {
				v.say("%s", f.help)
				continue
			}
			if err != nil {
				return err
			}
			if answer == "" {
				return nil
			}
			if answer == "-" {
				answer = ""
			}
			var vals []string
			for _, v := range strings.Split(answer, ",") {
				if v = strings.ToUpper(strings.TrimSpace(v)); v != "" {
					vals = append(vals, v)
				}
			}
			_ = f.set(t, strings.Join(vals, ","))
		default:
			cur := f.get(t)
			if f.kind == kindSecret {
				shown := cur
				if cur != "" && !strings.HasPrefix(cur, "${") {
					shown = "set, hidden"
				}
				answer, err = v.p.Password(fmt.Sprintf("%s (${NAME} reads it from the environment at submit time) [%s]", f.label, shown))
			} else {
				answer, err = v.p.Input(f.label+v.defaultNote(f), cur)
			}
			if errors.Is(err, ErrHelp) {
				v.say("%s", f.help)
				continue
			}
			if err != nil {
				return err
			}
			if answer == "" {
				v.extra(f)
				return nil
			}
			if answer == "-" {
				answer = ""
			}
			f.local = ""
			if err := f.set(t, answer); err != nil {
				v.say("  ✗ %v", err)
				continue
			}
		}
		if err := v.applied(f); err != nil {
			return err
		}
		// Say at once what is wrong with the answer; ask again only
		// while the user types something new.
		bad := false
		for _, pr := range v.s.Problems() {
			if f.matchLen(pr.Field) >= 0 && pr.Param() == f.param {
				v.say("  %s %s", pick(pr.Severity == model.Warning, "warning:", "✗"), pr.Message)
				bad = bad || pr.Severity == model.Error
			}
		}
		if !bad {
			v.extra(f)
		}
		if !bad || f.kind == kindSelect {
			return nil
		}
	}
}

// defaultNote marks a value the console starts with, which the user may
// change.
func (v *plainView) defaultNote(f *field) string {
	if v.s.IsDefault(f.param) {
		return " (default)"
	}
	return ""
}

// applied tells the session the field changed, says what followed from it,
// and offers to undo fields it cleared.
func (v *plainView) applied(f *field) error {
	c := v.s.Applied(f.param)
	v.s.SaveDraft("")
	for _, n := range c.Notes {
		v.say("  %s.", n)
	}
	if c.Undo == "" {
		return nil
	}
	undo, err := v.p.Confirm(c.Undo+". Undo", false)
	if err != nil {
		return err
	}
	if undo {
		if msg, ok := v.s.Undo(); ok {
			v.s.SaveDraft("")
			v.say("  %s.", msg)
		}
	}
	return nil
}

// extra says what the full-screen wizard shows under a field (a cron's
// reading and next runs), from the same function, without styles.
func (v *plainView) extra(f *field) {
	if f.extra == nil {
		return
	}
	for _, l := range f.extra(v.m) {
		v.say("  %s", xansi.Strip(l))
	}
}

// list edits a list item by item: add, edit N, remove N, done.
func (v *plainView) list(f *field) error {
	t := v.s.t
	l := f.list
	for {
		if text, ok := f.rawText(t); ok {
			// A value the file wrote that is no list saejob can read:
			// shown and edited as its text, replaced only on purpose
			// (as the wizard's list screen does).
			done, err := v.rawList(f, text)
			if err != nil || done {
				return err
			}
			continue
		}
		n := l.count(t)
		v.say("%s: %s.", f.label, pick(n == 0, "none", plural(n, l.noun)))
		for i := 0; i < n && i < 20; i++ {
			v.say("  %d) %s", i+1, l.line(t, i))
		}
		if n > 20 {
			v.say("  … %d more (e N edits any)", n-20)
		}
		a, err := v.p.Input("a add, e N edit, d N remove, Enter done", "")
		if errors.Is(err, ErrHelp) {
			v.say("%s", l.intro)
			continue
		}
		if err != nil {
			return err
		}
		cmd, arg, _ := strings.Cut(strings.TrimSpace(a), " ")
		idx, _ := strconv.Atoi(strings.TrimSpace(arg))
		switch cmd {
		case "":
			return nil
		case "a":
			l.add(t)
			v.s.Changed()
			if err := v.item(l, l.count(t)-1); err != nil {
				return err
			}
		case "e":
			if idx < 1 || idx > n {
				v.say("Give the number of the item, like e 1.")
				continue
			}
			if err := v.item(l, idx-1); err != nil {
				return err
			}
		case "d":
			if idx < 1 || idx > n {
				v.say("Give the number of the item, like d 1.")
				continue
			}
			l.remove(t, idx-1)
			v.s.Applied(l.param)
			v.s.SaveDraft("")
		default:
			v.say("Type a, e N, d N, or press Enter when done.")
		}
	}
}

// rawList shows a list's text as the file wrote it, with its problems,
// and asks for a corrected text or a fresh list; done is true when the
// user keeps the text as it is.
func (v *plainView) rawList(f *field, text string) (done bool, err error) {
	t := v.s.t
	v.say("%s: kept as the file wrote it (saejob cannot read it as a list; it is saved back unchanged):", f.label)
	v.say("  %s", model.Visible(text))
	for _, pr := range v.s.Problems() {
		if pr.Param() == f.param {
			v.say("  ✗ %s", model.Visible(pr.Message))
		}
	}
	a, err := v.p.Input("Type the corrected text, n starts a fresh list (the text is dropped), Enter keeps it", "")
	if errors.Is(err, ErrHelp) {
		v.say("%s", f.list.intro)
		return false, nil
	}
	if err != nil {
		return false, err
	}
	switch strings.TrimSpace(a) {
	case "":
		return true, nil
	case "n":
		t.DropRaw(f.param)
		v.s.Applied(f.param)
		v.s.SaveDraft("")
		v.say("Started a fresh list: the text as written is gone.")
		return false, nil
	}
	t.SetRawText(f.param, a)
	v.s.Applied(f.param)
	v.s.SaveDraft("")
	if _, still := f.rawText(t); !still {
		n := f.list.count(t)
		v.say("%s read: %s.", f.label, pick(n == 0, "empty", plural(n, f.list.noun)))
	}
	return false, nil
}

func (v *plainView) item(l *listSpec, i int) error {
	t := v.s.t
	v.say("%s %d:", l.noun, i+1)
	for _, f := range l.item(i) {
		if !f.visible(t) {
			continue
		}
		if err := v.field(f); err != nil {
			return err
		}
	}
	if l.blank != nil && l.blank(t, i) {
		l.remove(t, i)
		v.s.Changed()
		v.say("Nothing typed: the %s was not added.", l.noun)
	}
	return nil
}

// review prints what will be sent and every problem, then offers save,
// submit, fixing a problem, or going back to a step.
func (v *plainView) review() error {
	s := v.s
	n := len(s.Steps())
	saidWhere := false
	// show is false after an answer that changed nothing (help, Enter, a
	// typo): only the question is asked again, not the whole review.
	show := true
	for {
		s.At(-1)
		problems := s.Problems()
		if show {
			v.showReview(problems, &saidWhere)
		}
		show = true
		menu := fmt.Sprintf("f N fix problem N, 1-%d redo a step, s save, c aliyun command, q quit", n)
		if s.submitter != nil {
			menu = fmt.Sprintf("f N fix problem N, 1-%d redo a step, s save, x submit, c aliyun command, q quit", n)
		}
		a, err := v.p.Input(menu, "")
		if errors.Is(err, ErrHelp) {
			v.say("Type one of: %s.", menu)
			show = false
			continue
		}
		if err != nil {
			return err
		}
		cmd, arg, _ := strings.Cut(strings.TrimSpace(a), " ")
		step, stepErr := strconv.Atoi(cmd)
		switch {
		case cmd == "q":
			return nil
		case cmd == "f":
			i, _ := strconv.Atoi(strings.TrimSpace(arg))
			if i < 1 || i > len(problems) {
				v.say("Give the number of the problem, like f 1.")
				show = false
				continue
			}
			if err := v.fix(problems[i-1]); err != nil {
				return err
			}
		case stepErr == nil && step >= 1 && step <= n:
			if err := v.step(step - 1); err != nil {
				return err
			}
		case cmd == "s":
			if err := v.save(); err != nil {
				return err
			}
			show = false
		case cmd == "c":
			fmt.Fprint(v.out, model.VisibleLines(s.t.AliyunCommand(false, v.m.opts.Region)))
			show = false
		case cmd == "x" && s.submitter != nil:
			if done, err := v.submit(); err != nil || done {
				return err
			}
		default:
			v.say("Type one of: %s.", menu)
			show = false
		}
	}
}

// showReview prints what will be sent and the problems, numbered for f N.
func (v *plainView) showReview(problems model.Problems, saidWhere *bool) {
	s := v.s
	v.say("")
	v.say("Review. What will be sent (the same as saejob preview --format json):")
	if s.submitter != nil && !*saidWhere {
		v.say("%s", v.whereLine())
		*saidWhere = true
	}
	fmt.Fprint(v.out, model.VisibleLines(string(s.t.PreviewJSON(false))))
	if len(problems) == 0 {
		v.say("No problems: SAE should accept this job template.")
		return
	}
	v.say("Problems:")
	for i, pr := range problems {
		where := ""
		if loc, ok := s.Locate(pr); ok {
			where = " (step " + loc.StepName + ")"
		}
		v.say("  %d) %s %s%s", i+1, pick(pr.Severity == model.Warning, "warning", "error"), model.Visible(pr.Field+": "+pr.Message), where)
	}
}

// fix asks the field a problem points at (see Session.Locate).
func (v *plainView) fix(pr model.Problem) error {
	s := v.s
	w := v.m.wizard
	loc, ok := s.Locate(pr)
	if !ok {
		note, moved := s.MoveUnknown(pr)
		v.say("%s", note)
		if moved == "" {
			return nil
		}
		pr = model.Problem{Field: moved}
		if loc, ok = s.Locate(pr); !ok {
			return nil
		}
	}
	st := w.steps[loc.Step]
	best := fieldFor(st.fields, pr)
	if best == nil {
		return v.step(loc.Step)
	}
	if pr.Message != "" {
		v.say("%s", pr.Message)
	}
	if best.kind == kindList && loc.Item >= 0 && loc.Item < best.list.count(s.t) {
		return v.item(best.list, loc.Item)
	}
	return v.field(best)
}

// save asks where, and how a clear secret is written, and saves through
// the session.
func (v *plainView) save() error {
	s := v.s
	def := s.DefaultSavePath()
	path, err := v.p.Input("Save to", def)
	if errors.Is(err, ErrHelp) {
		v.say("A .yaml or .json file with the API parameter names as keys.")
		return nil
	}
	if err != nil {
		return err
	}
	if path == "" {
		path = def
	}
	if _, err := model.FormatFor(path); err != nil {
		v.say("%v", err)
		return nil
	}
	if !samePath(path, s.path) {
		if _, err := os.Stat(path); err == nil {
			ok, err := v.p.Confirm(path+" exists. Overwrite it?", false)
			if err != nil {
				return err
			}
			if !ok {
				v.say("Not saved.")
				return nil
			}
		}
	}
	policy := SecretLeaveOut
	if s.SecretChoiceNeeded() {
		params, envs := s.SecretNames()
		policies := []SecretPolicy{SecretAsEnv, SecretKeep, SecretLeaveOut}
		for {
			n, err := v.p.Select(strings.Join(params, ", ")+" holds a clear secret. How should the file refer to it?", 0, []string{
				"write ${" + strings.Join(envs, "}, ${") + "} instead (export it before submitting)",
				"keep it in the file (mode 0600)",
				"leave it out of the file",
			})
			if errors.Is(err, ErrHelp) {
				// "?" is a question, never an answer.
				v.say("Secrets are never written to a file unless you ask. A ${NAME} reference is read from the environment when you submit; keeping it writes the secret in clear, readable by you only; leaving it out means typing it again before submitting.")
				continue
			}
			if err != nil {
				return err
			}
			policy = policies[n]
			break
		}
	}
	if err := s.Save(path, policy); err != nil {
		v.say("Not saved: %s", model.VisibleLines(err.Error()))
		return nil
	}
	v.say("Saved to %s.", model.Visible(path))
	return nil
}

// submit asks, sends through the session and reports; done is true after a
// success with the work saved.
func (v *plainView) submit() (bool, error) {
	s := v.s
	if errs := s.Problems().Errors(); len(errs) > 0 {
		v.say("Fix the %s first (f N).", plural(len(errs), "problem"))
		return false, nil
	}
	if stop, err := v.checkBeforeConfirm(); stop || err != nil {
		return false, err
	}
	name := model.Visible(s.t.AppName)
	question := fmt.Sprintf("Send CreateJob for %s to %s?", name, model.Visible(s.Target()))
	if title, text := s.AlreadyCreated(); title != "" {
		// Never create twice: say what this session created first.
		v.say("%s. %s", title, text)
		question = "Send CreateJob again anyway (a second job)?"
	} else if warn := s.ResendWarning(v.m.opts.Account != nil); warn != "" {
		v.say("%s", warn)
		v.listSameName()
		question = "The last try may have created " + name + ". Send CreateJob again anyway?"
	}
	ok, err := v.p.Confirm(question, false)
	if err != nil || !ok {
		return false, err
	}
	v.say("Sending…")
	o := s.Submit(context.Background(), v.m.region())
	switch o.Status {
	case model.OutcomeCreated:
		v.say("Job template created.")
		v.say("AppId: %s", model.Visible(o.AppId))
		v.say("ChangeOrderId: %s", model.Visible(o.ChangeOrderId))
		v.say("RequestId: %s", model.Visible(o.RequestId))
		if o.TraceId != "" {
			v.say("TraceId: %s", model.Visible(o.TraceId))
		}
		ctx, cancel := context.WithCancel(context.Background())
		v.followMu.Lock()
		v.following = cancel
		v.followMu.Unlock()
		v.follow(ctx, o)
		v.stopFollowing()
		if s.Unsaved() {
			v.say("The template is not saved to a file yet; s saves it.")
			return false, nil
		}
		return true, nil
	case model.OutcomeStopped:
		// saejob refused before sending: not SAE's answer.
		v.say("Not sent: %s", model.VisibleLines(o.Message))
		if more := o.Advice(); more != "" {
			v.say("%s", model.VisibleLines(more))
		}
	case model.OutcomeMayExist:
		v.say("%s", model.VisibleLines(o.Message))
		if o.CheckAdvice == "" {
			v.say("The job may exist already: check the SAE console before sending again.")
		}
		return false, nil
	case model.OutcomeRefused:
		v.say("SAE refused the job: %s: %s", model.Visible(o.Code), model.VisibleLines(o.Message))
		if c, ok := model.Explain(o.Code); ok {
			v.say("%s %s", pick(o.Explanation != "", o.Explanation, c.Meaning), c.Fix)
		} else if o.Explanation != "" {
			v.say("%s", o.Explanation)
		}
	default:
		v.say("Not sent: %s", model.VisibleLines(o.Message))
		if o.Explanation != "" {
			v.say("%s", model.VisibleLines(o.Explanation))
		}
	}
	if f := o.FaultField(); f != "" {
		fix, err := v.p.Confirm("Fix "+f+" now?", true)
		if err != nil {
			return false, err
		}
		if fix {
			return false, v.fix(model.Problem{Field: f})
		}
	}
	return false, nil
}

// confirm asks a confirm screen's question as a plain choice; Enter takes
// its first answer.
func (v *plainView) confirm(c *confirm) error {
	m := v.m
	v.say("")
	v.say("%s", model.Visible(c.title))
	v.say("%s", model.VisibleLines(c.question))
	labels := make([]string, len(c.choices))
	for i, ch := range c.choices {
		labels[i] = ch.label
	}
	for {
		n, err := v.p.Select("Choose", 0, labels)
		if errors.Is(err, ErrHelp) {
			v.say("Answer with the number of a choice.")
			continue
		}
		if err != nil {
			return err
		}
		m.pop()
		c.choices[n].do(m)
		if m.status != "" {
			v.say("%s", m.status)
		}
		return nil
	}
}
