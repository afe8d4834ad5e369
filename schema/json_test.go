package schema

import (
	"errors"
	"strings"
	"testing"
)

// dotenv-linter's documented example schema, byte for byte.
const dotenvLinterExample = `{"version":"1.0","entries":{"NAME":{"type":"String","regex":"^DOT*"},"PORT":{"type":"Integer"},"FLAG":{"type":"Boolean"}}}`

func TestJSONDotenvLinterExample(t *testing.T) {
	s, err := ParseJSON("schema.json", []byte(dotenvLinterExample))
	if err != nil {
		t.Fatal(err)
	}
	if s.AllowOtherKeys {
		t.Error("allow_other_keys defaults to false, as in dotenv-linter")
	}
	want := []struct {
		key, typ, regex string
	}{{"NAME", "string", "^DOT*"}, {"PORT", "int", ""}, {"FLAG", "bool", ""}}
	if len(s.Vars) != len(want) {
		t.Fatalf("vars: %+v", s.Vars)
	}
	for i, w := range want {
		v := s.Vars[i]
		if v.Key != w.key || v.Type.String() != w.typ || v.Regex != w.regex || v.Required || v.Sensitive {
			t.Errorf("var %d: %+v, want %+v", i, *v, w)
		}
		if v.Pos.File != "schema.json" || v.Pos.Line != 1 {
			t.Errorf("var %d: pos %v", i, v.Pos)
		}
	}
	// dotenv-linter's semantics: the regex matches anywhere; Integer and Boolean parse.
	for _, c := range []struct {
		key, value string
		ok         bool
	}{
		{"NAME", "DOTTY", true}, {"NAME", "xDO", false}, {"NAME", "DO", true}, {"NAME", "D", false},
		{"PORT", "8080", true}, {"PORT", "p", false}, {"FLAG", "yes", true}, {"FLAG", "TRUE", true}, {"FLAG", "maybe", false},
	} {
		err := Validate(s.Lookup(c.key), c.value)
		if (err == nil) != c.ok {
			t.Errorf("Validate(%s=%q) = %v, want ok=%v", c.key, c.value, err, c.ok)
		}
	}
}

func TestJSONDotenvLinterFields(t *testing.T) {
	src := `{
  "version": "1.0.0",
  "allow_other_keys": true,
  "entries": {
    "PORT": {"key": "PORT", "type": "Integer", "required": true},
    "SITE": {"type": "Url"},
    "MAIL": {"type": "Email", "required": false},
    "RATIO": {"type": "Float"}
  }
}`
	s, err := ParseJSON("s.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !s.AllowOtherKeys {
		t.Error("allow_other_keys: true was lost")
	}
	port := s.Lookup("PORT")
	if !port.Required || port.Type.Kind != Int || port.Pos.Line != 5 {
		t.Errorf("PORT: %+v", *port)
	}
	if m := s.Lookup("MAIL"); m.Required || !m.Optional || m.Type.Kind != Email {
		t.Errorf("MAIL: %+v", *m)
	}
	if s.Lookup("SITE").Type.Kind != URL || s.Lookup("RATIO").Type.Kind != Float {
		t.Error("Url or Float type lost")
	}
}

