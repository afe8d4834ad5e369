package envcheck

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/envcheck/envcheck/envcheck/dotenv"
	"github.com/envcheck/envcheck/schema"
)

// `envcheck init` creates or completes an env file from its template and schema. PlanInit works
// out which keys need a value: those the env file's layer set (.env, .env.local, .env.NAME,
// .env.NAME.local) does not set, or sets to a placeholder, or leaves empty where the check would
// report it. InitKey.Check validates an answer as the check would; InitPlan.Content builds the
// new file: missing keys are appended with the template's comments by the same code the
// missing-key fix uses, a placeholder in the file itself has only its value replaced, and
// every other byte stays. InitPlan.Write writes it atomically (DESIGN §9), refusing when the
// file changed meanwhile.

// An InitPlan is what `envcheck init` asks for to create or complete one env file.
type InitPlan struct {
	Project  *Project
	Target   *File          // the env file; when it does not exist yet, a File with no entries
	Exists   bool           // the target exists
	Template *File          // nil when only a JSON schema lists the keys
	Schema   *schema.Schema // nil when there is no schema (only a template without decorators)
	Env      string         // the environment whose requirements apply
	Keys     []string       // every key the template and schema list, in order, deprecated ones left out
	Asks     []*InitKey     // the keys that need a value, in the same order
	Notes    []string       // what init cannot do itself (a placeholder in a file that overrides the target)
	Warnings []error        // files of the directory that could not be read

	src []byte // the target's content when planned
}

// An InitKey is a key `envcheck init` asks a value for.
type InitKey struct {
	Key         string
	Var         *schema.Var // what the schema says about it; nil when nothing does
	Sensitive   bool        // its value is a secret: read it hidden, never show it
	Required    bool        // the schema requires it in the selected environment
	Needed      bool        // it must get a non-empty value: required, or the template gives it one and nothing makes it optional
	Default     *string     // the schema's default; nil when there is none
	Description string
	Example     string // an example of a value, for a key that is not sensitive; "" otherwise
	State       string // "missing", "a placeholder" or "empty"
	Where       string // the file that holds the placeholder or the empty value; "" when missing

	entry    *dotenv.Entry // the target's own entry whose value is replaced; nil to append
	tplValue string
}

// PlanInit plans `envcheck init` for the env file at target (DIR/.env or DIR/.env.NAME) under
// opts (Dir, Example, Schema and Env are used; the rules are not run). Mistakes the user must
// fix first, such as a target that is a symbolic link or no template and no schema, are
// *UsageError; files that cannot be read are *FileError.
func PlanInit(opts Options, target string) (*InitPlan, error) {
	cwd := opts.Dir
	if cwd == "" {
		var err error
		if cwd, err = os.Getwd(); err != nil {
			return nil, err
		}
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(cwd, target)
	}
	target = filepath.Clean(target)
	display := displayPath(cwd, target)
	dir := filepath.Dir(target)
	if k := Classify(filepath.Base(target)); k != EnvFile {
		return nil, &UsageError{Msg: fmt.Sprintf("%s is not an env file name (it is a %s); init writes .env or .env.NAME", display, k)}
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, &UsageError{Msg: fmt.Sprintf("%s: no such directory; check the path", displayPath(cwd, dir))}
	}
	info, err := os.Lstat(target)
	switch {
	case err == nil && info.Mode()&fs.ModeSymlink != 0:
		return nil, &UsageError{Msg: display + " " + ErrSymlink.Error()}
	case err == nil && !info.Mode().IsRegular():
		return nil, &UsageError{Msg: fmt.Sprintf("%s is not a regular file (%s); init writes only regular files", display, fileType(info.Mode()))}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, pathError(display, err)
	}

	opts.Dir = cwd
	opts.Paths = []string{dir}
	opts.Recursive = false
	opts.Rules = []*Rule{} // nothing runs: no git or Docker facts to gather
	p, errs, err := Load(opts)
	if err != nil {
		return nil, err
	}
	plan := &InitPlan{Project: p, Env: opts.Env}
	for _, e := range errs {
		var fe *FileError
		if errors.As(e, &fe) && fe.Path == display {
			if errors.Is(e, fs.ErrPermission) {
				return nil, &FileError{Path: display, Msg: fmt.Sprintf("permission denied; make it readable and writable by you (chmod u+rw %s)", display), Err: e}
			}
			return nil, e
		}
		plan.Warnings = append(plan.Warnings, e)
	}
	tf := p.byOSPath(target)
	if tf == nil {
		tf = &File{Path: display, OSPath: target, Kind: EnvFile}
		tf.Env, _ = dotenv.Parse(display, nil)
		tf.Template = p.templateFor(tf)
	} else {
		plan.Exists = true
		plan.src = tf.Env.Src
		if tf.Unreadable != "" {
			return nil, &FileError{Path: display, Msg: fmt.Sprintf("is encoded as %s; init writes UTF-8 only: convert it first (iconv -f %s -t UTF-8)", tf.Unreadable, tf.Unreadable)}
		}
		for _, e := range tf.Env.Entries {
			if e.Unterminated {
				return nil, &FileError{Path: display, Line: e.Line, Msg: fmt.Sprintf("the quote opened in the value of %s is never closed, so a loader would read anything appended into it; close the quote first", e.Key)}
			}
		}
	}
	plan.Target, plan.Template = tf, tf.Template
	if err := p.schemaError(tf); err != nil {
		return nil, err
	}
	plan.Schema = p.SchemaFor(tf)
	if plan.Template == nil && plan.Schema == nil {
		return nil, &UsageError{Msg: fmt.Sprintf("%s has no template beside it (%s, …) and there is no %s: init needs one of them to know which keys to ask for; create %s listing the keys, or name a template with --example",
			display, strings.Join(TemplateNames(filepath.Base(target))[:2], ", "), SchemaFile, TemplateNames(filepath.Base(target))[0])}
	}
	plan.plan()
	return plan, nil
}

