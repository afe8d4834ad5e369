package envcheck

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Formats lists the output formats of check.
var Formats = []string{"text", "json", "sarif", "github"}

// Summary counts findings by severity.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Summarize counts findings.
func Summarize(findings []Finding, files int) Summary {
	s := Summary{Files: files}
	for _, f := range findings {
		switch f.Severity {
		case Error:
			s.Errors++
		case Warning:
			s.Warnings++
		case Info:
			s.Infos++
		}
	}
	return s
}

// ReportOptions control how findings are written.
type ReportOptions struct {
	Color   bool     // text: ANSI colours
	Quiet   bool     // text: findings only, no summary
	Rules   []*Rule  // sarif: the rules that ran, for tool.driver.rules
	Version string   // sarif: the tool version
	Errors  []error  // json, sarif: files that could not be checked (text prints them on stderr)
	Checked []string // text: the paths of the files checked, for "in 2 of 5 files"
}

// WriteReport writes findings in one of Formats.
func WriteReport(w io.Writer, format string, findings []Finding, files int, opts ReportOptions) error {
	switch format {
	case "text", "":
		return WriteText(w, findings, files, opts)
	case "json":
		return WriteJSON(w, findings, files, opts.Errors...)
	case "sarif":
		return WriteSARIF(w, findings, opts)
	case "github":
		return WriteGitHub(w, findings)
	}
	return &UsageError{Msg: fmt.Sprintf("unknown format %q; use one of %s", format, strings.Join(Formats, ", "))}
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
)

// WriteText writes `path:line:col: severity: message [rule]` lines (`path: severity: …` for a
// finding about the whole file) and a summary line.
func WriteText(w io.Writer, findings []Finding, files int, opts ReportOptions) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	for _, f := range findings {
		loc := f.File
		if f.Line > 0 {
			loc = fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
		}
		sev := f.Severity.String()
		switch f.Severity {
		case Error:
			sev = paint(ansiBold+ansiRed, sev)
		case Warning:
			sev = paint(ansiYellow, sev)
		case Info:
			sev = paint(ansiBlue, sev)
		}
		fmt.Fprintf(bw, "%s: %s: %s %s\n", paint(ansiBold, loc), sev, oneLine(f.Message), paint(ansiDim, "["+f.Rule.Name+"]"))
	}
	if !opts.Quiet {
		checked := map[string]bool{}
		for _, p := range opts.Checked {
			checked[p] = true
		}
		with := map[string]bool{}
		for _, f := range findings {
			if checked[f.File] { // not a project-wide note such as "git rules skipped"
				with[f.File] = true
			}
		}
		fmt.Fprintln(bw, summaryLine(Summarize(findings, files), len(with)))
	}
	return bw.Flush()
}

