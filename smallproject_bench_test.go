package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkSmallProject times `envcheck check` as a pre-commit hook or `make check` runs it on a
// small project (DESIGN §10: under 20 ms wall): a git repository with an annotated template, a
// .env and a .env.local, a .gitignore, a Dockerfile and a .dockerignore, so every rule runs,
// git included. `git status` on the same repository is the reference point.
//
//	go test -run '^$' -bench SmallProject -benchtime 200x -count 5 .
func BenchmarkSmallProject(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not on PATH")
	}
	dir := b.TempDir()
	repo := filepath.Join(dir, "app")
	files := map[string]string{
		".env.example": "# @defaultSensitive=false\n# ---\n\n# Claude API key.\n# @required @sensitive\nANTHROPIC_API_KEY=your-key-here\n\n" +
			"# @type=port @default=8080\nPORT=8080\n\n# @type=url\nOLLAMA_HOST=http://localhost:11434\n\n" +
			"# @type=enum(debug,info,warn,error) @default=info\nLOG_LEVEL=info\n",
		".env":          "ANTHROPIC_API_KEY=sk-ant-not-a-real-key\nPORT=8080\nOLLAMA_HOST=http://localhost:11434\nLOG_LEVEL=info\n",
		".env.local":    "LOG_LEVEL=debug\n",
		".gitignore":    ".env\n.env.*\n!.env.example\n",
		"Dockerfile":    "FROM scratch\nCOPY . .\n",
		".dockerignore": "**/.env\n**/.env.*\n!**/.env.example\n",
		"main.go":       "package main\n\nfunc main() {}\n",
	}
	if err := os.MkdirAll(repo, 0o755); err != nil {
		b.Fatal(err)
	}
	for name, content := range files {
		mode := os.FileMode(0o644)
		if name == ".env" || name == ".env.local" {
			mode = 0o600
		}
		if err := os.WriteFile(filepath.Join(repo, name), []byte(content), mode); err != nil {
			b.Fatal(err)
		}
	}
	env := append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com")
	runIn := func(tb testing.TB, wantCode int, name string, args ...string) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = repo, env
		out, err := cmd.CombinedOutput()
		if code := exitCodeOf(err); code != wantCode {
			tb.Fatalf("%s %v: exit %d (want %d)\n%s", name, args, code, wantCode, out)
		}
	}
	runIn(b, 0, "git", "init", "-q")
	runIn(b, 0, "git", "add", ".")
	runIn(b, 0, "git", "commit", "-qm", "init")
	bin := buildEnvcheck(b, dir)
	static := goBuild(b, dir, "envcheck-static", ".", "CGO_ENABLED=0")
	if err := os.WriteFile(filepath.Join(dir, "hello.go"), []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	hello := goBuild(b, dir, "hello", filepath.Join(dir, "hello.go"))
	floor := goBuild(b, dir, "startfloor", "./testdata/startfloor", "CGO_ENABLED=0")
	runIn(b, 0, bin, "check") // the project is clean: every rule ran and found nothing
	// What envcheck pays: its own check, as `go install` builds it and as a static binary
	// (CGO_ENABLED=0); starting the binary at all (version); and the floor under any check:
	// starting a program that links the design card's libraries (startfloor), plus the git query
	// a check cannot do without (the tracked env files). A Go hello world and git status are the
	// reference points.
	for _, c := range []struct {
		name string
		prog string
		args []string
	}{
		{"envcheck-check", bin, []string{"check", "-q"}},
		{"envcheck-check-static", static, []string{"check", "-q"}},
		{"envcheck-version", bin, []string{"version"}},
		{"envcheck-version-static", static, []string{"version"}},
		{"startfloor-static", floor, []string{"version"}},
		{"git-ls-files", "git", []string{"ls-files", "-z", "--cached", "--", "*.env", "*.env.*", ".env*"}},
		{"git-status", "git", []string{"status", "--porcelain"}},
		{"go-hello-world", hello, nil},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				runIn(b, 0, c.prog, c.args...)
			}
		})
	}
}
