package envcheck

import "github.com/envcheck/envcheck/schema"

// DeprecatedKey reports an env file that still sets a key the schema marks deprecated.
var DeprecatedKey = &Rule{
	ID:       "EC3004",
	Name:     "deprecated-key",
	Severity: Warning,
	Doc: Doc{
		Title: "an env file sets a key the schema marks deprecated",
		Why: "The application no longer reads the key, or will stop reading it, so the setting it carries is " +
			"lost, usually silently, unless it moves to the key that replaced it.",
		Bad:  "# .env.example\n# @deprecated=\"use LLM_MODEL\"\nMODEL_NAME=\n\n# .env\nMODEL_NAME=claude-sonnet-4-5\n",
		Good: "# .env\nLLM_MODEL=claude-sonnet-4-5\n",
		Fix:  "Move the value to the key the deprecation names, then delete the line. Not fixed automatically.",
	},
	Run: runDeprecatedKey,
}

func runDeprecatedKey(p *Pass) {
	f := p.File
	if f.Kind != EnvFile {
		return
	}
	s := p.Project.SchemaFor(f)
	if s == nil {
		return
	}
	seen := map[string]bool{}
	for _, e := range assignments(f.Env) {
		v := s.Lookup(e.Key)
		if v == nil || v.Deprecated == "" || seen[e.Key] {
			continue
		}
		seen[e.Key] = true
		docs := ""
		if v.Docs != "" {
			docs = " (see " + v.Docs + ")"
		}
		line, col := keyPos(f.Env, e)
		if v.Deprecated == schema.NoReason {
			p.Reportf(line, col, e.Key, nil, "%s is deprecated (the schema gives no reason)%s; delete the line once nothing reads it", e.Key, docs)
			continue
		}
		p.Reportf(line, col, e.Key, nil, "%s is deprecated: %s%s; move its value and delete the line", e.Key, v.Deprecated, docs)
	}
}
