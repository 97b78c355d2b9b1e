package ui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	xansi "github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/saejob/saejob/model"
)

// RunAccessible runs the wizard as plain line prompts: one question per
// line, read from Input (a terminal, a screen reader's console or a pipe),
// no cursor movement and no colour. The steps, fields and rules are the
// same as the full-screen wizard's; huh's accessible mode is not used
// because it cannot follow fields that depend on earlier answers.
func RunAccessible(opts Options) error {
	if opts.Input == nil {
		opts.Input = os.Stdin
	}
	if opts.Output == nil {
		opts.Output = os.Stderr
	}
	m := New(opts)
	p := &prompter{m: m, in: bufio.NewReader(opts.Input), out: opts.Output}
	err := p.run()
	reason := pick(err == nil, "quit", "interrupt")
	if errors.Is(err, io.EOF) {
		// Input ran out before the user quit: a script's answers were
		// incomplete. Keep the work and fail (1), unless all is saved.
		p.say("")
		p.say("End of input.")
		err, reason = nil, "end of input"
	}
	m.exitMessage = m.finishDraft(reason)
	if reason == "quit" && m.exitCode != 1 {
		// q at the review is the normal way out; the draft says where the
		// unsaved work is.
		m.exitCode = 0
	}
	if m.exitMessage != "" {
		p.say("%s", m.exitMessage)
	}
	if err != nil {
		return err
	}
	return m.exitErr()
}

type prompter struct {
	m   *Model
	in  *bufio.Reader
	out io.Writer
}

func (p *prompter) say(format string, a ...any) {
	fmt.Fprintf(p.out, format+"\n", a...)
}

