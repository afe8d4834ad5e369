package envcheck

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
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

// discover lists the files to check under paths. Errors about individual paths are returned
// alongside the files that could be found.
func discover(paths []string, recursive bool, exclude []string, cwd string) ([]candidate, []error) {
	var out []candidate
	var errs []error
	seen := map[string]bool{}
	add := func(c candidate) {
		key := filepath.Clean(c.osPath)
		if !seen[key] {
			seen[key] = true
			out = append(out, c)
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
		ignored, err := readIgnoreFile(root, cwd)
		if err != nil {
			errs = append(errs, err)
		}
		err = filepath.WalkDir(root, func(fp string, d fs.DirEntry, err error) error {
			if err != nil {
				if fp == root {
					return err
				}
				errs = append(errs, pathError(displayPath(cwd, fp), err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if excluded(displayPath(cwd, fp), exclude) || (fp != root && excluded(displayPath(root, fp), ignored)) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if fp == root {
					return nil
				}
				if !recursive || skipDir(fp, d.Name()) {
					return fs.SkipDir
				}
				return nil
			}
			kind := Classify(d.Name())
			if kind == NotEnv {
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
	}
	sort.SliceStable(out, func(i, j int) bool { return displayPath(cwd, out[i].osPath) < displayPath(cwd, out[j].osPath) })
	return out, errs
}

// IgnoreFile is read at the root of every directory envcheck walks: one path or glob per line,
// relative to that directory, with the meaning of --exclude; '#' starts a comment. Files named on
// the command line are always checked.
const IgnoreFile = ".envcheckignore"

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
