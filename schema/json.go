package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/envcheck/envcheck/internal/suggest"
)

// The fields a JSON schema file may hold. dotenv-linter's format is version, allow_other_keys and
// entries of {type, required, regex} (and a leftover "key", ignored); the rest are envcheck's.
var (
	jsonRootFields  = []string{"$schema", "version", "allow_other_keys", "default_required", "default_sensitive", "entries"}
	jsonEntryFields = []string{
		"type", "required", "regex", "key", // dotenv-linter
		"required_in", "optional", "sensitive", "default", "example", "validate", "description",
		"enum", "deprecated", "docs",
	}
)

// ParseJSON reads a JSON schema file: a superset of dotenv-linter's schema format, so its files
// work unchanged. Entries may also say sensitive, default, example, validate, description, enum,
// required_in (or required as a list of environments), optional, deprecated and docs; the
// top level may also hold default_required and default_sensitive. allow_other_keys is false
// when absent, as in dotenv-linter. Unknown fields, duplicate keys, bad types, regexes and
// validator tags, and defaults that fail their own rules are errors (an ErrorList); name is the
// file name used in them.
func ParseJSON(name string, data []byte) (*Schema, error) {
	s, err := parseJSONAll(name, data)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// parseJSONAll is ParseJSON that also returns, beside its errors, the schema of the entries that
// parsed (the others in its broken list); the schema is nil when the file is not a JSON object
// with an object of entries, as then nothing is known of its keys.
func parseJSONAll(name string, data []byte) (*Schema, error) {
	jp := &jsonParser{name: name, data: data}
	root, err := jp.parseDoc()
	if err != nil {
		return nil, ErrorList{err}
	}
	s := jp.interpret(root)
	return s, jp.errs.err()
}

type jsonParser struct {
	name string
	data []byte
	dec  *json.Decoder
	errs errs
}

// A jvalue is a JSON value with the offset where it ends, for line numbers, and its object
// members in order.
type jvalue struct {
	kind byte // '{', '[', 's' string, 'n' number, 'b' bool, '0' null
	off  int64
	obj  []jmember
	arr  []*jvalue
	str  string
	num  json.Number
	b    bool
}

type jmember struct {
	key string
	off int64
	val *jvalue
}

func (jp *jsonParser) line(off int64) int {
	if off > int64(len(jp.data)) {
		off = int64(len(jp.data))
	}
	return 1 + bytes.Count(jp.data[:off], []byte{'\n'})
}

func (jp *jsonParser) parseDoc() (*jvalue, *Error) {
	if len(bytes.TrimSpace(jp.data)) == 0 {
		return nil, &Error{File: jp.name, Msg: "the schema file is empty", Hint: `write {"version": "1.0", "entries": {…}}`}
	}
	jp.dec = json.NewDecoder(bytes.NewReader(jp.data))
	jp.dec.UseNumber()
	v, err := jp.value()
	if err != nil {
		return nil, err
	}
	if _, terr := jp.dec.Token(); terr != io.EOF {
		return nil, &Error{File: jp.name, Line: jp.line(jp.dec.InputOffset()), Msg: "text after the end of the JSON document", Hint: "a schema file holds one JSON object"}
	}
	return v, nil
}

func (jp *jsonParser) syntax(err error) *Error {
	var se *json.SyntaxError
	off := jp.dec.InputOffset()
	if errors.As(err, &se) {
		off = se.Offset
	}
	msg := err.Error()
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "the JSON ends too early"
	}
	return &Error{File: jp.name, Line: jp.line(off), Msg: "invalid JSON: " + msg, Hint: "check for a missing comma, quote or brace"}
}

func (jp *jsonParser) value() (*jvalue, *Error) {
	tok, err := jp.dec.Token()
	if err != nil {
		return nil, jp.syntax(err)
	}
	v := &jvalue{off: jp.dec.InputOffset()}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			v.kind = '{'
			seen := map[string]int64{}
			for jp.dec.More() {
				kt, err := jp.dec.Token()
				if err != nil {
					return nil, jp.syntax(err)
				}
				key, _ := kt.(string)
				off := jp.dec.InputOffset()
				if prev, dup := seen[key]; dup {
					return nil, &Error{File: jp.name, Line: jp.line(off), Msg: fmt.Sprintf("%q is defined twice (first on line %d)", key, jp.line(prev)), Hint: "keep one; JSON readers disagree on which one wins"}
				}
				seen[key] = off
				val, verr := jp.value()
				if verr != nil {
					return nil, verr
				}
				v.obj = append(v.obj, jmember{key: key, off: off, val: val})
			}
		case '[':
			v.kind = '['
			for jp.dec.More() {
				val, verr := jp.value()
				if verr != nil {
					return nil, verr
				}
				v.arr = append(v.arr, val)
			}
		}
		if _, err := jp.dec.Token(); err != nil { // the closing delimiter
			return nil, jp.syntax(err)
		}
	case string:
		v.kind, v.str = 's', t
	case json.Number:
		v.kind, v.num = 'n', t
	case bool:
		v.kind, v.b = 'b', t
	case nil:
		v.kind = '0'
	}
	return v, nil
}

