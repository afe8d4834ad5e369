package envcheck

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/envcheck/envcheck/envcheck/dotenv"
)

// InvalidEncoding reports what keeps a file from being plain UTF-8 text with LF or CRLF line
// endings.
var InvalidEncoding = &Rule{
	ID:       "EC1015",
	Name:     "invalid-encoding",
	Severity: Error,
	Fixable:  true,
	Doc: Doc{
		Title: "the file is not plain UTF-8 text",
		Why: "A byte order mark becomes part of the first key for shells and makes godotenv fail; UTF-16 (what " +
			"some Windows editors save) is unreadable to every loader; invalid UTF-8 and NUL bytes corrupt values; " +
			"lone carriage returns (old Mac line endings) split lines differently in every loader.",
		Bad:  "\ufeffPORT=8080\rHOST=localhost\r",
		Good: "PORT=8080\nHOST=localhost\n",
		Fix: "Save the file as UTF-8 without a byte order mark, with LF (or CRLF) line endings. `envcheck fix` " +
			"removes a byte order mark and turns lone carriage returns into line feeds; it cannot guess the " +
			"encoding of invalid bytes.",
	},
	Run: runInvalidEncoding,
}

func runInvalidEncoding(p *Pass) {
	file := p.File
	if file.Unreadable != "" {
		p.Report(Finding{Message: fmt.Sprintf("the file is encoded as %s, which no env loader reads; save it as UTF-8 without a byte order mark", file.Unreadable)})
		return
	}
	f := file.Env
	if f.BOM {
		p.Reportf(1, 1, "", &Fix{Edits: []Edit{{Start: 0, End: 3}}}, "the file starts with a UTF-8 byte order mark, which godotenv fails on and shells read as part of the first key; remove it")
	}
	for _, l := range f.Lines {
		text := f.Src[l.Start:l.End]
		if i := bytes.IndexByte(text, 0); i >= 0 {
			_, col := pos(f, l.Start+i)
			p.Reportf(l.Num, col, "", nil, "a NUL byte; delete it (it ends the value in C programs and shells)")
		}
		if !utf8.Valid(text) {
			off := l.Start
			for len(text) > 0 {
				r, n := utf8.DecodeRune(text)
				if r == utf8.RuneError && n == 1 {
					break
				}
				text, off = text[n:], off+n
			}
			_, col := pos(f, off)
			p.Reportf(l.Num, col, "", nil, "bytes that are not valid UTF-8 (byte 0x%02X); save the file as UTF-8", f.Src[off])
		}
	}
	var lone []dotenv.Line
	for _, l := range f.Lines {
		if l.EOL == dotenv.CR {
			lone = append(lone, l)
		}
	}
	if len(lone) > 0 {
		eol := dominantEOL(f)
		fix := &Fix{}
		for _, l := range lone {
			fix.Edits = append(fix.Edits, Edit{Start: l.End, End: l.End + 1, New: eol})
		}
		first := lone[0]
		col := utf8.RuneCount(f.Src[first.Start:first.End]) + 1
		msg := "the line ends with a lone carriage return (an old Mac line ending), which loaders split differently; use LF"
		if len(lone) > 1 {
			msg = fmt.Sprintf("%d lines end with a lone carriage return (an old Mac line ending), which loaders split differently; use LF", len(lone))
		}
		p.Reportf(first.Num, col, "", fix, "%s", msg)
	}
}
