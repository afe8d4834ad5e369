package envcheck

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Git questions are answered by git itself: every Go gitignore library disagrees with git
// somewhere (research/ignore.md). Per repository, one `git check-ignore --stdin` call judges every
// env file and template, and two `git ls-files` calls list the tracked ones; the repositories are
// queried in parallel. Files are grouped by the work tree they live in, so a walk that crosses
// nested repositories or submodules asks each one about its own files.

// gitRuleNames are the rules that need git. (Names, not the rule values: the rules' Run
// functions reach this file, and a reference back would be an initialization cycle.)
var gitRuleNames = []string{"env-not-gitignored", "env-ignored-locally-only", "env-tracked", "template-gitignored", "env-in-history"}

func isGitRule(r *Rule) bool { return contains(gitRuleNames, r.Name) }

func gitRuleList() string { return strings.Join(gitRuleNames, ", ") }

// gitEnvDrop are variables that point git at one repository whatever its working directory: a
// git hook exports some of them. envcheck asks, for each file, the repository the file lives in.
var gitEnvDrop = []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR",
	"GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_PREFIX"}

// A gitRunner runs git with a cleaned environment.
type gitRunner struct {
	exe string
	env []string
}

// A GitError is a git command that failed.
type GitError struct {
	Args   []string
	Stderr string
	Err    error
}

func (e *GitError) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if msg == "" {
		msg = e.Err.Error()
	}
	return "git " + strings.Join(e.Args, " ") + ": " + strings.TrimPrefix(msg, "fatal: ")
}

func (e *GitError) Unwrap() error { return e.Err }

// newGitRunner finds git on the PATH of the check's environment.
func newGitRunner(extra []string) (*gitRunner, error) {
	env := os.Environ()
	env = append(env, extra...)
	var clean []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		drop := false
		for _, d := range gitEnvDrop {
			if name == d {
				drop = true
			}
		}
		if !drop {
			clean = append(clean, kv)
		}
	}
	// Never wait for or take the index lock: envcheck only reads.
	clean = append(clean, "GIT_OPTIONAL_LOCKS=0")
	exe, err := lookPath("git", envValue(clean, "PATH"))
	if err != nil {
		return nil, err
	}
	return &gitRunner{exe: exe, env: clean}, nil
}

// envValue returns the last value of name in env.
func envValue(env []string, name string) string {
	v := ""
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && k == name {
			v = val
		}
	}
	return v
}

// lookPath finds an executable in a PATH list (exec.LookPath reads the process's PATH only).
func lookPath(name, pathList string) (string, error) {
	for _, dir := range filepath.SplitList(pathList) {
		if dir == "" {
			dir = "."
		}
		for _, ext := range exeSuffixes() {
			p := filepath.Join(dir, name+ext)
			if st, err := os.Stat(p); err == nil && !st.IsDir() && (ext != "" || st.Mode()&0o111 != 0) {
				return p, nil
			}
		}
	}
	return "", exec.ErrNotFound
}

// run runs git in dir and returns its standard output.
func (g *gitRunner) run(dir string, stdin []byte, args ...string) ([]byte, error) {
	return g.runStatus(dir, stdin, 0, args...)
}

// checkIgnoreArgs ask for a verdict on every path read from standard input. Its exit status is
// 1 when no path is ignored, which is an answer, not a failure.
var checkIgnoreArgs = []string{"check-ignore", "--no-index", "-v", "-n", "-z", "--stdin"}

func (g *gitRunner) checkIgnore(dir string, stdin []byte) (map[string]ignoreVerdict, error) {
	out, err := g.runStatus(dir, stdin, 1, checkIgnoreArgs...)
	if err != nil {
		return nil, err
	}
	return parseCheckIgnore(out)
}

