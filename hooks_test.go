package main

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/envcheck/envcheck/envcheck"
)

// preCommitHooks reads .pre-commit-hooks.yaml's hooks as id → field → value. The file is a flat
// list of maps, so a line reader is enough and keeps YAML out of the dependencies.
func preCommitHooks(t *testing.T) map[string]map[string]string {
	t.Helper()
	data, err := os.ReadFile(".pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	hooks := map[string]map[string]string{}
	var cur map[string]string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") || strings.TrimSpace(line) == "" {
			continue
		}
		if strings.HasPrefix(line, "- ") {
			cur = map[string]string{}
			line = "  " + line[2:]
		}
		k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || cur == nil {
			t.Fatalf("cannot read line %q", line)
		}
		v = strings.TrimSpace(v)
		if strings.HasPrefix(v, "'") {
			v = strings.ReplaceAll(strings.Trim(v, "'"), "''", "'")
		}
		cur[k] = v
		if k == "id" {
			hooks[v] = cur
		}
	}
	return hooks
}

// TestPreCommitHookFiles keeps the hook's file patterns in step with the files envcheck
// recognises (envcheck.Classify).
func TestPreCommitHookFiles(t *testing.T) {
	h := preCommitHooks(t)["envcheck"]
	files, exclude := regexp.MustCompile(h["files"]), regexp.MustCompile(h["exclude"])
	for _, p := range []string{".env", "a/.env", ".env.local", "svc/.env.production.local", "prod.env", "a/b/prod.env",
		".env.example", "x/.env.sample", "example.env", "prod.env.example", ".env.keys",
		".envrc", "a/.envrc", ".env.vault", "secrets.env.enc", ".env.bak", ".env~", ".env.swp", "env", "main.go",
		"environment.go", ".envcheckignore", "README.env.md", "Dockerfile", ".env.gpg"} {
		selected := files.MatchString(p) && !exclude.MatchString(p)
		want := envcheck.Classify(path.Base(p)) != envcheck.NotEnv
		if selected != want {
			t.Errorf("%s: the hook selects it: %v, envcheck recognises it: %v", p, selected, want)
		}
	}
	if h["language"] != "golang" || h["pass_filenames"] != "true" {
		t.Errorf("envcheck hook: %v", h)
	}
}

// TestPreCommitHookEntries runs each hook's entry as pre-commit would: with the staged files
// appended when pass_filenames is true.
func TestPreCommitHookEntries(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".env"), []byte("A = 1\n"), 0o600)
	os.WriteFile(filepath.Join(dir, ".env.example"), []byte("A=\n"), 0o644)
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	hooks := preCommitHooks(t)
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	for id, h := range hooks {
		args := strings.Fields(h["entry"])
		if args[0] != "envcheck" {
			t.Fatalf("%s: entry %q does not run envcheck", id, h["entry"])
		}
		if h["pass_filenames"] == "true" {
			args = append(args, ".env", ".env.example")
		}
		var stdout, stderr bytes.Buffer
		if code := run(args, nil, &stdout, &stderr); code != 1 || !strings.Contains(stdout.String(), ".env:1:2: warning: spaces around '='") {
			t.Errorf("%s: %q exited %d:\n%s%s", id, h["entry"], code, stdout.String(), stderr.String())
		}
	}
	if len(hooks) != 2 {
		t.Errorf("%d hooks, want 2", len(hooks))
	}
}
