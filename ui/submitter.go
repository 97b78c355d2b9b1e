package ui

import (
	"context"

	"github.com/saejob/saejob/model"
)

// Submitter sends a template to SAE (or to a sandbox) once, and says what
// came of it. cmd hands the wizard the real one; tests hand it a fake or the
// sandbox. ui never talks to the network itself.
type Submitter interface {
	Submit(ctx context.Context, t *model.Template) model.SubmitOutcome
}

// Targeter is implemented by a Submitter that can say where it sends, e.g.
// "SAE cn-hangzhou" or "the local sandbox at 127.0.0.1:8080 (nothing runs)".
type Targeter interface {
	Target() string
}
