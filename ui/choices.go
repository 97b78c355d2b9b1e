package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	xansi "github.com/charmbracelet/x/ansi"
	"github.com/saejob/saejob/model"
)

// choiceItem is one entry of a chooser.
type choiceItem struct {
	Label  string
	Detail string
	Value  string
	data   any
}

// chooser picks a value from a list read from the account. The list loads
// with a spinner (esc stops it), is cached for the session, f5 reads it
// again, and typing filters it. The field it fills can always be typed by
// hand instead. It is a page: what the user chose (and f5) goes to the
// root, which calls the builder's pick (and fetch).
type chooser struct {
	title string
	// key names the read in the session's cache; "" for a fixed list.
	key string
	// fetch starts the read (refresh reads again).
	fetch func(m *Model, refresh bool) tea.Cmd
	// build turns the read's answer into entries.
	build func(data any) []choiceItem
	// fallback is offered when the read cannot be made or fails.
	fallback     []choiceItem
	fallbackNote string
	pick         func(m *Model, it choiceItem) tea.Cmd
	// current is the value in use: marked "(now)", and where the list opens.
	current string

	items    []choiceItem
	lower    []string
	builtSeq int
	built    bool
	usedFall bool
	filter   string
	matches  []int
	cursor   int
	offset   int
}

// newFixedChooser is a chooser over a list already known.
func newFixedChooser(title string, items []choiceItem, pick func(m *Model, it choiceItem) tea.Cmd) *chooser {
	c := &chooser{title: title, pick: pick}
	c.setItems(items)
	return c
}

func (c *chooser) setItems(items []choiceItem) {
	if c.current != "" {
		for i := range items {
			if items[i].Value == c.current {
				if !strings.HasPrefix(items[i].Detail, "(now)") {
					items[i].Detail = strings.TrimSpace("(now) " + items[i].Detail)
				}
				if c.filter == "" {
					c.cursor = i
				}
			}
		}
	}
	c.items = items
	c.lower = make([]string, len(items))
	for i, it := range items {
		c.lower[i] = strings.ToLower(it.Label + " " + it.Detail + " " + it.Value)
	}
	c.refilter()
}

// refilter keeps the entries that contain the filter (case-insensitive).
func (c *chooser) refilter() {
	c.matches = c.matches[:0]
	q := strings.ToLower(c.filter)
	for i, l := range c.lower {
		if q == "" || strings.Contains(l, q) {
			c.matches = append(c.matches, i)
		}
	}
	if c.cursor >= len(c.matches) {
		c.cursor = max(len(c.matches)-1, 0)
	}
}

// sync takes in the read's answer when a new one came.
func (c *chooser) sync(av accountView) *accountLoad {
	if c.key == "" {
		return nil
	}
	l := av.loaded(c.key)
	switch {
	case l == nil || l.loading:
	case l.data != nil && (!c.built || c.builtSeq != l.seq || c.usedFall):
		c.built, c.builtSeq, c.usedFall = true, l.seq, false
		c.setItems(c.build(l.data))
	case l.data == nil && l.err != nil && len(c.fallback) > 0 && !c.usedFall:
		c.usedFall = true
		c.setItems(c.fallback)
	}
	return l
}

