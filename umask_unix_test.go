//go:build unix

package main

import "syscall"

// strictUmask makes the files the scripts write 0600, as a careful user's umask 077 would:
// scripts that are not about permissions then do not all report insecure-permissions, and the
// scripts that are set modes with chmod.
func strictUmask() { syscall.Umask(0o077) }
