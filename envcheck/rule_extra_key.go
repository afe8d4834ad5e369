package envcheck

// ExtraKey reports a key the env file sets that neither the template nor the schema knows.
var ExtraKey = &Rule{
	ID:       "EC2002",
	Name:     "extra-key",
	Severity: Warning,
	Doc: Doc{
		Title: "a key in the env file is in neither the template nor the schema",
		Why: "Either the template is out of date, so the next teammate will not know the key exists, or the key " +
			"is a leftover or a typo (DATABSE_URL) that the application never reads, while the key it does read " +
			"stays unset.",
		Bad:  "# .env.example\nDATABASE_URL=postgres://localhost/app\n\n# .env\nDATABASE_URL=postgres://localhost/app\nDEBUG_SQL=1\n",
		Good: "# .env.example\nDATABASE_URL=postgres://localhost/app\n# Log every SQL statement. @optional\nDEBUG_SQL=\n",
		Fix: "Add the key to the template (with a placeholder value, never the real one) or delete it from the " +
			"env file. When the schema allows no other keys, schema-unknown-key reports it instead.",
	},
	Run: runExtraKey,
}

func runExtraKey(p *Pass) {
	f := p.File
	if f.Kind != EnvFile || f.Template == nil {
		return
	}
	s := p.Project.SchemaFor(f)
	if s != nil && !s.AllowOtherKeys {
		return // a closed schema: schema-unknown-key
	}
	seen := map[string]bool{}
	for _, e := range assignments(f.Env) {
		if e.Key == "" || seen[e.Key] {
			continue
		}
		seen[e.Key] = true
		if hasKey(f.Template, e.Key) || s.Lookup(e.Key) != nil {
			continue
		}
		line, col := keyPos(f.Env, e)
		p.Reportf(line, col, e.Key, nil, "%s is not in %s; add it there with a placeholder value so teammates know it exists, or delete it here if nothing reads it", e.Key, f.Template.Path)
	}
}
