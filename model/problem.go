package model

import "strings"

// Severity says whether a problem stops the template from being sent.
type Severity int

// Severities.
const (
	Error   Severity = iota // the template is invalid
	Warning                 // valid, but probably not what was meant
)

// Problem is one thing wrong with a template. Path says where: the
// parameter, and the list item and key inside it; Field is Path's text
// (Envs[2].name), which `validate --json` prints. Code is the reference's
// error code where one applies, else InvalidParameter.Obviously or
// InvalidParameter.WithMessage; Message says what is wrong and how to fix it.
// Build problems with NewProblem, so that Field and Path agree.
type Problem struct {
	Path     Path     `json:"-"`
	Field    string   `json:"field"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	Severity Severity `json:"-"`
}

// NewProblem is the problem at path.
func NewProblem(path Path, severity Severity, code, message string) Problem {
	return Problem{Path: path, Field: path.String(), Code: code, Message: message, Severity: severity}
}

// Param returns the parameter the problem belongs to.
func (p Problem) Param() string {
	if p.Path.Param != "" {
		return p.Path.Param
	}
	return FieldParam(p.Field)
}

// Problems is the result of validating a template.
type Problems []Problem

// Errors returns the problems that make the template invalid.
func (ps Problems) Errors() Problems { return ps.filter(Error) }

// Warnings returns the problems that do not stop the template from being sent.
func (ps Problems) Warnings() Problems { return ps.filter(Warning) }

// Valid reports whether there is no error (warnings allowed).
func (ps Problems) Valid() bool {
	for _, p := range ps {
		if p.Severity == Error {
			return false
		}
	}
	return true
}

// For returns the problems whose field is name or lies inside it
// (name "Envs" matches "Envs[2].name").
func (ps Problems) For(name string) Problems {
	var out Problems
	for _, p := range ps {
		if p.Param() == name {
			out = append(out, p)
		}
	}
	return out
}

func (ps Problems) filter(s Severity) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// FieldParam returns the parameter name a problem field belongs to
// ("Envs[2].name" -> "Envs", "TriggerConfig.config" -> "TriggerConfig").
func FieldParam(field string) string {
	if i := strings.IndexAny(field, "[."); i >= 0 {
		return field[:i]
	}
	return field
}
