package ui

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"
)

// DraftStore keeps the work in progress in a folder, one draft per template
// being edited: <key>.json, written atomically with mode 0600, clear secrets
// left out (environment references are kept). A wizard that writes a draft
// holds <key>.lock (its pid and a session token), so that a second wizard on
// the same draft gets its own copy instead of overwriting it; the lock of a
// process that no longer runs is taken over.
type DraftStore struct {
	// Dir holds the drafts and their locks.
	Dir string
	// Legacy is the folder where earlier versions kept draft.json and
	// draft-*.json; they are moved into Dir when the drafts are listed, so
	// that they are offered, not lost. Empty for none.
	Legacy string
}

// DefaultDraftStore is the draft folder under the user's config directory
// (~/.config/saejob/drafts on Linux).
func DefaultDraftStore() (*DraftStore, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return nil, err
	}
	base := filepath.Join(dir, "saejob")
	return &DraftStore{Dir: filepath.Join(base, "drafts"), Legacy: base}, nil
}

// Draft is a saved work in progress.
type Draft struct {
	Version int       `json:"version"`
	Saved   time.Time `json:"saved"`
	// Step is the wizard step the user was on (0-based; -1 the review).
	Step int `json:"step"`
	// Path is the file being edited (absolute), if any.
	Path string `json:"path,omitempty"`
	// Reason says why it was written last: "" while working, or "quit",
	// "interrupt", "hang-up", "terminate", "failed submit".
	Reason string `json:"reason,omitempty"`
	// SecretsLeftOut names secret parameters that held a clear secret,
	// which the draft does not keep.
	SecretsLeftOut []string        `json:"secretsLeftOut,omitempty"`
	Template       json.RawMessage `json:"template"`
}

// DraftEntry is one draft of the store.
type DraftEntry struct {
	Key      string
	Draft    *Draft
	Template *model.Template
	// Err says why the draft cannot be read (it is still listed, so that
	// it can be deleted, and never removed silently).
	Err error
	// Holder is the pid of the live wizard that has the draft open, 0 when
	// none (or when it is the asking session).
	Holder int
}

// Name is what the welcome screen calls the draft: its AppName, else the
// file it edits, else "untitled".
func (e DraftEntry) Name() string {
	switch {
	case e.Template != nil && e.Template.AppName != "":
		return e.Template.AppName
	case e.Draft != nil && e.Draft.Path != "":
		return filepath.Base(e.Draft.Path)
	case e.Err != nil:
		return e.Key + " (damaged)"
	}
	return "untitled"
}

// File is the draft file of key.
func (s *DraftStore) File(key string) string { return filepath.Join(s.Dir, key+".json") }

func (s *DraftStore) lockFile(key string) string { return filepath.Join(s.Dir, key+".lock") }

// PathKey is the draft key of a template file: it is keyed by the file's
// absolute path, so that each file has its own draft.
func PathKey(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	sum := sha256.Sum256([]byte(abs))
	name := strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs))
	return "file-" + safeName(name) + "-" + hex.EncodeToString(sum[:6])
}

// newDraftKey is the key of a new template's draft: its own, never reused.
func newDraftKey(now time.Time) string {
	return "new-" + now.Format("20060102-150405") + "-" + randomHex(3)
}

func safeName(s string) string {
	out := []rune{}
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			out = append(out, r)
		}
		if len(out) == 24 {
			break
		}
	}
	return string(out)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails since Go 1.24
	return hex.EncodeToString(b)
}

// Load reads the draft of key; (nil, nil, nil) when there is none.
func (s *DraftStore) Load(key string) (*Draft, *model.Template, error) {
	path := s.File(key)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var d Draft
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, nil, fmt.Errorf("the draft %s is damaged: %v", path, err)
	}
	t, err := model.Parse(d.Template, model.JSON, path)
	if err != nil {
		return &d, nil, fmt.Errorf("the draft %s is damaged: %v", path, err)
	}
	return &d, t, nil
}

