package envcheck

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// EnvInHistory reports env files that were committed at some point, on any ref.
var EnvInHistory = &Rule{
	ID:         "EC4005",
	Name:       "env-in-history",
	Severity:   Warning,
	Scope:      PerProject,
	NonDefault: false,
	Doc: Doc{
		Title: "an env file was committed at some point (with --history)",
		Why: "Deleting or untracking an env file does not remove it from history: every clone can still read the values " +
			"with `git show`. With --history, envcheck lists every env file ever added on any branch or tag " +
			"(`git log --all --diff-filter=A`), with the commit and date, and never reads the content.",
		Bad:  "$ git log --all --diff-filter=A --name-only --format=%h\n1a2b3c4\n.env\n",
		Good: "$ git log --all --diff-filter=A --name-only --format=%h -- .env\n(nothing)\n",
		Fix: "Rotate every key the file held: assume they are known. Then remove the file from history (`git filter-repo " +
			"--invert-paths --path FILE`), force-push every branch and tag, and have everyone re-clone. Rotating is the " +
			"part that protects you; rewriting history only stops the spread. Leave this rule off with --disable once the " +
			"keys are rotated.",
	},
	Run: runEnvInHistory,
}

func runEnvInHistory(p *Pass) {
	reportGitSkips(p)
	if !p.Project.Options.History {
		return
	}
	hits, skips := p.Project.gitHistory()
	for _, s := range skips {
		p.Report(Finding{Severity: Info, File: s.where, Message: s.msg})
	}
	for _, h := range hits {
		when := fmt.Sprintf("in commit %s (%s)", h.commit, h.date)
		if h.count > 1 {
			when += fmt.Sprintf(" and added again in %d later commits", h.count-1)
		}
		state := "it is gone from the work tree, but its values stay in the history of every clone"
		if _, err := os.Lstat(h.osPath); err == nil {
			state = "its values stay in the history of every clone even once it is untracked"
		}
		p.Report(Finding{File: p.Project.displayOutside(h.osPath), Message: fmt.Sprintf(
			"this env file was committed %s; %s: rotate every key it held, then remove it from history (`git filter-repo --invert-paths --path %s`) and force-push",
			when, state, shellQuote(h.rel))})
	}
}

// A historyHit is an env file that some commit added.
type historyHit struct {
	osPath, rel  string
	commit, date string // the earliest commit that added it
	count        int    // commits that added it
}

type historyKey struct{}

type historyFacts struct {
	hits  []historyHit
	skips []gitSkip
}

// gitHistory lists the env files ever added in the repositories of the check, within the paths
// the check covers.
func (p *Project) gitHistory() ([]historyHit, []gitSkip) {
	h := p.Memo(historyKey{}, func() any {
		facts := p.gitFacts()
		var out historyFacts
		seen := map[*gitRepo]bool{}
		for _, r := range append(append([]*gitRepo{}, facts.repos...), facts.roots...) {
			if seen[r] || r.err != nil {
				continue
			}
			seen[r] = true
			hits, err := p.repoHistory(r)
			if err != nil {
				out.skips = append(out.skips, gitSkip{where: p.displayOutside(r.top),
					msg: "could not read the history of " + p.displayOutside(r.top) + " (" + err.Error() + "); env-in-history skipped it"})
			}
			out.hits = append(out.hits, hits...)
		}
		sort.Slice(out.hits, func(i, j int) bool { return out.hits[i].osPath < out.hits[j].osPath })
		return out
	}).(historyFacts)
	return h.hits, h.skips
}

func (p *Project) repoHistory(r *gitRepo) ([]historyHit, error) {
	args := append([]string{"log", "--all", "-z", "--diff-filter=A", "--name-only", "--format=%x01%h %cs"}, "--")
	args = append(args, envPathspecs...)
	out, err := r.git.run(r.top, nil, args...)
	if err != nil {
		if strings.Contains(err.Error(), "does not have any commits") {
			return nil, nil
		}
		return nil, err
	}
	byRel := map[string]*historyHit{}
	var order []string
	var commit, date string
	for _, tok := range strings.Split(string(out), "\x00") {
		tok = strings.TrimPrefix(tok, "\n")
		if strings.HasPrefix(tok, "\x01") {
			commit, date, _ = strings.Cut(tok[1:], " ")
			continue
		}
		if tok == "" || Classify(path.Base(tok)) != EnvFile {
			continue
		}
		h, ok := byRel[tok]
		if !ok {
			h = &historyHit{rel: tok, osPath: filepath.Join(r.top, filepath.FromSlash(tok))}
			byRel[tok] = h
			order = append(order, tok)
		}
		h.count++
		h.commit, h.date = commit, date // git log is newest first: the last one seen is the earliest
	}
	var hits []historyHit
	for _, rel := range order {
		if h := byRel[rel]; p.historyInScope(h.osPath) {
			hits = append(hits, *h)
		}
	}
	return hits, nil
}

// historyInScope reports whether a path from history lies where the check looks: a named file,
// or inside a walked directory (at its top level without --recursive), not excluded, not in a
// folder --recursive skips.
func (p *Project) historyInScope(osPath string) bool {
	for _, f := range p.Files {
		if f.Named && sameFile(f.OSPath, osPath) {
			return true
		}
	}
	for _, root := range p.roots {
		realRoot := root
		if r, err := filepath.EvalSymlinks(root); err == nil {
			realRoot = r
		}
		rel, err := filepath.Rel(realRoot, osPath)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		if len(parts) > 1 && !p.Options.Recursive {
			continue
		}
		skip := false
		for _, d := range parts[:len(parts)-1] {
			if skipDirs[d] {
				skip = true
			}
		}
		if skip || excluded(p.displayOutside(osPath), p.Options.Exclude) {
			continue
		}
		if ignored, _ := readIgnoreFile(root, p.Dir); excluded(filepath.ToSlash(rel), ignored) {
			continue
		}
		return true
	}
	return false
}

func sameFile(a, b string) bool {
	ra, err1 := filepath.EvalSymlinks(filepath.Dir(a))
	rb, err2 := filepath.EvalSymlinks(filepath.Dir(b))
	if err1 != nil || err2 != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return filepath.Join(ra, filepath.Base(a)) == filepath.Join(rb, filepath.Base(b))
}
