package main

import (
	"os"
	"strings"
	"testing"

	"github.com/saejob/saejob/assets"
	"github.com/saejob/saejob/model"
)

// TestExamplesValidate checks that every bundled example loads and
// validates with no problem at all, not even a warning.
func TestExamplesValidate(t *testing.T) {
	for _, e := range assets.Examples() {
		tp, err := model.Parse(e.Data, model.YAML, e.FileName())
		if err != nil {
			t.Errorf("%s: %v", e.Name, err)
			continue
		}
		for _, p := range tp.Validate() {
			t.Errorf("%s: %s", e.Name, problemText(p))
		}
	}
}

// TestREADMETemplate checks that the README's annotated template validates
// with no problem and names the schema where it is published.
func TestREADMETemplate(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "<!-- readme-template -->\n```yaml\n")
	text, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("README.md has no ```yaml block after <!-- readme-template -->")
	}
	if first, _, _ := strings.Cut(text, "\n"); first != "# yaml-language-server: $schema="+model.SchemaURL {
		t.Errorf("the README template's first line is %q, want the schema comment for %s", first, model.SchemaURL)
	}
	if !strings.Contains(string(readme), "$schema="+model.SchemaURL+"\n```") {
		t.Errorf("README.md's editor section does not name %s", model.SchemaURL)
	}
	tp, err := model.Parse([]byte(text), model.YAML, "README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range tp.Validate() {
		t.Errorf("README template: %s", problemText(p))
	}
}
