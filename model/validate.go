package model

// Validate checks every rule of the reference and returns all problems at
// once: errors, which make the template invalid, and warnings.
func (t *Template) Validate() Problems {
	v := validator{t: t}
	for _, p := range t.LoadProblems {
		// Once the parameter is set again (in the wizard), its load problem is gone.
		if _, known := Lookup(FieldParam(p.Field)); known && t.IsSet(FieldParam(p.Field)) {
			continue
		}
		v.problems = append(v.problems, p)
	}
	v.problems = append(v.problems, t.rawProblems()...)
	loaded := len(v.problems)
	v.run()
	// A value the file wrote but that did not load is present all the
	// same, and unknown: its load problem says what is wrong, and no rule
	// speaks about it as if it were missing ("Replicas is required") or
	// empty ("SliceEnvs lists no shards").
	kept := v.problems[:loaded]
	for _, p := range v.problems[loaded:] {
		if t.raw(p.Param()) != nil {
			continue
		}
		kept = append(kept, p)
	}
	return kept
}
