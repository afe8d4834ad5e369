package envcheck

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
	"go.yaml.in/yaml/v3"
)

// Docker build contexts. A build sends its context directory to the builder, minus what the
// governing ignore file excludes; `COPY . .` then bakes every file that was sent into the image.
// The builds are: every Dockerfile, Containerfile, *.Dockerfile and Dockerfile.* that the walk
// (or a scan of the directories above the walked ones, up to the top of the repository) finds,
// with its own directory as the context, unless a compose file builds it with another context;
// plus every `build:` of those compose files. Ignore files are read and matched with
// github.com/moby/patternmatcher, which is what BuildKit uses.

// isBuildFile reports whether a file name is a Dockerfile or a compose file.
func isBuildFile(name string) bool { return isDockerfileName(name) || isComposeName(name) }

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

var composeNameRE = regexp.MustCompile(`^(docker-)?compose(\.[A-Za-z0-9_-]+)?\.ya?ml$`)

// isComposeName matches compose.yaml, docker-compose.yml, compose.override.yaml, ….
func isComposeName(name string) bool { return composeNameRE.MatchString(name) }

// A dockerBuild is one build: a Dockerfile and the context sent with it.
type dockerBuild struct {
	dockerfile string // OS path; for a compose build it may not exist
	context    string // OS path of the context directory, symlinks resolved
	via        string // "compose.yaml, service api" when a compose file defines the build
	ignore     string // the ignore file that governs the build; "" when there is none
	matcher    *patternmatcher.PatternMatcher
	patterns   []string
	err        error // the ignore file cannot be read or holds a bad pattern
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
	if pm == nil {
		return false
	}
	parts := strings.Split(rel, "/")
	var info patternmatcher.MatchInfo
	for i := range parts {
		matched, next, err := pm.MatchesUsingParentResults(strings.Join(parts[:i+1], "/"), info)
		if err != nil {
			return false
		}
		if i == len(parts)-1 {
			return matched
		}
		if matched && !pm.Exclusions() {
			return true // an excluded directory with no `!` line is not entered at all
		}
		info = next
	}
	return false
}

// A buildProblem is a compose or ignore file envcheck could not read.
type buildProblem struct {
	where string // display path
	line  int
	msg   string
}

type dockerFacts struct {
	builds   []*dockerBuild
	problems []buildProblem
}

type dockerFactsKey struct{}

func (p *Project) dockerFacts() *dockerFacts {
	return p.Memo(dockerFactsKey{}, func() any { return p.computeDockerFacts() }).(*dockerFacts)
}

func (p *Project) computeDockerFacts() *dockerFacts {
	facts := &dockerFacts{}
	hasEnv := false
	for _, f := range p.Checked() {
		if f.Kind == EnvFile {
			hasEnv = true
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
	for _, dir := range p.buildScanDirs() {
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
			composed[sameKey(b.dockerfile)] = true
			facts.builds = append(facts.builds, b)
		}
	}
	for _, d := range dockerfiles {
		if composed[sameKey(d)] {
			continue
		}
		facts.builds = append(facts.builds, &dockerBuild{dockerfile: d, context: realDir(filepath.Dir(d))})
	}
	for _, b := range facts.builds {
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
func (p *Project) buildScanDirs() []string {
	var starts []string
	for _, root := range p.roots {
		starts = append(starts, filepath.Dir(realDir(root)))
	}
	for _, f := range p.Files {
		if f.Named {
			starts = append(starts, realDir(filepath.Dir(f.OSPath)))
		}
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
			for _, f := range p.Files {
				if f.Named && realDir(filepath.Dir(f.OSPath)) == start {
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
		delete(seen, realDir(root))
	}
	out := dirs[:0]
	for _, d := range dirs {
		if seen[d] {
			out = append(out, d)
		}
	}
	return out
}

func realDir(dir string) string {
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		return r
	}
	return filepath.Clean(dir)
}

// sameKey identifies a path whatever symlinks lead to its directory.
func sameKey(p string) string { return filepath.Join(realDir(filepath.Dir(p)), filepath.Base(p)) }

// composeFile is the part of a compose file envcheck reads: each service's build, a string
// (the context) or a mapping with context, dockerfile and dockerfile_inline. Anchors and merge
// keys (`<<: *build`) are resolved by the YAML decoder.
type composeFile struct {
	Services map[string]struct {
		Build any `yaml:"build"`
	} `yaml:"services"`
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

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
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
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
		b := &dockerBuild{dockerfile: df, context: realDir(ctx), via: display + ", service " + name}
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
	src, err := os.ReadFile(path)
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

// contextRel returns f's path relative to a build context, or false when the context does not
// hold it.
func contextRel(b *dockerBuild, f *File) (string, bool) {
	full := filepath.Join(realDir(filepath.Dir(f.OSPath)), filepath.Base(f.OSPath))
	rel, err := filepath.Rel(b.context, full)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
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