func (c *chooser) update(ctx common, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	l := c.sync(ctx.Account)
	k := ctx.Keys
	switch {
	case key.Matches(km, k.Cancel):
		if l != nil && l.loading {
			ctx.tell(cancelRead{c.key})
		}
		ctx.tell(popScreen{})
		return nil
	case key.Matches(km, k.Refresh) && c.key != "" && c.fetch != nil:
		ctx.tell(refetch{c})
		return nil
	case key.Matches(km, k.Prev): // not k.Up: its "k" is a letter to filter by
		if c.cursor > 0 {
			c.cursor--
		}
	case key.Matches(km, k.Next):
		if c.cursor < len(c.matches)-1 {
			c.cursor++
		}
	case key.Matches(km, k.PageUp):
		c.cursor = max(c.cursor-10, 0)
	case key.Matches(km, k.PageDown) && km.Type != tea.KeySpace:
		c.cursor = max(min(c.cursor+10, len(c.matches)-1), 0)
	case key.Matches(km, k.Choose):
		if c.cursor < len(c.matches) {
			ctx.tell(popScreen{}, picked{c, c.items[c.matches[c.cursor]]})
			return nil
		}
	case km.Type == tea.KeyBackspace:
		if c.filter != "" {
			r := []rune(c.filter)
			c.filter = string(r[:len(r)-1])
			c.cursor = 0
			c.refilter()
		}
	case km.Type == tea.KeyRunes || km.Type == tea.KeySpace:
		c.filter += string(km.Runes)
		c.cursor = 0
		c.refilter()
	}
	return nil
}

func (c *chooser) helpKeys(ctx common) help.KeyMap {
	k := ctx.Keys
	b := []key.Binding{k.Move, k.Choose, k.Filter}
	if c.key != "" {
		b = append(b, k.Refresh)
	}
	return viewKeys{keys: append(b, as(k.Cancel, "back")), global: k.ShortHelp(), width: ctx.Width}
}

func (c *chooser) view(ctx common) string {
	s, width, height := ctx.Theme, ctx.Width, ctx.Height
	l := c.sync(ctx.Account)
	out := []string{s.Title.Render(c.title)}
	switch {
	case l != nil && l.loading:
		out = append(out, s.Dim.Render(ctx.Account.spinView()+" reading from SAE… (esc stops; you can type the value yourself)"))
	case c.usedFall && l != nil && l.err != nil:
		out = append(out, s.Warning.Render(truncate("could not read: "+readReason(l.err), width-2)))
		if c.fallbackNote != "" {
			out = append(out, dimLines(s, c.fallbackNote+" · "+readAdvice(l.err), width-2)...)
		}
	case l != nil && l.err != nil:
		for i, line := range wrap("✗ could not read: "+readReason(l.err), width-2) {
			if i < 3 {
				out = append(out, s.Error.Render(line))
			}
		}
		out = append(out, dimLines(s, readAdvice(l.err)+"; esc goes back to type the value yourself", width-2)...)
	case c.fallbackNote != "" && c.key == "":
		out = append(out, s.Dim.Render(truncate(c.fallbackNote, width-2)))
	}
	if c.filter != "" {
		out = append(out, s.Dim.Render("filter: ")+model.Visible(c.filter)+s.Dim.Render(fmt.Sprintf("  (%d of %d)", len(c.matches), len(c.items))))
	} else if len(c.items) > 0 {
		out = append(out, s.Dim.Render(fmt.Sprintf("type to filter · %d", len(c.items))))
	}
	if len(c.matches) == 0 && (l == nil || !l.loading) && (len(c.items) > 0 || l == nil || l.err == nil) {
		out = append(out, s.Dim.Render(pick(len(c.items) == 0, "  nothing here", "  nothing matches")))
	}
	avail := max(height-len(out), 1)
	if c.cursor < c.offset {
		c.offset = c.cursor
	}
	if c.cursor >= c.offset+avail {
		c.offset = c.cursor - avail + 1
	}
	for i := c.offset; i < len(c.matches) && i < c.offset+avail; i++ {
		it := c.items[c.matches[i]]
		label := truncate(model.Visible(it.Label), width-4)
		rest := width - 4 - xansi.StringWidth(label) - 2
		detail := ""
		if it.Detail != "" && rest > 8 {
			detail = s.Dim.Render("  " + truncate(model.Visible(it.Detail), rest))
		}
		if i == c.cursor {
			out = append(out, s.Selected.Render("› "+label)+detail)
		} else {
			out = append(out, "  "+label+detail)
		}
	}
	return strings.Join(out, "\n")
}

