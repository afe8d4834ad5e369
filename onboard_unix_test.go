//go:build aix || darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOnboardScript is the "done when", tried as a new teammate would: clone a project
// whose .gitignore does not cover .env, run its scripts/onboard.sh (examples/onboard.sh) on a
// terminal and answer the prompts. The result is a valid .env, mode 0600, that git ignores; the
// secret typed never appeared on the screen; a commit of other work passes the installed hook,
// and a commit that stages .env is blocked by it.
func TestOnboardScript(t *testing.T) {
	script, err := os.ReadFile("examples/onboard.sh")
	if err != nil {
		t.Fatal(err)
	}
	upstream, env := initProject(t, map[string]string{".env.example": initTemplateForTerminal, ".gitignore": "node_modules/\n", "app.py": "print()\n"})
	os.MkdirAll(filepath.Join(upstream, "scripts"), 0o755)
	if err := os.WriteFile(filepath.Join(upstream, "scripts", "onboard.sh"), script, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"add", "-A"}, {"commit", "-qm", "the project"}} {
		if out, code := runIn(t, upstream, env, "git", args...); code != 0 {
			t.Fatalf("git %v: %s", args, out)
		}
	}
	clone := filepath.Join(t.TempDir(), "app")
	if out, code := runIn(t, filepath.Dir(clone), env, "git", "clone", "-q", upstream, clone); code != 0 {
		t.Fatalf("git clone: %s", out)
	}
	envcheckBin := copyTestBinary(t)
	gitPath, _ := exec.LookPath("git")
	path := filepath.Dir(envcheckBin) + ":" + filepath.Dir(gitPath) + ":/bin:/usr/bin"
	teammate := gitEnv(t, path)

	secret := canaryKey(t)
	s := startOnTerminal(t, filepath.Join(clone, "scripts"), teammate, "/bin/sh", "onboard.sh")
	s.expect("Creating .env from .env.example: 4 keys to set.")
	s.expect("ANTHROPIC_API_KEY: ")
	s.send(secret + "\n")
	s.expect("PORT [8080]: ")
	s.send("\n")
	s.expect("APP_ENV [development]: ")
	s.send("\n")
	s.expect("SITE_NAME: ")
	s.send("Onboarded\n")
	code, screen := s.wait()
	if code != 0 {
		t.Fatalf("onboard.sh exited %d:\n%s", code, screen)
	}
	if strings.Contains(screen, secret) || strings.Contains(screen, "CANARY") {
		t.Errorf("the secret was on the screen:\n%s", screen)
	}
	for _, want := range []string{"created .env (mode 0600) with 4 keys", "appended .env to .gitignore",
		"installed the pre-commit hook at .git/hooks/pre-commit", "no problems in 2 files", "onboard: done"} {
		if !strings.Contains(screen, want) {
			t.Errorf("%q is not on the screen:\n%s", want, screen)
		}
	}

	dotenv := filepath.Join(clone, ".env")
	if st, err := os.Stat(dotenv); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf(".env: %v, mode %v", err, st.Mode())
	}
	if data, _ := os.ReadFile(dotenv); !strings.Contains(string(data), "\nANTHROPIC_API_KEY="+secret+"\n") {
		t.Errorf(".env does not hold the key typed:\n%s", data)
	}
	if out, code := runIn(t, clone, teammate, "git", "check-ignore", "-q", ".env"); code != 0 {
		t.Errorf("git does not ignore .env (%d): %s", code, out)
	}
	if out, code := runIn(t, clone, teammate, envcheckBin, "check"); code != 0 {
		t.Errorf("envcheck check: exit %d\n%s", code, out)
	}

	// The teammate commits the .gitignore init changed: the hook lets it through.
	runIn(t, clone, teammate, "git", "add", ".gitignore")
	if out, code := runIn(t, clone, teammate, "git", "commit", "-qm", "ignore .env"); code != 0 {
		t.Fatalf("a clean commit is blocked: %s", out)
	}
	// Then stages .env by force: blocked, and nothing is committed.
	runIn(t, clone, teammate, "git", "add", "-f", ".env")
	out, code := runIn(t, clone, teammate, "git", "commit", "-qm", "my settings")
	if code == 0 || !strings.Contains(out, "envcheck: .env: an env file is staged, so its values would be committed") {
		t.Errorf("the commit of .env: exit %d\n%s", code, out)
	}
	if strings.Contains(out, secret) {
		t.Errorf("the hook shows the secret:\n%s", out)
	}
	if out, _ := runIn(t, clone, teammate, "git", "log", "--format=%s"); out != "ignore .env\nthe project\n" {
		t.Errorf("commits:\n%s", out)
	}
}

// TestOnboardScriptPrerequisites runs the script where envcheck is missing, and outside a clone.
func TestOnboardScriptPrerequisites(t *testing.T) {
	script, _ := filepath.Abs("examples/onboard.sh")
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	out, code := runIn(t, dir, gitEnv(t, filepath.Dir(gitPath)+":/bin:/usr/bin"), "/bin/sh", script)
	if code != 1 || !strings.Contains(out, "onboard: install envcheck first: go install github.com/envcheck/envcheck@latest") {
		t.Errorf("without envcheck: exit %d\n%s", code, out)
	}
	path := filepath.Dir(copyTestBinary(t)) + ":" + filepath.Dir(gitPath) + ":/bin:/usr/bin"
	out, code = runIn(t, dir, gitEnv(t, path), "/bin/sh", script)
	if code != 1 || !strings.Contains(out, "onboard: run this inside the project's git clone") {
		t.Errorf("outside a clone: exit %d\n%s", code, out)
	}
}
