package envcheck

import (
	"strings"
	"testing"

	"github.com/envcheck/envcheck/internal/fakesecret"
)

// Credential-shaped examples are assembled at test time (internal/fakesecret), so no
// secret-shaped literal sits in the repository (and no scanner mistakes one for a leak).

// secretCases are each pattern's true positives (found, by that pattern) and false positives
// (not found), gitleaks style.
func secretCases() []struct {
	id       string
	tps, fps []string
} {
	type c = struct {
		id       string
		tps, fps []string
	}
	return []c{
		{"anthropic-api-key",
			[]string{fakesecret.Make("anthropic-api-key"), "Bearer " + fakesecret.Make("anthropic-api-key")},
			[]string{"sk-ant-api03-your-key-here", "sk-ant-api03-" + strings.Repeat("x", 93) + "AA",
				strings.TrimSuffix(fakesecret.Make("anthropic-api-key"), "AA"), // wrong ending
				"sk-ant-api03-" + fakesecret.Random("short", fakesecret.URLSafe, 40) + "AA"}},
		{"anthropic-admin-api-key",
			[]string{fakesecret.Make("anthropic-admin-api-key")},
			[]string{"sk-ant-admin01-changeme", "sk-ant-admin01-" + strings.Repeat("ab", 46) + "xAA"}},
		{"openai-api-key",
			[]string{fakesecret.Make("openai-api-key"), fakesecret.Make("openai-svcacct"), "sk-proj-" + fakesecret.Random("openai-no-marker", fakesecret.URLSafe, 48)},
			[]string{"sk-proj-your-openai-key-here", "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
				"sk-proj-" + fakesecret.Random("openai-short", fakesecret.URLSafe, 20), "sk-proj-EXAMPLE" + fakesecret.Random("openai-example", fakesecret.URLSafe, 40)}},
		{"gcp-api-key",
			[]string{fakesecret.Make("gcp-api-key")},
			[]string{"AIzaYourGoogleApiKeyHere", "AIza" + strings.Repeat("A", 35), "AIza" + fakesecret.Random("gcp-short", fakesecret.URLSafe, 20)}},
		{"aws-access-token",
			[]string{fakesecret.Make("aws-access-token"), fakesecret.Make("aws-sts")},
			[]string{"AKIAIOSFODNN7" + "EXAMPLE", "AKIA" + strings.Repeat("A", 16), "AKIA" + strings.ToLower(fakesecret.Random("aws-lower", fakesecret.Base32, 16)),
				"AKIA" + fakesecret.Random("aws-short", fakesecret.Base32, 12)}},
		{"github-pat",
			[]string{fakesecret.Make("github-pat")},
			[]string{"ghp_your_token_here", "ghp_" + strings.Repeat("0", 36), "ghp_" + fakesecret.Random("gh-short", fakesecret.Alnum, 20)}},
		{"github-fine-grained-pat",
			[]string{fakesecret.Make("github-fine-grained-pat")},
			[]string{"github_pat_<token>", "github_pat_" + fakesecret.Random("ghfg-short", fakesecret.Alnum, 40)}},
		{"github-oauth", []string{fakesecret.Make("github-oauth")}, []string{"gho_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}},
		{"github-app-token", []string{fakesecret.Make("github-app-token")}, []string{"ghs_" + fakesecret.Random("ghs-short", fakesecret.Alnum, 10)}},
		{"gitlab-pat", []string{fakesecret.Make("gitlab-pat")}, []string{"glpat-changeme", "glpat-xxxxxxxxxxxxxxxxxxxx"}},
		{"slack-bot-token",
			[]string{fakesecret.Make("slack-bot-token")},
			[]string{"xoxb-your-bot-token", "xoxb-0000000000-0000000000-xxxxxxxxxxxxxxxxxxxxxxxx"}},
		{"slack-user-token", []string{fakesecret.Make("slack-user-token")}, []string{"xoxp-your-user-token"}},
		{"huggingface-access-token",
			[]string{fakesecret.Make("huggingface-access-token")},
			[]string{"hf_yourhuggingfacetokenhereplease00", "hf_" + strings.Repeat("x", 34), "hf_" + fakesecret.Random("hf-digits", fakesecret.Alnum, 34) + "9"}},
		{"stripe-access-token",
			[]string{fakesecret.Make("stripe-access-token"), "rk_" + "live_" + fakesecret.Random("rk", fakesecret.Alnum, 30)},
			[]string{"sk_test_" + fakesecret.Random("stripe-test", fakesecret.Alnum, 24), "sk_live_your_key", "sk_live_xxxxxxxxxxxxxxxxxxxx"}},
		{"groq-api-key", []string{fakesecret.Make("groq-api-key")}, []string{"gsk_your-groq-key", "gsk_" + fakesecret.Random("groq-short", fakesecret.Alnum, 30)}},
		{"xai-api-key", []string{fakesecret.Make("xai-api-key")}, []string{"xai-your-key-here", "xai-" + fakesecret.Random("xai-short", fakesecret.Alnum, 40)}},
		{"perplexity-api-key", []string{fakesecret.Make("perplexity-api-key")}, []string{"pplx-" + strings.Repeat("ab", 24)}},
		{"telegram-bot-api-token",
			[]string{fakesecret.Make("telegram-bot-api-token")},
			[]string{"123456789:your-bot-token", "12:34:56", "1234567890:AA" + strings.Repeat("x", 33)}},
	}
}

func TestSecretPatterns(t *testing.T) {
	ids := map[string]bool{}
	for _, sp := range secretPatterns {
		ids[sp.id] = true
	}
	tested := map[string]bool{}
	for _, c := range secretCases() {
		if !ids[c.id] {
			t.Errorf("case for unknown pattern %s", c.id)
		}
		tested[c.id] = true
		if len(c.tps) == 0 || len(c.fps) == 0 {
			t.Errorf("%s: every pattern needs true and false positive examples", c.id)
		}
		for _, tp := range c.tps {
			m, ok := findSecret(tp)
			switch {
			case !ok:
				t.Errorf("%s: missed %s", c.id, Mask(tp))
			case m.pattern.id != c.id:
				t.Errorf("%s: %s found by %s", c.id, Mask(tp), m.pattern.id)
			}
		}
		for _, fp := range c.fps {
			if m, ok := findSecret(fp); ok {
				t.Errorf("%s: false positive %q (by %s)", c.id, fp, m.pattern.id)
			}
		}
	}
	for id := range ids {
		if !tested[id] {
			t.Errorf("pattern %s has no test cases", id)
		}
	}
}

func TestGenericSecret(t *testing.T) {
	for _, c := range []struct {
		key, value string
		want       bool
	}{
		{"API_KEY", fakesecret.Make("generic"), true},
		{"JWT_SECRET", fakesecret.Random("jwt", fakesecret.Alnum+"+/", 44), true},
		{"SESSION_TOKEN", fakesecret.Random("hex", "0123456789abcdef", 64), true},
		{"DB_PASSWORD", fakesecret.Make("password"), true},
		{"APIKEY", fakesecret.Make("generic"), true},
		{"API_KEY", "your-api-key-here", false},
		{"API_KEY", "changeme", false},
		{"API_KEY", "<api-key>", false},
		{"API_KEY", "${VAULT_API_KEY}", false},
		{"API_KEY", "xxxxxxxxxxxxxxxxxxxxxxxx", false},
		{"API_KEY", "replace-with-" + fakesecret.Random("replace", fakesecret.Alnum, 20), false},
		{"API_KEY", "example" + fakesecret.Random("ex", fakesecret.Alnum, 20), false},
		{"API_KEY", "", false},
		{"PUBLIC_KEY", fakesecret.Make("generic"), false},
		{"STRIPE_PUBLISHABLE_KEY", fakesecret.Make("generic"), false},
		{"KEY_ID", fakesecret.Make("generic"), false},
		{"TOKEN_URL", "https://auth.example.org/oauth/" + fakesecret.Random("url", fakesecret.Alnum, 20), false},
		{"PASSWORD_MIN_LENGTH", "12", false},
		{"TOKEN_TTL", "3600", false},
		{"SECRET_FILE", "/run/secrets/" + fakesecret.Random("path", fakesecret.Lower, 20), false},
		{"DATABASE_URL", fakesecret.Make("generic"), false}, // not a secret name; provider patterns still apply
		{"APP_NAME", fakesecret.Make("generic"), false},
		{"API_KEY", "short1", false},
		{"API_KEY", "a-long-value-made-of-words", false},
		{"DB_PASSWORD", "postgres", false},
		{"DB_PASSWORD", "password1", false},
		{"API_KEY", "sk-ant-api03-your-key-here", false},
	} {
		_, got := genericSecret(c.key, c.value)
		if got != c.want {
			t.Errorf("genericSecret(%s, %q) = %v, want %v", c.key, c.value, got, c.want)
		}
	}
}

func TestSecretPlaceholder(t *testing.T) {
	for v, want := range map[string]bool{
		"your-key-here": true, "xxxx": true, "${API_KEY}": true, "$API_KEY": true, "<token>": true,
		"changeme": true, "CHANGE_ME": true, "an-example-key": true, "aaaaaaaa": true, "{{ .Key }}": true,
		"TODO": true, fakesecret.Make("generic"): false, "plain": false,
	} {
		if got := placeholder(v); got != want {
			t.Errorf("placeholder(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestSecretNeverShown: the finding names the provider and the shape, never the value.
func TestSecretNeverShown(t *testing.T) {
	for _, c := range secretCases() {
		tp := c.tps[0]
		m, ok := findSecret(tp)
		if !ok {
			continue // TestSecretPatterns reports it
		}
		shape := Mask(m.secret)
		if strings.Contains(shape, tp[len(tp)/2:]) {
			t.Errorf("%s: the mask %q shows part of the value", c.id, shape)
		}
	}
}
