package dotenv

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"
)

const bom = "\xef\xbb\xbf"

// Parse parses src. It always returns a complete File; when the file has syntax errors it also
// returns them as an ErrorList (they are in File.Errors too).
func Parse(name string, src []byte) (*File, error) {
	f := &File{Name: name, Src: src}
	p := parser{f: f, src: src}
	p.splitLines()
	p.parse()
	if len(f.Errors) > 0 {
		return f, ErrorList(f.Errors)
	}
	return f, nil
}

type parser struct {
	f          *File
	src        []byte
	candidates int               // lines that may start an entry: an upper bound on len(Entries)
	vars       map[string]string // values so far, built on first use by expansion
}

func (p *parser) splitLines() {
	src := p.src
	start := 0
	if bytes.HasPrefix(src, []byte(bom)) {
		p.f.BOM = true
		start = len(bom)
	}
	lines := make([]Line, 0, bytes.Count(src, []byte{'\n'})+1)
	hasCR := bytes.IndexByte(src, '\r') >= 0
	for n := 1; start < len(src); n++ {
		var end, next int
		eol := LF
		if !hasCR {
			i := bytes.IndexByte(src[start:], '\n')
			if i < 0 {
				end, next, eol = len(src), len(src), NoEOL
			} else {
				end, next = start+i, start+i+1
			}
		} else {
			i := bytes.IndexAny(src[start:], "\r\n")
			switch {
			case i < 0:
				end, next, eol = len(src), len(src), NoEOL
			case src[start+i] == '\n':
				end, next = start+i, start+i+1
			case start+i+1 < len(src) && src[start+i+1] == '\n':
				end, next, eol = start+i, start+i+2, CRLF
			default:
				end, next, eol = start+i, start+i+1, CR
			}
		}
		lines = append(lines, Line{Num: n, Start: start, End: end, EOL: eol})
		if j := skipBlank(src, start, end); j < end && src[j] != '#' {
			p.candidates++
		}
		start = next
	}
	p.f.Lines = lines
}

// lineEnd returns the offset just past line i's line ending.
func (p *parser) lineEnd(i int) int {
	l := p.f.Lines[i]
	return l.End + len(l.EOL.String())
}

func (p *parser) parse() {
	f := p.f
	f.Nodes = make([]Node, 0, len(f.Lines))
	f.Entries = make([]Entry, 0, p.candidates) // growing a slice of large structs costs more than counting
	for i := 0; i < len(f.Lines); {
		l := f.Lines[i]
		start := l.Start
		if i == 0 {
			start = 0 // the BOM belongs to the first node
		}
		j := skipUnicodeSpace(p.src, l.Start, l.End)
		switch {
		case j == l.End:
			f.Nodes = append(f.Nodes, Node{Kind: Blank, Start: start, End: p.lineEnd(i), Line: l.Num, EndLine: l.Num, Entry: -1})
			i++
		case p.src[j] == '#':
			f.Nodes = append(f.Nodes, Node{Kind: Comment, Start: start, End: p.lineEnd(i), Line: l.Num, EndLine: l.Num, Entry: -1, TextStart: j + 1})
			i++
		default:
			last := p.parseEntry(i, j)
			f.Nodes = append(f.Nodes, Node{Kind: Assignment, Start: start, End: p.lineEnd(last), Line: l.Num, EndLine: last + 1, Entry: len(f.Entries) - 1})
			i = last + 1
		}
	}
}

