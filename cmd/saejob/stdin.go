package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/saejob/saejob/model"
)

// loadTemplate loads the template file at path, or reads it from standard
// input when path is "-" (JSON when it starts with "{", else YAML), so that
// 'saejob import APPID | saejob preview -' works.
func loadTemplate(a *app, path string) (*model.Template, error) {
	if path != "-" {
		return model.Load(path)
	}
	data, err := io.ReadAll(io.LimitReader(a.stdin, model.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the template from standard input: %v", err)
	}
	if len(data) > model.MaxFileSize {
		return nil, &model.FileError{Path: stdinName, Msg: "the input is larger than 1 MiB, the limit for a template file"}
	}
	format := model.YAML
	if bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n\ufeff"), []byte("{")) {
		format = model.JSON
	}
	return model.Parse(data, format, stdinName)
}
