package envcheck

// UnterminatedQuote reports a quoted value whose closing quote is missing.
var UnterminatedQuote = &Rule{
	ID:       "EC1014",
	Name:     "unterminated-quote",
	Severity: Error,
	Doc: Doc{
		Title: "a quoted value is never closed",
		Why: "godotenv refuses to load the file; other loaders swallow every following line into the value, so " +
			"the keys below it silently disappear.",
		Bad:  "GREETING=\"hello\nPORT=8080\n",
		Good: "GREETING=\"hello\"\nPORT=8080\n",
		Fix: "Add the closing quote where the value ends (a value spans several lines only inside quotes). Not " +
			"fixed automatically: only you know where the value ends.",
	},
	Run: runUnterminatedQuote,
}

func runUnterminatedQuote(p *Pass) {
	f := p.File.Env
	for _, e := range assignments(f) {
		if !e.Unterminated {
			continue
		}
		line, col := pos(f, e.ValueStart)
		p.Reportf(line, col, e.Key, nil, "the value of %s opens a %s quote that is never closed; add the closing %c", e.Key, quoteName(e.Quote), e.Quote)
	}
}
