//go:build aix || darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// A ptySession runs a program with a pseudo-terminal as its controlling terminal, stdin, stdout
// and stderr, as a user's shell would, and records everything it puts on the screen. The test
// keeps the terminal's slave side open too, to read its settings (is echo on?) at any time.
type ptySession struct {
	t         *testing.T
	cmd       *exec.Cmd
	ptmx, tty *os.File
	mu        sync.Mutex
	screen    bytes.Buffer
	mark      int // expect looks after this offset
	copied    chan struct{}
	echoAtEnd bool // the terminal echoed when the program exited
}

func startOnTerminal(t *testing.T, dir string, env []string, name string, args ...string) *ptySession {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	pty.Setsize(ptmx, &pty.Winsize{Rows: 50, Cols: 200})
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &ptySession{t: t, cmd: cmd, ptmx: ptmx, tty: tty, copied: make(chan struct{})}
	go func() {
		defer close(s.copied)
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			s.mu.Lock()
			s.screen.Write(buf[:n])
			s.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		ptmx.Close()
		tty.Close()
	})
	return s
}

// Screen returns everything the program has shown so far.
func (s *ptySession) Screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.screen.String()
}

// expect waits until text appears on the screen after what earlier calls matched.
func (s *ptySession) expect(text string) {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		i := strings.Index(s.screen.String()[s.mark:], text)
		if i >= 0 {
			s.mark += i + len(text)
		}
		s.mu.Unlock()
		if i >= 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.t.Fatalf("%q did not appear; the screen:\n%s", text, s.Screen())
}

func (s *ptySession) send(text string) {
	s.t.Helper()
	if _, err := s.ptmx.Write([]byte(text)); err != nil {
		s.t.Fatal(err)
	}
}

// echoing reports whether the terminal echoes what is typed.
func (s *ptySession) echoing() bool {
	s.t.Helper()
	tio, err := unix.IoctlGetTermios(int(s.tty.Fd()), ioctlGetTermios)
	if err != nil {
		s.t.Fatal(err)
	}
	return tio.Lflag&unix.ECHO != 0
}

// wait waits for the program to exit and returns its exit code and the whole screen.
func (s *ptySession) wait() (int, string) {
	s.t.Helper()
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		s.t.Fatalf("the program did not exit; the screen:\n%s", s.Screen())
	}
	s.echoAtEnd = s.echoing()
	// Everything written before the exit is in the terminal's buffer: read it all.
	s.tty.Close()
	select {
	case <-s.copied:
	case <-time.After(5 * time.Second):
	}
	code := -1
	var ee *exec.ExitError
	switch {
	case err == nil:
		code = 0
	case errorsAs(err, &ee):
		code = ee.ExitCode()
		if st, ok := ee.Sys().(syscall.WaitStatus); ok && st.Signaled() {
			code = 128 + int(st.Signal())
		}
	}
	return code, s.Screen()
}

func errorsAs(err error, target **exec.ExitError) bool {
	ee, ok := err.(*exec.ExitError)
	if ok {
		*target = ee
	}
	return ok
}

// canaryKey is a secret-shaped value made at run time, different in every run.
func canaryKey(t *testing.T) string {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "sk-ant-api03-CANARY" + hex.EncodeToString(b)
}

const initTemplateForTerminal = `# @defaultRequired=true
# ---

# The Claude API key, from the console.
# @sensitive @validate="startswith=sk-ant-"
ANTHROPIC_API_KEY=your-anthropic-api-key-here

# The port to listen on.
# @type=port @default=8080
PORT=8080

# @type=enum(development,staging,production) @default=development
APP_ENV=development

# Shown on the home page.
# @optional
SITE_NAME='My Site'
`

