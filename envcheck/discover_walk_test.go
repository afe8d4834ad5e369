package envcheck

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// TestWalkDirParallelMatchesWalkDir: the parallel walk makes the same calls as
// filepath.WalkDir, honours SkipDir for directories, and does not follow symlinks.
func TestWalkDirParallelMatchesWalkDir(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"a/b/c/f1", "a/b/f2", "a/skip/f3", "d/f4", "d/e/f5", "top", "z/deep/f6"} {
		writeTree(t, root, map[string]string{p: "x"}, 0o600)
	}
	if err := os.Symlink("a", filepath.Join(root, "link-to-dir")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("top", filepath.Join(root, "link-to-file")); err != nil {
		t.Fatal(err)
	}
	decide := func(path string, d fs.DirEntry) error {
		switch {
		case d.IsDir() && d.Name() == "skip":
			return fs.SkipDir
		}
		return nil
	}
	var want []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		want = append(want, path)
		return decide(path, d)
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = walkDirParallel(root, func(dir, name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		path := joinPath(dir, name)
		got = append(got, path)
		return decide(path, d)
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(want)
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parallel walk visited\n%v\nWalkDir visited\n%v", got, want)
	}
	// A missing root is an error, as for WalkDir.
	if err := walkDirParallel(filepath.Join(root, "missing"), func(dir, name string, d fs.DirEntry, err error) error { return err }); err == nil {
		t.Error("a missing root: no error")
	}
}
