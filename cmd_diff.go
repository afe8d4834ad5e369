package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/envcheck/envcheck/envcheck"
)

func diffCommand(s *streams) *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "compare the keys and values of env files",
		ArgsUsage: "FILE FILE...",
		Description: "Compares two or more env files (or the env files in named directories) key by key: which\n" +
			"keys each file lacks, and which values differ. Values of sensitive keys (by the schema, by a\n" +
			"name containing KEY, SECRET, TOKEN, PASSWORD…, or a value that is a URL with a password or a\n" +
			"known credential) are never shown: only (same) or (differs).\n\n" +
			"Exit status: 0 when the files agree, 1 when they differ, 2 when one cannot be read.\n\n" +
			"Examples:\n" +
			"   envcheck diff .env .env.example            # what .env lacks, or has in excess\n" +
			"   envcheck diff .env.staging .env.production\n" +
			"   envcheck diff --format json .env.*",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output `FORMAT`: text or json"},
			&cli.StringFlag{Name: "example", Usage: "the template `FILE` whose schema marks keys sensitive (default: the one beside each file)"},
			&cli.StringFlag{Name: "schema", Usage: "a JSON schema `FILE` (default: .env.schema.json when present)"},
		},
		Action: func(c *cli.Context) error { return runDiff(c, s) },
	}
}

func runDiff(c *cli.Context, s *streams) error {
	format := c.String("format")
	if format != "text" && format != "json" {
		return &usageError{msg: fmt.Sprintf("--format %s: unknown format; use text or json", format), command: "diff"}
	}
	if c.NArg() < 2 && !(c.NArg() == 1 && isDir(c.Args().First())) {
		return &usageError{msg: "diff needs two or more files to compare", command: "diff"}
	}
	res, errs, err := envcheck.Diff(envcheck.Options{
		Paths:   c.Args().Slice(),
		Example: c.String("example"),
		Schema:  c.String("schema"),
	})
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintf(s.stderr, "envcheck: %s\n", e)
		}
		return silentError{code: exitError}
	}
	if err := envcheck.WriteDiff(s.stdout, format, res); err != nil {
		return err
	}
	if res.Differs() {
		return errFindings
	}
	return nil
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}
