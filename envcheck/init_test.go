package envcheck

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/envcheck/envcheck/envcheck/dotenv"
	"github.com/envcheck/envcheck/schema"
)

// trickyValues are values a user may type or pass with --set that a naive KEY=value would
// corrupt: blanks, comment marks, quotes, $ references, backslashes, newlines, non-ASCII.
var trickyValues = []string{
	"plain", "with blanks", "#hash", "a#b", "a #b", "value # not a comment", "'single'", `"double"`,
	`both ' and "`, "it's", `say "hi"`, "$HOME", "${VAR}", "$(cmd)", `\$x`, `back\slash`, `ends\`, `\`,
	"tab\there", " leading", "trailing ", "  ", "multi\nline", "é ünïcode ✓", "`tick`", "=eq", "a=b",
	"https://u:p%40ss@host:5432/db?sslmode=require&x=1", `{"top_p": 0.9, "stop": ["\n"]}`, "'", `"`, "$", "#",
	`a\nb`, `\"`, `'\''`, "$$", "x${", "-dash", "~home", "*glob?", "semi;colon", "a|b&c", "<angle>",
}

func TestEncodeValueRoundTrip(t *testing.T) {
	var file strings.Builder
	for i, v := range trickyValues {
		enc, err := EncodeValue(v)
		if err != nil {
			t.Errorf("%q: %v", v, err)
			continue
		}
		f, _ := dotenv.Parse("t", []byte("KEY="+enc+"\n"))
		if len(f.Entries) != 1 || f.Entries[0].Value != v || len(f.Errors) > 0 {
			t.Errorf("%q is written as %s, which reads back as %q (errors %v)", v, enc, f.Entries[0].Value, f.Errors)
		}
		file.WriteString("K" + string(rune('A'+i/26)) + string(rune('A'+i%26)) + "=" + enc + "\n")
	}
	// Together in one file, the values still read back, and no syntax rule objects to how they
	// are written (which would make init's own output fail the check).
	src := file.String()
	f, _ := dotenv.Parse("t", []byte(src))
	for i, v := range trickyValues {
		if got := f.Entries[i].Value; got != v {
			t.Errorf("in one file, %q reads back as %q", v, got)
		}
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.env": src}, 0o600)
	res, err := Check(Options{Paths: []string{filepath.Join(dir, "a.env")}, Rules: syntaxRules()})
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range res.Findings {
		t.Errorf("%s:%d: %s [%s]", fd.File, fd.Line, fd.Message, fd.Rule.Name)
	}
	// What no quoting can hold is refused, not written wrong.
	for _, v := range []string{"it's a trap\\", "a b\\"} {
		if enc, err := EncodeValue(v); err == nil {
			t.Errorf("%q is written as %s", v, enc)
		} else if strings.Contains(err.Error(), v) {
			t.Errorf("the error shows the value: %v", err)
		}
	}
}

// initTemplate is an annotated template with every kind of key init meets.
const initTemplate = `# @defaultRequired=true
# ---

# Claude API key.
# @sensitive @validate="startswith=sk-ant-"
ANTHROPIC_API_KEY=your-anthropic-api-key-here

# @type=port @default=8080
PORT=8080

# @type=enum(development,production) @default=development
APP_ENV=development

# @type=url @required=production
OLLAMA_HOST=http://localhost:11434

# @optional
NOTES=

# @deprecated="use PORT" @optional
OLD_PORT=
`

func planIn(t *testing.T, dir, target string, env string) *InitPlan {
	t.Helper()
	plan, err := PlanInit(Options{Dir: dir, Env: env}, filepath.Join(dir, target))
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func askKeys(plan *InitPlan) string {
	var out []string
	for _, k := range plan.Asks {
		out = append(out, k.Key+":"+k.State)
	}
	return strings.Join(out, " ")
}

func TestPlanInitNewFile(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".env.example": initTemplate}, 0o644)
	plan := planIn(t, dir, ".env", "")
	if plan.Exists || plan.Template == nil || plan.Template.Path != ".env.example" {
		t.Fatalf("plan: exists %v, template %v", plan.Exists, plan.Template)
	}
	if got, want := askKeys(plan), "ANTHROPIC_API_KEY:missing PORT:missing APP_ENV:missing OLLAMA_HOST:missing NOTES:missing"; got != want {
		t.Errorf("asks %s\nwant %s", got, want)
	}
	byKey := map[string]*InitKey{}
	for _, k := range plan.Asks {
		byKey[k.Key] = k
	}
	api, port, host := byKey["ANTHROPIC_API_KEY"], byKey["PORT"], byKey["OLLAMA_HOST"]
	if !api.Sensitive || !api.Required || api.Example != "" || api.Description != "Claude API key." {
		t.Errorf("ANTHROPIC_API_KEY: %+v", api)
	}
	if port.Default == nil || *port.Default != "8080" || port.Required || port.Needed {
		t.Errorf("PORT: %+v", port)
	}
	if host.Required || host.Example != "http://localhost:11434" {
		t.Errorf("OLLAMA_HOST without an environment: %+v", host)
	}
	if prod := planIn(t, dir, ".env.production", "production"); !prod.Asks[3].Required {
		t.Errorf("OLLAMA_HOST is not required in production: %+v", prod.Asks[3])
	}

	for _, c := range []struct {
		key, value, err string
	}{
		{"ANTHROPIC_API_KEY", "", "ANTHROPIC_API_KEY is required"},
		{"ANTHROPIC_API_KEY", "sk-ant-your-key-here", "ANTHROPIC_API_KEY is still a placeholder"},
		{"ANTHROPIC_API_KEY", "sk-proj-0123456789", `ANTHROPIC_API_KEY does not start with "sk-ant-"`},
		{"ANTHROPIC_API_KEY", "sk-ant-real\x00", "control character"},
		{"ANTHROPIC_API_KEY", "sk-ant-\xff", "not valid UTF-8"},
		{"ANTHROPIC_API_KEY", "sk-ant-api03-abc", ""},
		{"PORT", "80800", "PORT is not a port"},
		{"PORT", "", ""},
		{"APP_ENV", "staging", "APP_ENV is not one of development, production"},
		{"NOTES", "", ""},
		{"NOTES", "call me # maybe", ""},
	} {
		err := byKey[c.key].Check(c.value)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s=%q: %v", c.key, c.value, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s=%q: error %v, want %q", c.key, c.value, err, c.err)
		case err != nil && c.value != "" && strings.Contains(err.Error(), c.value):
			t.Errorf("%s: the error shows the value: %v", c.key, err)
		}
		var ve *schema.ValueError
		if err != nil && !errors.As(err, &ve) {
			t.Errorf("%s: %T is not a *schema.ValueError", c.key, err)
		}
	}

	out, err := plan.Content(map[string]string{"ANTHROPIC_API_KEY": "sk-ant-api03-abc", "PORT": "8080", "APP_ENV": "development", "OLLAMA_HOST": "", "NOTES": "call me # maybe"})
	if err != nil {
		t.Fatal(err)
	}
	want := "# Claude API key.\n# @sensitive @validate=\"startswith=sk-ant-\"\nANTHROPIC_API_KEY=sk-ant-api03-abc\n\n" +
		"# @type=port @default=8080\nPORT=8080\n\n" +
		"# @type=enum(development,production) @default=development\nAPP_ENV=development\n\n" +
		"# @type=url @required=production\nOLLAMA_HOST=\n\n" +
		"# @optional\nNOTES='call me # maybe'\n"
	if string(out) != want {
		t.Errorf("content:\n%s\nwant:\n%s", out, want)
	}
	if err := plan.Write(out); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(filepath.Join(dir, ".env")); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("mode: %v %v", st.Mode(), err)
	}
	// Complete now: nothing more to ask, and the check is clean.
	if again := planIn(t, dir, ".env", ""); len(again.Asks) != 0 {
		t.Errorf("a second plan asks %s", askKeys(again))
	}
	res, err := Check(Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range res.Findings {
		if fd.Rule.Name != "env-not-gitignored" { // not a repository: that rule says so
			t.Errorf("after init: %s: %s [%s]", fd.File, fd.Message, fd.Rule.Name)
		}
	}
}

