package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/envcheck/envcheck/envcheck"
)

func fixCommand(s *streams) *cli.Command {
	var flags []cli.Flag
	for _, f := range checkFlags() {
		if f.Names()[0] != "format" { // fix reports in text: what it did, then what is left
			flags = append(flags, f)
		}
	}
	flags = append(flags, &cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "print what would change as unified diffs (secret values masked) and write nothing", DisableDefaultText: true})
	return &cli.Command{
		Name:      "fix",
		Usage:     "repair what is safe to repair, then check again",
		ArgsUsage: "[PATH...]",
		Description: "Runs the check, then repairs what a tool can repair safely: the fixable syntax and template\n" +
			"findings (whitespace, spaces around '=', quoting, missing keys, …), file modes (chmod 600),\n" +
			"patterns appended to .gitignore (verified with git afterwards) and to the .dockerignore that\n" +
			"governs each Docker build. It never touches what needs a human: a tracked or committed secret\n" +
			"(it prints the commands), a credential in a template.\n\n" +
			"Every write is atomic (a temp file in the same directory, fsync, rename), keeps the file's mode\n" +
			"and every byte it does not change, and never goes through a symbolic link. Running fix twice\n" +
			"changes nothing the second time. --dry-run prints unified diffs and writes nothing.\n\n" +
			"Then it checks again and prints what is left. Exit status: 0 when nothing at or above --fail-on\n" +
			"remains, 1 when something does (with --dry-run: as check would exit now), 2 when a file could\n" +
			"not be read or written.\n\n" +
			"Examples:\n" +
			"   envcheck fix --dry-run        # see the changes first\n" +
			"   envcheck fix -r               # the whole tree",
		Flags:  flags,
		Action: func(c *cli.Context) error { return runFix(c, s) },
	}
}

func runFix(c *cli.Context, s *streams) error {
	failOn, err := parseFailOn(c.String("fail-on"))
	if err != nil {
		var u *usageError
		if errors.As(err, &u) {
			u.command = "fix"
		}
		return err
	}
	opts := checkOptions(c)
	res, err := envcheck.Check(opts)
	if err != nil {
		return err
	}
	for _, e := range res.Errors {
		fmt.Fprintf(s.stderr, "envcheck: %s\n", e)
	}
	plan, err := res.Project.PlanFixes(res.Findings)
	if err != nil {
		return err
	}
	// When nothing could be read, the errors above say it all: no "nothing to fix" after them.
	quiet := flagSet(c, "quiet") || (len(res.Errors) > 0 && res.Files() == 0)
	if c.Bool("dry-run") {
		fmt.Fprint(s.stdout, plan.Diff())
		for _, ff := range plan.Files {
			describe(s.stdout, ff, true)
		}
		if len(plan.Files) == 0 && !quiet {
			fmt.Fprint(s.stdout, "nothing to fix\n\n")
		}
		return outcome(len(res.Errors) > 0, res.Findings, failOn)
	}
	writeErr := false
	for _, o := range plan.Apply() {
		switch {
		case o.Err != nil:
			writeErr = true
			fmt.Fprintf(s.stderr, "envcheck: %s: not written: %s; the file is unchanged\n", o.File.Path, o.Err)
		default:
			describe(s.stdout, o.File, false)
			if o.VerifyErr != nil {
				fmt.Fprintf(s.stdout, "still not fixed: %s\n", o.VerifyErr)
			}
		}
	}
	// Check again: what is left needs a human (or a tool that could not do it).
	after, err := envcheck.Check(opts)
	if err != nil {
		return err
	}
	switch {
	case quiet:
	case len(plan.Files) > 0:
		fmt.Fprintln(s.stdout)
	default:
		fmt.Fprint(s.stdout, "nothing to fix\n\n")
	}
	ropts := envcheck.ReportOptions{Color: useColor(c, s, s.stdout), Quiet: quiet, Rules: after.Project.Rules, Version: version(), Checked: after.CheckedPaths()}
	if err := envcheck.WriteText(s.stdout, after.Findings, after.Files(), ropts); err != nil {
		return err
	}
	return outcome(writeErr || len(after.Errors) > 0, after.Findings, failOn)
}

// describe prints one line per kind of change to a file: what was (or would be) done and for
// which rules.
func describe(w io.Writer, ff *envcheck.FileFix, dry bool) {
	rules := " [" + strings.Join(ff.Rules, ", ") + "]"
	modeRules := " [" + strings.Join(ff.ModeRules, ", ") + "]"
	verb := func(done, would string) string {
		if dry {
			return would
		}
		return done
	}
	if ff.Skip != nil {
		all := " [" + strings.Join(append(append([]string{}, ff.Rules...), ff.ModeRules...), ", ") + "]"
		fmt.Fprintf(w, "%s %s: it %s%s\n", verb("skipped", "would skip"), ff.Path, ff.Skip, all)
		return
	}
	switch {
	case !ff.Exists:
		fmt.Fprintf(w, "%s %s with %s%s\n", verb("created", "would create"), ff.Path, strings.Join(ff.Added, ", "), rules)
	case len(ff.Added) > 0 && ff.ContentChanged():
		fmt.Fprintf(w, "%s %s to %s%s\n", verb("appended", "would append"), strings.Join(ff.Added, ", "), ff.Path, rules)
	case ff.ContentChanged():
		fmt.Fprintf(w, "%s %s%s\n", verb("fixed", "would fix"), ff.Path, rules)
	}
	if ff.ModeChanged() {
		fmt.Fprintf(w, "%s %o %s (was %04o)%s\n", verb("chmod", "would chmod"), ff.Mode, ff.Path, ff.OldMode, modeRules)
	}
}
