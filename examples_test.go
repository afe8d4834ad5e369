package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// exampleProject makes a small git project with an annotated template and a valid .env.
func exampleProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, content string, mode os.FileMode) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
	}
	write(".env.example", "# @type=port @default=8080\nPORT=8080\n\n# @type=url\nOLLAMA_HOST=http://localhost:11434\n", 0o644)
	write(".env", "PORT=9090\nOLLAMA_HOST=http://localhost:11434\n", 0o600)
	write(".gitignore", ".env\n.env.*\n!.env.example\n", 0o644)
	write("internal/config/config.go", "// Package config holds the settings.\npackage config\n", 0o644)
	gitIn(t, dir, "init", "-q")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-qm", "init")
	return dir
}

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// shell runs a command line with sh in dir, with bin's directory first on PATH.
func shell(t *testing.T, dir, bin, line string) (string, int) {
	t.Helper()
	cmd := exec.Command("sh", "-c", line)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	code := exitCodeOf(err)
	if code < 0 {
		t.Fatalf("%s: %v", line, err)
	}
	return string(out), code
}

// TestExampleMakefile runs examples/Makefile's check target: clean, then failing as soon as the
// schema changes without the loader being regenerated.
func TestExampleMakefile(t *testing.T) {
	bin := buildEnvcheck(t, t.TempDir())
	dir := exampleProject(t)
	if out, code := shell(t, dir, bin, "envcheck generate --example .env.example --out internal/config/config_gen.go --package config"); code != 0 {
		t.Fatalf("generate: exit %d\n%s", code, out)
	}
	makefile, err := os.ReadFile("examples/Makefile")
	if err != nil {
		t.Fatal(err)
	}
	// The recipe, line by line as make runs it, with ENVCHECK pointing at this build.
	var recipe []string
	for _, line := range strings.Split(string(makefile), "\n") {
		if strings.HasPrefix(line, "\t") {
			recipe = append(recipe, strings.ReplaceAll(strings.TrimPrefix(line, "\t"), "$(ENVCHECK)", bin))
		}
	}
	if len(recipe) != 2 {
		t.Fatalf("the check target has %d lines: %q", len(recipe), recipe)
	}
	runRecipe := func() (string, int) {
		var all string
		for _, line := range recipe {
			out, code := shell(t, dir, bin, line)
			all += out
			if code != 0 {
				return all, code
			}
		}
		return all, 0
	}
	if out, code := runRecipe(); code != 0 {
		t.Fatalf("make check on a clean project: exit %d\n%s", code, out)
	}
	_, hasMake := exec.LookPath("make")
	if hasMake == nil {
		if out, code := shell(t, dir, bin, "make -s -f "+mustAbsPath(t, "examples/Makefile")+" check ENVCHECK="+bin); code != 0 {
			t.Fatalf("make check: exit %d\n%s", code, out)
		}
	}
	// The schema changes; the loader was not regenerated.
	f, _ := os.OpenFile(filepath.Join(dir, ".env.example"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\n# @type=duration @default=30s\nHTTP_TIMEOUT=30s\n")
	f.Close()
	out, code := runRecipe()
	if code != 1 || !strings.Contains(out, "+\tHTTPTimeout") {
		t.Errorf("make check after a schema change: exit %d (want 1 from generate --check)\n%s", code, out)
	}
	if hasMake == nil {
		if _, code := shell(t, dir, bin, "make -s -f "+mustAbsPath(t, "examples/Makefile")+" check ENVCHECK="+bin); code == 0 {
			t.Error("make check passed with a stale loader")
		}
	}
}

func mustAbsPath(t *testing.T, p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// TestExampleWorkflow runs the envcheck steps of examples/envcheck.yml as the runner would.
func TestExampleWorkflow(t *testing.T) {
	data, err := os.ReadFile("examples/envcheck.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Run  string            `yaml:"run"`
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	bin := buildEnvcheck(t, t.TempDir())
	dir := exampleProject(t)
	// A problem to report: a value with blanks, unquoted.
	os.WriteFile(filepath.Join(dir, ".env"), []byte("PORT=9090\nOLLAMA_HOST=http://localhost:11434\nNAME=My App\n"), 0o600)
	var ran int
	for _, step := range wf.Jobs["envcheck"].Steps {
		switch {
		case strings.HasPrefix(step.Run, "go install "):
			if mod := strings.Fields(step.Run)[2]; mod != "github.com/envcheck/envcheck@latest" {
				t.Errorf("installs %s", mod)
			}
		case strings.HasPrefix(step.Run, "envcheck "):
			ran++
			out, code := shell(t, dir, bin, step.Run)
			switch {
			case strings.Contains(step.Run, "--format github"):
				if code != 1 || !strings.Contains(out, "::warning file=.env,line=3,col=8,title=value-without-quotes::") {
					t.Errorf("%s: exit %d\n%s", step.Run, code, out)
				}
			case strings.Contains(step.Run, "--format sarif"):
				sarif, err := os.ReadFile(filepath.Join(dir, "envcheck.sarif"))
				var log struct{ Version string }
				if code != 0 || err != nil || json.Unmarshal(sarif, &log) != nil || log.Version != "2.1.0" {
					t.Errorf("%s: exit %d, %v\n%s%s", step.Run, code, err, out, sarif)
				}
			default:
				t.Errorf("untested step %q", step.Run)
			}
		case strings.Contains(step.Uses, "upload-sarif") && step.With["sarif_file"] != "envcheck.sarif":
			t.Errorf("uploads %q", step.With["sarif_file"])
		}
	}
	if ran != 2 {
		t.Errorf("ran %d envcheck steps, want 2", ran)
	}
}

// TestReadmeShowsExamples keeps the README's copies of the example files identical to them.
func TestReadmeShowsExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"examples/Makefile", "examples/envcheck.yml", "examples/onboard.sh"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(readme, data) {
			t.Errorf("README.md does not show %s as it is", name)
		}
	}
}
