package schema

import (
	"strings"
	"testing"
)

func TestParseTypeRoundTrip(t *testing.T) {
	for in, want := range map[string]string{
		"string": "string", "Integer": "int", "Boolean": "bool", "Url": "url", "PORT": "port",
		"enum(a, b,c)": "enum(a,b,c)", "list(int)": "list(int)", "list(int,;)": "list(int,;)",
		"list(enum(x,y),|)": "list(enum(x,y),|)", "list(enum(x,y))": "list(enum(x,y))",
	} {
		typ, err := ParseType(in)
		if err != nil {
			t.Errorf("ParseType(%q): %v", in, err)
			continue
		}
		if got := typ.String(); got != want {
			t.Errorf("ParseType(%q).String() = %q, want %q", in, got, want)
		}
	}
	for _, bad := range []string{"", "integr", "enum()", "enum(a,a)", "list(list(int))", "map(string)"} {
		if _, err := ParseType(bad); err == nil {
			t.Errorf("ParseType(%q) succeeded", bad)
		}
	}
}

func TestParseValues(t *testing.T) {
	cases := []struct {
		typ  string
		ok   []string
		fail []string
	}{
		{"int", []string{"0", "-5", "+7", "9223372036854775807"}, []string{"", "1.5", "0x10", "9223372036854775808", " 1"}},
		{"float", []string{"1", "1.5", "-2e3"}, []string{"", "one"}},
		{"bool", []string{"1", "0", "TRUE", "no", "On"}, []string{"", "y", "2"}},
		{"duration", []string{"30s", "1h30m", "0"}, []string{"", "30", "soon"}},
		{"url", []string{"http://localhost:11434", "postgres://u:p@db/app", "file:///tmp/x"}, []string{"", "localhost:11434x", "/path", "http//x"}},
		{"email", []string{"a@example.com"}, []string{"", "Ann <a@example.com>", "nope"}},
		{"port", []string{"1", "8080", "65535"}, []string{"0", "65536", "http", ""}},
		{"enum(dev,prod)", []string{"dev", "prod"}, []string{"Dev", "", "staging"}},
		{"list(int)", []string{"", "1", "1, 2,3"}, []string{"1,x", "1,,2"}},
		{"list(port,;)", []string{"80;443"}, []string{"80,443"}},
		{"json", []string{`{"a":1}`, "[]", "3"}, []string{"", "{a:1}"}},
	}
	const canary = "CANARY-9f8e7d"
	for _, c := range cases {
		typ, err := ParseType(c.typ)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range c.ok {
			if _, err := typ.Parse(v); err != nil {
				t.Errorf("%s: Parse(%q): %v", c.typ, v, err)
			}
		}
		for _, v := range c.fail {
			if _, err := typ.Parse(v); err == nil {
				t.Errorf("%s: Parse(%q) succeeded", c.typ, v)
			}
		}
		if _, err := typ.Parse(canary + ",x"); err != nil && strings.Contains(err.Error(), canary) {
			t.Errorf("%s: the error quotes the value: %v", c.typ, err)
		}
	}
}
