package envcheck

import (
	"fmt"
	"path/filepath"
)

// EnvTracked reports env files that git tracks: their secrets are already committed.
var EnvTracked = &Rule{
	ID:       "EC4003",
	Name:     "env-tracked",
	Severity: Error,
	Doc: Doc{
		Title: "git tracks this env file",
		Why: "A tracked env file is in the repository: every clone, fork and backup has its values, and an ignore pattern " +
			"added now does not untrack it (git keeps tracking files that were force-added or committed before the " +
			"pattern). Deleting it in a new commit leaves the values in history.",
		Bad:  "$ git ls-files\n.env\n.env.example\n",
		Good: "$ git ls-files\n.env.example\n",
		Fix: "Rotate every key the file holds first: assume they are known. Then `git rm --cached FILE` and commit (the " +
			"file stays on disk), make sure .gitignore covers it, and remove it from history (`git filter-repo " +
			"--invert-paths --path FILE`, then force-push and have everyone re-clone). `envcheck fix` never does this for " +
			"you: it changes history and needs a human.",
	},
	Run: runEnvTracked,
}

func runEnvTracked(p *Pass) {
	reportGitSkips(p)
	f := p.File
	if f.Kind != EnvFile {
		return
	}
	g, ok := p.Project.gitFile(f)
	if !ok || !g.repo.tracked[g.rel] {
		return
	}
	what := "git tracks this env file, so its values are in the repository"
	if g.repo.trackedIgnored[g.rel] {
		what = "git tracks this env file although an ignore pattern covers it (it was force-added, or committed before the pattern), so its values are in the repository"
	}
	p.Report(Finding{Message: fmt.Sprintf("%s: %s", what, untrackAdvice(p.Project, f.OSPath, g))})
}

// untrackAdvice is the sequence that removes a committed secret, in the order that matters.
func untrackAdvice(p *Project, osPath string, g gitFile) string {
	rm := displayPath(p.Dir, osPath)
	if filepath.IsAbs(filepath.FromSlash(rm)) {
		rm = g.rel
		return fmt.Sprintf("rotate every key it holds first, then `git -C %s rm --cached %s` and commit, then remove it from history (`git filter-repo --invert-paths --path %s`) and force-push",
			shellQuote(p.displayOutside(g.repo.top)), shellQuote(rm), shellQuote(g.rel))
	}
	return fmt.Sprintf("rotate every key it holds first, then `git rm --cached %s` and commit, then remove it from history (`git filter-repo --invert-paths --path %s`) and force-push",
		shellQuote(rm), shellQuote(g.rel))
}
