//go:build unix

package model

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestSaveKeepsModeAndRefusesReadOnly(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	tmpl := &Template{AppName: "a", PackageType: "Image", ImageUrl: "i", Replicas: Ptr(1)}
	secret := *tmpl
	secret.OssAkSecret = "clear"

	mode := func(p string) fs.FileMode {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Mode().Perm()
	}
	for _, c := range []struct {
		name   string
		before fs.FileMode // 0: no file yet
		tmpl   *Template
		opts   SaveOptions
		want   fs.FileMode
	}{
		{"new file", 0, tmpl, SaveOptions{}, 0o644},
		{"existing 0644", 0o644, tmpl, SaveOptions{}, 0o644},
		{"existing 0640", 0o640, tmpl, SaveOptions{}, 0o640},
		{"existing 0664", 0o664, tmpl, SaveOptions{}, 0o664},
		{"secret left out", 0o644, &secret, SaveOptions{}, 0o644},
		{"new file with a clear secret", 0, &secret, SaveOptions{WithSecrets: true}, 0o600},
		{"existing file with a clear secret", 0o644, &secret, SaveOptions{WithSecrets: true}, 0o600},
	} {
		p := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".yaml")
		if c.before != 0 {
			os.WriteFile(p, []byte("AppName: old\n"), c.before)
			os.Chmod(p, c.before)
		}
		if err := Save(p, c.tmpl, c.opts); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := mode(p); got != c.want {
			t.Errorf("%s: mode %v, want %v", c.name, got, c.want)
		}
	}

	// A read-only file is refused, not replaced (tests run as root, which
	// may write anyway: the mode bits are what counts).
	ro := filepath.Join(dir, "ro.yaml")
	os.WriteFile(ro, []byte("AppName: old\n"), 0o444)
	os.Chmod(ro, 0o444)
	err := Save(ro, tmpl, SaveOptions{})
	if err == nil || err.Error() != "ro.yaml is read-only: make it writable (chmod u+w) or save under another name" {
		t.Errorf("read-only: %v", err)
	}
	if data, _ := os.ReadFile(ro); string(data) != "AppName: old\n" || mode(ro) != 0o444 {
		t.Errorf("read-only file changed: %q %v", data, mode(ro))
	}
}

func TestSaveWritesThroughSymlinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.yaml")
	os.WriteFile(real, []byte("# mine\nAppName: old\n"), 0o644)
	link := filepath.Join(dir, "link.yaml")
	os.Symlink("real.yaml", link)
	if err := Save(link, &Template{AppName: "new"}, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if data, _ := os.ReadFile(real); string(data) != "# mine\nAppName: new\n" {
		t.Errorf("target: %q", data)
	}
	// A link to a file not yet written: the file is created, the link stays.
	dangling := filepath.Join(dir, "dangling.yaml")
	os.Symlink("later.yaml", dangling)
	if err := Save(dangling, &Template{AppName: "x"}, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(dangling); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the dangling link was replaced")
	}
	if _, err := Load(filepath.Join(dir, "later.yaml")); err != nil {
		t.Errorf("target not written: %v", err)
	}
}

func TestSaveErrorIsOneSentence(t *testing.T) {
	err := Save("/nonexistent/dir/job.yaml", &Template{AppName: "a"}, SaveOptions{})
	if err == nil || err.Error() != "the folder /nonexistent/dir does not exist" {
		t.Errorf("missing folder: %v", err)
	}
	tmp := "/srv/jobs/.job.yaml.tmp-12345"
	for errno, want := range map[syscall.Errno]string{
		syscall.EACCES:  "permission denied: you may not write in the folder /srv/jobs",
		syscall.EROFS:   "/srv/jobs is on a read-only file system",
		syscall.ENOSPC:  "no space left on the device that holds /srv/jobs",
		syscall.ENOTDIR: "/srv/jobs is not a folder",
	} {
		got := saveError("/srv/jobs/job.yaml", "/srv/jobs/job.yaml", &fs.PathError{Op: "open", Path: tmp, Err: errno}).Error()
		if got != want || strings.Contains(got, "tmp") {
			t.Errorf("%v: %q, want %q", errno, got, want)
		}
	}
}
