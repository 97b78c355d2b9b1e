package ui

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/saejob/saejob/model"
)

// storageStep: logs, NAS, OSS and ConfigMap mounts, and the rarely needed
// rest. Optional: a job runs without any of it.
func storageStep() *step {
	sls := listField(slsList())
	sls.label = "SlsConfigs (log collection)"
	nasID := textField("NasId", func(t *model.Template) *string { return &t.NasId })
	host := textField("MountHost", func(t *model.Template) *string { return &t.MountHost })
	mounts := listField(sliceList("MountDesc", "NAS mounts", "mount",
		"NAS directories mounted in the container (needs NasId and MountHost above).",
		func(t *model.Template) *[]model.NasMount { return &t.MountDesc },
		func(m model.NasMount) string { return m.NasPath + " → " + m.MountPath },
		[]part[model.NasMount]{
			strPart("nasPath", "NAS path", "The directory on NAS, like /.", "/", func(m *model.NasMount) *string { return &m.NasPath }),
			strPart("mountPath", "Mount path", "Where it appears in the container, like /data.", "/data", func(m *model.NasMount) *string { return &m.MountPath }),
		}))
	nasConfigs := listField(sliceList("NasConfigs", "NAS file systems", "file system",
		"NAS file systems mounted in the container, each with its own mount target.",
		func(t *model.Template) *[]model.NasConfig { return &t.NasConfigs },
		func(n model.NasConfig) string { return n.NasId + ":" + n.NasPath + " → " + n.MountPath },
		[]part[model.NasConfig]{
			strPart("nasId", "NAS ID", "The ID of the NAS file system.", "nasId1", func(n *model.NasConfig) *string { return &n.NasId }),
			strPart("mountDomain", "Mount domain", "The NAS mount target, like xxx.cn-hangzhou.nas.aliyuncs.com.", "", func(n *model.NasConfig) *string { return &n.MountDomain }),
			strPart("nasPath", "NAS path", "The directory on NAS, like /.", "/", func(n *model.NasConfig) *string { return &n.NasPath }),
			strPart("mountPath", "Mount path", "Where it appears in the container, like /data.", "/data", func(n *model.NasConfig) *string { return &n.MountPath }),
			boolPart("readOnly", "Read only", func(n *model.NasConfig) **bool { return &n.ReadOnly }),
		}))
	oss := listField(sliceList("OssMountDescs", "OSS mounts", "mount",
		"OSS bucket paths mounted in the container (needs OssAkId and OssAkSecret below).",
		func(t *model.Template) *[]model.OssMount { return &t.OssMountDescs },
		func(o model.OssMount) string { return o.BucketName + ":" + o.BucketPath + " → " + o.MountPath },
		[]part[model.OssMount]{
			strPart("bucketName", "Bucket", "The OSS bucket name.", "oss-bucket", func(o *model.OssMount) *string { return &o.BucketName }),
			strPart("bucketPath", "Bucket path", "A directory or object in the bucket.", "data/", func(o *model.OssMount) *string { return &o.BucketPath }),
			strPart("mountPath", "Mount path", "Where it appears in the container.", "/usr/data", func(o *model.OssMount) *string { return &o.MountPath }),
			boolPart("readOnly", "Read only", func(o *model.OssMount) **bool { return &o.ReadOnly }),
		}))
	mounts.label = "MountDesc (legacy NAS mounts)"
	// The legacy NAS trio (NasId, MountHost, MountDesc) sits folded
	// under NasConfigs, which replaces it.
	nasID.advanced, host.advanced, mounts.advanced = true, true, true
	nasConfigs.label = "NasConfigs (NAS file systems)"
	oss.label = "OssMountDescs (OSS mounts)"
	akID := textField("OssAkId", func(t *model.Template) *string { return &t.OssAkId })
	akSecret := textField("OssAkSecret", func(t *model.Template) *string { return &t.OssAkSecret })
	akSecret.kind = kindSecret
	akSecret.placeholder = "${OSS_AK_SECRET}"
	akSecret.help = "Shown masked. Best: ${OSS_AK_SECRET}, read from the environment when you submit; a secret typed here is never written to a file or draft unless you ask."
	akSecret.keyHint = "ctrl+e writes ${OSS_AK_SECRET}."
	cm := listField(sliceList("ConfigMapMountDesc", "ConfigMap mounts", "mount",
		"ConfigMap keys mounted as files; key sae-sys-configmap-all mounts every key.",
		func(t *model.Template) *[]model.ConfigMapMount { return &t.ConfigMapMountDesc },
		func(c model.ConfigMapMount) string {
			return fmt.Sprintf("ConfigMap %d key %s → %s", c.ConfigMapId, c.Key, c.MountPath)
		},
		[]part[model.ConfigMapMount]{
			{name: "configMapId", label: "ConfigMap ID", help: "The numeric ID of the ConfigMap.", placeholder: "16",
				get: func(c *model.ConfigMapMount) string {
					if c.ConfigMapId == 0 {
						return ""
					}
					return strconv.FormatInt(c.ConfigMapId, 10)
				},
				set: func(c *model.ConfigMapMount, v string) error {
					if strings.TrimSpace(v) == "" {
						c.ConfigMapId = 0
						return nil
					}
					n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
					if err != nil {
						c.ConfigMapId = 0
						return errNotNumber
					}
					c.ConfigMapId = n
					return nil
				}},
			strPart("key", "Key", "The key to mount, or sae-sys-configmap-all for every key.", "sae-sys-configmap-all", func(c *model.ConfigMapMount) *string { return &c.Key }),
			strPart("mountPath", "Mount path", "The file or directory path in the container.", "/etc/app", func(c *model.ConfigMapMount) *string { return &c.MountPath }),
		}))
	cm.label = "ConfigMapMountDesc (ConfigMap files)"
	ref := textField("RefAppId", func(t *model.Template) *string { return &t.RefAppId })
	best := textField("BestEffortType", func(t *model.Template) *string { return &t.BestEffortType })
	return &step{
		name:   "Storage",
		intro:  "Optional: log collection (SLS), NAS, OSS and ConfigMap mounts, and advanced settings. All optional: a job that needs none leaves them empty.",
		fields: []*field{sls, nasConfigs, foldField(), nasID, host, mounts, oss, akID, akSecret, cm, ref, best},
	}
}

