package envcheck

// SpaceCharacter reports blanks around '='.
var SpaceCharacter = &Rule{
	ID:       "EC1009",
	Name:     "space-character",
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "spaces around '='",
		Why: "dotenv loaders trim them, but a shell that sources the file (`set -a; . ./.env`) runs `KEY` as a " +
			"command instead of setting it, and docker's --env-file keeps the spaces in the name.",
		Bad:  "PORT = 8080\n",
		Good: "PORT=8080\n",
		Fix:  "Remove the blanks on both sides of '='. `envcheck fix` removes them.",
	},
	Run: runSpaceCharacter,
}

func runSpaceCharacter(p *Pass) {
	f := p.File.Env
	for _, e := range assignments(f) {
		var edits []Edit
		if e.KeyEnd < e.SepStart && e.Key != "" {
			edits = append(edits, Edit{Start: e.KeyEnd, End: e.SepStart})
		}
		if e.SepStart+1 < e.ValueStart && e.ValueStart < e.ValueEnd {
			edits = append(edits, Edit{Start: e.SepStart + 1, End: e.ValueStart})
		}
		if len(edits) == 0 {
			continue
		}
		line, col := pos(f, edits[0].Start)
		p.Reportf(line, col, e.Key, &Fix{Edits: edits}, "spaces around '=' in %s; write %s=value with no blanks", e.Key, e.Key)
	}
}
