package ui

import "github.com/saejob/saejob/model"

// basicsStep names the job and places it: namespace and network.
func basicsStep() *step {
	name := textField("AppName", func(t *model.Template) *string { return &t.AppName })
	name.label = "AppName (required)"
	name.placeholder = "nightly-report"
	desc := textField("AppDescription", func(t *model.Template) *string { return &t.AppDescription })
	ns := textField("NamespaceId", func(t *model.Template) *string { return &t.NamespaceId })
	name.extra = (*Model).nameNote // a job of that name already in the account
	ns.extra = func(m *Model) []string { return m.fieldNote("NamespaceId") }
	auto := boolField("AutoConfig", func(t *model.Template) **bool { return &t.AutoConfig })
	auto.label = "AutoConfig (network)"
	auto.options = func(*model.Template) []option {
		return []option{{"not set (use the namespace's network)", ""}, {"yes, SAE configures it", "true"}, {"no, I give VPC, vSwitch, group", "false"}}
	}
	manual := func(t *model.Template) bool { return !model.Deref(t.AutoConfig) }
	vpc := textField("VpcId", func(t *model.Template) *string { return &t.VpcId })
	vpc.show = manual
	vsw := textField("VSwitchId", func(t *model.Template) *string { return &t.VSwitchId })
	vsw.show = manual
	sg := textField("SecurityGroupId", func(t *model.Template) *string { return &t.SecurityGroupId })
	sg.show = manual
	// Workload is always "job", sent for you: shown under the fold, never
	// a tab stop (unless a file set it to something else).
	workload := &field{kind: kindNote, param: "Workload", label: "Workload", help: docOf("Workload"),
		placeholder: "job (always; sent for you)", advanced: true, noStop: true,
		get: func(t *model.Template) string { return t.Workload },
		set: func(t *model.Template, v string) error { t.Workload = v; return nil }}
	return &step{
		name:   "Basics",
		intro:  "Name the job template and say where it runs. Only AppName is required here; the rest default to the namespace's settings.",
		fields: []*field{name, desc, ns, auto, vpc, vsw, sg, foldField(), workload},
	}
}
