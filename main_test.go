package main

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/envcheck/envcheck/internal/fakesecret"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script and the golden files")

// childEnv makes the test binary act as envcheck itself, for tests that run it as another user or
// on a terminal.
const childEnv = "ENVCHECK_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){
		"envcheck": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI end to end: testdata/script/<command>-<case>.txtar. With -update, a
// failing `cmp stdout want` rewrites the expected section.
func TestScripts(t *testing.T) {
	testscript.Run(t, scriptParams("testdata/script"))
}

func scriptParams(dir string) testscript.Params {
	return testscript.Params{
		Dir:                 dir,
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			if err := privateFiles(env.WorkDir); err != nil {
				return err
			}
			home := filepath.Join(env.WorkDir, ".home")
			if err := os.MkdirAll(home, 0o700); err != nil {
				return err
			}
			env.Setenv("HOME", home)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			env.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, ".gitconfig"))
			for _, kv := range [][2]string{{"GIT_AUTHOR_NAME", "Ann"}, {"GIT_AUTHOR_EMAIL", "ann@example.com"},
				{"GIT_COMMITTER_NAME", "Ann"}, {"GIT_COMMITTER_EMAIL", "ann@example.com"},
				{"GIT_AUTHOR_DATE", "2026-01-02T03:04:05Z"}, {"GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z"}} {
				env.Setenv(kv[0], kv[1])
			}
			goCaches(env)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":      cmdExits,
			"mkbig":      cmdMkbig,
			"crlf":       cmdCRLF,
			"mode":       cmdMode,
			"fakesecret": cmdFakesecret,
			"withoutgit": cmdWithoutGit,
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "root":
				return os.Getuid() == 0, nil
			}
			return false, errors.New("unknown condition " + cond)
		},
	}
}

// cmdExits runs a program and checks its exact exit status: exits N prog args…
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// cmdMkbig makes a sparse file of a given size in MiB: mkbig FILE MIB
func cmdMkbig(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mkbig file mib")
	}
	mib, err := strconv.Atoi(args[1])
	ts.Check(err)
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	ts.Check(f.Truncate(int64(mib) << 20))
	ts.Check(f.Close())
}

// cmdFakesecret appends KEY=<a credential-shaped value of KIND> to FILE and puts the value in
// $KEY, so a script can check it never appears in the output: fakesecret FILE KEY KIND
func cmdFakesecret(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: fakesecret file key kind")
	}
	value := fakesecret.Make(args[2])
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	ts.Check(err)
	_, err = f.WriteString(args[1] + "=" + value + "\n")
	ts.Check(err)
	ts.Check(f.Close())
	ts.Setenv(strings.TrimSpace(args[1]), value)
}

// privateFiles gives the files a script's archive unpacked mode 0600, as a careful user's umask
// 077 would: scripts that are not about permissions then do not all report
// insecure-permissions, and the scripts that are set modes with chmod.
func privateFiles(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.Chmod(path, info.Mode().Perm()&^0o077)
	})
}

// cmdWithoutGit takes every directory holding git off $PATH, for the rest of the script.
func cmdWithoutGit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: withoutgit")
	}
	var keep []string
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(dir, "git")); err != nil {
			keep = append(keep, dir)
		}
	}
	ts.Setenv("PATH", strings.Join(keep, string(os.PathListSeparator)))
}
