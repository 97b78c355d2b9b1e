package ui

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/saejob/saejob/model"
)

// resourcesStep: CPU, then only the memory sizes that pair with it, and how
// the job runs: replicas, timeout, retries, grace period, sharding.
func resourcesStep() *step {
	cpu := &field{
		kind: kindSelect, param: "Cpu", label: "Cpu", help: docOf("Cpu"),
		options: func(*model.Template) []option {
			out := []option{{"not set (SAE's default)", ""}}
			for _, c := range model.CPUs {
				out = append(out, option{fmt.Sprintf("%s %s (%d)", cores(c), pick(c == 1000, "core", "cores"), c), strconv.Itoa(c)})
			}
			return out
		},
		get: intGetter(func(t *model.Template) **int { return &t.Cpu }),
		set: intSetter(func(t *model.Template) **int { return &t.Cpu }),
	}
	mem := &field{
		kind: kindSelect, param: "Memory", label: "Memory",
		help: "Memory per instance; only the sizes that pair with the chosen Cpu are offered.",
		options: func(t *model.Template) []option {
			sizes := model.Memories
			if t.Cpu != nil && len(model.MemoriesFor(*t.Cpu)) > 0 {
				sizes = model.MemoriesFor(*t.Cpu)
			}
			out := []option{{"not set (SAE's default)", ""}}
			for _, mb := range sizes {
				out = append(out, option{fmt.Sprintf("%d GB (%d)", mb/1024, mb), strconv.Itoa(mb)})
			}
			return out
		},
		get: intGetter(func(t *model.Template) **int { return &t.Memory }),
		set: intSetter(func(t *model.Template) **int { return &t.Memory }),
	}
	// SAE's quote (account.go), under Memory whenever the step is shown.
	mem.extra, mem.alwaysExtra = (*Model).priceNote, true
	rep := intField("Replicas", func(t *model.Template) **int { return &t.Replicas })
	rep.label = "Replicas (required)"
	rep.placeholder = "1"
	timeout := intField("Timeout", func(t *model.Template) **int { return &t.Timeout })
	backoff := intField("BackoffLimit", func(t *model.Template) **int { return &t.BackoffLimit })
	grace := intField("TerminationGracePeriodSeconds", func(t *model.Template) **int { return &t.TerminationGracePeriodSeconds })
	grace.placeholder = "30"
	slice := boolField("Slice", func(t *model.Template) **bool { return &t.Slice })
	shards := listField(sliceEnvsList())
	shards.show = func(t *model.Template) bool { return model.Deref(t.Slice) || len(t.SliceEnvs) > 0 }
	return &step{
		name:   "Resources",
		intro:  "How big each instance is and how the job runs. Replicas is required; choose Cpu first, then a Memory that pairs with it.",
		fields: []*field{cpu, mem, rep, timeout, backoff, grace, slice, shards},
	}
}

func cores(millis int) string {
	if millis%1000 == 0 {
		return strconv.Itoa(millis / 1000)
	}
	return strconv.FormatFloat(float64(millis)/1000, 'f', -1, 64)
}

// sliceEnvsList edits SliceEnvs: one shard parameter per item, a number or
// a text.
func sliceEnvsList() *listSpec {
	get := func(t *model.Template) []string {
		out := make([]string, len(t.SliceEnvs))
		for i, r := range t.SliceEnvs {
			out[i] = sliceText(r)
		}
		return out
	}
	set := func(t *model.Template, v []string) {
		if len(v) == 0 {
			t.SliceEnvs = nil
			return
		}
		out := make([]json.RawMessage, len(v))
		for i, s := range v {
			out[i] = sliceRaw(s)
		}
		t.SliceEnvs = out
	}
	l := stringList("SliceEnvs", "Shards", "shard",
		"One parameter per shard; each shard's task gets its value. Numbers stay numbers.",
		"Shard parameter", "A number (0, 1, 2) or a text; each shard gets one.", get, set, "")
	l.line = func(t *model.Template, i int) string { return string(t.SliceEnvs[i]) }
	l.item = func(i int) []*field {
		return []*field{{
			kind: kindText, param: "SliceEnvs", paths: []string{fmt.Sprintf("SliceEnvs[%d]", i)},
			label: "Shard parameter", help: "A number (0, 1, 2) or a text; each shard gets one.",
			get: func(t *model.Template) string {
				if i < len(t.SliceEnvs) {
					return sliceText(t.SliceEnvs[i])
				}
				return ""
			},
			set: func(t *model.Template, s string) error {
				if i < len(t.SliceEnvs) {
					t.SliceEnvs[i] = sliceRaw(s)
				}
				return nil
			},
		}}
	}
	l.blank = func(t *model.Template, i int) bool { return string(t.SliceEnvs[i]) == `""` }
	return l
}

// sliceText shows a shard value as typed: numbers bare, strings unquoted.
func sliceText(r json.RawMessage) string {
	var s string
	if json.Unmarshal(r, &s) == nil {
		return s
	}
	return string(r)
}

// sliceRaw keeps a number a number and quotes anything else.
func sliceRaw(s string) json.RawMessage {
	s = strings.TrimSpace(s)
	if _, err := strconv.ParseFloat(s, 64); err == nil && json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	b, _ := json.Marshal(s)
	return b
}
