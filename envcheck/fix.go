package envcheck

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/envcheck/envcheck/envcheck/dotenv"
)

// `envcheck fix` repairs what is safe to repair: text edits of the fixable rules (to a
// fixpoint, through Project.FixText), permission bits (Fix.Mode), and lines appended to other
// files such as .gitignore and .dockerignore (Fix.Changes). PlanFixes works out every change
// without writing; Apply writes them (DESIGN §9); Diff shows them. Findings without a Fix are
// left for a human: the check after the fix lists them.

// A FileFix is every change to one file.
type FileFix struct {
	Path      string // display path
	OSPath    string
	Exists    bool
	Old       []byte      // the content read
	New       []byte      // the content to write; equal to Old when only the mode changes
	OldMode   fs.FileMode // permission bits now (0 for a new file)
	Mode      fs.FileMode // permission bits to set; 0 keeps OldMode (0o644 for a new file)
	Rules     []string    // the rules whose findings the content change repairs, sorted
	ModeRules []string    // the rules whose findings the mode change repairs
	Added     []string    // lines appended to the file
	Skip      error       // why the file is left alone (a symbolic link); nil when it is written

	file    *File          // the env file or template, for masking values in diffs
	verify  []func() error // run after writing
	appends []string       // lines the findings ask for, before the ones already present are dropped
}

// ContentChanged reports whether the file's content changes.
func (ff *FileFix) ContentChanged() bool { return !bytes.Equal(ff.Old, ff.New) || !ff.Exists }

// ModeChanged reports whether the file's permission bits change.
func (ff *FileFix) ModeChanged() bool { return ff.Exists && ff.Mode != 0 && ff.Mode != ff.OldMode }

// A FixPlan is what `envcheck fix` would do.
type FixPlan struct {
	Project *Project
	Files   []*FileFix // sorted by path; only files that change (or are skipped)
	writer  fileWriter
}

// PlanFixes works out the repairs for findings (those of p.Run) without writing anything.
func (p *Project) PlanFixes(findings []Finding) (*FixPlan, error) {
	plan := &FixPlan{Project: p, writer: osWriter()}
	byPath := map[string]*FileFix{}
	get := func(osPath, display string) (*FileFix, error) {
		if ff, ok := byPath[osPath]; ok {
			return ff, nil
		}
		ff := &FileFix{Path: display, OSPath: osPath}
		info, err := os.Lstat(osPath)
		switch {
		case err == nil && info.Mode()&fs.ModeSymlink != 0:
			ff.Exists, ff.Skip = true, ErrSymlink
		case err == nil && !info.Mode().IsRegular():
			ff.Exists, ff.Skip = true, fmt.Errorf("is not a regular file (%s)", fileType(info.Mode()))
		case err == nil:
			ff.Exists, ff.OldMode = true, info.Mode().Perm()
			if ff.Old, err = os.ReadFile(osPath); err != nil {
				return nil, pathError(display, err)
			}
		case errors.Is(err, fs.ErrNotExist):
		default:
			return nil, pathError(display, err)
		}
		ff.New = ff.Old
		byPath[osPath] = ff
		return ff, nil
	}
	addRule := func(ff *FileFix, name string) {
		if !contains(ff.Rules, name) {
			ff.Rules = append(ff.Rules, name)
		}
	}

	// Text edits, file by file.
	for _, f := range p.Checked() {
		if f.Env == nil || f.Unreadable != "" {
			continue
		}
		src, fixed, err := p.FixText(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		if len(fixed) == 0 || bytes.Equal(src, f.Env.Src) {
			continue
		}
		ff, err := get(f.OSPath, f.Path)
		if err != nil {
			return nil, err
		}
		ff.file = f
		if ff.Skip == nil && !bytes.Equal(ff.Old, f.Env.Src) {
			ff.Skip = errors.New("changed since envcheck read it; run envcheck fix again")
		}
		ff.New = src
		for _, fd := range fixed {
			addRule(ff, fd.Rule.Name)
		}
	}

	// Modes and changes to other files, in finding order.
	files := map[string]*File{}
	for _, f := range p.Files {
		files[f.Path] = f
	}
	for _, fd := range findings {
		if fd.Fix == nil {
			continue
		}
		if fd.Fix.Mode != 0 {
			if f := files[fd.File]; f != nil {
				ff, err := get(f.OSPath, f.Path)
				if err != nil {
					return nil, err
				}
				ff.file = f
				ff.Mode = fd.Fix.Mode
				if !contains(ff.ModeRules, fd.Rule.Name) {
					ff.ModeRules = append(ff.ModeRules, fd.Rule.Name)
				}
			}
		}
		for _, ch := range fd.Fix.Changes {
			ff, err := get(ch.Path, p.displayOutside(ch.Path))
			if err != nil {
				return nil, err
			}
			addRule(ff, fd.Rule.Name)
			ff.appends = append(ff.appends, ch.Append...)
			if ch.Verify != nil {
				ff.verify = append(ff.verify, ch.Verify)
			}
		}
	}
	for _, ff := range byPath {
		if len(ff.appends) > 0 {
			ff.Added = linesToAppend(ff.Old, ff.appends)
			ff.New = appendLines(ff.Old, ff.Added)
		}
		sort.Strings(ff.Rules)
		if ff.Skip != nil || ff.ContentChanged() || ff.ModeChanged() {
			plan.Files = append(plan.Files, ff)
		}
	}
	sort.Slice(plan.Files, func(i, j int) bool { return plan.Files[i].Path < plan.Files[j].Path })
	return plan, nil
}

// linesToAppend returns the wanted lines that the file does not already provide, in order. A
// pattern counts as present when the file has it and no later line negates it; a `!` line is
// added again when a pattern appended before it could override the earlier copy.
func linesToAppend(old []byte, want []string) []string {
	var have []string
	for _, l := range strings.Split(string(old), "\n") {
		have = append(have, strings.TrimRight(l, " \t\r"))
	}
	lastIndex := func(s string) int {
		for i := len(have) - 1; i >= 0; i-- {
			if have[i] == s {
				return i
			}
		}
		return -1
	}
	var out []string
	positiveAdded := false
	for _, line := range want {
		if contains(out, line) {
			continue
		}
		neg := strings.HasPrefix(line, "!")
		i := lastIndex(line)
		var opposite string
		if neg {
			opposite = line[1:]
		} else {
			opposite = "!" + line
		}
		present := i >= 0 && lastIndex(opposite) < i
		if neg && positiveAdded {
			present = false
		}
		if present {
			continue
		}
		out = append(out, line)
		if !neg {
			positiveAdded = true
		}
	}
	return out
}

// appendLines adds lines at the end of a file, in its line-ending style, after a final newline
// if the file lacks one.
func appendLines(old []byte, lines []string) []byte {
	if len(lines) == 0 {
		return old
	}
	eol := "\n"
	if bytes.Count(old, []byte("\r\n")) > bytes.Count(old, []byte("\n"))/2 {
		eol = "\r\n"
	}
	out := append([]byte(nil), old...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, eol...)
	}
	for _, l := range lines {
		out = append(out, l...)
		out = append(out, eol...)
	}
	return out
}

