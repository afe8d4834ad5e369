package envcheck

// SchemaRequired reports a key the schema requires in the selected environment that is absent
// or empty.
var SchemaRequired = &Rule{
	ID:       "EC3003",
	Name:     "schema-required",
	Severity: Error,
	Fixable:  true,
	Doc: Doc{
		Title: "a key the schema requires in this environment is absent or empty",
		Why: "The application cannot run without it. Requirements can depend on the environment: " +
			"`@required=production` applies only when production is selected (--env production, or APP_ENV), " +
			"and the files of that environment (.env, .env.local, .env.production, .env.production.local) count " +
			"together, later ones overriding earlier ones.",
		Bad:  "# .env.example\n# @type=url @required=production\nOLLAMA_HOST=http://localhost:11434\n\n# .env.production, checked with --env production\nAPP_ENV=production\n",
		Good: "# .env.production\nAPP_ENV=production\nOLLAMA_HOST=http://ollama.internal:11434\n",
		Fix: "Set the key, in the most specific file of the environment. `envcheck fix` appends `KEY=` with the " +
			"template's comments when the key is absent; the value is yours to fill in.",
	},
	Run: runSchemaRequired,
}

func runSchemaRequired(p *Pass) {
	f := p.File
	if f.Kind != EnvFile {
		return
	}
	s := p.Project.SchemaFor(f)
	if s == nil {
		return
	}
	reported := map[int]bool{}
	for _, set := range p.Project.setsOf(f) {
		eff := set.effective(f)
		// Empty values, reported where the winning assignment is.
		for _, v := range s.Vars {
			src, ok := eff[v.Key]
			if !ok || src.File.Path != f.Path || !src.Entry.HasSeparator || src.Entry.Value != "" || !v.RequiredFor(set.Env) || reported[src.Entry.Line] {
				continue
			}
			reported[src.Entry.Line] = true
			line, col := keyPos(f.Env, src.Entry)
			p.Reportf(line, col, v.Key, nil, "%s is required%s but empty; set it", v.Key, inEnv(v, set.Env))
		}
		// Absent keys, reported on the set's most specific file.
		if h := set.Head(); h == nil || h.Path != f.Path {
			continue
		}
		var missing []string
		for _, v := range s.Vars {
			if _, ok := eff[v.Key]; !ok && v.RequiredFor(set.Env) {
				missing = append(missing, v.Key)
			}
		}
		if len(missing) == 0 {
			continue
		}
		fix := appendMissing(f, s, missing)
		for _, k := range missing {
			v := s.Lookup(k)
			if len(set.Files) == 1 {
				p.Reportf(0, 0, k, fix, "%s is required%s but not set in %s; add it", k, inEnv(v, set.Env), f.Path)
			} else {
				p.Reportf(0, 0, k, fix, "%s is required%s but set in none of %s; add it to %s", k, inEnv(v, set.Env), set.Names(), f.Path)
			}
		}
	}
}
