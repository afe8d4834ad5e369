package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/envcheck/envcheck/envcheck"
	"github.com/envcheck/envcheck/internal/suggest"
)

func rulesCommand(s *streams) *cli.Command {
	return &cli.Command{
		Name:      "rules",
		Usage:     "list every rule, or explain one",
		ArgsUsage: "[RULE]",
		Description: "Without an argument, lists every rule with its id, severity and whether `envcheck fix`\n" +
			"repairs it. With a rule name or id, explains it: what it finds, why it matters, a bad and a\n" +
			"good example, and how to fix it.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output `FORMAT`: text, json or markdown"},
		},
		Action: func(c *cli.Context) error { return runRules(c, s) },
	}
}

type jsonRule struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Family     string            `json:"family"`
	Severity   envcheck.Severity `json:"severity"`
	Fixable    bool              `json:"fixable"`
	NonDefault bool              `json:"off_by_default"`
	Doc        envcheck.Doc      `json:"doc"`
	HelpURL    string            `json:"help_url"`
}

func runRules(c *cli.Context, s *streams) error {
	all := envcheck.All()
	rules := all
	if c.NArg() > 1 {
		return &usageError{msg: "rules takes at most one rule name or id", command: "rules"}
	}
	if c.NArg() == 1 {
		r, ok := envcheck.Lookup(all, c.Args().First())
		if !ok {
			msg := fmt.Sprintf("no rule is called %q; `envcheck rules` lists them", c.Args().First())
			if near := suggest.Nearest(c.Args().First(), ruleNames(all)); near != "" {
				msg = fmt.Sprintf("no rule is called %q (did you mean %s?)", c.Args().First(), near)
			}
			return &usageError{msg: msg, command: "rules"}
		}
		rules = []*envcheck.Rule{r}
	}
	switch c.String("format") {
	case "json":
		out := []jsonRule{}
		for _, r := range rules {
			out = append(out, jsonRule{ID: r.ID, Name: r.Name, Family: envcheck.Family(r), Severity: r.Severity, Fixable: r.Fixable, NonDefault: r.NonDefault, Doc: r.Doc, HelpURL: envcheck.HelpURL(r)})
		}
		enc := json.NewEncoder(s.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	case "markdown":
		if len(rules) == 1 {
			_, err := fmt.Fprint(s.stdout, envcheck.RuleHelpMarkdown(rules[0]))
			return err
		}
		_, err := fmt.Fprint(s.stdout, envcheck.RulesTable(rules))
		return err
	case "text":
	default:
		return &usageError{msg: fmt.Sprintf("--format %s: use text, json or markdown", c.String("format")), command: "rules"}
	}
	if len(rules) == 1 {
		_, err := fmt.Fprint(s.stdout, envcheck.RuleHelpText(rules[0]))
		return err
	}
	tw := tabwriter.NewWriter(s.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tRULE\tSEVERITY\tFIX\tFINDS")
	for _, r := range rules {
		sev := r.Severity.String()
		if r.NonDefault {
			sev += " (off)"
		}
		fix := ""
		if r.Fixable {
			fix = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, sev, fix, r.Doc.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(s.stdout, "\n`envcheck rules RULE` explains one; (off) rules run only with --enable RULE.")
	return err
}

func ruleNames(rules []*envcheck.Rule) []string {
	names := make([]string, len(rules))
	for i, r := range rules {
		names[i] = r.Name
	}
	return names
}
