package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/envcheck/envcheck/envcheck"
)

// hookMarker identifies envcheck's pre-commit hook: a hook file holding it is envcheck's to
// replace or remove; any other hook is someone else's.
const hookMarker = "# envcheck pre-commit hook, written by `envcheck hook install`"

// hookBackupSuffix names where `hook install --force` keeps the hook it replaces.
const hookBackupSuffix = ".envcheck-backup"

func hookCommand(s *streams) *cli.Command {
	dirArg := "[DIR]"
	return &cli.Command{
		Name:  "hook",
		Usage: "install or remove the git pre-commit hook that keeps env files and real keys out of commits",
		Description: "`envcheck hook install` writes a git pre-commit hook (where git looks for hooks: .git/hooks, or\n" +
			"core.hooksPath) that blocks a commit staging an env file (.env, .env.local, prod.env, …, even\n" +
			"one added with git add -f) or a template (.env.example, …) holding a real-looking credential,\n" +
			"and lets every other commit through. It refuses to replace another hook unless --force is given;\n" +
			"then the other hook is kept as pre-commit" + hookBackupSuffix + " and still runs after envcheck's\n" +
			"check. `envcheck hook uninstall` removes envcheck's hook only (restoring the one it replaced).\n" +
			"`envcheck hook run` is what the hook runs: it checks what is staged now.\n\n" +
			"Staged files that the .envcheckignore at the top of the repository lists are let through: put\n" +
			"an env file that is meant to be committed, such as a test fixture, there.\n\n" +
			"Examples:\n" +
			"   envcheck hook install\n" +
			"   envcheck hook install --force      # keep and chain the hook that is there\n" +
			"   envcheck hook uninstall",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return &usageError{msg: fmt.Sprintf("hook %s: unknown subcommand; use install, uninstall or run", c.Args().First()), command: "hook"}
			}
			return &usageError{msg: "hook needs a subcommand: install, uninstall or run", command: "hook"}
		},
		Subcommands: []*cli.Command{
			{
				Name:      "install",
				Usage:     "write the pre-commit hook",
				ArgsUsage: dirArg,
				Description: "Writes the pre-commit hook of the repository that holds DIR (default: the current directory).\n" +
					"It runs the envcheck binary that installed it, or envcheck on PATH when that is gone.",
				Flags: []cli.Flag{
					&cli.BoolFlag{Name: "force", Usage: "replace another pre-commit hook, keeping it as pre-commit" + hookBackupSuffix + " and running it after envcheck's check", DisableDefaultText: true},
				},
				Action: func(c *cli.Context) error { return runHookInstall(c, s) },
			},
			{
				Name:        "uninstall",
				Usage:       "remove envcheck's pre-commit hook (and restore the one it replaced)",
				ArgsUsage:   dirArg,
				Description: "Removes the pre-commit hook of the repository that holds DIR when it is envcheck's; another hook is left alone.",
				Action:      func(c *cli.Context) error { return runHookUninstall(c, s) },
			},
			{
				Name:      "run",
				Usage:     "check the staged files, as the pre-commit hook does",
				ArgsUsage: dirArg,
				Description: "Fails (exit 1) when the index of the repository that holds DIR stages an env file, or a\n" +
					"template whose staged content holds a real-looking credential; prints nothing otherwise.",
				Action: func(c *cli.Context) error { return runHookRun(c, s) },
			},
		},
	}
}

// hookDir returns the directory argument of a hook subcommand.
func hookDir(c *cli.Context) (string, error) {
	switch c.NArg() {
	case 0:
		return ".", nil
	case 1:
		dir := c.Args().First()
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return "", fmt.Errorf("%s: no such directory; check the path", dir)
		}
		return dir, nil
	}
	return "", &usageError{msg: fmt.Sprintf("hook %s takes one directory, not %d arguments", c.Command.Name, c.NArg()), command: "hook " + c.Command.Name}
}

