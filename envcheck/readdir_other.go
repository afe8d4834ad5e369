//go:build !linux

package envcheck

import "io/fs"

// readDirEntries reads a directory's entries, leaving out those skip accepts.
func readDirEntries(path string, skip func(name string, typ fs.FileMode) bool) ([]fs.DirEntry, error) {
	f, err := openRead(path)
	if err != nil {
		return nil, err
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if skip == nil {
		return entries, err
	}
	out := entries[:0]
	for _, e := range entries {
		if !skip(e.Name(), e.Type()) {
			out = append(out, e)
		}
	}
	return out, err
}
