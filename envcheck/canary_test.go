package envcheck

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"testing"
)

// newCanary is a secret-shaped value made at run time, so no fixture holds one.
func newCanary(t *testing.T) string {
	t.Helper()
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "CANARY" + hex.EncodeToString(b)
}

// canaryProject is a project on which every template and schema rule fires on a value that is a
// canary: under keys sensitive by name, by @sensitive (with a harmless name), by a password in
// a URL, in the template, and in layered files.
func canaryProject(t *testing.T, canary string) map[string]string {
	return map[string]string{
		".env.example": "# @defaultRequired=true\n# ---\n\n" +
			"# @sensitive @validate=\"startswith=sk-ant-\"\nANTHROPIC_API_KEY=sk-ant-api03-your-key-here\n" +
			"# @sensitive @type=int\nLICENSE_ID=\n" +
			"# @sensitive\nLICENSE_OWNER=" + canary + "\n" +
			"# @type=url\nDATABASE_URL=postgres://user:password@localhost/app\n" +
			"# @sensitive @type=port\nBACKUP_PORT=" + canary + "\n" +
			"# @optional\nOPENAI_API_KEY=x\n" +
			"# @required=production\nOLLAMA_HOST=\n" +
			"# @optional @deprecated=\"use LICENSE_ID\"\nOLD_LICENSE=\n" +
			"# @optional @sensitive\nPLAIN=\n" +
			"MODEL=claude\n" +
			"NEEDED=value\n",
		".env": "ANTHROPIC_API_KEY=sk-ant-api03-" + canary + "\n" + // schema-violation? no: starts with sk-ant-
			"LICENSE_ID=" + canary + "\n" + // schema-violation (int), sensitive by @sensitive
			"LICENSE_OWNER=" + canary + "\n" + // placeholder-value: the template's value of a secret
			"DATABASE_URL=postgres://app:" + canary + "@db/app\n" + // fine: a URL
			"OPENAI_API_KEY=" + canary + "-your-key-here\n" + // placeholder-value
			"OLD_LICENSE=" + canary + "\n" + // deprecated-key
			"EXTRA_TOKEN=" + canary + "\n" + // extra-key
			"MODEL=\n", // empty-value
		".env.production": "ANTHROPIC_API_KEY=" + canary + "\n" + // schema-violation (startswith)
			"DATABASE_URL=mysql://app:" + canary + "@[::1\n" + // schema-violation (url) of a URL with a password
			"PLAIN=" + canary + "xxxx\n", // placeholder-value under @sensitive
		"closed/.env.schema.json": `{"version": "1.0", "entries": {"A": {"type": "Integer", "required": true, "sensitive": true}, "B": {"required": true}}}`,
		"closed/.env":             "A=" + canary + "\nSECRET_B=" + canary + "\nB=\n",
		"lone/.env":               "SERVICE_TOKEN=" + canary + "\n",
		"plain/.env.example":      "API_TOKEN=your-token-here\nMODEL=claude\nNEEDED=x\n",
		"plain/.env":              "API_TOKEN=" + canary + "\nMODEL=\n", // missing-key NEEDED, empty-value MODEL
	}
}

// issueRules are the rules of the template and schema families.
func issueRules() []*Rule { return append(templateRules(), schemaRules()...) }

// Every message of the template and schema rules is free of the canary before the driver's
// redaction net, which would hide a leak: the rules themselves must never put a value there.
func TestCanaryRawFindings(t *testing.T) {
	canary := newCanary(t)
	dir := t.TempDir()
	writeFiles(t, dir, canaryProject(t, canary))
	for _, env := range []string{"", "production"} {
		p, errs, err := Load(Options{Dir: dir, Recursive: true, Env: env, Rules: All(), Enable: names(issueRules()), Disable: names(append(syntaxRules(), InvalidSuppression))})
		if err != nil {
			t.Fatal(err)
		}
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var findings []Finding
		var perr []error
		for _, r := range p.Rules {
			pass := &Pass{Rule: r, Project: p, findings: &findings, errs: &perr}
			if r.Scope == PerProject {
				pass.run()
				continue
			}
			for _, f := range p.Checked() {
				fp := *pass
				fp.File = f
				fp.run()
			}
		}
		if len(perr) > 0 {
			t.Fatal(perr)
		}
		fired := map[string]bool{}
		for _, f := range findings {
			fired[f.Rule.Name] = true
			if strings.Contains(f.Message, canary) || strings.Contains(f.Message, "CANARY") {
				t.Errorf("--env %q: %s %s:%d leaks the canary: %s", env, f.Rule.Name, f.File, f.Line, f.Message)
			}
		}
		for _, r := range issueRules() {
			if !fired[r.Name] {
				t.Errorf("--env %q: %s did not fire, so the test does not cover it", env, r.Name)
			}
		}
	}
}

func names(rules []*Rule) []string {
	var out []string
	for _, r := range rules {
		out = append(out, r.Name)
	}
	return out
}