func slsList() *listSpec {
	return sliceList("SlsConfigs", "Log collection", "log",
		"What to collect into Simple Log Service: the standard output, or log files. Leave project and logstore empty to let SAE create them.",
		func(t *model.Template) *[]model.SlsConfig { return &t.SlsConfigs },
		func(c model.SlsConfig) string {
			s := "file " + model.Deref(c.LogDir)
			if model.Deref(c.LogType) == model.LogTypeStdout {
				s = "standard output"
			}
			if p := model.Deref(c.ProjectName); p != "" {
				s += " → " + p + "/" + model.Deref(c.LogstoreName)
			}
			return s
		},
		[]part[model.SlsConfig]{
			{name: "logType", label: "Collect", kind: kindSelect,
				options: []option{{"a log file", ""}, {"the standard output", model.LogTypeStdout}},
				get:     func(c *model.SlsConfig) string { return model.Deref(c.LogType) },
				set: func(c *model.SlsConfig, v string) error {
					if v == "" {
						c.LogType = nil
						if model.Deref(c.LogDir) == "" {
							c.LogDir = nil
						}
					} else {
						c.LogType = &v
						if c.LogDir == nil {
							c.LogDir = model.Ptr("")
						}
					}
					return nil
				}},
			{name: "logDir", label: "Log file", help: "The absolute path of the log file, like /tmp/a.log.", placeholder: "/tmp/a.log",
				show: func(c *model.SlsConfig) bool {
					return model.Deref(c.LogType) != model.LogTypeStdout || model.Deref(c.LogDir) != ""
				},
				get: func(c *model.SlsConfig) string { return model.Deref(c.LogDir) },
				set: func(c *model.SlsConfig, v string) error { c.LogDir = optStr(v, c.LogType != nil); return nil }},
			optPart("projectName", "SLS project", "Your own SLS project (not starting with sae-); empty lets SAE create one.", func(c *model.SlsConfig) **string { return &c.ProjectName }),
			optPart("logstoreName", "Logstore", "Your own logstore in that project; give both or neither.", func(c *model.SlsConfig) **string { return &c.LogstoreName }),
			optPart("logtailName", "Logtail config", "The Logtail configuration name; empty lets SAE create one.", func(c *model.SlsConfig) **string { return &c.LogtailName }),
		})
}