// schemaError returns the problems of f's schema sources as a usage error, as Load does for the
// files it checks (a target that does not exist yet is not one of them).
func (p *Project) schemaError(f *File) error {
	var errs []error
	if f.Template != nil {
		if r := p.templateSchema(f.Template); r.err != nil {
			errs = append(errs, r.err)
		}
	}
	if path := p.jsonSchemaPath(f); path != "" {
		if r := p.jsonSchema(path); r.err != nil {
			errs = append(errs, r.err)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &UsageError{Msg: errors.Join(errs...).Error()}
}

// plan fills Keys, Asks and Notes.
func (plan *InitPlan) plan() {
	p, tf, s := plan.Project, plan.Target, plan.Schema
	set := p.initSet(tf, plan.Env)
	eff := set.effective(nil)
	targetAt := 0
	for i, f := range set.Files {
		if f == tf {
			targetAt = i
		}
	}
	var keys []string
	seen := map[string]bool{}
	for _, e := range templateKeys(plan.Template) {
		keys, seen[e.Key] = append(keys, e.Key), true
	}
	if s != nil {
		for _, v := range s.Vars {
			if !seen[v.Key] {
				keys, seen[v.Key] = append(keys, v.Key), true
			}
		}
	}
	for _, key := range keys {
		v := s.Lookup(key)
		if v != nil && v.Deprecated != "" {
			continue // asking would only add what deprecated-key reports
		}
		plan.Keys = append(plan.Keys, key)
		req := requirementOf(s, key, plan.Env)
		k := &InitKey{Key: key, Var: v, Required: req == required, Sensitive: p.IsSensitive(tf, key), tplValue: templateValue(plan.Template, key)}
		k.Needed = k.Required || (req == unspecified && k.tplValue != "")
		if v != nil {
			k.Default, k.Description = v.Default, v.Description
			if !k.Sensitive {
				k.Example = v.Example
			}
		}
		src, ok := eff[key]
		switch {
		case !ok:
			k.State = "missing"
		case !src.Entry.HasSeparator || src.Entry.Value == "":
			if k.Needed {
				k.State = "empty"
			}
		default:
			value := src.Entry.Value
			if _, ph := Placeholder(value); ph || (p.MustHide(src.File, key, value) && k.copied(value)) {
				k.State = "a placeholder"
			}
		}
		if k.State == "" {
			continue
		}
		if ok {
			k.Where = src.File.Path
			at := 0
			for i, f := range set.Files {
				if f == src.File {
					at = i
				}
			}
			switch {
			case src.File == tf:
				k.entry = src.Entry
			case at > targetAt:
				// A value written to the target would not win: the later file overrides it.
				plan.Notes = append(plan.Notes, fmt.Sprintf("%s is %s in %s, which overrides %s; set it there", key, k.State, src.File.Path, tf.Path))
				continue
			}
		}
		plan.Asks = append(plan.Asks, k)
	}
}

// copied reports whether a secret's value is the template's or the schema's example: a template
// never holds a real secret, so a value copied from it is a stand-in (as placeholder-value says).
func (k *InitKey) copied(value string) bool {
	if !textual(k.Var, value) {
		return false
	}
	return (k.tplValue != "" && value == k.tplValue) || (k.Var != nil && k.Var.Example != "" && value == k.Var.Example)
}

// initSet is the layer set init completes: the environment's files that exist, with the target
// in its place whether it exists or not.
func (p *Project) initSet(tf *File, env string) *layerSet {
	byPath := make(map[string]*File, len(p.Files))
	for _, f := range p.Files {
		byPath[filepath.Clean(mustAbs(f.OSPath))] = f
	}
	set := &layerSet{Env: env}
	dir := filepath.Dir(tf.OSPath)
	seen := map[string]bool{}
	for _, name := range layerNames(env) {
		path := filepath.Join(dir, name)
		if seen[path] {
			continue
		}
		seen[path] = true
		if path == tf.OSPath {
			set.Files = append(set.Files, tf)
		} else if f := p.layerFile(path, byPath); f != nil {
			set.Files = append(set.Files, f)
		}
	}
	if len(set.Files) == 0 || !seen[tf.OSPath] { // a target outside the naming convention
		set.Files = append(set.Files, tf)
	}
	return set
}

// Check validates a value for the key as `envcheck check` would judge it: not empty when the key
// needs a value, not a placeholder, valid for the schema, and writable to an env file. The error
// is a *schema.ValueError, which never holds the value.
func (k *InitKey) Check(value string) error {
	fail := func(rule, msg string) error { return &schema.ValueError{Key: k.Key, Rule: rule, Msg: msg} }
	if !utf8.ValidString(value) {
		return fail("utf-8", "is not valid UTF-8 text")
	}
	for _, r := range value {
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f {
			return fail("text", "holds a control character; an env file value is text")
		}
	}
	if value == "" {
		switch {
		case k.Required:
			return fail("required", "is required")
		case k.Needed:
			return fail("required", "needs a value: the template gives it one and does not mark it @optional")
		}
		return nil
	}
	if kind, ok := Placeholder(value); ok {
		return fail("placeholder", "is still a placeholder ("+kind+"); use the real value")
	}
	if k.Sensitive && k.copied(value) {
		return fail("placeholder", "is the template's example value, not a real one")
	}
	if k.Var != nil {
		if err := schema.Validate(k.Var, value); err != nil {
			return err
		}
	}
	if _, err := EncodeValue(value); err != nil {
		var ve *schema.ValueError
		if errors.As(err, &ve) {
			ve.Key = k.Key
		}
		return err
	}
	return nil
}

// EncodeValue returns value as it is written after KEY= so that the env file reads it back
// unchanged: bare when it is plain (letters, digits and _-.,/:@%+=), in single quotes when that
// holds it, else in double quotes with \\, \", \$, \n and \r escaped. Every choice is checked by
// parsing it back. The error is a *schema.ValueError without the value.
func EncodeValue(value string) (string, error) {
	if value == "" {
		return "", nil
	}
	var candidates []string
	if plain(value) {
		candidates = append(candidates, value)
	}
	if !strings.ContainsAny(value, "'\n\r") {
		candidates = append(candidates, "'"+value+"'")
	}
	candidates = append(candidates, doubleQuoted(value))
	if !strings.ContainsAny(value, " \t\n\r#$'\"`") {
		candidates = append(candidates, value) // C:\dir\ ends in a backslash, which no quotes can hold
	}
	for _, c := range candidates {
		if readsBack(c, value) {
			return c, nil
		}
	}
	return "", &schema.ValueError{Rule: "text", Msg: "cannot be written to an env file so that it reads back unchanged"}
}

func plain(value string) bool {
	for _, r := range value {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("_-.,/:@%+=", r) {
			return false
		}
	}
	return true
}

func doubleQuoted(value string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range value {
		switch r {
		case '\\', '"', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// readsBack reports whether KEY=<written> parses, alone, to exactly value.
func readsBack(written, value string) bool {
	f, _ := dotenv.Parse("", []byte("KEY="+written+"\n"))
	if len(f.Entries) != 1 || len(f.Errors) > 0 {
		return false
	}
	e := f.Entries[0]
	return e.Key == "KEY" && !e.Unterminated && e.Trailing == "" && e.CommentStart < 0 && e.Value == value
}

// Content returns the target's new content with the given values: keys absent from the layer set
// are appended with the template's comments, and a placeholder or empty value in the target
// itself has only its value replaced. Asked keys without an entry in values are left as they
// are. Every other byte stays, and the result is parsed again to prove each value reads back
// exactly.
func (plan *InitPlan) Content(values map[string]string) ([]byte, error) {
	f := plan.Target.Env
	var edits []Edit
	var adds []addition
	written := map[string]string{}
	for _, k := range plan.Asks {
		v, ok := values[k.Key]
		if !ok {
			continue
		}
		enc, err := EncodeValue(v)
		if err != nil {
			var ve *schema.ValueError
			if errors.As(err, &ve) {
				ve.Key = k.Key
			}
			return nil, err
		}
		written[k.Key] = v
		switch {
		case k.entry != nil && k.entry.HasSeparator:
			edits = append(edits, Edit{Start: k.entry.ValueStart, End: k.entry.ValueEnd, New: enc})
		case k.entry != nil: // KEY alone on its line
			edits = append(edits, Edit{Start: k.entry.KeyEnd, End: k.entry.KeyEnd, New: "=" + enc})
		default:
			a := additionFor(plan.Template, plan.Schema, k.Key)
			a.value = enc
			adds = append(adds, a)
		}
	}
	if len(adds) > 0 {
		fix := appendKeys(f, adds)
		if fix == nil {
			return nil, &FileError{Path: plan.Target.Path, Msg: "a quote is left open, so keys cannot be appended safely; close it first"}
		}
		edits = append(edits, fix.Edits...)
	}
	out, _, err := ApplyEdits(f.Src, [][]Edit{edits})
	if err != nil {
		return nil, err
	}
	// The proof: every value reads back as given, from the last entry of its key.
	back, _ := dotenv.Parse(plan.Target.Path, out)
	last := map[string]*dotenv.Entry{}
	for i := range back.Entries {
		last[back.Entries[i].Key] = &back.Entries[i]
	}
	for key, v := range written {
		if e := last[key]; e == nil || e.Unterminated || e.Value != v {
			return nil, fmt.Errorf("internal error: the value of %s would not read back as given from %s; nothing written; please report it at https://github.com/envcheck/envcheck/issues", key, plan.Target.Path)
		}
	}
	return out, nil
}

// Write replaces (or creates, mode 0600) the target with content, atomically, unless it
// changed since it was planned: a file someone edited meanwhile is never overwritten.
func (plan *InitPlan) Write(content []byte) error {
	path, display := plan.Target.OSPath, plan.Target.Path
	info, err := os.Lstat(path)
	switch {
	case err == nil && info.Mode()&fs.ModeSymlink != 0:
		return &FileError{Path: display, Msg: ErrSymlink.Error()}
	case err == nil && !plan.Exists:
		return &FileError{Path: display, Msg: "was created while envcheck init was asking; nothing written: run envcheck init again"}
	case errors.Is(err, fs.ErrNotExist) && plan.Exists:
		return &FileError{Path: display, Msg: "was removed while envcheck init was asking; nothing written: run envcheck init again"}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return pathError(display, err)
	}
	if plan.Exists {
		now, err := os.ReadFile(path)
		if err != nil {
			return pathError(display, err)
		}
		if !bytes.Equal(now, plan.src) {
			return &FileError{Path: display, Msg: "changed while envcheck init was asking; nothing written: run envcheck init again"}
		}
	}
	if err := WriteFile(path, content, 0o600); err != nil {
		msg := err.Error()
		var pe *fs.PathError
		switch {
		case errors.Is(err, fs.ErrPermission):
			msg = fmt.Sprintf("permission denied: the file is replaced by a new one written beside it, so its directory must be writable by you (chmod u+w %s)", filepath.Dir(display))
		case errors.As(err, &pe):
			msg = pe.Err.Error()
		}
		return &FileError{Path: display, Msg: "not written: " + msg + "; the file is unchanged", Err: err}
	}
	return nil
}
