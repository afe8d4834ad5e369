//go:build unix

package envcheck

import (
	"io/fs"
	"os"
	"syscall"
)

// openRead opens a file or directory for reading without registering it with the runtime's
// poller: os.Open makes every descriptor non-blocking and tries epoll on it, two wasted system
// calls for a regular file or a directory, which a walk of a large tree pays thousands of times.
func openRead(path string) (*os.File, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(fd), path), nil
}
