package envcheck

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/envcheck/envcheck/schema"
)

// SchemaFile is the JSON schema file found automatically beside env files.
const SchemaFile = ".env.schema.json"

// Memo keys of the schema facts.
type (
	templateSchemaKey struct{ path string } // a template's annotations
	jsonSchemaKey     struct{ path string } // a JSON schema file
	mergedSchemaKey   struct{ template, json string }
)

type schemaResult struct {
	s   *schema.Schema
	err error
}

// SchemaFor returns the schema that applies to file f: the annotations of its template (for a
// template, its own) merged with the JSON schema file (--schema, or .env.schema.json in the
// file's directory), the JSON file winning key by key. It is nil when there is no schema, and
// when the schema is invalid (Load has then already failed with a usage error).
func (p *Project) SchemaFor(f *File) *schema.Schema {
	if f == nil {
		return nil
	}
	tpl := f.Template
	if f.Kind == Template {
		tpl = f
	}
	jsonPath := p.jsonSchemaPath(f)
	if tpl == nil && jsonPath == "" {
		return nil
	}
	key := mergedSchemaKey{json: jsonPath}
	if tpl != nil {
		key.template = tpl.OSPath
	}
	r := p.Memo(key, func() any {
		var base, over *schema.Schema
		if tpl != nil {
			t := p.templateSchema(tpl)
			if t.err != nil {
				return schemaResult{err: t.err}
			}
			base = t.s
		}
		if jsonPath != "" {
			j := p.jsonSchema(jsonPath)
			if j.err != nil {
				return schemaResult{err: j.err}
			}
			over = j.s
		}
		return schemaResult{s: schema.Merge(base, over)}
	}).(schemaResult)
	return r.s
}

// forcedSchemaPath is the --schema file, or "".
func (p *Project) forcedSchemaPath() string {
	path := p.Options.Schema
	if path != "" && !filepath.IsAbs(path) {
		path = filepath.Join(p.Dir, path)
	}
	return path
}

// jsonSchemaPath is the JSON schema file for f: --schema, or .env.schema.json beside it.
func (p *Project) jsonSchemaPath(f *File) string {
	if path := p.forcedSchemaPath(); path != "" {
		return path
	}
	path := filepath.Join(filepath.Dir(f.OSPath), SchemaFile)
	return p.Memo(jsonSchemaKey{path: "exists:" + path}, func() any {
		if _, err := os.Lstat(path); err != nil {
			return ""
		}
		return path
	}).(string)
}

func (p *Project) templateSchema(t *File) schemaResult {
	return p.Memo(templateSchemaKey{t.OSPath}, func() any {
		if t.Env == nil || t.Unreadable != "" {
			return schemaResult{} // invalid-encoding reports it
		}
		s, err := schema.ParseTemplate(t.Env)
		return schemaResult{s: s, err: err}
	}).(schemaResult)
}

func (p *Project) jsonSchema(path string) schemaResult {
	return p.Memo(jsonSchemaKey{path}, func() any {
		display := displayPath(p.Dir, path)
		data, err := readSchemaFile(path, display)
		if err != nil {
			return schemaResult{err: err}
		}
		s, err := schema.ParseJSON(display, data)
		return schemaResult{s: s, err: err}
	}).(schemaResult)
}

func readSchemaFile(path, display string) ([]byte, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, pathError(display, err)
	case st.IsDir():
		return nil, &FileError{Path: display, Msg: "is a directory, not a JSON schema file"}
	case !st.Mode().IsRegular():
		return nil, &FileError{Path: display, Msg: "is not a regular file; a JSON schema file is"}
	case st.Size() > MaxFileSize:
		return nil, &FileError{Path: display, Msg: fmt.Sprintf("is %s, larger than the %s limit; is this the right file?", humanSize(st.Size()), humanSize(MaxFileSize))}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return nil, &FileError{Path: display, Msg: "permission denied; make the schema readable (chmod u+r), or name another with --schema", Err: err}
		}
		return nil, pathError(display, err)
	}
	return data, nil
}

// loadSchemas reads the schema of every checked file, so that an invalid schema stops the check
// before any rule runs: it is a usage error (exit 2) listing every problem as file:line: message.
func (p *Project) loadSchemas() error {
	var msgs []string
	seen := map[string]bool{}
	add := func(err error) {
		var list schema.ErrorList
		if !errors.As(err, &list) {
			if !seen[err.Error()] {
				seen[err.Error()] = true
				msgs = append(msgs, err.Error())
			}
			return
		}
		for _, e := range list {
			if s := e.Error(); !seen[s] {
				seen[s] = true
				msgs = append(msgs, s)
			}
		}
	}
	if path := p.forcedSchemaPath(); path != "" {
		if r := p.jsonSchema(path); r.err != nil {
			var fe *FileError
			if errors.As(r.err, &fe) {
				return &UsageError{Msg: fe.Error() + " (given with --schema)"}
			}
			add(r.err)
		}
	}
	for _, f := range p.Files {
		if !f.Checked || (f.Kind != EnvFile && f.Kind != Template) {
			continue
		}
		tpl := f.Template
		if f.Kind == Template {
			tpl = f
		}
		if tpl != nil {
			if r := p.templateSchema(tpl); r.err != nil {
				add(r.err)
			}
		}
		if path := p.jsonSchemaPath(f); path != "" {
			if r := p.jsonSchema(path); r.err != nil {
				add(r.err)
			}
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return &UsageError{Msg: strings.Join(msgs, "\n")}
}
