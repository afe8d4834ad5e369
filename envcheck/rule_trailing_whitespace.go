package envcheck

import "github.com/envcheck/envcheck/envcheck/dotenv"

// TrailingWhitespace reports blanks at the end of a line, outside quoted values.
var TrailingWhitespace = &Rule{
	ID:       "EC1011",
	Name:     "trailing-whitespace",
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "a line ends with spaces or tabs",
		Why: "Invisible blanks make values differ between loaders (some keep them in unquoted values) and make " +
			"diffs noisy. Blanks inside a quoted value are part of the value and are not reported.",
		Bad:  "HOST=localhost   \n",
		Good: "HOST=localhost\n",
		Fix:  "Delete the blanks at the end of the line. `envcheck fix` deletes them.",
	},
	Run: runTrailingWhitespace,
}

func runTrailingWhitespace(p *Pass) {
	f := p.File.Env
	for i := range f.Nodes {
		n := &f.Nodes[i]
		l := f.Lines[n.EndLine-1]
		floor := l.Start
		if n.Kind == dotenv.Assignment {
			if e := &f.Entries[n.Entry]; e.Quote != 0 && !e.Unterminated && e.ValueEnd > floor {
				floor = e.ValueEnd // blanks inside a quoted value are content
			}
		}
		start := l.End
		for start > floor && (f.Src[start-1] == ' ' || f.Src[start-1] == '\t') {
			start--
		}
		if start == l.End {
			continue
		}
		line, col := pos(f, start)
		p.Reportf(line, col, "", &Fix{Edits: []Edit{{Start: start, End: l.End}}}, "trailing whitespace; delete it")
	}
}
