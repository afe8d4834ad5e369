package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/envcheck/envcheck/envcheck"
	"github.com/envcheck/envcheck/internal/suggest"
	"github.com/envcheck/envcheck/schema"
)

func initCommand(s *streams) *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "create or complete .env from the template, asking for each value",
		ArgsUsage: "[DIR]",
		Description: "Creates DIR/.env (default: the current directory), or completes it, from the template beside it\n" +
			"(.env.example, …) and the schema. It asks for each key that is missing or still a placeholder, in\n" +
			"the template's order, showing its description, type and default; Enter takes the default.\n" +
			"Sensitive keys are read with hidden input and never shown. Each answer is checked against the\n" +
			"schema at once and asked again, with the reason, when it fails.\n\n" +
			"It never overwrites a value: missing keys are appended with the template's comments, a\n" +
			"placeholder has only its value replaced, and every other byte stays. The file is written\n" +
			"atomically, mode 0600, and only once every answer is in: Ctrl-C or Ctrl-D leaves it untouched.\n" +
			"Then init makes git ignore the file (a pattern appended to .gitignore, as `envcheck fix` does),\n" +
			"and prints what `envcheck check` still finds. Prompts go to stderr; what was done, to stdout.\n\n" +
			"--non-interactive never asks: values come from --set KEY=VALUE and the environment (KEY=…),\n" +
			"then the defaults; a key still without a value makes it exit 1, listing them all, and write\n" +
			"nothing. Without it, init needs a terminal: when stdin is not one, it exits 2.\n\n" +
			"Exit status: 0 done (what check still finds does not change it), 1 keys without a valid\n" +
			"value, the input ended, or git still does not ignore the file; 2 usage errors, unreadable\n" +
			"files, no terminal; 130 interrupted (Ctrl-C).\n\n" +
			"Examples:\n" +
			"   envcheck init                          # .env, asking on the terminal\n" +
			"   envcheck init --env staging            # .env.staging, with staging's requirements\n" +
			"   ANTHROPIC_API_KEY=$KEY envcheck init --non-interactive --set PORT=9000",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "env", Usage: "write .env.`NAME` instead of .env, under NAME's requirements (@required=NAME)"},
			&cli.BoolFlag{Name: "non-interactive", Usage: "never ask: take values from --set, the environment and the defaults; exit 1 listing the keys still missing", DisableDefaultText: true},
			&cli.GenericFlag{Name: "set", Value: &keyValues{}, Usage: "a value for one key, as `KEY=VALUE`; repeatable, and wins over the environment"},
			&cli.StringFlag{Name: "example", Usage: "take the keys from this template `FILE` instead of the one beside the env file"},
			&cli.StringFlag{Name: "schema", Usage: "a JSON schema `FILE` (default: .env.schema.json when present)"},
		},
		Action: func(c *cli.Context) error { return runInit(c, s) },
	}
}

