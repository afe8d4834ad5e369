package schema

import (
	"errors"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	mk := func(typ, regex, tags string) *Var {
		tt, err := ParseType(typ)
		if err != nil {
			t.Fatal(err)
		}
		return &Var{Key: "K", Type: tt, Regex: regex, Validate: tags}
	}
	cases := []struct {
		v        *Var
		value    string
		wantRule string // "" when it passes
		wantMsg  string
	}{
		{mk("string", "", ""), "anything", "", ""},
		{mk("int", "", ""), "x", "type int", "K is not an integer"},
		{mk("port", "", "min=1024"), "8080", "", ""},
		{mk("port", "", "min=1024"), "80", "min=1024", "K is less than 1024 (@validate min=1024)"},
		{mk("int", "", "max=10"), "11", "max=10", "K is more than 10 (@validate max=10)"},
		{mk("string", "", "min=3"), "ab", "min=3", "K is shorter than 3 characters (@validate min=3)"},
		{mk("string", "", "max=3"), "abcd", "max=3", "K is longer than 3 characters"},
		{mk("duration", "", "max=1m"), "30s", "", ""},
		{mk("duration", "", "max=1m"), "2m", "max=1m", "K is more than 1m"},
		{mk("string", "", "startswith=sk-ant-"), "sk-ant-api03-x", "", ""},
		{mk("string", "", "startswith=sk-ant-"), "sk-proj-x", "startswith=sk-ant-", `K does not start with "sk-ant-" (@validate startswith=sk-ant-)`},
		{mk("url", "", "startswith=https://"), "http://x.example", "startswith=https://", "does not start with"},
		{mk("url", "", ""), "localhost:11434", "type url", "K is not an absolute URL"},
		{mk("list(int)", "", "dive,min=2"), "2,3", "", ""},
		{mk("list(int)", "", "dive,min=2"), "2,1", "min=2", "K item 2 is less than 2"},
		{mk("string", "^sk-", ""), "sk-1", "", ""},
		{mk("string", "^sk-", "min=20"), "pk-1", "regex", "K does not match the regex ^sk-"},
		{mk("enum(a,b)", "", ""), "c", "type enum(a,b)", "K is not one of a, b"},
		{mk("string", "", "oneof=red green"), "blue", "oneof=red green", "K is not one of red, green"},
		{mk("email", "", ""), "a@example.com", "", ""},
		{mk("string", "", "hostname"), "not a host", "hostname", "K is not a host name"},
	}
	for _, c := range cases {
		err := Validate(c.v, c.value)
		if c.wantRule == "" {
			if err != nil {
				t.Errorf("%s %s=%q: %v", c.v.Type, c.v.Validate, c.value, err)
			}
			continue
		}
		var ve *ValueError
		if !errors.As(err, &ve) {
			t.Errorf("%s %s=%q: got %v, want a *ValueError", c.v.Type, c.v.Validate, c.value, err)
			continue
		}
		if ve.Rule != c.wantRule || !strings.Contains(ve.Error(), c.wantMsg) {
			t.Errorf("%s %s=%q: got rule %q, %q; want rule %q, %q", c.v.Type, c.v.Validate, c.value, ve.Rule, ve.Error(), c.wantRule, c.wantMsg)
		}
	}
}

// No error from Validate ever contains the value, whichever rule fails.
func TestValidateHidesValue(t *testing.T) {
	canary := "sk-ant-api03-CANARY" + strings.Repeat("x9", 10)
	for _, typ := range []string{"int", "float", "bool", "duration", "url", "email", "port", "enum(a,b)", "list(int)", "json"} {
		tt, _ := ParseType(typ)
		if err := Validate(&Var{Key: "K", Type: tt}, canary); err == nil || strings.Contains(err.Error(), canary) {
			t.Errorf("%s: %v", typ, err)
		}
	}
	for _, tags := range []string{"startswith=pk-", "max=5", "len=3", "url", "email", "alphanum", "uuid", "contains=zz", "excludes=CANARY", "ip", "numeric", "oneof=a b", "base64", "hexadecimal", "eq=x", "ne=" + canary} {
		err := Validate(&Var{Key: "K", Type: Type{Kind: String}, Validate: tags}, canary)
		if err == nil {
			t.Errorf("%s accepted the canary", tags)
			continue
		}
		if strings.Contains(err.Error(), canary) && !strings.HasPrefix(tags, "ne=") {
			t.Errorf("%s: %v", tags, err)
		}
	}
	if err := Validate(&Var{Key: "K", Type: Type{Kind: String}, Regex: "^x$"}, canary); err == nil || strings.Contains(err.Error(), canary) {
		t.Errorf("regex: %v", err)
	}
}

func TestCheckTags(t *testing.T) {
	good := map[string]string{
		"string": "startswith=sk-ant-,min=20", "int": "min=1,max=10", "port": "gte=1024", "duration": "max=1m",
		"list(int)": "dive,min=1", "url": "startswith=https://", "string ": "omitempty,email", "bool": "required",
		"enum(a,b)": "oneof=a b", "float": "gt=0.5",
	}
	for typ, tags := range good {
		tt, _ := ParseType(strings.TrimSpace(typ))
		if err := CheckTags(tt, tags); err != nil {
			t.Errorf("%s %s: %v", typ, tags, err)
		}
	}
	bad := map[string]string{
		"string": "nosuch", "int": "min=x", "duration": "max=soon", "list(int) ": "dive,nosuch", "string  ": "dive",
		"string   ": "a,,b", "string    ": " min=1", "string     ": "", "port": "omitempty,len=z",
	}
	for typ, tags := range bad {
		tt, _ := ParseType(strings.TrimSpace(typ))
		if err := CheckTags(tt, tags); err == nil {
			t.Errorf("%s %q accepted", typ, tags)
		}
	}
}
