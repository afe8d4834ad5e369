package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/envcheck/envcheck/envcheck"
	"github.com/envcheck/envcheck/schema"
)

// The demo shows every template and schema rule firing, next to the syntax problems.
func TestDemoShowsEveryRule(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"envcheck", "check", "-r", "testdata/demo"}, strings.NewReader(""), &out, &out); code != 1 {
		t.Fatalf("exit %d:\n%s", code, out.String())
	}
	var names []string
	for _, r := range envcheck.All() {
		if f := envcheck.Family(r); f == "template" || f == "schema" {
			names = append(names, r.Name)
		}
	}
	names = append(names, "space-character", "unterminated-quote", "invalid-encoding", "key-without-value")
	for _, name := range names {
		if !strings.Contains(out.String(), "["+name+"]") {
			t.Errorf("the demo does not show %s:\n%s", name, out.String())
		}
	}
	out.Reset()
	run([]string{"envcheck", "check", "--env", "production", "testdata/demo"}, strings.NewReader(""), &out, &out)
	if !strings.Contains(out.String(), "OLLAMA_HOST is required in production but empty") {
		t.Errorf("--env production does not switch the demo's requirements:\n%s", out.String())
	}
}

// The project's own .env.example is the annotated example of the schema syntax: it loads, and
// it uses every decorator.
func TestOwnExampleUsesEveryDecorator(t *testing.T) {
	s, err := schema.Load(".env.example", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Vars) < 10 {
		t.Errorf("only %d keys", len(s.Vars))
	}
	src, err := os.ReadFile(".env.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"@required", "@required=", "@optional", "@sensitive", "@secret", "@public", "@type=enum(", "@type=list(",
		"@type=int", "@type=float", "@type=bool", "@type=duration", "@type=url", "@type=email", "@type=port", "@type=json", "@type=path",
		"@default ", "@default=", "@example=", "@validate=", "@deprecated=", "@docs=", "@defaultRequired", "@defaultSensitive", "@allowOtherKeys"} {
		if !bytes.Contains(append(src, ' '), []byte(d)) && !bytes.Contains(src, []byte(strings.TrimSpace(d)+"\n")) {
			t.Errorf(".env.example does not use %s", d)
		}
	}
}
