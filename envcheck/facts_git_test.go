package envcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func git(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestGitVerdictsAgreeWithGit builds a repository with the cases Go gitignore libraries get
// wrong (research/ignore.md) and checks envcheck's verdict for every env file and template
// against git twice over: `git check-ignore -q` for that one path, and `git status --ignored`,
// which walks the tree and decides through another code path.
func TestGitVerdictsAgreeWithGit(t *testing.T) {
	dir := t.TempDir()
	gitInit(t, dir)
	xdg := filepath.Join(t.TempDir(), "xdg")
	env := []string{"XDG_CONFIG_HOME=" + xdg}
	files := map[string]string{
		".gitignore": ".env\n.env.*\n!.env.example\nsecrets/\n!secrets/.env.example\ndeploy/**\n!deploy/.env.example\n" +
			"/anchored.env\ntab.env\t\n \\ lead.env\nconfig/.env.prod*\n",
		// nested: a re-includes, a/b ignores again
		"a/.gitignore":   "!.env\n",
		"a/b/.gitignore": ".env\n",
		// a BOM before the first pattern, and CRLF line ends
		"bom/.gitignore":  "\xef\xbb\xbfpre.env\r\n",
		"patterns":        "linked.env\n",
		"xdg-placeholder": "",
	}
	for _, f := range []string{".env", ".env.local", ".env.example", "secrets/.env", "secrets/.env.example",
		"deploy/.env", "deploy/.env.example", "deploy/sub/.env.example", "anchored.env", "sub/anchored.env",
		"tab.env", "lead.env", "config/.env.production", "config/.env.prod.example", "a/.env", "a/.env.example",
		"a/b/.env", "a/b/c/.env", "bom/pre.env", "local.env", "global.env", "sym/linked.env", ".env.forced",
		"plain.env", "example.env", ".env.sample", "x/y/z/.env.staging.local"} {
		files[f] = "A=1\n"
	}
	writeTree(t, dir, files, 0o600)
	if err := os.Symlink("../patterns", filepath.Join(dir, "sym", ".gitignore")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".git", "info", "exclude"), []byte("local.env\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(xdg, "git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(xdg, "git", "ignore"), []byte("global.env\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, dir, env, "add", "-f", ".env.forced")

	res, err := Check(Options{Dir: dir, Recursive: true, environ: env})
	if err != nil {
		t.Fatal(err)
	}
	// git status --ignored: an ignored directory stands for everything in it.
	status := git(t, dir, env, "status", "--porcelain", "--ignored=matching", "--untracked-files=all")
	statusIgnored := map[string]bool{}
	for _, line := range strings.Split(status, "\n") {
		if p, ok := strings.CutPrefix(line, "!! "); ok {
			statusIgnored[strings.Trim(p, `"`)] = true
		}
	}
	ignoredByStatus := func(rel string) bool {
		for p := rel; p != "."; p = filepath.ToSlash(filepath.Dir(p)) {
			if statusIgnored[p] || statusIgnored[p+"/"] {
				return true
			}
		}
		return false
	}
	tracked := map[string]bool{".env.forced": true}
	var checked []string
	for _, f := range res.Project.Checked() {
		g, ok := res.Project.gitFile(f)
		if !ok {
			t.Fatalf("%s: no git verdict", f.Path)
		}
		checked = append(checked, f.Path)
		got := g.verdict().ignored()
		cmd := exec.Command("git", "check-ignore", "-q", "--no-index", f.Path)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), env...)
		gitSays := cmd.Run() == nil
		if got != gitSays {
			t.Errorf("%s: envcheck says ignored=%v (%+v), git check-ignore says %v", f.Path, got, g.verdict(), gitSays)
		}
		if !tracked[f.Path] && got != ignoredByStatus(f.Path) {
			t.Errorf("%s: envcheck says ignored=%v, git status says %v", f.Path, got, ignoredByStatus(f.Path))
		}
	}
	sort.Strings(checked)
	if len(checked) != 27 {
		t.Errorf("checked %d files, want 27: %v", len(checked), checked)
	}
	// Spot checks of the traps, so a git that changed its mind would be noticed.
	for path, want := range map[string]bool{
		"secrets/.env.example":     true,  // a parent directory excluded: the negation cannot apply
		"deploy/.env.example":      false, // deploy/** does not claim deploy itself
		"deploy/sub/.env.example":  true,
		"a/.env":                   false, // re-included by a/.gitignore
		"a/b/.env":                 true,
		"sub/anchored.env":         false,
		"tab.env":                  false, // a tab is part of the pattern
		"bom/pre.env":              true,  // the BOM is skipped
		"sym/linked.env":           false, // a symlinked .gitignore is not read
		"local.env":                true,
		"global.env":               true,
		"config/.env.prod.example": true,
	} {
		f := projectFile(res.Project, path)
		if f == nil {
			t.Errorf("%s was not checked", path)
			continue
		}
		g, _ := res.Project.gitFile(f)
		if got := g.verdict().ignored(); got != want {
			t.Errorf("%s: ignored=%v, want %v", path, got, want)
		}
	}
	if v := mustGitFile(t, res.Project, "local.env").verdict(); v.shared() {
		t.Errorf("local.env: %+v counted as shared", v)
	}
	if v := mustGitFile(t, res.Project, "global.env").verdict(); v.shared() || !filepath.IsAbs(v.source) {
		t.Errorf("global.env: %+v, want an absolute, unshared source", v)
	}
	if g := mustGitFile(t, res.Project, ".env.forced"); !g.repo.tracked[".env.forced"] || !g.repo.trackedIgnored[".env.forced"] {
		t.Error(".env.forced: want tracked and tracked-although-ignored")
	}
}

func mustGitFile(t *testing.T, p *Project, path string) gitFile {
	t.Helper()
	f := projectFile(p, path)
	if f == nil {
		t.Fatalf("%s not checked", path)
	}
	g, ok := p.gitFile(f)
	if !ok {
		t.Fatalf("%s: no git verdict", path)
	}
	return g
}

// gitFindings returns the findings of the git rules.
func gitFindings(res *Result) []Finding {
	var out []Finding
	for _, f := range res.Findings {
		if isGitRule(f.Rule) {
			out = append(out, f)
		}
	}
	return out
}

func TestGitMissingFromPath(t *testing.T) {
	dir := t.TempDir()
	gitInit(t, dir)
	writeTree(t, dir, map[string]string{".env": "A=1\n", "sub/.env": "A=1\n"}, 0o600)
	empty := t.TempDir()
	res, err := Check(Options{Dir: dir, Recursive: true, History: true, environ: []string{"PATH=" + empty}})
	if err != nil {
		t.Fatal(err)
	}
	got := gitFindings(res)
	if len(got) != 1 {
		t.Fatalf("want one finding, got %d: %v", len(got), got)
	}
	f := got[0]
	if f.Severity != Info || f.Line != 0 || f.Rule != EnvNotGitignored || !strings.HasPrefix(f.Message, "git is not on PATH") {
		t.Errorf("got %s %s line %d: %s", f.Rule.Name, f.Severity, f.Line, f.Message)
	}
	// The rule that reports it is the first enabled git rule.
	res, err = Check(Options{Dir: dir, Disable: []string{"env-not-gitignored"}, environ: []string{"PATH=" + empty}})
	if err != nil {
		t.Fatal(err)
	}
	if got := gitFindings(res); len(got) != 1 || got[0].Rule != EnvIgnoredLocallyOnly {
		t.Errorf("with env-not-gitignored disabled: %v", got)
	}
}

func TestNotAGitWorkTree(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".env": "A=1\n", "a/.env": "A=1\n", "b/.env.example": "A=\n"}, 0o600)
	res, err := Check(Options{Dir: dir, Recursive: true, History: true})
	if err != nil {
		t.Fatal(err)
	}
	got := gitFindings(res)
	if len(got) != 1 || got[0].Severity != Info || got[0].File != "." ||
		got[0].Message != "not inside a git work tree, so the git rules (env-not-gitignored, env-ignored-locally-only, env-tracked, template-gitignored, env-in-history) were skipped; run `git init` if this should be a repository" {
		t.Fatalf("got %v", got)
	}

	// Part inside a repository, part not: the files inside are judged, the rest named once.
	gitInit(t, filepath.Join(dir, "a"))
	res, err = Check(Options{Dir: dir, Recursive: true})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, f := range gitFindings(res) {
		msgs = append(msgs, f.File+": "+f.Message)
	}
	sort.Strings(msgs)
	want := []string{
		".: 2 files are not inside a git work tree (the first: .env), so the git rules (env-not-gitignored, env-ignored-locally-only, env-tracked, template-gitignored, env-in-history) were skipped; run `git init` if this should be a repository",
		"a/.env: git does not ignore this env file (no ignore pattern covers it), so `git add .` would commit its secrets; add `.env` to a/.gitignore",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}