// initProject makes a git repository with the template and a .gitignore that does not cover
// .env, and returns it with the environment envcheck runs in.
func initProject(t *testing.T, files map[string]string) (string, []string) {
	t.Helper()
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	env := gitEnv(t, filepath.Dir(gitPath)+":/bin:/usr/bin")
	if out, code := runIn(t, dir, env, "git", "init", "-q"); code != 0 {
		t.Fatal(out)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir, env
}

// TestInitOnTerminal answers init's prompts as a user would: a secret typed with echo off (and
// never on the screen, not even when it is refused), a refused port asked again with the reason,
// Enter for a default, a choice, a value with blanks. The file is exactly what was typed, 0600,
// ignored by git, and the check is clean.
func TestInitOnTerminal(t *testing.T) {
	dir, env := initProject(t, map[string]string{".env.example": initTemplateForTerminal, ".gitignore": "node_modules/\n"})
	secret, wrong := canaryKey(t), "sk-proj-CANARY"+canaryKey(t)[19:]
	s := startOnTerminal(t, dir, env, copyTestBinary(t), "init")
	s.expect("Creating .env from .env.example: 4 keys to set.")
	s.expect("[1/4] ANTHROPIC_API_KEY  required · secret: what you type is not shown\r\n      The Claude API key, from the console.\r\n      type string · rule startswith=sk-ant-")
	s.expect("ANTHROPIC_API_KEY: ")
	if s.echoing() {
		t.Fatal("echo is on at the secret's prompt")
	}
	s.send(wrong + "\n")
	s.expect(`ANTHROPIC_API_KEY does not start with "sk-ant-" (@validate startswith=sk-ant-); try again`)
	s.expect("ANTHROPIC_API_KEY: ")
	s.send(secret + "\n")
	s.expect("[2/4] PORT  optional\r\n      The port to listen on.\r\n      type port · default 8080\r\nPORT [8080]: ")
	if !s.echoing() {
		t.Fatal("echo is still off after the secret")
	}
	s.send("80800\n")
	s.expect("PORT is not a port (an integer from 1 to 65535); try again")
	s.expect("PORT [8080]: ")
	s.send("\n")
	s.expect("APP_ENV [development]: ")
	s.send("staging\n")
	s.expect("[4/4] SITE_NAME  optional\r\n      Shown on the home page.\r\n      type string · example My Site\r\nSITE_NAME: ")
	s.send("The Site # 1\n")
	code, screen := s.wait()
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, screen)
	}
	for _, v := range []string{secret, wrong, "CANARY"} {
		if strings.Contains(screen, v) {
			t.Errorf("the screen shows a secret (%q):\n%s", v, screen)
		}
	}
	// What was typed visibly was echoed: the screen capture would have caught the secret.
	for _, v := range []string{"80800", "staging", "The Site # 1", "created .env (mode 0600) with 4 keys from .env.example",
		"appended .env to .gitignore [env-not-gitignored]", "envcheck check: no problems in 2 files"} {
		if !strings.Contains(screen, v) {
			t.Errorf("%q is not on the screen:\n%s", v, screen)
		}
	}
	got, err := os.ReadFile(filepath.Join(dir, ".env"))
	if err != nil {
		t.Fatal(err)
	}
	want := "# The Claude API key, from the console.\n# @sensitive @validate=\"startswith=sk-ant-\"\nANTHROPIC_API_KEY=" + secret + "\n\n" +
		"# The port to listen on.\n# @type=port @default=8080\nPORT=8080\n\n" +
		"# @type=enum(development,staging,production) @default=development\nAPP_ENV=staging\n\n" +
		"# Shown on the home page.\n# @optional\nSITE_NAME='The Site # 1'\n"
	if string(got) != want {
		t.Errorf(".env:\n%s\nwant:\n%s", got, want)
	}
	if st, _ := os.Stat(filepath.Join(dir, ".env")); st.Mode().Perm() != 0o600 {
		t.Errorf(".env has mode %#o", st.Mode().Perm())
	}
	if out, code := runIn(t, dir, env, "git", "check-ignore", "-q", ".env"); code != 0 {
		t.Errorf("git does not ignore .env: %s", out)
	}
}

// TestInitInterrupted presses Ctrl-C at a secret's prompt, half-way through typing it, and at
// a visible prompt: init exits 130, the terminal echoes again, and .env is byte for byte as it was.
func TestInitInterrupted(t *testing.T) {
	before := "# mine\nANTHROPIC_API_KEY=your-anthropic-api-key-here\nPORT=9090\n"
	for _, c := range []struct {
		name   string
		answer [][2]string // prompts and the answers typed there, before the interruption
		prompt string
	}{
		{"secret", nil, "ANTHROPIC_API_KEY: "},
		{"visible", [][2]string{{"ANTHROPIC_API_KEY: ", canaryKey(t)}}, "APP_ENV [development]: "},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, env := initProject(t, map[string]string{".env.example": initTemplateForTerminal, ".env": before})
			s := startOnTerminal(t, dir, env, copyTestBinary(t), "init")
			s.expect("Completing .env from .env.example: 3 of its 4 keys to set.")
			for _, a := range c.answer {
				s.expect(a[0])
				s.send(a[1] + "\n")
			}
			s.expect(c.prompt)
			s.send("sk-ant-api03-half")
			time.Sleep(50 * time.Millisecond)
			s.send("\x03")
			code, screen := s.wait()
			if code != 130 {
				t.Errorf("exit %d, want 130:\n%s", code, screen)
			}
			if !strings.Contains(screen, "envcheck: interrupted; nothing was written; .env is as it was") {
				t.Errorf("no message:\n%s", screen)
			}
			if c.name == "secret" && strings.Contains(screen, "half") {
				t.Errorf("the half-typed secret is on the screen:\n%s", screen)
			}
			if strings.Contains(screen, "CANARY") {
				t.Errorf("a secret is on the screen:\n%s", screen)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, ".env")); string(got) != before {
				t.Errorf(".env changed:\n%s", got)
			}
			if !s.echoAtEnd {
				t.Error("the terminal no longer echoes")
			}
			if matches, _ := filepath.Glob(filepath.Join(dir, ".*envcheck*")); len(matches) > 0 {
				t.Errorf("temporary files left: %v", matches)
			}
		})
	}
}

