package schema

import (
	"fmt"
	"sort"
	"strings"
)

// An Error is a mistake in a schema source, at a position. Messages never contain a value from
// the schema that could be a secret (a default, an example); they name the key and the rule.
type Error struct {
	File string // "" when it is not about a file (an option of Generate)
	Line int    // 0 when it is about the whole file
	Msg  string // what is wrong
	Hint string // how to fix it; may be empty
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// ErrorList is the error the parsers return: every problem found, in file and line order. Its
// Error is one line per problem.
type ErrorList []*Error

func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the errors for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// errs collects the problems of one parse.
type errs struct{ list ErrorList }

func (c *errs) add(file string, line int, hint, format string, args ...any) {
	c.list = append(c.list, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// err returns the collected errors, or nil.
func (c *errs) err() error {
	if len(c.list) == 0 {
		return nil
	}
	sort.SliceStable(c.list, func(i, j int) bool {
		if c.list[i].File != c.list[j].File {
			return c.list[i].File < c.list[j].File
		}
		return c.list[i].Line < c.list[j].Line
	})
	return c.list
}

// A ValueError is a value that fails its variable's schema. It never holds the value: Msg says
// what was expected, so it is safe to show for a sensitive key.
type ValueError struct {
	Key  string
	Rule string // what failed: "type port", "regex", or the validator tag, e.g. "startswith=sk-ant-"
	Msg  string // what was expected, without the subject: "is not a port (an integer from 1 to 65535)"
}

func (e *ValueError) Error() string { return e.Key + " " + e.Msg }
