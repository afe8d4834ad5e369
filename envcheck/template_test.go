package envcheck

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/envcheck/envcheck/envcheck/dotenv"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAppendKeys(t *testing.T) {
	adds := []addition{{key: "A"}, {key: "B", comment: []string{"# The B.", "# @optional"}}, {key: "C"}}
	for _, c := range []struct {
		name, src, want string
	}{
		{"plain", "X=1\n", "X=1\n\nA=\n\n# The B.\n# @optional\nB=\nC=\n"},
		{"no final newline", "X=1", "X=1\n\nA=\n\n# The B.\n# @optional\nB=\nC=\n"},
		{"ends in a blank line", "X=1\n\n", "X=1\n\nA=\n\n# The B.\n# @optional\nB=\nC=\n"},
		{"empty file", "", "A=\n\n# The B.\n# @optional\nB=\nC=\n"},
		{"CRLF", "X=1\r\nY=2\r\n", "X=1\r\nY=2\r\n\r\nA=\r\n\r\n# The B.\r\n# @optional\r\nB=\r\nC=\r\n"},
		{"CRLF without a final newline", "X=1\r\nY=2", "X=1\r\nY=2\r\n\r\nA=\r\n\r\n# The B.\r\n# @optional\r\nB=\r\nC=\r\n"},
		{"comment last", "X=1\n# end", "X=1\n# end\n\nA=\n\n# The B.\n# @optional\nB=\nC=\n"},
	} {
		f, _ := dotenv.Parse(".env", []byte(c.src))
		fix := appendKeys(f, adds)
		out, _, err := ApplyEdits(f.Src, [][]Edit{fix.Edits})
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, out, c.want)
		}
		if !strings.HasPrefix(string(out), c.src) {
			t.Errorf("%s: the existing bytes changed", c.name)
		}
	}
	f, _ := dotenv.Parse(".env", []byte("X=\"open\nY=1\n"))
	if appendKeys(f, adds) != nil {
		t.Error("a fix was offered after an unterminated quote, whose value would swallow the new lines")
	}
}

func TestLayerOf(t *testing.T) {
	for name, want := range map[string]string{
		".env": "base", ".env.local": "base local", ".env.production": "production",
		".env.production.local": "production local", ".env.development.local": "development local",
		"prod.env": "-", ".env.example": "-", ".env.production.example": "-", ".envrc": "-", ".env.schema.json": "-",
	} {
		l, ok := layerOf(name)
		got := "-"
		if ok {
			got = l.env
			if got == "" {
				got = "base"
			}
			if l.local {
				got += " local"
			}
		}
		if got != want {
			t.Errorf("layerOf(%q) = %q, want %q", name, got, want)
		}
	}
	if Classify(".env.schema.json") != NotEnv || Classify("config.env.yaml") != NotEnv {
		t.Error("schema and data files are taken for env files")
	}
}

