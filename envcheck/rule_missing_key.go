package envcheck

import "github.com/envcheck/envcheck/schema"

// MissingKey reports a key the template lists that the env file does not set.
var MissingKey = &Rule{
	ID:       "EC2001",
	Name:     "missing-key",
	Severity: Error,
	Fixable:  true,
	Doc: Doc{
		Title: "a key in the template is missing from the env file",
		Why: "The template lists what the application reads. A key left out is the classic \"works on my machine\": " +
			"the teammate who copied the template months ago never got the key added since, and the application " +
			"fails, or quietly falls back, at run time. Layered files count together: a key .env sets is not " +
			"missing from .env.production, which the application loads on top of it.",
		Bad:  "# .env.example\nDATABASE_URL=postgres://localhost/app\nREDIS_URL=redis://localhost:6379\n\n# .env\nDATABASE_URL=postgres://localhost/app\n",
		Good: "# .env\nDATABASE_URL=postgres://localhost/app\nREDIS_URL=redis://localhost:6379\n",
		Fix: "Add the key with its value, or mark it `@optional` in the template when the application copes " +
			"without it. Keys the schema requires are reported by schema-required instead. `envcheck fix` " +
			"appends `KEY=` with the template's comments to the most specific file of the set; the value " +
			"stays empty for you to fill in.",
	},
	Run: runMissingKey,
}

func runMissingKey(p *Pass) {
	f := p.File
	if f.Kind != EnvFile || f.Template == nil {
		return
	}
	s := p.Project.SchemaFor(f)
	for _, set := range p.Project.setsOf(f) {
		if h := set.Head(); h == nil || h.Path != f.Path {
			continue
		}
		eff := set.effective(f)
		var missing []string
		for _, e := range templateKeys(f.Template) {
			if _, ok := eff[e.Key]; ok || requirementOf(s, e.Key, set.Env) != unspecified {
				continue
			}
			missing = append(missing, e.Key)
		}
		if len(missing) == 0 {
			continue
		}
		fix := appendMissing(f, s, missing)
		for _, k := range missing {
			if len(set.Files) == 1 {
				p.Reportf(0, 0, k, fix, "%s is in %s but not in %s; add it, or mark it @optional in the template", k, f.Template.Path, f.Path)
			} else {
				p.Reportf(0, 0, k, fix, "%s is in %s but in none of %s; add it to %s, or mark it @optional in the template", k, f.Template.Path, set.Names(), f.Path)
			}
		}
	}
}

// appendMissing is the fix missing-key and schema-required share: it appends every missing key
// (KEY=, with the template's comments) to f at once. Every finding about f carries this same fix,
// since fixes that append at the same place would otherwise take one round each.
func appendMissing(f *File, s *schema.Schema, keys []string) *Fix {
	adds := make([]addition, len(keys))
	for i, k := range keys {
		adds[i] = additionFor(f.Template, s, k)
	}
	return appendKeys(f.Env, adds)
}
