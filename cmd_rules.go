package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/envcheck/envcheck/envcheck"
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
			if near := nearestRule(all, c.Args().First()); near != "" {
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

// nearestRule suggests the rule name closest to a misspelling, or "".
func nearestRule(rules []*envcheck.Rule, name string) string {
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	for _, r := range rules {
		cs = append(cs, cand{r.Name, editDistance(strings.ToLower(name), r.Name)})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	if len(cs) > 0 && cs[0].d <= 3 {
		return cs[0].name
	}
	return ""
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
