package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/saejob/saejob/model"
)

// commandStep: what the container runs, with what environment.
func commandStep() *step {
	cmd := textField("Command", func(t *model.Template) *string { return &t.Command })
	cmd.placeholder = "python"
	args := listField(stringList("CommandArgs", "Command arguments", "argument",
		"The arguments of Command, one per item, passed as they are (no shell quoting needed).",
		"Argument", "One argument, like --date=yesterday.",
		func(t *model.Template) []string { return t.CommandArgs },
		func(t *model.Template, v []string) { t.CommandArgs = nilIfEmpty(v) }, ""))
	args.label = "CommandArgs (arguments)"
	envs := listField(envList())
	envs.label = "Envs (environment variables)"
	hosts := listField(hostAliasList())
	hosts.label = "CustomHostAlias (/etc/hosts entries)"
	post := hookField("PostStart")
	post.label = "PostStart (run after start)"
	pre := hookField("PreStop")
	pre.label = "PreStop (run before stop)"
	tz := textField("Timezone", func(t *model.Template) *string { return &t.Timezone })
	tz.keyHint = "Type one, or press ctrl+o for a list."
	tz.options = func(*model.Template) []option { return stringOptions("not set (Asia/Shanghai)", commonTimezones) }
	return &step{
		name:   "Command",
		intro:  "What the container runs and with what environment. All optional: an image or package brings its own start command.",
		fields: []*field{cmd, args, envs, hosts, post, pre, tz},
	}
}

// commonTimezones are offered for Timezone; any IANA name can be typed.
var commonTimezones = []string{
	"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul",
	"Asia/Kolkata", "Asia/Jakarta", "Asia/Dubai", "Europe/London", "Europe/Berlin",
	"Europe/Paris", "Europe/Moscow", "America/New_York", "America/Chicago",
	"America/Los_Angeles", "America/Sao_Paulo", "Australia/Sydney", "UTC",
}

func nilIfEmpty(v []string) []string {
	if len(v) == 0 {
		return nil
	}
	return v
}

func hookOf(t *model.Template, param string) **model.Hook {
	if param == "PreStop" {
		return &t.PreStop
	}
	return &t.PostStart
}

// envList edits Envs: a plain value or a ConfigMap reference per variable.
func envList() *listSpec {
	env := func(t *model.Template, i int) *model.Env {
		if i < len(t.Envs) {
			return &t.Envs[i]
		}
		return &model.Env{}
	}
	return &listSpec{
		param: "Envs",
		title: "Environment variables",
		noun:  "variable",
		intro: "Each variable is a plain value, or is read from a ConfigMap key (name it sae-sys-configmap-all-<name> to import every key).",
		count: func(t *model.Template) int { return len(t.Envs) },
		line: func(t *model.Template, i int) string {
			e := t.Envs[i]
			if e.FromConfigMap {
				id := ""
				if e.ConfigMapId != nil {
					id = strconv.FormatInt(*e.ConfigMapId, 10)
				}
				return fmt.Sprintf("%s ← ConfigMap %s key %s", e.Name, id, model.Deref(e.Key))
			}
			return e.Name + "=" + model.Deref(e.Value)
		},
		add: func(t *model.Template) { t.Envs = append(t.Envs, model.Env{Value: model.Ptr("")}) },
		remove: func(t *model.Template, i int) func() {
			old := t.Envs[i]
			t.Envs = append(t.Envs[:i:i], t.Envs[i+1:]...)
			if len(t.Envs) == 0 {
				t.Envs = nil
			}
			return func() {
				at := min(i, len(t.Envs))
				t.Envs = append(t.Envs[:at:at], append([]model.Env{old}, t.Envs[at:]...)...)
			}
		},
		blank: func(t *model.Template, i int) bool {
			e := t.Envs[i]
			return e.Name == "" && model.Deref(e.Value) == "" && !e.FromConfigMap
		},
		item: func(i int) []*field {
			p := fmt.Sprintf("Envs[%d]", i)
			var keptValue *string
			var keptID *int64
			var keptKey *string
			fromCM := func(t *model.Template) bool { return env(t, i).FromConfigMap }
			return []*field{
				{kind: kindText, param: "Envs", paths: []string{p + ".name", p}, label: "Name", placeholder: "SPRING_PROFILES_ACTIVE",
					help: "Letters, digits, _ - and ., not starting with a digit.",
					get:  func(t *model.Template) string { return env(t, i).Name },
					set:  func(t *model.Template, v string) error { env(t, i).Name = v; return nil }},
				{kind: kindSelect, param: "Envs", paths: []string{p + ".valueFrom"}, label: "Value from",
					help: "A value typed here, or a key of a ConfigMap in the namespace.",
					options: func(*model.Template) []option {
						return []option{{"a value", "value"}, {"a ConfigMap key", "configMap"}}
					},
					get: func(t *model.Template) string {
						return pick(env(t, i).FromConfigMap, "configMap", "value")
					},
					set: func(t *model.Template, v string) error {
						// Keep what the other choice held, so switching back loses nothing.
						e := env(t, i)
						e.FromConfigMap = v == "configMap"
						if e.FromConfigMap {
							keptValue, e.Value = e.Value, nil
							e.ConfigMapId, e.Key = keptID, keptKey
						} else {
							keptID, keptKey = e.ConfigMapId, e.Key
							e.ConfigMapId, e.Key = nil, nil
							e.Value = keptValue
							if e.Value == nil {
								e.Value = model.Ptr("")
							}
						}
						return nil
					}},
				{kind: kindText, param: "Envs", paths: []string{p + ".value"}, label: "Value",
					show: func(t *model.Template) bool { return !fromCM(t) },
					get:  func(t *model.Template) string { return model.Deref(env(t, i).Value) },
					set:  func(t *model.Template, v string) error { env(t, i).Value = &v; return nil }},
				{kind: kindText, param: "Envs", paths: []string{p + ".configMapId"}, label: "ConfigMap ID", placeholder: "16",
					help: "The numeric ID of the ConfigMap.",
					show: fromCM,
					get: func(t *model.Template) string {
						if id := env(t, i).ConfigMapId; id != nil {
							return strconv.FormatInt(*id, 10)
						}
						return ""
					},
					set: func(t *model.Template, v string) error {
						e := env(t, i)
						v = strings.TrimSpace(v)
						if v == "" {
							e.ConfigMapId = nil
							return nil
						}
						n, err := strconv.ParseInt(v, 10, 64)
						if err != nil {
							e.ConfigMapId = nil
							return errNotNumber
						}
						e.ConfigMapId = &n
						return nil
					}},
				{kind: kindText, param: "Envs", paths: []string{p + ".key"}, label: "Key",
					help: "The ConfigMap key whose value the variable gets.",
					show: fromCM,
					get:  func(t *model.Template) string { return model.Deref(env(t, i).Key) },
					set: func(t *model.Template, v string) error {
						e := env(t, i)
						if v == "" {
							e.Key = nil
						} else {
							e.Key = &v
						}
						return nil
					}},
			}
		},
	}
}

