// Package lazyre compiles regular expressions on first use rather than at start-up, which every
// envcheck command pays, a pre-commit hook on every commit.
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr the first time it is called and returns the same
// *regexp.Regexp ever after. Like regexp.MustCompile, it panics if expr does not compile, so
// every expression must be exercised by a test.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
