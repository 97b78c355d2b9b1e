package model

import (
	"strconv"
	"strings"
)

// Path says where in a template a problem lies: a parameter, then the list
// items and keys inside its value. Build it with At, Item and Key; String
// gives the form `validate --json` prints (Envs[2].name).
//
// A Path is a comparable value (problems are compared and used as map keys)
// and building one allocates nothing: it holds up to maxPathSteps steps,
// deeper than any shape saejob knows; a deeper place is named by its first steps.
type Path struct {
	// Param is the parameter, or for an unknown key of a file the key as written.
	Param string
	n     int
	steps [maxPathSteps]pathStep
}

const maxPathSteps = 6

// pathStep is one step inside a parameter's value: a key, or a list item.
type pathStep struct {
	key   string // "" for a list item
	index int
}

// At is the path of the parameter itself.
func At(param string) Path { return Path{Param: param} }

// Item is the path of list item i (from 0) inside p.
func (p Path) Item(i int) Path { return p.with(pathStep{index: i}) }

// Key is the path of key k inside p.
func (p Path) Key(k string) Path { return p.with(pathStep{key: k}) }

func (p Path) with(s pathStep) Path {
	if p.n < maxPathSteps {
		p.steps[p.n] = s
		p.n++
	}
	return p
}

// Index returns the list item of the parameter the path lies in, or -1 when
// it names no item (Envs[2].name: 2; TomcatConfig.port: -1).
func (p Path) Index() int {
	if p.n == 0 || p.steps[0].key != "" {
		return -1
	}
	return p.steps[0].index
}

// Depth is the number of steps below the parameter.
func (p Path) Depth() int { return p.n }

// Step returns step i below the parameter: a key, or (key "") a list item.
func (p Path) Step(i int) (key string, index int) { return p.steps[i].key, p.steps[i].index }

// IsZero reports whether the path names nothing.
func (p Path) IsZero() bool { return p.Param == "" && p.n == 0 }

// String writes the path as problems name it: Envs[2].name, TriggerConfig.config.method[0].
func (p Path) String() string {
	if p.n == 0 {
		return p.Param
	}
	var b strings.Builder
	b.WriteString(p.Param)
	for _, s := range p.steps[:p.n] {
		if s.key != "" {
			b.WriteByte('.')
			b.WriteString(s.key)
			continue
		}
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(s.index))
		b.WriteByte(']')
	}
	return b.String()
}

// Words writes the path for people, positions counted from 1 as messages
// and screens count them: "Envs #2 name" for Envs[1].name,
// "TriggerConfig.config" as it is. String is the
// form of --json's field, a contract.
func (p Path) Words() string {
	var b strings.Builder
	b.WriteString(p.Param)
	afterItem := false
	for _, s := range p.steps[:p.n] {
		if s.key != "" {
			// Keys keep their dots, except right after a position.
			sep := byte('.')
			if afterItem {
				sep = ' '
			}
			b.WriteByte(sep)
			b.WriteString(s.key)
			afterItem = false
			continue
		}
		b.WriteString(" #")
		b.WriteString(strconv.Itoa(s.index + 1))
		afterItem = true
	}
	return b.String()
}

// ParsePath reads a path from its String form; ok is false when s is not one.
func ParsePath(s string) (p Path, ok bool) {
	i := strings.IndexAny(s, "[.")
	if i < 0 {
		return At(s), s != ""
	}
	p = At(s[:i])
	for rest := s[i:]; rest != ""; {
		switch rest[0] {
		case '.':
			rest = rest[1:]
			j := strings.IndexAny(rest, "[.")
			if j < 0 {
				j = len(rest)
			}
			if j == 0 {
				return p, false
			}
			p, rest = p.Key(rest[:j]), rest[j:]
		case '[':
			j := strings.IndexByte(rest, ']')
			n, err := strconv.Atoi(rest[1:max(j, 1)])
			if j < 0 || err != nil || n < 0 {
				return p, false
			}
			p, rest = p.Item(n), rest[j+1:]
		default:
			return p, false
		}
	}
	return p, p.Param != ""
}
