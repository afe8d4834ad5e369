package envcheck

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
	"go.yaml.in/yaml/v3"

	"github.com/envcheck/envcheck/internal/lazyre"
)

// Docker build contexts. A build sends its context directory to the builder, minus what the
// governing ignore file excludes; `COPY . .` then bakes every file that was sent into the image.
// The builds are: every Dockerfile, Containerfile, *.Dockerfile and Dockerfile.* that the walk
// (or a scan of the directories above the walked ones, up to the top of the repository) finds,
// with its own directory as the context, unless a compose file builds it with another context;
// plus every `build:` of those compose files. Ignore files are read and matched with
// github.com/moby/patternmatcher, which is what BuildKit uses.

// isBuildFile reports whether a file name is a Dockerfile or a compose file. The walk asks it
// about every file in the tree, so the common answer, no, comes without allocating.
func isBuildFile(name string) bool {
	if !containsFold(name, "ockerfile") && !containsFold(name, "ontainerfile") && !strings.Contains(name, "compose") {
		return false
	}
	return isDockerfileName(name) || isComposeName(name)
}

// containsFold reports whether s contains the lower-case ASCII word sub, ignoring case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

func isDockerfileName(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".dockerignore"), strings.HasSuffix(lower, ".containerignore"),
		strings.HasSuffix(lower, ".bak"), strings.HasSuffix(lower, ".orig"), strings.HasSuffix(lower, "~"),
		strings.HasSuffix(lower, ".swp"), strings.HasSuffix(lower, ".md"):
		return false
	case lower == "dockerfile", lower == "containerfile":
		return true
	case strings.HasSuffix(lower, ".dockerfile"), strings.HasSuffix(lower, ".containerfile"): // api.Dockerfile
		return true
	case strings.HasPrefix(lower, "dockerfile."), strings.HasPrefix(lower, "containerfile."): // Dockerfile.prod
		return true
	}
	return false
}

var composeNameRE = lazyre.New(`^(docker-)?compose(\.[A-Za-z0-9_-]+)?\.ya?ml$`)

// isComposeName matches compose.yaml, docker-compose.yml, compose.override.yaml, ….
func isComposeName(name string) bool { return composeNameRE().MatchString(name) }

// A dockerBuild is one build: a Dockerfile and the context sent with it.
type dockerBuild struct {
	dockerfile string // OS path; for a compose build it may not exist
	context    string // OS path of the context directory, symlinks resolved
	via        string // "compose.yaml, service api" when a compose file defines the build
	ignore     string // the ignore file that governs the build; "" when there is none
	matcher    *patternmatcher.PatternMatcher
	patterns   []string
	err        error // the ignore file cannot be read or holds a bad pattern

	dirsMu sync.Mutex
	dirs   map[string]dirMatch // the matcher's verdicts on directories, shared by their files
}

// dirMatch is the matcher's result for a directory of the context, which the files and
// directories below it build on.
type dirMatch struct {
	excluded bool // excluded with no `!` line that could re-include anything: not entered
	info     patternmatcher.MatchInfo
}

// ignoreTarget is the file a repair appends to: the governing ignore file, or a new
// .dockerignore at the root of the context.
func (b *dockerBuild) ignoreTarget() string {
	if b.ignore != "" {
		return b.ignore
	}
	return filepath.Join(b.context, ".dockerignore")
}

// excludes reports whether the build leaves the file at rel (relative to the context,
// '/'-separated) out of the context. BuildKit walks the context from the top and matches each
// path with its parent's results; a later `!` can re-include a file inside an excluded directory.
func excludes(pm *patternmatcher.PatternMatcher, rel string) bool {
	return excludesCached(pm, rel, func(dir string, compute func() dirMatch) dirMatch { return compute() })
}

// excludes is excludes for a build, remembering the verdicts on directories: the files of a
// monorepo share their parents.
func (b *dockerBuild) excludes(rel string) bool {
	return excludesCached(b.matcher, rel, func(dir string, compute func() dirMatch) dirMatch {
		b.dirsMu.Lock()
		m, ok := b.dirs[dir]
		b.dirsMu.Unlock()
		if !ok {
			m = compute()
			b.dirsMu.Lock()
			if b.dirs == nil {
				b.dirs = map[string]dirMatch{}
			}
			b.dirs[dir] = m
			b.dirsMu.Unlock()
		}
		return m
	})
}