// TestInitEndOfInput presses Ctrl-D at a secret's prompt and at a visible one: init exits 1,
// says nothing was written, and .env stays as it was.
func TestInitEndOfInput(t *testing.T) {
	before := "ANTHROPIC_API_KEY=your-anthropic-api-key-here\n"
	for _, c := range []struct {
		name   string
		answer [][2]string
		prompt string
	}{
		{"secret", nil, "ANTHROPIC_API_KEY: "},
		{"visible", [][2]string{{"ANTHROPIC_API_KEY: ", canaryKey(t)}}, "PORT [8080]: "},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, env := initProject(t, map[string]string{".env.example": initTemplateForTerminal, ".env": before})
			s := startOnTerminal(t, dir, env, copyTestBinary(t), "init")
			for _, a := range c.answer {
				s.expect(a[0])
				s.send(a[1] + "\n")
			}
			s.expect(c.prompt)
			s.send("\x04")
			code, screen := s.wait()
			if code != 1 {
				t.Errorf("exit %d, want 1:\n%s", code, screen)
			}
			if !strings.Contains(screen, "envcheck: the input ended before every key had a value; nothing was written; .env is as it was") {
				t.Errorf("no message:\n%s", screen)
			}
			if strings.Contains(screen, "CANARY") {
				t.Errorf("a secret is on the screen:\n%s", screen)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, ".env")); string(got) != before {
				t.Errorf(".env changed:\n%s", got)
			}
			if !s.echoAtEnd {
				t.Error("the terminal no longer echoes")
			}
		})
	}
}

// TestInitWithoutTerminal gives init a pipe that never ends as stdin: it must say it needs a
// terminal and exit 2 at once, not wait for input that will not come.
func TestInitWithoutTerminal(t *testing.T) {
	dir, env := initProject(t, map[string]string{".env.example": initTemplateForTerminal})
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	cmd := exec.Command(copyTestBinary(t), "init")
	cmd.Dir, cmd.Env, cmd.Stdin = dir, env, r
	var stderr bytes.Buffer
	cmd.Stderr, cmd.Stdout = &stderr, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if code := exitCodeOf(err); code != 2 {
			t.Errorf("exit %d, want 2", code)
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("init waits for input that will never come")
	}
	if want := "envcheck: init would ask for 4 values, but stdin is not a terminal; pass --non-interactive to take values from the environment and --set KEY=VALUE; see envcheck init --help\n"; stderr.String() != want {
		t.Errorf("stderr = %q\nwant     %q", stderr.String(), want)
	}
	if _, err := os.Stat(filepath.Join(dir, ".env")); err == nil {
		t.Error(".env was written")
	}
}

// TestInitPermissions runs init as a user who may not read .env, and as one who may not write
// in the directory: exit 2, a message saying what to do, and nothing changed.
func TestInitPermissions(t *testing.T) {
	dir := openDir(t)
	os.WriteFile(filepath.Join(dir, ".env.example"), []byte("# @optional\nA=\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".env"), []byte("B=1\n"), 0o600)
	os.Chmod(filepath.Join(dir, ".env"), 0o000)
	_, stderr, code := asUnprivileged(t, dir, "init", "--non-interactive")
	if want := "envcheck: .env: permission denied; make it readable and writable by you (chmod u+rw .env)\n"; code != 2 || stderr != want {
		t.Errorf("unreadable .env: exit %d\nstderr %q\nwant   %q", code, stderr, want)
	}
	os.Chmod(filepath.Join(dir, ".env"), 0o644)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	_, stderr, code = asUnprivileged(t, dir, "init", "--non-interactive")
	if want := "envcheck: .env: not written: permission denied: the file is replaced by a new one written beside it, so its directory must be writable by you (chmod u+w .); the file is unchanged\n"; code != 2 || stderr != want {
		t.Errorf("a directory it may not write: exit %d\nstderr %q\nwant   %q", code, stderr, want)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, ".env")); string(got) != "B=1\n" {
		t.Errorf(".env changed: %q", got)
	}
}
