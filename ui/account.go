package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/saejob/saejob/model"
)

// Account reads the user's SAE account for the wizard: where a submit
// would go, and the choices the console offers (regions, namespaces and
// their network, ConfigMaps, jobs, prices), then follows what a submit
// started. cmd hands the wizard the real one; tests hand it a fake or the
// sandbox. Every call may touch the network: the wizard makes them off the
// UI goroutine, each with a timeout, and never waits for one while typing.
type Account interface {
	// Where says where a submit would go and as whom. It may read
	// credential files or ask a credential service.
	Where(ctx context.Context) Where
	// SetRegion makes submits go to region.
	SetRegion(region string)
	Regions(ctx context.Context) ([]Region, error)
	Namespaces(ctx context.Context, region string) ([]Namespace, error)
	ConfigMaps(ctx context.Context, region, namespaceID string) ([]ConfigMap, error)
	// Jobs lists the job templates of a namespace ("" for every one) whose
	// name contains appName ("" for all).
	Jobs(ctx context.Context, region, namespaceID, appName string) ([]JobSummary, error)
	DescribeJob(ctx context.Context, region, appID string) (*DescribedJob, error)
	Price(ctx context.Context, region string, cpu, memory int) (*Price, error)
	ChangeOrder(ctx context.Context, region, changeOrderID string) (*ChangeOrder, error)
	// ExecJob runs a job once now; it is sent once and never retried.
	ExecJob(ctx context.Context, region, appID string) (*Execution, error)
}

// Where is where a submit would go: a region and the credentials' source,
// a sandbox, or why it cannot go anywhere yet.
type Where struct {
	Region string
	// RegionFrom says where the region came from (--region, a profile, …).
	RegionFrom string
	// Credentials names their source in a few words ("profile default",
	// "environment"); "" when there are none.
	Credentials string
	Sandbox     bool
	// NoCredentials says why there are no usable credentials, and how to
	// get some; "" when there are.
	NoCredentials string
	// Profile and Endpoint are the --profile and --endpoint the session
	// was given ("" when none), for the equivalent command line.
	Profile  string
	Endpoint string
}

// Region is one region SAE offers.
type Region struct {
	ID   string
	Name string
}

// Namespace is a namespace with its network.
type Namespace struct {
	ID              string
	Name            string
	Description     string
	VpcId           string
	VSwitchId       string
	SecurityGroupId string
}

// ConfigMap is one ConfigMap of a namespace with its keys in order.
type ConfigMap struct {
	ID          int64
	Name        string
	Description string
	Keys        []string
	Data        map[string]string
}

// JobSummary is one job template of the account.
type JobSummary struct {
	AppId       string
	AppName     string
	Description string
	NamespaceId string
}

// DescribedJob is a job read back (DescribeJob), as a template.
type DescribedJob struct {
	AppId    string
	AppName  string
	RegionId string
	Template *model.Template
	// Notes name what could not be read back.
	Notes             []string
	PublicWebHookUrls []string
	VpcWebHookUrls    []string
	// Sandbox is true when the job exists only in a sandbox.
	Sandbox bool
}

// Price is SAE's quote for a Cpu/Memory pair (DescribeConfigurationPrice).
// The API states neither its currency nor its time unit.
type Price struct {
	Original float64
	Discount float64
	Trade    float64
	Rules    []string
}

// ChangeOrder is the state of the change order a create started.
type ChangeOrder = model.ChangeOrder

// Execution is what ExecJob answered.
type Execution struct {
	RequestId string
	Code      string
	Message   string
	Data      string
	Success   bool
}

// ReadError is a read from the account that failed. It is never a failed
// create: nothing was created or changed.
type ReadError struct {
	Operation string
	// Reason says why in a few words (no answer within 15 s, 403
	// Forbidden: …, no credentials: …).
	Reason string
	// Cause is why, for advice: model.CauseKey, model.CauseDenied, model.CauseThrottled,
	// model.CauseNoAnswer, or "" for another answer from SAE.
	Cause string
}

// readCause is the cause of a failed read, "" when unknown.
func readCause(err error) string {
	var re *ReadError
	if errors.As(err, &re) {
		return re.Cause
	}
	return ""
}