// runStatus is run, accepting exit status ok as success too.
func (g *gitRunner) runStatus(dir string, stdin []byte, ok int, args ...string) ([]byte, error) {
	cmd := exec.Command(g.exe, args...)
	cmd.Dir = dir
	cmd.Env = g.env
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if ok == 0 || !errors.As(err, &ee) || ee.ExitCode() != ok {
			return nil, &GitError{Args: args, Stderr: stderr.String(), Err: err}
		}
	}
	return stdout.Bytes(), nil
}

// An ignoreVerdict is git's answer for one path: the pattern that decides, or none.
type ignoreVerdict struct {
	source  string // as git prints it: a .gitignore relative to the top, .git/info/exclude, or an absolute path
	line    int
	pattern string // "" when no pattern matches
}

func (v ignoreVerdict) matched() bool { return v.pattern != "" }

// ignored reports whether git ignores the path. A negation (`!pattern`) is a match that
// re-includes: judge by the pattern, not by check-ignore's exit status.
func (v ignoreVerdict) ignored() bool { return v.matched() && !strings.HasPrefix(v.pattern, "!") }

// shared reports whether the deciding pattern comes from a .gitignore inside the work tree,
// which every clone has; .git/info/exclude and the global excludes file are this clone's alone.
func (v ignoreVerdict) shared() bool {
	src := filepath.ToSlash(v.source)
	return v.source != "" && !filepath.IsAbs(v.source) && path.Base(src) == ".gitignore" &&
		!strings.HasPrefix(src, ".git/") && !strings.Contains(src, "/.git/")
}

// A gitRepo is one work tree and what git said about the project's files in it.
type gitRepo struct {
	top string // absolute, symlinks resolved, as git prints it
	git *gitRunner

	verdicts       map[string]ignoreVerdict // by path relative to top, '/'-separated
	tracked        map[string]bool
	trackedIgnored map[string]bool // tracked although an ignore pattern covers them
	err            error           // a query failed; the git rules skip this repository

	reincludeOnce sync.Once
	reincludable  map[string]bool // ignored templates: whether a `!` line could re-include them

	lsOnce    sync.Once
	lsTracked map[string]bool // tracked files whose names look like env files
	lsErr     error

	// After fix has written its files, the verifications of its repairs ask git again, all at
	// once: one check-ignore for every path a repair promised to change.
	verifyMu   sync.Mutex
	verifyRels map[string]bool
	verified   map[string]ignoreVerdict
	verifyErr  error
}

// A gitFile is a project file inside a work tree.
type gitFile struct {
	repo *gitRepo
	rel  string // relative to repo.top, '/'-separated
}

func (g gitFile) verdict() ignoreVerdict { return g.repo.verdicts[g.rel] }

// gitSkip is a reason some files were not judged, reported once per check as info.
type gitSkip struct {
	where string // display path
	msg   string
}

type gitFacts struct {
	git    *gitRunner
	byFile map[string]gitFile // by File.OSPath
	repos  []*gitRepo         // repositories of the checked files, sorted by top
	roots  []*gitRepo         // with --history: repositories of the walked directories too
	skips  []gitSkip
}

type gitFactsKey struct{}

// gitFuture computes the git facts once. Load starts the work early: before the walk it
// locates the repositories of the walked directories and lists their tracked env files (which
// needs no file list), and as soon as discovery has listed the files it asks check-ignore about
// them, so git runs while the files are read and parsed.
type gitFuture struct {
	once  sync.Once
	facts *gitFacts

	session sync.Once
	git     *gitRunner
	gitErr  error
	loc     *repoLocator
}

func (p *Project) gitFuture() *gitFuture {
	return p.Memo(gitFactsKey{}, func() any { return &gitFuture{} }).(*gitFuture)
}

// gitSession returns the git runner and the repository locator of the check.
func (p *Project) gitSession() (*gitRunner, *repoLocator, error) {
	fut := p.gitFuture()
	fut.session.Do(func() {
		fut.git, fut.gitErr = newGitRunner(p.Options.environ)
		if fut.gitErr == nil {
			fut.loc = &repoLocator{git: fut.git, fs: &p.dirs, byTop: map[string]*gitRepo{}, dirs: map[string]locateResult{}, verified: map[string]locateResult{}}
		}
	})
	return fut.git, fut.loc, fut.gitErr
}

