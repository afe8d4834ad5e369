package envcheck

import "github.com/envcheck/envcheck/envcheck/dotenv"

// ExtraBlankLine reports runs of blank lines and blank lines at the end of a file.
var ExtraBlankLine = &Rule{
	ID:       "EC1003",
	Name:     "extra-blank-line",
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "more than one blank line in a row, or a blank line at the end",
		Why:   "One blank line separates groups of keys; more only make the file longer and its diffs noisier.",
		Bad:   "A=1\n\n\nB=2\n\n",
		Good:  "A=1\n\nB=2\n",
		Fix:   "Delete the extra blank lines. `envcheck fix` deletes them.",
	},
	Run: runExtraBlankLine,
}

func runExtraBlankLine(p *Pass) {
	f := p.File.Env
	n := len(f.Nodes)
	trailing := n // index of the first node of the blank run that ends the file
	for trailing > 0 && f.Nodes[trailing-1].Kind == dotenv.Blank {
		trailing--
	}
	if trailing == 0 {
		return // an empty or all-blank file: nothing to separate
	}
	for i := 1; i < n; i++ {
		node := &f.Nodes[i]
		if node.Kind != dotenv.Blank {
			continue
		}
		switch {
		case i >= trailing:
			p.Reportf(node.Line, 1, "", deleteNode(f, node), "blank line at the end of the file; delete it")
		case f.Nodes[i-1].Kind == dotenv.Blank:
			p.Reportf(node.Line, 1, "", deleteNode(f, node), "extra blank line; one blank line is enough to separate groups")
		}
	}
}
