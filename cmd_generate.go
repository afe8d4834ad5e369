package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/envcheck/envcheck/envcheck"
	"github.com/envcheck/envcheck/internal/lazyre"
	"github.com/envcheck/envcheck/schema"
)

func generateCommand(s *streams) *cli.Command {
	return &cli.Command{
		Name:  "generate",
		Usage: "write a typed Go config loader from the schema",
		Description: "Writes a Go file with a Config struct (a field per key of the schema, typed, documented),\n" +
			"Load, LoadFrom and MustLoad, an error that lists every missing and invalid key at once and never\n" +
			"a value, and a Secret type that redacts itself everywhere. The file needs the standard library\n" +
			"only (validator/v10 only for @validate tags with no plain-Go equivalent) and Go 1.21 or later.\n" +
			"It parses values exactly as `envcheck check` does.\n\n" +
			"The schema is the template's decorators (--example, default .env.example) merged with the JSON\n" +
			"schema file (--schema, default .env.schema.json), whichever exist. --check writes nothing: it\n" +
			"prints the diff and exits 1 when the file is stale, for CI.\n\n" +
			"Exit status: 0 written or current, 1 stale (--check), 2 an invalid schema or a usage error.\n\n" +
			"Examples:\n" +
			"   //go:generate go run github.com/envcheck/envcheck@latest generate --example ../../.env.example --out config_gen.go\n" +
			"   envcheck generate --out internal/config/config_gen.go --package config\n" +
			"   envcheck generate --out internal/config/config_gen.go --package config --check",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "example", Usage: "the annotated template `FILE` to read the schema from (default: .env.example when present)"},
			&cli.StringFlag{Name: "schema", Usage: "a JSON schema `FILE` (default: .env.schema.json when present)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "the Go `FILE` to write (required)"},
			&cli.StringFlag{Name: "package", Aliases: []string{"p"}, EnvVars: []string{"GOPACKAGE"}, Usage: "the `NAME` of the package (default: $GOPACKAGE, which go generate sets, else the package of the Go files beside the output)"},
			&cli.StringFlag{Name: "type", Value: "Config", Usage: "the `NAME` of the struct"},
			&cli.StringFlag{Name: "env-key", Usage: "the `KEY` whose value names the environment, for @required=<env> (default: APP_ENV, ENVIRONMENT, ENV or GO_ENV)"},
			&cli.BoolFlag{Name: "check", Usage: "write nothing; print the diff and exit 1 when the file is not what the schema generates", DisableDefaultText: true},
		},
		Action: func(c *cli.Context) error { return runGenerate(c, s) },
	}
}

// runGenerate reports every problem at once, in the order a reader fixes them: the schema's
// (file:line), then those the schema has for Go (file:line), then the command line's. Nothing is
// written unless there are none.
func runGenerate(c *cli.Context, s *streams) error {
	if c.NArg() > 0 {
		return &usageError{msg: fmt.Sprintf("generate takes no arguments, only flags (got %q)", c.Args().First()), command: "generate"}
	}
	var usage []string
	example, jsonPath := c.String("example"), c.String("schema")
	if example == "" && jsonPath == "" {
		example, jsonPath = existing(".env.example"), existing(".env.schema.json")
		if example == "" && jsonPath == "" {
			usage = append(usage, "no schema: there is no .env.example or .env.schema.json here; name one with --example or --schema")
		}
	}
	out := c.String("out")
	if out == "" {
		usage = append(usage, "--out is required: the Go file to write, such as config_gen.go")
	}
	pkg := c.String("package")
	if pkg == "" && out != "" {
		if pkg = packageOf(filepath.Dir(out), out); pkg == "" {
			usage = append(usage, fmt.Sprintf("--package is required: %s has no Go files to take it from, and $GOPACKAGE (which go generate sets) is unset", filepath.Dir(out)))
		}
	}
	if pkg != "" && (!token.IsIdentifier(pkg) || pkg == "_") {
		usage = append(usage, fmt.Sprintf("--package %q is not a Go package name", pkg))
	}
	typ := c.String("type")
	if !token.IsIdentifier(typ) || !token.IsExported(typ) {
		usage = append(usage, fmt.Sprintf("--type %q is not an exported Go identifier", typ))
	}

	var problems schema.ErrorList
	var code []byte
	if example != "" || jsonPath != "" {
		sch, err := schema.Load(example, jsonPath)
		if err != nil && !errors.As(err, &problems) {
			return err
		}
		// A schema with errors still goes through Generate, for the problems it has as Go, unless
		// none of its keys parsed.
		if sch != nil && (err == nil || len(sch.Vars) > 0) {
			code, err = schema.Generate(sch, schema.GenerateOptions{
				Package:       pkg,
				Type:          typ,
				EnvKey:        c.String("env-key"),
				Sources:       sourcesFrom(out, example, jsonPath),
				SensitiveName: func(key string) bool { return envcheck.SensitiveName(key, nil) },
			})
			var list schema.ErrorList
			switch {
			case errors.As(err, &list):
				optionsChecked := len(usage) > 0 // and said in the command line's words
				for _, e := range list {
					switch {
					case e.File != "":
						problems = append(problems, e)
					case !optionsChecked:
						usage = append(usage, e.Msg)
					}
				}
			case err != nil:
				return err
			}
		}
	}
	if len(problems) > 0 || len(usage) > 0 {
		for _, e := range problems {
			fmt.Fprintf(s.stderr, "envcheck: %s\n", e)
		}
		for _, u := range usage {
			fmt.Fprintf(s.stderr, "envcheck: %s; see envcheck generate --help\n", u)
		}
		return silentError{code: exitError}
	}
	if c.Bool("check") {
		return checkGenerated(s, out, code, regenerateCommand(c))
	}
	return writeGenerated(out, code)
}

