package envcheck

// KeyWithoutValue reports a line with a key but no '='.
var KeyWithoutValue = &Rule{
	ID:       "EC1005",
	Name:     "key-without-value",
	Severity: Error,
	Fixable:  true,
	Doc: Doc{
		Title: "a line has a key but no '='",
		Why: "Loaders disagree on what it means: godotenv refuses to load the whole file, Node's dotenv skips the " +
			"line, and docker compose copies the value from the host's environment.",
		Bad:  "DEBUG\n",
		Good: "DEBUG=\n",
		Fix:  "Write `KEY=` for an empty value, or give it a value. `envcheck fix` adds the '='.",
	},
	Run: runKeyWithoutValue,
}

func runKeyWithoutValue(p *Pass) {
	f := p.File.Env
	for i := range f.Entries {
		e := &f.Entries[i]
		if e.HasSeparator || e.Key == "" {
			continue
		}
		line, col := keyPos(f, e)
		if pastedSecret(e.Key) {
			p.Report(Finding{Line: line, Column: col, Message: "the line holds what looks like a credential pasted without a key; delete the line, and rotate the key if it is real (a key in a committed file is no longer secret)"})
			continue
		}
		var fix *Fix
		if isName(e.Key) { // appending '=' to `export TOKEN value` would only make another bad line
			fix = &Fix{Edits: []Edit{{Start: e.KeyEnd, End: e.KeyEnd, New: "="}}}
		}
		p.Reportf(line, col, e.Key, fix, "%s has no '='; write %s= for an empty value (godotenv cannot load a file with this line)", e.Key, e.Key)
	}
}