func runInit(c *cli.Context, s *streams) error {
	usage := func(format string, args ...any) error {
		return &usageError{msg: fmt.Sprintf(format, args...), command: "init"}
	}
	if c.NArg() > 1 {
		return usage("init takes one directory, not %d arguments", c.NArg())
	}
	dir := "."
	if c.NArg() == 1 {
		dir = c.Args().First()
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return usage("%s is a file; init takes the directory to create .env in (--env NAME writes .env.NAME)", dir)
	}
	env := c.String("env")
	name := ".env"
	if env != "" {
		name = ".env." + env
		if !schema.IsEnvName(env) || envcheck.Classify(name) != envcheck.EnvFile {
			return usage("--env %s: %s is not an env file name; use a plain name such as production", env, name)
		}
	}
	sets, err := parseSets(c.Generic("set").(*keyValues).list)
	if err != nil {
		return err
	}
	plan, err := envcheck.PlanInit(envcheck.Options{Example: c.String("example"), Schema: c.String("schema"), Env: env}, filepath.Join(dir, name))
	if err != nil {
		return err
	}
	for _, w := range plan.Warnings {
		fmt.Fprintf(s.stderr, "envcheck: %s\n", w)
	}
	target := plan.Target.Path
	from := templateName(plan)

	// --set first: it answers its keys, in both modes.
	values := map[string]string{}
	var bad []string
	asked := map[string]bool{}
	for _, k := range plan.Asks {
		asked[k.Key] = true
	}
	for _, key := range sortedKeys(sets) {
		if !contains(plan.Keys, key) {
			if v := plan.Schema.Lookup(key); v != nil && v.Deprecated != "" {
				return usage("--set %s: %s is deprecated (%s); leave it out", key, key, v.Deprecated)
			}
			hint := ""
			if near := suggest.Nearest(key, plan.Keys); near != "" {
				hint = "; did you mean " + near + "?"
			}
			return usage("--set %s: %s is not a key of %s%s", key, key, from, hint)
		}
		if !asked[key] {
			fmt.Fprintf(s.stderr, "envcheck: --set %s is ignored: %s already has a value for it, and init never overwrites one (edit the file)\n", key, target)
		}
	}
	var rest []*envcheck.InitKey
	for _, k := range plan.Asks {
		v, ok := sets[k.Key]
		if !ok {
			rest = append(rest, k)
			continue
		}
		if err := k.Check(v); err != nil {
			bad = append(bad, valueProblem(err, "given with --set"))
			continue
		}
		values[k.Key] = v
	}

	if c.Bool("non-interactive") {
		var missing []string
		for _, k := range rest {
			v, source := s.getenv(k.Key), "from the environment"
			if v == "" && k.Default != nil {
				v, source = *k.Default, "(its default)"
			}
			if err := k.Check(v); err != nil {
				if v == "" {
					missing = append(missing, k.Key)
				} else {
					bad = append(bad, valueProblem(err, source))
				}
				continue
			}
			values[k.Key] = v
		}
		if len(bad) > 0 || len(missing) > 0 {
			for _, b := range bad {
				fmt.Fprintf(s.stderr, "envcheck: %s\n", b)
			}
			if len(missing) > 0 {
				them := "them"
				if len(missing) == 1 {
					them = "it"
				}
				fmt.Fprintf(s.stderr, "envcheck: %s: %s no value: %s; set %s in the environment or with --set KEY=VALUE\n",
					target, plural(len(missing), "key has", "keys have"), strings.Join(missing, ", "), them)
			}
			fmt.Fprintf(s.stderr, "envcheck: nothing was written\n")
			return silentError{code: exitFindings}
		}
	} else {
		if len(bad) > 0 {
			for _, b := range bad {
				fmt.Fprintf(s.stderr, "envcheck: %s\n", b)
			}
			fmt.Fprintf(s.stderr, "envcheck: nothing was written\n")
			return silentError{code: exitFindings}
		}
		if len(rest) > 0 {
			t, err := openTerminal(s.stdin, s.stderr)
			if errors.Is(err, errNoTerminal) {
				return usage("init would ask for %s, but stdin is not a terminal; pass --non-interactive to take values from the environment and --set KEY=VALUE",
					plural(len(rest), "value", "values"))
			}
			if err != nil {
				return err
			}
			if !flagSet(c, "quiet") {
				introduce(s.stderr, plan, len(rest))
			}
			err = askAll(t, plan, rest, values)
			if cerr := t.close(); err == nil {
				err = cerr
			}
			if err == nil {
				fmt.Fprintln(s.stderr)
			}
			var intr *interruptedError
			switch {
			case errors.As(err, &intr):
				fmt.Fprintf(s.stderr, "envcheck: interrupted; nothing was written%s\n", untouched(plan))
				return silentError{code: intr.code()}
			case errors.Is(err, io.EOF):
				fmt.Fprintf(s.stderr, "envcheck: the input ended before every key had a value; nothing was written%s\n", untouched(plan))
				return silentError{code: exitFindings}
			case err != nil:
				return err
			}
		}
	}

	// Every answer is in: write once.
	content, err := plan.Content(values)
	if err != nil {
		return err
	}
	wrote := !plan.Exists || !bytes.Equal(content, plan.Target.Env.Src)
	if wrote {
		if err := plan.Write(content); err != nil {
			return err
		}
	}
	reportInit(s.stdout, plan, values, wrote, from)
	for _, n := range plan.Notes {
		fmt.Fprintf(s.stdout, "left for you: %s\n", n)
	}

	// Then keep it private: git must ignore it, and only its owner may read it.
	verifyFailed, err := protect(s.stdout, plan)
	if err != nil {
		return err
	}

	// And say what is left.
	after, err := envcheck.Check(envcheck.Options{Paths: []string{dir}, Example: c.String("example"), Schema: c.String("schema"), Env: env})
	if err != nil {
		return err
	}
	for _, e := range after.Errors {
		fmt.Fprintf(s.stderr, "envcheck: %s\n", e)
	}
	var left []envcheck.Finding
	for _, f := range after.Findings {
		if f.Severity == envcheck.Info && f.Rule == envcheck.EnvNotGitignored {
			continue // why git was not asked: protect said it already
		}
		left = append(left, f)
	}
	if !flagSet(c, "quiet") {
		var report bytes.Buffer
		envcheck.WriteText(&report, left, after.Files(), envcheck.ReportOptions{Color: useColor(c, s, s.stdout), Rules: after.Project.Rules, Version: version()})
		if len(left) == 0 {
			fmt.Fprintf(s.stdout, "envcheck check: %s", report.String())
		} else {
			fmt.Fprintf(s.stdout, "\nenvcheck check still finds:\n%s", report.String())
		}
	}
	if verifyFailed {
		return silentError{code: exitFindings}
	}
	return nil
}

