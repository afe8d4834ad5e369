package schema

import (
	_ "embed"
	"errors"
	"os"

	"github.com/envcheck/envcheck/envcheck/dotenv"
)

// JSONSchema is the JSON Schema (draft-07) of envcheck's schema file format, for editors:
// point "$schema" in a .env.schema.json at it to get completion and checking.
//
//go:embed envcheck.schema.json
var JSONSchema []byte

// Merge combines two schemas key by key: a variable of over replaces the variable of base with
// the same key, keeping base's place in the order (new keys follow in over's order). Two things
// survive the replacement: a key sensitive in either source stays sensitive, so no merge can
// expose a secret; and base's Description, Example and Docs fill over's when over leaves them
// empty. AllowOtherKeys is over's. Either may be nil.
func Merge(base, over *Schema) *Schema {
	switch {
	case base == nil && over == nil:
		return nil
	case base == nil:
		return over
	case over == nil:
		return base
	}
	out := &Schema{AllowOtherKeys: over.AllowOtherKeys}
	out.Sources = append(append(out.Sources, base.Sources...), over.Sources...)
	out.broken = append(append(out.broken, base.broken...), over.broken...)
	used := map[string]bool{}
	for _, b := range base.Vars {
		o := over.Lookup(b.Key)
		if o == nil && contains(over.broken, b.Key) {
			continue // over's definition wins, and it is broken
		}
		if o == nil {
			out.Vars = append(out.Vars, b)
			continue
		}
		used[b.Key] = true
		m := *o
		m.Sensitive = o.Sensitive || b.Sensitive
		if m.Description == "" {
			m.Description = b.Description
		}
		if m.Example == "" {
			m.Example = b.Example
		}
		if m.Docs == "" {
			m.Docs = b.Docs
		}
		out.Vars = append(out.Vars, &m)
	}
	for _, o := range over.Vars {
		if !used[o.Key] {
			out.Vars = append(out.Vars, o)
		}
	}
	return out
}

// Load reads a schema from a template's annotations, a JSON schema file, or both merged (the
// JSON file wins key by key); either path may be "", not both. Errors name the paths as given.
//
// When the files hold mistakes, the error is an ErrorList of every one, and the schema returned
// beside it holds the keys that parsed: enough for a caller to look for problems of its own and
// report them all at once (generate does), never to use. It is nil when a file cannot be read or
// is not a schema at all (invalid JSON), as then nothing is known of the keys.
func Load(templatePath, jsonPath string) (*Schema, error) {
	if templatePath == "" && jsonPath == "" {
		return nil, errors.New("no schema to load: name a template, a JSON schema file or both")
	}
	var base, over *Schema
	var list ErrorList
	unknown := false // a source that is not a schema at all
	collect := func(s *Schema, err error) {
		if err == nil {
			return
		}
		unknown = unknown || s == nil
		var el ErrorList
		if errors.As(err, &el) {
			list = append(list, el...)
			return
		}
		list = append(list, &Error{File: templatePath, Msg: err.Error()})
	}
	if templatePath != "" {
		src, err := os.ReadFile(templatePath)
		if err != nil {
			return nil, ErrorList{readError(templatePath, err)}
		}
		f, _ := dotenv.Parse(templatePath, src) // syntax errors are the linter's business
		base, err = parseTemplateAll(f)
		collect(base, err)
	}
	if jsonPath != "" {
		data, err := os.ReadFile(jsonPath)
		if err != nil {
			return nil, ErrorList{readError(jsonPath, err)}
		}
		over, err = parseJSONAll(jsonPath, data)
		collect(over, err)
	}
	switch {
	case len(list) == 0:
		return Merge(base, over), nil
	case unknown:
		return nil, list
	}
	return Merge(base, over), list
}

func readError(path string, err error) *Error {
	var pe *os.PathError
	msg := err.Error()
	if errors.As(err, &pe) {
		msg = pe.Err.Error()
	}
	hint := ""
	switch {
	case errors.Is(err, os.ErrNotExist):
		msg, hint = "no such file", "check the path"
	case errors.Is(err, os.ErrPermission):
		msg, hint = "permission denied", "make it readable (chmod u+r)"
	}
	return &Error{File: path, Msg: "cannot read the schema: " + msg, Hint: hint}
}
