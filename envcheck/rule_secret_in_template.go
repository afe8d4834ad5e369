package envcheck

// SecretInTemplate reports real-looking credentials in templates.
var SecretInTemplate = &Rule{
	ID:       "EC4008",
	Name:     "secret-in-template",
	Severity: Error,
	Doc: Doc{
		Title: "a template holds what looks like a real credential",
		Why: "Templates (.env.example) are committed and copied by everyone: a real key in one is published with the " +
			"repository. envcheck recognises the shapes of OpenAI (sk-proj-, sk-svcacct-), Anthropic (sk-ant-api03-, " +
			"sk-ant-admin01-), Google (AIza), AWS (AKIA, ASIA), GitHub (ghp_, github_pat_, gho_), GitLab, Slack (xoxb-, " +
			"xoxp-), Hugging Face (hf_), Stripe live (sk_live_), Groq (gsk_), xAI (xai-), Perplexity and Telegram bot " +
			"credentials, and long random values under KEY, SECRET, TOKEN and PASSWORD names; placeholders such as " +
			"`your-key-here`, `xxxx`, `changeme`, `<token>`, `${VAR}` and anything containing `example` are left alone. " +
			"The message shows the provider and the shape, never the value.",
		Bad:  "OPENAI_API_KEY=sk-proj-…(164 chars)\n",
		Good: "OPENAI_API_KEY=sk-proj-your-key-here\n",
		Fix: "Replace the value with a placeholder. If the template was ever committed or shared, rotate the key first: " +
			"assume it is known. `envcheck fix` does not change it, because only you know whether the key must be rotated " +
			"and whether the value is still needed somewhere. If the value is not a secret, silence the finding with " +
			"`# envcheck:ignore secret-in-template <reason>` above the line.",
	},
	Run: runSecretInTemplate,
}

func runSecretInTemplate(p *Pass) {
	f := p.File
	if f.Kind != Template {
		return
	}
	for _, e := range assignments(f.Env) {
		m, ok := findSecret(e.Value)
		if !ok {
			m, ok = genericSecret(e.Key, e.Value)
		}
		if !ok {
			continue
		}
		line, col := pos(f.Env, e.ValueStart)
		p.Reportf(line, col, e.Key, nil,
			"%s holds what looks like a real %s (%s) in a template, which is committed and shared: replace it with a placeholder such as `your-%s-here`, and rotate the key first if this file was ever committed",
			e.Key, m.Provider(), Mask(m.secret), placeholderName(e.Key))
	}
}

// placeholderName suggests a placeholder word from a key: ANTHROPIC_API_KEY → anthropic-api-key.
func placeholderName(key string) string {
	b := []byte(key)
	for i, c := range b {
		switch {
		case c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case c == '_':
			b[i] = '-'
		}
	}
	return string(b)
}
