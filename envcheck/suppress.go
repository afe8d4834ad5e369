package envcheck

import (
	"strings"
	"unicode/utf8"

	"github.com/envcheck/envcheck/envcheck/dotenv"
)

const directivePrefix = "envcheck:ignore"

// A directive is a suppression comment: `# envcheck:ignore <rule>[,<rule>…] <reason>` on the
// lines directly above an entry or at the end of its line, or `# envcheck:ignore-file …` in the
// comments before the first entry.
type directive struct {
	line, col int
	wholeFile bool
	rules     []string // names or ids as written
	reason    string
}

// parseDirective reads a directive from comment text (what follows '#').
func parseDirective(text string) (directive, bool) {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, directivePrefix) {
		return directive{}, false
	}
	rest := t[len(directivePrefix):]
	var d directive
	if strings.HasPrefix(rest, "-file") {
		d.wholeFile = true
		rest = rest[len("-file"):]
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return directive{}, false // envcheck:ignored, say: not ours
	}
	rest = strings.TrimSpace(rest)
	list, reason, _ := strings.Cut(rest, " ")
	if i := strings.IndexByte(list, '\t'); i >= 0 {
		list, reason = list[:i], list[i+1:]+" "+reason
	}
	for _, r := range strings.Split(list, ",") {
		if r = strings.TrimSpace(r); r != "" {
			d.rules = append(d.rules, r)
		}
	}
	d.reason = strings.TrimSpace(reason)
	return d, true
}

// directives returns every directive in f with the entry line range it covers (0, 0 for a
// whole-file directive).
type scopedDirective struct {
	directive
	from, to int
}

func directives(f *dotenv.File) []scopedDirective {
	var out []scopedDirective
	header := true
	for i := range f.Nodes {
		n := &f.Nodes[i]
		switch n.Kind {
		case dotenv.Comment:
			d, ok := parseDirective(f.CommentText(n))
			if !ok {
				continue
			}
			d.line, d.col = n.Line, commentCol(f, n)
			sd := scopedDirective{directive: d}
			if d.wholeFile {
				if !header {
					continue // reported by invalid-suppression; it has no effect here
				}
				out = append(out, sd)
				continue
			}
			// It covers the entry the comment block it sits in is attached to.
			j := i + 1
			for j < len(f.Nodes) && f.Nodes[j].Kind == dotenv.Comment {
				j++
			}
			if j < len(f.Nodes) && f.Nodes[j].Kind == dotenv.Assignment {
				sd.from, sd.to = f.Nodes[j].Line, f.Nodes[j].EndLine
			} else {
				sd.from, sd.to = -1, -1 // attached to nothing
			}
			out = append(out, sd)
		case dotenv.Assignment:
			header = false
			e := &f.Entries[n.Entry]
			if e.CommentStart < 0 {
				continue
			}
			d, ok := parseDirective(strings.TrimPrefix(f.InlineComment(e), "#"))
			if !ok {
				continue
			}
			d.line = e.EndLine
			d.col = utf8.RuneCount(f.Src[f.Lines[e.EndLine-1].Start:e.CommentStart]) + 1
			out = append(out, scopedDirective{directive: d, from: e.Line, to: e.EndLine})
		}
	}
	return out
}

func commentCol(f *dotenv.File, n *dotenv.Node) int {
	l := f.Lines[n.Line-1]
	return utf8.RuneCount(f.Src[l.Start:n.TextStart-1]) + 1
}

// suppress drops the findings that a valid directive covers.
func (p *Project) suppress(findings []Finding) []Finding {
	byPath := map[string][]scopedDirective{}
	for _, f := range p.Files {
		if f.Env != nil && f.Checked {
			if ds := directives(f.Env); len(ds) > 0 {
				byPath[f.Path] = ds
			}
		}
	}
	if len(byPath) == 0 {
		return findings
	}
	out := findings[:0]
	for _, fd := range findings {
		if fd.Rule != InvalidSuppression && suppressed(fd, byPath[fd.File], p.Options.Rules) {
			continue
		}
		out = append(out, fd)
	}
	return out
}

func suppressed(fd Finding, ds []scopedDirective, registry []*Rule) bool {
	for _, d := range ds {
		if d.reason == "" {
			continue // a suppression without a reason does not suppress
		}
		if !d.wholeFile && (fd.Line < d.from || fd.Line > d.to || fd.Line == 0) {
			continue
		}
		for _, name := range d.rules {
			if r, ok := Lookup(registry, name); ok && r == fd.Rule {
				return true
			}
		}
	}
	return false
}
