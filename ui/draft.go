package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"
)

// DraftStore keeps the work in progress in one file, written atomically with
// mode 0600. Clear secrets are left out (environment references are kept).
type DraftStore struct {
	Path string
}

// DefaultDraftStore is the draft under the user's config directory
// (~/.config/saejob/draft.json on Linux).
func DefaultDraftStore() (*DraftStore, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return nil, err
	}
	return &DraftStore{Path: filepath.Join(dir, "saejob", "draft.json")}, nil
}

// Draft is a saved work in progress.
type Draft struct {
	Version int       `json:"version"`
	Saved   time.Time `json:"saved"`
	// Step is the wizard step the user was on (0-based; -1 the review).
	Step int `json:"step"`
	// Path is the file being edited, if any.
	Path string `json:"path,omitempty"`
	// Reason says why it was written last: "" while working, or "quit",
	// "interrupt", "hang-up", "terminate", "failed submit".
	Reason string `json:"reason,omitempty"`
	// SecretsLeftOut names secret parameters that held a clear secret,
	// which the draft does not keep.
	SecretsLeftOut []string        `json:"secretsLeftOut,omitempty"`
	Template       json.RawMessage `json:"template"`
}

// Load reads the draft; (nil, nil, nil) when there is none.
func (s *DraftStore) Load() (*Draft, *model.Template, error) {
	data, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var d Draft
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, nil, fmt.Errorf("the draft %s is damaged: %v", s.Path, err)
	}
	t, err := model.Parse(d.Template, model.JSON, s.Path)
	if err != nil {
		return &d, nil, fmt.Errorf("the draft %s is damaged: %v", s.Path, err)
	}
	return &d, t, nil
}

// Save writes the draft atomically (temp file, sync, rename), mode 0600.
func (s *DraftStore) Save(d Draft, t *model.Template) error {
	data, err := model.Marshal(t, model.JSON, model.SaveOptions{})
	if err != nil {
		return err
	}
	d.Version = 1
	d.Template = data
	d.SecretsLeftOut = t.ClearSecrets()
	out, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.Path), ".draft-*.tmp")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err := tmp.Write(append(out, '\n')); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), s.Path); err != nil {
		return err
	}
	ok = true
	return nil
}

// Keep moves an existing draft aside (draft-<time>.json) so that a new
// session does not overwrite work the user chose not to resume.
func (s *DraftStore) Keep(now time.Time) (string, error) {
	if _, err := os.Stat(s.Path); err != nil {
		return "", nil
	}
	ext := filepath.Ext(s.Path)
	dst := s.Path[:len(s.Path)-len(ext)] + "-" + now.Format("20060102-150405") + ext
	return dst, os.Rename(s.Path, dst)
}

// Remove deletes the draft (once the work is safe in a file).
func (s *DraftStore) Remove() error {
	err := os.Remove(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// scheduleDraft writes the draft a short pause after the last change.
func (m *Model) scheduleDraft() tea.Cmd {
	if m.opts.Drafts == nil {
		return nil
	}
	m.draftSeq++
	seq := m.draftSeq
	return tea.Tick(m.opts.DraftDelay, func(time.Time) tea.Msg { return draftTickMsg{seq: seq} })
}

// saveDraft writes the draft now when there is unsaved work.
func (m *Model) saveDraft() { m.saveDraftReason("") }

func (m *Model) saveDraftReason(reason string) bool {
	if m.opts.Drafts == nil || m.gen == m.savedGen {
		return false
	}
	if !m.draftOwned {
		// A draft left from before that the user did not resume is kept aside.
		if _, err := m.opts.Drafts.Keep(m.opts.Now()); err != nil {
			m.draftErr = err.Error()
		}
		m.draftOwned = true
	}
	step := m.wizard.cur
	if _, ok := m.top().(*review); ok {
		step = -1
	}
	d := Draft{Saved: m.opts.Now(), Step: step, Path: m.path, Reason: reason}
	if err := m.opts.Drafts.Save(d, m.t); err != nil {
		m.draftErr = err.Error()
		return false
	}
	m.draftErr = ""
	m.draftSaved = d.Saved
	return true
}

// finishDraft keeps the draft when the program ends and says where it is.
func (m *Model) finishDraft(reason string) string {
	if reason == "" {
		reason = "quit"
	}
	if m.opts.Drafts == nil {
		if m.gen != m.savedGen {
			return "Quit without saving."
		}
		return ""
	}
	if m.gen == m.savedGen {
		if m.path != "" {
			return "Saved in " + m.path + "."
		}
		return ""
	}
	if m.saveDraftReason(reason) {
		msg := "Your work is kept as a draft in " + m.opts.Drafts.Path + "; run saejob to resume it."
		if secrets := m.t.ClearSecrets(); len(secrets) > 0 {
			msg += fmt.Sprintf(" (%v was not kept: secrets are never written to drafts.)", secrets)
		}
		return msg
	}
	return "Could not keep the draft: " + m.draftErr
}

// dropDraft deletes the draft once the work is saved to a file.
func (m *Model) dropDraft() {
	if m.opts.Drafts != nil && m.draftOwned {
		_ = m.opts.Drafts.Remove()
		m.draftSaved = time.Time{}
	}
}
