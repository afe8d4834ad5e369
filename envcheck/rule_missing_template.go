package envcheck

import "path"

// MissingTemplate reports an env file with no template beside it.
var MissingTemplate = &Rule{
	ID:       "EC2005",
	Name:     "missing-template",
	Severity: Warning,
	Doc: Doc{
		Title: "an env file has no template beside it",
		Why: "Env files are not committed, so without a committed template (.env.example) a new teammate has no " +
			"way to learn which keys to set, and envcheck cannot tell a missing key from an extra one.",
		Bad:  "# .env, and no .env.example\nDATABASE_URL=postgres://app:s3cret@db/app\n",
		Good: "# .env.example, committed\n# Postgres connection string.\nDATABASE_URL=postgres://user:password@localhost/app\n",
		Fix: "Create .env.example (or .env.sample, .env.template, …) with every key and a placeholder value, " +
			"never a real one, and commit it; or point at a template elsewhere with --example.",
	},
	Run: runMissingTemplate,
}

func runMissingTemplate(p *Pass) {
	f := p.File
	if f.Kind != EnvFile || f.Template != nil {
		return
	}
	name := ".env.example"
	if _, layered := layerOf(path.Base(f.Path)); !layered {
		name = TemplateNames(path.Base(f.Path))[0]
	}
	p.Reportf(0, 0, "", nil, "no template beside %s; commit one, such as %s, that lists its keys with placeholder values (never the real ones), or name one with --example", f.Path, name)
}
