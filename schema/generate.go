package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"go/format"
	"go/token"
	"math"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

//go:embed loader_url.go
var loaderURLFile string

//go:embed loader_duration.go
var loaderDurationFile string

//go:embed loader_strings.go
var loaderStringsFile string

//go:embed loader_int.go
var loaderIntFile string

//go:embed loader_float.go
var loaderFloatFile string

// The parts of the loader_*.go files that generated loaders include.
var (
	loaderURLCode      = loaderCode(loaderURLFile)
	loaderDurationCode = loaderCode(loaderDurationFile)
	loaderStringsCode  = loaderCode(loaderStringsFile)
	loaderIntCode      = loaderCode(loaderIntFile)
	loaderFloatCode    = loaderCode(loaderFloatFile)
)

func loaderCode(file string) string {
	const marker = "// --- loader code ---"
	return strings.TrimSpace(file[strings.Index(file, marker)+len(marker):])
}

// GenerateOptions configure Generate.
type GenerateOptions struct {
	Package string // the package clause of the generated file; required
	Type    string // the name of the struct; "Config" when empty

	// EnvKey is the key whose value names the environment, for keys required only in some
	// environments (@required=production). When empty it is the schema's APP_ENV, ENVIRONMENT,
	// ENV or GO_ENV, the first that exists; it is needed only when some key has RequiredIn.
	EnvKey string

	// Sources are the files named in the header, as the reader should see them (the command
	// passes them relative to the generated file, so the output does not depend on the
	// directory it ran in). s.Sources when nil.
	Sources []string

	// SensitiveName reports whether a key's name marks its value as a secret (…_API_KEY,
	// …_TOKEN). A key so named whose type is text (string, url, email, json, path, or a list of
	// them) becomes a Secret, as does every key the schema marks sensitive. A number, boolean,
	// duration, port or enum is never a credential, so MAX_TOKENS=4096 stays an int64. When
	// nil, only the schema's Sensitive flag counts.
	SensitiveName func(key string) bool
}

// Generate writes a Go file holding a typed loader for s: a struct with a field per variable,
// Load, LoadFrom and MustLoad, an aggregated error type, a Secret type that never prints its
// value, and Keys and SensitiveKeys. The file depends on the standard library only, unless a
// variable has @validate tags that are not translated to plain Go (see translateTags), in
// which case it imports github.com/go-playground/validator/v10 and uses it for those keys.
//
// The generated code parses values exactly as Type.Parse does and applies the regex and the
// validator tags the way Validate does, so `envcheck check` and the loader agree on every value.
// The output is gofmt-clean and deterministic: the same schema and options give the same bytes.
//
// Every problem is reported at once, as an ErrorList: first the schema's, positioned
// (file:line: …) — a bad default, two keys with the same Go name, a key required in an
// environment the environment key cannot take — then those of the options (a Package or Type
// that is not a Go identifier), which have no position. A schema that Load returned beside its
// own errors may be passed, to find the problems it has for Generate too: a key it left out
// as broken is never reported missing.
func Generate(s *Schema, opts GenerateOptions) ([]byte, error) {
	var optErrs ErrorList
	if !isIdent(opts.Package) || opts.Package == "_" {
		optErrs = append(optErrs, &Error{Msg: fmt.Sprintf("--package %q is not a Go package name", opts.Package)})
	}
	if opts.Type == "" {
		opts.Type = "Config"
	}
	if !isIdent(opts.Type) || !token.IsExported(opts.Type) {
		optErrs = append(optErrs, &Error{Msg: fmt.Sprintf("--type %q is not an exported Go identifier", opts.Type)})
	}
	if s == nil || len(s.Vars) == 0 {
		where := "the schema"
		if s != nil && len(s.Sources) > 0 {
			where = strings.Join(s.Sources, " and ")
		}
		e := &Error{File: where, Msg: "no keys, so there is nothing to generate", Hint: "add the keys the program reads"}
		if s != nil && len(s.broken) > 0 {
			e.Msg, e.Hint = "every key has an error, so there is nothing to generate", "fix the errors Load reported"
		}
		return nil, append(ErrorList{e}, optErrs...)
	}
	if opts.Sources == nil {
		opts.Sources = s.Sources
	}
	g := &generator{s: s, opts: opts, imports: map[string]bool{}, helpers: map[string]bool{}, words: map[string]string{}}
	g.plan()
	if len(g.errs) > 0 || len(optErrs) > 0 {
		sort.SliceStable(g.errs, func(i, j int) bool {
			a, b := g.errs[i], g.errs[j]
			if a.File != b.File {
				return a.File < b.File
			}
			return a.Line < b.Line
		})
		return nil, append(g.errs, optErrs...)
	}
	src := g.emit()
	out, err := format.Source(src)
	if err != nil {
		// The generator wrote Go that does not parse: a bug here, never the user's fault.
		return nil, fmt.Errorf("internal error: the generated code does not format (%v); please report it at https://github.com/envcheck/envcheck/issues", err)
	}
	return out, nil
}