// accountKey opens the account's choices for the focused field: ctrl+o (the
// key that opens every choice) on a field the account can fill, ctrl+g for
// the region. Other keys, and ctrl+o when the account cannot be read, keep
// their usual meaning.
func (m *Model) accountKey(f *field, km tea.KeyMsg) (tea.Cmd, bool) {
	if !m.accountTakes(f, km) {
		return nil, false
	}
	if key.Matches(km, m.keys.Region) {
		return m.openRegions(nil), true
	}
	switch f.param {
	case "NamespaceId":
		return m.openNamespaces(), true
	case "Envs", "ConfigMapMountDesc":
		i, _, _ := listIndex(f.problemPaths()[0], f.param)
		return m.openConfigMaps(f.param, i), true
	}
	return nil, false
}

// accountTakes reports whether accountKey acts on km on field f.
func (m *Model) accountTakes(f *field, km tea.KeyMsg) bool {
	if m.opts.Account == nil {
		return false
	}
	if key.Matches(km, m.keys.Region) {
		return true
	}
	if !key.Matches(km, keyOpen) || !m.choosable(f) || m.unavailable() != "" {
		return false
	}
	switch f.param {
	case "NamespaceId", "Envs", "ConfigMapMountDesc":
		return true
	}
	return false
}

// choosable reports whether the account offers choices for f.
func (m *Model) choosable(f *field) bool {
	switch f.param {
	case "NamespaceId":
		return true
	case "Envs", "ConfigMapMountDesc":
		p := f.problemPaths()[0]
		return strings.HasSuffix(p, ".configMapId") || strings.HasSuffix(p, ".key")
	}
	return false
}

// accountBindings are the help bar's keys for the account's choices.
func (m *Model) accountBindings(f *field) []key.Binding {
	if m.opts.Account == nil {
		return nil
	}
	var b []key.Binding
	if m.choosable(f) && m.unavailable() == "" {
		b = append(b, as(keyOpen, "choose from account"))
	}
	if f.param == "NamespaceId" || m.help.ShowAll {
		b = append(b, m.keys.Region)
	}
	return b
}

// fieldNote is a field's line about the account's choices, or why there
// are none; only on the focused field.
func (m *Model) fieldNote(param string) []string {
	if m.opts.Account == nil || !m.inWizard() {
		return nil
	}
	st := m.wizard.step()
	if len(m.stack) > 1 || st.fields[st.focus].param != param {
		return nil
	}
	s := m.styles
	if why := m.unavailable(); why != "" {
		return dimLines(s, why, m.width-4)
	}
	return dimLines(s, "ctrl+o: choose from the namespaces in "+m.region()+" · ctrl+g: another region", m.width-4)
}

// reloadFields shows the template's values in every text field after a
// choice set them.
func (m *Model) reloadFields() {
	for _, st := range m.wizard.steps {
		for _, f := range st.fields {
			f.load(m.t)
		}
	}
	for _, sc := range m.stack {
		if is, ok := sc.(*itemScreen); ok {
			for _, f := range is.fields {
				f.load(m.t)
			}
		}
	}
}

// setParam records that a choice set param.
func (m *Model) setParam(param string) {
	m.touch(param)
	m.reloadFields()
}

