package model

// Code is one SAE error code of the CreateJob reference, with what it means
// in plain words, the parameters it points at and what to do.
type Code struct {
	Code       string   `json:"code"`
	HTTPStatus int      `json:"httpStatus"`
	Message    string   `json:"message"`
	Meaning    string   `json:"meaning"`
	Fields     []string `json:"fields,omitempty"`
	Fix        string   `json:"fix"`
}

// Codes lists every error code of the reference.
var Codes = []Code{}

// Explain returns the catalogue entry for an error code (case-insensitive).
func Explain(code string) (Code, bool) { return Code{}, false }
