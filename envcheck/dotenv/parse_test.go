package dotenv

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/joho/godotenv"
)

// agreeCases are inputs godotenv accepts; Parse must resolve every one to the same map.
var agreeCases = []string{
	"",
	"\n\n",
	"A=1",
	"A=1\n",
	"A=1\r\nB=2\r\n",
	"export A=1\n",
	"export\tA=1\n",
	"exportA=1\n",
	"A = 1\n",
	"  A=1\n",
	"A=\n",
	"A=  \n",
	"A: 1\n",
	"A:1=2\n",
	"A.B=1\n",
	"A=a b c\n",
	"A=a # comment\n",
	"A=a#b\n",
	"A=a #b #c\n",
	"A= # only a comment\n",
	"A=#x\n",
	"A=\"a b\" # c\n",
	"A=\"a b\"# c\n",
	"A='a b' # c\n",
	"A=\"a\\nb\"\n",
	"A='a\\nb'\n",
	"A=a\\nb\n",
	"A=\"a\\tb\"\n",
	"A=\"a\\\\b\"\n",
	"A=\"a\\\"b\"\n",
	"A='a\\'b'\n",
	"A=\"line1\nline2\"\n",
	"A=\"line1\r\nline2\"\r\n",
	"A='line1\nline2'\nB=2\n",
	"A=\"{\\\"json\\\": true}\"\n",
	"A='{\"json\": true}'\n",
	"A=1\nB=$A\n",
	"A=1\nB=${A}\n",
	"A=1\nB=\"${A}x\"\n",
	"A=1\nB='${A}'\n",
	"A=1\nB=\\$A\n",
	"A=1\nB=\"\\$A\"\n",
	"B=$A\nA=1\n",
	"A=1\nA=2\nB=$A\n",
	"a=1\nB=$a\n",
	"B=${lower}\n",
	"B=$(cmd)\n",
	"B=${A\n",
	"A=x\nB=$A$A${A}\n",
	"# comment\nA=1 # c\n\n# another\nB=2\n",
	"A=\"\"\n",
	"A=''\n",
	"A=\"  spaced  \"\n",
	"A=caf\u00e9\n",
	"A=日本語 # コメント\n",
	"A=\xff\xfe\n",
	"A=\"\xff\"\n",
	"A=1\tB\n",
	"URL=postgres://u:p@h:5432/db?x=1\n",
	"A=1\n# trailing comment",
	"A=\"multi\n# not a comment\nline\"\n",
}

func TestAgreesWithGodotenv(t *testing.T) {
	// References further back than the parser's nearby scan, and to keys never assigned.
	var far strings.Builder
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&far, "K%d=v%d\nR%d=${K0}-$K%d-${MISSING}\n", i, i, i, i/2)
	}
	far.WriteString("K0=changed\nLAST=$K0$K1\n")
	for _, in := range append(agreeCases, far.String()) {
		want, err := godotenv.Unmarshal(in)
		if err != nil {
			t.Errorf("godotenv rejects %q (%v): move it out of agreeCases", in, err)
			continue
		}
		f, err := Parse(".env", []byte(in))
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if got := f.Map(); !reflect.DeepEqual(got, want) {
			t.Errorf("Parse(%q)\n got %q\nwant %q (godotenv)", in, got, want)
		}
	}
}