// openRegions offers the regions: SAE's list when the credentials work,
// else the known SAE regions. then runs after the choice.
func (m *Model) openRegions(then func(m *Model) tea.Cmd) tea.Cmd {
	var known []choiceItem
	for _, r := range model.Regions {
		known = append(known, choiceItem{Label: r.ID, Detail: r.Name, Value: r.ID})
	}
	pickRegion := func(m *Model, it choiceItem) tea.Cmd {
		m.setRegion(it.Value)
		if r := model.NamespaceRegion(m.t.NamespaceId); r != "" && r != it.Value {
			m.flashErr("Region %s chosen, but NamespaceId %s is in %s: choose a namespace of %s.", it.Value, m.t.NamespaceId, r, it.Value)
		} else {
			m.flash("Submits and choices now go to %s.", it.Value)
		}
		if then != nil {
			return then(m)
		}
		return nil
	}
	cur, from := m.regionAndSource()
	title := "Region: where the job is created and the choices come from"
	a := m.acct()
	if a.where == nil || a.where.NoCredentials != "" {
		c := &chooser{title: title, pick: pickRegion, current: cur}
		c.setItems(known)
		c.fallbackNote = "The known SAE regions (no credentials to ask SAE for its list)."
		if cur != "" {
			c.fallbackNote = fmt.Sprintf("Now %s (from %s). ", cur, from) + c.fallbackNote
		}
		m.push(c)
		return nil
	}
	acc := a.acc
	c := &chooser{
		title: title, key: "regions", pick: pickRegion, fallback: known, current: cur,
		fallbackNote: "The known SAE regions instead.",
		build: func(data any) []choiceItem {
			var out []choiceItem
			for _, r := range data.([]Region) {
				out = append(out, choiceItem{Label: r.ID, Detail: r.Name, Value: r.ID})
			}
			return out
		},
	}
	c.fetch = func(m *Model, refresh bool) tea.Cmd {
		region := m.region()
		return m.load("regions", refresh, func(ctx context.Context) (any, error) {
			rs, err := acc.Regions(ctx)
			if err != nil {
				return nil, err
			}
			_ = region
			return rs, nil
		})
	}
	m.push(c)
	return c.fetch(m, false)
}

// openNamespaces offers the region's namespaces.
func (m *Model) openNamespaces() tea.Cmd {
	region := m.region()
	key := "namespaces|" + region
	acc := m.acct().acc
	c := &chooser{
		title: "NamespaceId: the namespaces in " + region,
		key:   key,
		pick: func(m *Model, it choiceItem) tea.Cmd {
			return m.pickNamespace(it.data.(Namespace))
		},
		build: func(data any) []choiceItem {
			var out []choiceItem
			for _, n := range data.([]Namespace) {
				var parts []string
				for _, p := range []string{n.Description, n.VpcId} {
					if p != "" {
						parts = append(parts, p)
					}
				}
				d := strings.Join(parts, " · ")
				out = append(out, choiceItem{Label: n.Name + "  " + n.ID, Detail: d, Value: n.ID, data: n})
			}
			return out
		},
	}
	c.fetch = func(m *Model, refresh bool) tea.Cmd {
		return m.load(key, refresh, func(ctx context.Context) (any, error) {
			ns, err := acc.Namespaces(ctx, region)
			if err != nil {
				return nil, err
			}
			return ns, nil
		})
	}
	m.push(c)
	return c.fetch(m, false)
}

