package envcheck

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/envcheck/envcheck/internal/suggest"
)

// Options configure a check.
type Options struct {
	Paths          []string  // files and directories; "." when empty
	Recursive      bool      // walk directories
	Exclude        []string  // paths or globs to leave out
	Example        string    // the template every env file is compared with; "" for the nearest one
	Schema         string    // a JSON schema file; "" for .env.schema.json when present
	Env            string    // the environment whose requirements apply; "" for none
	History        bool      // also search git history (env-in-history)
	Enable         []string  // rule names or ids to turn on (including NonDefault rules)
	Disable        []string  // rule names or ids to turn off
	SensitiveWords []string  // key-name words that mark a value secret; DefaultSensitiveWords when nil
	Rules          []*Rule   // the registry; All() when nil
	Dir            string    // the working directory paths are relative to; the process's when ""
	Progress       *Progress // when set, counts the work as it is done, for a progress display

	// environ is added to the environment of the programs a check runs (git): tests use it to
	// give git a HOME of their own, or a PATH without git.
	environ []string
}

// A UsageError is a mistake in how envcheck was called (exit code 2).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// A Project is everything one check looks at: the files, and facts about them computed once
// (git verdicts, the schema, Docker build contexts) for the rules to share.
type Project struct {
	Options Options
	Dir     string  // absolute working directory
	Files   []*File // every file read, checked or not, sorted by path
	Rules   []*Rule // the rules that run

	roots         []string // the directories walked (absolute)
	buildFiles    []string // Dockerfiles and compose files the walk found (absolute)
	pathIndex     map[string]*File
	templateNames map[string][]string // TemplateNames by env file name
	dirs          dirCache

	mu   sync.Mutex
	memo map[any]any
}

// Memo returns the value cached under key, computing it once. Rules use it for facts about the
// whole project, such as one git call for every file; key is a private type of the caller's.
func (p *Project) Memo(key any, compute func() any) any {
	p.mu.Lock()
	if v, ok := p.memo[key]; ok {
		p.mu.Unlock()
		return v
	}
	p.mu.Unlock()
	v := compute()
	p.mu.Lock()
	defer p.mu.Unlock()
	if old, ok := p.memo[key]; ok {
		return old
	}
	if p.memo == nil {
		p.memo = map[any]any{}
	}
	p.memo[key] = v
	return v
}

// Checked returns the files rules run on.
func (p *Project) Checked() []*File {
	var out []*File
	for _, f := range p.Files {
		if f.Checked {
			out = append(out, f)
		}
	}
	return out
}

// Result is the outcome of a check.
type Result struct {
	Project  *Project
	Findings []Finding
	Errors   []error // files that could not be read; each is a *FileError
}

// Files returns the number of files checked.
func (r *Result) Files() int { return len(r.Project.Checked()) }

// CheckedPaths returns the display paths of the files checked.
func (r *Result) CheckedPaths() []string {
	var out []string
	for _, f := range r.Project.Checked() {
		out = append(out, f.Path)
	}
	return out
}

// Check runs the selected rules over the files that opts names. The error is fatal (a usage
// error, an invalid schema); problems with single files are in Result.Errors.
func Check(opts Options) (*Result, error) {
	p, errs, err := Load(opts)
	if err != nil {
		return nil, err
	}
	opts.Progress.setStage(StageChecking)
	findings, runErrs := p.Run()
	return &Result{Project: p, Findings: findings, Errors: append(errs, runErrs...)}, nil
}

// Load discovers and reads the files opts names and selects the rules, without running them.
func Load(opts Options) (*Project, []error, error) {
	if opts.Rules == nil {
		opts.Rules = All()
	}
	rules, err := selectRules(opts.Rules, opts.Enable, opts.Disable)
	if err != nil {
		return nil, nil, err
	}
	dir := opts.Dir
	if dir == "" {
		if dir, err = os.Getwd(); err != nil {
			return nil, nil, err
		}
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return nil, nil, err
	}
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	abs := make([]string, len(paths))
	for i, p := range paths {
		abs[i] = p
		if !filepath.IsAbs(p) {
			abs[i] = filepath.Join(dir, p)
		}
	}
	p := &Project{Options: opts, Dir: dir, Rules: rules}
	p.prefetchGitRoots(abs)
	opts.Progress.setStage(StageWalking)
	cands, w, errs := discover(abs, opts.Recursive, opts.Exclude, dir, opts.Progress)
	opts.Progress.setStage(StageReading)
	p.roots, p.buildFiles = w.roots, w.buildFiles
	p.dirs.templates = w.templates
	p.prefetchGit(cands)
	p.prefetchDocker(cands)
	for _, f := range readFiles(cands, dir) {
		if f.err != nil {
			errs = append(errs, f.err)
			continue
		}
		f.file.Checked = true
		p.Files = append(p.Files, f.file)
	}
	if err := p.attachTemplates(); err != nil {
		return nil, nil, err
	}
	p.attachLayers()
	if err := p.loadSchemas(); err != nil {
		return nil, nil, err
	}
	return p, errs, nil
}

