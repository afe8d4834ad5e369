//go:build linux

package envcheck

import (
	"io/fs"
	"os"
	"sync"
	"syscall"
	"unsafe"
)

var direntBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// readDirEntries reads a directory's entries with getdents64 and a reused buffer. An entry whose
// name and type skip accepts is dropped before anything is allocated for it; skip sees a name that
// is valid only during the call. In a monorepo most files are none of envcheck's business, and
// allocating an os.DirEntry for each of them is most of the cost of a walk.
func readDirEntries(path string, skip func(name string, typ fs.FileMode) bool) ([]fs.DirEntry, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	bp := direntBufs.Get().(*[]byte)
	defer direntBufs.Put(bp)
	buf := *bp
	var out []fs.DirEntry
	for {
		n, err := syscall.ReadDirent(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return out, &fs.PathError{Op: "readdirent", Path: path, Err: err}
		}
		if n <= 0 {
			return out, nil
		}
		for off := 0; off < n; {
			// struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
			reclen := int(*(*uint16)(unsafe.Pointer(&buf[off+16])))
			if reclen == 0 || off+reclen > n {
				return out, &fs.PathError{Op: "readdirent", Path: path, Err: syscall.EIO}
			}
			ino := *(*uint64)(unsafe.Pointer(&buf[off]))
			dtype := buf[off+18]
			name := buf[off+19 : off+reclen]
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			off += reclen
			if ino == 0 || len(name) == 0 || (len(name) == 1 && name[0] == '.') || (len(name) == 2 && name[0] == '.' && name[1] == '.') {
				continue
			}
			typ, known := direntType(dtype)
			if known && skip != nil && skip(unsafe.String(&name[0], len(name)), typ) {
				continue
			}
			d := &dirent{dir: path, name: string(name), typ: typ}
			if !known { // the file system does not say: ask
				info, err := os.Lstat(joinPath(path, d.name))
				if err != nil {
					continue // gone since the listing
				}
				d.typ = info.Mode().Type()
			}
			out = append(out, d)
		}
	}
}

func direntType(t byte) (fs.FileMode, bool) {
	switch t {
	case syscall.DT_REG:
		return 0, true
	case syscall.DT_DIR:
		return fs.ModeDir, true
	case syscall.DT_LNK:
		return fs.ModeSymlink, true
	case syscall.DT_FIFO:
		return fs.ModeNamedPipe, true
	case syscall.DT_SOCK:
		return fs.ModeSocket, true
	case syscall.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice, true
	case syscall.DT_BLK:
		return fs.ModeDevice, true
	}
	return 0, false
}