// Save writes the draft of key atomically (temp file, sync, rename), mode
// 0600.
func (s *DraftStore) Save(key string, d Draft, t *model.Template) error {
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
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(s.Dir, ".draft-*.tmp")
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
	if err := os.Rename(tmp.Name(), s.File(key)); err != nil {
		return err
	}
	ok = true
	return nil
}

// Remove deletes the draft of key (once the work is safe in a file, or when
// the user deletes it).
func (s *DraftStore) Remove(key string) error {
	err := os.Remove(s.File(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Lock takes the draft of key for the session token. It returns the pid of
// the live wizard holding it instead (0 when the session now holds it). A
// lock left by a process that no longer runs is taken over.
func (s *DraftStore) Lock(key, token string) (holder int, err error) {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return 0, err
	}
	path := s.lockFile(key)
	for attempt := 0; attempt < 3; attempt++ {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err == nil {
			_, werr := fmt.Fprintf(f, "%d %s\n", os.Getpid(), token)
			cerr := f.Close()
			if werr == nil {
				werr = cerr
			}
			if werr != nil {
				os.Remove(path)
				return 0, werr
			}
			return 0, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return 0, err
		}
		pid, tok, live := s.lockOwner(key)
		if tok == token {
			return 0, nil
		}
		if live {
			return pid, nil
		}
		// Its owner is gone (a crash, kill -9): take it over.
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, err
		}
	}
	pid, _, _ := s.lockOwner(key)
	return max(pid, 1), nil
}

// lockOwner reads a lock: its pid and token, and whether it still counts
// (its process runs; a lock being written this instant counts too).
func (s *DraftStore) lockOwner(key string) (pid int, token string, live bool) {
	path := s.lockFile(key)
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, "", false
	}
	f := strings.Fields(string(data))
	if len(f) >= 1 {
		pid, _ = strconv.Atoi(f[0])
	}
	if len(f) >= 2 {
		token = f[1]
	}
	if pid <= 0 || token == "" {
		fi, err := os.Stat(path)
		return 0, "", err == nil && time.Since(fi.ModTime()) < 5*time.Second
	}
	// Another session of this very process (tests, or two models) is alive
	// as long as its lock is there: it removes it when it ends.
	return pid, token, pid == os.Getpid() || processAlive(pid)
}

// Unlock releases the lock of key when the session token holds it.
func (s *DraftStore) Unlock(key, token string) {
	if _, tok, _ := s.lockOwner(key); tok == token {
		os.Remove(s.lockFile(key))
	}
}

// holder is the pid of the live wizard, other than the session token's,
// that has the draft of key open; 0 when none.
func (s *DraftStore) holder(key, token string) int {
	pid, tok, live := s.lockOwner(key)
	if !live || tok == token {
		return 0
	}
	return max(pid, 1)
}

// List returns every draft, newest first, after moving drafts of earlier
// versions into the folder. token is the asking session's, whose own lock
// does not count as another wizard's.
func (s *DraftStore) List(token string) ([]DraftEntry, error) {
	migrateErr := s.migrate()
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, migrateErr
	}
	if err != nil {
		return nil, err
	}
	var out []DraftEntry
	for _, de := range entries {
		name := de.Name()
		if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") || !de.Type().IsRegular() {
			continue
		}
		key := strings.TrimSuffix(name, ".json")
		d, t, err := s.Load(key)
		if d == nil && err == nil {
			continue
		}
		out = append(out, DraftEntry{Key: key, Draft: d, Template: t, Err: err, Holder: s.holder(key, token)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		var a, b time.Time
		if out[i].Draft != nil {
			a = out[i].Draft.Saved
		}
		if out[j].Draft != nil {
			b = out[j].Draft.Saved
		}
		return a.After(b)
	})
	return out, migrateErr
}