// summaryLine ends a text report: "3 problems (1 error, 2 warnings, 0 infos) in 2 of 5 files".
func summaryLine(s Summary, withProblems int) string {
	files := plural(s.Files, "file", "files")
	if withProblems > 0 && withProblems < s.Files {
		files = fmt.Sprintf("%d of %s", withProblems, files)
	}
	total := s.Errors + s.Warnings + s.Infos
	if s.Files == 0 {
		return "nothing to check: no env files or templates found"
	}
	if total == 0 {
		return "no problems in " + files
	}
	return fmt.Sprintf("%s (%s, %s, %s) in %s", plural(total, "problem", "problems"),
		plural(s.Errors, "error", "errors"), plural(s.Warnings, "warning", "warnings"), plural(s.Infos, "info", "infos"), files)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// oneLine keeps a message on one line whatever it contains.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

type jsonFinding struct {
	Rule     string   `json:"rule"`
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Key      string   `json:"key"`
	Message  string   `json:"message"`
	Fixable  bool     `json:"fixable"`
}

type jsonReport struct {
	Version  int           `json:"version"`
	Findings []jsonFinding `json:"findings"`
	Summary  Summary       `json:"summary"`
	Errors   []jsonError   `json:"errors,omitempty"` // files that could not be checked (exit code 2)
}

type jsonError struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// reportErrors turns check errors into report entries: a *FileError keeps its file and line.
func reportErrors(errs []error) []jsonError {
	var out []jsonError
	for _, err := range errs {
		var fe *FileError
		if errors.As(err, &fe) {
			out = append(out, jsonError{File: fe.Path, Line: fe.Line, Message: fe.Msg})
			continue
		}
		out = append(out, jsonError{Message: err.Error()})
	}
	return out
}

// JSONVersion is the version of the JSON report format; it changes only when a field changes
// meaning or disappears.
const JSONVersion = 1

// WriteJSON writes the JSON report: {"version":1,"findings":[…],"summary":{…}}, plus
// "errors":[{"file","line","message"}] when some files could not be checked.
func WriteJSON(w io.Writer, findings []Finding, files int, errs ...error) error {
	r := jsonReport{Version: JSONVersion, Findings: []jsonFinding{}, Summary: Summarize(findings, files), Errors: reportErrors(errs)}
	for _, f := range findings {
		r.Findings = append(r.Findings, jsonFinding{Rule: f.Rule.Name, ID: f.Rule.ID, Severity: f.Severity, File: f.File,
			Line: f.Line, Column: f.Column, Key: f.Key, Message: f.Message, Fixable: f.Fix != nil})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteGitHub writes GitHub Actions workflow commands, which the runner turns into annotations
// on the pull request.
func WriteGitHub(w io.Writer, findings []Finding) error {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		level := "warning"
		switch f.Severity {
		case Error:
			level = "error"
		case Info:
			level = "notice"
		}
		props := "file=" + ghProperty(f.File)
		if f.Line > 0 {
			props += fmt.Sprintf(",line=%d,col=%d", f.Line, f.Column)
		}
		props += ",title=" + ghProperty(f.Rule.Name)
		fmt.Fprintf(bw, "::%s %s::%s\n", level, props, ghData(f.Message+" ["+f.Rule.Name+"]"))
	}
	return bw.Flush()
}

// ghData and ghProperty escape as the Actions toolkit does (core/src/command.ts).
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// SARIF 2.1.0, the subset GitHub code scanning reads.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

// A sarifInvocation says whether the run could check everything; a file it could not read is a
// tool execution notification, so code scanning shows it instead of a clean result.
type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// HelpURL is where a rule is documented.
func HelpURL(r *Rule) string {
	return "https://github.com/envcheck/envcheck/blob/main/docs/rules.md#" + r.Name
}

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Info:
		return "note"
	}
	return "warning"
}

// WriteSARIF writes a SARIF 2.1.0 log for code scanning. Every rule that ran is described in
// tool.driver.rules; a finding about a whole file points at its line 1, since code scanning
// requires a line.
func WriteSARIF(w io.Writer, findings []Finding, opts ReportOptions) error {
	rules := opts.Rules
	index := map[*Rule]int{}
	for i, r := range rules {
		index[r] = i
	}
	for _, f := range findings { // a finding from a rule outside opts.Rules still needs metadata
		if _, ok := index[f.Rule]; !ok {
			index[f.Rule] = len(rules)
			rules = append(rules, f.Rule)
		}
	}
	driver := sarifDriver{Name: "envcheck", Version: opts.Version, InformationURI: "https://github.com/envcheck/envcheck", Rules: []sarifRule{}}
	for _, r := range rules {
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   r.ID,
			Name:                 r.Name,
			ShortDescription:     sarifText{Text: r.Doc.Title},
			FullDescription:      sarifText{Text: r.Doc.Why},
			Help:                 sarifText{Text: RuleHelpText(r), Markdown: RuleHelpMarkdown(r)},
			HelpURI:              HelpURL(r),
			DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
			Properties:           map[string]any{"tags": []string{"security", family(r)}},
		})
	}
	inv := sarifInvocation{ExecutionSuccessful: len(opts.Errors) == 0}
	for _, e := range reportErrors(opts.Errors) {
		n := sarifNotification{Level: "error", Message: sarifText{Text: e.Message}}
		if e.File != "" {
			region := sarifRegion{StartLine: max(e.Line, 1)}
			n.Locations = []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: e.File}, Region: region}}}
		}
		inv.Notifications = append(inv.Notifications, n)
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Invocations: []sarifInvocation{inv}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	for _, f := range findings {
		region := sarifRegion{StartLine: f.Line, StartColumn: f.Column}
		if f.Line == 0 {
			region = sarifRegion{StartLine: 1}
		}
		sum := sha256.Sum256([]byte(f.Rule.ID + "\x00" + f.File + "\x00" + f.Key + "\x00" + f.Message))
		run.Results = append(run.Results, sarifResult{
			RuleID:              f.Rule.ID,
			RuleIndex:           index[f.Rule],
			Level:               sarifLevel(f.Severity),
			Message:             sarifText{Text: f.Message},
			Locations:           []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: f.File}, Region: region}}},
			PartialFingerprints: map[string]string{"envcheckFinding/v1": hex.EncodeToString(sum[:16])},
		})
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// family names a rule's group from its id.
func family(r *Rule) string {
	switch {
	case strings.HasPrefix(r.ID, "EC1"):
		return "syntax"
	case strings.HasPrefix(r.ID, "EC2"):
		return "template"
	case strings.HasPrefix(r.ID, "EC3"):
		return "schema"
	case strings.HasPrefix(r.ID, "EC4"):
		return "hygiene"
	}
	return "envcheck"
}

