package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/envcheck/envcheck/envcheck"
)

// TestDocsCurrent keeps docs/rules.md and the README's rules table in step with the registry.
func TestDocsCurrent(t *testing.T) {
	if *update {
		if err := envcheck.WriteDocs("."); err != nil {
			t.Fatal(err)
		}
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	ref, newReadme, err := envcheck.Docs(readme)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readme, newReadme) {
		t.Error("README.md's rules table is stale: run go generate (or go test -update)")
	}
	got, err := os.ReadFile("docs/rules.md")
	if err != nil || !bytes.Equal(got, ref) {
		t.Errorf("docs/rules.md is stale (%v): run go generate (or go test -update)", err)
	}
}