func excludesCached(pm *patternmatcher.PatternMatcher, rel string, dirMatchOf func(dir string, compute func() dirMatch) dirMatch) bool {
	if pm == nil {
		return false
	}
	var parent func(dir string) dirMatch
	parent = func(dir string) dirMatch {
		return dirMatchOf(dir, func() dirMatch {
			var info patternmatcher.MatchInfo
			if i := strings.LastIndexByte(dir, '/'); i >= 0 {
				up := parent(dir[:i])
				if up.excluded {
					return up
				}
				info = up.info
			}
			matched, next, err := pm.MatchesUsingParentResults(dir, info)
			if err != nil {
				return dirMatch{info: next}
			}
			// An excluded directory with no `!` line is not entered at all.
			return dirMatch{excluded: matched && !pm.Exclusions(), info: next}
		})
	}
	var info patternmatcher.MatchInfo
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		up := parent(rel[:i])
		if up.excluded {
			return true
		}
		info = up.info
	}
	matched, _, err := pm.MatchesUsingParentResults(rel, info)
	return err == nil && matched
}

// A buildProblem is a compose or ignore file envcheck could not read.
type buildProblem struct {
	where string // display path
	line  int
	msg   string
}

type dockerFacts struct {
	builds    []*dockerBuild
	byContext map[string][]*dockerBuild // by context directory
	problems  []buildProblem
}

// buildsHolding returns the builds whose context holds the file at full (symlinks in its
// directory resolved), with the file's path relative to each context: the contexts are looked
// up by the file's ancestor directories, not matched against every build.
func (d *dockerFacts) buildsHolding(full string) ([]*dockerBuild, []string) {
	var builds []*dockerBuild
	var rels []string
	for dir := filepath.Dir(full); ; {
		for _, b := range d.byContext[dir] {
			rel, err := filepath.Rel(dir, full)
			if err == nil {
				builds = append(builds, b)
				rels = append(rels, filepath.ToSlash(rel))
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return builds, rels
}

type dockerFactsKey struct{}

// dockerFuture computes the Docker facts once; Load starts it when discovery is done, so the
// ignore files are read and compiled while the env files are read.
type dockerFuture struct {
	once  sync.Once
	facts *dockerFacts
}

func (p *Project) dockerFacts() *dockerFacts {
	fut := p.Memo(dockerFactsKey{}, func() any { return &dockerFuture{} }).(*dockerFuture)
	fut.once.Do(func() {
		var files []*File
		for _, f := range p.Files {
			if f.Checked {
				files = append(files, f)
			}
		}
		fut.facts = p.computeDockerFacts(files)
	})
	return fut.facts
}

// prefetchDocker starts working out the builds, when env-in-docker-context will run.
func (p *Project) prefetchDocker(cands []candidate) {
	on := false
	for _, r := range p.Rules {
		on = on || r == EnvInDockerContext
	}
	if !on {
		return
	}
	files := make([]*File, len(cands))
	for i, c := range cands {
		files[i] = &File{OSPath: c.osPath, Kind: c.kind, Named: c.named, Checked: true}
	}
	fut := p.Memo(dockerFactsKey{}, func() any { return &dockerFuture{} }).(*dockerFuture)
	go fut.once.Do(func() { fut.facts = p.computeDockerFacts(files) })
}

// computeDockerFacts works out the builds whose contexts may hold files.
func (p *Project) computeDockerFacts(files []*File) *dockerFacts {
	facts := &dockerFacts{}
	hasEnv := false
	var named []string
	for _, f := range files {
		hasEnv = hasEnv || f.Kind == EnvFile
		if f.Named {
			named = append(named, f.OSPath)
		}
	}
	if !hasEnv {
		return facts
	}
	var dockerfiles, composes []string
	seen := map[string]bool{}
	add := func(fp string) {
		fp = filepath.Clean(fp)
		if seen[fp] {
			return
		}
		seen[fp] = true
		if isComposeName(filepath.Base(fp)) {
			composes = append(composes, fp)
		} else {
			dockerfiles = append(dockerfiles, fp)
		}
	}
	for _, fp := range p.buildFiles {
		add(fp)
	}
	for _, dir := range p.buildScanDirs(named) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.Type().IsRegular() && isBuildFile(e.Name()) {
				add(filepath.Join(dir, e.Name()))
			}
		}
	}
	sort.Strings(dockerfiles)
	sort.Strings(composes)
	composed := map[string]bool{} // Dockerfiles some compose file builds
	for _, c := range composes {
		builds, problem := p.composeBuilds(c)
		if problem != nil {
			facts.problems = append(facts.problems, *problem)
		}
		for _, b := range builds {
			composed[p.dirs.realPath(b.dockerfile)] = true
			facts.builds = append(facts.builds, b)
		}
	}
	for _, d := range dockerfiles {
		if composed[p.dirs.realPath(d)] {
			continue
		}
		facts.builds = append(facts.builds, &dockerBuild{dockerfile: d, context: p.dirs.realDir(filepath.Dir(d))})
	}
	facts.byContext = map[string][]*dockerBuild{}
	for _, b := range facts.builds {
		facts.byContext[b.context] = append(facts.byContext[b.context], b)
		p.resolveIgnore(b)
		if b.err != nil {
			facts.problems = append(facts.problems, buildProblem{where: p.displayOutside(b.ignore), msg: b.err.Error()})
		}
	}
	return facts
}

// buildScanDirs are the directories above the walked ones, up to the top of the repository,
// whose Dockerfiles may build a context that holds the checked files; and the directories of
// files named on the command line. Outside a repository only the walked directories count.
func (p *Project) buildScanDirs(named []string) []string {
	var starts []string
	for _, root := range p.roots {
		starts = append(starts, filepath.Dir(p.dirs.realDir(root)))
	}
	for _, n := range named {
		starts = append(starts, p.dirs.realDir(filepath.Dir(n)))
	}
	seen := map[string]bool{}
	var dirs []string
	for _, start := range starts {
		var chain []string
		top := ""
		for d := start; ; {
			chain = append(chain, d)
			if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
				top = d
				break
			}
			parent := filepath.Dir(d)
			if parent == d {
				break
			}
			d = parent
		}
		if top == "" {
			// Not in a repository: only a named file's own directory.
			chain = nil
			for _, n := range named {
				if p.dirs.realDir(filepath.Dir(n)) == start {
					chain = []string{start}
				}
			}
		}
		for _, d := range chain {
			if !seen[d] {
				seen[d] = true
				dirs = append(dirs, d)
			}
		}
	}
	// A walked directory's own files were seen by the walk.
	for _, root := range p.roots {
		delete(seen, p.dirs.realDir(root))
	}
	out := dirs[:0]
	for _, d := range dirs {
		if seen[d] {
			out = append(out, d)
		}
	}
	return out
}

