package assets

import "testing"

func TestExamplesAreListedAndTitled(t *testing.T) {
	entries, err := examples.ReadDir("examples")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(exampleNames) {
		t.Errorf("%d files in examples/ but %d names listed: list every file in exampleNames", len(entries), len(exampleNames))
	}
	for _, e := range Examples() {
		if len(e.Data) == 0 || e.Title == "" {
			t.Errorf("example %q: empty data or no title comment", e.Name)
		}
	}
	if _, ok := Find("php.yaml"); !ok {
		t.Error(`Find("php.yaml") not found`)
	}
	if _, ok := Find("nope"); ok {
		t.Error(`Find("nope") found`)
	}
}
