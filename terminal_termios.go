//go:build aix || darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// hiddenReader turns echo off now and returns a function that reads a line without showing it,
// and one that puts echo back. It is term.ReadPassword split in two, for two reasons: the caller
// prints the prompt only once nothing typed can be echoed any more, and the end of input
// (Ctrl-D) ends the read, where x/term's loop would wait for more.
func hiddenReader(f *os.File) (read func() (string, error), restore func(), err error) {
	fd := int(f.Fd())
	old, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return nil, nil, err
	}
	hidden := *old
	hidden.Lflag &^= unix.ECHO | unix.ECHONL
	hidden.Lflag |= unix.ICANON | unix.ISIG
	hidden.Iflag |= unix.ICRNL
	if err := unix.IoctlSetTermios(fd, ioctlSetTermios, &hidden); err != nil {
		return nil, nil, err
	}
	restore = func() { unix.IoctlSetTermios(fd, ioctlSetTermios, old) }
	return func() (string, error) { return readLineFrom(f) }, restore, nil
}
