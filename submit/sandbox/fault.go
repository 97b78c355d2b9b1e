package sandbox

import (
	"fmt"
	"strconv"
	"strings"
)

// FaultMode is how the sandbox misbehaves on purpose.
type FaultMode int

// Fault modes.
const (
	// None answers as SAE would.
	None FaultMode = iota
	// Error answers with a given error code.
	Error
	// Stall reads the request and never answers (until the client gives up).
	Stall
	// Drop reads the request and closes the connection without an answer.
	Drop
	// Garbage answers with a body that is not JSON.
	Garbage
)

// Shape is the body shape of an error answer.
type Shape int

// Error shapes.
const (
	// ShapeSAE is SAE's own body with the error's HTTP status:
	// {RequestId, Code:"400", Message, ErrorCode, Success:false, TraceId, Data:null}.
	ShapeSAE Shape = iota
	// ShapePOP is the API gateway's body: {RequestId, HostId, Code, Message, Recommend}.
	ShapePOP
	// ShapeOK is SAE's body with HTTP 200 and Success false.
	ShapeOK
)

// Fault is a misbehaviour for tests and practice.
type Fault struct {
	Mode FaultMode
	// Code is the error code to answer (Error).
	Code string
	// Shape is the error body shape (Error).
	Shape Shape
	// Status overrides the HTTP status: of the error (Error; default from
	// the catalogue, else 400) or of the garbage (Garbage; default 200).
	Status int
}

// String writes f in the form ParseFault reads.
func (f Fault) String() string {
	switch f.Mode {
	case Error:
		s := "error:" + f.Code
		switch f.Shape {
		case ShapePOP:
			s += ":pop"
		case ShapeOK:
			s += ":200"
		}
		if f.Status != 0 && f.Shape != ShapeOK {
			s += ":" + strconv.Itoa(f.Status)
		}
		return s
	case Stall:
		return "stall"
	case Drop:
		return "drop"
	case Garbage:
		if f.Status != 0 && f.Status != 200 {
			return "garbage:" + strconv.Itoa(f.Status)
		}
		return "garbage"
	}
	return "none"
}

// FaultSyntax describes what ParseFault reads.
const FaultSyntax = `none | error:CODE[:sae|:pop|:200][:STATUS] | stall | drop | garbage[:STATUS]`

// ParseFault reads a fault: "none", "error:CODE" (SAE's body), "error:CODE:pop"
// (POP's body), "error:CODE:200" (HTTP 200 with Success false), optionally
// followed by ":STATUS"; "stall"; "drop"; "garbage" or "garbage:502".
func ParseFault(s string) (Fault, error) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	bad := fmt.Errorf("fault %q: expected %s", s, FaultSyntax)
	switch strings.ToLower(parts[0]) {
	case "", "none":
		if len(parts) > 1 {
			return Fault{}, bad
		}
		return Fault{}, nil
	case "stall":
		if len(parts) > 1 {
			return Fault{}, bad
		}
		return Fault{Mode: Stall}, nil
	case "drop":
		if len(parts) > 1 {
			return Fault{}, bad
		}
		return Fault{Mode: Drop}, nil
	case "garbage":
		f := Fault{Mode: Garbage, Status: 200}
		if len(parts) == 2 {
			n, err := strconv.Atoi(parts[1])
			if err != nil || n < 100 || n > 599 {
				return Fault{}, bad
			}
			f.Status = n
		} else if len(parts) > 2 {
			return Fault{}, bad
		}
		return f, nil
	case "error":
		if len(parts) < 2 || parts[1] == "" {
			return Fault{}, bad
		}
		f := Fault{Mode: Error, Code: parts[1]}
		for _, p := range parts[2:] {
			switch strings.ToLower(p) {
			case "sae":
				f.Shape = ShapeSAE
			case "pop":
				f.Shape = ShapePOP
			case "200", "ok":
				f.Shape = ShapeOK
			default:
				n, err := strconv.Atoi(p)
				if err != nil || n < 400 || n > 599 {
					return Fault{}, bad
				}
				f.Status = n
			}
		}
		return f, nil
	}
	return Fault{}, bad
}
