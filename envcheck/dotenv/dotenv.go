// Package dotenv is a lossless parser for .env files.
//
// Parse keeps every byte of its input: the file is a sequence of nodes (blank lines, comment lines,
// assignments) that cover the source exactly, so File.Bytes always returns the input unchanged, and
// tools can edit a file by byte ranges without disturbing anything else.
//
// # Dialect
//
// Resolved values (Entry.Value) follow github.com/joho/godotenv v1.5.1, the loader most Go programs
// use, so a value envcheck validates is the value the program will see:
//
//   - an unquoted value runs to the end of the line; the rightmost '#' that follows a space or tab
//     starts a comment; surrounding spaces are trimmed;
//   - a value in single or double quotes may span lines; a quote preceded by a backslash does not
//     close it; double-quoted values turn \n and \r into newline and carriage return and drop the
//     backslash before any other character except '$';
//   - unquoted and double-quoted values expand $NAME and ${NAME} (NAME in [A-Z0-9_]) from keys
//     assigned earlier in the same file; \$ is a literal dollar; single-quoted values are literal;
//   - "export KEY=…" and the YAML-like "KEY: value" are accepted; CRLF is read as LF.
//
// Deliberate differences, each covered by a test (TestGodotenvDifferences):
//
//   - Backtick quotes (`…`) are read like single quotes, as the Node dotenv package does; godotenv
//     keeps the backticks as part of the value. envcheck's quote-character rule points this out.
//   - A quoted value whose content ends in an escaped quote ("a\"") keeps that quote; godotenv
//     drops it, because it trims every trailing quote character.
//   - A lone carriage return ends a line, as it does in editors; godotenv only ends comments at LF.
//   - Input godotenv rejects is still parsed, so every problem can be reported: a UTF-8 byte order
//     mark is skipped (File.BOM), a line without '=' becomes an Entry with HasSeparator false, an
//     unterminated quote ends its value at the end of the line, and text after a closing quote is
//     kept in Entry.Trailing. The last two are also recorded in File.Errors.
package dotenv

import (
	"fmt"
	"strings"
)

// A File is a parsed .env file.
type File struct {
	Name    string
	Src     []byte
	BOM     bool    // the file starts with a UTF-8 byte order mark
	Lines   []Line  // physical lines, in order
	Nodes   []Node  // blank lines, comments and assignments, covering Src exactly
	Entries []Entry // the assignments, in order
	Errors  []*ParseError
}

// A Line is one physical line of a file.
type Line struct {
	Num   int // 1-based
	Start int // offset of the line's first byte (after the BOM on line 1)
	End   int // offset just past the line's content, before its line ending
	EOL   EOL
}

// EOL is the line ending that terminates a Line.
type EOL uint8

// Line endings.
const (
	NoEOL EOL = iota // the last line of a file without a final newline
	LF
	CRLF
	CR
)

// String returns the bytes of the line ending.
func (e EOL) String() string {
	switch e {
	case LF:
		return "\n"
	case CRLF:
		return "\r\n"
	case CR:
		return "\r"
	}
	return ""
}

// Kind is the kind of a Node.
type Kind uint8

// Node kinds.
const (
	Blank Kind = iota
	Comment
	Assignment
)

// A Node is a blank line, a comment line or an assignment (which may span lines).
type Node struct {
	Kind      Kind
	Start     int // offset of the first byte, including leading whitespace (and the BOM on line 1)
	End       int // offset just past the last line ending
	Line      int // first line, 1-based
	EndLine   int // last line, inclusive
	Entry     int // index into File.Entries for an Assignment, -1 otherwise
	TextStart int // Comment: offset just past '#'
}

// An Entry is one assignment: [export] KEY=VALUE [# comment].
type Entry struct {
	Key          string
	Export       bool
	HasSeparator bool
	Separator    byte   // '=' or ':' when HasSeparator
	Quote        byte   // 0, '\'', '"' or '`'
	Value        string // resolved, as godotenv would return it
	Unterminated bool   // the opening quote is never closed
	Trailing     string // text after the closing quote (a syntax error)

	Line, Col int // position of the key (or of "export"): 1-based line, 1-based column in characters
	EndLine   int // last line of the entry

	// Byte offsets into File.Src. ValueStart == ValueEnd for an empty value; the value range
	// includes its quotes. CommentStart is the offset of the inline '#' or -1.
	LineStart, KeyStart, KeyEnd, SepStart, ValueStart, ValueEnd, CommentStart, End int

	Node int // index into File.Nodes
}

// A ParseError is a syntax error at a position in a file.
type ParseError struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// ErrorList is the error Parse returns when a file has syntax errors.
type ErrorList []*ParseError

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Unwrap returns the errors for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Bytes prints the file: the concatenation of its nodes, which is exactly the parsed input.
func (f *File) Bytes() []byte {
	out := make([]byte, 0, len(f.Src))
	if len(f.Nodes) == 0 {
		return append(out, f.Src...)
	}
	for _, n := range f.Nodes {
		out = append(out, f.Src[n.Start:n.End]...)
	}
	return out
}

// RawKey returns the key exactly as written.
func (f *File) RawKey(e *Entry) string { return string(f.Src[e.KeyStart:e.KeyEnd]) }

// RawValue returns the value exactly as written, quotes included, without surrounding blanks or
// the inline comment.
func (f *File) RawValue(e *Entry) string { return string(f.Src[e.ValueStart:e.ValueEnd]) }

// InlineComment returns the inline comment of e, '#' included, or "".
func (f *File) InlineComment(e *Entry) string {
	if e.CommentStart < 0 {
		return ""
	}
	end := e.End
	l := f.Lines[e.EndLine-1]
	if l.End < end {
		end = l.End
	}
	return string(f.Src[e.CommentStart:end])
}

// CommentText returns the text of a Comment node after '#', without its line ending.
func (f *File) CommentText(n *Node) string {
	if n.Kind != Comment {
		return ""
	}
	return string(f.Src[n.TextStart:f.Lines[n.Line-1].End])
}

// Doc returns the comment block directly above e (no blank line between), one string per line
// with the '#' and one following space removed.
func (f *File) Doc(e *Entry) []string {
	first := e.Node
	for first > 0 && f.Nodes[first-1].Kind == Comment {
		first--
	}
	if first == e.Node {
		return nil
	}
	doc := make([]string, 0, e.Node-first)
	for i := first; i < e.Node; i++ {
		doc = append(doc, strings.TrimPrefix(f.CommentText(&f.Nodes[i]), " "))
	}
	return doc
}

// LineText returns the content of line n (1-based) without its line ending.
func (f *File) LineText(n int) string {
	l := f.Lines[n-1]
	return string(f.Src[l.Start:l.End])
}

// Lookup returns the last entry with the given key, as a loader would see it.
func (f *File) Lookup(key string) (*Entry, bool) {
	for i := len(f.Entries) - 1; i >= 0; i-- {
		if f.Entries[i].Key == key && f.Entries[i].HasSeparator {
			return &f.Entries[i], true
		}
	}
	return nil, false
}

// Map returns the resolved values as godotenv.Parse would: the last assignment of a key wins.
// Entries without a separator are left out.
func (f *File) Map() map[string]string {
	m := make(map[string]string, len(f.Entries))
	for i := range f.Entries {
		if e := &f.Entries[i]; e.HasSeparator {
			m[e.Key] = e.Value
		}
	}
	return m
}
