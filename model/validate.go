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
	v.run()
	return v.problems
}
