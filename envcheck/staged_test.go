package envcheck

import (
	"strings"
	"testing"

	"github.com/envcheck/envcheck/internal/fakesecret"
)

func TestTemplateSecrets(t *testing.T) {
	key := fakesecret.Make("anthropic-api-key")
	src := "# @sensitive\nANTHROPIC_API_KEY=" + key + "\n" +
		"# envcheck:ignore secret-in-template a documented test key\nTEST_KEY=" + key + "\n" +
		"PLACEHOLDER=your-key-here\n"
	findings, err := TemplateSecrets("sub/.env.example", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 1 || findings[0].File != "sub/.env.example" || findings[0].Line != 2 || findings[0].Key != "ANTHROPIC_API_KEY" {
		t.Fatalf("findings: %+v", findings)
	}
	if strings.Contains(findings[0].Message, key) || !strings.Contains(findings[0].Message, "sk-ant-api03-…(108 chars)") {
		t.Errorf("message: %s", findings[0].Message)
	}
	// An invalid schema does not matter here: only the credential does.
	if findings, err := TemplateSecrets(".env.example", []byte("# @nope\nA=1\n")); err != nil || len(findings) != 0 {
		t.Errorf("invalid annotations: %v %v", findings, err)
	}
	for _, bad := range []string{"A=1\x00\n", "\xff\xfeA\x00=\x001\x00"} {
		if _, err := TemplateSecrets(".env.example", []byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