// gitOutput runs git in dir with the process's environment: inside a hook, GIT_INDEX_FILE and
// friends point at what is being committed, which is what the hook must see.
func gitOutput(dir string, args ...string) ([]byte, error) {
	exe, err := exec.LookPath("git")
	if err != nil {
		return nil, errors.New("git is not on PATH; install git")
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if strings.Contains(msg, "not a git repository") {
			return nil, fmt.Errorf("%s is not in a git repository; run git init first", dir)
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), strings.TrimPrefix(msg, "fatal: "))
	}
	return out, nil
}

// hookPath is the pre-commit hook of the repository holding dir, where git runs it from:
// `git rev-parse --git-path hooks` honours core.hooksPath and linked work trees.
func hookPath(dir string) (string, error) {
	out, err := gitOutput(dir, "rev-parse", "--git-path", "hooks")
	if err != nil {
		return "", err
	}
	hooks := strings.TrimRight(string(out), "\r\n")
	if !filepath.IsAbs(hooks) {
		hooks = filepath.Join(dir, hooks)
	}
	return filepath.Join(hooks, "pre-commit"), nil
}

// hookBinary is the envcheck the hook runs: this binary, by the name PATH knows it by when that
// is the same file (an upgrade that replaces a versioned file behind a link then still works);
// "" when this is a temporary `go run` build, which the hook would not find again.
func hookBinary() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if exe, err = filepath.Abs(exe); err != nil {
		return ""
	}
	exe = filepath.ToSlash(exe) // the hook is a sh script, on Windows too (Git for Windows runs it with its sh)
	if strings.Contains(exe, "/go-build") {
		return ""
	}
	if lp, err := exec.LookPath("envcheck"); err == nil {
		a, errA := os.Stat(lp)
		b, errB := os.Stat(exe)
		if abs, err := filepath.Abs(lp); err == nil && errA == nil && errB == nil && os.SameFile(a, b) {
			return filepath.ToSlash(abs)
		}
	}
	return exe
}

// hookScript is the hook file: it runs `envcheck hook run`, then the hook it replaced, if any.
func hookScript(exe string) []byte {
	var b strings.Builder
	b.WriteString("#!/bin/sh\n" + hookMarker + " (`envcheck hook uninstall` removes it).\n")
	b.WriteString("# It blocks a commit that stages an env file (.env, .env.local, prod.env, …) or a template\n")
	b.WriteString("# (.env.example, …) holding a real-looking credential; `git commit --no-verify` skips it once.\n")
	if exe != "" {
		fmt.Fprintf(&b, "#\n# It runs the envcheck that installed it, %s, or else envcheck on PATH.\n", exe)
	} else {
		b.WriteString("#\n# It runs envcheck on PATH (it was installed by a temporary `go run` build).\n")
	}
	fmt.Fprintf(&b, "envcheck=%s\n", shellQuote(exe))
	b.WriteString(`[ -x "$envcheck" ] || envcheck=$(command -v envcheck) || {
	echo "envcheck pre-commit hook: envcheck is not installed, so the commit is blocked; install it (go install github.com/envcheck/envcheck@latest), or remove this hook ($0)" >&2
	exit 1
}
"$envcheck" hook run || exit $?

# The hook that was here before envcheck's, kept by envcheck hook install --force, still runs.
if [ -x "$0` + hookBackupSuffix + `" ]; then
	exec "$0` + hookBackupSuffix + `" "$@"
fi
`)
	return []byte(b.String())
}

// hookState reads the hook at p: absent, envcheck's (with its content), or someone else's.
func hookState(p string) (exists, ours bool, content []byte, err error) {
	info, err := os.Lstat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, false, nil, nil
	case err != nil:
		return false, false, nil, err
	case !info.Mode().IsRegular(): // a link (husky, pre-commit), a directory: never envcheck's
		return true, false, nil, nil
	}
	content, err = os.ReadFile(p)
	if err != nil {
		return true, false, nil, err
	}
	return true, bytes.Contains(content, []byte(hookMarker)), content, nil
}

