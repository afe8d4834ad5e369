package main

//go:generate go run gendocs.go

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/envcheck/envcheck/envcheck"
	"github.com/envcheck/envcheck/internal/suggest"
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1 // findings at or above --fail-on, a stale generated file, files that differ
	exitError    = 2 // usage errors, unreadable paths, an invalid schema, internal errors
)

// errFindings is returned by a command that wrote its report and must exit 1.
var errFindings = errors.New("findings")

// errShown ends a run that has done all it had to (printed the version): exit 0.
var errShown = errors.New("shown")

// A usageError is a mistake in the command line; it is printed with a pointer to --help.
type usageError struct {
	msg     string
	command string
}

func (e *usageError) Error() string { return e.msg }

// silentError is an exit code whose message has already been written.
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// streams are the process's standard streams and environment, injected so tests can run the
// whole CLI in process.
type streams struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	progressAfter  time.Duration // how long check runs before it shows progress on a terminal
	args           []string      // the command line, for shell completion of flag values
}

// run is the whole program: it never calls os.Exit and never lets a panic escape as a stack trace.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runStreams(&streams{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, progressAfter: progressAfter}, args)
}

func runStreams(s *streams, args []string) (code int) {
	s.args = args
	stderr := s.stderr
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "envcheck: internal error: %v; please report it at https://github.com/envcheck/envcheck/issues\n", r)
			code = exitError
		}
	}()
	app := newApp(s)
	err := app.Run(reorderArgs(app, args))
	return exitCode(err, stderr)
}

func exitCode(err error, stderr io.Writer) int {
	var (
		silent silentError
		usage  *usageError
		libUse *envcheck.UsageError
	)
	switch {
	case err == nil, errors.Is(err, errShown):
		return exitOK
	case errors.Is(err, errFindings):
		return exitFindings
	case errors.As(err, &silent):
		return silent.code
	case errors.As(err, &usage):
		help := "envcheck --help"
		if usage.command != "" {
			help = "envcheck " + usage.command + " --help"
		}
		fmt.Fprintf(stderr, "envcheck: %s; see %s\n", usage.msg, help)
		return exitError
	case errors.As(err, &libUse):
		printError(stderr, libUse.Msg)
		return exitError
	}
	printError(stderr, err.Error())
	return exitError
}

// printError writes an error message, one "envcheck: " line per line: an invalid schema lists
// every problem on a line of its own.
func printError(w io.Writer, msg string) {
	for _, line := range strings.Split(msg, "\n") {
		fmt.Fprintf(w, "envcheck: %s\n", line)
	}
}

func newApp(s *streams) *cli.App {
	app := &cli.App{
		Name:  "envcheck",
		Usage: "keep .env files honest",
		Description: "envcheck lints .env files and their templates, compares every env file with its template\n" +
			"(.env.example) and schema, checks that git ignores env files and Docker build contexts exclude\n" +
			"them, that they are mode 0600, and that no template holds a real credential. It never prints\n" +
			"a secret value.\n\n" +
			"Run without a command, it runs `envcheck check`. Exit status: 0 clean, 1 findings at or above\n" +
			"--fail-on (and stale or differing files), 2 usage errors and files it cannot read.",
		HideVersion: true, // --version is ours, printed as `envcheck version` prints it
		Before: func(c *cli.Context) error {
			if c.Bool("version") {
				fmt.Fprintf(s.stdout, "envcheck %s\n", versionString())
				return errShown
			}
			return nil
		},
		Reader:               s.stdin,
		Writer:               s.stdout,
		ErrWriter:            s.stderr,
		DefaultCommand:       "check",
		EnableBashCompletion: true,
		Suggest:              true,
		Flags:                append(globalFlags(), &cli.BoolFlag{Name: "version", Usage: "print the version and exit", DisableDefaultText: true}),
		ExitErrHandler:       func(*cli.Context, error) {}, // run turns errors into exit codes; nothing else may exit
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return &usageError{msg: flagMessage(err, c.App.Flags)}
		},
		Commands: []*cli.Command{
			checkCommand(s),
			fixCommand(s),
			initCommand(s),
			hookCommand(s),
			diffCommand(s),
			generateCommand(s),
			rulesCommand(s),
			versionCommand(s),
			completionCommand(s),
		},
	}
	var wire func(cmds []*cli.Command, parent string)
	wire = func(cmds []*cli.Command, parent string) {
		for _, c := range cmds {
			switch c.Name {
			case "check", "fix", "diff", "init":
				c.Flags = append(c.Flags, globalFlags()...) // also after the command name
			}
			if len(c.Subcommands) == 0 {
				c.HideHelpCommand = true // "help" would only crowd completion
				c.BashComplete = completeValues(s, c)
			}
			name := strings.TrimSpace(parent + " " + c.Name)
			flags := c.Flags
			c.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
				return &usageError{msg: flagMessage(err, flags), command: name}
			}
			wire(c.Subcommands, name)
		}
	}
	wire(app.Commands, "")
	return app
}