func kindName(k byte) string {
	switch k {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 's':
		return "a string"
	case 'n':
		return "a number"
	case 'b':
		return "a boolean"
	}
	return "null"
}

func (jp *jsonParser) want(m jmember, kind byte, what string) bool {
	if m.val.kind == kind {
		return true
	}
	jp.errs.add(jp.name, jp.line(m.off), "", "%q must be %s, not %s", m.key, what, kindName(m.val.kind))
	return false
}

func (jp *jsonParser) unknownField(m jmember, known []string, where string) {
	hint := "the fields are " + strings.Join(known, ", ")
	if n := suggest.Nearest(m.key, known); n != "" {
		hint = "did you mean " + strconv.Quote(n) + "?"
	}
	jp.errs.add(jp.name, jp.line(m.off), hint, "unknown field %q %s", m.key, where)
}

func (jp *jsonParser) interpret(root *jvalue) *Schema {
	s := &Schema{Sources: []string{jp.name}}
	if root.kind != '{' {
		jp.errs.add(jp.name, jp.line(root.off), `write {"version": "1.0", "entries": {…}}`, "the schema must be a JSON object, not %s", kindName(root.kind))
		return nil
	}
	var defaultRequired, defaultSensitive bool
	var entries *jmember
	unknown := false // the entries are not an object, so nothing is known of the keys
	for i, m := range root.obj {
		switch m.key {
		case "$schema":
			jp.want(m, 's', "a string")
		case "version":
			if jp.want(m, 's', "a string such as \"1.0\"") {
				if major, _, _ := strings.Cut(m.val.str, "."); major != "1" {
					jp.errs.add(jp.name, jp.line(m.off), `use "1.0"`, "schema version %q is not supported", m.val.str)
				}
			}
		case "allow_other_keys":
			if jp.want(m, 'b', "true or false") {
				s.AllowOtherKeys = m.val.b
			}
		case "default_required":
			if jp.want(m, 'b', "true or false") {
				defaultRequired = m.val.b
			}
		case "default_sensitive":
			if jp.want(m, 'b', "true or false") {
				defaultSensitive = m.val.b
			}
		case "entries":
			if jp.want(m, '{', "an object of KEY: {…} entries") {
				entries = &root.obj[i]
			} else {
				unknown = true
			}
		default:
			jp.unknownField(m, jsonRootFields, "at the top level")
		}
	}
	if unknown {
		return nil
	}
	if entries == nil {
		return s
	}
	for _, m := range entries.val.obj {
		if m.key == "" || strings.ContainsAny(m.key, "= \t\r\n#") {
			jp.errs.add(jp.name, jp.line(m.off), "use letters, digits and '_'", "%q is not a valid variable name", m.key)
			continue
		}
		if m.val.kind != '{' {
			jp.errs.add(jp.name, jp.line(m.off), `write "`+m.key+`": {"type": "String"}`, "the entry %s must be an object, not %s", m.key, kindName(m.val.kind))
			s.broken = append(s.broken, m.key)
			continue
		}
		if v := jp.entry(m, defaultRequired, defaultSensitive); v != nil {
			s.Vars = append(s.Vars, v)
		} else {
			s.broken = append(s.broken, m.key)
		}
	}
	return s
}

