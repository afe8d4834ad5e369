package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/envcheck/envcheck/internal/fakesecret"
)

// TestCanaryNeverShown runs check (every format, with and without an environment), diff
// (every format) and fix (the dry run's diffs, then for real) on a project whose secrets are all one canary value, under keys that are
// sensitive by name, by @sensitive with a harmless name, by a JSON schema, and by holding a URL
// with a password; the canary must appear in no output and no error.
func TestCanaryNeverShown(t *testing.T) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	canary := "sk-ant-api03-CANARY" + hex.EncodeToString(b)
	dir := t.TempDir()
	files := map[string]string{
		".env.example": "# @defaultRequired=true\n# ---\n\n" +
			"# @sensitive @validate=\"startswith=sk-ant-api03-\"\nANTHROPIC_API_KEY=sk-ant-api03-your-key-here\n" +
			"# @sensitive @type=int\nLICENSE_ID=\n" +
			"# @sensitive\nLICENSE_OWNER=" + canary + "\n" +
			"# @type=url\nDATABASE_URL=postgres://user:password@localhost/app\n" +
			"# @optional\nOPENAI_API_KEY=\n" +
			"# @required=production\nOLLAMA_HOST=\n" +
			"# @optional @deprecated=\"use LICENSE_ID\"\nOLD_LICENSE=\n" +
			"# @optional @sensitive\nPLAIN=\n",
		".env": "ANTHROPIC_API_KEY=" + canary + "\n" +
			"LICENSE_ID=" + canary + "\n" +
			"LICENSE_OWNER=" + canary + "\n" +
			"DATABASE_URL=postgres://app:" + canary + "@db/app\n" +
			"OPENAI_API_KEY=" + canary + "-your-key-here\n" +
			"OLD_LICENSE=" + canary + "\n" +
			"EXTRA_TOKEN=" + canary + "\n" +
			"PLAIN=" + canary + "\n",
		".env.production": "ANTHROPIC_API_KEY=x" + canary + "\n" +
			"DATABASE_URL=mysql://app:" + canary + "@[::1\n" +
			"PLAIN=" + canary + "xxxx\n" +
			"LICENSE_ID=" + canary + "2\n",
		"closed/.env.schema.json": `{"version": "1.0", "entries": {"A": {"type": "Integer", "sensitive": true}, "B": {"required": true}}}`,
		"closed/.env":             "A=" + canary + "\nSECRET_B=" + canary + "\nB=\n",
		"plain/.env.example":      "API_TOKEN=your-token-here\nMODEL=claude\nNEEDED=x\n",
		"plain/.env":              "API_TOKEN=" + canary + "\nMODEL=\n",
		"bad/.env":                "A=1\n",
		"bad/.env.example":        "# @sensitive @type=int @default=" + canary + "\nA=\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	in := func(name string) string { return filepath.Join(dir, name) }
	type invocation struct {
		args []string
		code int
	}
	var runs []invocation
	for _, format := range []string{"text", "json", "sarif", "github"} {
		for _, env := range []string{"", "production"} {
			args := []string{"envcheck", "check", "-r", "--exclude", "bad", "--format", format, dir}
			if env != "" {
				args = append(args, "--env", env)
			}
			runs = append(runs, invocation{args, 1})
		}
	}
	for _, format := range []string{"text", "json"} {
		runs = append(runs,
			invocation{[]string{"envcheck", "diff", "--format", format, in(".env"), in(".env.production"), in(".env.example")}, 1},
			invocation{[]string{"envcheck", "diff", "--format", format, in("closed/.env"), in("plain/.env")}, 1},
		)
	}
	runs = append(runs, invocation{[]string{"envcheck", "check", in("bad")}, 2})
	check := func(runs []invocation) {
		for _, r := range runs {
			var stdout, stderr bytes.Buffer
			code := run(r.args, strings.NewReader(""), &stdout, &stderr)
			if code != r.code {
				t.Errorf("%v: exit %d, want %d\n%s%s", r.args[1:], code, r.code, stdout.String(), stderr.String())
			}
			out := stdout.String() + stderr.String()
			if strings.Contains(out, "CANARY") {
				t.Errorf("%v shows the canary:\n%s", r.args[1:], out)
			}
			if stdout.Len() == 0 && r.code != 2 {
				t.Errorf("%v printed nothing, so it proves nothing", r.args[1:])
			}
		}
	}
	check(runs)
	// Every rule of the template and schema families fired somewhere in the text runs.
	var all bytes.Buffer
	for _, env := range []string{"", "production"} {
		args := []string{"envcheck", "check", "-r", "--exclude", "bad", dir}
		if env != "" {
			args = append(args, "--env", env)
		}
		run(args, strings.NewReader(""), &all, &all)
	}
	for _, rule := range []string{"missing-key", "extra-key", "placeholder-value", "empty-value", "missing-template",
		"schema-violation", "schema-unknown-key", "schema-required", "deprecated-key"} {
		if !strings.Contains(all.String(), "["+rule+"]") {
			t.Errorf("%s never fired, so the canary test does not cover it", rule)
		}
	}
	// fix: the dry run's diffs, then the real run's report (last: it changes the files).
	check([]invocation{
		{[]string{"envcheck", "fix", "--dry-run", "-r", "--exclude", "bad", dir}, 1},
		{[]string{"envcheck", "fix", "-r", "--exclude", "bad", dir}, 1},
	})
}

