package envcheck

import (
	"unicode/utf8"

	"github.com/envcheck/envcheck/envcheck/dotenv"
)

// EndingBlankLine reports a file whose last line has no line ending.
var EndingBlankLine = &Rule{
	ID:       "EC1002",
	Name:     "ending-blank-line",
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "the file does not end with a newline",
		Why: "Tools that append to the file (`echo KEY=v >> .env`) glue the new line onto the last one, " +
			"and some shells skip an unterminated last line when they read the file.",
		Bad:  "PORT=8080",
		Good: "PORT=8080\n",
		Fix:  "End the last line with a newline. `envcheck fix` adds one, using the file's line ending.",
	},
	Run: runEndingBlankLine,
}

func runEndingBlankLine(p *Pass) {
	f := p.File.Env
	if len(f.Lines) == 0 {
		return
	}
	last := f.Lines[len(f.Lines)-1]
	if last.EOL != dotenv.NoEOL {
		return
	}
	col := utf8.RuneCount(f.Src[last.Start:last.End]) + 1
	fix := &Fix{Edits: []Edit{{Start: len(f.Src), End: len(f.Src), New: dominantEOL(f)}}}
	p.Reportf(last.Num, col, "", fix, "the file does not end with a newline; add one")
}
