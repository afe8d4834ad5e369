package envcheck

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// IncorrectDelimiter reports keys with characters other than letters, digits and '_', and ':'
// used between key and value.
var IncorrectDelimiter = &Rule{
	ID:       "EC1004",
	Name:     "incorrect-delimiter",
	Severity: Error,
	Fixable:  true,
	Doc: Doc{
		Title: "a key has a character other than letters, digits and '_', or ':' separates it",
		Why: "Environment variable names with '-', '.' or spaces cannot be read from a shell, godotenv refuses " +
			"some of them outright, and the YAML-like `KEY: value` is understood by only some loaders.",
		Bad:  "API-KEY=abc\nREGION: eu-west-1\n",
		Good: "API_KEY=abc\nREGION=eu-west-1\n",
		Fix: "Rename the key (and the code that reads it) using only letters, digits and '_'; write '=' between " +
			"key and value. `envcheck fix` replaces ':' with '='; it never renames a key, since the program " +
			"reading it would no longer find it.",
	},
	Run: runIncorrectDelimiter,
}

func runIncorrectDelimiter(p *Pass) {
	f := p.File.Env
	for i := range f.Entries {
		e := &f.Entries[i]
		if !e.HasSeparator && pastedSecret(e.Key) {
			continue // key-without-value reports a pasted credential
		}
		if e.Key == "" {
			continue
		}
		if j := strings.IndexFunc(e.Key, func(r rune) bool { return !isKeyRune(r) }); j >= 0 {
			r, _ := utf8.DecodeRuneInString(e.Key[j:])
			line, col := pos(f, e.KeyStart+j)
			p.Reportf(line, col, e.Key, nil, "the key %s contains %s; use only letters, digits and '_' (%s)", e.Key, describeRune(r), renameAdvice(e.Key))
		}
		if e.HasSeparator && e.Separator == ':' {
			line, col := pos(f, e.SepStart)
			fix := &Fix{Edits: []Edit{{Start: e.SepStart, End: e.SepStart + 1, New: "="}}}
			p.Reportf(line, col, e.Key, fix, "%s is separated from its value by ':'; write '=' (only some loaders accept ':')", e.Key)
		}
	}
}

func isKeyRune(r rune) bool {
	return r == '_' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9'
}

// canonicalKey is the name a key should have: upper case, with every other character than a
// letter, digit or '_' replaced by '_', and those at either end dropped ("api-key" → API_KEY,
// `"OPENAI_API_KEY` → OPENAI_API_KEY). It is "" when nothing usable is left.
func canonicalKey(key string) string {
	if !utf8.ValidString(key) {
		return ""
	}
	start, end := 0, len(key)
	for start < end && !isKeyByte(key[start]) {
		start++
	}
	for end > start && !isKeyByte(key[end-1]) {
		end--
	}
	name := strings.ToUpper(strings.Map(func(r rune) rune {
		if isKeyRune(r) {
			return r
		}
		return '_'
	}, key[start:end]))
	if strings.Trim(name, "_") == "" {
		return ""
	}
	return name
}

// renameAdvice says how to rename a key; lowercase-key and incorrect-delimiter give the same.
func renameAdvice(key string) string {
	if name := canonicalKey(key); name != "" && name != key {
		return "rename it to " + name + " here and in the code that reads it"
	}
	return "rename it here and in the code that reads it"
}

func describeRune(r rune) string {
	switch r {
	case ' ':
		return "a space"
	case '\t':
		return "a tab"
	}
	if r < ' ' || r == 0x7f || r == utf8.RuneError {
		return fmt.Sprintf("the character %U", r)
	}
	return fmt.Sprintf("'%c'", r)
}
