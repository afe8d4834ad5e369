//go:build unix

package envcheck

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the new file the original's owner and group, which only root can do for
// another user's file; otherwise the temp file already has the caller's.
func keepOwner(tmp *os.File, old fs.FileInfo) {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	if int(st.Uid) != os.Getuid() || int(st.Gid) != os.Getgid() {
		tmp.Chown(int(st.Uid), int(st.Gid)) // best effort: the content and mode matter most
	}
}

// chmodNoFollow changes the mode of path without following a symbolic link: the file is opened
// with O_NOFOLLOW and changed through its descriptor.
func chmodNoFollow(path string, mode fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		if isLoop(err) {
			return ErrSymlink
		}
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fs.ErrInvalid
	}
	return f.Chmod(mode)
}
