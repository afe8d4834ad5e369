//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/creack/pty"

	"github.com/envcheck/envcheck/envcheck"
)

// asUnprivileged runs envcheck (this test binary) in dir as an unprivileged user: as root the
// child drops to uid 65534 (nobody), since root reads every file whatever its mode. It returns
// stdout, stderr and the exit code.
func asUnprivileged(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(copyTestBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), childEnv+"=1")
	if os.Getuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := exitCodeOf(err)
	if code < 0 {
		t.Fatalf("running envcheck: %v", err)
	}
	return stdout.String(), stderr.String(), code
}

func TestUnreadableFile(t *testing.T) {
	dir := openDir(t)
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("A=1\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := asUnprivileged(t, dir, "check", ".")
	if code != 2 {
		t.Fatalf("exit code %d, want 2\nstderr: %s", code, stderr)
	}
	want := "envcheck: .env: permission denied; make it readable by you (chmod u+r) or leave it out with --exclude\n"
	if stderr != want {
		t.Errorf("stderr = %q\nwant     %q", stderr, want)
	}
}

func TestUnreadableSchemaAndDiffFiles(t *testing.T) {
	dir := openDir(t)
	for name, mode := range map[string]os.FileMode{".env": 0o644, ".env.example": 0o644, ".env.schema.json": 0o000, "other.env": 0o000} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("A=1\n"), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(dir, name), mode); err != nil {
			t.Fatal(err)
		}
	}
	_, stderr, code := asUnprivileged(t, dir, "check", ".env", ".env.example")
	if code != 2 || !strings.Contains(stderr, "envcheck: .env.schema.json: permission denied; make the schema readable (chmod u+r), or name another with --schema") {
		t.Errorf("check with an unreadable schema file: exit %d\n%s", code, stderr)
	}
	os.Remove(filepath.Join(dir, ".env.schema.json"))
	_, stderr, code = asUnprivileged(t, dir, "diff", ".env", "other.env")
	if code != 2 || !strings.Contains(stderr, "envcheck: other.env: permission denied") {
		t.Errorf("diff with an unreadable file: exit %d\n%s", code, stderr)
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
		t.Errorf("a stack trace:\n%s", stderr)
	}
}

// TestNamedPipe checks that a FIFO named like an env file is refused instead of blocking forever.
func TestNamedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, ".env"), 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"envcheck", "check", dir}, nil, &stdout, &stderr); code != 2 {
		t.Fatalf("exit code %d, want 2; stderr: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), ".env: is not a regular file (a named pipe); envcheck reads only regular files") {
		t.Errorf("stderr = %q", stderr.String())
	}
}

// TestColorOnTerminal runs envcheck with a real terminal as stdout: colour there, none with
// NO_COLOR or --no-color, and none when stdout is a pipe.
func TestColorOnTerminal(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("A = 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	bin := copyTestBinary(t)
	for _, c := range []struct {
		name  string
		env   []string
		args  []string
		color bool
	}{
		{"terminal", nil, nil, true},
		{"NO_COLOR", []string{"NO_COLOR=1"}, nil, false},
		{"--no-color", nil, []string{"--no-color"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(bin, append(append([]string{"check"}, c.args...), dir)...)
			cmd.Env = append(append(os.Environ(), childEnv+"=1", "NO_COLOR="), c.env...)
			out := runOnTerminal(t, cmd)
			if got := strings.Contains(out, "\x1b["); got != c.color {
				t.Errorf("colour = %v, want %v:\n%q", got, c.color, out)
			}
			if !strings.Contains(out, "spaces around '=' in A") {
				t.Errorf("no finding in %q", out)
			}
		})
	}
	var stdout bytes.Buffer
	run([]string{"envcheck", "check", dir}, nil, &stdout, io.Discard)
	if strings.Contains(stdout.String(), "\x1b[") {
		t.Errorf("colour on a pipe: %q", stdout.String())
	}
}

// runOnTerminal runs cmd with a pseudo-terminal as stdin, stdout and stderr and returns what it
// printed.
func runOnTerminal(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	ptmx, err := pty.Start(cmd)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	var out bytes.Buffer
	io.Copy(&out, ptmx) // returns at EOF or EIO once the child exits
	cmd.Wait()
	return out.String()
}

// openDir returns a temporary directory every user can enter.
func openDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for d := dir; d != os.TempDir() && d != "/" && strings.HasPrefix(d, os.TempDir()); d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
	return dir
}

// copyTestBinary copies the test binary where every user may run it.
func copyTestBinary(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(openDir(t), "envcheck")
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

func exitCodeOf(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}

// TestProgressOnTerminal: on a terminal, a check that takes longer than progressAfter shows a
// progress line on stderr and erases it before the report; with -q, in JSON, or when stderr is
// not a terminal it shows nothing.
func TestProgressOnTerminal(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 200; i++ {
		sub := filepath.Join(dir, "pkg", strconv.Itoa(i))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, ".env.example"), []byte("A=\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// onTerminal runs envcheck in process with a pseudo-terminal as stderr and returns stdout,
	// the exit code and what the terminal showed.
	onTerminal := func(args ...string) (string, int, string) {
		ptmx, tty, err := pty.Open()
		if err != nil {
			t.Skipf("no pseudo-terminal: %v", err)
		}
		defer ptmx.Close()
		screen := make(chan string)
		go func() {
			var b bytes.Buffer
			io.Copy(&b, ptmx)
			screen <- b.String()
		}()
		var stdout bytes.Buffer
		s := &streams{stdout: &stdout, stderr: tty, getenv: func(string) string { return "" }} // progressAfter 0: at once
		code := runStreams(s, append([]string{"envcheck"}, args...))
		tty.Close()
		return stdout.String(), code, <-screen
	}
	out, code, screen := onTerminal("check", "-r", dir)
	if code != 0 || !strings.HasSuffix(out, " in 200 files\n") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if !strings.Contains(screen, "\r\x1b[Kenvcheck: ") || !strings.HasSuffix(screen, "\r\x1b[K") {
		t.Errorf("no progress line, or it was not erased: %q", screen)
	}
	for _, args := range [][]string{{"-q"}, {"--format", "json"}} {
		if _, _, screen := onTerminal(append(append([]string{"check", "-r"}, args...), dir)...); strings.Contains(screen, "envcheck: ") {
			t.Errorf("progress shown with %v: %q", args, screen)
		}
	}
	var piped bytes.Buffer
	s := &streams{stdout: io.Discard, stderr: &piped, getenv: func(string) string { return "" }}
	runStreams(s, []string{"envcheck", "check", "-r", dir})
	if piped.Len() > 0 {
		t.Errorf("progress written to a pipe: %q", piped.String())
	}
}

func TestProgressLine(t *testing.T) {
	var p envcheck.Progress
	if got := progressLine(&p); got != "envcheck: starting…" {
		t.Errorf("%q", got)
	}
}