// readAdvice is what to do after a failed read, fitted to its cause: a
// refused key is not fixed by reading again.
func readAdvice(err error) string {
	switch readCause(err) {
	case model.CauseKey:
		return "SAE refused the key: check the AccessKey ID and secret (ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET, or 'aliyun configure'), then restart saejob; reading again will not help"
	case model.CauseDenied:
		return "the key may not make this read: grant it SAE read access (for example AliyunSAEReadOnlyAccess) in RAM, then f5"
	case model.CauseThrottled:
		return "SAE is busy (flow control): wait a little, then f5"
	}
	return "f5 tries again"
}

func (e *ReadError) Error() string {
	return fmt.Sprintf("%s failed: %s (only a read: nothing was created or changed)", e.Operation, e.Reason)
}

// readReason is the short reason of a failed read.
func readReason(err error) string {
	if err == nil {
		// Never panics on a screen drawn before any answer came.
		return "no answer came"
	}
	var re *ReadError
	if errors.As(err, &re) {
		return re.Reason
	}
	if errors.Is(err, context.Canceled) {
		return "cancelled"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "no answer in time"
	}
	return err.Error()
}

// accountReadTimeout bounds every read the wizard makes, whatever the
// Account does with its own timeouts.
const accountReadTimeout = 20 * time.Second

// accountState is the session's cache of what was read from the account.
type accountState struct {
	acc      Account
	where    *Where
	checking bool
	// chosen is the region chosen in the wizard; it wins over the rest.
	chosen string
	loads  map[string]*accountLoad
	// onLoad runs once when the read under its key answers.
	onLoad  map[string]func(m *Model, l *accountLoad) tea.Cmd
	spin    spinner.Model
	ticking bool

	// debounced reads: the key last asked for, and its sequence
	nameKey  string
	nameSeq  int
	priceKey string
	priceSeq int

	// follow is the change order being followed: its reads answer here,
	// whichever screen is on top, so opening another screen (save) or
	// leaving never drops an answer.
	follow *followup
	// submitAfterCheck resumes a submit once the credentials are checked.
	submitAfterCheck bool
	// keyWorked is true once a read signed with the key was answered
	// (even with "not allowed"): SAE knows the key.
	keyWorked bool
	// keyRefused is the last read SAE refused the key for; nil after a
	// read that worked.
	keyRefused error
}

// noteRead records what a read's outcome says about the key.
func (a *accountState) noteRead(err error) {
	switch c := readCause(err); {
	case err == nil || c == model.CauseDenied:
		a.keyWorked, a.keyRefused = true, nil
	case c == model.CauseKey:
		a.keyWorked, a.keyRefused = false, err
	}
}

// accountLoad is one read: loading, or its answer.
type accountLoad struct {
	seq     int
	loading bool
	cancel  context.CancelFunc
	data    any
	err     error
}

// accountLoadedMsg carries a read's answer.
type accountLoadedMsg struct {
	key  string
	seq  int
	data any
	err  error
}

// whereMsg carries the answer of Account.Where.
type whereMsg struct{ where Where }

// debounceMsg fires a pause after the last change of what a read depends on.
type debounceMsg struct {
	kind string
	seq  int
}

// errCancelled is a read the user stopped.
var errCancelled = errors.New("cancelled")

// acct returns the session's account state.
func (m *Model) acct() *accountState {
	if m.account == nil {
		sp := spinner.New(spinner.WithSpinner(spinner.MiniDot))
		sp.Style = m.styles.Title
		m.account = &accountState{acc: m.opts.Account, loads: map[string]*accountLoad{}, onLoad: map[string]func(*Model, *accountLoad) tea.Cmd{}, spin: sp}
	}
	return m.account
}

// Update routes a message: the account's own first, then the root's; after
// it, the reads that what changed calls for are scheduled.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.quitting {
		return m, nil
	}
	if cmd, done := m.accountUpdate(msg); done {
		return m, cmd
	}
	_, cmd := m.updateRoot(msg)
	if m.quitting {
		return m, cmd
	}
	return m, tea.Batch(cmd, m.accountFollow(msg))
}