// TestGitHookEnvironment: a git hook exports GIT_DIR and GIT_INDEX_FILE; envcheck asks each
// file's own repository anyway.
func TestGitHookEnvironment(t *testing.T) {
	dir := t.TempDir()
	gitInit(t, dir)
	writeTree(t, dir, map[string]string{".env": "A=1\n", ".gitignore": ".env\n"}, 0o600)
	other := t.TempDir()
	gitInit(t, other)
	res, err := Check(Options{Dir: dir, environ: []string{"GIT_DIR=" + filepath.Join(other, ".git"), "GIT_INDEX_FILE=/nonexistent"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := gitFindings(res); len(got) != 0 {
		t.Errorf("got %v", got)
	}
}

// TestNestedRepositories: a walk that crosses into a nested repository asks each repository
// about its own files.
func TestNestedRepositories(t *testing.T) {
	dir := t.TempDir()
	gitInit(t, dir)
	writeTree(t, dir, map[string]string{".gitignore": "*.env\n", "a.env": "A=1\n", "vendor2/b.env": "A=1\n"}, 0o600)
	gitInit(t, filepath.Join(dir, "vendor2"))
	res, err := Check(Options{Dir: dir, Recursive: true})
	if err != nil {
		t.Fatal(err)
	}
	got := gitFindings(res)
	if len(got) != 1 || got[0].File != "vendor2/b.env" || !strings.Contains(got[0].Message, "add `*.env` to vendor2/.gitignore") {
		t.Fatalf("got %v", got)
	}
	if n := len(res.Project.gitFacts().repos); n != 2 {
		t.Errorf("%d repositories, want 2", n)
	}
}

func TestHistoryScope(t *testing.T) {
	dir := t.TempDir()
	gitInit(t, dir)
	writeTree(t, dir, map[string]string{".env": "A=1\n", "svc/.env": "A=1\n", "node_modules/x/.env": "A=1\n"}, 0o600)
	git(t, dir, nil, "add", "-f", ".")
	git(t, dir, nil, "commit", "-qm", "x")
	count := func(opts Options) []string {
		opts.Dir = dir
		res, err := Check(opts)
		if err != nil {
			t.Fatal(err)
		}
		var files []string
		for _, f := range res.Findings {
			if f.Rule == EnvInHistory {
				files = append(files, f.File)
			}
		}
		return files
	}
	if got := count(Options{}); len(got) != 0 {
		t.Errorf("without --history: %v", got)
	}
	if got := strings.Join(count(Options{History: true}), " "); got != ".env" {
		t.Errorf("top level only: %q", got)
	}
	if got := strings.Join(count(Options{History: true, Recursive: true}), " "); got != ".env svc/.env" {
		t.Errorf("recursive, node_modules skipped: %q", got)
	}
	if got := strings.Join(count(Options{History: true, Recursive: true, Paths: []string{"svc"}}), " "); got != "svc/.env" {
		t.Errorf("a subdirectory: %q", got)
	}
}

func TestPermissionsSkippedOnWindows(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".env": "A=1\n", "b.env": "A=1\n"}, 0o644)
	p, _, err := Load(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var findings []Finding
	var errs []error
	for _, f := range p.Checked() {
		pass := &Pass{Rule: InsecurePermissions, Project: p, File: f, findings: &findings, errs: &errs}
		checkPermissions(pass, "windows")
	}
	if len(findings) != 1 || findings[0].Severity != Info || !strings.Contains(findings[0].Message, "not checked on Windows") {
		t.Fatalf("got %v", findings)
	}
	findings = nil
	for _, f := range p.Checked() {
		pass := &Pass{Rule: InsecurePermissions, Project: p, File: f, findings: &findings, errs: &errs}
		checkPermissions(pass, "linux")
	}
	if len(findings) != 2 {
		t.Fatalf("on linux: got %v", findings)
	}
}

// TestBrokenDotGit: a .git entry git does not accept (an empty directory) is no work tree.
func TestBrokenDotGit(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".env": "A=1\n"}, 0o600)
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	res, err := Check(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := gitFindings(res); len(got) != 1 || !strings.HasPrefix(got[0].Message, "not inside a git work tree") {
		t.Fatalf("got %v", got)
	}
}