func TestJSONExtensions(t *testing.T) {
	src := `{
  "$schema": "https://raw.githubusercontent.com/envcheck/envcheck/main/schema/envcheck.schema.json",
  "version": "1.0",
  "default_sensitive": true,
  "entries": {
    "ANTHROPIC_API_KEY": {"required": true, "validate": "startswith=sk-ant-", "description": "Claude key", "docs": "https://console.anthropic.com/"},
    "PORT": {"type": "port", "default": 8080, "sensitive": false},
    "APP_ENV": {"enum": ["development", "production"], "default": "development", "sensitive": false},
    "OLLAMA_HOST": {"type": "url", "required_in": ["production"], "example": "http://localhost:11434"},
    "HOSTS": {"type": "list(url)", "required": ["staging", "production"]},
    "DEBUG": {"type": "bool", "default": false, "optional": true},
    "OLD": {"deprecated": "use NEW"},
    "OLDER": {"deprecated": true}
  }
}`
	s, err := ParseJSON("s.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	k := s.Lookup("ANTHROPIC_API_KEY")
	if !k.Required || !k.Sensitive || k.Validate != "startswith=sk-ant-" || k.Description != "Claude key" || k.Docs == "" {
		t.Errorf("ANTHROPIC_API_KEY: %+v", *k)
	}
	if p := s.Lookup("PORT"); p.Sensitive || p.Default == nil || *p.Default != "8080" || p.Type.Kind != Port {
		t.Errorf("PORT: %+v", *p)
	}
	if a := s.Lookup("APP_ENV"); a.Type.String() != "enum(development,production)" || *a.Default != "development" {
		t.Errorf("APP_ENV: %+v", *a)
	}
	if o := s.Lookup("OLLAMA_HOST"); !o.RequiredFor("production") || o.RequiredFor("") || o.Example != "http://localhost:11434" {
		t.Errorf("OLLAMA_HOST: %+v", *o)
	}
	if h := s.Lookup("HOSTS"); !h.RequiredFor("staging") || h.Required || h.Type.String() != "list(url)" {
		t.Errorf("HOSTS: %+v", *h)
	}
	if d := s.Lookup("DEBUG"); *d.Default != "false" || !d.Optional {
		t.Errorf("DEBUG: %+v", *d)
	}
	if s.Lookup("OLD").Deprecated != "use NEW" || s.Lookup("OLDER").Deprecated != NoReason {
		t.Error("deprecated lost")
	}
	if !s.Lookup("OLD").Sensitive {
		t.Error("default_sensitive not applied")
	}
	if s, err := ParseJSON("s.json", []byte(`{"default_required": true, "entries": {"A": {}, "B": {"required": false}, "C": {"default": "x"}}}`)); err != nil {
		t.Fatal(err)
	} else if !s.Lookup("A").Required || s.Lookup("B").Required || s.Lookup("C").Required {
		t.Errorf("default_required: %+v %+v %+v", *s.Lookup("A"), *s.Lookup("B"), *s.Lookup("C"))
	}
}

func TestJSONErrors(t *testing.T) {
	cases := []struct {
		name string
		src  string
		line int
		want string
	}{
		{"empty", "  \n", 0, "the schema file is empty"},
		{"syntax", "{\n  \"entries\": {\n    \"A\": {\"type\": \"int\",}\n  }\n}", 3, "invalid JSON"},
		{"truncated", "{\"entries\": {", 1, "invalid JSON"},
		{"trailing text", "{}\n{}", 2, "text after the end of the JSON document"},
		{"not an object", "[1]", 1, "the schema must be a JSON object, not an array"},
		{"duplicate entry", "{\"entries\": {\n\"A\": {},\n\"A\": {}\n}}", 3, `"A" is defined twice (first on line 2)`},
		{"duplicate field", "{\"entries\": {\"A\": {\"type\": \"int\",\n \"type\": \"port\"}}}", 2, `"type" is defined twice`},
		{"unknown root field", "{\"entrys\": {}}", 1, `unknown field "entrys" at the top level; did you mean "entries"?`},
		{"unknown entry field", "{\"entries\": {\"A\": {\n\"sensitve\": true}}}", 2, `unknown field "sensitve" in the entry A; did you mean "sensitive"?`},
		{"wrong kind", "{\"allow_other_keys\": \"yes\"}", 1, `"allow_other_keys" must be true or false, not a string`},
		{"entries not an object", "{\"entries\": []}", 1, `"entries" must be an object`},
		{"entry not an object", "{\"entries\": {\"A\": \"int\"}}", 1, "the entry A must be an object, not a string"},
		{"bad key", "{\"entries\": {\"A B\": {}}}", 1, `"A B" is not a valid variable name`},
		{"bad version", "{\"version\": \"2.0\"}", 1, `schema version "2.0" is not supported`},
		{"bad type", "{\"entries\": {\"A\": {\"type\": \"Integr\"}}}", 1, `A: unknown type "Integr"`},
		{"bad regex", "{\"entries\": {\"A\": {\"regex\": \"(\"}}}", 1, `A: "regex" does not compile`},
		{"bad tag", "{\"entries\": {\"A\": {\"validate\": \"frob\"}}}", 1, `validator/v10 has no tag "frob"`},
		{"default fails type", "{\"entries\": {\"A\": {\"type\": \"Integer\",\n \"default\": \"x\"}}}", 2, "A: the default is not an integer"},
		{"default fails regex", "{\"entries\": {\"A\": {\"regex\": \"^a\", \"default\": \"b\"}}}", 1, "A: the default does not match the regex ^a"},
		{"default fails enum", "{\"entries\": {\"A\": {\"enum\": [\"a\"], \"default\": \"b\"}}}", 1, "A: the default is not one of a"},
		{"enum and type", "{\"entries\": {\"A\": {\"type\": \"int\", \"enum\": [\"1\"]}}}", 1, `"enum" lists values, but "type" is int`},
		{"empty enum", "{\"entries\": {\"A\": {\"enum\": []}}}", 1, `"enum" must be a non-empty array`},
		{"required kind", "{\"entries\": {\"A\": {\"required\": \"yes\"}}}", 1, `"required" must be a boolean or a list`},
		{"required and required_in", "{\"entries\": {\"A\": {\"required\": true, \"required_in\": [\"prod\"]}}}", 1, `"required" is true and "required_in" names environments`},
		{"required and default", "{\"entries\": {\"A\": {\"required\": true, \"default\": \"x\"}}}", 1, "it has a default, so it is never missing, but it is also required"},
		{"required and optional", "{\"entries\": {\"A\": {\"required\": true, \"optional\": true}}}", 1, `it is both "required" and "optional"`},
		{"docs not a URL", "{\"entries\": {\"A\": {\"docs\": \"wiki\"}}}", 1, `"docs" is not an absolute URL`},
		{"empty required list", "{\"entries\": {\"A\": {\"required\": []}}}", 1, `"required" lists no environment`},
		{"empty required_in", "{\"entries\": {\"A\": {\"required_in\": []}}}", 1, `"required_in" lists no environment`},
		{"a key with a percent sign", "{\"entries\": {\"A%d\": {\"type\": \"nope\"}}}", 1, `A%d: unknown type "nope"`},
		{"list of non-strings", "{\"entries\": {\"A\": {\"required_in\": [1]}}}", 1, `"required_in" must list strings, not a number`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseJSON("s.json", []byte(c.src))
			if err == nil {
				t.Fatalf("ParseJSON accepted %s", c.src)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("%T is not an ErrorList", err)
			}
			for _, e := range list {
				if e.Line == c.line && e.File == "s.json" && strings.Contains(e.Error(), c.want) {
					return
				}
			}
			t.Errorf("want line %d with %q; got:\n%v", c.line, c.want, err)
		})
	}
}

func TestJSONErrorsHideValues(t *testing.T) {
	canary := "CANARY" + strings.Repeat("3", 12)
	for _, src := range []string{
		`{"entries": {"A": {"sensitive": true, "type": "int", "default": "` + canary + `"}}}`,
		`{"entries": {"A": {"sensitive": true, "validate": "startswith=sk-", "default": "` + canary + `"}}}`,
		`{"entries": {"A": {"regex": "^x", "default": "` + canary + `"}}}`,
	} {
		_, err := ParseJSON("s.json", []byte(src))
		if err == nil {
			t.Fatalf("accepted %s", src)
		}
		if strings.Contains(err.Error(), canary) {
			t.Errorf("the error shows the value: %v", err)
		}
	}
}
