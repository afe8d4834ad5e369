package envcheck

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Kind says what a file is to envcheck.
type Kind int

// File kinds.
const (
	NotEnv   Kind = iota
	EnvFile       // holds real values: .env, .env.local, prod.env
	Template      // committed, no real values: .env.example, .env.production.sample, example.env
)

func (k Kind) String() string {
	switch k {
	case EnvFile:
		return "env file"
	case Template:
		return "template"
	}
	return "not an env file"
}

// TemplateWords are the suffixes that make an env file name a template, in order of preference.
var TemplateWords = []string{"example", "sample", "template", "dist", "defaults"}

func isTemplateWord(s string) bool {
	for _, w := range TemplateWords {
		if s == w {
			return true
		}
	}
	return false
}

// Classify tells from a base name whether a file is an env file, a template or neither.
func Classify(name string) Kind {
	switch {
	case name == ".envrc", // a shell script for direnv
		strings.HasSuffix(name, ".bak"), strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".orig"), strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".tmp"):
		return NotEnv
	}
	last := name[strings.LastIndexByte(name, '.')+1:]
	switch last {
	case "vault", "enc", "gpg", "age", "asc": // encrypted: .env.vault, secrets.env.enc
		return NotEnv
	case "json", "yaml", "yml", "toml": // structured data, such as the schema file .env.schema.json
		return NotEnv
	}
	switch {
	case name == ".env":
		return EnvFile
	case strings.HasPrefix(name, ".env."):
		if isTemplateWord(last) {
			return Template
		}
		return EnvFile
	case strings.HasSuffix(name, ".env") && len(name) > len(".env"):
		if isTemplateWord(strings.TrimSuffix(name, ".env")) {
			return Template
		}
		return EnvFile
	case strings.Contains(name, ".env.") && isTemplateWord(last) && strings.HasSuffix(name, ".env."+last):
		return Template // prod.env.example
	}
	return NotEnv
}

// skipDirs are never descended into by --recursive: version control and dependency folders.
// Git-ignored folders are not skipped: ignored env files are exactly the ones to check.
var skipDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, ".bzr": true, ".jj": true, "_darcs": true,
	"node_modules": true, "bower_components": true, "vendor": true, ".venv": true,
	"__pycache__": true, ".tox": true, ".terraform": true, ".gradle": true,
}

// skipDir reports whether a recursive walk should not enter dir (named name).
func skipDir(dir, name string) bool {
	if skipDirs[name] {
		return true
	}
	if name == ".env" || name == "venv" || name == "env" { // a Python virtualenv named like an env file
		if _, err := os.Lstat(filepath.Join(dir, "pyvenv.cfg")); err == nil {
			return true
		}
	}
	return false
}

// A candidate is a file discovery found, before it is read.
type candidate struct {
	osPath string
	kind   Kind
	named  bool // named on the command line
	info   fs.FileInfo
}

// walked is what discovery saw besides the files to check: the directories it walked, and the
// Docker build files (Dockerfiles, Containerfiles, compose files) in them, which
// env-in-docker-context needs. Collecting them here saves a second walk of the tree.
type walked struct {
	roots      []string // the directories named on the command line, as given
	buildFiles []string // OS paths, in walk order
	// templates maps each directory the walk listed to the template names in it (excluded ones
	// too), so finding an env file's template needs no stat per candidate name.
	templates map[string]map[string]bool
}