// locateHook returns the path of the pre-commit hook of the repository the command runs in,
// where git looks for it (core.hooksPath included).
func locateHook(c *cli.Context) (string, error) {
	dir, err := hookDir(c)
	if err != nil {
		return "", err
	}
	return hookPath(dir)
}

func runHookInstall(c *cli.Context, s *streams) error {
	hook, err := locateHook(c)
	if err != nil {
		return err
	}
	show := displayFrom(hook)
	backup := hook + hookBackupSuffix
	exe := hookBinary()
	script := hookScript(exe)
	exists, ours, content, err := hookState(hook)
	if err != nil {
		return fmt.Errorf("%s: %w", show, err)
	}
	movedAside := false
	switch {
	case ours && bytes.Equal(content, script):
		fmt.Fprintf(s.stdout, "the envcheck pre-commit hook is already installed at %s\n", show)
		return nil
	case exists && !ours && !c.Bool("force"):
		hint := ""
		if bytes.Contains(content, []byte("pre-commit.com")) {
			hint = "; or, since the pre-commit framework manages it, add the envcheck hook to .pre-commit-config.yaml (repo: https://github.com/envcheck/envcheck)"
		}
		return fmt.Errorf("%s is another pre-commit hook, which envcheck leaves alone; run envcheck hook install --force to keep it as %s and run it after envcheck's check%s", show, filepath.Base(backup), hint)
	case exists && !ours:
		if _, err := os.Lstat(backup); err == nil {
			return fmt.Errorf("%s already exists (from an earlier install --force); move it away first, so that no hook is lost", displayFrom(backup))
		}
		if err := os.Rename(hook, backup); err != nil {
			return fmt.Errorf("%s: cannot move it aside: %w", show, err)
		}
		movedAside = true
	}
	if err := os.MkdirAll(filepath.Dir(hook), 0o755); err != nil {
		return err
	}
	err = envcheck.WriteFile(hook, script, 0o755)
	if err == nil {
		err = os.Chmod(hook, 0o755) // an old copy may have lost its execute bits
	}
	if err != nil {
		if movedAside {
			os.Rename(backup, hook)
		}
		return fmt.Errorf("%s: not written: %w", show, err)
	}
	if movedAside {
		fmt.Fprintf(s.stdout, "moved the existing hook to %s; it still runs, after envcheck's check\n", displayFrom(backup))
	}
	verb := "installed"
	if ours {
		verb = "updated"
	}
	runs := "envcheck on PATH (this envcheck is a temporary go run build)"
	if exe != "" {
		runs = exe + " (or envcheck on PATH when that is gone)"
	}
	fmt.Fprintf(s.stdout, "%s the pre-commit hook at %s: it blocks commits that stage an env file or a template holding a credential; it runs %s\n", verb, show, runs)
	return nil
}

func runHookUninstall(c *cli.Context, s *streams) error {
	hook, err := locateHook(c)
	if err != nil {
		return err
	}
	show, backup := displayFrom(hook), hook+hookBackupSuffix
	exists, ours, _, err := hookState(hook)
	switch {
	case err != nil:
		return fmt.Errorf("%s: %w", show, err)
	case !exists:
		fmt.Fprintf(s.stdout, "there is no pre-commit hook at %s; nothing to remove\n", show)
		return nil
	case !ours:
		return fmt.Errorf("%s is not envcheck's hook; left alone", show)
	}
	if err := os.Remove(hook); err != nil {
		return fmt.Errorf("%s: %w", show, err)
	}
	fmt.Fprintf(s.stdout, "removed the envcheck pre-commit hook from %s\n", show)
	if _, err := os.Lstat(backup); err == nil {
		if err := os.Rename(backup, hook); err != nil {
			return fmt.Errorf("%s: cannot put it back: %w", displayFrom(backup), err)
		}
		fmt.Fprintf(s.stdout, "restored the hook it had replaced (%s)\n", filepath.Base(backup))
	}
	return nil
}

// displayFrom shows a path relative to the working directory when it is below it.
func displayFrom(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return abs
}