// Family names the group a rule belongs to: syntax, template, schema, hygiene or envcheck.
func Family(r *Rule) string { return family(r) }

// RuleHelpText is a rule's documentation as plain text, as `envcheck rules NAME` prints it.
func RuleHelpText(r *Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s\n\n", r.Name, r.ID, r.Doc.Title)
	fmt.Fprintf(&b, "Severity: %s. Fixable: %s.", r.Severity, yesNo(r.Fixable))
	if r.NonDefault {
		fmt.Fprintf(&b, " Off by default: --enable %s.", r.Name)
	}
	fmt.Fprintf(&b, "\n\nWhy: %s\n\nBad:\n%s\nGood:\n%s\nFix: %s\n\nSuppress one entry with `# envcheck:ignore %s <reason>`.\n",
		r.Doc.Why, indent(r.Doc.Bad), indent(r.Doc.Good), r.Doc.Fix, r.Name)
	return b.String()
}

// RuleHelpMarkdown is a rule's documentation as Markdown, for SARIF help.
func RuleHelpMarkdown(r *Rule) string {
	return fmt.Sprintf("**%s** (`%s`): %s\n\n%s\n\nBad:\n\n```sh\n%s```\n\nGood:\n\n```sh\n%s```\n\n%s\n",
		r.Name, r.ID, r.Doc.Title, r.Doc.Why, fenced(r.Doc.Bad), fenced(r.Doc.Good), r.Doc.Fix)
}

// fenced prepares an example for a Markdown code block: hidden characters shown, a final newline.
func fenced(s string) string {
	s = visible(s)
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if line != "" {
			b.WriteString("    " + visible(line))
		}
	}
	if !strings.HasSuffix(b.String(), "\n") {
		b.WriteString("\n")
	}
	return b.String()
}

// visible shows the characters that examples are about but a terminal would hide.
func visible(s string) string {
	return strings.NewReplacer("\ufeff", "<BOM>", "\r\n", "<CR><LF>\n", "\r", "<CR>", "\t", "<TAB>").Replace(s)
}

// RulesTable is the Markdown table of rules the README shows.
func RulesTable(rules []*Rule) string {
	var b strings.Builder
	b.WriteString("| Rule | ID | Severity | Fixable | Finds |\n|---|---|---|---|---|\n")
	for _, r := range rules {
		sev := r.Severity.String()
		if r.NonDefault {
			sev += " (off by default)"
		}
		fix := ""
		if r.Fixable {
			fix = "yes"
		}
		fmt.Fprintf(&b, "| [`%s`](docs/rules.md#%s) | %s | %s | %s | %s |\n", r.Name, r.Name, r.ID, sev, fix, strings.ReplaceAll(r.Doc.Title, "|", `\|`))
	}
	return b.String()
}

// RulesReference is docs/rules.md: every rule's documentation under its own heading.
func RulesReference(rules []*Rule) string {
	var b strings.Builder
	b.WriteString("<!-- Code generated by `go generate` from the rule registry (envcheck/rules.go); DO NOT EDIT. -->\n\n")
	b.WriteString("# envcheck rules\n\n`envcheck rules RULE` prints the same text. Suppress a rule for one entry with\n" +
		"`# envcheck:ignore RULE <reason>` on the line above it (or at the end of its line), or for a whole file with\n" +
		"`# envcheck:ignore-file RULE <reason>` before the first entry.\n")
	fam := ""
	for _, r := range rules {
		if f := family(r); f != fam {
			fam = f
			fmt.Fprintf(&b, "\n## %s rules\n", strings.ToUpper(f[:1])+f[1:])
		}
		sev := r.Severity.String()
		if r.NonDefault {
			sev += ", off by default (`--enable " + r.Name + "`)"
		}
		fix := "no"
		if r.Fixable {
			fix = "yes"
		}
		fmt.Fprintf(&b, "\n### %s\n\n`%s` · severity: %s · fixable: %s\n\n%s.\n\n%s\n\nBad:\n\n```sh\n%s```\n\nGood:\n\n```sh\n%s```\n\n%s\n",
			r.Name, r.ID, sev, fix, strings.ToUpper(r.Doc.Title[:1])+r.Doc.Title[1:], r.Doc.Why, fenced(r.Doc.Bad), fenced(r.Doc.Good), r.Doc.Fix)
	}
	return b.String()
}
