//go:build unix

package envcheck

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFixReadOnlyDirectory: a fix that cannot write (a directory the user may not write to)
// reports the error per file and leaves every file as it was. Root may write anywhere, so as
// root the fix runs in a child process as nobody (uid 65534).
func TestFixReadOnlyDirectory(t *testing.T) {
	if dir := os.Getenv("ENVCHECK_READONLY_CHILD"); dir != "" {
		p := plan(t, Options{Dir: dir, Disable: []string{"env-not-gitignored", "env-in-docker-context"}})
		failed := 0
		for _, o := range p.Apply() {
			if o.Err != nil {
				failed++
			}
		}
		if failed != len(p.Files) || failed == 0 {
			t.Fatalf("%d of %d writes failed, want all", failed, len(p.Files))
		}
		return
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".env": "A = 1\n"}, 0o644)
	before, _ := os.ReadFile(filepath.Join(dir, ".env"))
	if os.Getuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o755)
		p := plan(t, Options{Dir: dir, Disable: []string{"env-not-gitignored", "env-in-docker-context"}})
		for _, o := range p.Apply() {
			if o.File.Path == ".env" && o.Err == nil && o.File.ContentChanged() {
				t.Error("the write into a read-only directory succeeded")
			}
		}
	} else {
		// Copy the test binary where nobody can run it, and run this test there as nobody.
		bin := filepath.Join(t.TempDir(), "envcheck.test")
		data, err := os.ReadFile(os.Args[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bin, data, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, d := range []string{filepath.Dir(bin), dir, filepath.Dir(dir)} {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command(bin, "-test.run=^TestFixReadOnlyDirectory$")
		cmd.Env = append(os.Environ(), "ENVCHECK_READONLY_CHILD="+dir, "HOME=/nonexistent")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("child: %v\n%s", err, out)
		}
	}
	after, _ := os.ReadFile(filepath.Join(dir, ".env"))
	info, _ := os.Stat(filepath.Join(dir, ".env"))
	if !bytes.Equal(before, after) || info.Mode().Perm() != 0o644 {
		t.Errorf("the original changed: %q %04o", after, info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}

// TestDubiousOwnership: when git refuses a repository owned by someone else (safe.directory),
// the git rules say so once, with git's reason, instead of guessing.
func TestDubiousOwnership(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to give the repository to another user")
	}
	dir := t.TempDir()
	gitInit(t, dir)
	writeTree(t, dir, map[string]string{".env": "A=1\n"}, 0o600)
	if err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, 65534, 65534)
	}); err != nil {
		t.Fatal(err)
	}
	res, err := Check(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	got := gitFindings(res)
	if len(got) != 1 || got[0].Severity != Info || !strings.Contains(got[0].Message, "dubious ownership") || !strings.Contains(got[0].Message, "safe.directory") {
		t.Fatalf("got %v", got)
	}
}
