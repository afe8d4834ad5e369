package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// asNobody runs the CLI in a child process as uid 65534, for whom root's 0600 files are
// unreadable (root itself reads them whatever their mode).
func asNobody(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	if os.Getuid() != 0 {
		t.Skip("needs root to run the CLI as another user")
	}
	bin := filepath.Join(dir, "envcheck")
	src, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	dst.Close()
	cmd := &exec.Cmd{Path: bin, Args: append([]string{"envcheck"}, args...), Dir: dir}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// openDir makes a directory every user can enter, with its parents.
func openDir(t *testing.T) string {
	dir := t.TempDir()
	for d := dir; d != os.TempDir() && d != "/" && d != "."; d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestUnreadableSchemaAndDiffFiles(t *testing.T) {
	dir := openDir(t)
	for name, mode := range map[string]os.FileMode{".env": 0o644, ".env.example": 0o644, ".env.schema.json": 0o600, "other.env": 0o600} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("A=1\n"), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(dir, name), mode); err != nil {
			t.Fatal(err)
		}
	}
	out, code := asNobody(t, dir, "check", ".env", ".env.example")
	if code != 2 || !strings.Contains(out, "envcheck: .env.schema.json: permission denied; make the schema readable (chmod u+r), or name another with --schema") {
		t.Errorf("check with an unreadable schema file: exit %d\n%s", code, out)
	}
	os.Remove(filepath.Join(dir, ".env.schema.json"))
	out, code = asNobody(t, dir, "diff", ".env", "other.env")
	if code != 2 || !strings.Contains(out, "envcheck: other.env: permission denied") {
		t.Errorf("diff with an unreadable file: exit %d\n%s", code, out)
	}
	if strings.Contains(out, "panic") || strings.Contains(out, "goroutine") {
		t.Errorf("a stack trace:\n%s", out)
	}
}