// gitFacts asks git about every checked file, once per check.
func (p *Project) gitFacts() *gitFacts {
	fut := p.gitFuture()
	fut.once.Do(func() { fut.facts = p.computeGitFacts(p.Checked()) })
	return fut.facts
}

// gitFile returns what git knows about f; false when f is not in a work tree that git could
// answer for (the reason is among the skips).
func (p *Project) gitFile(f *File) (gitFile, bool) {
	g, ok := p.gitFacts().byFile[f.OSPath]
	if !ok || g.repo.err != nil {
		return gitFile{}, false
	}
	return g, true
}

// needsGit reports whether a rule that asks git will run.
func (p *Project) needsGit() bool {
	for _, r := range p.Rules {
		if isGitRule(r) {
			return true
		}
	}
	return false
}

// prefetchGitRoots starts locating the repositories of the directories to walk and listing
// their tracked env files, while the walk runs.
func (p *Project) prefetchGitRoots(paths []string) {
	if !p.needsGit() {
		return
	}
	go func() {
		_, loc, err := p.gitSession()
		if err != nil {
			return
		}
		for _, path := range paths {
			if st, err := os.Stat(path); err == nil && st.IsDir() {
				if repo, err := loc.locateDir(path); err == nil {
					repo.trackedByGlob()
				}
			}
		}
	}()
}

// prefetchGit starts asking git about the files discovery found, when a git rule will run.
func (p *Project) prefetchGit(cands []candidate) {
	if !p.needsGit() {
		return
	}
	files := make([]*File, len(cands))
	for i, c := range cands {
		files[i] = &File{Path: displayPath(p.Dir, c.osPath), OSPath: c.osPath, Kind: c.kind, Checked: true}
	}
	fut := p.gitFuture()
	go fut.once.Do(func() { fut.facts = p.computeGitFacts(files) })
}

