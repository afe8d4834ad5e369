package main

import (
	"bytes"
	"fmt"
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
// makes a syntax rule fire, and in the places a new user's trial found leaks: a malformed URL
// with a password under a url-typed key, a provider-shaped key under an innocent int-typed key, a
// credential pasted on a line of its own. No command and no format may print it.
func TestNoSecretInAnyOutput(t *testing.T) {
	// Every line gets its own canary, so one line's secret cannot hide another's leak (the
	// redaction net masks a value everywhere once any sensitive key holds it). They are longer
	// than the 60 characters a message quotes, as the real leaks were.
	n := 0
	canaryN := func() string {
		n++
		return fmt.Sprintf("sk-ant-api03-Zq9%02dCANARY%s", n, strings.Repeat("x7", 45))
	}
	passwordN := func() string {
		n++
		return fmt.Sprintf("Pw%02dq8q8CANARY", n)
	}
	c := canaryN()
	pw := passwordN()
	dir := t.TempDir()
	files := map[string]string{
		".env": "ANTHROPIC_API_KEY = " + c + "\n" +
			"OPENAI_API_KEY=" + canaryN() + " with blanks\n" +
			"SECRET_TOKEN=`" + canaryN() + "`\n" +
			"PASSWD=" + canaryN() + "'quote\n" +
			"GITHUB_TOKEN=" + canaryN() + "#hash\n" +
			"AUTH_HEADER=" + canaryN() + " # one # two\n" +
			"api_key=" + canaryN() + "\n" +
			"API-KEY=" + canaryN() + "\n" +
			"PRIVATE_KEY=" + canaryN() + "$x\n" +
			"DATABASE_URL=postgres://app:" + pw + "@db/app   \n" +
			"ANTHROPIC_API_KEY=" + canaryN() + "\n" +
			"DB_PASSWORD=\"" + canaryN() + "\n" +
			"BROKEN_URL=postgres//app:" + passwordN() + "@db/app\n" +
			"SPACED_URL=redis://:" + passwordN() + " x@cache:6379\n" +
			"MODEL_ID=" + canaryN() + "\n" +
			"LEVEL=" + canaryN() + "\n" +
			canaryN() + "\n" +
			"export TOKEN " + canaryN() + "\n" +
			"\"WRAPPED_KEY=" + canaryN() + "\"\n",
		".env.example": "# @type=url\nBROKEN_URL=\n# @type=url\nSPACED_URL=\n# @type=int\nMODEL_ID=1\n# @type=enum(debug,info)\nLEVEL=info\n",
		"prod.env":     "\ufeffCREDENTIAL=" + canaryN() + "\r",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	commands := [][]string{
		{"fix", "--dry-run", dir},
		{"diff", filepath.Join(dir, ".env"), filepath.Join(dir, "prod.env")},
	}
	for _, format := range []string{"text", "json", "sarif", "github"} {
		commands = append(commands, []string{"check", "--enable", "unordered-key", "--format", format, dir})
	}
	for _, args := range commands {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"envcheck"}, args...), nil, &stdout, &stderr)
		if code == 0 || code == 2 && args[0] != "diff" {
			t.Errorf("%v: exit code %d; stderr: %s", args, code, stderr.String())
		}
		out := stdout.String() + stderr.String()
		if strings.Count(out, "\n") < 10 && args[0] == "check" && args[4] != "json" && args[4] != "sarif" {
			t.Errorf("%v: expected many findings, got:\n%s", args, out)
		}
		for _, part := range []string{"CANARY"} {
			if strings.Contains(out, part) {
				t.Errorf("%v: the output contains the secret (%q):\n%s", args, part, out)
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