func optStr(v string, keepEmpty bool) *string {
	if v == "" && !keepEmpty {
		return nil
	}
	return &v
}

// part is one field of a list item of type T.
type part[T any] struct {
	name, label, help, placeholder string
	kind                           fieldKind
	options                        []option
	get                            func(*T) string
	set                            func(*T, string) error
	show                           func(*T) bool
}

func strPart[T any](name, label, help, placeholder string, p func(*T) *string) part[T] {
	return part[T]{name: name, label: label, help: help, placeholder: placeholder,
		get: func(x *T) string { return *p(x) },
		set: func(x *T, v string) error { *p(x) = v; return nil }}
}

func optPart[T any](name, label, help string, p func(*T) **string) part[T] {
	return part[T]{name: name, label: label, help: help,
		get: func(x *T) string { return model.Deref(*p(x)) },
		set: func(x *T, v string) error { *p(x) = optStr(v, false); return nil }}
}

func boolPart[T any](name, label string, p func(*T) **bool) part[T] {
	return part[T]{name: name, label: label, kind: kindSelect, help: "yes mounts it read-only.",
		options: []option{{"not set (read-write)", ""}, {"yes", "true"}, {"no", "false"}},
		get: func(x *T) string {
			if b := *p(x); b != nil {
				return strconv.FormatBool(*b)
			}
			return ""
		},
		set: func(x *T, v string) error {
			if v == "" {
				*p(x) = nil
			} else {
				b := v == "true"
				*p(x) = &b
			}
			return nil
		}}
}

// sliceList edits a list parameter of structs, one part per field.
func sliceList[T any](param, title, noun, intro string, get func(*model.Template) *[]T, line func(T) string, parts []part[T]) *listSpec {
	item := func(t *model.Template, i int) *T {
		s := *get(t)
		if i < len(s) {
			return &s[i]
		}
		var zero T
		return &zero
	}
	return &listSpec{
		param: param,
		title: title,
		noun:  noun,
		intro: intro,
		count: func(t *model.Template) int { return len(*get(t)) },
		line:  func(t *model.Template, i int) string { return line((*get(t))[i]) },
		add: func(t *model.Template) {
			var zero T
			*get(t) = append(*get(t), zero)
		},
		remove: func(t *model.Template, i int) func() {
			s := *get(t)
			old := s[i]
			s = append(s[:i:i], s[i+1:]...)
			if len(s) == 0 {
				s = nil
			}
			*get(t) = s
			return func() {
				cur := *get(t)
				at := min(i, len(cur))
				*get(t) = append(cur[:at:at], append([]T{old}, cur[at:]...)...)
			}
		},
		blank: func(t *model.Template, i int) bool {
			var zero T
			return reflect.DeepEqual((*get(t))[i], zero)
		},
		item: func(i int) []*field {
			out := make([]*field, 0, len(parts))
			for _, p := range parts {
				p := p
				f := &field{
					kind: p.kind, param: param, paths: []string{fmt.Sprintf("%s[%d].%s", param, i, p.name)},
					label: p.label, help: p.help, placeholder: p.placeholder,
					get: func(t *model.Template) string { return p.get(item(t, i)) },
					set: func(t *model.Template, v string) error { return p.set(item(t, i), v) },
				}
				if p.options != nil {
					opts := p.options
					f.options = func(*model.Template) []option { return opts }
				}
				if p.show != nil {
					f.show = func(t *model.Template) bool { return p.show(item(t, i)) }
				}
				out = append(out, f)
			}
			return out
		},
	}
}
