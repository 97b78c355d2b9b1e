// Package assets holds what ships inside the saejob binary besides code: the
// bundled example templates. The JSON Schema of the template file is kept
// beside them (saejob.schema.json) for editors that load it from the
// repository.
package assets

import (
	"embed"
	"strings"
)

//go:generate sh -c "go run ../cmd/saejob schema > saejob.schema.json"

//go:embed examples/*.yaml
var examples embed.FS

// Example is one bundled example template.
type Example struct {
	// Name is how the user names it: `saejob new --from NAME`, `saejob examples NAME`.
	Name string
	// Title says in one line what the job does.
	Title string
	// Data is the template file as it ships (YAML).
	Data []byte
}

// FileName is the name the example is saved under.
func (e Example) FileName() string { return e.Name + ".yaml" }

// exampleNames lists the examples in the order they are shown: one per
// language and package type, both trigger kinds.
var exampleNames = []string{
	"java-fatjar-cron",
	"java-war",
	"python-zip-http",
	"php",
	"image-shell",
}

// Examples returns every bundled example, in the order they are listed.
func Examples() []Example {
	out := make([]Example, 0, len(exampleNames))
	for _, name := range exampleNames {
		e, _ := Find(name)
		out = append(out, e)
	}
	return out
}

// Find returns the bundled example called name; a trailing ".yaml" is
// allowed. (A function named Example would clash with the type.)
func Find(name string) (Example, bool) {
	name = strings.TrimSuffix(name, ".yaml")
	data, err := examples.ReadFile("examples/" + name + ".yaml")
	if err != nil {
		return Example{}, false
	}
	return Example{Name: name, Title: title(data), Data: data}, true
}

// Names lists the names of the bundled examples.
func Names() []string { return append([]string(nil), exampleNames...) }

// title is the first comment line of the file that is not an editor directive.
func title(data []byte) string {
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "#") {
			break
		}
		text := strings.TrimSpace(strings.TrimPrefix(line, "#"))
		if text == "" || strings.HasPrefix(text, "yaml-language-server:") {
			continue
		}
		return text
	}
	return ""
}