// discover lists the files to check under paths. Errors about individual paths are returned
// alongside the files that could be found.
func discover(paths []string, recursive bool, exclude []string, cwd string, progress *Progress) ([]candidate, walked, []error) {
	var out []candidate
	var w walked
	var errs []error
	seen := map[string]bool{}
	add := func(c candidate) {
		key := filepath.Clean(c.osPath)
		if !seen[key] {
			seen[key] = true
			out = append(out, c)
			progress.found()
		}
	}
	for _, p := range paths {
		info, err := os.Lstat(p)
		if err != nil {
			errs = append(errs, pathError(displayPath(cwd, p), err))
			continue
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				info = st // a symlink named on the command line is followed
			}
		}
		if !info.IsDir() {
			kind := Classify(filepath.Base(p))
			if kind == NotEnv {
				kind = EnvFile // a file named explicitly is always checked
			}
			add(candidate{osPath: p, kind: kind, named: true, info: info})
			continue
		}
		root := p
		w.roots = append(w.roots, root)
		if w.templates == nil {
			w.templates = map[string]map[string]bool{}
		}
		ignored, err := readIgnoreFile(root, cwd)
		if err != nil {
			errs = append(errs, err)
		}
		walkStart := len(errs)
		// Files that are not env files, templates or build files need no look at all (when
		// no pattern could exclude anything, the walk has nothing to decide about them).
		var skip func(string, fs.FileMode) bool
		if len(exclude) == 0 && len(ignored) == 0 {
			skip = func(name string, typ fs.FileMode) bool {
				return !typ.IsDir() && Classify(name) == NotEnv && !isBuildFile(name)
			}
		}
		err = walkDirParallel(root, skip, func(dir, name string, d fs.DirEntry, err error) error {
			isRoot := dir == ""
			if err != nil {
				if isRoot {
					return err
				}
				errs = append(errs, pathError(displayPath(cwd, joinPath(dir, name)), err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() {
				kind := Classify(name)
				if kind == Template {
					if set := w.templates[dir]; set != nil {
						set[name] = true
					}
				}
				// Most files in a tree are none of envcheck's business: decide without building
				// their path (the walk visits every file of a monorepo).
				if kind == NotEnv && len(exclude) == 0 && len(ignored) == 0 {
					if isBuildFile(name) && d.Type().IsRegular() {
						w.buildFiles = append(w.buildFiles, joinPath(dir, name))
					}
					return nil
				}
			}
			fp := joinPath(dir, name)
			if (len(exclude) > 0 && excluded(displayPath(cwd, fp), exclude)) ||
				(!isRoot && len(ignored) > 0 && excluded(displayPath(root, fp), ignored)) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if !isRoot && (!recursive || skipDir(fp, name)) {
					return fs.SkipDir
				}
				w.templates[fp] = map[string]bool{}
				progress.walked()
				return nil
			}
			kind := Classify(name)
			if kind == NotEnv {
				if isBuildFile(name) && d.Type().IsRegular() {
					w.buildFiles = append(w.buildFiles, fp)
				}
				return nil
			}
			info, err := d.Info()
			if err != nil {
				errs = append(errs, pathError(displayPath(cwd, fp), err))
				return nil
			}
			if info.Mode()&fs.ModeSymlink != 0 {
				if st, err := os.Stat(fp); err == nil && st.IsDir() {
					return nil // a symlink to a directory named like an env file: not followed
				}
			}
			add(candidate{osPath: fp, kind: kind, info: info})
			return nil
		})
		if err != nil {
			errs = append(errs, pathError(displayPath(cwd, p), err))
		}
		// The walk reads directories in parallel: put what it found in a fixed order.
		walkErrs := errs[walkStart:]
		sort.SliceStable(walkErrs, func(i, j int) bool { return walkErrs[i].Error() < walkErrs[j].Error() })
	}
	sort.Strings(w.buildFiles)
	sort.SliceStable(out, func(i, j int) bool { return displayPath(cwd, out[i].osPath) < displayPath(cwd, out[j].osPath) })
	return out, w, errs
}

// joinPath is filepath.Join for a clean directory and a name; "" is the root's parent.
func joinPath(dir, name string) string {
	switch {
	case dir == "":
		return name
	case strings.HasSuffix(dir, string(filepath.Separator)):
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}

// A walkFunc is called for every entry of a tree: the directory it is in (already visited;
// "" for the root itself, whose name is then the root path) and its name. It may return
// fs.SkipDir or fs.SkipAll as for filepath.WalkDir.
type walkFunc func(dir, name string, d fs.DirEntry, err error) error

// walkDirParallel walks a tree as filepath.WalkDir does (the same calls, the same error
// handling, SkipDir on a directory, symbolic links not followed) but reads several directories
// at a time on a small pool of goroutines, visits entries in no fixed order (so SkipDir on a
// file skips an arbitrary rest of its directory), and does not build the path of every entry:
// in a monorepo the walk is mostly waiting for the file system, and allocating a path for each
// of tens of thousands of files costs more than deciding they do not matter. fn is never called
// concurrently, and a directory is visited before what it holds.
//
// skip, when not nil, drops entries before fn sees them: it is given an entry's name (valid only
// during the call) and type, and must not keep the name.
func walkDirParallel(root string, skip func(name string, typ fs.FileMode) bool, fn walkFunc) error {
	noSkip := func(err error) error {
		if err == fs.SkipDir || err == fs.SkipAll {
			return nil
		}
		return err
	}
	info, err := os.Lstat(root)
	if err != nil {
		return noSkip(fn("", root, nil, err))
	}
	rootEntry := fs.FileInfoToDirEntry(info)
	if err := fn("", root, rootEntry, nil); err != nil || !rootEntry.IsDir() {
		return noSkip(err)
	}
	type job struct {
		parent, name, path string
		d                  fs.DirEntry
	}
	var (
		qmu      sync.Mutex
		cond     = sync.NewCond(&qmu)
		queue    = []job{{name: root, path: root, d: rootEntry}}
		busy     int
		firstErr error
		fmu      sync.Mutex
	)
	call := func(dir, name string, d fs.DirEntry, err error) error {
		fmu.Lock()
		defer fmu.Unlock()
		return fn(dir, name, d, err)
	}
	fail := func(err error) {
		qmu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		qmu.Unlock()
	}
	process := func(j job) []job {
		entries, err := readDirEntries(j.path, skip)
		if err != nil {
			if r := call(j.parent, j.name, j.d, err); r != nil {
				if r != fs.SkipDir && r != fs.SkipAll {
					fail(r)
				}
				return nil
			}
		}
		var next []job
		for _, e := range entries {
			switch r := call(j.path, e.Name(), e, nil); {
			case r == fs.SkipDir && e.IsDir():
				continue
			case r == fs.SkipDir, r == fs.SkipAll:
				return next
			case r != nil:
				fail(r)
				return next
			}
			if e.IsDir() {
				next = append(next, job{parent: j.path, name: e.Name(), path: joinPath(j.path, e.Name()), d: e})
			}
		}
		return next
	}
	worker := func() {
		for {
			qmu.Lock()
			for len(queue) == 0 && busy > 0 && firstErr == nil {
				cond.Wait()
			}
			if len(queue) == 0 || firstErr != nil {
				qmu.Unlock()
				cond.Broadcast()
				return
			}
			j := queue[len(queue)-1]
			queue = queue[:len(queue)-1]
			busy++
			qmu.Unlock()
			next := process(j)
			qmu.Lock()
			queue = append(queue, next...)
			busy--
			qmu.Unlock()
			cond.Broadcast()
		}
	}
	workers := 2 * runtime.GOMAXPROCS(0)
	if workers > 8 {
		workers = 8
	}
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			worker()
		}()
	}
	wg.Wait()
	return noSkip(firstErr)
}