// accountUpdate handles the account's messages.
func (m *Model) accountUpdate(msg tea.Msg) (tea.Cmd, bool) {
	a := m.acct()
	switch msg := msg.(type) {
	case pollMsg, changeOrderMsg, describedMsg, execMsg:
		if a.follow == nil {
			return nil, true
		}
		cmd := m.drain(a.follow.update(m.common(m.width, m.height), msg))
		if e, ok := msg.(execMsg); ok && m.top() != screen(a.follow) {
			// The follow-up is not on screen: say what ExecJob answered.
			switch {
			case e.err != nil:
				m.flashErr("Run once: %s", e.err.Error())
			case e.exec != nil && e.exec.Success:
				m.flash("Run once: started (Code %s).", orDash(e.exec.Code))
			case e.exec != nil:
				m.flashErr("Run once: not started (Code %s): %s", orDash(e.exec.Code), model.Visible(e.exec.Message))
			}
		}
		return cmd, true
	case accountLoadedMsg:
		l := a.loads[msg.key]
		if l == nil || l.seq != msg.seq {
			return nil, true // an answer nobody waits for any more
		}
		l.loading, l.cancel = false, nil
		l.data, l.err = msg.data, msg.err
		a.noteRead(msg.err)
		if then := a.onLoad[msg.key]; then != nil {
			delete(a.onLoad, msg.key)
			return then(m, l), true
		}
		return nil, true
	case whereMsg:
		w := msg.where
		a.where, a.checking = &w, false
		m.SetTarget(m.region())
		// The reads the credentials make possible (the name check, the
		// price) start now, not at the next key.
		follow := m.accountFollow(msg)
		if a.submitAfterCheck {
			a.submitAfterCheck = false
			return tea.Batch(follow, m.startSubmit()), true
		}
		return follow, true
	case debounceMsg:
		return m.debounced(msg), true
	case spinner.TickMsg:
		if msg.ID != a.spin.ID() {
			return nil, false
		}
		if !a.busy() {
			a.ticking = false
			return nil, true
		}
		var cmd tea.Cmd
		a.spin, cmd = a.spin.Update(msg)
		return cmd, true
	}
	return nil, false
}

// busy reports whether a read is out.
func (a *accountState) busy() bool {
	for _, l := range a.loads {
		if l.loading {
			return true
		}
	}
	return false
}

// tick keeps the spinner turning while reads are out.
func (a *accountState) tick() tea.Cmd {
	if a.ticking {
		return nil
	}
	a.ticking = true
	return a.spin.Tick
}

// load starts a read under key unless its answer is cached (or it is out);
// refresh reads again. The read runs off the UI goroutine with a timeout.
func (m *Model) load(key string, refresh bool, fetch func(ctx context.Context) (any, error)) tea.Cmd {
	a := m.acct()
	if a.acc == nil {
		return nil
	}
	l := a.loads[key]
	if l != nil && !refresh && (l.loading || l.data != nil) {
		return nil
	}
	if l == nil {
		l = &accountLoad{}
		a.loads[key] = l
	}
	if l.cancel != nil {
		l.cancel()
	}
	l.seq++
	l.loading, l.err = true, nil
	ctx, cancel := context.WithTimeout(context.Background(), accountReadTimeout)
	l.cancel = cancel
	seq := l.seq
	return tea.Batch(a.tick(), func() tea.Msg {
		defer cancel()
		data, err := fetch(ctx)
		if err != nil && ctx.Err() == context.Canceled {
			err = errCancelled
		}
		return accountLoadedMsg{key: key, seq: seq, data: data, err: err}
	})
}

// cancelLoad stops a read that is out; its answer, if one comes, is dropped.
func (m *Model) cancelLoad(key string) {
	if l := m.acct().loads[key]; l != nil && l.loading {
		l.cancel()
		l.seq++
		l.loading, l.cancel, l.err = false, nil, errCancelled
	}
}

// loaded returns the read under key, or nil.
func (m *Model) loaded(key string) *accountLoad { return m.acct().loads[key] }

// checkWhere asks the Account where a submit would go.
func (m *Model) checkWhere() tea.Cmd {
	a := m.acct()
	if a.acc == nil || a.checking {
		return nil
	}
	a.checking = true
	acc := a.acc
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), accountReadTimeout)
		defer cancel()
		// A credential service that never answers must not leave the
		// wizard checking for ever.
		done := make(chan Where, 1)
		go func() { done <- acc.Where(ctx) }()
		select {
		case w := <-done:
			return whereMsg{where: w}
		case <-ctx.Done():
			return whereMsg{where: Where{NoCredentials: fmt.Sprintf("no credentials yet: looking them up took more than %s", accountReadTimeout)}}
		}
	}
}