// flagMessage rewords the flag package's "flag provided but not defined: -bogus" as the user
// typed it, with a suggestion when a flag is close.
func flagMessage(err error, flags []cli.Flag) string {
	const undefined = "flag provided but not defined: -"
	msg := err.Error()
	if !strings.HasPrefix(msg, undefined) {
		return msg
	}
	name := strings.TrimPrefix(msg, undefined)
	dashes := "--"
	if len(name) == 1 {
		dashes = "-"
	}
	var names []string
	for _, f := range flags {
		for _, n := range f.Names() {
			if len(n) > 1 { // every one-letter flag is one edit from every other
				names = append(names, n)
			}
		}
	}
	if near := suggest.Nearest(name, names); near != "" && len(name) > 2 {
		return fmt.Sprintf("unknown flag %s%s (did you mean --%s?)", dashes, name, near)
	}
	return "unknown flag " + dashes + name
}

// globalFlags are accepted before and after the command name.
func globalFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "no-color", Usage: "never colour the output (colour is used only on a terminal, and never when NO_COLOR is set)", DisableDefaultText: true},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print less: findings and errors only, no summary or progress", DisableDefaultText: true},
	}
}

// flagSet reports whether a boolean flag is set on the command or on the app.
func flagSet(c *cli.Context, name string) bool {
	for _, ctx := range c.Lineage() {
		if ctx.IsSet(name) && ctx.Bool(name) {
			return true
		}
	}
	return false
}

// useColor reports whether output to w may be coloured: w is a terminal, NO_COLOR is unset, and
// --no-color was not given.
func useColor(c *cli.Context, s *streams, w io.Writer) bool {
	if flagSet(c, "no-color") || s.getenv("NO_COLOR") != "" {
		return false
	}
	return isTerminal(w)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// reorderArgs makes the command explicit and moves its flags in front of its positional
// arguments, so `envcheck check . --format json` and `envcheck -r .` work: urfave/cli stops
// reading flags at the first argument, and reads flags before the command as the app's.
// Everything after "--" is left alone, and so are help, version and completion requests.
func reorderArgs(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	switch args[1] {
	case "-h", "--help", "-help", "help", "--version", "-version", "-v", "--generate-bash-completion":
		return args
	}
	def := app.Command(app.DefaultCommand)
	i := 1
	for i < len(args) && isFlagArg(args[i]) {
		if takesValue(def, args[i]) {
			i++
		}
		i++
	}
	var lead []string
	cmd := def
	rest := args[1:]
	if i < len(args) {
		if c := app.Command(args[i]); c != nil {
			cmd, lead, rest = c, args[1:i], args[i+1:]
		}
	}
	if cmd == nil {
		return args
	}
	out := append([]string{args[0]}, lead...)
	out = append(out, cmd.Name)
	// A command with subcommands (hook install): the subcommand's flags follow its name.
	for len(cmd.Subcommands) > 0 {
		i := 0
		for i < len(rest) && isFlagArg(rest[i]) {
			i++
		}
		if i == len(rest) {
			break
		}
		sub := cmd.Command(rest[i])
		if sub == nil {
			break
		}
		out = append(out, rest[:i]...)
		out = append(out, sub.Name)
		cmd, rest = sub, rest[i+1:]
	}
	var flags, positional []string
	for j := 0; j < len(rest); j++ {
		a := rest[j]
		if a == "--" {
			positional = append(positional, rest[j:]...)
			break
		}
		if !isFlagArg(a) {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		if takesValue(cmd, a) && j+1 < len(rest) {
			flags = append(flags, rest[j+1])
			j++
		}
	}
	out = append(out, flags...)
	return append(out, positional...)
}

func isFlagArg(a string) bool { return strings.HasPrefix(a, "-") && a != "-" && a != "--" }

// takesValue reports whether flag argument a (without "=value") names a flag of cmd that takes a
// value.
func takesValue(cmd *cli.Command, a string) bool {
	if cmd == nil || strings.Contains(a, "=") {
		return false
	}
	name := strings.TrimLeft(a, "-")
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if n == name {
				_, isBool := f.(*cli.BoolFlag)
				return !isBool
			}
		}
	}
	return false
}

// completeValues completes what may follow the word before the cursor: a format, a severity or
// a rule name after the flags that take one, rule names for `rules`, shells for `completion`,
// and otherwise the command's flags (file names are the shell's own default).
func completeValues(s *streams, cmd *cli.Command) cli.BashCompleteFunc {
	return func(c *cli.Context) {
		prev := ""
		if n := len(s.args); n >= 2 && s.args[n-1] == "--generate-bash-completion" {
			prev = s.args[n-2]
		}
		var words []string
		switch {
		case prev == "--format" || prev == "-f":
			words = envcheck.Formats
			if cmd.Name != "check" && cmd.Name != "fix" {
				words = []string{"text", "json"}
				if cmd.Name == "rules" {
					words = append(words, "markdown")
				}
			}
		case prev == "--fail-on":
			words = []string{"error", "warning", "info", "none"}
		case prev == "--enable" || prev == "--disable" || (cmd.Name == "rules" && !strings.HasPrefix(prev, "-")):
			for _, r := range envcheck.All() {
				words = append(words, r.Name)
			}
		case cmd.Name == "completion":
			words = []string{"bash", "zsh", "fish"}
		default:
			cli.DefaultCompleteWithFlags(cmd)(c)
			return
		}
		for _, w := range words {
			fmt.Fprintln(c.App.Writer, w)
		}
	}
}