type readResult struct {
	file *File
	err  error
}

// readFiles reads and parses the candidates in parallel, keeping their order.
func readFiles(cands []candidate, dir string) []readResult {
	out := make([]readResult, len(cands))
	workers := runtime.GOMAXPROCS(0)
	if workers > len(cands) {
		workers = len(cands)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(cands) {
					return
				}
				f, err := readFile(cands[i], displayPath(dir, cands[i].osPath))
				out[i] = readResult{file: f, err: err}
			}
		}()
	}
	wg.Wait()
	return out
}

// attachTemplates gives every env file its template (templateFor), after reading the --example
// template when it was not among the files checked.
func (p *Project) attachTemplates() error {
	if p.Options.Example != "" {
		path := p.forcedExamplePath()
		if p.byOSPath(path) == nil {
			info, err := os.Lstat(path)
			if err != nil {
				return &UsageError{Msg: pathError(displayPath(p.Dir, path), err).Error() + " (given with --example)"}
			}
			f, err := readFile(candidate{osPath: path, kind: Template, info: info}, displayPath(p.Dir, path))
			if err != nil {
				return &UsageError{Msg: err.Error() + " (given with --example)"}
			}
			p.Files = append(p.Files, f)
			p.indexFile(f)
		}
	}
	for _, f := range p.Files {
		if f.Kind == EnvFile && f.Checked {
			f.Template = p.templateFor(f)
		}
	}
	sort.SliceStable(p.Files, func(i, j int) bool { return p.Files[i].Path < p.Files[j].Path })
	return nil
}

// templateFor returns the template env file f is compared with: the --example template when
// given, otherwise the best one in f's own directory (read for comparison when it was not checked
// itself), or nil.
func (p *Project) templateFor(f *File) *File {
	if p.Options.Example != "" {
		return p.byOSPath(filepath.Clean(mustAbs(p.forcedExamplePath())))
	}
	return p.nearestTemplate(f)
}

func (p *Project) forcedExamplePath() string {
	if filepath.IsAbs(p.Options.Example) {
		return p.Options.Example
	}
	return filepath.Join(p.Dir, p.Options.Example)
}

// byOSPath finds a file read so far by its absolute path. The index is built on first use and
// kept up to date as templates are added: a lookup per template name per env file must not scan
// every file of a monorepo.
func (p *Project) byOSPath(path string) *File {
	if p.pathIndex == nil {
		p.pathIndex = make(map[string]*File, len(p.Files))
		for _, f := range p.Files {
			p.indexFile(f)
		}
	}
	return p.pathIndex[filepath.Clean(path)]
}

func (p *Project) indexFile(f *File) {
	if p.pathIndex == nil {
		return // built from p.Files on first use
	}
	if _, ok := p.pathIndex[filepath.Clean(mustAbs(f.OSPath))]; !ok {
		p.pathIndex[filepath.Clean(mustAbs(f.OSPath))] = f
	}
}

// TemplateNames returns the template names to try for an env file, best first: for
// .env.production, .env.production.example then .env.example; for prod.env, prod.env.example
// then example.env.
func TemplateNames(envName string) []string {
	var names []string
	seen := map[string]bool{}
	add := func(format string) {
		for _, w := range TemplateWords {
			if name := fmt.Sprintf(format, w); !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
		}
	}
	add(envName + ".%s")
	if strings.HasPrefix(envName, ".env") {
		add(".env.%s")
		add("%s.env")
	} else {
		add("%s.env")
		add(".env.%s")
	}
	return names
}

func (p *Project) nearestTemplate(f *File) *File {
	dir := filepath.Dir(f.OSPath)
	base := filepath.Base(f.OSPath)
	names, ok := p.templateNames[base]
	if !ok {
		names = TemplateNames(base) // many env files share a name: work the names out once
		if p.templateNames == nil {
			p.templateNames = map[string][]string{}
		}
		p.templateNames[base] = names
	}
	for _, name := range names {
		path := filepath.Join(dir, name)
		if t := p.byOSPath(mustAbs(path)); t != nil {
			return t
		}
		if !p.dirs.hasTemplate(dir, name) {
			continue // one directory listing instead of a stat per template name
		}
		info, err := os.Lstat(path)
		if err != nil || info.IsDir() {
			continue
		}
		t, err := readFile(candidate{osPath: path, kind: Template, info: info}, displayPath(p.Dir, path))
		if err != nil {
			continue // the template itself is reported when it is checked
		}
		p.Files = append(p.Files, t)
		p.indexFile(t)
		return t
	}
	return nil
}

