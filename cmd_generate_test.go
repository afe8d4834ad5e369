package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// goCacheDirs are the go command's build and module caches, which scripts that run go reuse:
// with the scripts' own HOME they would start cold and compile the standard library again.
var goCacheDirs = sync.OnceValue(func() []string {
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE").Output()
	if err != nil {
		return nil
	}
	return strings.Fields(string(out))
})

func goCaches(env *testscript.Env) {
	if dirs := goCacheDirs(); len(dirs) == 2 {
		env.Setenv("GOCACHE", dirs[0])
		env.Setenv("GOMODCACHE", dirs[1])
	}
}

// cmdCRLF rewrites a file with CRLF line ends: crlf FILE
func cmdCRLF(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: crlf file")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")), 0o644))
}

// cmdMode checks a file's permission bits: mode 0640 FILE
func cmdMode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mode perm file")
	}
	want, err := strconv.ParseUint(args[0], 8, 32)
	ts.Check(err)
	st, err := os.Stat(ts.MkAbs(args[1]))
	ts.Check(err)
	if got := st.Mode().Perm(); uint64(got) != want {
		ts.Fatalf("%s has mode %#o, want %#o", args[1], got, want)
	}
}

// TestUnifiedDiff compares unifiedDiff with diff -u on edits of every shape.
func TestUnifiedDiff(t *testing.T) {
	if _, err := exec.LookPath("diff"); err != nil {
		t.Skip("no diff command to compare with")
	}
	var lines []string
	for i := 1; i <= 40; i++ {
		lines = append(lines, fmt.Sprintf("line %d", i))
	}
	base := strings.Join(lines, "\n") + "\n"
	edit := func(f func([]string) []string) string {
		l := f(append([]string(nil), lines...))
		return strings.Join(l, "\n") + "\n"
	}
	cases := map[string]string{
		"change in the middle": edit(func(l []string) []string { l[19] = "changed"; return l }),
		"two close changes":    edit(func(l []string) []string { l[10] = "a"; l[16] = "b"; return l }),
		"two far changes":      edit(func(l []string) []string { l[3] = "a"; l[30] = "b"; return l }),
		"insert at the start":  edit(func(l []string) []string { return append([]string{"new"}, l...) }),
		"delete at the end":    edit(func(l []string) []string { return l[:38] }),
		"append":               edit(func(l []string) []string { return append(l, "x", "y") }),
		"no newline at end":    strings.TrimSuffix(base, "\n"),
		"replace all":          "other\n",
		"empty":                "",
		"exactly six apart":    edit(func(l []string) []string { l[10] = "a"; l[17] = "b"; return l }),
		"seven apart":          edit(func(l []string) []string { l[10] = "a"; l[18] = "b"; return l }),
	}
	dir := t.TempDir()
	for name, changed := range cases {
		a, b := dir+"/a", dir+"/b"
		if err := os.WriteFile(a, []byte(base), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(b, []byte(changed), 0o644); err != nil {
			t.Fatal(err)
		}
		out, _ := exec.Command("diff", "-u", "--label", "x.orig", "--label", "x", a, b).Output()
		if got := unifiedDiff("x.orig", "x", base, changed); got != string(out) {
			t.Errorf("%s:\n%s\ndiff -u says:\n%s", name, got, out)
		}
	}
}

// TestBenchLoaderIsCurrent keeps the benchmark module's generated loader what envcheck generates
// from its schema; -update rewrites it.
func TestBenchLoaderIsCurrent(t *testing.T) {
	args := []string{"envcheck", "generate", "--example", "bench/loader/.env.example", "--out", "bench/loader/config_gen.go"}
	if !*update {
		args = append(args, "--check")
	}
	var stdout, stderr bytes.Buffer
	if code := run(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("bench/loader/config_gen.go is stale (go test -run TestBenchLoaderIsCurrent -update . rewrites it):\n%s%s", stdout.String(), stderr.String())
	}
}

// TestGenerateCanary: generate prints no secret in any of its outputs: its errors, the diff of
// --check (old or new default), and the generated file holds a template's example value never.
func TestGenerateCanary(t *testing.T) {
	canary := "sk-ant-api03-CANARY" + strings.Repeat("7f", 12)
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(dir+"/"+name, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	gen := func(code int, args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		args = append([]string{"envcheck", "generate", "--out", dir + "/config_gen.go", "--package", "config"}, args...)
		if got := run(args, strings.NewReader(""), &stdout, &stderr); got != code {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args[1:], got, code, stdout.String(), stderr.String())
		}
		out := stdout.String() + stderr.String()
		if strings.Contains(out, "CANARY") {
			t.Errorf("%v shows the canary:\n%s", args[1:], out)
		}
		return out
	}
	example := "--example=" + dir + "/.env.example"
	write(".env.example", "# @sensitive @default="+canary+"-old\nREDIS_PASSWORD=\n\nANTHROPIC_API_KEY="+canary+"-example\n")
	gen(0, example)
	code, err := os.ReadFile(dir + "/config_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(code), canary+"-old") || strings.Contains(string(code), canary+"-example") {
		t.Errorf("the generated file should hold the default as a literal and never the example")
	}
	write(".env.example", "# @sensitive @default="+canary+"-new\nREDIS_PASSWORD=\n\nANTHROPIC_API_KEY="+canary+"-example\n")
	if out := gen(1, example, "--check"); !strings.Contains(out, `-		c.RedisPassword = NewSecret("sk-ant-api03-…(`) {
		t.Errorf("the diff does not show the masked default:\n%s", out)
	}
	for _, bad := range []string{
		"# @sensitive @type=int @default=" + canary + "\nA=\n",
		"# @sensitive @validate=\"startswith=x\" @default=" + canary + "\nA=\n",
		"# @sensitive @type=url @default=" + canary + "\nA=\n",
	} {
		write(".env.example", bad)
		gen(2, example)
	}
}
