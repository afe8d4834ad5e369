package envcheck

import "github.com/envcheck/envcheck/envcheck/dotenv"

// UnorderedKey reports keys out of alphabetical order within a group. It is off by default:
// most templates group keys by topic, which is better than alphabetical.
var UnorderedKey = &Rule{
	ID:         "EC1012",
	Name:       "unordered-key",
	Severity:   Info,
	NonDefault: true,
	Doc: Doc{
		Title: "keys in a group are not in alphabetical order",
		Why: "In a long file, sorted groups make a key easy to find and a missing key easy to see. Off by " +
			"default (turn it on with --enable unordered-key): grouping keys by topic is usually better.",
		Bad:  "PORT=8080\nHOST=localhost\n",
		Good: "HOST=localhost\nPORT=8080\n",
		Fix: "Sort the keys of each group; a blank line starts a new group. Not fixed automatically: moving a " +
			"key can change what a $ reference to it expands to.",
	},
	Run: runUnorderedKey,
}

func runUnorderedKey(p *Pass) {
	f := p.File.Env
	prev := ""
	for i := range f.Nodes {
		n := &f.Nodes[i]
		switch n.Kind {
		case dotenv.Blank:
			prev = ""
		case dotenv.Assignment:
			e := &f.Entries[n.Entry]
			if prev != "" && e.Key < prev {
				line, col := keyPos(f, e)
				p.Reportf(line, col, e.Key, nil, "%s should come before %s; sort the keys of this group (a blank line starts a new group)", e.Key, prev)
				continue
			}
			prev = e.Key
		}
	}
}
