package model

// Validate checks every rule of the reference and returns all problems at
// once: errors, which make the template invalid, and warnings.
func (t *Template) Validate() Problems {
	v := validator{t: t}
	v.problems = append(v.problems, t.LoadProblems...)
	v.run()
	return v.problems
}