// accountFollow schedules what a change calls for: the first check of the
// credentials once the first frame is up, and (after a pause in typing) the
// name check and the price.
func (m *Model) accountFollow(msg tea.Msg) tea.Cmd {
	a := m.acct()
	if a.acc == nil {
		return nil
	}
	var cmds []tea.Cmd
	if _, ok := msg.(tea.WindowSizeMsg); ok && a.where == nil {
		cmds = append(cmds, m.checkWhere())
	}
	if !m.canRead() {
		return tea.Batch(cmds...)
	}
	if k := m.nameCheckKey(); k != a.nameKey {
		a.nameKey = k
		a.nameSeq++
		if k != "" {
			seq := a.nameSeq
			cmds = append(cmds, tea.Tick(400*time.Millisecond, func(time.Time) tea.Msg { return debounceMsg{"name", seq} }))
		}
	}
	if k := m.priceKey(); k != a.priceKey {
		a.priceKey = k
		a.priceSeq++
		if k != "" {
			seq := a.priceSeq
			cmds = append(cmds, tea.Tick(250*time.Millisecond, func(time.Time) tea.Msg { return debounceMsg{"price", seq} }))
		}
	}
	return tea.Batch(cmds...)
}

// debounced starts a read when nothing it depends on changed for a pause.
func (m *Model) debounced(msg debounceMsg) tea.Cmd {
	a := m.acct()
	switch {
	case msg.kind == "name" && msg.seq == a.nameSeq && a.nameKey != "":
		return m.loadNameCheck(false)
	case msg.kind == "price" && msg.seq == a.priceSeq && a.priceKey != "":
		return m.loadPrice(false)
	}
	return nil
}

// canRead reports whether reads can be made: an Account, credentials and a region.
func (m *Model) canRead() bool {
	a := m.acct()
	return a.acc != nil && a.where != nil && a.where.NoCredentials == "" && m.region() != ""
}

// unavailable says in one line why the account's choices are not offered,
// or "" when they are.
func (m *Model) unavailable() string {
	a := m.acct()
	switch {
	case a.acc == nil:
		return "no choices from the account here: type the value"
	case a.where == nil:
		return "checking the credentials…"
	case a.where.NoCredentials != "":
		return "no account choices: " + firstSentence(a.where.NoCredentials) + " · type the value"
	case m.region() == "":
		return "no account choices: no region yet (ctrl+g chooses one) · type the value"
	}
	return ""
}

// firstSentence is a long reason's first line; a line that ends in ":"
// takes the first item it introduces, so that the missing piece is named
// ("no usable Alibaba Cloud credentials: environment: … is not set").
func firstSentence(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return "no reason given"
	}
	first := lines[0]
	switch {
	case strings.HasSuffix(first, ":") && len(lines) > 1:
		return first + " " + lines[1]
	case strings.HasSuffix(first, ":"):
		return strings.TrimSuffix(first, ":")
	}
	if i := strings.Index(first, ": "); i > 0 && i < 60 && strings.HasPrefix(first, "no ") {
		return first[:i]
	}
	return first
}

// region is where submits and reads go: the region chosen in the wizard,
// else --region, the profile's or ALIBABA_CLOUD_REGION_ID, else the region
// of NamespaceId.
func (m *Model) region() string {
	r, _ := m.regionAndSource()
	return r
}

func (m *Model) regionAndSource() (string, string) {
	a := m.acct()
	switch {
	case a.chosen != "":
		return a.chosen, "chosen here"
	case a.where != nil && a.where.Region != "":
		return a.where.Region, a.where.RegionFrom
	case a.where == nil && m.opts.Region != "":
		return m.opts.Region, "--region"
	}
	if r := model.NamespaceRegion(m.t.NamespaceId); r != "" {
		return r, "NamespaceId"
	}
	return "", ""
}

// setRegion chooses the region for this session.
func (m *Model) setRegion(r string) {
	a := m.acct()
	a.chosen = r
	m.SetTarget(r)
	if a.acc != nil {
		a.acc.SetRegion(r)
	}
	// The aliyun command in the review names the region.
	m.opts.Region = r
	m.request.region = r
	m.request.preview = previewCache{}
	for _, sc := range m.stack {
		if rv, ok := sc.(*review); ok {
			rv.gen = -1
		}
	}
}

// whereLabel is the header's account part: where a submit would go.
func (m *Model) whereLabel() string {
	a := m.acct()
	s := m.styles
	if a.acc == nil {
		return ""
	}
	r, _ := m.regionAndSource()
	switch {
	case a.where == nil:
		return s.Dim.Render("→ " + pick(r != "", r+" · ", "") + "checking credentials…")
	case a.where.Sandbox:
		return s.Sandbox.Render("→ sandbox") + s.Dim.Render(pick(r != "", " "+r, ""))
	case a.where.NoCredentials != "":
		return s.Warning.Render("no credentials: save only")
	case r == "":
		return s.Warning.Render("→ no region (ctrl+g)") + s.Dim.Render(" · "+a.where.Credentials)
	case a.keyRefused != nil:
		return s.Dim.Render("→ ") + s.Value.Render(r) + s.Dim.Render(" · "+a.where.Credentials) + s.Warning.Render(": key refused")
	}
	return s.Dim.Render("→ ") + s.Value.Render(r) + s.Dim.Render(" · "+a.where.Credentials)
}

