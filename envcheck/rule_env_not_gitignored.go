package envcheck

import "fmt"

// EnvNotGitignored reports env files that git would let be committed.
var EnvNotGitignored = &Rule{
	ID:       "EC4001",
	Name:     "env-not-gitignored",
	Severity: Error,
	Fixable:  true,
	Doc: Doc{
		Title: "git would let this env file be committed",
		Why: "An env file holds real credentials. When no ignore pattern covers it, one `git add .` publishes them to " +
			"everyone who can read the repository, and to its history for good. envcheck asks git itself " +
			"(`git check-ignore`), so nested .gitignore files, negations and core.ignoreCase count exactly as git counts them. " +
			"Outside a git work tree, or without git on PATH, this rule reports once (info) that the git rules were skipped.",
		Bad:  "# .gitignore\nnode_modules/\n",
		Good: "# .gitignore\nnode_modules/\n.env\n.env.*\n!.env.example\n",
		Fix: "Add a pattern for the file to the .gitignore at the top of the repository, or delete the `!` line that " +
			"re-includes it. `envcheck fix` appends `.env`, `.env.*` or `*.env` (with `!` lines that keep the templates " +
			"committed) to that .gitignore, or to the one whose `!` line decides, and asks git again to confirm.",
	},
	Run: runEnvNotGitignored,
}

func runEnvNotGitignored(p *Pass) {
	g, v, ok := envFileVerdict(p)
	if !ok {
		return
	}
	if v.ignored() {
		return
	}
	change := p.Project.ignoreChange(g, v)
	target := p.Project.displayOutside(change.Path)
	why := "no ignore pattern covers it"
	if v.matched() {
		why = p.Project.sourceDisplay(g.repo, v) + " re-includes it"
	}
	p.Report(Finding{Fix: &Fix{Changes: []FileChange{*change}}, Message: fmt.Sprintf(
		"git does not ignore this env file (%s), so `git add .` would commit its secrets; add %s to %s",
		why, quoted(change.Append), target)})
}

// reportGitSkips reports, once per check, why git could not judge some files: git is not on
// PATH, a directory is not a work tree, a git command failed. The first enabled git rule that
// runs reports them, as info, at line 0.
func reportGitSkips(p *Pass) {
	proj := p.Project
	first := firstFile(proj, func(f *File) bool { return true })
	var reporter *Rule
	for _, r := range proj.Rules {
		if isGitRule(r) && (r.Scope == PerProject || first != nil) {
			reporter = r
			break
		}
	}
	if reporter != p.Rule || (p.File != nil && p.File.Path != first.Path) {
		return
	}
	for _, s := range proj.gitFacts().skips {
		p.Report(Finding{Severity: Info, File: s.where, Message: s.msg})
	}
}

// envFileVerdict is where the two ignore rules start: the git rules' one "skipped" note, then the
// checked env file's place in its repository and git's verdict on it; ok is false for a template
// or a file outside any repository.
func envFileVerdict(p *Pass) (gitFile, ignoreVerdict, bool) {
	reportGitSkips(p)
	if p.File.Kind != EnvFile {
		return gitFile{}, ignoreVerdict{}, false
	}
	g, ok := p.Project.gitFile(p.File)
	if !ok {
		return gitFile{}, ignoreVerdict{}, false
	}
	return g, g.verdict(), true
}
