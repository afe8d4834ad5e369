package envcheck

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/envcheck/envcheck/envcheck/dotenv"
)

// pos returns the 1-based line and character column of byte offset off in f.
func pos(f *dotenv.File, off int) (line, col int) {
	i := sort.Search(len(f.Lines), func(i int) bool { return f.Lines[i].Start > off }) - 1
	if i < 0 {
		return 1, 1
	}
	l := f.Lines[i]
	if off > l.End {
		off = l.End
	}
	return l.Num, utf8.RuneCount(f.Src[l.Start:off]) + 1
}

// keyPos returns the position of an entry's key.
func keyPos(f *dotenv.File, e *dotenv.Entry) (line, col int) { return pos(f, e.KeyStart) }

// assignments yields the entries of a file that have a key and a separator.
func assignments(f *dotenv.File) []*dotenv.Entry {
	out := make([]*dotenv.Entry, 0, len(f.Entries))
	for i := range f.Entries {
		if e := &f.Entries[i]; e.HasSeparator {
			out = append(out, e)
		}
	}
	return out
}

// quoteValue returns an edit that wraps an unquoted value in quotes without changing what
// godotenv reads, or nil when no quoting keeps the value the same: single quotes when the value
// has no ' and no $ (single quotes stop expansion), double quotes when it has no " and no \
// (double quotes process escapes).
func quoteValue(f *dotenv.File, e *dotenv.Entry) *Fix {
	raw := string(f.Src[e.ValueStart:e.ValueEnd])
	if e.Quote != 0 || raw == "" || !isName(e.Key) || e.Separator != '=' {
		return nil // on a line that is broken elsewhere ("KEY=… with a quote before KEY), quoting makes it worse
	}
	var q string
	switch {
	case !strings.ContainsAny(raw, "'$"):
		q = "'"
	case !strings.ContainsAny(raw, "\"\\"):
		q = `"`
	default:
		return nil
	}
	return &Fix{Edits: []Edit{{Start: e.ValueStart, End: e.ValueStart, New: q}, {Start: e.ValueEnd, End: e.ValueEnd, New: q}}}
}

// dominantEOL returns the line ending most lines of f use ("\n" when there are none).
func dominantEOL(f *dotenv.File) string {
	var lf, crlf int
	for _, l := range f.Lines {
		switch l.EOL {
		case dotenv.LF:
			lf++
		case dotenv.CRLF:
			crlf++
		}
	}
	if crlf > lf {
		return "\r\n"
	}
	return "\n"
}

// deleteNode returns the fix that removes node n entirely.
func deleteNode(f *dotenv.File, n *dotenv.Node) *Fix {
	start := n.Start
	if start == 0 && f.BOM {
		start = len("\xef\xbb\xbf")
	}
	return &Fix{Edits: []Edit{{Start: start, End: n.End}}}
}

func quoteName(q byte) string {
	switch q {
	case '"':
		return "double"
	case '\'':
		return "single"
	case '`':
		return "backtick"
	}
	return ""
}
