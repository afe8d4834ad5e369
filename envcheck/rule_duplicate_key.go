package envcheck

import "github.com/envcheck/envcheck/envcheck/dotenv"

// DuplicateKey reports a key assigned twice in one file.
var DuplicateKey = &Rule{
	ID:       "EC1001",
	Name:     "duplicate-key",
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "a key is set more than once in the same file",
		Why: "Loaders keep one of the values (godotenv and docker compose the last), so the other line is dead, " +
			"and whoever edits the file may change the one that does not count.",
		Bad:  "PORT=8080\nHOST=localhost\nPORT=9090\n",
		Good: "PORT=9090\nHOST=localhost\n",
		Fix: "Delete the line you do not mean. `envcheck fix` deletes a repeat only when it sets the same value, " +
			"since then nothing changes; it never guesses which of two different values you want.",
	},
	Run: runDuplicateKey,
}

func runDuplicateKey(p *Pass) {
	f := p.File.Env
	first := map[string]*dotenv.Entry{}
	for _, e := range assignments(f) {
		if e.Key == "" {
			continue
		}
		prev, ok := first[e.Key]
		if !ok {
			first[e.Key] = e
			continue
		}
		line, col := keyPos(f, e)
		if prev.Value == e.Value {
			p.Reportf(line, col, e.Key, deleteNode(f, &f.Nodes[e.Node]),
				"%s is set again with the same value as on line %d; delete this line", e.Key, prev.Line)
			continue
		}
		p.Reportf(line, col, e.Key, nil,
			"%s is already set on line %d; loaders keep one value (godotenv and docker compose the last), so delete the line you do not mean", e.Key, prev.Line)
	}
}
