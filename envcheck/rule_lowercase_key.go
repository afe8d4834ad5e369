package envcheck

import "strings"

// LowercaseKey reports keys that are not upper case.
var LowercaseKey = &Rule{
	ID:       "EC1007",
	Name:     "lowercase-key",
	Severity: Warning,
	Doc: Doc{
		Title: "a key is not in upper case",
		Why: "Environment variables are upper case by convention, godotenv expands only upper-case references " +
			"($NAME), and on Windows names are case-insensitive, so FOO and foo collide.",
		Bad:  "database_url=postgres://localhost/app\n",
		Good: "DATABASE_URL=postgres://localhost/app\n",
		Fix:  "Rename the key to upper case here and in the code that reads it. `envcheck fix` never renames keys.",
	},
	Run: runLowercaseKey,
}

func runLowercaseKey(p *Pass) {
	f := p.File.Env
	for i := range f.Entries {
		e := &f.Entries[i]
		if !e.HasSeparator && pastedSecret(e.Key) {
			continue // key-without-value reports a pasted credential
		}
		if upper := strings.ToUpper(e.Key); upper != e.Key {
			line, col := keyPos(f, e)
			p.Reportf(line, col, e.Key, nil, "the key %s is not upper case; %s", e.Key, renameAdvice(e.Key))
		}
	}
}
