package envcheck

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func writeTree(t *testing.T, dir string, files map[string]string, mode fs.FileMode) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
	}
}

func gitInit(t *testing.T, dir string) {
	t.Helper()
	if out, err := exec.Command("git", "-C", dir, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
}

// plan runs a check in dir and plans its fixes.
func plan(t *testing.T, opts Options) *FixPlan {
	t.Helper()
	res, err := Check(opts)
	if err != nil {
		t.Fatal(err)
	}
	p, err := res.Project.PlanFixes(res.Findings)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func applyAll(t *testing.T, p *FixPlan) {
	t.Helper()
	for _, o := range p.Apply() {
		if o.Err != nil || o.VerifyErr != nil {
			t.Fatalf("%s: %v %v", o.File.Path, o.Err, o.VerifyErr)
		}
	}
}

func TestFixKeepsBytesModeAndLineEndings(t *testing.T) {
	dir := t.TempDir()
	gitInit(t, dir)
	// CRLF, a BOM-free file with comments, odd spacing and a value with blanks inside quotes:
	// only the two broken lines may change.
	crlf := "# Database\r\nDB_HOST=localhost  \r\nDB_PASS=\"a  b\"\r\n\r\n# keep   these   blanks\r\nPORT = 8080\r\nNAME='x'\r\n"
	writeTree(t, dir, map[string]string{".env": crlf, ".gitignore": "node_modules/\r\n"}, 0o640)
	p := plan(t, Options{Dir: dir})
	applyAll(t, p)

	got, err := os.ReadFile(filepath.Join(dir, ".env"))
	if err != nil {
		t.Fatal(err)
	}
	want := "# Database\r\nDB_HOST=localhost\r\nDB_PASS=\"a  b\"\r\n\r\n# keep   these   blanks\r\nPORT=8080\r\nNAME='x'\r\n"
	if string(got) != want {
		t.Errorf(".env after fix:\n got %q\nwant %q", got, want)
	}
	gi, _ := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if string(gi) != "node_modules/\r\n.env\r\n" {
		t.Errorf(".gitignore after fix: %q (CRLF kept, line appended)", gi)
	}
	if info, _ := os.Stat(filepath.Join(dir, ".env")); info.Mode().Perm() != 0o600 {
		t.Errorf(".env mode %04o, want 0600 (0640 less group bits)", info.Mode().Perm())
	}
	if info, _ := os.Stat(filepath.Join(dir, ".gitignore")); info.Mode().Perm() != 0o640 {
		t.Errorf(".gitignore mode %04o, want its own 0640 kept", info.Mode().Perm())
	}
	// Idempotent: a second plan has nothing to do.
	if p2 := plan(t, Options{Dir: dir}); len(p2.Files) != 0 {
		t.Errorf("second fix would change %s", p2.Files[0].Path)
	}
	// No temp file is left behind.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".envcheck-") {
			t.Errorf("temp file left: %s", e.Name())
		}
	}
}

func TestFixNeverWritesThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	gitInit(t, dir)
	writeTree(t, dir, map[string]string{"conf/app.conf": "A=1  \n", ".gitignore": ".env\n"}, 0o644)
	if err := os.Symlink("conf/app.conf", filepath.Join(dir, ".env")); err != nil {
		t.Fatal(err)
	}
	p := plan(t, Options{Dir: dir})
	var skipped bool
	for _, ff := range p.Files {
		if ff.Path == ".env" {
			skipped = errors.Is(ff.Skip, ErrSymlink)
		}
	}
	if !skipped {
		t.Fatalf("the plan does not skip the symlinked .env: %+v", p.Files)
	}
	p.Apply()
	got, _ := os.ReadFile(filepath.Join(dir, "conf/app.conf"))
	if string(got) != "A=1  \n" {
		t.Errorf("the link's target was changed: %q", got)
	}
	if info, _ := os.Stat(filepath.Join(dir, "conf/app.conf")); info.Mode().Perm() != 0o644 {
		t.Errorf("the link's target mode was changed: %04o", info.Mode().Perm())
	}
	if info, _ := os.Lstat(filepath.Join(dir, ".env")); info.Mode()&fs.ModeSymlink == 0 {
		t.Error(".env is no longer a symlink")
	}
}

// TestWriteAtomicFailures makes each step of a write fail and checks that the original is intact
// and no temp file is left.
func TestWriteAtomicFailures(t *testing.T) {
	boom := errors.New("injected failure")
	for name, w := range map[string]fileWriter{
		"create temp": {createTemp: func(string, string) (*os.File, error) { return nil, boom }, rename: os.Rename},
		"write": {createTemp: func(dir, pattern string) (*os.File, error) {
			f, err := os.CreateTemp(dir, pattern)
			if err != nil {
				return nil, err
			}
			f.Close()
			return os.Open(f.Name()) // read-only: Write fails
		}, rename: os.Rename},
		"rename": {createTemp: os.CreateTemp, rename: func(string, string) error { return boom }},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, ".env")
			writeTree(t, dir, map[string]string{".env": "A=1\n"}, 0o640)
			if err := w.writeAtomic(path, []byte("B=2\n"), 0, true); err == nil {
				t.Fatal("the write succeeded")
			}
			got, _ := os.ReadFile(path)
			info, _ := os.Stat(path)
			if string(got) != "A=1\n" || info.Mode().Perm() != 0o640 {
				t.Errorf("original changed: %q %04o", got, info.Mode().Perm())
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("files left behind: %v", entries)
			}
		})
	}
}

