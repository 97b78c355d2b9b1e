package model

// validator collects the problems of one template.
type validator struct {
	t        *Template
	problems Problems
}

func (v *validator) run() {}