// TestPlanInitCompletes fills placeholders in place and appends what is missing, keeping every
// other byte: comments, export, CRLF line ends, a key without '=', a file without a final newline.
func TestPlanInitCompletes(t *testing.T) {
	dir := t.TempDir()
	existing := "# mine\r\nexport ANTHROPIC_API_KEY=\"your-anthropic-api-key-here\" # from the console\r\nPORT=9090\r\nAPP_ENV\r\nEXTRA=keep me"
	writeTree(t, dir, map[string]string{".env.example": initTemplate, ".env": existing}, 0o600)
	plan := planIn(t, dir, ".env", "")
	if got, want := askKeys(plan), "ANTHROPIC_API_KEY:a placeholder OLLAMA_HOST:missing NOTES:missing"; got != want {
		t.Errorf("asks %s\nwant %s", got, want)
	}
	// APP_ENV (no '=') is not asked: it is optional (a default), so empty is allowed.
	out, err := plan.Content(map[string]string{"ANTHROPIC_API_KEY": "sk-ant-api03-a b", "OLLAMA_HOST": "http://ollama:11434"})
	if err != nil {
		t.Fatal(err)
	}
	want := "# mine\r\nexport ANTHROPIC_API_KEY='sk-ant-api03-a b' # from the console\r\nPORT=9090\r\nAPP_ENV\r\nEXTRA=keep me\r\n\r\n" +
		"# @type=url @required=production\r\nOLLAMA_HOST=http://ollama:11434\r\n"
	if string(out) != want {
		t.Errorf("content:\n%q\nwant:\n%q", out, want)
	}
	// Someone edits the file meanwhile: nothing is written.
	os.WriteFile(filepath.Join(dir, ".env"), []byte(existing+"\n"), 0o600)
	if err := plan.Write(out); err == nil || !strings.Contains(err.Error(), "changed while envcheck init was asking") {
		t.Errorf("write over a changed file: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, ".env")); string(got) != existing+"\n" {
		t.Errorf("the file was overwritten: %q", got)
	}
}

func TestPlanInitLayers(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".env.example":          initTemplate,
		".env":                  "ANTHROPIC_API_KEY=sk-ant-api03-shared\nPORT=your-port-here\nNOTES=\n",
		".env.production.local": "OLLAMA_HOST=<host>\n",
	}, 0o600)
	plan := planIn(t, dir, ".env.production", "production")
	// PORT's placeholder is in .env: the value goes to .env.production, which overrides it.
	// OLLAMA_HOST's is in .env.production.local, which overrides the target: init says so.
	if got, want := askKeys(plan), "PORT:a placeholder APP_ENV:missing"; got != want {
		t.Errorf("asks %s\nwant %s", got, want)
	}
	if len(plan.Notes) != 1 || !strings.Contains(plan.Notes[0], "OLLAMA_HOST is a placeholder in .env.production.local, which overrides .env.production") {
		t.Errorf("notes: %q", plan.Notes)
	}
	out, err := plan.Content(map[string]string{"PORT": "8081", "APP_ENV": "production"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "# @type=port @default=8080\nPORT=8081\n\n# @type=enum(development,production) @default=development\nAPP_ENV=production\n"; string(out) != want {
		t.Errorf("content:\n%s\nwant:\n%s", out, want)
	}
}

func TestPlanInitRefuses(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"a/.env.example":         initTemplate,
		"a/.env":                 "NOTES=\"open\nPORT=1\n",
		"b/.env.example":         initTemplate,
		"b/real.conf":            "A=1\n",
		"c/.env.local":           "A=1\n",
		"d/.env.schema.json":     `{"version": "1.0", "entries": {"A": {"type": "Intger"}}}`,
		"e/.env.example":         "# @type=nope\nA=\n",
		"f/.env.example":         initTemplate,
		"f/.env/placeholder.txt": "",
	}, 0o600)
	if err := os.Symlink("real.conf", filepath.Join(dir, "b", ".env")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ target, want string }{
		{"a/.env", "a/.env:1: the quote opened in the value of NOTES is never closed"},
		{"b/.env", "b/.env is a symbolic link; envcheck never writes through a link"},
		{"c/.env", "c/.env has no template beside it (.env.example, .env.sample, …) and there is no .env.schema.json"},
		{"d/.env", `unknown type "Intger"`},
		{"e/.env", "e/.env.example:1:"},
		{"f/.env", "f/.env is not a regular file (a directory)"},
		{"nowhere/.env", "nowhere: no such directory"},
		{"a/.env.example", "a/.env.example is not an env file name (it is a template)"},
	} {
		_, err := PlanInit(Options{Dir: dir}, filepath.Join(dir, c.target))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v\nwant %q", c.target, err, c.want)
		}
	}
}

// TestPlanInitSchemaOnly plans from a JSON schema without a template: its keys, in its order,
// appended with their descriptions as comments.
func TestPlanInitSchemaOnly(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{SchemaFile: `{"version": "1.0", "entries": {
		"TOKEN": {"required": true, "description": "The API token."},
		"PORT": {"type": "Integer", "default": 8080},
		"OLD": {"deprecated": "use PORT"}}}`}, 0o600)
	plan := planIn(t, dir, ".env", "")
	if plan.Template != nil || plan.Schema == nil {
		t.Fatalf("template %v, schema %v", plan.Template, plan.Schema)
	}
	if got, want := askKeys(plan), "TOKEN:missing PORT:missing"; got != want {
		t.Errorf("asks %s\nwant %s", got, want)
	}
	if !plan.Asks[0].Sensitive || !plan.Asks[0].Required {
		t.Errorf("TOKEN: %+v", plan.Asks[0])
	}
	out, err := plan.Content(map[string]string{"TOKEN": "t0k3n", "PORT": "8080"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "# The API token.\nTOKEN=t0k3n\nPORT=8080\n"; string(out) != want {
		t.Errorf("content:\n%s\nwant:\n%s", out, want)
	}
}
