package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/envcheck/envcheck/envcheck"
)

// canary is a secret-shaped value assembled at run time, so no such literal sits in the repository.
func canary() string {
	return "sk-ant-api03-" + strings.Repeat("Zq9", 4) + "CANARY" + strings.Repeat("x7", 6)
}

// TestNoSecretInAnyOutput puts the canary in the values of sensitive keys, in every shape that
// makes a syntax rule fire, and checks that no format prints it.
func TestNoSecretInAnyOutput(t *testing.T) {
	c := canary()
	dir := t.TempDir()
	files := map[string]string{
		".env": "ANTHROPIC_API_KEY = " + c + "\n" +
			"OPENAI_API_KEY=" + c + " with blanks\n" +
			"SECRET_TOKEN=`" + c + "`\n" +
			"PASSWD=" + c + "'quote\n" +
			"GITHUB_TOKEN=" + c + "#hash\n" +
			"AUTH_HEADER=" + c + " # one # two\n" +
			"api_key=" + c + "\n" +
			"API-KEY=" + c + "\n" +
			"PRIVATE_KEY=" + c + "$x\n" +
			"DATABASE_URL=postgres://app:" + c + "@db/app   \n" +
			"ANTHROPIC_API_KEY=" + c + "\n" +
			"DB_PASSWORD=\"" + c + "\n",
		"prod.env": "\ufeffCREDENTIAL=" + c + "\r",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, format := range []string{"text", "json", "sarif", "github"} {
		var stdout, stderr bytes.Buffer
		code := run([]string{"envcheck", "check", "--enable", "unordered-key", "--format", format, dir}, nil, &stdout, &stderr)
		if code != 1 {
			t.Errorf("%s: exit code %d, want 1; stderr: %s", format, code, stderr.String())
		}
		out := stdout.String() + stderr.String()
		if strings.Count(out, "\n") < 10 && format != "json" && format != "sarif" {
			t.Errorf("%s: expected many findings, got:\n%s", format, out)
		}
		for _, part := range []string{c, "CANARY"} {
			if strings.Contains(out, part) {
				t.Errorf("%s output contains the secret (%q):\n%s", format, part, out)
			}
		}
	}
}

// environmentRules are the hygiene rules whose findings on the demo depend on where it is
// checked: in a clone or a tarball (git), and under which umask (file modes).
const environmentRules = "env-not-gitignored,env-ignored-locally-only,env-tracked,template-gitignored,env-in-history,insecure-permissions"

// TestReadmeDemo pins what the README's first command prints, and checks that the demo shows every
// rule that can fire on files alone; the rules that depend on git and file modes are left out.
func TestReadmeDemo(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"envcheck", "check", "-r", "--disable", environmentRules, "testdata/demo"}, nil, &stdout, &stderr)
	if code != 1 || stderr.Len() > 0 {
		t.Fatalf("exit code %d (want 1), stderr: %s", code, stderr.String())
	}
	golden := filepath.Join("testdata", "golden", "demo.txt")
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(stdout.Bytes(), want) {
		t.Errorf("the demo's output changed (go test -run TestReadmeDemo -update rewrites %s):\n%s", golden, stdout.String())
	}
	for _, r := range envcheck.All() {
		fileOnly := r == envcheck.EnvInDockerContext // secret-in-template would need a secret-shaped value in the repository
		if f := envcheck.Family(r); (f == "syntax" || f == "template" || f == "schema" || fileOnly) && !r.NonDefault && !strings.Contains(stdout.String(), "["+r.Name+"]") {
			t.Errorf("the demo does not show %s", r.Name)
		}
	}
	stdout.Reset()
	run([]string{"envcheck", "check", "--env", "production", "testdata/demo"}, nil, &stdout, &stderr)
	if !strings.Contains(stdout.String(), "OLLAMA_HOST is required in production but empty") {
		t.Errorf("--env production does not switch the demo's requirements:\n%s", stdout.String())
	}
}
