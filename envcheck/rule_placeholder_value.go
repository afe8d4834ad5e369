package envcheck

import "github.com/envcheck/envcheck/schema"

// PlaceholderValue reports a value that is still a placeholder.
var PlaceholderValue = &Rule{
	ID:       "EC2003",
	Name:     "placeholder-value",
	Severity: Error,
	Doc: Doc{
		Title: "a value is still a placeholder from the template",
		Why: "A placeholder is set, so nothing reports the key as missing, but the application sends " +
			"\"your-api-key-here\" to the API and fails later, further from the cause. envcheck knows the usual " +
			"shapes (your-…-here, xxxx, sk-…xxxx, changeme, <…>, TODO) and, for a secret, the template's own value: " +
			"a template never holds a real secret.",
		Bad:  "ANTHROPIC_API_KEY=sk-ant-api03-your-key-here\n",
		Good: "ANTHROPIC_API_KEY=sk-ant-api03-… (the key from the console)\n",
		Fix:  "Put the real value in. Not fixed automatically: only you have it.",
	},
	Run: runPlaceholderValue,
}

func runPlaceholderValue(p *Pass) {
	f := p.File
	if f.Kind != EnvFile {
		return
	}
	s := p.Project.SchemaFor(f)
	reported := map[int]bool{}
	for _, set := range p.Project.setsOf(f) {
		for key, src := range set.effective(f) {
			if src.File.Path != f.Path || !src.Entry.HasSeparator || reported[src.Entry.Line] {
				continue
			}
			e := src.Entry
			secret := p.Project.MustHide(f, key, e.Value)
			kind, ok := Placeholder(e.Value)
			if !ok && secret && e.Value != "" && textual(s.Lookup(key), e.Value) {
				// A template never holds a real secret, so a secret copied from it is a stand-in.
				if t := templateValue(f.Template, key); t != "" && t == e.Value {
					kind, ok = "the template's example value", true
				} else if v := s.Lookup(key); v != nil && v.Example != "" && v.Example == e.Value {
					kind, ok = "the schema's example value", true
				}
			}
			if !ok {
				continue
			}
			reported[e.Line] = true
			line, col := pos(f.Env, e.ValueStart)
			if secret {
				p.Reportf(line, col, key, nil, "%s is still a placeholder (%s); put the real value in", key, kind)
			} else {
				p.Reportf(line, col, key, nil, "%s is still a placeholder (%s: %s); put the real value in", key, kind, shown(e.Value))
			}
		}
	}
}

// textual reports whether value could be a secret's stand-in: not the key's default, and of a
// type a secret has (MAX_TOKENS=4096 is sensitive by name only, and 4096 is no placeholder).
func textual(v *schema.Var, value string) bool {
	if v == nil {
		return true
	}
	if v.Default != nil && *v.Default == value {
		return false
	}
	switch v.Type.Kind {
	case schema.String, schema.URL, schema.JSON:
		return true
	}
	return false
}

// templateValue is the value a template gives key, or "".
func templateValue(t *File, key string) string {
	if t == nil || t.Env == nil {
		return ""
	}
	if e, ok := t.Env.Lookup(key); ok {
		return e.Value
	}
	return ""
}
