package schema

import (
	"errors"
	"strings"
	"testing"

	"github.com/envcheck/envcheck/envcheck/dotenv"
)

func parseTemplate(t *testing.T, src string) (*Schema, error) {
	t.Helper()
	f, _ := dotenv.Parse(".env.example", []byte(src))
	return ParseTemplate(f)
}

func mustTemplate(t *testing.T, src string) *Schema {
	t.Helper()
	s, err := parseTemplate(t, src)
	if err != nil {
		t.Fatalf("ParseTemplate:\n%s\nerror: %v", src, err)
	}
	return s
}

func TestTemplateDecorators(t *testing.T) {
	str := func(s string) *string { return &s }
	cases := []struct {
		name  string
		src   string
		key   string
		check func(v *Var) bool
	}{
		{"plain key", "A=x\n", "A", func(v *Var) bool {
			return v.Type.Kind == String && !v.Required && !v.Optional && v.Example == "x" && v.Default == nil && !v.Sensitive
		}},
		{"@required", "# @required\nA=\n", "A", func(v *Var) bool { return v.Required && v.RequiredFor("") }},
		{"@required=true", "# @required=true\nA=\n", "A", func(v *Var) bool { return v.Required }},
		{"@required=false", "# @required=false\nA=\n", "A", func(v *Var) bool { return !v.Required && v.Optional }},
		{"@required=envs", "# @required=production,staging\nA=\n", "A", func(v *Var) bool {
			return !v.Required && v.RequiredFor("production") && v.RequiredFor("staging") && !v.RequiredFor("") && v.OptionalFor("")
		}},
		{"@required=forEnv", "# @required=forEnv(production)\nA=\n", "A", func(v *Var) bool { return v.RequiredFor("production") && !v.RequiredFor("dev") }},
		{"@optional", "# @optional\nA=\n", "A", func(v *Var) bool { return v.Optional && !v.Required && v.OptionalFor("") }},
		{"@optional=false", "# @optional=false\nA=\n", "A", func(v *Var) bool { return v.Required }},
		{"@sensitive", "# @sensitive\nA=\n", "A", func(v *Var) bool { return v.Sensitive }},
		{"@secret", "# @secret\nA=\n", "A", func(v *Var) bool { return v.Sensitive }},
		{"@sensitive=false", "# @defaultSensitive\n\n# @sensitive=false\nA=\n", "A", func(v *Var) bool { return !v.Sensitive }},
		{"@public", "# @defaultSensitive=true\n# ---\n# @public\nA=\n", "A", func(v *Var) bool { return !v.Sensitive }},
		{"@type=port", "# @type=port\nA=80\n", "A", func(v *Var) bool { return v.Type.Kind == Port }},
		{"@type=enum with blanks", "# @type=enum(dev, staging, production)\nA=dev\n", "A", func(v *Var) bool {
			return v.Type.String() == "enum(dev,staging,production)"
		}},
		{"@type=list", "# @type=list(int,;)\nA=1;2\n", "A", func(v *Var) bool { return v.Type.String() == "list(int,;)" }},
		{"@type=Integer", "# @type=Integer\nA=1\n", "A", func(v *Var) bool { return v.Type.Kind == Int }},
		{"@default=value", "# @type=int @default=3\nA=\n", "A", func(v *Var) bool { return *v.Default == "3" && v.OptionalFor("") }},
		{"@default quoted", "# @default=\"a b\"\nA=\n", "A", func(v *Var) bool { return *v.Default == "a b" }},
		{"@default bare takes the template value", "# @default\nA=30s\n", "A", func(v *Var) bool { return *v.Default == "30s" }},
		{"@default= empty", "# @default=\nA=x\n", "A", func(v *Var) bool { return v.Default != nil && *v.Default == "" }},
		{"template value is not a default", "A=30s\n", "A", func(v *Var) bool { return v.Default == nil && v.Example == "30s" }},
		{"@example", "# @example=sk-…\nA=\n", "A", func(v *Var) bool { return v.Example == "sk-…" }},
		{"@validate", "# @validate=\"startswith=sk-ant-,min=20\"\nA=\n", "A", func(v *Var) bool { return v.Validate == "startswith=sk-ant-,min=20" }},
		{"@validate single quotes", "# @validate='oneof=a b'\nA=\n", "A", func(v *Var) bool { return v.Validate == "oneof=a b" }},
		{"@deprecated", "# @deprecated\nA=\n", "A", func(v *Var) bool { return v.Deprecated == NoReason }},
		{"@deprecated=reason", "# @deprecated=\"use B instead\"\nA=\n", "A", func(v *Var) bool { return v.Deprecated == "use B instead" }},
		{"@docs", "# @docs=https://example.com/a\nA=\n", "A", func(v *Var) bool { return v.Docs == "https://example.com/a" }},
		{"@docs()", "# @docs(https://example.com/a)\nA=\n", "A", func(v *Var) bool { return v.Docs == "https://example.com/a" }},
		{"inline decorators", "A=8080 # @type=port @optional\n", "A", func(v *Var) bool { return v.Type.Kind == Port && v.Optional }},
		{"trailing decorators", "# Stripe key  @required @sensitive\nA=\n", "A", func(v *Var) bool {
			return v.Required && v.Sensitive && v.Description == "Stripe key"
		}},
		{"an @ in text is description", "# Ask @alice for one.\nA=\n", "A", func(v *Var) bool { return v.Description == "Ask @alice for one." }},
		{"description", "# First line.\n#\n# Second paragraph.\n# @sensitive\n# envcheck:ignore secret-in-template it is fake\nA=\n", "A", func(v *Var) bool {
			return v.Description == "First line.\n\nSecond paragraph." && v.Sensitive
		}},
		{"--- cuts the block", "# not A's\n# ---\n# A's\nA=\n", "A", func(v *Var) bool { return v.Description == "A's" }},
		{"header @defaultRequired", "# @defaultRequired=true\n\n# @optional\nA=\nB=\n# @default=1\nC=\n", "B", func(v *Var) bool { return v.Required }},
		{"header does not override @optional", "# @defaultRequired=true\n\n# @optional\nA=\n", "A", func(v *Var) bool { return !v.Required && v.Optional }},
		{"header does not override @default", "# @defaultRequired=true\n\n# @default=1\nA=\n", "A", func(v *Var) bool { return !v.Required }},
		{"header @defaultRequired=false", "# @defaultRequired=false\n# ---\nA=x\n", "A", func(v *Var) bool { return v.Optional }},
		{"header @defaultRequired=yes", "# @defaultRequired=yes\n# ---\nA=x\n", "A", func(v *Var) bool { return v.Required }},
		{"header bare @defaultRequired", "# @defaultRequired\n# ---\nA=x\n", "A", func(v *Var) bool { return v.Required }},
		{"header @defaultRequired=infer, value", "# @defaultRequired=infer\n\nA=x\n", "A", func(v *Var) bool { return v.Required }},
		{"header @defaultRequired=infer, empty", "# @defaultRequired=infer\n\nA=\n", "A", func(v *Var) bool { return v.Optional && !v.Required }},
		{"header @defaultSensitive", "# Settings.\n# @defaultSensitive\n\nA=\n", "A", func(v *Var) bool { return v.Sensitive }},
		{"header text only", "# Copy me to .env.\n\n# The key.\nA=\n", "A", func(v *Var) bool { return v.Description == "The key." }},
		{"position", "\n\n# doc\nA=1\n", "A", func(v *Var) bool { return v.Pos == Pos{File: ".env.example", Line: 4} }},
		{"all together", "# @required=production @sensitive @type=url @validate=\"startswith=https\" @example=https://x @docs=https://d.example/a @deprecated=\"use B\"\nA=\n", "A",
			func(v *Var) bool {
				return v.RequiredFor("production") && v.Sensitive && v.Type.Kind == URL && v.Validate != "" && v.Example == "https://x" && v.Docs != "" && v.Deprecated == "use B"
			}},
	}
	_ = str
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := mustTemplate(t, c.src)
			v := s.Lookup(c.key)
			if v == nil {
				t.Fatalf("no var %s in %+v", c.key, s.Vars)
			}
			if !c.check(v) {
				t.Errorf("%s:\n%s\ngot %+v", c.name, c.src, *v)
			}
		})
	}
}