func (p *Project) computeGitFacts(files []*File) *gitFacts {
	facts := &gitFacts{byFile: map[string]gitFile{}}
	if len(files) == 0 && !p.Options.History {
		return facts
	}
	git, loc, err := p.gitSession()
	if err != nil {
		facts.skips = append(facts.skips, gitSkip{where: p.firstWhere(files),
			msg: "git is not on PATH, so envcheck cannot ask it which env files it ignores or tracks; the git rules (" +
				gitRuleList() + ") were skipped: install git, or leave them out with --disable"})
		return facts
	}
	facts.git = git
	var outside []*File
	var otherErr error
	for _, f := range files {
		repo, rel, err := loc.locate(f.OSPath)
		switch {
		case errors.Is(err, errNotWorkTree):
			outside = append(outside, f)
		case err != nil:
			outside = append(outside, f)
			if otherErr == nil {
				otherErr = err
			}
		default:
			facts.byFile[f.OSPath] = gitFile{repo: repo, rel: rel}
		}
	}
	if len(outside) > 0 {
		first := outside[0]
		where := path.Dir(first.Path)
		subject := "not inside a git work tree"
		if len(outside) < len(files) {
			subject = fmt.Sprintf("%s %s not inside a git work tree (the first: %s)", plural(len(outside), "file", "files"), isAre(len(outside)), first.Path)
		}
		msg := subject + ", so the git rules (" + gitRuleList() + ") were skipped; run `git init` if this should be a repository"
		if otherErr != nil {
			msg = subject + " that git can read (" + otherErr.Error() + "); the git rules (" + gitRuleList() + ") were skipped"
		}
		facts.skips = append(facts.skips, gitSkip{where: where, msg: msg})
	}
	if p.Options.History {
		for _, root := range p.roots {
			repo, err := loc.locateDir(root)
			if err == nil {
				facts.roots = append(facts.roots, repo)
			} else if len(files) == 0 && len(facts.skips) == 0 {
				facts.skips = append(facts.skips, gitSkip{where: displayPath(p.Dir, root),
					msg: "not inside a git work tree, so there is no history to search; env-in-history was skipped"})
			}
		}
	}
	// Which files each repository is asked about.
	rels := map[*gitRepo][]string{}
	for _, f := range files {
		if g, ok := facts.byFile[f.OSPath]; ok {
			rels[g.repo] = append(rels[g.repo], g.rel)
		}
	}
	for r := range rels {
		facts.repos = append(facts.repos, r)
	}
	sort.Slice(facts.repos, func(i, j int) bool { return facts.repos[i].top < facts.repos[j].top })
	var wg sync.WaitGroup
	for _, r := range facts.repos {
		wg.Add(1)
		go func(r *gitRepo) {
			defer wg.Done()
			r.err = r.query(rels[r])
		}(r)
	}
	wg.Wait()
	for _, r := range facts.repos {
		if r.err != nil {
			msg := "git could not answer for the repository at " + displayPath(p.Dir, r.top) + " (" + r.err.Error() + "); the git rules skipped its files"
			if strings.Contains(r.err.Error(), "dubious ownership") {
				msg += "; if you trust it, `git config --global --add safe.directory " + shellQuote(r.top) + "`"
			}
			facts.skips = append(facts.skips, gitSkip{where: displayPath(p.Dir, r.top), msg: msg})
		}
	}
	return facts
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// firstWhere names the place a project-wide finding is about: the first checked file's
// directory, or the first directory walked.
func (p *Project) firstWhere(files []*File) string {
	if len(files) > 0 {
		return path.Dir(files[0].Path)
	}
	if len(p.roots) > 0 {
		return displayPath(p.Dir, p.roots[0])
	}
	return "."
}

// envPathspecs match every name Classify calls an env file or template, at any depth: a plain
// `*` crosses '/' in a pathspec, so '*.env' also matches 'deep/er/.env'.
var envPathspecs = []string{"*.env", "*.env.*", ".env*"}

// literalPathspecs returns a literal pathspec for each file whose name envPathspecs miss (a
// file named on the command line).
func literalPathspecs(rels []string) []string {
	var specs []string
	for _, rel := range rels {
		if Classify(path.Base(rel)) == NotEnv {
			specs = append(specs, ":(literal)"+rel)
		}
	}
	return specs
}

// trackedByGlob lists the tracked files whose names look like env files or templates, once per
// repository; it needs no list of files, so it can run while the tree is walked.
func (r *gitRepo) trackedByGlob() (map[string]bool, error) {
	r.lsOnce.Do(func() {
		out, err := r.git.run(r.top, nil, append([]string{"ls-files", "-z", "--cached", "--"}, envPathspecs...)...)
		r.lsTracked, r.lsErr = nulSet(out), err
	})
	return r.lsTracked, r.lsErr
}

// query asks git about rels: one check-ignore call for all of them, and ls-files for the tracked
// ones, concurrently.
func (r *gitRepo) query(rels []string) error {
	var in bytes.Buffer
	for _, rel := range rels {
		in.WriteString(rel)
		in.WriteByte(0)
	}
	var (
		wg       sync.WaitGroup
		verdicts map[string]ignoreVerdict
		ciErr    error
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		// --no-index: judge tracked files by the patterns too (otherwise they are reported as not
		// ignored); -v -n: print the deciding pattern, and a line for paths nothing matches.
		verdicts, ciErr = r.git.checkIgnore(r.top, in.Bytes())
	}()
	globTracked, err := r.trackedByGlob()
	if err != nil {
		wg.Wait()
		return err
	}
	tracked := map[string]bool{}
	for rel := range globTracked {
		tracked[rel] = true
	}
	if odd := literalPathspecs(rels); len(odd) > 0 {
		out, err := r.git.run(r.top, nil, append([]string{"ls-files", "-z", "--cached", "--"}, odd...)...)
		if err != nil {
			wg.Wait()
			return err
		}
		for rel := range nulSet(out) {
			tracked[rel] = true
		}
	}
	// Tracked although ignored: `ls-files -ci --exclude-standard` judges every index entry
	// before it applies a glob pathspec (as slow as `git status` in a big repository), so it is
	// asked only about the env files that are tracked, by literal path; usually there are none.
	trackedIgnored := map[string]bool{}
	var trackedEnv []string
	for _, rel := range rels {
		if tracked[rel] && Classify(path.Base(rel)) != Template {
			trackedEnv = append(trackedEnv, rel)
		}
	}
	if len(trackedEnv) > 0 {
		args := []string{"ls-files", "-z", "--cached", "--ignored", "--exclude-standard"}
		if len(trackedEnv) <= 1000 {
			args = append(args, "--")
			for _, rel := range trackedEnv {
				args = append(args, ":(literal)"+rel)
			}
		} else {
			args = append(append(args, "--"), envPathspecs...)
		}
		out, err := r.git.run(r.top, nil, args...)
		if err != nil {
			wg.Wait()
			return err
		}
		trackedIgnored = nulSet(out)
	}
	wg.Wait()
	if ciErr != nil {
		return ciErr
	}
	r.verdicts, r.tracked, r.trackedIgnored = verdicts, tracked, trackedIgnored
	return nil
}

// promiseVerify registers paths whose verdict a repair will check after fix has written.
func (r *gitRepo) promiseVerify(rels ...string) {
	r.verifyMu.Lock()
	if r.verifyRels == nil {
		r.verifyRels = map[string]bool{}
	}
	for _, rel := range rels {
		r.verifyRels[rel] = true
	}
	r.verifyMu.Unlock()
}

// verdictsAfterFix asks git, once, about every path a repair promised to change; fix calls the
// verifications only when all its files are written.
func (r *gitRepo) verdictsAfterFix(rels ...string) (map[string]ignoreVerdict, error) {
	r.verifyMu.Lock()
	defer r.verifyMu.Unlock()
	if r.verified == nil && r.verifyErr == nil {
		all := append([]string{}, rels...)
		for rel := range r.verifyRels {
			all = append(all, rel)
		}
		sort.Strings(all)
		r.verified, r.verifyErr = r.checkIgnore(all...)
	}
	for _, rel := range rels {
		if _, ok := r.verified[rel]; !ok && r.verifyErr == nil {
			vs, err := r.checkIgnore(rel) // not promised beforehand
			if err != nil {
				return nil, err
			}
			r.verified[rel] = vs[rel]
		}
	}
	return r.verified, r.verifyErr
}

// checkIgnore asks git again about some paths, for a fix's verification.
func (r *gitRepo) checkIgnore(rels ...string) (map[string]ignoreVerdict, error) {
	var in bytes.Buffer
	for _, rel := range rels {
		in.WriteString(rel)
		in.WriteByte(0)
	}
	return r.git.checkIgnore(r.top, in.Bytes())
}

// parseCheckIgnore reads `check-ignore -v -n -z` output: source, line, pattern and path, each
// NUL-terminated; the first three are empty when nothing matches.
func parseCheckIgnore(out []byte) (map[string]ignoreVerdict, error) {
	fields := strings.Split(string(out), "\x00")
	if len(fields) > 0 && fields[len(fields)-1] == "" {
		fields = fields[:len(fields)-1]
	}
	if len(fields)%4 != 0 {
		return nil, fmt.Errorf("git check-ignore: unexpected output (%d fields)", len(fields))
	}
	verdicts := make(map[string]ignoreVerdict, len(fields)/4)
	for i := 0; i < len(fields); i += 4 {
		v := ignoreVerdict{source: fields[i], pattern: fields[i+2]}
		if fields[i+1] != "" {
			n, err := strconv.Atoi(fields[i+1])
			if err != nil {
				return nil, fmt.Errorf("git check-ignore: bad line number %q", fields[i+1])
			}
			v.line = n
		}
		verdicts[fields[i+3]] = v
	}
	return verdicts, nil
}

func nulSet(out []byte) map[string]bool {
	set := map[string]bool{}
	for _, s := range strings.Split(string(out), "\x00") {
		if s != "" {
			set[s] = true
		}
	}
	return set
}

// reincludable reports whether a `!` line could make git stop ignoring the template at rel. It
// cannot when a parent directory is excluded ("It is not possible to re-include a file if a
// parent directory of that file is excluded", gitignore(5)). git answers with the negations
// given on the command line, which take precedence over every ignore file: exactly the effect of
// a negation appended after the deciding pattern.
// known is false when git could not say.
func (p *Project) reincludable(g gitFile) (ok, known bool) {
	r := g.repo
	r.reincludeOnce.Do(func() {
		r.reincludable = map[string]bool{}
		var rels []string
		negations := map[string]bool{}
		for rel, v := range r.verdicts {
			if v.ignored() && Classify(path.Base(rel)) == Template {
				rels = append(rels, rel)
				negations["!"+escapeGitPattern(path.Base(rel))] = true
			}
		}
		if len(rels) == 0 {
			return
		}
		sort.Strings(rels)
		args := []string{"ls-files", "-z", "--cached", "--others", "--ignored", "--exclude-standard"}
		var negs []string
		for n := range negations {
			negs = append(negs, n)
		}
		sort.Strings(negs)
		for _, n := range negs {
			args = append(args, "--exclude="+n)
		}
		args = append(args, "--")
		for _, rel := range rels {
			args = append(args, ":(literal)"+rel)
		}
		out, err := r.git.run(r.top, nil, args...)
		if err != nil {
			return // unknown: offer no automatic fix
		}
		still := nulSet(out)
		for _, rel := range rels {
			r.reincludable[rel] = !still[rel]
		}
	})
	ok, known = r.reincludable[g.rel]
	return ok, known
}

// errNotWorkTree: no work tree contains the path.
var errNotWorkTree = errors.New("not a git work tree")

type locateResult struct {
	repo *gitRepo
	real string // the directory with symlinks resolved
	err  error
}

// A repoLocator finds the work tree of directories: the nearest ancestor holding a .git entry
// is a candidate, confirmed by one `git rev-parse --show-toplevel` per candidate, so a
// monorepo with hundreds of env file directories costs one git call, not hundreds.
type repoLocator struct {
	mu       sync.Mutex // the prefetch and the file queries may ask at once
	git      *gitRunner
	fs       *dirCache
	byTop    map[string]*gitRepo
	dirs     map[string]locateResult // by directory as given
	verified map[string]locateResult // by directory git was asked in
}

// locate returns the repository holding a file and the file's path relative to its top.
func (l *repoLocator) locate(osPath string) (*gitRepo, string, error) {
	res := l.dir(filepath.Dir(osPath))
	if res.err != nil {
		return nil, "", res.err
	}
	rel, err := filepath.Rel(res.repo.top, filepath.Join(res.real, filepath.Base(osPath)))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, "", errNotWorkTree
	}
	return res.repo, filepath.ToSlash(rel), nil
}