// keyValues holds the --set flags as given: a StringSliceFlag would split "a,b" in two.
type keyValues struct{ list []string }

func (k *keyValues) Set(v string) error { k.list = append(k.list, v); return nil }
func (k *keyValues) String() string     { return "" }

// parseSets reads the --set KEY=VALUE flags; a later one wins.
func parseSets(list []string) (map[string]string, error) {
	sets := map[string]string{}
	for _, kv := range list {
		key, value, ok := strings.Cut(kv, "=")
		if !ok || key == "" {
			return nil, &usageError{msg: fmt.Sprintf("--set %s: write KEY=VALUE", strings.SplitN(kv, "=", 2)[0]), command: "init"}
		}
		sets[key] = value
	}
	return sets, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// valueProblem is a validation error as a line, saying where the value came from (empty for
// one typed at the prompt): it never holds the value.
func valueProblem(err error, source string) string {
	var ve *schema.ValueError
	if errors.As(err, &ve) {
		if source != "" {
			return ve.Key + " " + source + " " + ve.Msg
		}
		return ve.Key + " " + ve.Msg
	}
	return err.Error()
}

func templateName(plan *envcheck.InitPlan) string {
	switch {
	case plan.Template != nil:
		return plan.Template.Path
	case plan.Schema != nil && len(plan.Schema.Sources) > 0:
		return plan.Schema.Sources[len(plan.Schema.Sources)-1]
	}
	return "the schema"
}

func untouched(plan *envcheck.InitPlan) string {
	if plan.Exists {
		return "; " + plan.Target.Path + " is as it was"
	}
	return ""
}

// introduce says, once, what init is about to do.
func introduce(w io.Writer, plan *envcheck.InitPlan, n int) {
	verb := "Creating"
	if plan.Exists {
		verb = "Completing"
	}
	count := plural(n, "key", "keys")
	if n < len(plan.Keys) {
		count = fmt.Sprintf("%d of its %d keys", n, len(plan.Keys))
	}
	fmt.Fprintf(w, "%s %s from %s: %s to set.\n", verb, plan.Target.Path, templateName(plan), count)
	fmt.Fprintf(w, "Enter takes the default. Secret values are typed hidden. Ctrl-C stops without writing anything.\n")
}

// askAll asks for each key in turn, again until the answer is valid, and fills values.
func askAll(t *terminal, plan *envcheck.InitPlan, keys []*envcheck.InitKey, values map[string]string) error {
	for i, k := range keys {
		fmt.Fprintf(t.out, "\n%s\n", keyHeading(plan, k, i+1, len(keys)))
		for {
			line, err := t.readLine(keyPrompt(k), k.Sensitive)
			if err != nil {
				return err
			}
			if line == "" && k.Default != nil {
				line = *k.Default
			}
			if err := k.Check(line); err != nil {
				fmt.Fprintf(t.out, "  %s; try again\n", valueProblem(err, ""))
				continue
			}
			values[k.Key] = line
			break
		}
	}
	return nil
}

// keyHeading describes a key before it is asked: what it is, whether it is required, its
// description, type, rules, default, an example and where to read more. A sensitive key's
// default and example are never shown.
func keyHeading(plan *envcheck.InitPlan, k *envcheck.InitKey, i, n int) string {
	var facts []string
	switch {
	case k.Required && k.Var != nil && !k.Var.Required:
		facts = append(facts, "required in "+plan.Env)
	case k.Required:
		facts = append(facts, "required")
	case k.Needed:
		facts = append(facts, "required (the template gives it a value)")
	default:
		facts = append(facts, "optional")
	}
	if k.Sensitive {
		facts = append(facts, "secret: what you type is not shown")
	}
	if k.State != "missing" {
		facts = append(facts, "now "+k.State+" in "+k.Where)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "[%d/%d] %s  %s", i, n, k.Key, strings.Join(facts, " · "))
	for _, l := range strings.Split(k.Description, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			fmt.Fprintf(&b, "\n      %s", l)
		}
	}
	var details []string
	if k.Var != nil {
		details = append(details, "type "+k.Var.Type.String())
		if k.Var.Validate != "" {
			details = append(details, "rule "+k.Var.Validate)
		}
		if k.Var.Regex != "" {
			details = append(details, "regex "+k.Var.Regex)
		}
	}
	switch {
	case k.Default != nil && k.Sensitive:
		details = append(details, "default set (not shown)")
	case k.Default != nil:
		details = append(details, "default "+shownValue(*k.Default))
	}
	if k.Example != "" && (k.Default == nil || *k.Default != k.Example) {
		details = append(details, "example "+shownValue(k.Example))
	}
	if k.Var != nil && k.Var.Docs != "" {
		details = append(details, "docs "+k.Var.Docs)
	}
	if len(details) > 0 {
		fmt.Fprintf(&b, "\n      %s", strings.Join(details, " · "))
	}
	return b.String()
}

