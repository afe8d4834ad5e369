package envcheck

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
	"unicode/utf8"

	"github.com/envcheck/envcheck/envcheck/dotenv"
)

// MaxFileSize is the largest env file envcheck reads. Env files are small; anything bigger is
// almost certainly not one, and reading it would only waste memory.
const MaxFileSize = 32 << 20

// A File is an env file or template, read and parsed.
type File struct {
	Path     string      // display path: relative to the working directory, '/'-separated
	OSPath   string      // the path to open
	Kind     Kind        // EnvFile or Template
	Named    bool        // named on the command line rather than found in a directory
	Checked  bool        // rules run on it; false for a template loaded only for comparison
	Info     fs.FileInfo // from Lstat: for a symlink, the link itself
	Target   fs.FileInfo // from Stat: the file the content came from
	Env      *dotenv.File
	Template *File // the template an env file is compared with; nil when there is none

	// Unreadable is set when the content cannot be parsed as text (UTF-16, say); only
	// invalid-encoding runs on such a file and Env holds no entries.
	Unreadable string
}

// IsLink reports whether the path is a symbolic link.
func (f *File) IsLink() bool { return f.Info != nil && f.Info.Mode()&fs.ModeSymlink != 0 }

// readFile reads and parses one candidate. The error is a *FileError that says how to fix it.
func readFile(c candidate, display string) (*File, error) {
	f := &File{Path: display, OSPath: c.osPath, Kind: c.kind, Named: c.named, Info: c.info}
	st, err := c.info, error(nil)
	if st == nil || st.Mode()&fs.ModeSymlink != 0 {
		st, err = os.Stat(c.osPath) // what a link points to (the walk's Lstat describes the link)
	}
	if err != nil {
		if c.info != nil && c.info.Mode()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist) {
			return nil, &FileError{Path: display, Msg: "dangling symbolic link: its target does not exist; fix or remove the link", Err: err}
		}
		return nil, pathError(display, err)
	}
	f.Target = st
	switch {
	case st.IsDir():
		return nil, &FileError{Path: display, Msg: "is a directory, not an env file; name the files inside it, or the directory without a file name"}
	case !st.Mode().IsRegular():
		return nil, &FileError{Path: display, Msg: fmt.Sprintf("is not a regular file (%s); envcheck reads only regular files", fileType(st.Mode()))}
	case st.Size() > MaxFileSize:
		return nil, &FileError{Path: display, Msg: fmt.Sprintf("is %s, larger than the %s limit for env files; is this the right file? Leave it out with --exclude", humanSize(st.Size()), humanSize(MaxFileSize))}
	}
	fh, err := openRead(c.osPath)
	if err != nil {
		return nil, pathError(display, err)
	}
	defer fh.Close()
	src, err := io.ReadAll(io.LimitReader(fh, MaxFileSize+1))
	if err != nil {
		return nil, pathError(display, err)
	}
	if len(src) > MaxFileSize { // it grew after Stat
		return nil, &FileError{Path: display, Msg: fmt.Sprintf("is larger than the %s limit for env files; is this the right file?", humanSize(MaxFileSize))}
	}
	if enc := utf16Encoding(src); enc != "" {
		f.Unreadable = enc
		f.Env, _ = dotenv.Parse(display, nil)
		f.Env.Src = src
		return f, nil
	}
	if i := bytes.IndexByte(head(src), 0); i >= 0 {
		line, col := position(src, i)
		return nil, &FileError{Path: display, Line: line, Msg: fmt.Sprintf("binary file (a NUL byte at column %d); env files are text — check the path, or leave it out with --exclude", col)}
	}
	f.Env, _ = dotenv.Parse(display, src) // syntax errors are reported by the rules
	return f, nil
}

// head is the part of a file inspected for NUL bytes, as git does to tell binary files.
func head(src []byte) []byte {
	if len(src) > 8000 {
		return src[:8000]
	}
	return src
}

func utf16Encoding(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(src, []byte{0, 0, 0xFE, 0xFF}):
		return "UTF-32"
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}), bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		return "UTF-16"
	}
	return ""
}

// position returns the 1-based line and character column of byte offset off.
func position(src []byte, off int) (line, col int) {
	line = 1 + bytes.Count(src[:off], []byte{'\n'})
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return line, utf8.RuneCount(src[start:off]) + 1
}

func fileType(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func isLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }
