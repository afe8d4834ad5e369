//go:build !unix

package envcheck

import "os"

func openRead(path string) (*os.File, error) { return os.Open(path) }
