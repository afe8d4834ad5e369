package envcheck

import "strings"

// InlineComment reports a '#' in an unquoted value that dotenv dialects read differently.
var InlineComment = &Rule{
	ID:       "EC1016",
	Name:     "inline-comment",
	Severity: Warning,
	Doc: Doc{
		Title: "a '#' in an unquoted value that loaders read differently",
		Why: "Node's dotenv ends an unquoted value at the first '#'; godotenv and docker compose only at a '#' " +
			"after a blank, and godotenv at the last such '#', not the first. So PASSWORD=ab#cd is `ab` for a " +
			"Node app and `ab#cd` for a Go app, and KEY= # note gives godotenv the value `# note`. A single " +
			"comment after a blank (KEY=value # note) reads the same everywhere and is not reported.",
		Bad:  "PASSWORD=ab#cd\nCOLOR=#ff0000\nTIMEOUT=30 # seconds # see docs\nEMPTY= # left blank\n",
		Good: "PASSWORD='ab#cd'\nCOLOR='#ff0000'\nTIMEOUT=30 # seconds, see docs\n# left blank\nEMPTY=\n",
		Fix: "Quote a value that contains '#', and keep a comment free of ' #'. Not fixed automatically: it is " +
			"not clear which reading you meant.",
	},
	Run: runInlineComment,
}

func runInlineComment(p *Pass) {
	f := p.File.Env
	for _, e := range assignments(f) {
		if e.Quote != 0 {
			continue
		}
		rest := string(f.Src[e.ValueStart:f.Lines[e.Line-1].End])
		at := -1
		var msg string
		switch {
		case strings.HasPrefix(rest, "#"):
			at = 0
			msg = "the value of %s starts with '#': godotenv reads it as the value, Node's dotenv as a comment (an empty value); quote the value, or put the comment on its own line"
		case countCommentStarts(rest) > 1:
			at = firstCommentStart(rest)
			msg = "the comment after %s contains ' #': godotenv takes everything before the last ' #' as the value, other loaders stop at the first; remove the extra '#' or quote the value"
		case strings.Contains(rest[:e.ValueEnd-e.ValueStart], "#"):
			at = strings.IndexByte(rest, '#')
			msg = "the value of %s contains '#': Node's dotenv ends the value there, godotenv and docker compose keep it; quote the value"
		}
		if at < 0 {
			continue
		}
		line, col := pos(f, e.ValueStart+at)
		p.Reportf(line, col, e.Key, nil, msg, e.Key)
	}
}

// countCommentStarts counts the '#' characters that follow a blank.
func countCommentStarts(s string) int {
	n := 0
	for i := 1; i < len(s); i++ {
		if s[i] == '#' && (s[i-1] == ' ' || s[i-1] == '\t') {
			n++
		}
	}
	return n
}

func firstCommentStart(s string) int {
	for i := 1; i < len(s); i++ {
		if s[i] == '#' && (s[i-1] == ' ' || s[i-1] == '\t') {
			return i
		}
	}
	return -1
}