// TestGodotenvDifferences pins each deliberate difference listed in the package doc.
func TestGodotenvDifferences(t *testing.T) {
	cases := []struct {
		name, in         string
		key, value       string
		godotenvRejects  bool
		godotenvValue    string
		wantParseErrText string
	}{
		{name: "backtick", in: "A=`a b`\n", key: "A", value: "a b", godotenvValue: "`a b`"},
		{name: "escaped quote at end", in: `A="a\""` + "\n", key: "A", value: `a"`, godotenvValue: `a\`},
		{name: "BOM", in: bom + "A=1\n", key: "A", value: "1", godotenvRejects: true},
		{name: "no separator", in: "A=1\nFOO\n", key: "A", value: "1", godotenvRejects: true},
		{name: "unterminated", in: "A=\"abc\nB=2\n", key: "B", value: "2", godotenvRejects: true, wantParseErrText: ".env:1:3: unterminated quoted value: the closing \" is missing"},
		{name: "trailing text", in: "A=\"a\" b\nC=3\n", key: "C", value: "3", godotenvRejects: true, wantParseErrText: `.env:1:7: unexpected text after the closing "; quote the whole value or start a comment with ' #'`},
		{name: "lone CR", in: "# c\rA=1\n", key: "A", value: "1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse(".env", []byte(c.in))
			if c.wantParseErrText != "" {
				if err == nil || err.Error() != c.wantParseErrText {
					t.Fatalf("err = %v, want %q", err, c.wantParseErrText)
				}
			} else if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := f.Map()[c.key]; got != c.value {
				t.Errorf("%s = %q, want %q", c.key, got, c.value)
			}
			g, gerr := godotenv.Unmarshal(c.in)
			switch {
			case c.godotenvRejects && gerr == nil && reflect.DeepEqual(g, f.Map()):
				t.Errorf("godotenv accepts %q with the same result: not a difference", c.in)
			case !c.godotenvRejects && gerr != nil:
				t.Errorf("godotenv rejects %q: %v", c.in, gerr)
			case !c.godotenvRejects && c.godotenvValue != "" && g[c.key] != c.godotenvValue:
				t.Errorf("godotenv gives %q, the test expects %q", g[c.key], c.godotenvValue)
			case !c.godotenvRejects && c.godotenvValue == "" && g[c.key] == c.value:
				t.Errorf("godotenv agrees on %q: not a difference", c.in)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	inputs := append([]string{
		bom + "A=1\r\n",
		"A=\"unterminated\n\nB=2",
		"\r\r\n\n\r",
		"\x00\x01\xff",
		"A='x' y # z\n",
	}, agreeCases...)
	for _, in := range inputs {
		f, _ := Parse("x", []byte(in))
		if got := f.Bytes(); !bytes.Equal(got, []byte(in)) {
			t.Errorf("Bytes() = %q, want %q", got, in)
		}
		checkNodes(t, f)
	}
}

// checkNodes verifies the invariants every File must satisfy.
func checkNodes(t *testing.T, f *File) {
	t.Helper()
	off := 0
	for i, n := range f.Nodes {
		if n.Start != off {
			t.Fatalf("%q: node %d starts at %d, want %d", f.Src, i, n.Start, off)
		}
		if n.End < n.Start || n.Line > n.EndLine {
			t.Fatalf("%q: node %d has a bad range %+v", f.Src, i, n)
		}
		if n.Kind == Assignment {
			e := f.Entries[n.Entry]
			if e.Node != i || e.Line != n.Line || e.EndLine != n.EndLine || e.End != n.End {
				t.Fatalf("%q: entry %+v disagrees with node %d %+v", f.Src, e, i, n)
			}
			if !(n.Start <= e.KeyStart && e.KeyStart <= e.KeyEnd && e.KeyEnd <= e.SepStart &&
				e.SepStart <= e.ValueStart && e.ValueStart <= e.ValueEnd && e.ValueEnd <= e.End) {
				t.Fatalf("%q: entry offsets out of order: %+v", f.Src, e)
			}
		}
		off = n.End
	}
	if off != len(f.Src) {
		t.Fatalf("%q: nodes end at %d, want %d", f.Src, off, len(f.Src))
	}
}

func TestPositions(t *testing.T) {
	src := "# doc for A\n# second line\nA=1\n\n  export B = \"two\" # note\nC='x\ny'\nD=4\n"
	f, err := Parse(".env", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	type pos struct {
		Key              string
		Line, Col, End   int
		Export           bool
		Quote            byte
		Raw, Comment     string
		Doc              []string
		HasSep           bool
		Value            string
		ValueLine, Start int
	}
	var got []pos
	for i := range f.Entries {
		e := &f.Entries[i]
		got = append(got, pos{Key: e.Key, Line: e.Line, Col: e.Col, End: e.EndLine, Export: e.Export, Quote: e.Quote,
			Raw: f.RawValue(e), Comment: f.InlineComment(e), Doc: f.Doc(e), HasSep: e.HasSeparator, Value: e.Value})
	}
	want := []pos{
		{Key: "A", Line: 3, Col: 1, End: 3, Raw: "1", Doc: []string{"doc for A", "second line"}, HasSep: true, Value: "1"},
		{Key: "B", Line: 5, Col: 3, End: 5, Export: true, Quote: '"', Raw: `"two"`, Comment: "# note", HasSep: true, Value: "two"},
		{Key: "C", Line: 6, Col: 1, End: 7, Quote: '\'', Raw: "'x\ny'", HasSep: true, Value: "x\ny"},
		{Key: "D", Line: 8, Col: 1, End: 8, Raw: "4", HasSep: true, Value: "4"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if n := len(f.Lines); n != 8 {
		t.Errorf("%d lines, want 8", n)
	}
}

func TestColumnsCountCharacters(t *testing.T) {
	f, err := Parse(".env", []byte("A=\"日本\" x\n"))
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("err = %v, want one ParseError", err)
	}
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Col != 8 {
		t.Errorf("error column = %v, want 8 (characters, not bytes)", err)
	}
	if f.Entries[0].Trailing != "x" {
		t.Errorf("Trailing = %q", f.Entries[0].Trailing)
	}
}

func TestLineEndings(t *testing.T) {
	f, _ := Parse("x", []byte(bom+"A=1\r\nB=2\rC=3\nD=4"))
	var eols []EOL
	for _, l := range f.Lines {
		eols = append(eols, l.EOL)
	}
	if want := []EOL{CRLF, CR, LF, NoEOL}; !reflect.DeepEqual(eols, want) {
		t.Errorf("EOLs = %v, want %v", eols, want)
	}
	if !f.BOM || f.Lines[0].Start != 3 || f.Nodes[0].Start != 0 {
		t.Errorf("BOM handling: BOM=%v line start %d node start %d", f.BOM, f.Lines[0].Start, f.Nodes[0].Start)
	}
	if got := strings.Join(keys(f), ","); got != "A,B,C,D" {
		t.Errorf("keys = %s", got)
	}
}

func keys(f *File) []string {
	var ks []string
	for _, e := range f.Entries {
		ks = append(ks, e.Key)
	}
	return ks
}