// keyPrompt is the line the answer is typed on: KEY [default]: for a key whose default may be
// shown.
func keyPrompt(k *envcheck.InitKey) string {
	if k.Default != nil && !k.Sensitive && *k.Default != "" {
		return fmt.Sprintf("%s [%s]: ", k.Key, shownValue(*k.Default))
	}
	return k.Key + ": "
}

// shownValue is a non-sensitive value on one line, quoted when blanks would hide its ends.
func shownValue(v string) string {
	if v == "" || strings.TrimSpace(v) != v || strings.ContainsAny(v, "\n\t") {
		return fmt.Sprintf("%q", v)
	}
	return v
}

// reportInit says what was written.
func reportInit(w io.Writer, plan *envcheck.InitPlan, values map[string]string, wrote bool, from string) {
	target := plan.Target.Path
	var added, replaced, filled []string
	for _, k := range plan.Asks {
		if _, ok := values[k.Key]; !ok {
			continue
		}
		switch {
		case k.State == "missing" || k.Where != target:
			added = append(added, k.Key)
		case k.State == "empty":
			filled = append(filled, k.Key)
		default:
			replaced = append(replaced, k.Key)
		}
	}
	switch {
	case !plan.Exists:
		fmt.Fprintf(w, "created %s (mode 0600) with %s from %s\n", target, plural(len(added), "key", "keys"), from)
	case !wrote:
		fmt.Fprintf(w, "%s already has a value for every key of %s; nothing to add\n", target, from)
	default:
		var parts []string
		if len(added) > 0 {
			parts = append(parts, "added "+strings.Join(added, ", "))
		}
		if len(replaced) > 0 {
			parts = append(parts, "replaced the placeholder of "+strings.Join(replaced, ", "))
		}
		if len(filled) > 0 {
			parts = append(parts, "filled in "+strings.Join(filled, ", "))
		}
		fmt.Fprintf(w, "completed %s: %s\n", target, strings.Join(parts, "; "))
	}
}

// protect makes git ignore the env file and takes group and other permissions off it, the way
// `envcheck fix` repairs env-not-gitignored and insecure-permissions: the same check, plan and
// apply, which asks git again afterwards. It reports whether a repair could not be verified.
func protect(w io.Writer, plan *envcheck.InitPlan) (verifyFailed bool, err error) {
	target := plan.Target
	res, err := envcheck.Check(envcheck.Options{Paths: []string{target.OSPath}, Env: plan.Env,
		Rules: []*envcheck.Rule{envcheck.EnvNotGitignored, envcheck.InsecurePermissions}})
	if err != nil {
		return false, err
	}
	if len(res.Errors) > 0 {
		return false, res.Errors[0]
	}
	for _, f := range res.Findings {
		if f.Severity == envcheck.Info && f.Rule == envcheck.EnvNotGitignored {
			switch {
			case strings.Contains(f.Message, "not on PATH"):
				fmt.Fprintf(w, "git is not on PATH, so envcheck cannot make sure git ignores %s; after installing git, run envcheck fix\n", target.Path)
			case strings.Contains(f.Message, "not inside a git work tree"):
				fmt.Fprintf(w, "%s is not in a git repository: there is nothing to ignore it from\n", target.Path)
			default:
				fmt.Fprintf(w, "git could not say whether it ignores %s: %s\n", target.Path, f.Message)
			}
		}
	}
	fixes, err := res.Project.PlanFixes(res.Findings)
	if err != nil {
		return false, err
	}
	for _, o := range fixes.Apply() {
		switch {
		case o.Err != nil:
			return false, fmt.Errorf("%s: not written: %w; the file is unchanged", o.File.Path, o.Err)
		default:
			describe(w, o.File, false)
			if o.VerifyErr != nil {
				fmt.Fprintf(w, "still not fixed: %s\n", o.VerifyErr)
				verifyFailed = true
			}
		}
	}
	return verifyFailed, nil
}
