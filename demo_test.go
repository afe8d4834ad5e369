package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/envcheck/envcheck/schema"
)

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
