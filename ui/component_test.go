package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// No screen sees the root model: no method of a screen (or of the steps
// the wizard draws) takes or returns *Model, nor builds a function that
// does. Screens get a common and tell the root what to do.
func TestScreensDoNotTakeTheRootModel(t *testing.T) {
	screens := map[string]bool{
		"picker": true, "confirm": true, "saveScreen": true, "startMenu": true, "startList": true,
		"keyChecking": true, "submitting": true, "result": true, "listScreen": true, "itemScreen": true,
		"review": true, "requestPane": true, "followup": true, "chooser": true, "wizard": true, "step": true,
		"field": true, "confirmForm": true, "savePathForm": true, "openFileForm": true,
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil {
				continue
			}
			recv := fn.Recv.List[0].Type
			if st, ok := recv.(*ast.StarExpr); ok {
				recv = st.X
			}
			id, ok := recv.(*ast.Ident)
			if !ok || !screens[id.Name] {
				continue
			}
			checked++
			ast.Inspect(fn, func(n ast.Node) bool {
				if st, ok := n.(*ast.StarExpr); ok {
					if x, ok := st.X.(*ast.Ident); ok && x.Name == "Model" {
						t.Errorf("%s: (%s).%s uses *Model", fset.Position(st.Pos()), id.Name, fn.Name.Name)
					}
				}
				return true
			})
		}
	}
	if checked < 50 {
		t.Fatalf("only %d screen methods found: is the list of screens right?", checked)
	}
}

// A screen tells the root what to do, in order, and the root acts on it
// in the same Update: the picker closes and its choice is applied before
// the next View.
func TestScreensTellTheRootInOrder(t *testing.T) {
	m := newTestModel(t, fatJar(), StartSteps)
	m.wizard.enter(m.Session, 2) // Resources: Cpu is a choice
	f := fieldByParam(t, m, "Cpu")
	p := newPicker(m.Session, f)

	var box []tea.Msg
	c := m.common(80, 24)
	c.out = &box
	p.update(c, tea.KeyMsg{Type: tea.KeyEsc})
	if len(box) != 1 || box[0] != (popScreen{}) {
		t.Fatalf("esc on the picker told %#v, want one popScreen", box)
	}

	box = box[:0]
	before := *m.t.Cpu
	p.update(c, tea.KeyMsg{Type: tea.KeyDown})
	p.update(c, tea.KeyMsg{Type: tea.KeyEnter})
	if len(box) != 2 || box[0] != (popScreen{}) {
		t.Fatalf("enter on the picker told %#v, want popScreen then appliedMsg", box)
	}
	if a, ok := box[1].(appliedMsg); !ok || a.f != f {
		t.Fatalf("enter on the picker told %#v, want appliedMsg for Cpu", box[1])
	}
	if *m.t.Cpu == before {
		t.Fatalf("the picker did not set Cpu on the session's template")
	}

	// Through the root: the picker closes and the change applies at once.
	m.push(newPicker(m.Session, f))
	press(m, "down", "enter")
	if _, ok := m.top().(*wizard); !ok {
		t.Fatalf("after enter the top is %T, want the steps", m.top())
	}
	if len(m.outbox) != 0 {
		t.Fatalf("the root left %d messages unread", len(m.outbox))
	}
}

func fieldByParam(t *testing.T, m *Model, param string) *field {
	t.Helper()
	for _, f := range m.wizard.step().fields {
		if f.param == param {
			return f
		}
	}
	t.Fatalf("no field %s on step %d", param, m.wizard.cur+1)
	return nil
}