func (jp *jsonParser) entry(em jmember, defaultRequired, defaultSensitive bool) *Var {
	key := em.key
	v := &Var{Key: key, Type: Type{Kind: String}, Sensitive: defaultSensitive, Pos: Pos{File: jp.name, Line: jp.line(em.off)}}
	ok := true
	fail := func(m jmember, hint, format string, args ...any) {
		jp.errs.add(jp.name, jp.line(m.off), hint, "%s: "+format, append([]any{key}, args...)...)
		ok = false
	}
	fields := map[string]jmember{}
	for _, m := range em.val.obj {
		if !contains(jsonEntryFields, m.key) {
			jp.unknownField(m, jsonEntryFields, "in the entry "+key)
			ok = false
			continue
		}
		fields[m.key] = m
	}
	str := func(name string) (string, jmember, bool) {
		m, has := fields[name]
		if !has {
			return "", m, false
		}
		// Defaults and examples may be written as JSON numbers and booleans: "PORT": {"default": 8080}.
		if (name == "default" || name == "example") && (m.val.kind == 'n' || m.val.kind == 'b') {
			if m.val.kind == 'n' {
				return m.val.num.String(), m, true
			}
			return strconv.FormatBool(m.val.b), m, true
		}
		if m.val.kind != 's' {
			fail(m, "", "%q must be a string, not %s", name, kindName(m.val.kind))
			return "", m, false
		}
		return m.val.str, m, true
	}
	strList := func(m jmember) []string {
		var out []string
		for _, item := range m.val.arr {
			if item.kind != 's' {
				fail(m, "", "%q must list strings, not %s", m.key, kindName(item.kind))
				return nil
			}
			out = append(out, item.str)
		}
		return out
	}

	if t, m, has := str("type"); has {
		if pt, err := ParseType(t); err != nil {
			fail(m, "", "%v", err)
		} else {
			v.Type = pt
		}
	}
	if m, has := fields["enum"]; has {
		if m.val.kind != '[' || len(m.val.arr) == 0 {
			fail(m, `write "enum": ["a", "b"]`, `"enum" must be a non-empty array of strings`)
		} else if values := strList(m); values != nil {
			if _, typed := fields["type"]; typed && v.Type.Kind != Enum && v.Type.Kind != String {
				fail(m, `drop "type" or "enum"`, `"enum" lists values, but "type" is %s`, v.Type)
			} else if t, err := ParseType("enum(" + strings.Join(values, ",") + ")"); err != nil || len(t.Values) != len(values) {
				fail(m, "", `"enum" values must be distinct, non-empty and without commas`)
			} else {
				v.Type = t
			}
		}
	}

	explicit := false
	if m, has := fields["required"]; has {
		explicit = true
		switch m.val.kind {
		case 'b':
			v.Required, v.Optional = m.val.b, !m.val.b
		case '[':
			v.RequiredIn = strList(m)
			if len(m.val.arr) == 0 {
				fail(m, `write true, false or ["production"]`, `"required" lists no environment`)
			}
		default:
			fail(m, `write true, false or a list of environments such as ["production"]`, `"required" must be a boolean or a list, not %s`, kindName(m.val.kind))
		}
	}
	if m, has := fields["required_in"]; has {
		switch {
		case m.val.kind != '[':
			fail(m, `write "required_in": ["production"]`, `"required_in" must be a list of environments, not %s`, kindName(m.val.kind))
		case len(v.RequiredIn) > 0:
			fail(m, "keep one", `"required" lists environments and so does "required_in"`)
		case v.Required:
			fail(m, `drop "required": true to require the key only in these environments`, `"required" is true and "required_in" names environments`)
		case len(m.val.arr) == 0:
			fail(m, `write ["production"]`, `"required_in" lists no environment`)
		default:
			explicit = true
			v.RequiredIn, v.Optional = strList(m), false
		}
	}
	for _, env := range v.RequiredIn {
		if !IsEnvName(env) {
			fail(fields["required_in"], "name environments with letters, digits, '.', '_' and '-'", "%q is not an environment name", env)
		}
	}
	if m, has := fields["optional"]; has && jp.want(m, 'b', "true or false") {
		if m.val.b && v.Required {
			fail(m, "keep one", `it is both "required" and "optional"`)
		} else if m.val.b {
			explicit, v.Optional = true, true
		}
	}
	if m, has := fields["sensitive"]; has && jp.want(m, 'b', "true or false") {
		v.Sensitive = m.val.b
	}
	if d, m, has := str("default"); has {
		v.Default = &d
		if v.Required {
			fail(m, `drop "required" (a default makes the key optional) or drop "default"`, "it has a default, so it is never missing, but it is also required")
		}
	}
	if !explicit && v.Default == nil {
		v.Required = defaultRequired
	}
	if x, _, has := str("example"); has {
		v.Example = x
	}
	if x, _, has := str("description"); has {
		v.Description = x
	}
	if m, has := fields["deprecated"]; has {
		switch m.val.kind {
		case 'b':
			if m.val.b {
				v.Deprecated = NoReason
			}
		case 's':
			v.Deprecated = m.val.str
			if strings.TrimSpace(v.Deprecated) == "" {
				v.Deprecated = NoReason
			}
		default:
			fail(m, "", `"deprecated" must be a reason (a string) or true`)
		}
	}
	if x, m, has := str("docs"); has {
		if !isAbsURL(x) {
			fail(m, `write "docs": "https://…"`, `"docs" is not an absolute URL`)
		}
		v.Docs = x
	}
	if x, m, has := str("regex"); has {
		if _, err := regexp.Compile(x); err != nil {
			fail(m, "envcheck uses Go's regexp syntax (RE2), which is close to Rust's", `"regex" does not compile: %v`, err)
		}
		v.Regex = x
	}
	if x, m, has := str("validate"); has {
		if ok {
			if err := CheckTags(v.Type, x); err != nil {
				fail(m, "see https://pkg.go.dev/github.com/go-playground/validator/v10 for the tags", `"validate": %v`, err)
			}
		}
		v.Validate = x
	}
	if !ok {
		return nil
	}
	if v.Default != nil {
		if err := Validate(v, *v.Default); err != nil {
			jp.errs.add(jp.name, jp.line(fields["default"].off), "fix the default or the rule", "%s: the default %s", key, ruleMsg(err))
			return nil
		}
	}
	return v
}
