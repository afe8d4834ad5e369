package schema

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/envcheck/envcheck/envcheck/dotenv"
	"github.com/envcheck/envcheck/internal/lazyre"
	"github.com/envcheck/envcheck/internal/suggest"
)

// keyDecorators document one key; they go in the comment block directly above it (or in the
// key's inline comment).
var keyDecorators = []string{
	"required", "optional", "sensitive", "secret", "public", "type", "default", "example",
	"validate", "deprecated", "docs",
}

// headerDecorators set file-wide defaults; they go in the header, the comments before the
// first key's block, ended by a blank line or a "# ---" line.
var headerDecorators = []string{"defaultRequired", "defaultSensitive", "allowOtherKeys"}

// A decorator is one @name[=value] token.
type decorator struct {
	name     string
	value    string
	hasValue bool
	line     int
}

// String writes the decorator back for messages; a default or an example may be a secret, so
// their values are left out.
func (d decorator) String() string {
	switch {
	case !d.hasValue:
		return "@" + d.name
	case d.name == "default" || d.name == "example":
		return "@" + d.name + "=…"
	}
	return "@" + d.name + "=" + d.value
}

// trailingDecorator finds where decorators start on a description line: a known decorator name
// after a blank, as in "Stripe key  @required @sensitive".
var trailingDecorator = lazyre.New(`(^|\s)@(` + strings.Join(append(append([]string{}, keyDecorators...), headerDecorators...), "|") + `)([=(\s]|$)`)

// parseDecorators reads "@a @b=1 @c="x y" @d(e)" into decorators. s starts at an '@'.
func parseDecorators(s string, line int) ([]decorator, error) {
	var out []decorator
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) {
			return out, nil
		}
		if s[i] != '@' {
			return nil, fmt.Errorf("text %q after a decorator; put descriptions on their own comment line, and quote values with blanks: @name=\"a b\"", clip(s[i:]))
		}
		i++
		start := i
		for i < len(s) && (isWordByte(s[i]) || (i > start && s[i] == '-')) {
			i++
		}
		if i == start {
			return nil, fmt.Errorf("a lone '@'; write a decorator as @name or @name=value")
		}
		d := decorator{name: s[start:i], line: line}
		switch {
		case i < len(s) && s[i] == '=':
			i++
			d.hasValue = true
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				v, n, err := readQuoted(s[i:])
				if err != nil {
					return nil, fmt.Errorf("@%s: %v", d.name, err)
				}
				d.value, i = v, i+n
			} else {
				v, n, err := readBare(s[i:])
				if err != nil {
					return nil, fmt.Errorf("@%s: %v", d.name, err)
				}
				d.value, i = v, i+n
			}
		case i < len(s) && s[i] == '(': // @docs(https://…), as @env-spec writes function-style values
			v, n, err := readBare(s[i:])
			if err != nil {
				return nil, fmt.Errorf("@%s: %v", d.name, err)
			}
			d.hasValue, d.value, i = true, v[1:len(v)-1], i+n
		}
		if i < len(s) && s[i] != ' ' && s[i] != '\t' {
			return nil, fmt.Errorf("unexpected %q after @%s; separate decorators with blanks", clip(s[i:]), d.name)
		}
		out = append(out, d)
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// readQuoted reads a quoted value; in double quotes a backslash escapes the next character.
func readQuoted(s string) (string, int, error) {
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == q:
			return b.String(), i + 1, nil
		case c == '\\' && q == '"' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, fmt.Errorf("the quote %c is never closed", q)
}

// readBare reads an unquoted value: up to a blank outside parentheses, so enum(a, b) is one value.
func readBare(s string) (string, int, error) {
	depth := 0
	i := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return "", 0, fmt.Errorf("a ')' without '('")
			}
		case ' ', '\t':
			if depth == 0 {
				return s[:i], i, nil
			}
		}
	}
	if depth > 0 {
		return "", 0, fmt.Errorf("a '(' that is never closed")
	}
	return s, i, nil
}

