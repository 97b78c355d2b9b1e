package ui

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/saejob/saejob/model"
)

// Session is one job template being edited, whatever draws it: the
// full-screen wizard and the plain prompts are both views over it. It holds
// the template, its problems, which fields the user has visited, the one
// level of undo, the file it is saved to, the draft, and the way to submit.
// It knows no Bubble Tea type: everything it offers is a plain call.
type Session struct {
	t        *model.Template
	problems model.Problems
	// target is the region a submit would go to; a namespace of another
	// region is then a problem like any other.
	target   string
	gen      int // bumps on every change of the template
	savedGen int // gen when last saved to a file (or loaded from it)
	path     string

	layout Layout

	// visited are the parameters whose problems are shown where the field
	// is; allVisited says a loaded template shows every problem.
	visited    map[string]bool
	allVisited bool
	// shown bumps whenever what a field shows may change: a change of the
	// template, or a field visited.
	shown int
	// defaults are the console's starting values the session put in, by
	// parameter: shown as defaults until the user sets the parameter.
	defaults map[string]string
	// snap is the template as of the last change, the state an undo
	// returns to; undo is the one change that can be undone.
	snap model.Template
	undo *undoRecord

	secretAsRef bool // the user chose files to say ${NAME} for a clear secret
	savedHere   bool // this session saved the work to a file
	// source is the text of the file the template was loaded from (at
	// sourcePath): a save under a new name starts from it.
	source     []byte
	sourcePath string

	// serverProblem is SAE's last refusal, shown at its field until the
	// value it refused changes.
	serverProblem *model.Problem
	serverValue   string

	// created is the last job template this session created, in
	// createdRegion; mayExist is the last submit whose answer was uncertain
	// (the job may exist). A second submit says so first (never create
	// twice), until the user says to send again anyway (resendAsked).
	created       *model.SubmitOutcome
	createdRegion string
	resendAsked   bool
	mayExist      *model.SubmitOutcome

	submitter Submitter
	drafts    *DraftStore
	now       func() time.Time
	// at is where the user is, for the draft: a step index, or -1 for the
	// review.
	at          int
	draftKey    string // the draft this session writes; "" until it writes one
	draftToken  string // this session's mark in the draft locks
	draftNote   string // why this session works on a copy of a draft
	draftSaved  time.Time
	draftErr    string
	exitCode    int // set when the session ends: see finishDraft
	exitMessage string
}

// Layout says where each parameter is asked: the steps both front-ends
// show, in order, and the step of each parameter.
type Layout struct {
	Steps  []string
	Params map[string]int
}

// Location is where a problem lives: the step, the parameter (the field),
// the problem's own path, and the list item (-1 when not in a list).
type Location struct {
	Step     int
	StepName string
	Param    string
	Path     string
	Item     int
}

// Change reports what an applied value did beyond itself: values set to
// keep the template coherent (Notes) and fields cleared because they no
// longer apply (Cleared), which Undo restores.
type Change struct {
	Notes   []string
	Cleared []string
	// Undo says what Undo would bring back ("Cleared Jdk (it does not
	// apply to python)"), "" when nothing; the front-end adds its own way
	// to undo.
	Undo string
}

// undoRecord is the change one Undo reverts: the template before it.
type undoRecord struct {
	param   string
	gen     int // the session's gen right after the change
	before  model.Template
	cleared []string
	why     string
}

// SecretPolicy is how a saved file treats a secret the template holds in
// clear.
type SecretPolicy int

// Secret policies.
const (
	// SecretLeaveOut writes no value for the secret (the default: secrets
	// are never written unless asked).
	SecretLeaveOut SecretPolicy = iota
	// SecretAsEnv writes ${NAME} in the file; the session keeps the typed
	// secret, so submitting from here still works.
	SecretAsEnv
	// SecretKeep writes the secret in clear, in a file of mode 0600.
	SecretKeep
)

// Console defaults: the values the SAE console starts a job from.
const (
	defaultReplicas = 1
	defaultCpu      = 1000
	defaultJdk      = "Open JDK 8"
)