// composeFile is the part of a compose file envcheck reads: each service's build, a string
// (the context) or a mapping with context, dockerfile and dockerfile_inline. Anchors and merge
// keys (`<<: *build`) are resolved by the YAML decoder.
type composeFile struct {
	Services map[string]struct {
		Build any `yaml:"build"`
	} `yaml:"services"`
}

var yamlLineRE = lazyre.New(`line (\d+)`)

// composeBuilds reads the builds a compose file defines. Contexts that are URLs (a git
// repository) or use ${VARIABLES} are left out: envcheck cannot know what they hold.
func (p *Project) composeBuilds(path string) ([]*dockerBuild, *buildProblem) {
	display := p.displayOutside(path)
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, &buildProblem{where: display, msg: "cannot read this compose file (" + errText(err) + "); its builds were not checked for env files"}
	}
	var cf composeFile
	if err := yaml.Unmarshal(src, &cf); err != nil {
		line := 0
		if m := yamlLineRE().FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		return nil, &buildProblem{where: display, line: line, msg: "not valid YAML (" + msg + "); its builds were not checked for env files"}
	}
	names := make([]string, 0, len(cf.Services))
	for name := range cf.Services {
		names = append(names, name)
	}
	sort.Strings(names)
	dir := filepath.Dir(path)
	var builds []*dockerBuild
	for _, name := range names {
		var context, dockerfile string
		inline := false
		switch b := cf.Services[name].Build.(type) {
		case nil:
			continue
		case string:
			context = b
		case map[string]any:
			context, _ = b["context"].(string)
			dockerfile, _ = b["dockerfile"].(string)
			_, inline = b["dockerfile_inline"]
		default:
			continue
		}
		if context == "" {
			context = "."
		}
		if strings.Contains(context, "://") || strings.HasPrefix(context, "git@") || strings.Contains(context+dockerfile, "$") {
			continue
		}
		ctx := context
		if !filepath.IsAbs(ctx) {
			ctx = filepath.Join(dir, filepath.FromSlash(ctx))
		}
		if dockerfile == "" {
			dockerfile = "Dockerfile"
		}
		df := dockerfile
		if !filepath.IsAbs(df) {
			df = filepath.Join(ctx, filepath.FromSlash(df))
		}
		b := &dockerBuild{dockerfile: df, context: p.dirs.realDir(ctx), via: display + ", service " + name}
		if inline {
			b.dockerfile = ""
		}
		builds = append(builds, b)
	}
	return builds, nil
}