// TestCanaryInitAndHook gives init the canary as the value of sensitive keys (by @sensitive, by
// name, in a URL's password) through --set and the environment, valid and refused, and has the
// hook find it staged in an env file and in a template: no output shows it.
func TestCanaryInitAndHook(t *testing.T) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	canary := "sk-ant-api03-CANARY" + hex.EncodeToString(b)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, ".gitconfig"))
	dir := t.TempDir()
	if out, err := exec.Command("git", "-C", dir, "init", "-q").CombinedOutput(); err != nil {
		t.Skipf("git init: %v %s", err, out)
	}
	template := "# @sensitive @validate=\"startswith=sk-ant-api03-\"\nLICENSE=\n" +
		"# @sensitive @type=int\nLICENSE_ID=\n" +
		"API_TOKEN=\n" +
		"# @type=url\nDATABASE_URL=\n"
	if err := os.WriteFile(filepath.Join(dir, ".env.example"), []byte(template), 0o644); err != nil {
		t.Fatal(err)
	}
	in := func(args ...string) []string { return append([]string{"envcheck"}, args...) }
	for _, c := range []struct {
		args []string
		env  string // the value of API_TOKEN in the environment
		code int
	}{
		{in("init", "--non-interactive", "--set", "LICENSE=x"+canary, "--set", "LICENSE_ID="+canary, "--set", "DATABASE_URL=postgres://app:"+canary+"@[::1", dir), canary + "-your-token-here", 1},
		{in("init", dir), canary, 2},
		{in("init", "--non-interactive", "--set", "LICENSE="+canary, "--set", "LICENSE_ID=42", "--set", "DATABASE_URL=postgres://app:"+canary+"@db/app", dir), canary, 0},
		{in("init", "--non-interactive", "--set", "LICENSE="+canary, dir), canary, 0},
	} {
		t.Setenv("API_TOKEN", c.env)
		var stdout, stderr bytes.Buffer
		code := run(c.args, strings.NewReader(""), &stdout, &stderr)
		out := stdout.String() + stderr.String()
		if code != c.code {
			t.Errorf("%v: exit %d, want %d\n%s", c.args[1:2], code, c.code, out)
		}
		if strings.Contains(out, "CANARY") {
			t.Errorf("%v shows the canary:\n%s", c.args[1:2], out)
		}
		if len(out) == 0 {
			t.Errorf("%v printed nothing, so it proves nothing", c.args[1:2])
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, ".env")); !strings.Contains(string(data), "LICENSE="+canary+"\n") {
		t.Fatalf(".env does not hold the values given:\n%s", data)
	}
	// Staged: the env file, and a template holding the canary and a real-looking key.
	os.WriteFile(filepath.Join(dir, ".env.example"), []byte(template+"LICENSE_KEY="+canary+"\nOTHER="+fakesecret.Make("anthropic-api-key")+"\n"), 0o644)
	if out, err := exec.Command("git", "-C", dir, "add", "-f", ".env", ".env.example").CombinedOutput(); err != nil {
		t.Fatalf("git add: %v %s", err, out)
	}
	var stdout, stderr bytes.Buffer
	code := run(in("hook", "run", dir), nil, &stdout, &stderr)
	out := stdout.String() + stderr.String()
	if code != 1 || !strings.Contains(out, ".env: an env file is staged") || !strings.Contains(out, "Anthropic API key (sk-ant-api03-…(108 chars))") {
		t.Errorf("hook run: exit %d\n%s", code, out)
	}
	if strings.Contains(out, "CANARY") || strings.Contains(out, fakesecret.Make("anthropic-api-key")) {
		t.Errorf("hook run shows a secret:\n%s", out)
	}
}