// pickNamespace sets NamespaceId and, when AutoConfig is not on, offers the
// namespace's VPC, vSwitch and security group in one step.
func (m *Model) pickNamespace(n Namespace) tea.Cmd {
	t := m.t
	t.NamespaceId = n.ID
	m.setParam("NamespaceId")
	cmd := m.changed()
	same := t.VpcId == n.VpcId && t.VSwitchId == n.VSwitchId && t.SecurityGroupId == n.SecurityGroupId
	if model.Deref(t.AutoConfig) || n.VpcId == "" || same {
		m.flash("NamespaceId set to %s (%s).", model.Visible(n.ID), model.Visible(n.Name))
		return cmd
	}
	question := fmt.Sprintf("AutoConfig is off, so the job runs in the network you give. Namespace %s has:\nVpcId: %s\nVSwitchId: %s\nSecurityGroupId: %s",
		model.Visible(n.Name), model.Visible(n.VpcId), model.Visible(n.VSwitchId), model.Visible(n.SecurityGroupId))
	if t.VpcId != "" || t.VSwitchId != "" || t.SecurityGroupId != "" {
		question += fmt.Sprintf("\nThe template now says %s, %s, %s.", orDash(model.Visible(t.VpcId)), orDash(model.Visible(t.VSwitchId)), orDash(model.Visible(t.SecurityGroupId)))
	}
	m.push(&confirm{
		title:    "Use the network of namespace " + model.Visible(n.Name) + "?",
		question: question,
		choices: []choice{
			{"y", "yes, fill VpcId, VSwitchId and SecurityGroupId", func(m *Model) tea.Cmd {
				m.t.VpcId, m.t.VSwitchId, m.t.SecurityGroupId = n.VpcId, n.VSwitchId, n.SecurityGroupId
				for _, p := range []string{"VpcId", "VSwitchId", "SecurityGroupId"} {
					m.touch(p)
				}
				m.reloadFields()
				m.flash("VpcId, VSwitchId and SecurityGroupId of namespace %s filled in.", model.Visible(n.Name))
				return m.changed()
			}},
			{"n", "no, keep the network fields as they are", func(m *Model) tea.Cmd { return nil }},
		},
	})
	return cmd
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// openConfigMaps offers the namespace's ConfigMaps, then the chosen map's
// keys, for item i of Envs or ConfigMapMountDesc.
func (m *Model) openConfigMaps(param string, i int) tea.Cmd {
	region, ns := m.region(), m.jobNamespace()
	key := "configmaps|" + region + "|" + ns
	acc := m.acct().acc
	c := &chooser{
		title: "ConfigMaps in namespace " + ns,
		key:   key,
		pick: func(m *Model, it choiceItem) tea.Cmd {
			m.openConfigMapKeys(param, i, it.data.(ConfigMap))
			return nil
		},
		build: func(data any) []choiceItem {
			var out []choiceItem
			for _, cm := range data.([]ConfigMap) {
				d := "keys: " + strings.Join(cm.Keys, ", ")
				if cm.Description != "" {
					d = cm.Description + " · " + d
				}
				out = append(out, choiceItem{Label: fmt.Sprintf("%s (%d)", cm.Name, cm.ID), Detail: d, Value: strconv.FormatInt(cm.ID, 10), data: cm})
			}
			return out
		},
	}
	c.fetch = func(m *Model, refresh bool) tea.Cmd {
		return m.load(key, refresh, func(ctx context.Context) (any, error) {
			cms, err := acc.ConfigMaps(ctx, region, ns)
			if err != nil {
				return nil, err
			}
			return cms, nil
		})
	}
	m.push(c)
	return c.fetch(m, false)
}

// openConfigMapKeys offers one map's keys; a mount may take every key.
func (m *Model) openConfigMapKeys(param string, i int, cm ConfigMap) {
	var items []choiceItem
	for _, k := range cm.Keys {
		v := cm.Data[k]
		if j := strings.IndexByte(v, '\n'); j >= 0 {
			v = v[:j] + " …"
		}
		items = append(items, choiceItem{Label: k, Detail: v, Value: k})
	}
	if param == "ConfigMapMountDesc" {
		items = append(items, choiceItem{Label: "sae-sys-configmap-all", Detail: "every key, one file each", Value: "sae-sys-configmap-all"})
	}
	m.push(newFixedChooser(fmt.Sprintf("Key of ConfigMap %s (%d)", cm.Name, cm.ID), items, func(m *Model, it choiceItem) tea.Cmd {
		return m.pickConfigMapKey(param, i, cm, it.Value)
	}))
}

// pickConfigMapKey sets item i's ConfigMap and key.
func (m *Model) pickConfigMapKey(param string, i int, cm ConfigMap, k string) tea.Cmd {
	t := m.t
	switch param {
	case "Envs":
		if i >= len(t.Envs) {
			return nil
		}
		e := &t.Envs[i]
		id := cm.ID
		e.FromConfigMap, e.ConfigMapId, e.Key, e.Value = true, &id, &k, nil
	case "ConfigMapMountDesc":
		if i >= len(t.ConfigMapMountDesc) {
			return nil
		}
		t.ConfigMapMountDesc[i].ConfigMapId, t.ConfigMapMountDesc[i].Key = cm.ID, k
	}
	m.setParam(param)
	m.flash("ConfigMap %s (%d), key %s.", cm.Name, cm.ID, k)
	return m.changed()
}

// accountStartItems is the welcome screen's "Start from a job in my
// account", when there is an account to read.
func accountStartItems(m *Model) []startItem {
	if m.opts.Account == nil {
		return nil
	}
	return []startItem{{
		label: "Start from a job in my account",
		note:  "pick one of your job templates (ListJobs) and import it, as saejob import does",
		do:    func(m *Model) tea.Cmd { return m.openAccountJobs() },
	}}
}

// openAccountJobs offers the region's job templates; the chosen one is read
// (DescribeJob) and opened at its review, not saved anywhere yet.
func (m *Model) openAccountJobs() tea.Cmd {
	a := m.acct()
	if a.where == nil {
		m.flash("Checking the credentials… press enter again in a moment.")
		return m.checkWhere()
	}
	if a.where.NoCredentials != "" {
		m.flashErr("No credentials, so no jobs to list: %s", firstSentence(a.where.NoCredentials))
		return nil
	}
	if m.region() == "" {
		return m.openRegions(func(m *Model) tea.Cmd { return m.openAccountJobs() })
	}
	region := m.region()
	key := "jobs|" + region + "||"
	acc := a.acc
	c := &chooser{
		title: "Your job templates in " + region,
		key:   key,
		pick: func(m *Model, it choiceItem) tea.Cmd {
			return m.importJob(region, it.data.(JobSummary))
		},
		build: func(data any) []choiceItem {
			var out []choiceItem
			for _, j := range data.([]JobSummary) {
				// Jobs may share a name across namespaces: the AppId tells them apart.
				d := j.AppId + " · " + j.NamespaceId
				if j.Description != "" {
					d += " · " + j.Description
				}
				out = append(out, choiceItem{Label: j.AppName, Detail: d, Value: j.AppId, data: j})
			}
			return out
		},
	}
	c.fetch = func(m *Model, refresh bool) tea.Cmd {
		return m.load(key, refresh, func(ctx context.Context) (any, error) {
			jobs, err := acc.Jobs(ctx, region, "", "")
			if err != nil {
				return nil, err
			}
			return jobs, nil
		})
	}
	m.push(c)
	return c.fetch(m, false)
}

// importJob reads a job (DescribeJob) and opens it as a new template.
func (m *Model) importJob(region string, j JobSummary) tea.Cmd {
	key := "job|" + region + "|" + j.AppId
	acc := m.acct().acc
	m.flash("Reading %s (DescribeJob)…", model.Visible(j.AppName))
	m.acct().onLoad[key] = func(m *Model, l *accountLoad) tea.Cmd {
		if l.err != nil {
			m.flashErr("Could not read %s: %s", model.Visible(j.AppName), readReason(l.err))
			return nil
		}
		dj := l.data.(*DescribedJob)
		m.setTemplate(dj.Template)
		m.savedGen = -1 // not saved anywhere yet
		m.path = ""
		m.stack = []screen{m.wizard}
		m.push(newReview(m))
		note := fmt.Sprintf("Imported %s (AppId %s, %s): not saved yet; submitting creates a new job.", model.Visible(dj.AppName), model.Visible(dj.AppId), model.Visible(region))
		if len(dj.Notes) > 0 {
			note += " Could not read: " + strings.Join(dj.Notes, "; ")
		}
		m.flash("%s", note)
		return nil
	}
	return m.load(key, true, func(ctx context.Context) (any, error) {
		dj, err := acc.DescribeJob(ctx, region, j.AppId)
		if err != nil {
			return nil, err
		}
		return dj, nil
	})
}
