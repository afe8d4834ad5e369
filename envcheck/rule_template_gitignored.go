package envcheck

import (
	"fmt"
	"path"
)

// TemplateGitignored reports templates that git ignores, so teammates never get them.
var TemplateGitignored = &Rule{
	ID:       "EC4004",
	Name:     "template-gitignored",
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "git ignores this template, so teammates never get it",
		Why: "The template documents every key a teammate must set. A broad pattern such as `.env*` also ignores " +
			"`.env.example`, so it is never committed and a new clone has nothing to start from. git cannot re-include a " +
			"file inside an excluded directory: `secrets/` followed by `!secrets/.env.example` still ignores it.",
		Bad:  "# .gitignore\n.env*\n",
		Good: "# .gitignore\n.env*\n!.env.example\n",
		Fix: "Add a `!` line for the template after the pattern that ignores it, or, when a parent directory is excluded " +
			"(`secrets/`), exclude its contents instead (`secrets/*`) so the `!` line can work. `envcheck fix` appends the `!` " +
			"line when git confirms it would re-include the template, and asks git again afterwards.",
	},
	Run: runTemplateGitignored,
}

func runTemplateGitignored(p *Pass) {
	reportGitSkips(p)
	f := p.File
	if f.Kind != Template {
		return
	}
	g, ok := p.Project.gitFile(f)
	if !ok {
		return
	}
	v := g.verdict()
	if !v.ignored() || g.repo.tracked[g.rel] {
		return // a tracked template reaches every clone even when a pattern covers it
	}
	src := p.Project.sourceDisplay(g.repo, v)
	neg := "!" + escapeGitPattern(path.Base(g.rel))
	can, known := p.Project.reincludable(g)
	if known && !can {
		p.Report(Finding{Message: fmt.Sprintf(
			"git ignores this template because %s excludes a directory above it, so teammates never get it, and a `!` line cannot re-include a file inside an excluded directory: exclude the directory's contents instead (`dir/*` rather than `dir/`), then add `!%s`",
			src, g.rel)})
		return
	}
	change := p.Project.reincludeChange(g, v)
	var fix *Fix
	if known {
		fix = &Fix{Changes: []FileChange{*change}}
	}
	p.Report(Finding{Fix: fix, Message: fmt.Sprintf(
		"git ignores this template (%s), so teammates never get it; add `%s` at the end of %s",
		src, neg, p.Project.displayOutside(change.Path))})
}