// ask prints a prompt and reads one line; io.EOF when input ends.
func (p *prompter) ask(prompt string) (string, error) {
	fmt.Fprint(p.out, prompt)
	line, err := p.in.ReadString('\n')
	if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// terminal reports whether the answers come from a terminal (so a secret
// can be read without echo).
func (p *prompter) terminal() bool {
	f, ok := p.m.opts.Input.(*os.File)
	return ok && term.IsTerminal(f.Fd()) && p.in.Buffered() == 0
}

// askHidden reads a line without echoing it.
func (p *prompter) askHidden(prompt string) (string, error) {
	fmt.Fprint(p.out, prompt)
	b, err := term.ReadPassword(p.m.opts.Input.(*os.File).Fd())
	fmt.Fprintln(p.out)
	return string(b), err
}

func (p *prompter) run() error {
	m := p.m
	p.say("saejob — build an SAE job template with plain prompts.")
	p.say("Press Enter to keep the value in [brackets], type - to clear it, ? for help on the field.")
	if c, ok := m.top().(*confirm); ok {
		// A question asked before anything else (a draft of this file).
		if err := p.confirm(c); err != nil {
			return err
		}
	}
	switch m.opts.Start {
	case StartMenu:
		if err := p.start(); err != nil {
			return err
		}
		if _, ok := m.top().(*review); !ok {
			if err := p.steps(0); err != nil {
				return err
			}
		}
	case StartSteps:
		if err := p.steps(0); err != nil {
			return err
		}
	}
	return p.review()
}

func (p *prompter) start() error {
	m := p.m
	sm := newStartMenu(m)
	p.say("")
	p.say("How do you want to start?")
	for i, it := range sm.items {
		p.say("  %d) %s — %s", i+1, it.label, it.note)
	}
	for {
		a, err := p.ask(fmt.Sprintf("Choose 1-%d [1]: ", len(sm.items)))
		if err != nil {
			return err
		}
		n := 1
		if a != "" {
			n, err = strconv.Atoi(a)
			if err != nil || n < 1 || n > len(sm.items) {
				p.say("Type a number from 1 to %d.", len(sm.items))
				continue
			}
		}
		it := sm.items[n-1]
		if strings.HasPrefix(it.label, "Open a template file") {
			path, err := p.ask("File: ")
			if err != nil {
				return err
			}
			if err := m.openFile(strings.TrimSpace(path)); err != nil {
				p.say("Could not open it: %v", err)
				continue
			}
			return nil
		}
		it.do(m)
		if m.status != "" {
			p.say("%s", m.status)
		}
		return nil
	}
}

// steps asks every step from the i-th on.
func (p *prompter) steps(from int) error {
	w := p.m.wizard
	for i := from; i < len(w.steps); i++ {
		if err := p.step(i); err != nil {
			return err
		}
	}
	return nil
}

func (p *prompter) step(i int) error {
	m := p.m
	w := m.wizard
	w.enter(m, i)
	st := w.steps[i]
	p.say("")
	p.say("Step %d of %d: %s. %s", i+1, len(w.steps), st.name, st.intro)
	for _, f := range st.fields {
		st.assign(m, w.params, i)
		if !st.shown(m, f) {
			continue
		}
		if err := p.field(f); err != nil {
			return err
		}
	}
	st.assign(m, w.params, i)
	if st.errors > 0 {
		p.say("Step %s has %s; the review lists them.", st.name, plural(st.errors, "problem"))
	} else {
		p.say("Step %s: no problems.", st.name)
	}
	return nil
}

// field asks one field until its answer is kept; an empty answer always
// moves on, so no field traps the user.
func (p *prompter) field(f *field) error {
	m := p.m
	t := m.t
	for {
		var answer string
		var err error
		switch f.kind {
		case kindNote:
			p.say("%s: %s", f.label, f.get(t))
			return nil
		case kindList:
			return p.list(f)
		case kindSelect:
			opts, cur := f.choices(t)
			if len(opts) == 1 {
				p.say("%s: %s", f.label, opts[0].Label)
				return nil
			}
			p.say("%s:", f.label)
			for i, o := range opts {
				mark := " "
				if i == cur {
					mark = "*"
				}
				p.say(" %s%d) %s", mark, i+1, o.Label)
			}
			answer, err = p.ask(fmt.Sprintf("Choose 1-%d [%d]: ", len(opts), cur+1))
			if err != nil {
				return err
			}
			if answer == "?" {
				p.say("%s", f.help)
				continue
			}
			if answer == "" {
				return nil
			}
			n, convErr := strconv.Atoi(answer)
			if convErr != nil || n < 1 || n > len(opts) {
				found := false
				for i, o := range opts {
					if strings.EqualFold(o.Value, answer) || strings.EqualFold(o.Label, answer) {
						n, found = i+1, true
					}
				}
				if !found {
					p.say("Type a number from 1 to %d.", len(opts))
					continue
				}
			}
			_ = f.set(t, opts[n-1].Value)
			m.wizard.afterChange(m, f)
		case kindMulti:
			opts := f.options(t)
			var names []string
			for _, o := range opts {
				names = append(names, o.Value)
			}
			answer, err = p.ask(fmt.Sprintf("%s (comma-separated, from %s) [%s]: ", f.label, strings.Join(names, ", "), f.get(t)))
			if err != nil {
				return err
			}
			if answer == "?" {
				p.say("%s", f.help)
				continue
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
			shown := cur
			if f.kind == kindSecret && cur != "" && !strings.HasPrefix(cur, "${") {
				shown = "set, hidden"
			}
			hint := ""
			if f.kind == kindSecret {
				hint = " (hidden as you type; ${NAME} reads it from the environment at submit time)"
				if !p.terminal() {
					hint = " (${NAME} reads it from the environment at submit time)"
				}
			}
			prompt := fmt.Sprintf("%s%s [%s]: ", f.label, hint, shown)
			if f.kind == kindSecret && p.terminal() {
				answer, err = p.askHidden(prompt)
			} else {
				answer, err = p.ask(prompt)
			}
			if err != nil {
				return err
			}
			if answer == "?" {
				p.say("%s", f.help)
				continue
			}
			if answer == "" {
				p.extra(f)
				return nil
			}
			if answer == "-" {
				answer = ""
			}
			f.local = ""
			if err := f.set(t, answer); err != nil {
				p.say("  ✗ %v", err)
				continue
			}
		}
		m.touch(f.param)
		m.changed()
		m.saveDraft()
		// Say at once what is wrong with the answer; ask again only
		// while the user types something new.
		bad := false
		for _, pr := range m.problems {
			if f.matchLen(pr.Field) >= 0 && model.FieldParam(pr.Field) == f.param {
				p.say("  %s %s", pick(pr.Severity == model.Warning, "warning:", "✗"), pr.Message)
				bad = bad || pr.Severity == model.Error
			}
		}
		if !bad {
			p.extra(f)
		}
		if !bad || f.kind == kindSelect {
			return nil
		}
	}
}

// extra says what the full-screen wizard shows under a field (a cron's
// reading and next runs), from the same function, without styles.
func (p *prompter) extra(f *field) {
	if f.extra == nil {
		return
	}
	for _, l := range f.extra(p.m) {
		p.say("  %s", xansi.Strip(l))
	}
}

// list edits a list item by item: add, edit N, remove N, done.
func (p *prompter) list(f *field) error {
	m := p.m
	l := f.list
	for {
		n := l.count(m.t)
		p.say("%s: %s.", f.label, pick(n == 0, "none", plural(n, l.noun)))
		for i := 0; i < n && i < 20; i++ {
			p.say("  %d) %s", i+1, l.line(m.t, i))
		}
		if n > 20 {
			p.say("  … %d more (e N edits any)", n-20)
		}
		a, err := p.ask("a add, e N edit, d N remove, Enter done: ")
		if err != nil {
			return err
		}
		cmd, arg, _ := strings.Cut(strings.TrimSpace(a), " ")
		idx, _ := strconv.Atoi(strings.TrimSpace(arg))
		switch cmd {
		case "":
			return nil
		case "?":
			p.say("%s", l.intro)
		case "a":
			l.add(m.t)
			m.changed()
			if err := p.item(l, l.count(m.t)-1); err != nil {
				return err
			}
		case "e":
			if idx < 1 || idx > n {
				p.say("Give the number of the item, like e 1.")
				continue
			}
			if err := p.item(l, idx-1); err != nil {
				return err
			}
		case "d":
			if idx < 1 || idx > n {
				p.say("Give the number of the item, like d 1.")
				continue
			}
			l.remove(m.t, idx-1)
			m.changed()
			m.saveDraft()
		default:
			p.say("Type a, e N, d N, or press Enter when done.")
		}
	}
}

func (p *prompter) item(l *listSpec, i int) error {
	m := p.m
	p.say("%s %d:", l.noun, i+1)
	for _, f := range l.item(i) {
		if !f.visible(m.t) {
			continue
		}
		if err := p.field(f); err != nil {
			return err
		}
	}
	if l.blank != nil && l.blank(m.t, i) {
		l.remove(m.t, i)
		m.changed()
		p.say("Nothing typed: the %s was not added.", l.noun)
	}
	return nil
}

// review prints what will be sent and every problem, then offers save,
// submit, fixing a problem, or going back to a step.
func (p *prompter) review() error {
	m := p.m
	for {
		p.say("")
		p.say("Review. What will be sent (the same as saejob preview --format json):")
		fmt.Fprint(p.out, model.VisibleLines(string(m.t.PreviewJSON(false))))
		if len(m.problems) == 0 {
			p.say("No problems: SAE should accept this job template.")
		} else {
			p.say("Problems:")
			for i, pr := range m.problems {
				p.say("  %d) %s %s", i+1, pick(pr.Severity == model.Warning, "warning", "error"), model.Visible(pr.Field+": "+pr.Message))
			}
		}
		menu := "f N fix problem N, 1-6 redo a step, s save, c aliyun command, q quit"
		if m.opts.Submitter != nil {
			menu = "f N fix problem N, 1-6 redo a step, s save, x submit, c aliyun command, q quit"
		}
		a, err := p.ask(menu + ": ")
		if err != nil {
			return err
		}
		cmd, arg, _ := strings.Cut(strings.TrimSpace(a), " ")
		switch {
		case cmd == "q":
			return nil
		case cmd == "f":
			i, _ := strconv.Atoi(strings.TrimSpace(arg))
			if i < 1 || i > len(m.problems) {
				p.say("Give the number of the problem, like f 1.")
				continue
			}
			if err := p.fix(m.problems[i-1]); err != nil {
				return err
			}
		case len(cmd) == 1 && cmd[0] >= '1' && cmd[0] <= '6':
			if err := p.step(int(cmd[0] - '1')); err != nil {
				return err
			}
		case cmd == "s":
			if err := p.save(); err != nil {
				return err
			}
		case cmd == "c":
			fmt.Fprint(p.out, model.VisibleLines(m.t.AliyunCommand(false, m.opts.Region)))
		case cmd == "x" && m.opts.Submitter != nil:
			if done, err := p.submit(); err != nil || done {
				return err
			}
		default:
			p.say("Type one of: %s.", menu)
		}
	}
}

// fix asks the field a problem points at.
func (p *prompter) fix(pr model.Problem) error {
	m := p.m
	w := m.wizard
	idx, ok := w.params[model.FieldParam(pr.Field)]
	if !ok {
		key := model.FieldParam(pr.Field)
		s := model.Suggest(key, model.ParamNames())
		if s != "" && m.t.MoveRaw(key, s) {
			m.changed()
			p.say("Moved %s's value to %s; check it.", model.Visible(key), s)
		} else {
			was, _ := m.t.RawText(key)
			m.t.DropRaw(key)
			m.t.LoadProblems = removeProblem(m.t.LoadProblems, pr)
			m.changed()
			if s == "" {
				p.say("Dropped %s: %s (not a CreateJob parameter).", model.Visible(key), model.Visible(was))
				return nil
			}
			p.say("Dropped %s: %s (not a CreateJob parameter); set %s instead.", model.Visible(key), model.Visible(was), s)
		}
		pr = model.Problem{Field: s}
		idx = w.params[s]
	}
	st := w.steps[idx]
	var best *field
	bestLen := -1
	for _, f := range st.fields {
		if n := f.matchLen(pr.Field); n > bestLen {
			best, bestLen = f, n
		}
	}
	if best == nil {
		return p.step(idx)
	}
	if pr.Message != "" {
		p.say("%s", pr.Message)
	}
	if best.kind == kindList {
		if i, _, ok := listIndex(pr.Field, best.list.prefix()); ok && i < best.list.count(m.t) {
			return p.item(best.list, i)
		}
	}
	return p.field(best)
}

func (p *prompter) save() error {
	m := p.m
	def := m.path
	if def == "" {
		def = pick(m.t.AppName != "", m.t.AppName, "job") + ".yaml"
	}
	path, err := p.ask(fmt.Sprintf("Save to [%s]: ", def))
	if err != nil {
		return err
	}
	if path == "" {
		path = def
	}
	if _, err := model.FormatFor(path); err != nil {
		p.say("%v", err)
		return nil
	}
	if !samePath(path, m.path) {
		if _, err := os.Stat(path); err == nil {
			a, err := p.ask(path + " exists. Overwrite it? (y/N): ")
			if err != nil {
				return err
			}
			if !strings.EqualFold(a, "y") {
				p.say("Not saved.")
				return nil
			}
		}
	}
	withSecrets := false
	file := m.t
	if m.t.HasClearSecrets() {
		env := "${" + secretEnvName("OssAkSecret") + "}"
		a, err := p.ask("OssAkSecret holds a clear secret. e: write " + env + " instead, k: keep it in the file, l: leave it out [e]: ")
		if err != nil {
			return err
		}
		switch strings.ToLower(a) {
		case "k":
			withSecrets = true
		case "l":
		default:
			// The file refers to the variable; the session keeps the
			// typed secret for submitting.
			c := *m.t
			c.OssAkSecret = env
			file = &c
		}
	}
	if err := model.Save(path, file, model.SaveOptions{WithSecrets: withSecrets}); err != nil {
		p.say("Not saved: %v", err)
		return nil
	}
	m.path = path
	m.savedGen = m.gen
	m.dropDraft()
	p.say("Saved to %s.", path)
	return nil
}

// submit asks, sends and reports; done is true after a success.
func (p *prompter) submit() (bool, error) {
	m := p.m
	if errs := m.problems.Errors(); len(errs) > 0 {
		p.say("Fix the %s first (f N).", plural(len(errs), "problem"))
		return false, nil
	}
	target := "SAE"
	if t, ok := m.opts.Submitter.(Targeter); ok {
		target = t.Target()
	}
	a, err := p.ask(fmt.Sprintf("Send CreateJob for %s to %s? (y/N): ", model.Visible(m.t.AppName), model.Visible(target)))
	if err != nil {
		return false, err
	}
	if !strings.EqualFold(a, "y") {
		return false, nil
	}
	p.say("Sending…")
	res, err := m.opts.Submitter.Submit(context.Background(), m.t)
	if err == nil {
		p.say("Job template created.")
		p.say("AppId: %s", model.Visible(res.AppId))
		p.say("ChangeOrderId: %s", model.Visible(res.ChangeOrderId))
		p.say("RequestId: %s", model.Visible(res.RequestId))
		if res.TraceId != "" {
			p.say("TraceId: %s", model.Visible(res.TraceId))
		}
		if m.gen != m.savedGen {
			p.say("The template is not saved to a file yet; s saves it.")
			return false, nil
		}
		return true, nil
	}
	m.saveDraftReason("failed submit")
	r := newResult(m, submitDoneMsg{err: err})
	var se *SubmitError
	if errors.As(err, &se) {
		switch {
		case se.Local:
			// saejob refused before sending: not SAE's answer.
			p.say("Not sent: %s", model.VisibleLines(se.Message))
		case se.Ambiguous:
			p.say("%s", model.VisibleLines(se.Message))
		default:
			p.say("SAE refused the job: %s: %s", model.Visible(se.Code), model.VisibleLines(se.Message))
		}
		if !se.Local && !se.Ambiguous {
			if c, ok := model.Explain(se.Code); ok {
				p.say("%s %s", pick(se.Explanation != "", se.Explanation, c.Meaning), c.Fix)
			} else if se.Explanation != "" {
				p.say("%s", se.Explanation)
			}
		}
		if se.Ambiguous {
			if !strings.Contains(se.Message, "before checking") {
				p.say("The job may exist already: check the SAE console before sending again.")
			}
			return false, nil
		}
	} else {
		p.say("Not sent: %s", model.VisibleLines(err.Error()))
	}
	if r.field != "" {
		a, err := p.ask("Fix " + r.field + " now? (Y/n): ")
		if err != nil {
			return false, err
		}
		if !strings.EqualFold(a, "n") {
			return false, p.fix(model.Problem{Field: r.field})
		}
	}
	return false, nil
}

// confirm asks a confirm screen's question as a plain prompt; Enter takes
// its first answer.
func (p *prompter) confirm(c *confirm) error {
	m := p.m
	p.say("")
	p.say("%s", model.Visible(c.title))
	p.say("%s", model.VisibleLines(c.question))
	var keys []string
	for _, ch := range c.choices {
		p.say("  %s) %s", ch.key, ch.label)
		keys = append(keys, ch.key)
	}
	for {
		a, err := p.ask(fmt.Sprintf("Choose %s [%s]: ", strings.Join(keys, "/"), keys[0]))
		if err != nil {
			return err
		}
		a = strings.TrimSpace(a)
		if a == "" {
			a = keys[0]
		}
		for _, ch := range c.choices {
			if strings.EqualFold(a, ch.key) {
				m.pop()
				ch.do(m)
				if m.status != "" {
					p.say("%s", m.status)
				}
				return nil
			}
		}
		p.say("Type one of %s.", strings.Join(keys, ", "))
	}
}
