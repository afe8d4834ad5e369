//go:build ignore

// gendocs rebuilds the rule documentation from the registry: docs/rules.md, and the rules table
// in README.md between the "rules:begin" and "rules:end" markers. Run it with `go generate`;
// TestDocsCurrent fails when either is stale.
package main

import (
	"fmt"
	"os"

	"github.com/envcheck/envcheck/envcheck"
)

func main() {
	if err := envcheck.WriteDocs("."); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
