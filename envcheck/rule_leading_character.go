package envcheck

import (
	"unicode/utf8"
)

// LeadingCharacter reports lines that start with whitespace and keys that start with something
// other than a letter or '_'.
var LeadingCharacter = &Rule{
	ID:       "EC1006",
	Name:     "leading-character",
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "a line starts with whitespace, or a key with something other than a letter or '_'",
		Why: "A shell cannot set a variable whose name starts with a digit or punctuation, and indented " +
			"lines are read differently by different loaders.",
		Bad:  "  PORT=8080\n1ST_USER=ann\n=orphan\n",
		Good: "PORT=8080\nFIRST_USER=ann\n",
		Fix: "Remove the indentation, and rename keys to start with a letter or '_'. `envcheck fix` removes the " +
			"indentation; it does not rename keys.",
	},
	Run: runLeadingCharacter,
}

func runLeadingCharacter(p *Pass) {
	f := p.File.Env
	for i := range f.Entries {
		e := &f.Entries[i]
		if !e.HasSeparator && pastedSecret(e.Key) {
			continue // key-without-value reports a pasted credential
		}
		start := f.Lines[e.Line-1].Start
		if e.Col > 1 {
			first := start
			for first < len(f.Src) && (f.Src[first] == ' ' || f.Src[first] == '\t') {
				first++
			}
			var fix *Fix
			if first == start+(e.Col-1) { // only blanks before the key: safe to remove
				fix = &Fix{Edits: []Edit{{Start: start, End: first}}}
			}
			p.Reportf(e.Line, 1, e.Key, fix, "the line starts with whitespace; remove it")
		}
		if e.Key == "" {
			if e.HasSeparator {
				line, col := pos(f, e.SepStart)
				p.Reportf(line, col, "", nil, "the line has no key before '='; add the key or delete the line")
			}
			continue
		}
		r, _ := utf8.DecodeRuneInString(e.Key)
		if r == '_' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' {
			continue
		}
		line, col := keyPos(f, e)
		p.Reportf(line, col, e.Key, nil, "the key %s starts with %s; a key must start with a letter or '_' (rename it here and in the code that reads it)", e.Key, describeRune(r))
	}
}
