//go:build !unix

package envcheck

import (
	"io/fs"
	"os"
)

func keepOwner(*os.File, fs.FileInfo) {}

// chmodNoFollow changes the mode of path unless it is a symbolic link.
func chmodNoFollow(path string, mode fs.FileMode) error {
	info, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return ErrSymlink
	}
	return os.Chmod(path, mode)
}
