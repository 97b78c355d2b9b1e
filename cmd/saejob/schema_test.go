package main

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/saejob/saejob/model"
)

var updateSchema = flag.Bool("update-schema", false, "rewrite assets/saejob.schema.json from model.Schema")

// TestSchemaFileUpToDate checks that the schema kept in the repository, the
// one editors load from model.SchemaURL, is what `saejob schema` prints.
func TestSchemaFileUpToDate(t *testing.T) {
	const path = "../../assets/saejob.schema.json"
	code, want, stderr := runApp("schema")
	if code != exitOK || stderr != "" {
		t.Fatalf("saejob schema: exit %d, stderr %s", code, stderr)
	}
	if !bytes.HasPrefix(bytes.TrimSpace(model.Schema()), []byte("{")) {
		t.Fatal("model.Schema() is not a JSON object")
	}
	if *updateSchema {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is out of date: run go generate ./assets (or go test ./cmd/saejob -run SchemaFile -update-schema)", path)
	}
}
