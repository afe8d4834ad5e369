package envcheck

import (
	"strings"

	"github.com/envcheck/envcheck/internal/suggest"
)

// SchemaUnknownKey reports a key that a closed schema does not list.
var SchemaUnknownKey = &Rule{
	ID:       "EC3002",
	Name:     "schema-unknown-key",
	Severity: Error,
	Doc: Doc{
		Title: "a key is not in a schema that allows no other keys",
		Why: "A closed schema (allow_other_keys false, which is dotenv-linter's default for schema files, or " +
			"@allowOtherKeys=false in the template's header) lists every key the application reads, so any other " +
			"key is a typo or a leftover, and the key the application does read may be unset.",
		Bad:  "# .env.schema.json\n{\"version\": \"1.0\", \"entries\": {\"DATABASE_URL\": {\"type\": \"Url\"}}}\n\n# .env\nDATABASE_URL=postgres://localhost/app\nDATABSE_POOL=5\n",
		Good: "# .env\nDATABASE_URL=postgres://localhost/app\n",
		Fix: "Delete the key, fix its name, or add it to the schema. Set \"allow_other_keys\": true (or " +
			"@allowOtherKeys in the template's header) to allow keys outside the schema; extra-key then reports " +
			"the ones the template lacks.",
	},
	Run: runSchemaUnknownKey,
}

func runSchemaUnknownKey(p *Pass) {
	f := p.File
	if f.Kind != EnvFile {
		return
	}
	s := p.Project.SchemaFor(f)
	if s == nil || s.AllowOtherKeys {
		return
	}
	var known []string
	for _, v := range s.Vars {
		known = append(known, v.Key)
	}
	seen := map[string]bool{}
	for _, e := range assignments(f.Env) {
		if e.Key == "" || seen[e.Key] || s.Lookup(e.Key) != nil {
			continue
		}
		seen[e.Key] = true
		hint := ""
		if n := suggest.Nearest(e.Key, known); n != "" {
			hint = "did you mean " + n + "? "
		}
		line, col := keyPos(f.Env, e)
		p.Reportf(line, col, e.Key, nil, "%s is not in the schema (%s), which allows no other keys; %sdelete it, or add it to the schema",
			e.Key, strings.Join(s.Sources, " and "), hint)
	}
}
