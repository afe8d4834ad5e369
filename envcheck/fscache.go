package envcheck

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// A dirCache remembers what the file system said about directories during one check, so that a
// monorepo's hundreds of env files cost one system call per directory rather than one per
// question: where a directory really is (symlinks resolved), which names it holds, whether it
// has a .git entry.
type dirCache struct {
	mu        sync.Mutex
	real      map[string]string
	names     map[string]map[string]bool
	templates map[string]map[string]bool // from the walk: the template names in each listed directory
	dotGit    map[string]bool
}

func (c *dirCache) init() {
	if c.real == nil {
		c.real, c.names, c.dotGit = map[string]string{}, map[string]map[string]bool{}, map[string]bool{}
	}
}

// realDir returns dir with every symlink resolved, resolving each directory once: a directory
// that is not a link is its real parent joined with its name.
func (c *dirCache) realDir(dir string) string {
	if !filepath.IsAbs(dir) {
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
	}
	dir = filepath.Clean(dir)
	c.mu.Lock()
	c.init()
	r, ok := c.real[dir]
	c.mu.Unlock()
	if ok {
		return r
	}
	parent := filepath.Dir(dir)
	switch {
	case parent == dir:
		r = dir
	default:
		r = filepath.Join(c.realDir(parent), filepath.Base(dir))
		if info, err := os.Lstat(r); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			if e, err := filepath.EvalSymlinks(r); err == nil {
				r = e
			}
		}
	}
	c.mu.Lock()
	c.real[dir] = r
	c.mu.Unlock()
	return r
}

// realPath returns a file's path with the symlinks in its directory resolved (the file itself
// may be a link).
func (c *dirCache) realPath(p string) string {
	return filepath.Join(c.realDir(filepath.Dir(p)), filepath.Base(p))
}

// hasTemplate reports whether dir holds an entry called name, a template name: from the walk's
// listing when the walk listed dir, otherwise by reading the directory once.
func (c *dirCache) hasTemplate(dir, name string) bool {
	dir = filepath.Clean(dir)
	c.mu.Lock()
	c.init()
	set, ok := c.templates[dir]
	if !ok {
		set, ok = c.names[dir]
	}
	c.mu.Unlock()
	if !ok {
		set = map[string]bool{}
		if d, err := openRead(dir); err == nil {
			names, _ := d.Readdirnames(-1)
			d.Close()
			for _, n := range names {
				set[n] = true
			}
		}
		c.mu.Lock()
		c.names[dir] = set
		c.mu.Unlock()
	}
	return set[name]
}

// hasDotGit reports whether dir has a .git entry (a directory, or a file for a worktree or a
// submodule).
func (c *dirCache) hasDotGit(dir string) bool {
	c.mu.Lock()
	c.init()
	v, ok := c.dotGit[dir]
	c.mu.Unlock()
	if ok {
		return v
	}
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	v = err == nil
	c.mu.Lock()
	c.dotGit[dir] = v
	c.mu.Unlock()
	return v
}

// readAll reads a whole file.
func readAll(path string) ([]byte, error) {
	f, err := openRead(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// A dirent is a directory entry read without os.ReadDir.
type dirent struct {
	dir, name string
	typ       fs.FileMode
}

func (d *dirent) Name() string               { return d.name }
func (d *dirent) IsDir() bool                { return d.typ.IsDir() }
func (d *dirent) Type() fs.FileMode          { return d.typ }
func (d *dirent) Info() (fs.FileInfo, error) { return os.Lstat(joinPath(d.dir, d.name)) }
func (d *dirent) String() string             { return fs.FormatDirEntry(d) }