type generator struct {
	s       *Schema
	opts    GenerateOptions
	fields  []*field
	enums   []*enumType
	env     *field // the environment key, when some key is required per environment
	imports map[string]bool
	helpers map[string]bool
	words   map[string]string // tagWords of the tags the validator runs
	errs    ErrorList
	buf     bytes.Buffer
}

// A field is one variable as generated code sees it.
type field struct {
	v        *Var
	name     string    // Go field name
	secret   bool      // the value is held as a Secret ([]Secret for a list)
	nilable  bool      // it may be unset with no default: a pointer, or a nil slice or URL
	enum     *enumType // for an enum, or a list of enums
	def      string    // the default as a Go expression; "" when there is none
	checks   []check   // regex, then translated validator tags, in order
	validate string    // validator tags run by validator/v10; "" when none or all translated
	regexVar string
}

// A check fails when cond holds; cond is Go over v (the text) and x (the parsed value).
type check struct {
	cond string
	msg  string
}

type enumType struct {
	name   string
	key    string
	values []string
	consts []string
}

func (g *generator) fail(v *Var, hint, format string, args ...any) {
	// A key from a binary file may hold anything; the terminal gets printable text.
	msg := strings.Map(func(r rune) rune {
		if r == utf8.RuneError || !unicode.IsGraphic(r) {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(fmt.Sprintf(format, args...), "\uFFFD"))
	g.errs = append(g.errs, &Error{File: v.Pos.File, Line: v.Pos.Line, Msg: msg, Hint: hint})
}

// reserved are the exported names every generated file declares (the struct's name is added).
var reserved = []string{"Secret", "NewSecret", "KeyError", "LoadError", "ErrMissing", "ErrInvalid", "Load", "LoadFrom", "MustLoad", "Keys", "SensitiveKeys"}

// methods are the methods of the generated struct, which no field may be named.
var methods = []string{"LogValue", "Format", "MarshalJSON"}

func (g *generator) plan() {
	names := map[string]string{} // package-level name → what declares it
	for _, r := range reserved {
		names[r] = "envcheck's generated API"
	}
	names[g.opts.Type] = "the struct (--type)"
	fieldNames := map[string]*Var{}
	for _, m := range methods {
		fieldNames[m] = nil
	}
	for _, v := range g.s.Vars {
		f := &field{v: v, name: GoName(v.Key)}
		switch prev, taken := fieldNames[f.name]; {
		case f.name == "":
			g.fail(v, "give the key a name with letters or digits", "%q has no letters or digits to make a Go field name from", v.Key)
			continue
		case taken && prev == nil:
			g.fail(v, "rename the key", "%s would be the field %s, which is a method of %s", v.Key, f.name, g.opts.Type)
			continue
		case taken:
			g.fail(v, "rename one of them", "%s and %s (line %d) would both be the field %s", v.Key, prev.Key, prev.Pos.Line, f.name)
			continue
		}
		fieldNames[f.name] = v
		f.secret = g.isSecret(v)
		f.nilable = !v.Required && v.Default == nil
		if et := enumOf(v.Type); et != nil {
			f.enum = g.planEnum(v, et, names)
		}
		g.fields = append(g.fields, f)
	}
	g.planEnv()
	for _, f := range g.fields {
		g.planChecks(f)
		if f.v.Default != nil && !f.v.Required {
			f.def = g.defaultLiteral(f)
		}
	}
}

// isSecret reports whether v's value is held as a Secret.
func (g *generator) isSecret(v *Var) bool {
	if v.Sensitive {
		return true
	}
	return g.opts.SensitiveName != nil && g.opts.SensitiveName(v.Key) && isText(v.Type)
}

// isText reports whether values of t are text, as opposed to numbers, booleans, durations,
// ports and enums.
func isText(t Type) bool {
	switch t.Kind {
	case String, Path, URL, Email, JSON:
		return true
	case List:
		return isText(elemOf(t))
	}
	return false
}

func elemOf(t Type) Type {
	if t.Elem != nil {
		return *t.Elem
	}
	return Type{Kind: String}
}

func enumOf(t Type) *Type {
	switch {
	case t.Kind == Enum:
		return &t
	case t.Kind == List && elemOf(t).Kind == Enum:
		e := elemOf(t)
		return &e
	}
	return nil
}

func (g *generator) planEnum(v *Var, t *Type, names map[string]string) *enumType {
	e := &enumType{name: GoName(v.Key), key: v.Key, values: t.Values}
	if prev, taken := names[e.name]; taken {
		g.fail(v, "rename the key, or pass another --type", "%s would be the enum type %s, which is already %s", v.Key, e.name, prev)
		return e
	}
	names[e.name] = "the enum type of " + v.Key
	for _, val := range t.Values {
		c := e.name + GoName(val)
		if c == e.name {
			g.fail(v, "give every value a letter or digit", "the value %q of %s has no letters or digits to make a Go constant from", val, v.Key)
			continue
		}
		if prev, taken := names[c]; taken {
			g.fail(v, "rename one of the values", "the value %q of %s would be the constant %s, which is already %s", val, v.Key, c, prev)
			continue
		}
		names[c] = fmt.Sprintf("the constant for %q of %s", val, v.Key)
		e.consts = append(e.consts, c)
	}
	g.enums = append(g.enums, e)
	return e
}

// envKeyNames are the keys that name the environment, in order of preference, when
// GenerateOptions.EnvKey is empty.
var envKeyNames = []string{"APP_ENV", "ENVIRONMENT", "ENV", "GO_ENV"}

func (g *generator) planEnv() {
	var needing []*field
	for _, f := range g.fields {
		if !f.v.Required && len(f.v.RequiredIn) > 0 {
			needing = append(needing, f)
		}
	}
	key := g.opts.EnvKey
	if key == "" && len(needing) == 0 {
		return
	}
	if key == "" {
		for _, k := range envKeyNames {
			if contains(g.s.broken, k) {
				return // the key has errors of its own: which key names the environment is not known
			}
			if g.s.Lookup(k) != nil {
				key = k
				break
			}
		}
	}
	if key == "" {
		for _, f := range needing {
			g.fail(f.v, "add an APP_ENV key to the schema (@type=enum(development,production)), or name the key with --env-key",
				"%s is required in %s, but the schema has no key that names the environment (%s)",
				f.v.Key, strings.Join(f.v.RequiredIn, ", "), strings.Join(envKeyNames, ", "))
		}
		return
	}
	for _, f := range g.fields {
		if f.v.Key == key {
			g.env = f
		}
	}
	if g.env == nil {
		if len(g.s.Vars) > 0 && !contains(g.s.broken, key) {
			g.fail(g.s.Vars[0], "add it to the schema, or name another key", "--env-key %s: the schema has no such key", key)
		}
		return
	}
	ev := g.env.v
	switch {
	case ev.Type.Kind != String && ev.Type.Kind != Enum:
		g.fail(ev, "make it @type=enum(…) or @type=string", "%s names the environment, so it must be a string or an enum, not %s", ev.Key, ev.Type)
		return
	case !ev.Required && len(ev.RequiredIn) > 0:
		g.fail(ev, "use @required or @optional", "%s names the environment, so it cannot be required only in some environments", ev.Key)
		return
	}
	if ev.Type.Kind == Enum {
		for _, f := range needing {
			for _, env := range f.v.RequiredIn {
				if !contains(ev.Type.Values, env) {
					g.fail(f.v, "fix the environment's name, or add it to "+ev.Key+"'s values",
						"%s is required in %q, which is not a value of %s (%s)", f.v.Key, env, ev.Key, strings.Join(ev.Type.Values, ", "))
				}
			}
		}
	}
}

// planChecks turns the regex and the validator tags into checks, and sees that the default
// passes them all.
func (g *generator) planChecks(f *field) {
	v := f.v
	if v.Regex != "" {
		if _, err := regexp.Compile(v.Regex); err != nil {
			g.fail(v, "fix the regular expression (RE2 syntax)", "the regex of %s does not compile", v.Key)
			return
		}
		f.regexVar = "envcheckRegexp" + f.name
		f.checks = append(f.checks, check{cond: "!" + f.regexVar + ".MatchString(v)", msg: "does not match the regex " + v.Regex})
	}
	if v.Validate != "" {
		if err := CheckTags(v.Type, v.Validate); err != nil {
			g.fail(v, "see https://pkg.go.dev/github.com/go-playground/validator/v10 for the tags", "@validate of %s: %v", v.Key, err)
			return
		}
		checks, ok, err := translateTags(v.Type, v.Validate)
		switch {
		case err != nil:
			g.fail(v, "see https://pkg.go.dev/github.com/go-playground/validator/v10 for the tags", "@validate of %s: %v", v.Key, err)
		case ok:
			f.checks = append(f.checks, checks...)
		default:
			f.validate = v.Validate
			for rule, w := range tagWords(v.Validate) {
				g.words[rule] = w
			}
		}
	}
	if v.Default != nil && !v.Required {
		if _, err := v.Type.Parse(*v.Default); err != nil {
			g.fail(v, "fix the default, or the type", "the default of %s %v", v.Key, err)
		} else if err := Validate(v, *v.Default); err != nil {
			g.fail(v, "fix the default, or the rule", "the default of %s %s", v.Key, ruleMsg(err))
		}
	}
}

// defaultLiteral is the Go expression for f's default, which plan has checked.
func (g *generator) defaultLiteral(f *field) string {
	raw := *f.v.Default
	if f.secret {
		if f.v.Type.Kind == List {
			g.helpers["secretList"], g.helpers["strings"] = true, true
			return fmt.Sprintf("envcheckSecretList(%s, %s)", strconv.Quote(raw), strconv.Quote(f.v.Type.Separator()))
		}
		return "NewSecret(" + strconv.Quote(raw) + ")"
	}
	parsed, err := f.v.Type.Parse(raw)
	if err != nil {
		return "" // reported by planChecks
	}
	return g.literal(f.v.Type, parsed, f.enum)
}

// literal writes a value of Type.Parse as a Go expression of the field's type.
func (g *generator) literal(t Type, val any, enum *enumType) string {
	switch t.Kind {
	case String, Path, Email:
		return strconv.Quote(val.(string))
	case Enum:
		for i, v := range enum.values {
			if v == val.(string) && i < len(enum.consts) {
				return enum.consts[i]
			}
		}
		return strconv.Quote(val.(string))
	case Int:
		return strconv.FormatInt(val.(int64), 10)
	case Port:
		return strconv.Itoa(val.(int))
	case Float:
		return g.floatLiteral(val.(float64))
	case Bool:
		return strconv.FormatBool(val.(bool))
	case Duration:
		g.imports["time"] = true
		return durationLiteral(val.(time.Duration))
	case URL:
		g.imports["net/url"] = true
		return urlLiteral(val.(*url.URL))
	case JSON:
		g.imports["encoding/json"] = true
		return "json.RawMessage(" + strconv.Quote(string(val.(json.RawMessage))) + ")"
	case List:
		elem := elemOf(t)
		var b strings.Builder
		b.WriteString(g.valueType(elem, enum))
		b.WriteString("{")
		for i, item := range val.([]any) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(g.literal(elem, item, enum))
		}
		b.WriteString("}")
		return "[]" + b.String()
	}
	panic(fmt.Sprintf("schema: no literal for %v", t))
}

func (g *generator) floatLiteral(f float64) string {
	switch {
	case math.IsNaN(f):
		g.imports["math"] = true
		return "math.NaN()"
	case math.IsInf(f, 1):
		g.imports["math"] = true
		return "math.Inf(1)"
	case math.IsInf(f, -1):
		g.imports["math"] = true
		return "math.Inf(-1)"
	case f == 0 && math.Signbit(f):
		g.imports["math"] = true
		return "math.Copysign(0, -1)"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// durationLiteral writes d in the largest unit that divides it: 30 * time.Second.
func durationLiteral(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"}, {time.Millisecond, "Millisecond"}, {time.Microsecond, "Microsecond"}} {
		if d%u.d == 0 {
			n := d / u.d
			if n == 1 {
				return "time." + u.name
			}
			return strconv.FormatInt(int64(n), 10) + " * time." + u.name
		}
	}
	return "time.Duration(" + strconv.FormatInt(int64(d), 10) + ")"
}

// urlLiteral writes a parsed URL as a composite literal, so the loader never parses a default.
func urlLiteral(u *url.URL) string {
	var parts []string
	add := func(name, v string) {
		if v != "" {
			parts = append(parts, name+": "+strconv.Quote(v))
		}
	}
	add("Scheme", u.Scheme)
	add("Opaque", u.Opaque)
	if u.User != nil {
		if p, ok := u.User.Password(); ok {
			parts = append(parts, fmt.Sprintf("User: url.UserPassword(%s, %s)", strconv.Quote(u.User.Username()), strconv.Quote(p)))
		} else {
			parts = append(parts, fmt.Sprintf("User: url.User(%s)", strconv.Quote(u.User.Username())))
		}
	}
	add("Host", u.Host)
	add("Path", u.Path)
	add("RawPath", u.RawPath)
	if u.OmitHost {
		parts = append(parts, "OmitHost: true")
	}
	if u.ForceQuery {
		parts = append(parts, "ForceQuery: true")
	}
	add("RawQuery", u.RawQuery)
	add("Fragment", u.Fragment)
	add("RawFragment", u.RawFragment)
	return "&url.URL{" + strings.Join(parts, ", ") + "}"
}

// valueType is the Go type of one parsed value of t (no pointer, no Secret).
func (g *generator) valueType(t Type, enum *enumType) string {
	switch t.Kind {
	case String, Path, Email:
		return "string"
	case Enum:
		return enum.name
	case Int:
		return "int64"
	case Port:
		return "int"
	case Float:
		return "float64"
	case Bool:
		return "bool"
	case Duration:
		g.imports["time"] = true
		return "time.Duration"
	case URL:
		g.imports["net/url"] = true
		return "*url.URL"
	case JSON:
		g.imports["encoding/json"] = true
		return "json.RawMessage"
	case List:
		return "[]" + g.valueType(elemOf(t), enum)
	}
	panic(fmt.Sprintf("schema: no Go type for %v", t))
}

// fieldType is the Go type of f's field.
func (g *generator) fieldType(f *field) string {
	t := f.v.Type
	switch {
	case f.secret && t.Kind == List:
		return "[]Secret"
	case f.secret && f.nilable:
		return "*Secret"
	case f.secret:
		return "Secret"
	}
	typ := g.valueType(t, f.enum)
	if f.nilable && !nilableKind(t.Kind) {
		return "*" + typ
	}
	return typ
}

// nilableKind reports whether the Go type of a kind has a nil of its own to mean "unset".
func nilableKind(k Kind) bool { return k == URL || k == List || k == JSON }

// parsers name the helper that parses each kind, and its function.
var parsers = map[Kind]struct{ helper, fn string }{
	Int: {"int", "envcheckInt"}, Float: {"float", "envcheckFloat"}, Bool: {"bool", "envcheckBool"},
	Duration: {"duration", "envcheckDuration"}, URL: {"url", "envcheckURL"}, Email: {"email", "envcheckEmail"},
	Port: {"port", "envcheckPort"}, JSON: {"json", "envcheckJSON"},
}

// parseFunc is the helper that parses one value of t: func(string) (T, string), the string
// saying what is wrong; "" for text, which needs no parsing.
func (g *generator) parseFunc(t Type, enum *enumType) string {
	return g.parseFuncIn(t, enum, false)
}

// parseFuncIn is parseFunc for a value on its own or, with inList, for an item of a list.
func (g *generator) parseFuncIn(t Type, enum *enumType, inList bool) string {
	switch t.Kind {
	case String, Path:
		return ""
	case Enum:
		return "envcheckParse" + enum.name
	case List:
		elem := g.parseFuncIn(elemOf(t), enum, true)
		if elem == "" {
			g.helpers["strings"] = true
			return fmt.Sprintf("envcheckStrings(v, %s, &items)", strconv.Quote(t.Separator()))
		}
		g.helpers["list"] = true
		return fmt.Sprintf("envcheckList(v, %s, %s)", strconv.Quote(t.Separator()), elem)
	}
	if t.Kind == URL && !inList {
		g.helpers["urlValue"] = true
		return "envcheckURLValue"
	}
	h := parsers[t.Kind]
	g.helpers[h.helper] = true
	return h.fn
}