// resolveIgnore finds the ignore file of a build: `<Dockerfile>.dockerignore` beside the
// Dockerfile replaces the context's own (BuildKit); for a Containerfile, podman and buildah read
// .containerignore before .dockerignore.
func (p *Project) resolveIgnore(b *dockerBuild) {
	var candidates []string
	if b.dockerfile != "" {
		candidates = append(candidates, b.dockerfile+".dockerignore")
		if strings.Contains(strings.ToLower(filepath.Base(b.dockerfile)), "containerfile") {
			candidates = append(candidates, filepath.Join(b.context, ".containerignore"))
		}
	}
	candidates = append(candidates, filepath.Join(b.context, ".dockerignore"))
	for _, c := range candidates {
		info, err := os.Lstat(c)
		if err != nil {
			continue
		}
		b.ignore = c
		if info.IsDir() {
			b.err = errors.New("is a directory, not an ignore file; env-in-docker-context skipped this build")
			return
		}
		b.patterns, b.matcher, b.err = readDockerignore(c)
		return
	}
}

// readDockerignore reads an ignore file the way BuildKit does.
func readDockerignore(path string) ([]string, *patternmatcher.PatternMatcher, error) {
	src, err := readAll(path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read it (%s); env-in-docker-context skipped its build", errText(err))
	}
	patterns, err := ignorefile.ReadAll(bytes.NewReader(src))
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read it (%s); env-in-docker-context skipped its build", err)
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		return nil, nil, fmt.Errorf("holds a pattern docker rejects (%s); fix it, or docker build fails too", err)
	}
	return patterns, pm, nil
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// dockerPatterns returns the lines that exclude an env file from every build context that holds
// it: `**/.env`, `**/.env.*` or `**/*.env` (a bare `.env` matches only at the top of the context),
// with `!` lines that keep the project's templates in, and a context-relative path for a file
// with another name.
func (p *Project) dockerPatterns(f *File, rel string) []string {
	base := filepath.Base(f.OSPath)
	var lines []string
	var keep func(string) bool
	switch {
	case base == ".env":
		return []string{"**/.env"}
	case strings.HasPrefix(base, ".env.") && Classify(base) == EnvFile:
		lines = []string{"**/.env.*"}
		keep = func(t string) bool { return strings.HasPrefix(t, ".env.") }
	case strings.HasSuffix(base, ".env") && Classify(base) == EnvFile:
		lines = []string{"**/*.env"}
		keep = func(t string) bool { return strings.HasSuffix(t, ".env") }
	default:
		return []string{"/" + escapeDockerPattern(rel)}
	}
	var negs []string
	for _, t := range p.Files {
		if b := filepath.Base(t.OSPath); t.Kind == Template && keep(b) && !contains(negs, "!**/"+escapeDockerPattern(b)) {
			negs = append(negs, "!**/"+escapeDockerPattern(b))
		}
	}
	sort.Strings(negs)
	return append(lines, negs...)
}

func escapeDockerPattern(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if strings.HasPrefix(out, "!") || strings.HasPrefix(out, "#") {
		out = `\` + out
	}
	return out
}

// dockerChange is the repair for one env file in one build.
func (p *Project) dockerChange(b *dockerBuild, f *File, rel string) FileChange {
	target := b.ignoreTarget()
	display := p.displayOutside(target)
	return FileChange{Path: target, Append: p.dockerPatterns(f, rel), Verify: func() error {
		_, pm, err := readDockerignore(target)
		if err != nil {
			return fmt.Errorf("%s %s", display, err)
		}
		if !excludes(pm, rel) {
			return fmt.Errorf("%s still lets %s into the build context; a later `!` line may re-include it", display, rel)
		}
		return nil
	}}
}

// patternTrap explains why an existing ignore file misses a file in a subdirectory when it
// holds the classic mistake: a pattern such as `.env` or `*.env`, which matches only at the top
// of the context (unlike .gitignore).
func patternTrap(b *dockerBuild, rel string) string {
	if !strings.Contains(rel, "/") {
		return ""
	}
	base := path.Base(rel)
	for _, pat := range b.patterns {
		if strings.HasPrefix(pat, "!") || strings.Contains(pat, "/") {
			continue
		}
		if pm, err := patternmatcher.New([]string{pat}); err == nil && excludes(pm, base) {
			return fmt.Sprintf("; its `%s` matches only at the top of the context, unlike in .gitignore", pat)
		}
	}
	return ""
}
