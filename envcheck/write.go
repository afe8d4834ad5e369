package envcheck

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Writing follows DESIGN §9: a temp file in the same directory, fsync, rename over the original,
// the original's mode (and owner) kept, never through a symbolic link. A failure at any step
// leaves the original untouched and removes the temp file.

// ErrSymlink is returned for a path that is a symbolic link: envcheck never writes through one.
var ErrSymlink = errors.New("is a symbolic link; envcheck never writes through a link (fix the file it points to)")

// fileWriter holds the file-system operations a write uses, so tests can make each one fail.
type fileWriter struct {
	createTemp func(dir, pattern string) (*os.File, error)
	rename     func(oldpath, newpath string) error
}

func osWriter() fileWriter {
	return fileWriter{createTemp: os.CreateTemp, rename: os.Rename}
}

// WriteFile replaces (or creates) the file at path with data, atomically as DESIGN §9 says: an
// existing file keeps its mode and owner, a new one gets newMode, and a symbolic link is refused
// with ErrSymlink. On any failure the original is untouched.
func WriteFile(path string, data []byte, newMode fs.FileMode) error {
	return osWriter().writeAtomic(path, data, newMode, true)
}

// writeAtomic replaces (or creates) the file at path with data. mode is the permission of a new
// file, or of an existing one when keep is false.
func (w fileWriter) writeAtomic(path string, data []byte, mode fs.FileMode, keep bool) (err error) {
	old, statErr := os.Lstat(path)
	switch {
	case statErr == nil && old.Mode()&fs.ModeSymlink != 0:
		return ErrSymlink
	case statErr == nil && !old.Mode().IsRegular():
		return fmt.Errorf("is not a regular file (%s)", fileType(old.Mode()))
	case statErr == nil && keep:
		mode = old.Mode().Perm()
	case statErr != nil && !errors.Is(statErr, fs.ErrNotExist):
		return statErr
	}
	dir := filepath.Dir(path)
	tmp, err := w.createTemp(dir, "."+filepath.Base(path)+".envcheck-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		return err
	}
	if old != nil {
		keepOwner(tmp, old)
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// Last check before the rename: a link that appeared meanwhile is not replaced either.
	if now, err := os.Lstat(path); err == nil && now.Mode()&fs.ModeSymlink != 0 {
		return ErrSymlink
	}
	if err := w.rename(tmp.Name(), path); err != nil {
		return err
	}
	done = true
	syncDir(dir)
	return nil
}

// syncDir makes a rename durable; filesystems that cannot sync a directory are not an error.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
