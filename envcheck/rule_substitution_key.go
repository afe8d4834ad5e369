package envcheck

import (
	"strings"

	"github.com/envcheck/envcheck/envcheck/dotenv"
)

// SubstitutionKey reports $ references that are malformed or that loaders expand differently.
var SubstitutionKey = &Rule{
	ID:       "EC1010",
	Name:     "substitution-key",
	Severity: Warning,
	Doc: Doc{
		Title: "a $ reference is malformed or expands differently across loaders",
		Why: "godotenv expands $NAME and ${NAME} only for upper-case names set earlier in the same file, so " +
			"${HOME}, ${name} and ${NAME:-default} do not do what docker compose or a shell would; an unclosed " +
			"${ and a bare $ are read differently by every loader. Single-quoted values are never expanded and " +
			"are not reported.",
		Bad:  "URL=http://${HOST:-localhost}:${port}/\nPASSWORD=pa$$word\nHOME_DIR=${HOME\n",
		Good: "HOST=localhost\nPORT=8080\nURL=http://${HOST}:${PORT}/\nPASSWORD='pa$$word'\n",
		Fix: "Reference upper-case keys set above the line, write defaults as values instead of ${NAME:-x}, and " +
			"put a value with a literal $ in single quotes. Not fixed automatically: only you know what was meant.",
	},
	Run: runSubstitutionKey,
}

func runSubstitutionKey(p *Pass) {
	f := p.File.Env
	defined := map[string]bool{}
	for _, e := range assignments(f) {
		if e.Quote == 0 || e.Quote == '"' {
			checkReferences(p, f, e, defined)
		}
		defined[e.Key] = true
	}
}

func checkReferences(p *Pass, f *dotenv.File, e *dotenv.Entry, defined map[string]bool) {
	start, end := e.ValueStart, e.ValueEnd
	if e.Quote != 0 {
		start++
		if !e.Unterminated {
			end--
		}
	}
	v := string(f.Src[start:end])
	for i := 0; i < len(v); i++ {
		if v[i] != '$' || (i > 0 && v[i-1] == '\\') {
			continue
		}
		line, col := pos(f, start+i)
		report := func(format string, args ...any) {
			p.Reportf(line, col, e.Key, nil, format, args...)
		}
		if i+1 < len(v) && v[i+1] == '{' {
			closing := strings.IndexByte(v[i+2:], '}')
			if closing < 0 {
				report("the ${ in the value of %s is never closed; add '}' (or single-quote the value for a literal '$')", e.Key)
				return
			}
			name := v[i+2 : i+2+closing]
			if op := strings.IndexAny(name, ":-?+="); op > 0 && isName(name[:op]) {
				report("%s uses ${%s%s…}, which godotenv does not support (it expands ${%s} and keeps the rest); set the value directly", e.Key, name[:op], name[op:op+1], name[:op])
			} else {
				checkName(report, e.Key, name, true, defined)
			}
			i += 1 + closing + 1
			continue
		}
		j := i + 1
		for j < len(v) && isKeyByte(v[j]) {
			j++
		}
		if j == i+1 {
			report("the value of %s has a '$' that starts no reference; loaders disagree on it (docker compose reads $$ as $), so single-quote the value for a literal '$'", e.Key)
			return
		}
		checkName(report, e.Key, v[i+1:j], false, defined)
		i = j - 1
	}
}

func checkName(report func(string, ...any), key, name string, braces bool, defined map[string]bool) {
	ref := "$" + name
	if braces {
		ref = "${" + name + "}"
	}
	switch {
	case name == "" || !isName(name):
		report("%s refers to %s, which is not a valid name; use letters, digits and '_'", key, ref)
	case strings.ToUpper(name) != name:
		report("%s refers to %s, but godotenv expands only upper-case names and keeps it as written; rename the key to upper case", key, ref)
	case !defined[name]:
		report("%s refers to %s, which is not set above it in this file; godotenv expands references from the file only, so it becomes empty — set %s above, or single-quote the value for a literal '$'", key, ref, name)
	}
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isKeyByte(s[i]) {
			return false
		}
	}
	return true
}

func isKeyByte(c byte) bool { return c < 0x80 && isKeyRune(rune(c)) }
