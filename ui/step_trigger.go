package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/saejob/saejob/model"
)

func triggerIs(kind string) func(t *model.Template) bool {
	return func(t *model.Template) bool { return t.TriggerConfig != nil && t.TriggerConfig.Type == kind }
}

// triggerZones are the trigger time zones offered: the common ones first,
// then every whole-hour offset.
var triggerZones = func() []string {
	out := append([]string(nil), model.TriggerZones...)
	for h := -12; h <= 14; h++ {
		z := fmt.Sprintf("GMT%+d:00", h)
		if !slices.Contains(out, z) {
			out = append(out, z)
		}
	}
	return out
}()

// triggerStep: what starts the job (a schedule or an HTTP request) and what
// happens when runs overlap.
func triggerStep() *step {
	// Switching the trigger type keeps what was typed for the other type,
	// so switching back loses nothing.
	stash := map[string]*model.TriggerConfig{}
	kind := &field{
		kind: kindSelect, param: "TriggerConfig", paths: []string{"TriggerConfig", "TriggerConfig.type"},
		label: "Trigger", help: "time runs the job on a cron schedule; http runs it when a request arrives; none runs it only when started by hand.",
		options: func(*model.Template) []option {
			return []option{{"none (started by hand)", ""}, {"time (a schedule)", model.TriggerTime}, {"http (a request)", model.TriggerHTTP}}
		},
		get: func(t *model.Template) string {
			if t.TriggerConfig == nil {
				return ""
			}
			return t.TriggerConfig.Type
		},
		set: func(t *model.Template, v string) error {
			if old := t.TriggerConfig; old != nil {
				stash[old.Type] = old
			}
			if kept, ok := stash[v]; ok && v != "" {
				t.TriggerConfig = kept
				return nil
			}
			switch v {
			case "":
				t.TriggerConfig = nil
			case model.TriggerTime:
				tc := &model.TriggerConfig{Type: v, Cron: "0 1 */1 * ?", Zone: "GMT+8:00"}
				t.TriggerConfig = tc
			case model.TriggerHTTP:
				t.TriggerConfig = &model.TriggerConfig{Type: v, HTTP: &model.HTTPTrigger{Type: "HTTPS", Method: []string{"GET"}, IP: []string{}, Referer: []string{}, SecurityConfig: "none"}}
			default:
				t.TriggerConfig = &model.TriggerConfig{Type: v}
			}
			return nil
		},
	}
	isTime := triggerIs(model.TriggerTime)
	preset := &field{
		kind: kindSelect, param: "TriggerConfig", paths: []string{"TriggerConfig.preset"},
		label: "Schedule", help: "A ready-made schedule, or custom to type a cron expression below.",
		show: isTime,
		options: func(*model.Template) []option {
			out := []option{{"custom", ""}}
			for _, p := range model.CronPresets {
				out = append(out, option{p.Name, p.Cron})
			}
			return out
		},
		get: func(t *model.Template) string {
			for _, p := range model.CronPresets {
				if t.TriggerConfig != nil && p.Cron == t.TriggerConfig.Cron {
					return p.Cron
				}
			}
			return ""
		},
		set: func(t *model.Template, v string) error {
			if v != "" {
				t.TriggerConfig.Cron = v
			}
			return nil
		},
	}
	cron := &field{
		kind: kindText, param: "TriggerConfig", paths: []string{"TriggerConfig.config"},
		label: "Cron expression", placeholder: "0 1 */1 * ?",
		help: "Five fields: minute hour day-of-month month day-of-week; ? means any day. Example: 30 2 * * ? runs at 02:30 daily.",
		show: isTime,
		get: func(t *model.Template) string {
			if t.TriggerConfig == nil {
				return ""
			}
			return t.TriggerConfig.Cron
		},
		set: func(t *model.Template, v string) error {
			if t.TriggerConfig != nil {
				t.TriggerConfig.Cron = v
			}
			return nil
		},
	}
	cron.extra = cronPreview
	zone := &field{
		kind: kindSelect, param: "TriggerConfig", paths: []string{"TriggerConfig.timezone"},
		label: "Schedule time zone", help: "The zone the schedule is read in, as SAE writes it (GMT+8:00 is Beijing time).",
		show:    isTime,
		options: func(*model.Template) []option { return stringOptions("not set (GMT+8:00)", triggerZones) },
		get: func(t *model.Template) string {
			if t.TriggerConfig == nil {
				return ""
			}
			return t.TriggerConfig.Zone
		},
		set: func(t *model.Template, v string) error {
			if t.TriggerConfig != nil {
				t.TriggerConfig.Zone = v
			}
			return nil
		},
	}
	isHTTP := triggerIs(model.TriggerHTTP)
	hp := func(t *model.Template) *model.HTTPTrigger {
		if t.TriggerConfig.HTTP == nil {
			t.TriggerConfig.HTTP = &model.HTTPTrigger{}
		}
		return t.TriggerConfig.HTTP
	}
	hget := func(t *model.Template) *model.HTTPTrigger {
		if t.TriggerConfig == nil || t.TriggerConfig.HTTP == nil {
			return &model.HTTPTrigger{}
		}
		return t.TriggerConfig.HTTP
	}
	proto := &field{
		kind: kindSelect, param: "TriggerConfig", paths: []string{"TriggerConfig.config.type", "TriggerConfig.config"},
		label: "Protocol", help: "Which requests start the job.", show: isHTTP,
		options: func(*model.Template) []option { return stringOptions("not set", model.HTTPProtocols) },
		get:     func(t *model.Template) string { return hget(t).Type },
		set:     func(t *model.Template, v string) error { hp(t).Type = v; return nil },
	}
	methods := &field{
		kind: kindMulti, param: "TriggerConfig", paths: []string{"TriggerConfig.config.method"},
		label: "Methods", help: "The HTTP methods that start the job; ←/→ move, space ticks.", show: isHTTP,
		options: func(*model.Template) []option { return stringOptions("", model.HTTPMethods) },
		get:     func(t *model.Template) string { return strings.Join(hget(t).Method, ",") },
		set: func(t *model.Template, v string) error {
			if v == "" {
				hp(t).Method = []string{}
			} else {
				hp(t).Method = strings.Split(v, ",")
			}
			return nil
		},
	}
	security := &field{
		kind: kindSelect, param: "TriggerConfig", paths: []string{"TriggerConfig.config.securityConfig"},
		label: "Who may call", help: "none: anyone with the URL; ip: only the listed addresses; referer: only the listed referers.", show: isHTTP,
		options: func(*model.Template) []option {
			return []option{{"none (anyone)", "none"}, {"ip (listed addresses)", "ip"}, {"referer (listed referers)", "referer"}}
		},
		get: func(t *model.Template) string { return hget(t).SecurityConfig },
		set: func(t *model.Template, v string) error { hp(t).SecurityConfig = v; return nil },
	}
	ipList := stringList("TriggerConfig", "Allowed IP addresses", "address",
		"IP addresses or CIDR blocks (like 10.0.0.0/8) allowed to start the job.", "Address", "An IP address or CIDR block.",
		func(t *model.Template) []string { return hget(t).IP },
		func(t *model.Template, v []string) { hp(t).IP = append([]string{}, v...) }, ".config.ip")
	ipList.path = "TriggerConfig.config.ip"
	ips := listField(ipList)
	ips.label = "Allowed IPs"
	ips.help = "The addresses allowed when Who may call is ip."
	ips.show = func(t *model.Template) bool {
		return isHTTP(t) && (hget(t).SecurityConfig == "ip" || len(hget(t).IP) > 0)
	}
	refList := stringList("TriggerConfig", "Allowed referers", "referer",
		"Referers (domains) allowed to start the job.", "Referer", "A domain, like example.com.",
		func(t *model.Template) []string { return hget(t).Referer },
		func(t *model.Template, v []string) { hp(t).Referer = append([]string{}, v...) }, ".config.referer")
	refList.path = "TriggerConfig.config.referer"
	refs := listField(refList)
	refs.label = "Allowed referers"
	refs.help = "The referers allowed when Who may call is referer."
	refs.show = func(t *model.Template) bool {
		return isHTTP(t) && (hget(t).SecurityConfig == "referer" || len(hget(t).Referer) > 0)
	}
	policy := selectField("ConcurrencyPolicy", func(t *model.Template) *string { return &t.ConcurrencyPolicy },
		func(*model.Template) []option {
			return []option{{"not set (Allow)", ""}, {"Forbid (skip the new run)", "Forbid"}, {"Allow (run both)", "Allow"}, {"Replace (stop the old run)", "Replace"}}
		})
	return &step{
		name:   "Trigger",
		intro:  "What starts the job: a schedule, an HTTP request, or nothing (you start it by hand).",
		fields: []*field{kind, preset, cron, zone, proto, methods, security, ips, refs, policy},
	}
}

// cronPreview reads the schedule aloud and lists its next runs in the
// trigger's zone.
func cronPreview(m *Model) []string {
	s := m.styles
	tc := m.t.TriggerConfig
	if tc == nil || strings.TrimSpace(tc.Cron) == "" {
		return nil
	}
	desc, err := model.DescribeCron(tc.Cron)
	if err != nil {
		return nil
	}
	zone := tc.Zone
	if zone == "" {
		zone = "GMT+8:00"
	}
	out := []string{s.OK.Render("“"+desc+"”") + s.Dim.Render(" ("+zone+")")}
	runs, err := model.NextRuns(tc.Cron, zone, m.opts.Now(), 3)
	if err != nil || len(runs) == 0 {
		return out
	}
	parts := make([]string, len(runs))
	for i, r := range runs {
		parts[i] = r.Format("Mon 2006-01-02 15:04")
	}
	return append(out, s.Dim.Render("next: "+strings.Join(parts, " · ")))
}