// A stagedFile is a path the index adds or changes.
type stagedFile struct {
	path   string // '/'-separated, relative to the top of the work tree
	mode   string // 100644, 100755, 120000 (a link), 160000 (a submodule)
	blob   string
	status byte // A added, M modified, T type changed, C copied, R renamed
}

// stagedFiles lists what a commit would add or change, from `git diff --cached --raw -z`.
func stagedFiles(top string) ([]stagedFile, error) {
	out, err := gitOutput(top, "diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames", "--diff-filter=ACMRT")
	if err != nil {
		return nil, err
	}
	var files []stagedFile
	fields := bytes.Split(out, []byte{0})
	for i := 0; i+1 < len(fields); i += 2 {
		meta := strings.Fields(strings.TrimPrefix(string(fields[i]), ":"))
		if len(meta) < 5 {
			return nil, fmt.Errorf("git diff --cached --raw: cannot read %q", fields[i])
		}
		files = append(files, stagedFile{path: string(fields[i+1]), mode: meta[1], blob: meta[3], status: meta[4][0]})
	}
	return files, nil
}

func runHookRun(c *cli.Context, s *streams) error {
	dir, err := hookDir(c)
	if err != nil {
		return err
	}
	out, err := gitOutput(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return err
	}
	top := strings.TrimRight(string(out), "\r\n")
	staged, err := stagedFiles(top)
	if err != nil {
		return err
	}
	ignore, err := envcheck.IgnorePatterns(top)
	if err != nil {
		return err
	}
	var problems []string
	var templates []stagedFile
	for _, f := range staged {
		if envcheck.Excluded(f.path, ignore) {
			continue
		}
		switch envcheck.Classify(path.Base(f.path)) {
		case envcheck.EnvFile:
			unstage := "`git rm --cached -- " + shellQuote(f.path) + "` (your copy stays)"
			ignore := ", then make git ignore it: envcheck fix"
			if _, err := gitOutput(top, "check-ignore", "-q", "--no-index", "--", f.path); err == nil {
				ignore = "; .gitignore already keeps it out of `git add .`"
			}
			if f.status == 'A' {
				problems = append(problems, fmt.Sprintf("%s: an env file is staged, so its values would be committed; unstage it with %s%s", f.path, unstage, ignore))
			} else {
				problems = append(problems, fmt.Sprintf("%s: a change to an env file that git already tracks is staged: its values are in the repository's history already, so rotate the keys it holds; stop tracking it with %s%s", f.path, unstage, ignore))
			}
		case envcheck.Template:
			if f.mode == "100644" || f.mode == "100755" {
				templates = append(templates, f)
			}
		}
	}
	found, err := stagedSecrets(top, templates)
	if err != nil {
		return err
	}
	problems = append(problems, found...)
	if len(problems) == 0 {
		return nil
	}
	for _, p := range problems {
		fmt.Fprintf(s.stderr, "envcheck: %s\n", p)
	}
	fmt.Fprintf(s.stderr, "envcheck: the commit is blocked (envcheck's pre-commit hook); fix the above, then commit again. An env file meant to be committed, such as a test fixture, belongs in .envcheckignore\n")
	return silentError{code: exitFindings}
}

// stagedSecrets runs secret-in-template on the staged content of templates: what the commit
// would hold, which `git add -p` or a later edit can make differ from the work tree.
func stagedSecrets(top string, templates []stagedFile) ([]string, error) {
	var problems []string
	var b bytes.Buffer
	for _, f := range templates {
		data, err := gitOutput(top, "cat-file", "blob", f.blob)
		if err != nil {
			return nil, err
		}
		findings, err := envcheck.TemplateSecrets(f.path, data)
		if err != nil {
			problems = append(problems, err.Error()+" (its staged content could not be checked)")
			continue
		}
		for _, fd := range findings {
			b.Reset()
			envcheck.WriteText(&b, []envcheck.Finding{fd}, 1, envcheck.ReportOptions{Quiet: true})
			problems = append(problems, strings.TrimRight(b.String(), "\n"))
		}
	}
	return problems, nil
}
