//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitEnv is an environment for git with no user or system configuration, a fixed author, and
// the test binary acting as envcheck wherever a hook runs it.
func gitEnv(t *testing.T, path string) []string {
	t.Helper()
	home := t.TempDir()
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "PATH" && !strings.HasPrefix(k, "GIT_") {
			env = append(env, kv)
		}
	}
	return append(env, "PATH="+path, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+filepath.Join(home, ".gitconfig"),
		"GIT_AUTHOR_NAME=Ann", "GIT_AUTHOR_EMAIL=ann@example.com", "GIT_COMMITTER_NAME=Ann", "GIT_COMMITTER_EMAIL=ann@example.com",
		childEnv+"=1")
}

// runIn runs a program in dir and returns its combined output and exit code.
func runIn(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	code := exitCodeOf(cmd.Run())
	if code < 0 {
		t.Fatalf("%s %v: cannot run", name, args)
	}
	return out.String(), code
}

// TestHookFindsEnvcheck installs the hook with one envcheck binary, removes it, and commits: the
// hook falls back to envcheck on PATH; with no envcheck anywhere it blocks the commit and says
// why, rather than letting everything through.
func TestHookFindsEnvcheck(t *testing.T) {
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	installer := copyTestBinary(t)
	onPath := filepath.Dir(copyTestBinary(t))
	basePath := filepath.Dir(gitPath) + string(os.PathListSeparator) + "/bin" + string(os.PathListSeparator) + "/usr/bin"
	dir := t.TempDir()
	env := gitEnv(t, basePath)
	for _, args := range [][]string{{"init", "-q"}, {"config", "commit.gpgsign", "false"}} {
		if out, code := runIn(t, dir, env, "git", args...); code != 0 {
			t.Fatalf("git %v: %s", args, out)
		}
	}
	os.WriteFile(filepath.Join(dir, ".env"), []byte("A=1\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "app.py"), []byte("print()\n"), 0o644)

	out, code := runIn(t, dir, env, installer, "hook", "install")
	if code != 0 || !strings.Contains(out, "it runs "+installer+" (or envcheck on PATH when that is gone)") {
		t.Fatalf("install: exit %d\n%s", code, out)
	}
	hook, _ := os.ReadFile(filepath.Join(dir, ".git", "hooks", "pre-commit"))
	if !strings.Contains(string(hook), "\nenvcheck="+installer+"\n") {
		t.Errorf("the hook does not name the binary that installed it:\n%s", hook)
	}
	runIn(t, dir, env, "git", "add", "app.py")
	if out, code := runIn(t, dir, env, "git", "commit", "-qm", "clean"); code != 0 {
		t.Fatalf("a clean commit is blocked: %s", out)
	}

	os.Remove(installer)
	runIn(t, dir, env, "git", "add", "-f", ".env")
	withEnvcheck := gitEnv(t, onPath+string(os.PathListSeparator)+basePath)
	out, code = runIn(t, dir, withEnvcheck, "git", "commit", "-qm", "with .env")
	if code == 0 || !strings.Contains(out, "envcheck: .env: an env file is staged") {
		t.Errorf("with envcheck on PATH only: exit %d\n%s", code, out)
	}
	out, code = runIn(t, dir, env, "git", "commit", "-qm", "with .env")
	if code == 0 || !strings.Contains(out, "envcheck pre-commit hook: envcheck is not installed, so the commit is blocked") {
		t.Errorf("without envcheck: exit %d\n%s", code, out)
	}
	// Installed by a temporary `go run` build, the hook names no binary and uses PATH.
	script := hookScript("")
	if !bytes.Contains(script, []byte("\nenvcheck=''\n")) {
		t.Errorf("the hook of a go run build:\n%s", script)
	}
	os.WriteFile(filepath.Join(dir, ".git", "hooks", "pre-commit"), script, 0o755)
	out, code = runIn(t, dir, withEnvcheck, "git", "commit", "-qm", "with .env")
	if code == 0 || !strings.Contains(out, "envcheck: .env: an env file is staged") {
		t.Errorf("a hook without a binary, envcheck on PATH: exit %d\n%s", code, out)
	}
	if out, _ := runIn(t, dir, env, "git", "log", "--oneline"); strings.Count(out, "\n") != 1 {
		t.Errorf("commits:\n%s", out)
	}
}
