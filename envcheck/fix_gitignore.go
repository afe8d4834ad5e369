package envcheck

import (
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// The .gitignore repairs of the git rules. A pattern is appended to the file whose pattern
// decides today (a nested .gitignore whose `!` line re-includes an env file, say), or to the
// .gitignore at the top of the work tree, which outranks .git/info/exclude and the global
// excludes file. Appended last, it decides for the path; Verify asks git afterwards whether
// the verdict really changed.

// ignoreTarget returns the .gitignore a repair for g appends to.
func ignoreTarget(g gitFile, v ignoreVerdict) string {
	if v.matched() && v.shared() {
		return filepath.Join(g.repo.top, filepath.FromSlash(v.source))
	}
	return filepath.Join(g.repo.top, ".gitignore")
}

// ignorePatterns returns the lines that make git ignore the env file at g: the pattern of its
// family (.env, .env.*, *.env), then negations that keep the project's templates in that family
// committed. A file with another name (named on the command line) gets its own anchored path.
func (p *Project) ignorePatterns(g gitFile, target string) []string {
	base := path.Base(g.rel)
	var lines []string
	var keep func(template string) bool
	switch {
	case base == ".env":
		return []string{".env"}
	case strings.HasPrefix(base, ".env.") && Classify(base) == EnvFile:
		lines = []string{".env.*", "!.env.example"}
		keep = func(t string) bool { return strings.HasPrefix(t, ".env.") }
	case strings.HasSuffix(base, ".env") && Classify(base) == EnvFile:
		lines = []string{"*.env"}
		keep = func(t string) bool { return strings.HasSuffix(t, ".env") }
	default:
		rel, err := filepath.Rel(filepath.Dir(target), filepath.Join(g.repo.top, filepath.FromSlash(g.rel)))
		if err != nil {
			rel = g.rel
		}
		var parts []string
		for _, s := range strings.Split(filepath.ToSlash(rel), "/") {
			parts = append(parts, escapeGitPattern(s))
		}
		return []string{"/" + strings.Join(parts, "/")}
	}
	var negs []string
	for _, t := range p.Files {
		if b := filepath.Base(t.OSPath); t.Kind == Template && keep(b) {
			negs = append(negs, "!"+escapeGitPattern(b))
		}
	}
	sort.Strings(negs)
	for _, n := range negs {
		if !contains(lines, n) {
			lines = append(lines, n)
		}
	}
	return lines
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ignoreChange returns the repair that makes git ignore an env file through a .gitignore every
// clone has.
func (p *Project) ignoreChange(g gitFile, v ignoreVerdict) *FileChange {
	target := ignoreTarget(g, v)
	lines := p.ignorePatterns(g, target)
	display := p.repoDisplay(g.repo, g.rel)
	var templates []string // templates the new patterns must not hide
	for _, l := range lines {
		if strings.HasPrefix(l, "!") {
			for _, t := range p.Files {
				if t.Kind != Template || "!"+escapeGitPattern(filepath.Base(t.OSPath)) != l {
					continue
				}
				if tg, ok := p.gitFacts().byFile[t.OSPath]; ok && tg.repo == g.repo && !tg.verdict().ignored() {
					templates = append(templates, tg.rel)
				}
			}
		}
	}
	g.repo.promiseVerify(append([]string{g.rel}, templates...)...)
	return &FileChange{Path: target, Append: lines, Verify: func() error {
		vs, err := g.repo.verdictsAfterFix(append([]string{g.rel}, templates...)...)
		if err != nil {
			return err
		}
		now := vs[g.rel]
		switch {
		case !now.ignored() && now.matched():
			return fmt.Errorf("git still does not ignore %s: %s re-includes it; delete that line", display, p.sourceDisplay(g.repo, now))
		case !now.ignored():
			return fmt.Errorf("git still does not ignore %s", display)
		case !now.shared():
			return fmt.Errorf("%s is still ignored only by %s, which other clones do not have", display, p.sourceDisplay(g.repo, now))
		}
		for _, t := range templates {
			if vs[t].ignored() {
				return fmt.Errorf("git now ignores the template %s (%s); add `!%s` after that line", p.repoDisplay(g.repo, t), p.sourceDisplay(g.repo, vs[t]), escapeGitPattern(path.Base(t)))
			}
		}
		return nil
	}}
}

// reincludeChange returns the repair that makes git stop ignoring a template.
func (p *Project) reincludeChange(g gitFile, v ignoreVerdict) *FileChange {
	target := ignoreTarget(g, v)
	display := p.repoDisplay(g.repo, g.rel)
	g.repo.promiseVerify(g.rel)
	return &FileChange{Path: target, Append: []string{"!" + escapeGitPattern(path.Base(g.rel))}, Verify: func() error {
		vs, err := g.repo.verdictsAfterFix(g.rel)
		if err != nil {
			return err
		}
		if now := vs[g.rel]; now.ignored() {
			return fmt.Errorf("git still ignores %s: %s decides", display, p.sourceDisplay(g.repo, now))
		}
		return nil
	}}
}

// quoted formats patterns for a message: `.env.*`, `!.env.example`.
func quoted(lines []string) string {
	q := make([]string, len(lines))
	for i, l := range lines {
		q[i] = "`" + l + "`"
	}
	return strings.Join(q, ", ")
}