func TestLayerSets(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".env": "A=1\n", ".env.local": "B=1\n", ".env.production": "C=1\n", ".env.staging": "D=1\n",
		".env.staging.local": "E=1\n", "prod.env": "F=1\n", ".env.example": "A=\n",
	})
	describe := func(env string) string {
		p, _, err := Load(Options{Dir: dir, Env: env})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range p.layerSets() {
			var names []string
			for _, f := range s.Files {
				names = append(names, f.Path)
			}
			out = append(out, s.Env+":"+strings.Join(names, ","))
		}
		return strings.Join(out, " | ")
	}
	// A .env.NAME file's set is NAME's, selected or not.
	if got, want := describe(""), ":prod.env | :.env,.env.local | production:.env,.env.local,.env.production | staging:.env,.env.local,.env.staging,.env.staging.local"; got != want {
		t.Errorf("no environment:\n got %s\nwant %s", got, want)
	}
	if got, want := describe("production"), "production:prod.env | production:.env,.env.local,.env.production | staging:.env,.env.local,.env.staging,.env.staging.local"; got != want {
		t.Errorf("production:\n got %s\nwant %s", got, want)
	}
	if got, want := describe("test"), "test:prod.env | production:.env,.env.local,.env.production | staging:.env,.env.local,.env.staging,.env.staging.local | test:.env,.env.local"; got != want {
		t.Errorf("an environment without files:\n got %s\nwant %s", got, want)
	}

	// A file named alone still inherits from the files beside it, read but not checked.
	p, _, err := Load(Options{Dir: dir, Paths: []string{".env.production"}})
	if err != nil {
		t.Fatal(err)
	}
	sets := p.layerSets()
	if len(sets) != 1 || len(sets[0].Files) != 3 || sets[0].Head().Path != ".env.production" || sets[0].Files[0].Checked {
		t.Errorf("named file: %+v", sets)
	}
	if len(p.Checked()) != 1 {
		t.Errorf("the files read for the comparison are not checked: %d checked", len(p.Checked()))
	}
	// With --example, the files read for the comparison use it too.
	writeFiles(t, dir, map[string]string{"tpl/app.example": "A=\n"})
	p, _, err = Load(Options{Dir: dir, Paths: []string{".env.production"}, Example: "tpl/app.example"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range p.layerSets()[0].Files {
		if f.Template == nil || f.Template.Path != "tpl/app.example" {
			t.Errorf("%s: template %v", f.Path, f.Template)
		}
	}
}

func TestSchemaFor(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".env.example":     "# @type=port\nPORT=8080\n# @sensitive\nLICENSE=\n",
		".env.schema.json": `{"version": "1.0", "entries": {"PORT": {"type": "Integer"}, "FLAG": {"type": "Boolean"}}}`,
		".env":             "PORT=1\n",
		"sub/.env":         "X=1\n",
		"alt.json":         `{"allow_other_keys": true, "entries": {"X": {"type": "Integer", "sensitive": true}}}`,
	})
	p, _, err := Load(Options{Dir: dir, Recursive: true})
	if err != nil {
		t.Fatal(err)
	}
	var env, tpl, sub *File
	for _, f := range p.Files {
		switch f.Path {
		case ".env":
			env = f
		case ".env.example":
			tpl = f
		case "sub/.env":
			sub = f
		}
	}
	s := p.SchemaFor(env)
	if s == nil || s.Lookup("PORT").Type.String() != "int" || s.Lookup("FLAG") == nil || s.Lookup("LICENSE") == nil || s.AllowOtherKeys {
		t.Fatalf("merged schema: %+v", s)
	}
	if p.SchemaFor(tpl) != s {
		t.Error("a template and its env file do not share the schema")
	}
	if !p.IsSensitive(env, "LICENSE") || p.IsSensitive(env, "PORT") || !p.IsSensitive(env, "MY_API_KEY") {
		t.Error("IsSensitive ignores the schema or the name")
	}
	if p.SchemaFor(sub) != nil {
		t.Error("sub/.env has neither template nor schema file")
	}
	p, _, err = Load(Options{Dir: dir, Recursive: true, Schema: "alt.json"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range p.Files {
		if f.Path == "sub/.env" {
			if s := p.SchemaFor(f); s == nil || !s.Lookup("X").Sensitive || !p.IsSensitive(f, "X") {
				t.Errorf("--schema does not apply to sub/.env: %+v", s)
			}
		}
	}
}

func TestInvalidSchemaIsAUsageError(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		opts  Options
		want  []string
	}{
		{"template", map[string]string{".env": "A=1\n", ".env.example": "# @requird\nA=\n# @type=nope\nB=\n"}, Options{},
			[]string{".env.example:1: unknown decorator @requird; did you mean @required?", `.env.example:3: @type of B: unknown type "nope"`}},
		{"json file", map[string]string{".env": "A=1\n", ".env.schema.json": "{\"entries\": {\n\"A\": {\"typ\": \"int\"}}}"}, Options{},
			[]string{`.env.schema.json:2: unknown field "typ" in the entry A; did you mean "type"?`}},
		{"--schema missing", map[string]string{".env": "A=1\n"}, Options{Schema: "nope.json"},
			[]string{"nope.json: no such file or directory; check the path (given with --schema)"}},
		{"--schema invalid, no env file", map[string]string{"s.json": "{"}, Options{Schema: "s.json"},
			[]string{"s.json:1: invalid JSON: the JSON ends too early"}},
		{"schema file is a directory", map[string]string{".env": "A=1\n", ".env.schema.json/x": ""}, Options{},
			[]string{".env.schema.json: is a directory, not a JSON schema file"}},
		{"--example template invalid", map[string]string{".env": "A=1\n", "t/tpl.example": "# @type=port @default=0\nA=\n"}, Options{Example: "t/tpl.example"},
			[]string{"t/tpl.example:1: the @default of A is not a port"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, c.files)
			c.opts.Dir = dir
			_, err := Check(c.opts)
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("got %v, want a *UsageError", err)
			}
			lines := strings.Split(ue.Msg, "\n")
			if len(lines) != len(c.want) {
				t.Fatalf("got %q, want %d lines", ue.Msg, len(c.want))
			}
			for i, w := range c.want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("line %d: got %q, want %q…", i, lines[i], w)
				}
			}
		})
	}
}

// missing-key and schema-required both append to the end of the file; fixing applies both, in
// two rounds, keeps every byte, and a second fix changes nothing.
func TestFixAppendsEveryMissingKey(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".env.example": "# The key.\n# @required @sensitive\nAPI_KEY=your-key-here\n\n# Where to log.\nLOG_DIR=/var/log/app\n# @optional\nDEBUG=\nA=1\nB=2\n",
		".env":         "# mine\r\nA=1\r\nB=2",
	})
	p, _, err := Load(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var env *File
	for _, f := range p.Files {
		if f.Path == ".env" {
			env = f
		}
	}
	got, fixed, err := p.FixText(env)
	if err != nil {
		t.Fatal(err)
	}
	want := "# mine\r\nA=1\r\nB=2\r\n\r\n# Where to log.\r\nLOG_DIR=\r\n\r\n# The key.\r\n# @required @sensitive\r\nAPI_KEY=\r\n"
	if string(got) != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if len(fixed) < 2 {
		t.Errorf("fixed %d findings", len(fixed))
	}
	again := *env
	again.Env, _ = dotenv.Parse(".env", got)
	got2, _, _ := p.FixText(&again)
	if string(got2) != string(got) {
		t.Errorf("a second fix changed it: %q", got2)
	}
}

func TestBadSchemaFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{".env": "A=1\n", "bin/.env": "A=1\n", "bin/.env.schema.json": "\x00\x01\xff{",
		"loop/.env": "A=1\n", "big/.env": "A=1\n"})
	if err := os.Symlink(".env.schema.json", filepath.Join(dir, "loop", ".env.schema.json")); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "big", ".env.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for sub, want := range map[string]string{
		"bin":  "bin/.env.schema.json:1: invalid JSON",
		"loop": "loop/.env.schema.json: too many levels of symbolic links",
		"big":  "big/.env.schema.json: is 32 MiB, larger than the 32 MiB limit",
	} {
		_, err := Check(Options{Dir: dir, Paths: []string{sub}})
		var ue *UsageError
		if !errors.As(err, &ue) || !strings.HasPrefix(ue.Msg, want) {
			t.Errorf("%s: got %v, want %q…", sub, err, want)
		}
	}
}