func TestTemplateSchemaLevel(t *testing.T) {
	s := mustTemplate(t, "A=1\nB=2\nA=3\n")
	if len(s.Vars) != 2 || !s.AllowOtherKeys || s.Sources[0] != ".env.example" {
		t.Errorf("got %+v", s)
	}
	if s := mustTemplate(t, "# @allowOtherKeys=false\n\nA=1\n"); s.AllowOtherKeys {
		t.Error("@allowOtherKeys=false left the schema open")
	}
	if s := mustTemplate(t, "# @allowOtherKeys\n\nA=1\n"); !s.AllowOtherKeys {
		t.Error("@allowOtherKeys closed the schema")
	}
	if s := mustTemplate(t, ""); len(s.Vars) != 0 {
		t.Error("an empty template has vars")
	}
	// Order is the template's.
	s = mustTemplate(t, "Z=1\nA=2\nM=3\n")
	var keys []string
	for _, v := range s.Vars {
		keys = append(keys, v.Key)
	}
	if strings.Join(keys, ",") != "Z,A,M" {
		t.Errorf("order %v", keys)
	}
}

func TestTemplateErrors(t *testing.T) {
	cases := []struct {
		name string
		src  string
		line int
		want string // a substring of the error line, hint included
	}{
		{"unknown decorator", "# @requird\nA=\n", 1, "unknown decorator @requird; did you mean @required?"},
		{"unknown decorator, case", "# @defaultrequired=true\n\nA=\n", 1, "did you mean @defaultRequired?"},
		{"unknown decorator, far", "# @frobnicate\nA=\n", 1, "unknown decorator @frobnicate; the decorators are @required"},
		{"header decorator above a key", "# @defaultRequired=true\nA=\n", 1, "@defaultRequired is a header decorator, but it is in the comment block of A"},
		{"key decorator in the header", "# @sensitive\n\nA=\n", 1, "@sensitive is a key decorator, but it is in the header"},
		{"bad type", "# @type=integr\nA=\n", 1, `@type of A: unknown type "integr"`},
		{"varlock type options", "# @type=string(startsWith=sk_)\nA=\n", 1, `@validate="startswith=sk_"`},
		{"type without a value", "# @type\nA=\n", 1, "@type of A has no type"},
		{"bad enum", "# @type=enum(a,a)\nA=\n", 1, `lists "a" twice`},
		{"unknown validator tag", "# @validate=\"startswith=sk-,nosuchtag\"\nA=\n", 1, `validator/v10 has no tag "nosuchtag"`},
		{"bad validator parameter", "# @type=int @validate=min=abc\nA=\n", 1, "the tag min=abc cannot run on int values: its parameter is not a number"},
		{"required hides a bad tag", "# @validate=required,len=x\nA=\n", 1, "the tag len=x cannot run"},
		{"dive on a string", "# @validate=dive,min=1\nA=\n", 1, "dive needs a list type"},
		{"empty tag", "# @validate=\"min=1,,max=2\"\nA=\n", 1, "empty tag"},
		{"@validate without tags", "# @validate\nA=\n", 1, "@validate of A has no tags"},
		{"default fails its type", "# @type=port\n# @default=99999\nA=\n", 2, "the @default of A is not a port"},
		{"default fails its enum", "# @type=enum(a,b) @default=c\nA=\n", 1, "the @default of A is not one of a, b"},
		{"default fails its tags", "# @validate=startswith=sk- @default=abc\nA=\n", 1, `the @default of A does not start with "sk-" (@validate startswith=sk-)`},
		{"bare default fails its type", "# @type=int @default\nA=x\n", 1, "the @default of A is not an integer"},
		{"duplicate key with decorators", "# @type=int\nA=1\n\nA=2\n", 4, "A is defined again (first on line 2)"},
		{"duplicate key, decorators on the second", "A=1\n# @optional\nA=2\n", 3, "A is defined again (first on line 1)"},
		{"required= without env", "# @required=\nA=\n", 1, "@required= of A names no environment"},
		{"bad env name", "# @required=\"prod env\"\nA=\n", 1, `"prod env" is not an environment name`},
		{"required and optional", "# @required @optional\nA=\n", 1, "A is both @required and @optional"},
		{"required and default", "# @required @default=1\nA=\n", 1, "A has a default, so it is never missing, but it is also @required"},
		{"public and sensitive", "# @sensitive @public\nA=\n", 1, "A is both @public and @sensitive"},
		{"set twice", "# @type=int\n# @type=port\nA=\n", 2, "@type=port is set twice for A (also @type=int on line 1)"},
		{"secret and sensitive", "# @secret @sensitive\nA=\n", 1, "is set twice for A"},
		{"detached decorators", "A=1\n\n# @sensitive\n\nB=2\n", 3, "@sensitive is not attached to a key"},
		{"decorators after the last key", "A=1\n# @optional\n", 2, "@optional is not attached to a key"},
		{"unterminated quote", "# @validate=\"min=1\nA=\n", 1, "@validate: the quote \" is never closed"},
		{"lone @", "# @ sensitive\nA=\n", 1, "a lone '@'"},
		{"text after decorators", "# @sensitive the key\nA=\n", 1, `text "the key" after a decorator`},
		{"glued decorators", "# @sensitive,@optional\nA=\n", 1, `unexpected ",@optional" after @sensitive`},
		{"unbalanced parenthesis", "# @type=enum(a,b\nA=\n", 1, "a '(' that is never closed"},
		{"docs not a URL", "# @docs=see-wiki\nA=\n", 1, "@docs of A is not an absolute URL"},
		{"bad defaultRequired", "# @defaultRequired=maybe\n\nA=\n", 1, "@defaultRequired=maybe is not a valid setting; use true, false or infer"},
		{"bad sensitive value", "# @sensitive=perhaps\nA=\n", 1, "@sensitive=perhaps of A is not a boolean"},
		{"header set twice", "# @allowOtherKeys @allowOtherKeys=false\n\nA=\n", 1, "@allowOtherKeys is set twice in the header"},
		{"inline", "A=1 # @type=nope\n", 1, `unknown type "nope"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseTemplate(t, c.src)
			if err == nil {
				t.Fatalf("ParseTemplate accepted:\n%s", c.src)
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %T is not an ErrorList: %v", err, err)
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("errors.As(*Error) failed on %v", err)
			}
			for _, e := range list {
				if e.Line == c.line && strings.Contains(e.Error(), c.want) && strings.HasPrefix(e.Error(), ".env.example:") {
					return
				}
			}
			t.Errorf("want line %d with %q; got:\n%v", c.line, c.want, err)
		})
	}
}

func TestTemplateErrorFormat(t *testing.T) {
	_, err := parseTemplate(t, "A=1\n# @requird\nB=2\n# @type=nope\nC=3\n")
	want := ".env.example:2: unknown decorator @requird; did you mean @required?\n" +
		".env.example:4: @type of C: unknown type \"nope\"; use one of string, int, float, bool, duration, url, email, port, json, path, enum(a,b,…), list(type)"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// Schema errors name the key and the rule, never a value: a default may be a secret.
func TestTemplateErrorsHideValues(t *testing.T) {
	canary := "CANARY" + strings.Repeat("7", 12)
	for _, src := range []string{
		"# @sensitive @type=int @default=" + canary + "\nA=\n",
		"# @sensitive @validate=startswith=sk- @default=" + canary + "\nA=\n",
		"# @type=port @default\nA=" + canary + "\n",
		"# @default=" + canary + "\n# @default=" + canary + "\nA=\n",
		"A=1\n\n# @example=" + canary + "\n\nB=\n",
	} {
		_, err := parseTemplate(t, src)
		if err == nil {
			t.Fatalf("accepted %q", src)
		}
		if strings.Contains(err.Error(), canary) {
			t.Errorf("the error shows the value: %v", err)
		}
	}
}