func TestWriteAtomicRefusesSymlinkAndKeepsMode(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"target": "A=1\n", "plain": "A=1\n"}, 0o640)
	link := filepath.Join(dir, "link")
	if err := os.Symlink("target", link); err != nil {
		t.Fatal(err)
	}
	if err := osWriter().writeAtomic(link, []byte("B=2\n"), 0, true); !errors.Is(err, ErrSymlink) {
		t.Errorf("writing through a link: %v, want ErrSymlink", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "target")); string(got) != "A=1\n" {
		t.Errorf("target changed: %q", got)
	}
	if err := chmodNoFollow(link, 0o600); !errors.Is(err, ErrSymlink) {
		t.Errorf("chmod through a link: %v, want ErrSymlink", err)
	}
	plain := filepath.Join(dir, "plain")
	if err := osWriter().writeAtomic(plain, []byte("B=2\n"), 0, true); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(plain); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %04o after write, want 0640 kept", info.Mode().Perm())
	}
	created := filepath.Join(dir, "new")
	if err := osWriter().writeAtomic(created, []byte("x\n"), 0o600, false); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(created); info.Mode().Perm() != 0o600 {
		t.Errorf("new file mode %04o, want 0600", info.Mode().Perm())
	}
}

// TestFixDetectsConcurrentEdit: a file changed after it was read is not overwritten.
func TestFixDetectsConcurrentEdit(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".env": "A = 1\n"}, 0o600)
	p := plan(t, Options{Dir: dir, Disable: []string{"env-not-gitignored"}})
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("A = 2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, o := range p.Apply() {
		if o.File.Path == ".env" && o.Err == nil {
			t.Error("a concurrent edit was overwritten")
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, ".env")); string(got) != "A = 2\n" {
		t.Errorf("content %q, want the user's edit", got)
	}
}

func TestLinesToAppend(t *testing.T) {
	for _, c := range []struct {
		old  string
		want []string
		out  []string
	}{
		{"", []string{".env"}, []string{".env"}},
		{".env\n", []string{".env"}, nil},
		{".env  \r\n", []string{".env"}, nil},                 // git ignores trailing blanks
		{".env\n!.env\n", []string{".env"}, []string{".env"}}, // present, but negated after
		{"!.env.example\n", []string{".env.*", "!.env.example"}, []string{".env.*", "!.env.example"}},
		{".env.*\n!.env.example\n", []string{".env.*", "!.env.example"}, nil},
		{"", []string{".env", ".env"}, []string{".env"}},
	} {
		got := linesToAppend([]byte(c.old), c.want)
		if strings.Join(got, "|") != strings.Join(c.out, "|") {
			t.Errorf("linesToAppend(%q, %q) = %q, want %q", c.old, c.want, got, c.out)
		}
	}
	if got := string(appendLines([]byte("a"), []string{"b"})); got != "a\nb\n" {
		t.Errorf("appendLines without final newline: %q", got)
	}
}

func TestUnifiedDiff(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"
	b := "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\nTWELVE"
	want := "--- f.orig\n+++ f\n@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+TWELVE\n\\ No newline at end of file\n"
	if got := UnifiedDiff("f.orig", "f", []byte(a), []byte(b)); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got := UnifiedDiff("f.orig", "f", []byte(a), []byte(a)); got != "" {
		t.Errorf("equal inputs: %q", got)
	}
	if got := UnifiedDiff("f.orig", "f", nil, []byte("x\n")); got != "--- f.orig\n+++ f\n@@ -0,0 +1 @@\n+x\n" {
		t.Errorf("new file: %q", got)
	}
}

// TestFixVerifiesWithGit: the .gitignore repair is checked with git after writing; a change
// that defeats it (here a nested .gitignore that appeared meanwhile) is reported, not hidden.
func TestFixVerifiesWithGit(t *testing.T) {
	dir := t.TempDir()
	gitInit(t, dir)
	writeTree(t, dir, map[string]string{".env": "A=1\n", "sub/.env": "A=1\n", ".env.example": "A=\n", "sub/.env.example": "A=\n"}, 0o600)
	p := plan(t, Options{Dir: dir, Recursive: true})
	writeTree(t, dir, map[string]string{"sub/.gitignore": "!.env\n"}, 0o644)
	var verifyErr error
	for _, o := range p.Apply() {
		if o.Err != nil {
			t.Fatalf("%s: %v", o.File.Path, o.Err)
		}
		if o.File.Path == ".gitignore" {
			verifyErr = o.VerifyErr
		}
	}
	want := "git still does not ignore sub/.env: sub/.gitignore:1 (`!.env`) re-includes it; delete that line"
	if verifyErr == nil || verifyErr.Error() != want {
		t.Errorf("verify error %v, want %q", verifyErr, want)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); string(got) != ".env\n" {
		t.Errorf(".gitignore: %q", got)
	}
}