// packageOf is the package of the Go files in dir: the file first, then the others (tests
// aside), or "" when there are none.
func packageOf(dir, first string) string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	sort.Strings(files)
	files = append([]string{first}, files...)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if file, err := parser.ParseFile(token.NewFileSet(), f, src, parser.PackageClauseOnly); err == nil {
			return file.Name.Name
		}
	}
	return ""
}

// existing returns path when it names a file, else "".
func existing(path string) string {
	if st, err := os.Stat(path); err == nil && !st.IsDir() {
		return path
	}
	return ""
}

// sourcesFrom names the schema files as seen from the generated file's directory, so the header
// is the same whichever directory envcheck ran in.
func sourcesFrom(out string, paths ...string) []string {
	dir, err := filepath.Abs(filepath.Dir(out))
	var names []string
	for _, p := range paths {
		if p == "" {
			continue
		}
		name := p
		if abs, aerr := filepath.Abs(p); err == nil && aerr == nil {
			if rel, rerr := filepath.Rel(dir, abs); rerr == nil {
				name = rel
			}
		}
		names = append(names, filepath.ToSlash(name))
	}
	return names
}

// regenerateCommand is the command line that rewrites the file: this one without --check.
func regenerateCommand(c *cli.Context) string {
	args := []string{"envcheck", "generate"}
	for _, name := range []string{"example", "schema", "out", "package", "type", "env-key"} {
		if c.IsSet(name) || (name == "package" && c.String(name) != "") {
			if name == "type" && c.String(name) == "Config" {
				continue
			}
			args = append(args, "--"+name, shellQuote(c.String(name)))
		}
	}
	return strings.Join(args, " ")
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// secretLiteral is a secret's default in generated code: the first argument of NewSecret or
// envcheckSecretList, a Go string literal.
var secretLiteral = lazyre.New(`\b(NewSecret|envcheckSecretList)\(("(?:[^"\\]|\\.)*")`)

// maskSecrets replaces the secret defaults in generated code, old or new, with their shape, so a
// diff never shows one.
func maskSecrets(code string) string {
	return secretLiteral().ReplaceAllStringFunc(code, func(m string) string {
		sub := secretLiteral().FindStringSubmatch(m)
		value, err := strconv.Unquote(sub[2])
		if err != nil {
			value = sub[2]
		}
		return sub[1] + "(" + strconv.Quote(envcheck.Mask(value))
	})
}

// checkGenerated compares the file on disk with code: nil when they are the same (line endings
// aside, since git may check a file out with CRLF), else it prints the diff and returns
// errFindings.
func checkGenerated(s *streams, out string, code []byte, regenerate string) error {
	disk, err := os.ReadFile(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(s.stderr, "envcheck: %s does not exist; run `%s` to write it\n", out, regenerate)
		return errFindings
	case err != nil:
		return fmt.Errorf("%s: cannot read it: %w", out, unwrapPath(err))
	}
	if bytes.Equal(bytes.ReplaceAll(disk, []byte("\r\n"), []byte("\n")), code) {
		return nil
	}
	diff := unifiedDiff(filepath.ToSlash(out)+".orig", filepath.ToSlash(out), string(disk), string(code))
	fmt.Fprint(s.stdout, maskSecrets(diff))
	fmt.Fprintf(s.stderr, "envcheck: %s is stale: it differs from what the schema generates; run `%s` (or go generate) to update it\n", out, regenerate)
	return errFindings
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// writeGenerated writes code to path unless it already holds it (so go generate leaves the file
// and its modification time alone when nothing changed), with envcheck.WriteFile: atomic, the
// old mode kept, never through a symbolic link.
func writeGenerated(path string, code []byte) error {
	if st, err := os.Lstat(path); err == nil && st.Mode().IsRegular() {
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, code) {
			return nil
		}
	} else if err == nil && st.Mode()&fs.ModeSymlink == 0 {
		return fmt.Errorf("%s is not a regular file; give the path of a Go file as --out", path)
	}
	err := envcheck.WriteFile(path, code, 0o644)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, envcheck.ErrSymlink):
		return fmt.Errorf("%s is a symbolic link; envcheck never writes through a link: give the file it points to as --out", path)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: the directory %s does not exist; create it first", path, filepath.Dir(path))
	}
	return fmt.Errorf("%s: %w", path, unwrapPath(err))
}

// unifiedDiff is a unified diff (three lines of context) from a to b, by line: the one
// `fix --dry-run` prints too (envcheck.UnifiedDiff, github.com/sergi/go-diff).
func unifiedDiff(oldName, newName, a, b string) string {
	return envcheck.UnifiedDiff(oldName, newName, []byte(a), []byte(b))
}