func clip(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}

// A commentLine is one comment line of a template, classified.
type commentLine struct {
	line int
	text string // after '#' and one blank
	sep  bool   // a "# ---" separator
	dir  bool   // an envcheck: directive
	decs []decorator
	desc string // the description part
	err  error
}

func readComment(f *dotenv.File, n *dotenv.Node) commentLine {
	c := commentLine{line: n.Line, text: strings.TrimPrefix(f.CommentText(n), " ")}
	t := strings.TrimSpace(c.text)
	switch {
	case len(t) >= 3 && strings.Trim(t, "-") == "":
		c.sep = true
	case strings.HasPrefix(t, "envcheck:"):
		c.dir = true
	case strings.HasPrefix(t, "@"):
		c.decs, c.err = parseDecorators(t, n.Line)
	default:
		c.desc = strings.TrimRightFunc(c.text, unicode.IsSpace)
		if loc := trailingDecorator().FindStringSubmatchIndex(t); loc != nil {
			at := loc[3] // just past the blank: the '@'
			c.desc = strings.TrimRightFunc(t[:at], unicode.IsSpace)
			c.decs, c.err = parseDecorators(t[at:], n.Line)
		}
	}
	return c
}

// ParseTemplate reads the schema a template's comments declare. Every key of the template is a
// variable; its type is string and its template value is its Example unless decorators say more.
// The comment block directly above a key documents it: @decorators, and the rest is the
// Description (lines starting "envcheck:" are suppressions, not description). Comments before
// the first key's block, ended by a blank line or "# ---", are the header, which holds
// @defaultRequired, @defaultSensitive and @allowOtherKeys. Everything is checked: an unknown
// decorator, a bad type or validator tag, a default that fails its own type, a key defined twice
// with decorators, decorators attached to no key. The error is an ErrorList.
func ParseTemplate(f *dotenv.File) (*Schema, error) {
	s, err := parseTemplateAll(f)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// parseTemplateAll is ParseTemplate that also returns, beside its errors, the schema of the keys
// that parsed (the others in its broken list).
func parseTemplateAll(f *dotenv.File) (*Schema, error) {
	tp := &templateParser{f: f, file: f.Name, s: &Schema{AllowOtherKeys: true, Sources: []string{f.Name}}}
	tp.parse()
	return tp.s, tp.errs.err()
}

type templateParser struct {
	f    *dotenv.File
	file string
	s    *Schema
	errs errs

	defaultRequired  string // "", "true", "false" or "infer"
	defaultSensitive bool
}

func (tp *templateParser) parse() {
	f := tp.f
	first := -1
	for i := range f.Nodes {
		if f.Nodes[i].Kind == dotenv.Assignment && f.Entries[f.Nodes[i].Entry].Key != "" {
			first = i
			break
		}
	}
	// The blocks: comment nodes attached to the assignment below them (a "# ---" line cuts the
	// attachment), the header, and detached blocks.
	attached := map[int]int{} // comment node → assignment node
	for i := range f.Nodes {
		if f.Nodes[i].Kind != dotenv.Assignment {
			continue
		}
		for j := i - 1; j >= 0 && f.Nodes[j].Kind == dotenv.Comment; j-- {
			if readComment(f, &f.Nodes[j]).sep {
				break
			}
			attached[j] = i
		}
	}
	docs := map[int][]commentLine{}
	var header []commentLine
	for i := range f.Nodes {
		n := &f.Nodes[i]
		if n.Kind != dotenv.Comment {
			continue
		}
		c := readComment(f, n)
		if c.err != nil {
			tp.errs.add(tp.file, c.line, "", "%v", c.err)
			continue
		}
		if a, ok := attached[i]; ok {
			docs[a] = append(docs[a], c)
			continue
		}
		if first < 0 || i < first {
			header = append(header, c)
			continue
		}
		for _, d := range c.decs {
			tp.errs.add(tp.file, c.line, "move it into the comment block directly above the key (no blank line or # --- between them)",
				"%s is not attached to a key", d)
		}
	}
	tp.readHeader(header)

	defined := map[string]int{} // key → line of the definition that carried decorators
	seen := map[string]int{}
	for i := range f.Nodes {
		n := &f.Nodes[i]
		if n.Kind != dotenv.Assignment {
			continue
		}
		e := &f.Entries[n.Entry]
		if e.Key == "" {
			continue
		}
		block := docs[i]
		if ic := inlineDecorators(f, e); ic != nil {
			if ic.err != nil {
				tp.errs.add(tp.file, ic.line, "", "%v", ic.err)
			} else {
				block = append(block, *ic)
			}
		}
		decorated := false
		for _, c := range block {
			decorated = decorated || len(c.decs) > 0
		}
		if prev, ok := seen[e.Key]; ok {
			if decorated || defined[e.Key] > 0 {
				at := defined[e.Key]
				if at == 0 {
					at = prev
				}
				tp.errs.add(tp.file, e.Line, "keep one definition and delete the other",
					"%s is defined again (first on line %d); with decorators on either, the schema would be ambiguous", e.Key, at)
			}
			continue
		}
		seen[e.Key] = e.Line
		if decorated {
			defined[e.Key] = e.Line
		}
		if v := tp.readVar(e, block); v != nil {
			tp.s.Vars = append(tp.s.Vars, v)
		} else {
			tp.s.broken = append(tp.s.broken, e.Key)
		}
	}
}

// inlineDecorators reads decorators from an entry's inline comment: PORT=8080 # @type=port.
func inlineDecorators(f *dotenv.File, e *dotenv.Entry) *commentLine {
	text := strings.TrimSpace(strings.TrimPrefix(f.InlineComment(e), "#"))
	if !strings.HasPrefix(text, "@") {
		return nil
	}
	c := &commentLine{line: e.EndLine}
	c.decs, c.err = parseDecorators(text, e.EndLine)
	return c
}

func (tp *templateParser) readHeader(lines []commentLine) {
	seen := map[string]bool{}
	for _, c := range lines {
		for _, d := range c.decs {
			if seen[d.name] {
				tp.errs.add(tp.file, d.line, "keep one", "%s is set twice in the header", "@"+d.name)
				continue
			}
			seen[d.name] = true
			switch d.name {
			case "defaultRequired":
				v := "infer"
				if b, ok := boolValue(d); ok {
					v = strconv.FormatBool(b)
				} else if strings.ToLower(d.value) != "infer" {
					tp.errs.add(tp.file, d.line, "use true, false or infer (a key with a value in the template is required)", "@defaultRequired=%s is not a valid setting", d.value)
					continue
				}
				tp.defaultRequired = v
			case "defaultSensitive":
				b, ok := boolValue(d)
				if !ok {
					tp.errs.add(tp.file, d.line, "use true or false", "@defaultSensitive=%s is not a boolean", d.value)
					continue
				}
				tp.defaultSensitive = b
			case "allowOtherKeys":
				b, ok := boolValue(d)
				if !ok {
					tp.errs.add(tp.file, d.line, "use true or false", "@allowOtherKeys=%s is not a boolean", d.value)
					continue
				}
				tp.s.AllowOtherKeys = b
			default:
				if contains(keyDecorators, d.name) {
					tp.errs.add(tp.file, d.line, "put it in the comment block directly above the key it documents; the header (before the first blank line or # ---) takes only @defaultRequired, @defaultSensitive and @allowOtherKeys",
						"@%s is a key decorator, but it is in the header", d.name)
					continue
				}
				tp.unknown(d)
			}
		}
	}
}

func (tp *templateParser) unknown(d decorator) {
	hint := "the decorators are @" + strings.Join(keyDecorators, ", @") + " and, in the header, @" + strings.Join(headerDecorators, ", @")
	if n := suggest.Nearest(d.name, append(append([]string{}, keyDecorators...), headerDecorators...)); n != "" {
		hint = "did you mean @" + n + "?"
	}
	tp.errs.add(tp.file, d.line, hint, "unknown decorator @%s", d.name)
}

func boolValue(d decorator) (value, ok bool) {
	if !d.hasValue {
		return true, true
	}
	switch strings.ToLower(d.value) {
	case "true", "yes", "1":
		return true, true
	case "false", "no", "0":
		return false, true
	}
	return false, false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// envName is what an environment name may look like.
var envName = lazyre.New(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// IsEnvName reports whether name may name an environment: the NAME of @required=NAME, of
// .env.NAME and of --env NAME.
func IsEnvName(name string) bool { return envName().MatchString(name) }

// readVar builds a key's Var from its comment block.
func (tp *templateParser) readVar(e *dotenv.Entry, block []commentLine) *Var {
	v := &Var{Key: e.Key, Type: Type{Kind: String}, Example: e.Value, Pos: Pos{File: tp.file, Line: e.Line}}
	var desc []string
	byName := map[string]decorator{}
	ok := true
	for _, c := range block {
		if c.dir {
			continue
		}
		if c.desc != "" || (len(c.decs) == 0 && !c.sep) {
			desc = append(desc, c.desc)
		}
		for _, d := range c.decs {
			name := d.name
			if name == "secret" {
				name = "sensitive"
			}
			if prev, dup := byName[name]; dup {
				tp.errs.add(tp.file, d.line, "keep one", "%s is set twice for %s (also %s on line %d)", d, e.Key, prev, prev.line)
				ok = false
				continue
			}
			switch {
			case contains(keyDecorators, d.name):
				byName[name] = d
			case contains(headerDecorators, d.name):
				tp.errs.add(tp.file, d.line, "move it to the header: the comments before the first key's block, ended by a blank line or a # --- line",
					"@%s is a header decorator, but it is in the comment block of %s", d.name, e.Key)
				ok = false
			default:
				tp.unknown(d)
				ok = false
			}
		}
	}
	v.Description = strings.Trim(strings.Join(trimBlankEnds(desc), "\n"), "\n")

	if d, has := byName["type"]; has {
		if !d.hasValue || d.value == "" {
			tp.errs.add(tp.file, d.line, "write @type=int, @type=enum(a,b) or another type", "@type of %s has no type", e.Key)
			ok = false
		} else if t, err := ParseType(d.value); err != nil {
			hint := ""
			if strings.HasPrefix(strings.ToLower(d.value), "string(") {
				hint = "envcheck writes constraints as validator tags: @type=string @validate=\"startswith=sk_\""
			}
			tp.errs.add(tp.file, d.line, hint, "@type of %s: %v", e.Key, err)
			ok = false
		} else {
			v.Type = t
		}
	}

	// Requiredness: an explicit decorator, else the header default.
	explicit := false
	if d, has := byName["required"]; has {
		explicit = true
		switch {
		case !d.hasValue:
			v.Required = true
		case d.value == "":
			tp.errs.add(tp.file, d.line, "name the environments, as in @required=production,staging, or write @required alone", "@required= of %s names no environment", e.Key)
			ok = false
		default:
			val := d.value
			if strings.HasPrefix(val, "forEnv(") && strings.HasSuffix(val, ")") { // @env-spec's spelling
				val = val[len("forEnv(") : len(val)-1]
			}
			switch strings.ToLower(val) {
			case "true":
				v.Required = true
			case "false":
				v.Optional = true
			default:
				for _, env := range strings.Split(val, ",") {
					env = strings.TrimSpace(env)
					if !IsEnvName(env) {
						tp.errs.add(tp.file, d.line, "name environments with letters, digits, '.', '_' and '-', separated by commas",
							"@required of %s: %q is not an environment name", e.Key, env)
						ok = false
						continue
					}
					v.RequiredIn = append(v.RequiredIn, env)
				}
			}
		}
	}
	if d, has := byName["optional"]; has {
		b, valid := boolValue(d)
		switch {
		case !valid:
			tp.errs.add(tp.file, d.line, "write @optional alone, or @optional=true or false", "@optional=%s of %s is not a boolean", d.value, e.Key)
			ok = false
		case b && v.Required:
			tp.errs.add(tp.file, d.line, "keep one of them", "%s is both @required and @optional", e.Key)
			ok = false
		case b:
			explicit = true
			v.Optional = true
		case !b && !explicit:
			explicit = true
			v.Required = true
		}
	}
	if d, has := byName["default"]; has {
		val := e.Value // a bare @default makes the template's value the default
		if d.hasValue {
			val = d.value
		}
		v.Default = &val
		if v.Required {
			tp.errs.add(tp.file, d.line, "drop @required (a default makes the key optional) or drop @default",
				"%s has a default, so it is never missing, but it is also @required", e.Key)
			ok = false
		}
	}
	if !explicit && v.Default == nil {
		switch tp.defaultRequired {
		case "true":
			v.Required = true
		case "false":
			v.Optional = true
		case "infer":
			if e.Value != "" {
				v.Required = true
			} else {
				v.Optional = true
			}
		}
	}

	v.Sensitive = tp.defaultSensitive
	if d, has := byName["sensitive"]; has {
		b, valid := boolValue(d)
		if !valid {
			tp.errs.add(tp.file, d.line, "write @sensitive alone, or @sensitive=true or false", "@%s=%s of %s is not a boolean", d.name, d.value, e.Key)
			ok = false
		}
		v.Sensitive = b
	}
	if d, has := byName["public"]; has {
		b, valid := boolValue(d)
		switch {
		case !valid:
			tp.errs.add(tp.file, d.line, "write @public alone, or @public=true or false", "@public=%s of %s is not a boolean", d.value, e.Key)
			ok = false
		case byName["sensitive"].name != "" && b == v.Sensitive:
			tp.errs.add(tp.file, d.line, "keep one of them", "%s is both @public and @sensitive", e.Key)
			ok = false
		default:
			v.Sensitive = !b
		}
	}
	if d, has := byName["example"]; has {
		if !d.hasValue {
			tp.errs.add(tp.file, d.line, "write @example=value", "@example of %s has no value", e.Key)
			ok = false
		}
		v.Example = d.value
	}
	if d, has := byName["deprecated"]; has {
		v.Deprecated = NoReason
		if d.hasValue && strings.TrimSpace(d.value) != "" {
			v.Deprecated = d.value
		}
	}
	if d, has := byName["docs"]; has {
		if !d.hasValue || !isAbsURL(d.value) {
			tp.errs.add(tp.file, d.line, "write @docs=https://…", "@docs of %s is not an absolute URL", e.Key)
			ok = false
		}
		v.Docs = d.value
	}
	if d, has := byName["validate"]; has {
		if !d.hasValue {
			tp.errs.add(tp.file, d.line, `write @validate="tags", e.g. @validate="startswith=sk-ant-"`, "@validate of %s has no tags", e.Key)
			ok = false
		} else if ok {
			if err := CheckTags(v.Type, d.value); err != nil {
				tp.errs.add(tp.file, d.line, "see https://pkg.go.dev/github.com/go-playground/validator/v10 for the tags", "@validate of %s: %v", e.Key, err)
				ok = false
			}
		}
		v.Validate = d.value
	}
	if !ok {
		return nil
	}
	if v.Default != nil {
		if err := Validate(v, *v.Default); err != nil {
			line := byName["default"].line
			tp.errs.add(tp.file, line, "fix the default or the rule", "the @default of %s %s", e.Key, ruleMsg(err))
			return nil
		}
	}
	return v
}

// ruleMsg is a ValueError's text without the key.
func ruleMsg(err error) string {
	if ve, ok := err.(*ValueError); ok {
		return ve.Msg
	}
	return err.Error()
}

func trimBlankEnds(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func isAbsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}
