package envcheck

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
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
	err = walkDirParallel(root, nil, func(dir, name string, d fs.DirEntry, err error) error {
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
	if err := walkDirParallel(filepath.Join(root, "missing"), nil, func(dir, name string, d fs.DirEntry, err error) error { return err }); err == nil {
		t.Error("a missing root: no error")
	}
}

// TestReadDirEntries: the fast directory reader agrees with os.ReadDir on names and types, and
// skip drops entries before they are returned.
func TestReadDirEntries(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "x", ".env": "x", "sub/f": "x"}, 0o600)
	if err := os.Symlink("a.txt", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3000; i++ { // more than one buffer of entries
		writeTree(t, dir, map[string]string{"many/f" + strconv.Itoa(i): ""}, 0o600)
	}
	for _, d := range []string{dir, filepath.Join(dir, "many")} {
		want, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readDirEntries(d, nil)
		if err != nil {
			t.Fatal(err)
		}
		sort.Slice(got, func(i, j int) bool { return got[i].Name() < got[j].Name() })
		if len(got) != len(want) {
			t.Fatalf("%s: %d entries, want %d", d, len(got), len(want))
		}
		for i := range want {
			if got[i].Name() != want[i].Name() || got[i].Type() != want[i].Type() || got[i].IsDir() != want[i].IsDir() {
				t.Errorf("entry %d: got %s %v, want %s %v", i, got[i].Name(), got[i].Type(), want[i].Name(), want[i].Type())
			}
		}
	}
	got, err := readDirEntries(dir, func(name string, typ fs.FileMode) bool { return typ.IsRegular() && name != ".env" })
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range got {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if !reflect.DeepEqual(names, []string{".env", "link", "many", "sub"}) {
		t.Errorf("with skip: %v", names)
	}
	if info, err := got[0].Info(); err != nil || info.Name() == "" {
		t.Errorf("Info: %v %v", info, err)
	}
}