// withWhere puts the account part at the right of the header's first line.
func (m *Model) withWhere(left string) string {
	right := m.whereLabel()
	if right == "" {
		return left
	}
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if lw+2+rw > m.width {
		left = truncateANSI(left, max(m.width-rw-2, 10))
		lw = lipgloss.Width(left)
	}
	return left + strings.Repeat(" ", max(m.width-lw-rw, 2)) + right
}

// nameCheckKey is what the AppName check depends on, "" when there is
// nothing to check.
func (m *Model) nameCheckKey() string {
	name := strings.TrimSpace(m.t.AppName)
	if name == "" {
		return ""
	}
	return m.region() + "|" + m.jobNamespace() + "|" + name
}

// jobNamespace is the namespace a create would use: NamespaceId, else the
// region's default namespace (whose ID is the region's).
func (m *Model) jobNamespace() string {
	if ns := strings.TrimSpace(m.t.NamespaceId); ns != "" {
		return ns
	}
	return m.region()
}

// loadNameCheck lists the jobs of the namespace whose name contains AppName.
func (m *Model) loadNameCheck(refresh bool) tea.Cmd {
	key := "jobs|" + m.nameCheckKey()
	acc, region, ns, name := m.acct().acc, m.region(), m.jobNamespace(), strings.TrimSpace(m.t.AppName)
	return m.load(key, refresh, func(ctx context.Context) (any, error) {
		jobs, err := acc.Jobs(ctx, region, ns, name)
		if err != nil {
			return nil, err
		}
		return jobs, nil
	})
}

// nameNote is the AppName field's line about the account: a job of that
// name exists already, or is being looked for.
func (m *Model) nameNote() []string {
	s := m.styles
	a := m.acct()
	if a.acc == nil || !m.canRead() || a.nameKey == "" {
		return nil
	}
	l := m.loaded("jobs|" + a.nameKey)
	if l == nil {
		return nil
	}
	name := strings.TrimSpace(m.t.AppName)
	switch {
	case l.loading:
		return []string{s.Dim.Render(a.spin.View() + " looking for a job named " + model.Visible(name) + " in " + m.jobNamespace() + "…")}
	case l.err != nil:
		return dimLines(s, "could not check the name: "+readReason(l.err)+pick(readCause(l.err) == model.CauseKey, " · "+readAdvice(l.err), ""), m.width-6)
	}
	if taken := m.nameTakenWarning(); taken != "" {
		var out []string
		for i, l := range wrap(taken+" Choose another name.", m.width-6) {
			out = append(out, s.Warning.Render(pick(i == 0, "! ", "  ")+l))
		}
		return out
	}
	return nil
}

// nameTakenWarning says that a job named AppName exists already in the
// namespace, as the account last answered; "" when none does (or nobody
// knows yet). The review and the confirmation carry it too.
func (m *Model) nameTakenWarning() string {
	a := m.acct()
	if a.acc == nil || !m.canRead() || a.nameKey == "" || a.nameKey != m.nameCheckKey() {
		return ""
	}
	l := m.loaded("jobs|" + a.nameKey)
	if l == nil || l.loading || l.err != nil {
		return ""
	}
	name := strings.TrimSpace(m.t.AppName)
	jobs, _ := l.data.([]JobSummary)
	for _, j := range jobs {
		if j.AppName == name && (j.NamespaceId == "" || j.NamespaceId == m.jobNamespace()) {
			return fmt.Sprintf("A job named %s already exists in %s (AppId %s): CreateJob would fail.",
				model.Visible(name), model.Visible(m.jobNamespace()), j.AppId)
		}
	}
	return ""
}

// priceKey is what the price depends on, "" when Cpu and Memory do not
// make a valid pair.
func (m *Model) priceKey() string {
	t := m.t
	if t.Cpu == nil || t.Memory == nil || !slices.Contains(model.MemoriesFor(*t.Cpu), *t.Memory) {
		return ""
	}
	return fmt.Sprintf("%s|%d|%d", m.region(), *t.Cpu, *t.Memory)
}

