package envcheck

import (
	"errors"

	"github.com/envcheck/envcheck/schema"
)

// SchemaViolation reports a value that fails its schema: type, format, enum, regex or validator
// tags.
var SchemaViolation = &Rule{
	ID:       "EC3001",
	Name:     "schema-violation",
	Severity: Error,
	Doc: Doc{
		Title: "a value does not match its type, format, enum, regex or validator rule",
		Why: "The application parses the value when it starts, or worse, when it first uses it: PORT=80800, " +
			"HTTP_TIMEOUT=30 (seconds? milliseconds?), APP_ENV=prod where the code compares with \"production\". " +
			"envcheck parses with the same rules as the loader `envcheck generate` writes, so the two never " +
			"disagree. Empty values are left to the requirement rules, placeholders to placeholder-value; in a " +
			"template, the example values are checked too.",
		Bad:  "# .env.example\n# @type=port\nPORT=8080\n\n# .env\nPORT=80800\n",
		Good: "# .env\nPORT=8080\n",
		Fix: "Fix the value, or the rule in the template's decorators or the schema file when the rule is wrong. " +
			"The message names the rule that failed; it never shows the value of a sensitive key.",
	},
	Run: runSchemaViolation,
}

func runSchemaViolation(p *Pass) {
	f := p.File
	s := p.Project.SchemaFor(f)
	if s == nil {
		return
	}
	for _, e := range assignments(f.Env) {
		v := s.Lookup(e.Key)
		if v == nil || e.Value == "" || e.Unterminated {
			continue
		}
		if _, ok := Placeholder(e.Value); ok {
			continue
		}
		err := schema.Validate(v, e.Value)
		if err == nil {
			continue
		}
		msg := err.Error()
		var ve *schema.ValueError
		if errors.As(err, &ve) {
			msg = ve.Key + " " + ve.Msg
		}
		if !p.Project.MustHide(f, e.Key, e.Value) {
			msg += ": got " + shown(e.Value)
		}
		line, col := pos(f.Env, e.ValueStart)
		if f.Kind == Template {
			p.Reportf(line, col, e.Key, nil, "the example value of %s; fix the example, or the rule at %s", msg, v.Pos)
			continue
		}
		p.Reportf(line, col, e.Key, nil, "%s; fix the value, or the rule at %s", msg, v.Pos)
	}
}
