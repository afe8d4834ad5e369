package envcheck

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// A DiffResult compares the keys and values of env files.
type DiffResult struct {
	Files []string  // display paths, in the order given
	Keys  []KeyDiff // every key of any file, in order of first appearance
}

// A KeyDiff is one key across the compared files.
type KeyDiff struct {
	Key       string
	Sensitive bool        // its values are never shown: only whether they are the same
	Status    string      // "same", "differs" or "missing" (absent from some file)
	Values    []DiffValue // one per file, in the order of DiffResult.Files
}

// A DiffValue is a key's value in one file, as far as it may be shown.
type DiffValue struct {
	// State is "missing"; or "set" for a value that is shown, and for the first value of a
	// sensitive key; or "same" or "differs" for a later value of a sensitive key, compared with
	// that first one.
	State string
	Value string // the value when it may be shown; always "" for a sensitive key
	Empty bool   // the value is empty (a shape, safe to show even for a secret)
}

// Differs reports whether the files differ in their keys or values.
func (r *DiffResult) Differs() bool {
	for _, k := range r.Keys {
		if k.Status != "same" {
			return true
		}
	}
	return false
}

// Missing returns the keys absent from file i.
func (r *DiffResult) Missing(i int) []string {
	var out []string
	for _, k := range r.Keys {
		if k.Values[i].State == "missing" {
			out = append(out, k.Key)
		}
	}
	return out
}

// Diff compares env files (named, or found in named directories) key by key. A key is sensitive,
// and its values are only said to be the same or to differ, when it is sensitive in any file
// (by its schema or its name) or any of its values is a URL with a password or a known credential.
// Files that cannot be read are returned as errors; fewer than two files is a usage error.
func Diff(opts Options) (*DiffResult, []error, error) {
	opts.Rules = []*Rule{}
	p, errs, err := Load(opts)
	if err != nil {
		return nil, nil, err
	}
	files := diffOrder(p, opts.Paths)
	for _, f := range files {
		if f.Unreadable != "" {
			errs = append(errs, &FileError{Path: f.Path, Msg: fmt.Sprintf("is encoded as %s; save it as UTF-8 to compare it", f.Unreadable)})
		}
	}
	if len(errs) > 0 {
		return nil, errs, nil
	}
	if len(files) < 2 {
		return nil, nil, &UsageError{Msg: fmt.Sprintf("diff compares two or more different env files; %d found (a file named twice counts once)", len(files))}
	}
	r := &DiffResult{}
	index := map[string]int{}
	for _, f := range files {
		r.Files = append(r.Files, f.Path)
	}
	type cell struct {
		present bool
		value   string
	}
	var cells [][]cell
	for fi, f := range files {
		for i := range f.Env.Entries {
			e := &f.Env.Entries[i]
			if e.Key == "" {
				continue
			}
			k, ok := index[e.Key]
			if !ok {
				k = len(r.Keys)
				index[e.Key] = k
				r.Keys = append(r.Keys, KeyDiff{Key: e.Key})
				cells = append(cells, make([]cell, len(files)))
			}
			c := cell{present: true}
			if le, ok := f.Env.Lookup(e.Key); ok {
				c.value = le.Value
			}
			cells[k][fi] = c
		}
	}
	for k := range r.Keys {
		kd := &r.Keys[k]
		for fi, f := range files {
			c := cells[k][fi]
			if (c.present && p.MustHide(f, kd.Key, c.value)) || p.IsSensitive(f, kd.Key) {
				kd.Sensitive = true
			}
		}
		kd.Status = "same"
		first := -1
		for fi := range files {
			c := cells[k][fi]
			v := DiffValue{State: "missing"}
			switch {
			case !c.present:
				kd.Status = "missing"
			case first < 0:
				first = fi
				v = DiffValue{State: "set", Empty: c.value == ""}
			default:
				v = DiffValue{State: "set", Empty: c.value == ""}
				if c.value != cells[k][first].value {
					if kd.Status == "same" {
						kd.Status = "differs"
					}
					if kd.Sensitive {
						v.State = "differs"
					}
				} else if kd.Sensitive {
					v.State = "same"
				}
			}
			if c.present && !kd.Sensitive {
				v.Value = c.value
			}
			kd.Values = append(kd.Values, v)
		}
	}
	return r, nil, nil
}