// IgnoreFile is read at the root of every directory envcheck walks: one path or glob per line,
// relative to that directory, with the meaning of --exclude; '#' starts a comment. Files named on
// the command line are always checked.
const IgnoreFile = ".envcheckignore"

// IgnorePatterns returns the patterns of the IgnoreFile at the root of dir; none when there is
// no such file.
func IgnorePatterns(dir string) ([]string, error) { return readIgnoreFile(dir, dir) }

// Excluded reports whether a '/'-separated path matches one of the patterns as --exclude and
// IgnoreFile patterns match: the whole path, its base name, or any leading directory.
func Excluded(path string, patterns []string) bool { return excluded(path, patterns) }

func readIgnoreFile(root, cwd string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(root, IgnoreFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, pathError(displayPath(cwd, filepath.Join(root, IgnoreFile)), err)
	}
	var patterns []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			patterns = append(patterns, line)
		}
	}
	return patterns, nil
}

// excluded reports whether a display path matches an --exclude pattern: a path or a glob matched
// against the whole path, its base name, or any leading directory.
func excluded(p string, patterns []string) bool {
	for _, pat := range patterns {
		pat = strings.TrimSuffix(filepath.ToSlash(filepath.Clean(pat)), "/")
		if ok, _ := path.Match(pat, path.Base(p)); ok {
			return true
		}
		for prefix := p; prefix != "." && prefix != "/" && prefix != ""; prefix = path.Dir(prefix) {
			if prefix == pat {
				return true
			}
			if ok, _ := path.Match(pat, prefix); ok {
				return true
			}
		}
	}
	return false
}

// displayPath returns p relative to cwd when it lies below it, '/'-separated.
func displayPath(cwd, p string) string {
	abs := p
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(cwd, p)
	}
	if rel, err := filepath.Rel(cwd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(filepath.Clean(abs))
}

// A FileError is a problem with a file that stops envcheck from checking it.
type FileError struct {
	Path string // display path
	Line int    // 0 when it is about the whole file
	Msg  string // what is wrong; how to fix it
	Err  error  // the underlying error, if any
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return e.Path + ":" + strconv.Itoa(e.Line) + ": " + e.Msg
	}
	return e.Path + ": " + e.Msg
}

func (e *FileError) Unwrap() error { return e.Err }

// pathError turns an OS error into a FileError with advice.
func pathError(display string, err error) error {
	var fe *FileError
	if errors.As(err, &fe) {
		return err
	}
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Err.Error()
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		msg = "no such file or directory; check the path"
	case errors.Is(err, fs.ErrPermission):
		msg = "permission denied; make it readable by you (chmod u+r) or leave it out with --exclude"
	case isLoop(err):
		msg = "too many levels of symbolic links (a symlink loop); point the link at a real file or remove it"
	}
	return &FileError{Path: display, Msg: msg, Err: err}
}