// loadPrice asks SAE what the chosen Cpu and Memory cost.
func (m *Model) loadPrice(refresh bool) tea.Cmd {
	key := "price|" + m.priceKey()
	acc, region, cpu, mem := m.acct().acc, m.region(), *m.t.Cpu, *m.t.Memory
	return m.load(key, refresh, func(ctx context.Context) (any, error) {
		p, err := acc.Price(ctx, region, cpu, mem)
		if err != nil {
			return nil, err
		}
		return p, nil
	})
}

// priceNote is the Resources step's price line.
func (m *Model) priceNote() []string {
	s := m.styles
	a := m.acct()
	if a.acc == nil {
		return nil
	}
	if why := m.unavailable(); why != "" {
		return dimLines(s, "no price from SAE: "+strings.TrimSuffix(strings.TrimPrefix(why, "no account choices: "), " · type the value"), m.width-4)
	}
	if a.priceKey == "" {
		return []string{s.Dim.Render("price: choose a Cpu and a Memory that pair with it")}
	}
	l := m.loaded("price|" + a.priceKey)
	switch {
	case l == nil || l.loading:
		return []string{s.Dim.Render(a.spin.View() + " asking SAE the price…")}
	case l.err != nil:
		return dimLines(s, "price unavailable: "+readReason(l.err)+pick(readCause(l.err) == model.CauseKey, " · "+readAdvice(l.err), ""), m.width-4)
	}
	p, _ := l.data.(*Price)
	if p == nil {
		return nil
	}
	return priceLines(s, p, *m.t.Cpu, *m.t.Memory, m.t.Replicas, m.t.Timeout, m.width-4)
}

// priceLines shows SAE's quote for one instance and, at Replicas, for the
// job: a minute, an hour and a run of the whole Timeout. The API names
// neither the quote's currency nor its time unit; it is read as per minute:
// the reference's example, 0.0092592 for 2 cores and 4 GB, is 0.56 an hour
// per minute, in line with SAE's pay-as-you-go prices (per second it would
// be 33 an hour). The line says so.
func priceLines(s *Theme, p *Price, cpu, mem int, replicas, timeout *int, width int) []string {
	n := 1
	if replicas != nil && *replicas > 0 {
		n = *replicas
	}
	head := fmt.Sprintf("SAE quotes %s a minute per instance of %s %s, %d GB", amount(p.Trade), cores(cpu), pick(cpu == 1000, "core", "cores"), mem/1024)
	if p.Discount > 0 {
		head += fmt.Sprintf(" (%s before a %s discount)", amount(p.Original), amount(p.Discount))
	}
	total := p.Trade * float64(n)
	var out []string
	for _, l := range wrap(head, width) {
		out = append(out, s.Value.Render(l))
	}
	note := fmt.Sprintf("× %s: %s an hour", plural(n, "replica"), amount(total*60))
	if timeout != nil && *timeout > 0 {
		note += fmt.Sprintf(", at most %s a run of the whole Timeout (%d s)", amount(total*float64(*timeout)/60), *timeout)
	}
	note += "; in your account's currency (the API names no unit: read as per minute)"
	for _, l := range wrap(note+".", width) {
		out = append(out, s.Dim.Render(l))
	}
	return out
}

// amount shows a price with enough digits for its size.
func amount(f float64) string {
	switch {
	case f == 0:
		return "0"
	case f < 0.01:
		return fmt.Sprintf("%.7f", f)
	case f < 10:
		return fmt.Sprintf("%.4f", f)
	}
	return fmt.Sprintf("%.2f", f)
}

// dimLines wraps a note to width, dimmed, never leaving one word alone on
// its last line.
func dimLines(s *Theme, text string, width int) []string {
	var out []string
	for _, l := range wrapNoWidow(text, width) {
		out = append(out, s.Dim.Render(l))
	}
	return out
}

// wrapNoWidow is wrap, with a last line of one word given a companion from
// the line before.
func wrapNoWidow(text string, width int) []string {
	lines := wrap(text, width)
	n := len(lines)
	if n < 2 || strings.Contains(strings.TrimSpace(lines[n-1]), " ") {
		return lines
	}
	prev := strings.TrimRight(lines[n-2], " ")
	i := strings.LastIndexByte(prev, ' ')
	if i <= 0 {
		return lines
	}
	lines[n-2], lines[n-1] = prev[:i], prev[i+1:]+" "+strings.TrimSpace(lines[n-1])
	return lines
}