func hostAliasList() *listSpec {
	h := func(t *model.Template, i int) *model.HostAlias {
		if i < len(t.CustomHostAlias) {
			return &t.CustomHostAlias[i]
		}
		return &model.HostAlias{}
	}
	return &listSpec{
		param: "CustomHostAlias",
		title: "Host aliases",
		noun:  "host alias",
		intro: "Host names the container resolves to fixed IP addresses (lines of /etc/hosts).",
		count: func(t *model.Template) int { return len(t.CustomHostAlias) },
		line: func(t *model.Template, i int) string {
			a := t.CustomHostAlias[i]
			return a.HostName + " → " + a.IP
		},
		add: func(t *model.Template) { t.CustomHostAlias = append(t.CustomHostAlias, model.HostAlias{}) },
		remove: func(t *model.Template, i int) func() {
			old := t.CustomHostAlias[i]
			t.CustomHostAlias = append(t.CustomHostAlias[:i:i], t.CustomHostAlias[i+1:]...)
			if len(t.CustomHostAlias) == 0 {
				t.CustomHostAlias = nil
			}
			return func() {
				at := min(i, len(t.CustomHostAlias))
				t.CustomHostAlias = append(t.CustomHostAlias[:at:at], append([]model.HostAlias{old}, t.CustomHostAlias[at:]...)...)
			}
		},
		blank: func(t *model.Template, i int) bool { return t.CustomHostAlias[i] == model.HostAlias{} },
		item: func(i int) []*field {
			p := fmt.Sprintf("CustomHostAlias[%d]", i)
			return []*field{
				{kind: kindText, param: "CustomHostAlias", paths: []string{p + ".hostName", p}, label: "Host name", placeholder: "db.internal",
					get: func(t *model.Template) string { return h(t, i).HostName },
					set: func(t *model.Template, v string) error { h(t, i).HostName = v; return nil }},
				{kind: kindText, param: "CustomHostAlias", paths: []string{p + ".ip"}, label: "IP address", placeholder: "10.0.0.12",
					get: func(t *model.Template) string { return h(t, i).IP },
					set: func(t *model.Template, v string) error { h(t, i).IP = v; return nil }},
			}
		},
	}
}