func mustAbs(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// selectRules applies --enable and --disable to the registry.
func selectRules(all []*Rule, enable, disable []string) ([]*Rule, error) {
	on := map[*Rule]bool{}
	for _, r := range all {
		on[r] = !r.NonDefault
	}
	for _, list := range []struct {
		names []string
		value bool
		flag  string
	}{{enable, true, "--enable"}, {disable, false, "--disable"}} {
		for _, item := range list.names {
			for _, name := range strings.Split(item, ",") {
				name = strings.TrimSpace(name)
				if name == "" {
					continue
				}
				r, ok := Lookup(all, name)
				if !ok {
					names := make([]string, len(all))
					for i, r := range all {
						names[i] = r.Name
					}
					if near := suggest.Nearest(name, names); near != "" {
						return nil, &UsageError{Msg: fmt.Sprintf("%s %s: no such rule (did you mean %s?)", list.flag, name, near)}
					}
					return nil, &UsageError{Msg: fmt.Sprintf("%s %s: no such rule; `envcheck rules` lists them", list.flag, name)}
				}
				on[r] = list.value
			}
		}
	}
	var out []*Rule
	for _, r := range all {
		if on[r] {
			out = append(out, r)
		}
	}
	return out, nil
}

// Run runs the project's rules and returns the findings: suppressions applied, secrets redacted,
// sorted by path, line, column and rule name, without duplicates. The errors are internal errors
// (a rule that panicked); the findings of every other rule are still returned.
func (p *Project) Run() ([]Finding, []error) {
	var findings []Finding
	var errs []error
	for _, r := range p.Rules {
		pass := &Pass{Rule: r, Project: p, findings: &findings, errs: &errs}
		if r.Scope == PerProject {
			pass.run()
			continue
		}
		for _, f := range p.Files {
			if !f.Checked || (f.Unreadable != "" && r != InvalidEncoding) {
				continue
			}
			pass.File = f // one Pass per rule, not per file: a monorepo has thousands of files
			pass.run()
		}
	}
	findings = p.suppress(findings)
	p.redact(findings)
	SortFindings(findings)
	return dedupe(findings), errs
}

// SortFindings orders findings by path, line, column and rule name.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Column != b.Column:
			return a.Column < b.Column
		}
		return a.Rule.Name < b.Rule.Name
	})
}

func dedupe(fs []Finding) []Finding {
	out := fs[:0]
	for i, f := range fs {
		if i > 0 {
			prev := out[len(out)-1]
			if prev.Rule == f.Rule && prev.File == f.File && prev.Line == f.Line && prev.Column == f.Column && prev.Key == f.Key && prev.Message == f.Message {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// A Pass is one rule running on one file (or, for PerProject rules, on the project).
type Pass struct {
	Rule     *Rule
	Project  *Project
	File     *File // nil for PerProject rules
	findings *[]Finding
	errs     *[]error
}

// An InternalError is a bug in envcheck: a rule panicked.
type InternalError struct {
	Rule  string
	File  string
	Value any
}

func (e *InternalError) Error() string {
	where := "the project"
	if e.File != "" {
		where = e.File
	}
	return fmt.Sprintf("internal error: rule %s failed on %s: %v; please report it at https://github.com/envcheck/envcheck/issues", e.Rule, where, e.Value)
}

func (p *Pass) run() {
	defer func() {
		if r := recover(); r != nil {
			// A bug in one rule must not hide every other finding, nor print a stack trace.
			*p.errs = append(*p.errs, &InternalError{Rule: p.Rule.Name, File: fileOf(p.File), Value: r})
		}
	}()
	p.Rule.Run(p)
}

func fileOf(f *File) string {
	if f == nil {
		return ""
	}
	return f.Path
}

// Report records a finding. File defaults to the pass's file, Severity to the rule's.
func (p *Pass) Report(f Finding) {
	f.Rule = p.Rule
	if f.Severity == 0 {
		f.Severity = p.Rule.Severity
	}
	if f.File == "" && p.File != nil {
		f.File = p.File.Path
	}
	if f.Line == 0 {
		f.Column = 0
	}
	*p.findings = append(*p.findings, f)
}

// Reportf records a finding at a line and column of the pass's file.
func (p *Pass) Reportf(line, col int, key string, fix *Fix, format string, args ...any) {
	p.Report(Finding{Line: line, Column: col, Key: key, Fix: fix, Message: fmt.Sprintf(format, args...)})
}

// IsSensitive reports whether the value of key in file f is a secret: the schema says so, or the
// key name contains a sensitive word.
func (p *Project) IsSensitive(f *File, key string) bool {
	if s := p.SchemaFor(f); s != nil {
		if v := s.Lookup(key); v != nil && v.Sensitive {
			return true
		}
	}
	return SensitiveName(key, p.Options.SensitiveWords)
}
