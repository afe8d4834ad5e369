package main

import (
	"os"
	"strings"
	"testing"
)

// TestOnboardScriptDocumented keeps the copy of examples/onboard.sh in docs/onboarding.md
// identical to the script the tests run.
func TestOnboardScriptDocumented(t *testing.T) {
	script, err := os.ReadFile("examples/onboard.sh")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("docs/onboarding.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "```sh\n"+string(script)+"```\n") {
		t.Error("docs/onboarding.md does not show examples/onboard.sh as it is; copy the script into its ```sh block")
	}
}
