package main

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/envcheck/envcheck/envcheck"
	"github.com/envcheck/envcheck/internal/suggest"
)

func checkCommand(s *streams) *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "find problems in env files and templates (the default command)",
		ArgsUsage: "[PATH...]",
		Description: "Checks the env files (.env, .env.local, prod.env, …) and templates (.env.example, …) in each\n" +
			"PATH (default: the current directory). A directory is checked at its top level; --recursive\n" +
			"walks it, skipping .git, node_modules, vendor and the like but not git-ignored files. A file\n" +
			"named explicitly is always checked.\n\n" +
			"Findings are printed as path:line:col: severity: message [rule]. `envcheck rules RULE`\n" +
			"explains a rule; `# envcheck:ignore RULE reason` above an entry silences it there.\n\n" +
			"Examples:\n" +
			"   envcheck check                         # the current directory\n" +
			"   envcheck check -r --format sarif . > envcheck.sarif\n" +
			"   envcheck check --env production --fail-on error\n\n" +
			"Exit status: 0 when nothing is at or above --fail-on, 1 when something is, 2 for a usage\n" +
			"error, a path that cannot be read, or an invalid schema.",
		Flags:  checkFlags(),
		Action: func(c *cli.Context) error { return runCheck(c, s) },
	}
}

// checkFlags are the flags of check that fix and the other commands that check files share.
func checkFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output `FORMAT`: " + strings.Join(envcheck.Formats, ", ")},
		&cli.StringFlag{Name: "fail-on", Value: "warning", Usage: "exit 1 when a finding has this `SEVERITY` or higher: error, warning, info, or none"},
		&cli.BoolFlag{Name: "recursive", Aliases: []string{"r"}, Usage: "walk directories", DisableDefaultText: true},
		&cli.StringSliceFlag{Name: "exclude", Aliases: []string{"e"}, Usage: "leave out a `PATH` or glob (repeatable)"},
		&cli.StringSliceFlag{Name: "enable", Usage: "turn on a `RULE` by name or id (comma-separated or repeated; also rules that are off by default)"},
		&cli.StringSliceFlag{Name: "disable", Usage: "turn off a `RULE` by name or id (comma-separated or repeated)"},
		&cli.StringFlag{Name: "example", Usage: "compare every env file with this template `FILE` instead of the one beside it"},
		&cli.StringFlag{Name: "schema", Usage: "a JSON schema `FILE` (default: .env.schema.json when present)"},
		&cli.StringFlag{Name: "env", EnvVars: []string{"APP_ENV"}, Usage: "the environment `NAME` whose requirements apply, e.g. production"},
		&cli.BoolFlag{Name: "history", Usage: "also search git history for env files that were ever committed", DisableDefaultText: true},
	}
}

// checkOptions turns the flags into library options.
func checkOptions(c *cli.Context) envcheck.Options {
	return envcheck.Options{
		Paths:     c.Args().Slice(),
		Recursive: c.Bool("recursive"),
		Exclude:   c.StringSlice("exclude"),
		Example:   c.String("example"),
		Schema:    c.String("schema"),
		Env:       c.String("env"),
		History:   c.Bool("history"),
		Enable:    c.StringSlice("enable"),
		Disable:   c.StringSlice("disable"),
	}
}

func parseFailOn(s string) (envcheck.Severity, error) {
	if strings.EqualFold(s, "none") {
		return envcheck.Error + 1, nil
	}
	sev, err := envcheck.ParseSeverity(s)
	if err != nil {
		return 0, &usageError{msg: "--fail-on: " + err.Error() + ", or none", command: "check"}
	}
	return sev, nil
}

func runCheck(c *cli.Context, s *streams) error {
	format := c.String("format")
	if !validFormat(format) {
		return &usageError{msg: fmt.Sprintf("--format %s: unknown format; use one of %s", format, strings.Join(envcheck.Formats, ", ")), command: "check"}
	}
	failOn, err := parseFailOn(c.String("fail-on"))
	if err != nil {
		return err
	}
	opts := checkOptions(c)
	stop := func() {}
	if format == "text" && !flagSet(c, "quiet") && isTerminal(s.stderr) {
		// A long check -r shows what it is doing; never in a pipe, in JSON, or with -q.
		opts.Progress = &envcheck.Progress{}
		stop = startProgress(s.stderr, opts.Progress, s.progressAfter)
	}
	res, err := envcheck.Check(opts)
	stop()
	if err != nil {
		return err
	}
	return reportCheck(c, s, format, failOn, res)
}

// reportCheck prints a check's errors and findings and turns them into the exit code.
func reportCheck(c *cli.Context, s *streams, format string, failOn envcheck.Severity, res *envcheck.Result) error {
	if note := res.Project.EnvNote(); note != "" {
		fmt.Fprintf(s.stderr, "envcheck: note: %s\n", note)
	}
	for _, e := range res.Errors {
		fmt.Fprintf(s.stderr, "envcheck: %s%s\n", e, commandHint(c, e))
	}
	ropts := envcheck.ReportOptions{
		Color:   format == "text" && useColor(c, s, s.stdout),
		Quiet:   flagSet(c, "quiet") || (len(res.Errors) > 0 && res.Files() == 0), // the error says it all
		Rules:   res.Project.Rules,
		Version: version(),
		Errors:  res.Errors,
		Checked: res.CheckedPaths(),
	}
	if err := envcheck.WriteReport(s.stdout, format, res.Findings, res.Files(), ropts); err != nil {
		return err
	}
	return outcome(len(res.Errors) > 0, res.Findings, failOn)
}

// outcome is the exit status check and fix share: 2 when something could not be read or
// written (its message is already out), 1 for findings at or above --fail-on, else 0.
func outcome(failed bool, findings []envcheck.Finding, failOn envcheck.Severity) error {
	switch {
	case failed:
		return silentError{code: exitError}
	case failing(findings, failOn):
		return errFindings
	}
	return nil
}

func validFormat(f string) bool {
	for _, v := range envcheck.Formats {
		if f == v {
			return true
		}
	}
	return false
}

func failing(findings []envcheck.Finding, failOn envcheck.Severity) bool {
	for _, f := range findings {
		if f.Severity >= failOn {
			return true
		}
	}
	return false
}

// commandHint suggests a command when a missing "path" is a command's name mistyped: `envcheck
// chek` runs check on a path called chek, since check is the default command.
func commandHint(c *cli.Context, err error) string {
	var fe *envcheck.FileError
	if !errors.As(err, &fe) || !errors.Is(err, fs.ErrNotExist) || strings.ContainsAny(fe.Path, "/.") {
		return ""
	}
	var names []string
	for _, cmd := range c.App.Commands {
		names = append(names, cmd.Name)
	}
	if near := suggest.Nearest(fe.Path, names); near != "" {
		return fmt.Sprintf(" (or did you mean `envcheck %s`?)", near)
	}
	return ""
}
