package envcheck

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/envcheck/envcheck/envcheck/dotenv"
	"github.com/envcheck/envcheck/schema"
)

// What a schema says about a key in an environment.
type requirement int

const (
	unspecified requirement = iota // a template lists it; the schema says nothing more
	required                       // it must be set, and not empty
	optional                       // it may be absent: @optional, a default, or required elsewhere only
)

func requirementOf(s *schema.Schema, key, env string) requirement {
	v := s.Lookup(key)
	switch {
	case v == nil:
		return unspecified
	case v.RequiredFor(env):
		return required
	case v.OptionalFor(env):
		return optional
	}
	return unspecified
}

// inEnv is " in production" when a key is required only in the selected environment.
func inEnv(v *schema.Var, env string) string {
	if v == nil || v.Required || env == "" {
		return ""
	}
	return " in " + env
}

// shown is a non-sensitive value as a message may quote it: quoted, on one line, shortened.
func shown(value string) string {
	const max = 60
	if utf8.RuneCountInString(value) > max {
		r := []rune(value)
		value = string(r[:max]) + "…"
	}
	return strconv.Quote(value)
}

// templateKeys returns a template's keys in order, each once.
func templateKeys(t *File) []*dotenv.Entry {
	if t == nil || t.Env == nil {
		return nil
	}
	var out []*dotenv.Entry
	seen := map[string]bool{}
	for i := range t.Env.Entries {
		e := &t.Env.Entries[i]
		if e.Key != "" && !seen[e.Key] {
			seen[e.Key] = true
			out = append(out, e)
		}
	}
	return out
}

func hasKey(t *File, key string) bool {
	if t == nil || t.Env == nil {
		return false
	}
	for i := range t.Env.Entries {
		if t.Env.Entries[i].Key == key {
			return true
		}
	}
	return false
}

// templateBlock returns the comment lines a template writes above e, as written, without
// suppression directives (they are about the template) and without what a "# ---" cuts off.
func templateBlock(f *dotenv.File, e *dotenv.Entry) []string {
	var lines []string
	for i := e.Node - 1; i >= 0 && f.Nodes[i].Kind == dotenv.Comment; i-- {
		n := &f.Nodes[i]
		text := strings.TrimSpace(f.CommentText(n))
		if len(text) >= 3 && strings.Trim(text, "-") == "" {
			break
		}
		if strings.HasPrefix(text, "envcheck:") {
			continue
		}
		lines = append([]string{strings.TrimSpace(f.LineText(n.Line))}, lines...)
	}
	return lines
}

// addition is a key a fix (or `envcheck init`) appends, with the comment lines to put above it.
type addition struct {
	key     string
	comment []string
	value   string // the value as written, quotes and all (EncodeValue); "" for a fix
}

// additionFor documents an appended key with its template comments, or else its schema
// description.
func additionFor(tpl *File, s *schema.Schema, key string) addition {
	a := addition{key: key}
	if tpl != nil && tpl.Env != nil {
		if e, ok := tpl.Env.Lookup(key); ok {
			a.comment = templateBlock(tpl.Env, e)
			return a
		}
		for i := range tpl.Env.Entries { // a key without '=' in the template
			if e := &tpl.Env.Entries[i]; e.Key == key {
				a.comment = templateBlock(tpl.Env, e)
				return a
			}
		}
	}
	if v := s.Lookup(key); v != nil && v.Description != "" {
		for _, l := range strings.Split(v.Description, "\n") {
			a.comment = append(a.comment, strings.TrimRight("# "+l, " "))
		}
	}
	return a
}

// appendKeys is the fix that adds KEY= lines at the end of f, each after its comments, keeping
// every byte already there. A fix's value is always empty: a template's value is a placeholder,
// and copying it would only turn a missing key into a placeholder-value; `envcheck init` appends
// the values it was given. No fix is offered while a quote is left open, since loaders would
// read the new lines into that value.
func appendKeys(f *dotenv.File, adds []addition) *Fix {
	if len(adds) == 0 {
		return nil
	}
	for i := range f.Entries {
		if f.Entries[i].Unterminated {
			return nil
		}
	}
	eol := dominantEOL(f)
	src := f.Src
	var b strings.Builder
	endsInEOL := len(src) == 0 || src[len(src)-1] == '\n' || src[len(src)-1] == '\r'
	if !endsInEOL {
		b.WriteString(eol)
	}
	// A blank line separates the additions from what is above, unless the file is empty or
	// already ends in a blank line.
	blankBefore := len(f.Lines) > 0 && !(f.Lines[len(f.Lines)-1].Start == f.Lines[len(f.Lines)-1].End && endsInEOL)
	if len(src) == 0 || (f.BOM && len(src) == 3) {
		blankBefore = false
	}
	for i, a := range adds {
		if (i == 0 && blankBefore) || (i > 0 && len(a.comment) > 0) {
			b.WriteString(eol)
		}
		for _, c := range a.comment {
			b.WriteString(c)
			b.WriteString(eol)
		}
		b.WriteString(a.key)
		b.WriteString("=")
		b.WriteString(a.value)
		b.WriteString(eol)
	}
	return &Fix{Edits: []Edit{{Start: len(src), End: len(src), New: b.String()}}}
}