// diffOrder lists the files to compare: named files in the order given, then the env files and
// templates found in named directories, in path order.
func diffOrder(p *Project, paths []string) []*File {
	var out []*File
	seen := map[*File]bool{}
	for _, arg := range paths {
		abs := arg
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(p.Dir, arg)
		}
		if st, err := os.Stat(abs); err == nil && st.IsDir() {
			for _, f := range p.Files {
				if f.Checked && !seen[f] && !f.Named && strings.HasPrefix(mustAbs(f.OSPath), filepath.Clean(abs)+string(filepath.Separator)) {
					seen[f] = true
					out = append(out, f)
				}
			}
			continue
		}
		if f := p.byOSPath(mustAbs(abs)); f != nil && f.Checked && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// WriteDiff writes a DiffResult as text (the keys that differ, side by side, and what each file
// lacks) or as JSON (every key).
func WriteDiff(w io.Writer, format string, r *DiffResult) error {
	switch format {
	case "json":
		return writeDiffJSON(w, r)
	case "text", "":
		return writeDiffText(w, r)
	}
	return &UsageError{Msg: fmt.Sprintf("--format %s: unknown format; use text or json", format)}
}

func writeDiffText(w io.Writer, r *DiffResult) error {
	if !r.Differs() {
		_, err := fmt.Fprintf(w, "no differences: %s have the same %s\n", joinAnd(r.Files), plural(len(r.Keys), "key and value", "keys and values"))
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprint(tw, "KEY")
	for _, f := range r.Files {
		fmt.Fprintf(tw, "\t%s", f)
	}
	fmt.Fprintln(tw)
	differ := 0
	for _, k := range r.Keys {
		if k.Status == "same" {
			continue
		}
		differ++
		fmt.Fprint(tw, k.Key)
		for _, v := range k.Values {
			fmt.Fprintf(tw, "\t%s", cellText(k, v))
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for i, f := range r.Files {
		if m := r.Missing(i); len(m) > 0 {
			fmt.Fprintf(w, "%s is missing %s: %s\n", f, plural(len(m), "key", "keys"), strings.Join(m, ", "))
		}
	}
	verb := "differ"
	if differ == 1 {
		verb = "differs"
	}
	_, err := fmt.Fprintf(w, "%d of %s %s between %s\n", differ, plural(len(r.Keys), "key", "keys"), verb, joinAnd(r.Files))
	return err
}

// cellText is what the text table shows for one value: never a sensitive one.
func cellText(k KeyDiff, v DiffValue) string {
	switch {
	case v.State == "missing":
		return "(missing)"
	case v.Empty:
		return "(empty)"
	case k.Sensitive && v.State == "set":
		return "(sensitive)"
	case k.Sensitive:
		return "(" + v.State + ")"
	}
	s := v.Value
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	if strings.ContainsAny(s, " \t\"'\\") || strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		s = strconv.Quote(s)
	}
	return s
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

type jsonDiffValue struct {
	File  string  `json:"file"`
	State string  `json:"state"`
	Value *string `json:"value,omitempty"`
}

type jsonKeyDiff struct {
	Key       string          `json:"key"`
	Sensitive bool            `json:"sensitive"`
	Status    string          `json:"status"`
	Values    []jsonDiffValue `json:"values"`
}

type jsonDiff struct {
	Version int                 `json:"version"`
	Files   []string            `json:"files"`
	Differ  bool                `json:"differ"`
	Missing map[string][]string `json:"missing"`
	Keys    []jsonKeyDiff       `json:"keys"`
}

func writeDiffJSON(w io.Writer, r *DiffResult) error {
	out := jsonDiff{Version: JSONVersion, Files: r.Files, Differ: r.Differs(), Missing: map[string][]string{}, Keys: []jsonKeyDiff{}}
	for i, f := range r.Files {
		out.Missing[f] = append([]string{}, r.Missing(i)...)
	}
	for _, k := range r.Keys {
		jk := jsonKeyDiff{Key: k.Key, Sensitive: k.Sensitive, Status: k.Status}
		for i, v := range k.Values {
			jv := jsonDiffValue{File: r.Files[i], State: v.State}
			if v.State != "missing" && !k.Sensitive {
				value := v.Value
				jv.Value = &value
			}
			jk.Values = append(jk.Values, jv)
		}
		out.Keys = append(out.Keys, jk)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
