package envcheck

import (
	"strings"

	"github.com/envcheck/envcheck/envcheck/dotenv"
)

// InvalidSuppression reports envcheck:ignore comments that cannot work: no reason, an unknown
// rule, an ignore-file after the first entry, or nothing to attach to.
var InvalidSuppression = &Rule{
	ID:       "EC9001",
	Name:     "invalid-suppression",
	Severity: Warning,
	Doc: Doc{
		Title: "an envcheck:ignore comment is malformed",
		Why: "A suppression hides a finding from everyone who reads the file later, so it must say which rule " +
			"and why. One without a reason, or naming a rule that does not exist, suppresses nothing.",
		Bad:  "# envcheck:ignore placeholder-value\nAPI_KEY=your-key-here\n",
		Good: "# envcheck:ignore placeholder-value the real key comes from the CI secret store\nAPI_KEY=your-key-here\n",
		Fix: "Write `# envcheck:ignore <rule>[,<rule>…] <reason>` directly above the entry or at the end of its " +
			"line, or `# envcheck:ignore-file <rule> <reason>` before the first entry. `envcheck rules` lists the " +
			"rule names.",
	},
	Run: runInvalidSuppression,
}

func runInvalidSuppression(p *Pass) {
	f := p.File.Env
	for _, d := range directives(f) {
		report := func(format string, args ...any) { p.Reportf(d.line, d.col, "", nil, format, args...) }
		if len(d.rules) == 0 {
			report("the suppression names no rule; write envcheck:ignore <rule> <reason>")
			continue
		}
		var unknown []string
		for _, name := range d.rules {
			if _, ok := Lookup(p.Project.Options.Rules, name); !ok {
				unknown = append(unknown, name)
			}
		}
		if len(unknown) > 0 {
			report("the suppression names %s, which is not a rule; `envcheck rules` lists them", strings.Join(unknown, ", "))
		}
		switch {
		case d.reason == "":
			report("the suppression has no reason, so it suppresses nothing; say why after the rule name")
		case !d.wholeFile && d.from < 0:
			report("the suppression is not attached to an entry; put it directly above the entry or at the end of its line")
		}
	}
	for i := range f.Nodes {
		n := &f.Nodes[i]
		if n.Kind != dotenv.Comment {
			continue
		}
		if d, ok := parseDirective(f.CommentText(n)); ok && d.wholeFile && !inHeader(f, i) {
			p.Reportf(n.Line, commentCol(f, n), "", nil, "envcheck:ignore-file works only before the first entry; move it to the top of the file")
		}
	}
}

// inHeader reports whether node i comes before the first entry.
func inHeader(f *dotenv.File, i int) bool {
	for _, n := range f.Nodes[:i] {
		if n.Kind == dotenv.Assignment {
			return false
		}
	}
	return true
}
