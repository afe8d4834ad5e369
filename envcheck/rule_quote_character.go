package envcheck

import (
	"strings"
)

// QuoteCharacter reports quote characters that loaders read differently: backtick quoting, and
// quote characters inside an unquoted value.
var QuoteCharacter = &Rule{
	ID:       "EC1008",
	Name:     "quote-character",
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "a quote character that loaders read differently",
		Why: "Backtick quotes are stripped by Node's dotenv but kept as part of the value by godotenv and " +
			"docker compose. An unquoted value with a quote inside is cut or rejected by a shell that sources " +
			"the file. Quoted values, JSON in quotes, and quotes inside quotes are fine and not reported.",
		Bad:  "GREETING=`hello`\nNAME=O'Brien\n",
		Good: "GREETING='hello'\nNAME=\"O'Brien\"\n",
		Fix: "Use single or double quotes around the whole value. `envcheck fix` does this when the quotes it " +
			"chooses leave the value godotenv reads unchanged.",
	},
	Run: runQuoteCharacter,
}

func runQuoteCharacter(p *Pass) {
	f := p.File.Env
	for _, e := range assignments(f) {
		switch {
		case e.Quote == '`' && !e.Unterminated:
			var fix *Fix
			content := string(f.Src[e.ValueStart+1 : e.ValueEnd-1])
			if !strings.Contains(content, "'") {
				fix = &Fix{Edits: []Edit{{Start: e.ValueStart, End: e.ValueStart + 1, New: "'"}, {Start: e.ValueEnd - 1, End: e.ValueEnd, New: "'"}}}
			}
			line, col := pos(f, e.ValueStart)
			p.Reportf(line, col, e.Key, fix, "the value of %s is in backticks, which godotenv and docker compose keep as part of the value; use single quotes", e.Key)
		case e.Quote == 0:
			raw := string(f.Src[e.ValueStart:e.ValueEnd])
			if i := strings.IndexAny(raw, `"'`); i >= 0 {
				line, col := pos(f, e.ValueStart+i)
				p.Reportf(line, col, e.Key, quoteValue(f, e), "the value of %s contains a quote character but is not quoted; a shell that sources the file reads it differently, so quote the whole value", e.Key)
			}
		}
	}
}
