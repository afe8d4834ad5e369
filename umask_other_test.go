//go:build !unix

package main

func strictUmask() {}
