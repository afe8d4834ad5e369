//go:build !(aix || darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris)

package main

import (
	"os"

	"golang.org/x/term"
)

// hiddenReader reads a line without showing it, with term.ReadPassword, which turns echo off
// and back on itself.
func hiddenReader(f *os.File) (read func() (string, error), restore func(), err error) {
	return func() (string, error) {
		b, err := term.ReadPassword(int(f.Fd()))
		return string(b), err
	}, func() {}, nil
}