// newSession starts a session on t (nil: a new template from the console's
// defaults). A template given is a loaded one: every field counts as
// visited.
func newSession(t *model.Template, opts Options) *Session {
	s := &Session{
		path:       opts.Path,
		submitter:  opts.Submitter,
		drafts:     opts.Drafts,
		now:        opts.Now,
		draftToken: randomHex(8),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if t == nil {
		s.New()
	} else {
		s.Reset(t)
		s.setSource(opts.Path)
	}
	return s
}

// setSource keeps the text of the file at path, the template's origin;
// nothing when it cannot be read.
func (s *Session) setSource(path string) {
	s.source, s.sourcePath = nil, ""
	if path == "" {
		return
	}
	if data, err := os.ReadFile(path); err == nil {
		s.source, s.sourcePath = data, path
	}
}

// NewTemplate is a new template as the SAE console starts one: 1 replica,
// 1 core with 2 GiB; a JDK follows once Java is chosen.
func NewTemplate() *model.Template {
	return &model.Template{
		Replicas: model.Ptr(defaultReplicas),
		Cpu:      model.Ptr(defaultCpu),
		Memory:   model.Ptr(model.DefaultMemory(defaultCpu)),
	}
}

// New starts a new template from the console's defaults; no field is
// visited yet.
func (s *Session) New() {
	s.Reset(NewTemplate())
	s.allVisited = false
	for _, p := range []string{"Replicas", "Cpu", "Memory"} {
		s.defaults[p], _ = s.t.WireValue(p)
	}
}

// Reset replaces the template with a loaded one (a file, a draft, an
// example): every field counts as visited, so all its problems show.
func (s *Session) Reset(t *model.Template) {
	s.t = t
	s.source, s.sourcePath = nil, ""
	s.serverProblem = nil
	s.visited = map[string]bool{}
	s.allVisited = true
	s.defaults = map[string]string{}
	s.undo = nil
	s.validate()
	s.gen++
	s.shown++
	s.savedGen = s.gen
	s.snap = *t
}

// Template is the template being edited.
func (s *Session) Template() *model.Template { return s.t }

// Problems are the template's problems (with SAE's last refusal first).
func (s *Session) Problems() model.Problems { return s.problems }

// Unsaved reports whether the template changed since it was last saved or
// loaded.
func (s *Session) Unsaved() bool { return s.gen != s.savedGen }

// Path is the file the template is saved to, "" when none yet.
func (s *Session) Path() string { return s.path }

// Steps names the steps both front-ends show, in order.
func (s *Session) Steps() []string { return s.layout.Steps }

// SetLayout tells the session where each parameter is asked.
func (s *Session) SetLayout(l Layout) { s.layout = l }

// At records where the user is (a step index, or -1 for the review), which
// the draft remembers.
func (s *Session) At(step int) { s.at = step }

// Set applies a value typed for a parameter (its wire text; "" clears it)
// with its consequences.
func (s *Session) Set(param, value string) (Change, error) {
	return s.Edit(param, func(t *model.Template) error {
		if value == "" {
			t.Clear(param)
			return nil
		}
		return t.SetWire(param, value)
	})
}

// Edit applies an edit of param made through a front-end's own field (edit
// sets the value) with its consequences. The edit's error is returned after
// the change is recorded: a field may keep what it could.
func (s *Session) Edit(param string, edit func(*model.Template) error) (Change, error) {
	err := edit(s.t)
	return s.Applied(param), err
}

// Applied records that the user changed param (the template already holds
// the value) and applies the consequences: a language picks a package type
// that fits, a Cpu a Memory that pairs with it, Java a JDK; fields that no
// longer apply are cleared, which Undo can restore. The parameter counts as
// visited, and what the file said about it no longer applies.
func (s *Session) Applied(param string) Change {
	var c Change
	t := s.t
	before := s.snap
	switch param {
	case "ProgrammingLanguage":
		if t.ProgrammingLanguage != "" {
			pts := model.PackageTypesFor(t.ProgrammingLanguage)
			if !slices.Contains(pts, t.PackageType) {
				t.PackageType = pts[0]
				c.Notes = append(c.Notes, fmt.Sprintf("PackageType set to %s, which %s takes; choose another below", t.PackageType, t.ProgrammingLanguage))
			}
		}
	case "Cpu":
		if t.Cpu != nil {
			mems := model.MemoriesFor(*t.Cpu)
			if len(mems) > 0 && (t.Memory == nil || !slices.Contains(mems, *t.Memory)) {
				mm := model.DefaultMemory(*t.Cpu)
				if t.Memory != nil {
					// Say so: a value the user chose has changed.
					c.Notes = append(c.Notes, fmt.Sprintf("Memory set to %d GB: %d MB does not pair with %d millicores (choose from %s MB)", mm/1024, *t.Memory, *t.Cpu, joinInts(mems)))
				}
				t.Memory = &mm
			}
		}
	}
	if param == "ProgrammingLanguage" || param == "PackageType" {
		c.Cleared = s.clearInapplicable(&before)
		if model.LanguageOf(t.PackageType) == "java" && t.Jdk == "" {
			t.Jdk = defaultJdk
			s.defaults["Jdk"] = defaultJdk
		}
	}
	delete(s.defaults, param)
	s.visit(param)
	s.touch(param)
	why := pick(param == "ProgrammingLanguage" && t.ProgrammingLanguage != "", t.ProgrammingLanguage, t.PackageType)
	switch u := s.undo; {
	case u != nil && u.param == param && u.gen == s.gen:
		// The same choice again (arrows cycling through languages): one
		// undo goes back to before the first.
		u.cleared = appendNew(u.cleared, c.Cleared...)
		u.why = why
	case len(c.Cleared) > 0:
		s.undo = &undoRecord{param: param, before: before, cleared: c.Cleared, why: why}
	default:
		s.undo = nil
	}
	if u := s.undo; u != nil {
		c.Undo = fmt.Sprintf("Cleared %s (they do not apply to %s)", strings.Join(u.cleared, ", "), u.why)
		if len(u.cleared) == 1 {
			c.Undo = fmt.Sprintf("Cleared %s (it does not apply to %s)", u.cleared[0], u.why)
		}
	}
	s.Changed()
	if s.undo != nil && s.undo.param == param {
		s.undo.gen = s.gen
	}
	return c
}

// clearInapplicable unsets the parameters that applied to the template
// before and do not apply now (model.Applies); it returns their names.
func (s *Session) clearInapplicable(before *model.Template) []string {
	var out []string
	for _, p := range model.Inapplicable(s.t) {
		if !model.Applies(before, p) {
			continue // did not apply before either: the user's to fix
		}
		s.t.Clear(p)
		s.t.DropRaw(p)
		out = append(out, p)
	}
	return out
}

// CanUndo says what Undo would restore, "" when nothing.
func (s *Session) CanUndo() string {
	if s.undo == nil || s.undo.gen != s.gen {
		return ""
	}
	return strings.Join(s.undo.cleared, ", ")
}

// Undo reverts the last change that cleared fields, while nothing else has
// changed since; it says what it restored.
func (s *Session) Undo() (string, bool) {
	what := s.CanUndo()
	if what == "" {
		return "", false
	}
	*s.t = s.undo.before
	s.undo = nil
	s.Changed()
	return "Restored " + what, true
}

// Changed records a change of the template made through any path: validate
// again; the draft is due.
func (s *Session) Changed() {
	s.gen++
	s.shown++
	s.validate()
	s.snap = *s.t
}

// touch records that the user set param: what the file said about it (a
// load problem) no longer applies.
func (s *Session) touch(param string) {
	if len(s.t.LoadProblems) == 0 {
		return
	}
	var keep model.Problems
	for _, p := range s.t.LoadProblems {
		if p.Param() != param {
			keep = append(keep, p)
		}
	}
	s.t.LoadProblems = keep
}

// validate runs the model's rules, and keeps SAE's last refusal while the
// value it refused is unchanged.
func (s *Session) validate() {
	s.problems = s.t.Validate()
	s.problems = append(s.problems, s.t.RegionProblems(s.target)...)
	if p := s.serverProblem; p != nil {
		if v, _ := s.t.WireValue(p.Param()); v != s.serverValue {
			s.serverProblem = nil
			return
		}
		s.problems = append(model.Problems{*p}, s.problems...)
	}
}

// SetTarget says which region a submit would go to, so that a namespace of
// another region shows as a problem in the steps and the review, before x.
func (s *Session) SetTarget(region string) {
	if region == s.target {
		return
	}
	s.target = region
	s.validate()
	s.shown++
}

// Visit records that the user reached param's field: its problems show
// there from now on.
func (s *Session) Visit(param string) { s.visit(param) }

func (s *Session) visit(param string) {
	if param != "" && !s.visited[param] {
		s.visited[param] = true
		s.shown++
	}
}

// Shown is a number that changes whenever what a field shows may change
// (a change, a field visited): a view may keep what it drew while the
// number stays.
func (s *Session) Shown() int { return s.shown }

// Visited reports whether param's problems show at its field.
func (s *Session) Visited(param string) bool { return s.allVisited || s.visited[param] }

// VisitAll makes every problem show where it is (after the review, or for
// a loaded template).
func (s *Session) VisitAll() {
	s.allVisited = true
	s.shown++
}

// Pending reports whether a problem is only that a field the user has not
// reached yet is empty: the field is marked required, not shown as an
// error. The review lists it all the same.
func (s *Session) Pending(p model.Problem) bool {
	param := p.Param()
	return p.Severity == model.Error && !s.Visited(param) && !s.t.IsSet(param)
}

// ProblemsOf are the problems of one parameter, as a field shows them.
func (s *Session) ProblemsOf(param string) model.Problems {
	var out model.Problems
	for _, p := range s.problems {
		if p.Param() == param {
			out = append(out, p)
		}
	}
	return out
}

// IsDefault reports whether param holds the console's default that the
// session put in, untouched by the user.
func (s *Session) IsDefault(param string) bool {
	d, ok := s.defaults[param]
	if !ok {
		return false
	}
	v, _ := s.t.WireValue(param)
	return v == d
}

// Locate says where a problem lives; false when no step asks its
// parameter (a key the file had that is no parameter).
func (s *Session) Locate(p model.Problem) (Location, bool) {
	param := p.Param()
	step, ok := s.layout.Params[param]
	if !ok {
		return Location{Param: param, Path: p.Field, Item: -1}, false
	}
	path := p.Path
	if path.IsZero() {
		path, _ = model.ParsePath(p.Field) // a problem made without a typed path
	}
	return Location{Step: step, StepName: s.layout.Steps[step], Param: param, Path: p.Field, Item: path.Index()}, true
}

// MoveUnknown deals with a key of the file that is no parameter: its value
// moves to the parameter it most likely means, or is dropped. It says what
// it did, and returns the parameter to check ("" when dropped).
func (s *Session) MoveUnknown(p model.Problem) (note, moved string) {
	key := p.Param()
	sug := model.Suggest(key, model.ParamNames())
	if sug != "" && s.t.MoveRaw(key, sug) {
		s.Changed()
		return fmt.Sprintf("Moved %s's value to %s; check it.", model.Visible(key), sug), sug
	}
	was, _ := s.t.RawText(key)
	s.t.DropRaw(key)
	s.t.LoadProblems = removeProblem(s.t.LoadProblems, p)
	s.Changed()
	if sug == "" {
		return fmt.Sprintf("Dropped %s: %s (not a CreateJob parameter).", model.Visible(key), model.Visible(was)), ""
	}
	return fmt.Sprintf("Dropped %s: %s (not a CreateJob parameter); set %s instead.", model.Visible(key), model.Visible(was), sug), ""
}

// DefaultSavePath is the file offered when saving: the one the template
// came from, else its AppName.yaml.
func (s *Session) DefaultSavePath() string {
	if s.path != "" {
		return s.path
	}
	return pick(s.t.AppName != "", s.t.AppName, "job") + ".yaml"
}

// SecretChoiceNeeded reports whether saving must first ask how the file
// treats a clear secret (the template holds one, and no earlier save of
// this session chose to write ${NAME}).
func (s *Session) SecretChoiceNeeded() bool {
	return s.t.HasClearSecrets() && !s.secretAsRef
}

// SecretNames are the clear secrets of the template, with the variable a
// ${NAME} placeholder would read each from.
func (s *Session) SecretNames() (params, envs []string) {
	for _, p := range s.t.ClearSecrets() {
		params = append(params, p)
		envs = append(envs, secretEnvName(p))
	}
	return params, envs
}

// Save writes the template to path; policy says what the file holds for a
// clear secret. The ${NAME} placeholder changes the file, never the
// session, which keeps the typed secret for submitting.
func (s *Session) Save(path string, policy SecretPolicy) error {
	if _, err := model.FormatFor(path); err != nil {
		return err
	}
	if s.secretAsRef && policy == SecretLeaveOut {
		policy = SecretAsEnv // chosen before in this session
	}
	file, with := s.t, false
	switch policy {
	case SecretAsEnv:
		if s.t.HasClearSecrets() {
			c := *s.t
			for _, p := range s.t.ClearSecrets() {
				if err := c.SetWire(p, "${"+secretEnvName(p)+"}"); err != nil {
					return err
				}
			}
			file = &c
		}
	case SecretKeep:
		with = true
	}
	opts := model.SaveOptions{WithSecrets: with}
	if s.source != nil && !samePath(path, s.sourcePath) {
		// A new name: start from the loaded file's text, when the format
		// is the same (YAML↔JSON is written afresh).
		if f, _ := model.FormatFor(path); f == mustFormat(s.sourcePath) {
			opts.Over = s.source
		}
	}
	if err := model.Save(path, file, opts); err != nil {
		return err
	}
	s.secretAsRef = policy == SecretAsEnv
	s.path = path
	s.savedGen = s.gen
	s.savedHere = true
	s.dropDraft()
	return nil
}

// CanSubmit says why the template cannot be sent now, "" when it can.
func (s *Session) CanSubmit() string {
	if s.submitter == nil {
		return "Submitting is not available here; save the file and run saejob submit FILE."
	}
	if errs := s.problems.Errors(); len(errs) > 0 {
		return fmt.Sprintf("Fix the %s first.", plural(len(errs), "problem"))
	}
	return ""
}

// Target says where a submit sends the template.
func (s *Session) Target() string {
	if t, ok := s.submitter.(Targeter); ok {
		return t.Target()
	}
	return "SAE"
}

// Sandbox reports whether submits go to a sandbox (nothing is created).
func (s *Session) Sandbox() bool {
	return strings.Contains(strings.ToLower(s.Target()), "sandbox")
}

// Send hands the template to the Submitter once (never retried). It
// changes nothing in the session, so it may run off the UI goroutine;
// Submitted records its outcome.
func (s *Session) Send(ctx context.Context) model.SubmitOutcome {
	if s.submitter == nil {
		return model.SubmitOutcome{Status: model.OutcomeStopped, Message: s.CanSubmit()}
	}
	return s.submitter.Submit(ctx, s.t)
}

// Submitted records a submit's outcome, sent to region: a created job
// (and where), SAE's refusal, or saejob's own stop, shows at the field it
// names until that value changes, and a failure keeps the draft. Nothing
// about the template changed, so it is not marked unsaved and no draft is
// written for the outcome alone.
func (s *Session) Submitted(o model.SubmitOutcome, region string) {
	switch o.Status {
	case model.OutcomeCreated:
		s.created, s.createdRegion, s.resendAsked, s.mayExist = &o, region, false, nil
		return
	case model.OutcomeMayExist:
		s.mayExist = &o
	}
	if o.Status == model.OutcomeRefused || o.Status == model.OutcomeStopped {
		if f := o.FaultField(); f != "" {
			msg := o.Message
			if o.Status == model.OutcomeRefused {
				msg = "SAE said " + o.Code + ": " + o.Message
			} else if o.Code != "" {
				msg = "saejob stopped it before sending (" + o.Code + "): " + o.Message
			}
			// Problems are shown as they are: the server's text is escaped here.
			p := model.Problem{Field: f, Path: model.At(f), Code: o.Code, Severity: model.Warning, Message: model.Visible(msg)}
			s.serverProblem = &p
			s.serverValue, _ = s.t.WireValue(p.Param())
			s.validate()
			s.shown++
		}
	}
	s.SaveDraft("failed submit")
}

// Created is the job template this session created last, or nil.
func (s *Session) Created() *model.SubmitOutcome { return s.created }

// AlreadyCreated is what a second submit must say before anything else
// when this session created the job already, for both front-ends: a title
// and the text ("" when it created none).
func (s *Session) AlreadyCreated() (title, text string) {
	c := s.created
	if c == nil {
		return "", ""
	}
	return "You already created AppId " + model.Visible(c.AppId),
		fmt.Sprintf("This session created %s as AppId %s in %s.\nSending CreateJob again would create a second job template (or fail on the name); it does not update the first.",
			model.Visible(s.t.AppName), model.Visible(c.AppId), orDash(s.createdRegion))
}

// ResendWarning is what a second submit must say before anything else
// when the last one may have created the job ("" when it did not): the
// job may exist, and how to check.
func (s *Session) ResendWarning(canList bool) string {
	if s.mayExist == nil {
		return ""
	}
	check := "Look for it in the SAE console (Jobs) first"
	if canList {
		check = "Check the account's job list first (saejob lists the jobs named like it)"
	}
	return fmt.Sprintf("The last try may have created %s: its answer never came back. %s: sending CreateJob again could create a second job template.",
		model.Visible(s.t.AppName), check)
}

// SubmitBlock is why a submit cannot go anywhere yet, and what to do, for
// each front-end to render (Session.Blocker).
type SubmitBlock struct {
	// Title names the block in a few words; "" when nothing blocks.
	Title string
	// Why is the cause as found (visible), Advice what to do about it.
	Why, Advice string
	// NoRegion is true when only a region is missing: the front-end asks
	// for one and goes on.
	NoRegion bool
}

// Blocker is what stops a submit before asking, given where submits go (nil
// without an Account: nothing to check) and the region: no credentials,
// then no region.
func (s *Session) Blocker(w *Where, region string) SubmitBlock {
	switch {
	case w == nil:
		return SubmitBlock{}
	case w.NoCredentials != "":
		return SubmitBlock{Title: "No credentials: this template can only be saved", Why: model.Visible(w.NoCredentials),
			Advice: "Nothing was sent. Save the template (s) and submit it later with saejob submit FILE, " +
				"or restart saejob with credentials (ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET, or 'aliyun configure'), or with --sandbox to practise."}
	case region == "":
		return SubmitBlock{Title: "No region", Advice: "Choose the region to create the job in", NoRegion: true}
	}
	return SubmitBlock{}
}

// Submit checks, sends and records (sent to region): the whole submit for
// a front-end that waits for it. The caller asks the user first.
func (s *Session) Submit(ctx context.Context, region string) model.SubmitOutcome {
	if why := s.CanSubmit(); why != "" {
		return model.SubmitOutcome{Status: model.OutcomeStopped, Message: why}
	}
	o := s.Send(ctx)
	s.Submitted(o, region)
	return o
}

// mustFormat is the format of a path's extension, -1 when it has none.
func mustFormat(path string) model.Format {
	f, err := model.FormatFor(path)
	if err != nil {
		return -1
	}
	return f
}

func joinInts(n []int) string {
	out := make([]string, len(n))
	for i, v := range n {
		out[i] = strconv.Itoa(v)
	}
	return strings.Join(out, ", ")
}

// appendNew appends the names not in list yet.
func appendNew(list []string, names ...string) []string {
	for _, n := range names {
		if !slices.Contains(list, n) {
			list = append(list, n)
		}
	}
	return list
}
