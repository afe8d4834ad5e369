package envcheck

import "fmt"

// EnvIgnoredLocallyOnly reports env files that only this clone's ignore files protect.
var EnvIgnoredLocallyOnly = &Rule{
	ID:       "EC4002",
	Name:     "env-ignored-locally-only",
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "only .git/info/exclude or a global excludes file keeps this env file out of git",
		Why: "`.git/info/exclude` and the global excludes file (core.excludesFile, ~/.config/git/ignore) live outside " +
			"the repository: your clone ignores the file, a teammate's clone of the same repository does not, and their " +
			"`git add .` commits their copy.",
		Bad:  "# .git/info/exclude\n.env\n# .gitignore\nnode_modules/\n",
		Good: "# .gitignore\nnode_modules/\n.env\n",
		Fix: "Add the pattern to the .gitignore at the top of the repository, which every clone has. `envcheck fix` " +
			"appends it and asks git again to confirm.",
	},
	Run: runEnvIgnoredLocallyOnly,
}

func runEnvIgnoredLocallyOnly(p *Pass) {
	g, v, ok := envFileVerdict(p)
	if !ok {
		return
	}
	if !v.ignored() || v.shared() {
		return
	}
	change := p.Project.ignoreChange(g, v)
	p.Report(Finding{Fix: &Fix{Changes: []FileChange{*change}}, Message: fmt.Sprintf(
		"only %s ignores this env file, and that file is not part of the repository: other clones would commit it; add %s to %s",
		p.Project.sourceDisplay(g.repo, v), quoted(change.Append), p.Project.displayOutside(change.Path))})
}
