package envcheck

// EmptyValue reports a key set to nothing that the template expects a value for.
var EmptyValue = &Rule{
	ID:       "EC2004",
	Name:     "empty-value",
	Severity: Warning,
	Doc: Doc{
		Title: "a key the template gives a value is empty",
		Why: "An empty value is set, so loaders do not report it missing, and the application gets \"\" where the " +
			"template shows it needs something: a connection string, a model name, a URL. Keys the schema marks " +
			"required are reported by schema-required, and an empty optional key is fine.",
		Bad:  "# .env.example\nOPENAI_BASE_URL=https://api.openai.com/v1\n\n# .env\nOPENAI_BASE_URL=\n",
		Good: "# .env\nOPENAI_BASE_URL=https://api.openai.com/v1\n",
		Fix: "Give it a value, or delete the line, or mark the key `@optional` in the template when empty is " +
			"fine. Not fixed automatically.",
	},
	Run: runEmptyValue,
}

func runEmptyValue(p *Pass) {
	f := p.File
	if f.Kind != EnvFile || f.Template == nil {
		return
	}
	s := p.Project.SchemaFor(f)
	reported := map[int]bool{}
	for _, set := range p.Project.setsOf(f) {
		for key, src := range set.effective(f) {
			e := src.Entry
			if src.File.Path != f.Path || !e.HasSeparator || e.Value != "" || reported[e.Line] {
				continue
			}
			if requirementOf(s, key, set.Env) != unspecified || templateValue(f.Template, key) == "" {
				continue
			}
			reported[e.Line] = true
			line, col := keyPos(f.Env, e)
			p.Reportf(line, col, key, nil, "%s is empty, but %s gives it a value; set it, or mark it @optional in the template if empty is fine", key, f.Template.Path)
		}
	}
}