// migrate moves draft.json and draft-*.json of earlier versions into the
// folder, each as a draft of its own.
func (s *DraftStore) migrate() error {
	if s.Legacy == "" {
		return nil
	}
	old, _ := filepath.Glob(filepath.Join(s.Legacy, "draft-*.json"))
	if _, err := os.Stat(filepath.Join(s.Legacy, "draft.json")); err == nil {
		old = append(old, filepath.Join(s.Legacy, "draft.json"))
	}
	var errs []error
	for _, p := range old {
		if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if err := os.MkdirAll(s.Dir, 0o700); err != nil {
			return err
		}
		key := "legacy-" + safeName(strings.TrimSuffix(filepath.Base(p), ".json"))
		dst := s.File(key)
		if _, err := os.Stat(dst); err == nil {
			key += "-" + randomHex(3)
			dst = s.File(key)
		}
		if err := os.Rename(p, dst); err != nil {
			errs = append(errs, fmt.Errorf("could not move the earlier draft %s into %s: %w", p, s.Dir, err))
			continue
		}
		_ = os.Chmod(dst, 0o600)
	}
	return errors.Join(errs...)
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

// saveDraftReason writes the draft, remembering the screen the user is on;
// a copy made because another wizard holds the draft is said at once.
func (m *Model) saveDraftReason(reason string) bool {
	m.At(m.where())
	note := m.draftNote
	ok := m.SaveDraft(reason)
	if m.draftNote != note {
		m.flash("%s", m.draftNote)
	}
	return ok
}

// claimDraft picks the draft this session writes: the one it resumed, else
// its file's, else a new template's own. A draft another live wizard holds,
// or one the user chose not to resume, is never written over: the session
// gets its own copy and is told so (draftNote).
func (s *Session) claimDraft() error {
	if s.draftKey != "" {
		return nil
	}
	ds := s.drafts
	if s.path != "" {
		key := PathKey(s.path)
		holder, err := ds.Lock(key, s.draftToken)
		if err != nil {
			return err
		}
		if holder == 0 {
			if _, err := os.Stat(ds.File(key)); errors.Is(err, fs.ErrNotExist) {
				s.draftKey = key
				return nil
			}
			ds.Unlock(key, s.draftToken)
		} else {
			s.draftNote = fmt.Sprintf("Another saejob (pid %d) has this file's draft: yours is kept as a separate copy.", holder)
		}
		key += "-" + randomHex(3)
		if _, err := ds.Lock(key, s.draftToken); err != nil {
			return err
		}
		s.draftKey = key
		return nil
	}
	key := newDraftKey(s.now())
	if _, err := ds.Lock(key, s.draftToken); err != nil {
		return err
	}
	s.draftKey = key
	return nil
}

// SaveDraft writes the draft now when there is unsaved work; reason says
// why ("" while working, "quit", "failed submit", ...). It reports whether
// the draft holds the work.
func (s *Session) SaveDraft(reason string) bool {
	if s.drafts == nil || s.gen == s.savedGen {
		return false
	}
	if err := s.claimDraft(); err != nil {
		s.draftErr = err.Error()
		return false
	}
	path := s.path
	if path != "" {
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
	}
	d := Draft{Saved: s.now(), Step: s.at, Path: path, Reason: reason}
	if err := s.drafts.Save(s.draftKey, d, s.t); err != nil {
		s.draftErr = err.Error()
		return false
	}
	s.draftErr = ""
	s.draftSaved = d.Saved
	return true
}

// finishDraft keeps the draft when the program ends, releases it for other
// wizards, says where it is, and sets the exit status: 128+signal (130 for
// ctrl+c) whenever the session was interrupted, as shells and Charm tools
// do; 1 when the draft could not be kept or input ran out with work
// unsaved; else 0.
func (s *Session) finishDraft(reason string) string {
	if reason == "" {
		reason = "quit"
	}
	defer s.releaseDraft()
	unsaved := s.gen != s.savedGen
	s.exitCode = exitCodeFor(reason)
	msg := ""
	if reason == "end of input" {
		// A script's answers ran out before the user finished: that is a
		// failure unless the work is safe in a file or was submitted.
		if !unsaved && (s.savedHere || s.created != nil) {
			s.exitCode = 0
			msg = "End of input."
		} else {
			msg = "End of input before the work was " + pick(s.path != "" || unsaved, "saved", "finished") + " (exit status 1)."
		}
	}
	say := func(more string) string {
		if more == "" {
			return msg
		}
		return strings.TrimSpace(msg + " " + more)
	}
	if s.drafts == nil {
		if unsaved {
			return say("Quit without saving.")
		}
		return say(s.savedNote())
	}
	if !unsaved {
		return say(s.savedNote())
	}
	if s.SaveDraft(reason) {
		resume := "run saejob to resume it"
		if s.path != "" {
			resume = "run saejob edit " + model.Visible(model.ShellWord(s.path)) + " to resume it"
		}
		note := "Your work is kept as a draft in " + model.Visible(s.drafts.File(s.draftKey)) + "; " + resume + "."
		if secrets := s.t.ClearSecrets(); len(secrets) > 0 {
			note += fmt.Sprintf(" (%v was not kept: secrets are never written to drafts.)", secrets)
		}
		return say(note)
	}
	s.exitCode = 1
	return say("Could not keep the draft: " + model.Visible(s.draftErr))
}

// savedNote says where the work is when nothing is unsaved: the file
// saved this session, or that the file it came from did not change. Paths
// show control characters escaped (model.Visible).
func (s *Session) savedNote() string {
	switch {
	case s.path == "":
		return ""
	case s.savedHere:
		return "Saved in " + model.Visible(s.path) + "."
	}
	return "Nothing changed in " + model.Visible(s.path) + "."
}

// Finish ends the session: keeps the draft when work is unsaved, releases
// it for other wizards, and returns what to tell the user and the exit
// status (see finishDraft for the reasons).
func (s *Session) Finish(reason string) (message string, exitCode int) {
	msg := s.finishDraft(reason)
	return msg, s.exitCode
}

// exitCodeFor is the exit status of a session that ends for reason: 128 +
// the signal's number for an interrupt, as shells do (ctrl+c 130).
func exitCodeFor(reason string) int {
	switch reason {
	case "quit":
		return 0
	case "hang-up":
		return 129
	case "terminate":
		return 143
	case "end of input", "crash":
		return 1
	}
	return 130
}

// releaseDraft lets other wizards have the draft once this session ends.
func (s *Session) releaseDraft() {
	if s.drafts != nil && s.draftKey != "" {
		s.drafts.Unlock(s.draftKey, s.draftToken)
	}
}

// dropDraft deletes the session's draft once the work is saved to a file;
// a later change starts the file's own draft.
func (s *Session) dropDraft() {
	if s.drafts != nil && s.draftKey != "" {
		_ = s.drafts.Remove(s.draftKey)
		s.drafts.Unlock(s.draftKey, s.draftToken)
		s.draftKey = ""
		s.draftSaved = time.Time{}
	}
}

// ResumeDraft continues a draft: its template (every field visited), its
// file, and the draft itself unless another live wizard has it open, in
// which case this session works on its own copy (draftNote says so).
func (s *Session) ResumeDraft(e DraftEntry) {
	s.Reset(e.Template)
	s.savedGen = -1
	s.path = e.Draft.Path
	s.setSource(s.path)
	s.draftKey = ""
	holder, err := s.drafts.Lock(e.Key, s.draftToken)
	switch {
	case err != nil:
		s.draftErr = err.Error()
	case holder == 0:
		s.draftKey = e.Key
	default:
		s.draftNote = fmt.Sprintf("This draft is open in another saejob (pid %d): you are working on a copy; neither overwrites the other.", holder)
	}
}

// DeleteDraft deletes a draft the user chose to delete; one another live
// wizard has open is left to it.
func (s *Session) DeleteDraft(e DraftEntry) error {
	ds := s.drafts
	holder, err := ds.Lock(e.Key, s.draftToken)
	if err != nil {
		return err
	}
	if holder != 0 {
		return fmt.Errorf("the draft %s is open in another saejob (pid %d): quit that one first", e.Name(), holder)
	}
	defer ds.Unlock(e.Key, s.draftToken)
	return ds.Remove(e.Key)
}

// Drafts lists the drafts there are to resume (nil without a store).
func (s *Session) Drafts() ([]DraftEntry, error) {
	if s.drafts == nil {
		return nil, nil
	}
	return s.drafts.List(s.draftToken)
}
