package envcheck

import "strings"

// ValueWithoutQuotes reports unquoted values with blanks, and values only partly quoted.
var ValueWithoutQuotes = &Rule{
	ID:       "EC1013",
	Name:     "value-without-quotes",
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "a value with blanks is not quoted, or only part of it is",
		Why: "A shell that sources the file splits an unquoted value at the first blank and runs the rest as a " +
			"command; text after a closing quote makes godotenv fail to load the file. A comment after the value " +
			"(`KEY=value # note`) is not a blank in the value and is not reported.",
		Bad:  "APP_NAME=My App\nGREETING=\"hello\" world\n",
		Good: "APP_NAME='My App'\nGREETING=\"hello world\"\n",
		Fix: "Quote the whole value. `envcheck fix` quotes an unquoted value when the quotes leave the value " +
			"godotenv reads unchanged; it does not touch partly quoted values.",
	},
	Run: runValueWithoutQuotes,
}

func runValueWithoutQuotes(p *Pass) {
	f := p.File.Env
	for _, e := range assignments(f) {
		if e.Trailing != "" {
			line, col := pos(f, e.ValueEnd)
			p.Report(Finding{Line: line, Column: col, Key: e.Key, Severity: Error,
				Message: "only part of the value of " + e.Key + " is quoted: text follows the closing quote; quote the whole value, or start a comment with ' #'"})
			continue
		}
		if e.Quote != 0 {
			continue
		}
		raw := string(f.Src[e.ValueStart:e.ValueEnd])
		if strings.Contains(raw, " #") || strings.Contains(raw, "\t#") {
			continue // loaders disagree on where the value ends: inline-comment reports it
		}
		if i := strings.IndexAny(raw, " \t"); i >= 0 {
			line, col := pos(f, e.ValueStart+i)
			p.Reportf(line, col, e.Key, quoteValue(f, e), "the value of %s contains blanks but is not quoted; a shell splits it, so quote the whole value", e.Key)
		}
	}
}