// parseEntry parses the assignment that starts at offset at on line li and returns the index of
// its last line.
func (p *parser) parseEntry(li, at int) int {
	src := p.src
	l := p.f.Lines[li]
	e := Entry{Line: l.Num, LineStart: l.Start, CommentStart: -1, Node: len(p.f.Nodes)}
	e.Col = p.col(li, at)
	pos := at
	if bytes.HasPrefix(src[pos:l.End], []byte("export")) {
		if _, n := isSpaceAt(src, pos+6, l.End); n > 0 {
			e.Export = true
			pos = skipSpace(src, pos+6, l.End)
		}
	}
	e.KeyStart = pos
	sep := -1
	for j := pos; j < l.End; j++ {
		if c := src[j]; c == '=' || c == ':' {
			sep = j
			break
		}
	}
	last := li
	if sep < 0 {
		e.KeyEnd = trimRightUnicodeSpace(src, pos, l.End)
		e.Key = string(src[e.KeyStart:e.KeyEnd])
		e.SepStart, e.ValueStart, e.ValueEnd = e.KeyEnd, e.KeyEnd, e.KeyEnd
		e.EndLine, e.End = l.Num, p.lineEnd(li)
		p.f.Entries = append(p.f.Entries, e)
		return last
	}
	e.HasSeparator = true
	e.Separator = src[sep]
	e.SepStart = sep
	e.KeyEnd = trimRightUnicodeSpace(src, pos, sep)
	e.Key = string(src[e.KeyStart:e.KeyEnd])
	v := skipSpace(src, sep+1, l.End)
	e.ValueStart = v

	if v < l.End && (src[v] == '"' || src[v] == '\'' || src[v] == '`') {
		q := src[v]
		e.Quote = q
		closing := -1
		for j := v + 1; j < len(src); {
			k := bytes.IndexByte(src[j:], q)
			if k < 0 {
				break
			}
			k += j
			if src[k-1] == '\\' { // godotenv and Node dotenv both treat \<quote> as escaped
				j = k + 1
				continue
			}
			closing = k
			break
		}
		if closing < 0 {
			e.Unterminated = true
			e.ValueEnd = trimRightSpace(src, v, l.End)
			e.Value = string(src[v+1 : e.ValueEnd])
			p.errorf(li, v, "unterminated quoted value: the closing %c is missing", q)
		} else {
			for p.f.Lines[last].End < closing {
				last++
			}
			e.ValueEnd = closing + 1
			content := src[v+1 : closing]
			if last > li {
				content = bytes.ReplaceAll(content, []byte("\r\n"), []byte("\n"))
			}
			switch q {
			case '"':
				e.Value = p.expand(expandEscapes(string(content)))
			default:
				e.Value = string(content)
			}
			end := p.f.Lines[last].End
			r := skipSpace(src, closing+1, end)
			if r < end {
				if src[r] == '#' {
					e.CommentStart = r
				} else {
					t := trimRightSpace(src, r, end)
					e.Trailing = string(src[r:t])
					p.errorf(last, r, "unexpected text after the closing %c; quote the whole value or start a comment with ' #'", q)
				}
			}
		}
	} else {
		end := l.End
		// godotenv: the rightmost '#' that follows a space starts the comment.
		c := -1
		for j := end - 1; j > v; j-- {
			if src[j] == '#' {
				if r, _ := utf8.DecodeLastRune(src[v:j]); isSpace(r) {
					c = j
					break
				}
			}
		}
		if c >= 0 {
			e.CommentStart = c
			end = c
		}
		e.ValueEnd = trimRightSpace(src, v, end)
		raw := src[v:e.ValueEnd]
		var s string
		if utf8.Valid(raw) {
			s = string(raw)
		} else {
			s = string([]rune(string(raw))) // godotenv converts the line to runes: each bad byte becomes U+FFFD
		}
		e.Value = p.expand(s)
	}
	e.EndLine = last + 1
	e.End = p.lineEnd(last)
	if e.HasSeparator && p.vars != nil {
		p.vars[e.Key] = e.Value
	}
	p.f.Entries = append(p.f.Entries, e)
	return last
}

func (p *parser) expand(s string) string {
	if !containsByte(s, '$') {
		return s
	}
	return expandVariables(s, p.lookup)
}

// nearby is how many earlier entries lookup scans before it falls back to a map of every key:
// references almost always name a key defined a few lines up, and maintaining the map for every
// entry of a large file costs more than the rest of parsing.
const nearby = 16

// lookup returns the value of the latest entry so far that assigns key ("" when none does).
func (p *parser) lookup(key string) string {
	if p.vars != nil {
		return p.vars[key]
	}
	es := p.f.Entries
	for i := len(es) - 1; i >= 0 && i >= len(es)-nearby; i-- {
		if es[i].Key == key && es[i].HasSeparator {
			return es[i].Value
		}
	}
	if len(es) <= nearby {
		return ""
	}
	p.vars = make(map[string]string, cap(es))
	for i := range es {
		if es[i].HasSeparator {
			p.vars[es[i].Key] = es[i].Value
		}
	}
	return p.vars[key]
}

func (p *parser) col(li, off int) int {
	return utf8.RuneCount(p.src[p.f.Lines[li].Start:off]) + 1
}

func (p *parser) errorf(li, off int, format string, args ...any) {
	p.f.Errors = append(p.f.Errors, &ParseError{
		File: p.f.Name, Line: li + 1, Col: p.col(li, off), Msg: fmt.Sprintf(format, args...),
	})
}

// isSpace is godotenv's notion of a blank inside a line.
func isSpace(r rune) bool {
	switch r {
	case '\t', '\v', '\f', '\r', ' ', 0x85, 0xA0:
		return true
	}
	return false
}

// isSpaceAt reports whether src[i:end] starts with an isSpace rune, and its width.
func isSpaceAt(src []byte, i, end int) (bool, int) {
	if i >= end {
		return false, 0
	}
	if c := src[i]; c < utf8.RuneSelf {
		if isSpace(rune(c)) {
			return true, 1
		}
		return false, 0
	}
	r, n := utf8.DecodeRune(src[i:end])
	if isSpace(r) {
		return true, n
	}
	return false, 0
}

func skipSpace(src []byte, i, end int) int {
	for i < end {
		ok, n := isSpaceAt(src, i, end)
		if !ok {
			break
		}
		i += n
	}
	return i
}

func trimRightSpace(src []byte, start, end int) int {
	for end > start {
		r, n := utf8.DecodeLastRune(src[start:end])
		if !isSpace(r) {
			break
		}
		end -= n
	}
	return end
}

func skipBlank(src []byte, i, end int) int {
	for i < end && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

func skipUnicodeSpace(src []byte, i, end int) int {
	for i < end {
		c := src[i]
		if c < utf8.RuneSelf {
			if c != ' ' && c != '\t' && c != '\v' && c != '\f' {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:end])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

func trimRightUnicodeSpace(src []byte, start, end int) int {
	for end > start {
		r, n := utf8.DecodeLastRune(src[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return end
}

func containsByte(s string, b byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return true
		}
	}
	return false
}