// A FixOutcome is what happened to one file.
type FixOutcome struct {
	File      *FileFix
	Err       error // the write failed: the file is as it was
	VerifyErr error // written, but the problem it was meant to solve remains
}

// Apply writes the plan's changes. Every file is written on its own: a failure leaves that
// file intact and the others are still written. Then, with every file written, the repairs that
// can be verified are (git asked again, ignore files re-read). A plan is applied once.
func (plan *FixPlan) Apply() []FixOutcome {
	out := make([]FixOutcome, len(plan.Files))
	for i, ff := range plan.Files {
		out[i].File = ff
		if ff.Skip == nil {
			out[i].Err = plan.apply(ff)
		}
	}
	for i, ff := range plan.Files {
		if ff.Skip != nil || out[i].Err != nil {
			continue
		}
		for _, v := range ff.verify {
			if err := v(); err != nil {
				out[i].VerifyErr = err
				break
			}
		}
	}
	return out
}

func (plan *FixPlan) apply(ff *FileFix) error {
	if ff.Exists {
		// Someone may have edited the file since it was read: never overwrite their change.
		now, err := os.ReadFile(ff.OSPath)
		if err != nil {
			return err
		}
		if !bytes.Equal(now, ff.Old) {
			return errors.New("changed while envcheck was fixing it; run envcheck fix again")
		}
	}
	if !ff.ContentChanged() {
		return chmodNoFollow(ff.OSPath, ff.Mode)
	}
	mode, keep := ff.Mode, ff.Mode == 0
	if !ff.Exists && mode == 0 {
		mode = 0o644 // .gitignore and .dockerignore are committed, not secret
	}
	return plan.writer.writeAtomic(ff.OSPath, ff.New, mode, keep)
}

// Diff returns the plan's content changes as unified diffs (name.orig / name), with the values
// of sensitive keys, and anything shaped like a credential, replaced by their shapes.
func (plan *FixPlan) Diff() string {
	var b strings.Builder
	secrets := plan.Project.secretValues()
	for _, ff := range plan.Files {
		if ff.Skip != nil || !ff.ContentChanged() {
			continue
		}
		oldText, newText := ff.Old, ff.New
		if ff.file != nil {
			oldText, newText = plan.Project.maskValues(ff.file, oldText), plan.Project.maskValues(ff.file, newText)
		}
		b.WriteString(UnifiedDiff(ff.Path+".orig", ff.Path, oldText, newText))
	}
	return RedactString(b.String(), secrets)
}

// maskValues replaces the secret values in an env file's text with their masks, quotes kept.
func (p *Project) maskValues(f *File, src []byte) []byte {
	parsed, _ := dotenv.Parse(f.Path, src)
	var edits []Edit
	for i := range parsed.Entries {
		e := &parsed.Entries[i]
		if !e.HasSeparator || e.ValueEnd <= e.ValueStart {
			continue
		}
		if !p.MustHide(f, e.Key, e.Value) {
			continue
		}
		q := ""
		if e.Quote != 0 {
			q = string(e.Quote)
		}
		edits = append(edits, Edit{Start: e.ValueStart, End: e.ValueEnd, New: q + Mask(e.Value) + q})
	}
	out, _, err := ApplyEdits(src, [][]Edit{edits})
	if err != nil {
		return []byte(fmt.Sprintf("(%s cannot be shown safely)\n", f.Path))
	}
	return out
}