// locateDir returns the repository holding a directory.
func (l *repoLocator) locateDir(dir string) (*gitRepo, error) {
	res := l.dir(dir)
	return res.repo, res.err
}

func (l *repoLocator) dir(dir string) locateResult {
	l.mu.Lock()
	defer l.mu.Unlock()
	res, ok := l.dirs[dir]
	if !ok {
		res = l.find(dir)
		l.dirs[dir] = res
	}
	return res
}

func (l *repoLocator) find(dir string) locateResult {
	real := l.fs.realDir(dir)
	cand := ""
	for d := real; ; {
		if l.fs.hasDotGit(d) {
			cand = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if cand == "" {
		return locateResult{err: errNotWorkTree}
	}
	if looksLikeWorkTree(cand) {
		// The common case needs no git call: a .git directory with a HEAD, or a .git file
		// pointing at one (a linked worktree, a submodule). Should git disagree (an unsafe
		// directory, a broken link), the queries fail with git's own message.
		return locateResult{repo: l.repoAt(cand), real: real}
	}
	res := l.ask(cand)
	if res.err == nil && res.repo.top == cand {
		return locateResult{repo: res.repo, real: real}
	}
	// The .git entry is not a work tree git accepts (an empty directory, say): let git search
	// from the directory itself.
	res = l.ask(real)
	res.real = real
	return res
}

// repoAt returns the repository whose top is top, one value per top.
func (l *repoLocator) repoAt(top string) *gitRepo {
	repo, ok := l.byTop[top]
	if !ok {
		repo = &gitRepo{top: top, git: l.git}
		l.byTop[top] = repo
	}
	return repo
}

// looksLikeWorkTree reports whether dir's .git entry is what git itself would accept without
// searching further: a directory holding HEAD, or a file starting "gitdir: ".
func looksLikeWorkTree(dir string) bool {
	dotGit := filepath.Join(dir, ".git")
	info, err := os.Lstat(dotGit)
	switch {
	case err != nil:
		return false
	case info.IsDir():
		head, err := os.Lstat(filepath.Join(dotGit, "HEAD"))
		return err == nil && head.Mode().IsRegular()
	case info.Mode().IsRegular() && info.Size() < 4096:
		data, err := os.ReadFile(dotGit)
		return err == nil && strings.HasPrefix(string(data), "gitdir: ")
	}
	return false
}

// ask runs `git rev-parse --show-toplevel` in dir, once per directory.
func (l *repoLocator) ask(dir string) locateResult {
	if res, ok := l.verified[dir]; ok {
		return res
	}
	var res locateResult
	out, err := l.git.run(dir, nil, "rev-parse", "--show-toplevel")
	top := strings.TrimSpace(string(out))
	switch {
	case err != nil && strings.Contains(err.Error(), "not a git repository"):
		res.err = errNotWorkTree
	case err != nil:
		res.err = err
	case top == "":
		res.err = errNotWorkTree // inside a .git directory or a bare repository
	default:
		top = filepath.Clean(filepath.FromSlash(top))
		if real, err := filepath.EvalSymlinks(top); err == nil {
			top = real
		}
		res.repo = l.repoAt(top)
	}
	l.verified[dir] = res
	return res
}

// escapeGitPattern makes a file name match itself literally in a .gitignore.
func escapeGitPattern(name string) string {
	var b strings.Builder
	for i, r := range name {
		switch {
		case strings.ContainsRune(`*?[]\`, r):
			b.WriteByte('\\')
		case i == 0 && (r == '!' || r == '#'):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	s := b.String()
	if strings.HasSuffix(s, " ") {
		s = s[:len(s)-1] + `\ `
	}
	return s
}

// shellQuote quotes a path for a command the user copies.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/+,:@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// sourceDisplay shows where a pattern comes from, as a path the user can open, with the line
// and the pattern: ".gitignore:3 (`.env*`)".
func (p *Project) sourceDisplay(r *gitRepo, v ignoreVerdict) string {
	src := filepath.FromSlash(v.source)
	if !filepath.IsAbs(src) {
		src = filepath.Join(r.top, src)
	}
	return fmt.Sprintf("%s:%d (`%s`)", p.displayOutside(src), v.line, v.pattern)
}

// displayOutside shows a path relative to the working directory when it is below it, and
// absolute otherwise (a global excludes file).
func (p *Project) displayOutside(osPath string) string {
	dir := p.Dir
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return displayPath(dir, osPath)
}

// fileDisplay returns the display path of a file in a repository.
func (p *Project) repoDisplay(r *gitRepo, rel string) string {
	return p.displayOutside(filepath.Join(r.top, filepath.FromSlash(rel)))
}

func exeSuffixes() []string {
	if runtime.GOOS == "windows" {
		return []string{".exe", ".cmd", ".bat"}
	}
	return []string{""}
}
