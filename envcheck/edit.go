package envcheck

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/envcheck/envcheck/envcheck/dotenv"
)

// ApplyEdits applies groups of edits to src. A group (the edits of one fix) is applied whole or
// not at all: a group that overlaps one accepted before it is deferred and returned, so the caller
// can run the rules again on the new text and retry. Groups are taken in order of position.
func ApplyEdits(src []byte, groups [][]Edit) (out []byte, deferred [][]Edit, err error) {
	type group struct {
		edits      []Edit
		start, end int
	}
	gs := make([]group, 0, len(groups))
	for _, g := range groups {
		if len(g) == 0 {
			continue
		}
		edits := append([]Edit(nil), g...)
		sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
		for i, e := range edits {
			if e.Start < 0 || e.End < e.Start || e.End > len(src) {
				return nil, nil, fmt.Errorf("edit [%d:%d] is outside the file (%d bytes)", e.Start, e.End, len(src))
			}
			if i > 0 && e.Start < edits[i-1].End {
				return nil, nil, fmt.Errorf("edits [%d:%d] and [%d:%d] of one fix overlap", edits[i-1].Start, edits[i-1].End, e.Start, e.End)
			}
		}
		gs = append(gs, group{edits: edits, start: edits[0].Start, end: edits[len(edits)-1].End})
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].start < gs[j].start })
	var accepted []Edit
	lastEnd, lastInsert := -1, false
	for _, g := range gs {
		insert := g.edits[0].Start == g.edits[0].End
		if g.start < lastEnd || (g.start == lastEnd && (insert || lastInsert)) {
			deferred = append(deferred, g.edits)
			continue
		}
		accepted = append(accepted, g.edits...)
		last := g.edits[len(g.edits)-1]
		lastEnd, lastInsert = g.end, last.Start == last.End
	}
	var b bytes.Buffer
	b.Grow(len(src))
	pos := 0
	for _, e := range accepted {
		b.Write(src[pos:e.Start])
		b.WriteString(e.New)
		pos = e.End
	}
	b.Write(src[pos:])
	return b.Bytes(), deferred, nil
}

// maxFixRounds bounds the fix loop: each round applies every edit that does not overlap another,
// then runs the rules again on the result.
const maxFixRounds = 10

// FixText repairs f's text with the edits of the project's fixable rules, round after round until
// nothing changes, and returns the new content and the findings it repaired. It does not write
// anything; f itself is left unchanged.
func (p *Project) FixText(f *File) ([]byte, []Finding, error) {
	if f.Env == nil || f.Unreadable != "" {
		return nil, nil, nil
	}
	src := f.Env.Src
	var fixed []Finding
	for round := 0; round < maxFixRounds; round++ {
		cur := *f
		cur.Env, _ = dotenv.Parse(f.Path, src)
		var edits [][]Edit
		var from []Finding
		for _, fd := range p.runOn(&cur) {
			if fd.Fix != nil && len(fd.Fix.Edits) > 0 {
				edits = append(edits, fd.Fix.Edits)
				from = append(from, fd)
			}
		}
		if len(edits) == 0 {
			return src, fixed, nil
		}
		next, _, err := ApplyEdits(src, edits)
		if err != nil {
			return nil, nil, err
		}
		if bytes.Equal(next, src) {
			return src, fixed, nil
		}
		src = next
		fixed = append(fixed, from...)
	}
	return src, fixed, nil
}

// runOn runs the project's per-file rules on one file and applies its suppressions.
func (p *Project) runOn(f *File) []Finding {
	var findings []Finding
	var errs []error
	for _, r := range p.Rules {
		if r.Scope != PerFile {
			continue
		}
		pass := &Pass{Rule: r, Project: p, File: f, findings: &findings, errs: &errs}
		pass.run()
	}
	ds := directives(f.Env)
	out := findings[:0]
	for _, fd := range findings {
		if fd.Rule != InvalidSuppression && suppressed(fd, ds, p.Options.Rules) {
			continue
		}
		out = append(out, fd)
	}
	return out
}
