package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/envcheck/envcheck/envcheck"
)

// BenchmarkMonorepo compares `envcheck check -r` with `git status --ignored --porcelain` on the
// same generated monorepo (DESIGN §10: at most 1.5x): 20,000 files in 100 packages, 500 env
// files and templates, a .gitignore in every package, a Dockerfile and .dockerignore in every
// package, everything else committed. Both run as processes, as a user would run them;
// "library" is envcheck.Check in process, without the process start.
//
//	go test -run '^$' -bench Monorepo -benchtime 40x .
//
// side-by-side reports the median wall time of each and the median of their ratios.
func BenchmarkMonorepo(b *testing.B) {
	if testing.Short() {
		b.Skip("generates 20,000 files")
	}
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not on PATH")
	}
	dir := b.TempDir()
	repo := filepath.Join(dir, "repo")
	files, envFiles := generateMonorepo(b, repo)
	bin := buildEnvcheck(b, dir)
	env := append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	runCmd := func(b *testing.B, name string, args ...string) {
		cmd := exec.Command(name, args...)
		cmd.Dir = repo
		cmd.Env = env
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Run(); err != nil {
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() > 1 {
				b.Fatalf("%s: %v\n%s", name, err, out.String())
			}
		}
	}
	b.Logf("%d files, %d env files and templates", files, envFiles)
	b.Run("envcheck", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			runCmd(b, bin, "check", "-r", "-q")
		}
	})
	b.Run("git-status", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			runCmd(b, "git", "status", "--ignored", "--porcelain")
		}
	})
	// Side by side: each iteration runs both, in alternating order, so load on a shared machine
	// hits them alike; the medians and the median of the per-pair ratios are reported.
	b.Run("side-by-side", func(b *testing.B) {
		var ours, theirs, ratios []float64
		for i := 0; i < b.N; i++ {
			timeOf := func(name string, args ...string) float64 {
				start := time.Now()
				runCmd(b, name, args...)
				return float64(time.Since(start).Nanoseconds())
			}
			var e, g float64
			if i%2 == 0 {
				e, g = timeOf(bin, "check", "-r", "-q"), timeOf("git", "status", "--ignored", "--porcelain")
			} else {
				g, e = timeOf("git", "status", "--ignored", "--porcelain"), timeOf(bin, "check", "-r", "-q")
			}
			ours, theirs, ratios = append(ours, e), append(theirs, g), append(ratios, e/g)
		}
		b.ReportMetric(median(ours)/1e6, "envcheck-ms")
		b.ReportMetric(median(theirs)/1e6, "git-status-ms")
		b.ReportMetric(median(ratios), "ratio")
	})
	b.Run("library", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			res, err := envcheck.Check(envcheck.Options{Dir: repo, Recursive: true})
			if err != nil {
				b.Fatal(err)
			}
			if res.Files() != envFiles {
				b.Fatalf("checked %d files, want %d", res.Files(), envFiles)
			}
		}
	})
}

// generateMonorepo writes the tree and commits everything git does not ignore. It returns the
// number of files and of env files and templates.
func generateMonorepo(b *testing.B, repo string) (files, envFiles int) {
	b.Helper()
	write := func(rel, content string, mode os.FileMode) {
		p := filepath.Join(repo, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			b.Fatal(err)
		}
		files++
	}
	write(".gitignore", "node_modules/\n*.log\n", 0o644)
	for p := 0; p < 100; p++ {
		pkg := fmt.Sprintf("packages/pkg%03d", p)
		write(pkg+"/.gitignore", ".env\n.env.*\n!.env.example\n*.env\nbuild/\n", 0o644)
		write(pkg+"/Dockerfile", "FROM scratch\nCOPY . /app\n", 0o644)
		write(pkg+"/.dockerignore", "**/.env\n**/.env.*\n!**/.env.example\n**/*.env\n", 0o644)
		write(pkg+"/.env", "PORT=8080\nAPI_KEY=local-key\n", 0o600)
		write(pkg+"/.env.local", "DEBUG=1\n", 0o600)
		write(pkg+"/.env.example", "PORT=8080\nAPI_KEY=\nDEBUG=\n", 0o644)
		write(pkg+"/config/app.env", "MODE=dev\n", 0o600)
		write(pkg+"/src/.env", "PORT=9090\n", 0o600)
		envFiles += 5
		for d := 0; d < 4; d++ {
			for f := 0; files < (p+1)*200 && f < 100; f++ {
				write(fmt.Sprintf("%s/src/mod%d/file%03d.go", pkg, d, f), "package mod\n", 0o644)
			}
		}
	}
	for files < 20000 {
		write(fmt.Sprintf("docs/page%05d.md", files), "# page\n", 0o644)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"commit", "-qm", "monorepo"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=b", "GIT_AUTHOR_EMAIL=b@example.com", "GIT_COMMITTER_NAME=b", "GIT_COMMITTER_EMAIL=b@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	return files, envFiles
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// buildEnvcheck builds the envcheck binary into dir, as a user's `go install` would.
func buildEnvcheck(tb testing.TB, dir string) string {
	tb.Helper()
	return goBuild(tb, dir, "envcheck", ".")
}

// goBuild builds pkg into dir/name with extra environment settings, and returns the binary.
func goBuild(tb testing.TB, dir, name, pkg string, env ...string) string {
	tb.Helper()
	bin := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", bin, pkg)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}
