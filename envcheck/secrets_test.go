package envcheck

import (
	"hash/fnv"
	"strings"
	"testing"
)

// Credential-shaped examples are assembled here at test time from a seeded generator, so no
// secret-shaped literal sits in the repository (and no scanner mistakes one for a leak).

const (
	upperAlpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	lowerAlpha = "abcdefghijklmnopqrstuvwxyz"
	digitChars = "0123456789"
	alnumChars = upperAlpha + lowerAlpha + digitChars
	urlChars   = alnumChars + "_-"
	b32Chars   = upperAlpha + "234567"
)

// fakeRandom returns n characters of alphabet, the same for the same seed.
func fakeRandom(seed, alphabet string, n int) string {
	h := fnv.New64a()
	h.Write([]byte(seed))
	x := h.Sum64() | 1
	b := make([]byte, n)
	for i := range b {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[i] = alphabet[x%uint64(len(alphabet))]
	}
	return string(b)
}

// fakeSecret returns a credential of the given kind (a secretPattern id, or "generic",
// "password"): the right shape, random, not real.
func fakeSecret(kind string) string {
	r := func(alphabet string, n int) string { return fakeRandom(kind, alphabet, n) }
	switch kind {
	case "anthropic-api-key":
		return "sk-ant-api03-" + r(urlChars, 93) + "AA"
	case "anthropic-admin-api-key":
		return "sk-ant-admin01-" + r(urlChars, 93) + "AA"
	case "openai-api-key":
		return "sk-proj-" + r(urlChars, 74) + "T3Blbk" + "FJ" + fakeRandom(kind+"2", urlChars, 74)
	case "openai-svcacct":
		return "sk-svcacct-" + r(urlChars, 58) + "T3Blbk" + "FJ" + fakeRandom(kind+"2", urlChars, 58)
	case "gcp-api-key":
		return "AIza" + r(urlChars, 35)
	case "aws-access-token":
		return "AKIA" + r(b32Chars, 16)
	case "aws-sts":
		return "ASIA" + r(b32Chars, 16)
	case "github-pat":
		return "ghp_" + r(alnumChars, 36)
	case "github-fine-grained-pat":
		return "github_pat_" + r(alnumChars+"_", 82)
	case "github-oauth":
		return "gho_" + r(alnumChars, 36)
	case "github-app-token":
		return "ghs_" + r(alnumChars, 36)
	case "gitlab-pat":
		return "glpat-" + r(urlChars, 20)
	case "slack-bot-token":
		return "xoxb-" + r(digitChars, 12) + "-" + fakeRandom(kind+"2", digitChars, 13) + "-" + r(alnumChars, 24)
	case "slack-user-token":
		return "xoxp-" + r(digitChars, 12) + "-" + fakeRandom(kind+"2", digitChars, 12) + "-" + fakeRandom(kind+"3", digitChars, 13) + "-" + r(lowerAlpha+digitChars, 32)
	case "huggingface-access-token":
		return "hf_" + r(upperAlpha+lowerAlpha, 34)
	case "stripe-access-token":
		return "sk_" + "live_" + r(alnumChars, 24)
	case "groq-api-key":
		return "gsk_" + r(alnumChars, 52)
	case "xai-api-key":
		return "xai-" + r(alnumChars, 80)
	case "perplexity-api-key":
		return "pplx-" + r(alnumChars, 48)
	case "telegram-bot-api-token":
		return r(digitChars, 10) + ":AA" + r(urlChars, 33)
	case "generic":
		return r(lowerAlpha+digitChars, 40)
	case "password":
		return r(alnumChars, 10) + "#!"
	}
	panic("fakeSecret: unknown kind " + kind)
}

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
			[]string{fakeSecret("anthropic-api-key"), "Bearer " + fakeSecret("anthropic-api-key")},
			[]string{"sk-ant-api03-your-key-here", "sk-ant-api03-" + strings.Repeat("x", 93) + "AA",
				strings.TrimSuffix(fakeSecret("anthropic-api-key"), "AA"), // wrong ending
				"sk-ant-api03-" + fakeRandom("short", urlChars, 40) + "AA"}},
		{"anthropic-admin-api-key",
			[]string{fakeSecret("anthropic-admin-api-key")},
			[]string{"sk-ant-admin01-changeme", "sk-ant-admin01-" + strings.Repeat("ab", 46) + "xAA"}},
		{"openai-api-key",
			[]string{fakeSecret("openai-api-key"), fakeSecret("openai-svcacct"), "sk-proj-" + fakeRandom("openai-no-marker", urlChars, 48)},
			[]string{"sk-proj-your-openai-key-here", "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
				"sk-proj-" + fakeRandom("openai-short", urlChars, 20), "sk-proj-EXAMPLE" + fakeRandom("openai-example", urlChars, 40)}},
		{"gcp-api-key",
			[]string{fakeSecret("gcp-api-key")},
			[]string{"AIzaYourGoogleApiKeyHere", "AIza" + strings.Repeat("A", 35), "AIza" + fakeRandom("gcp-short", urlChars, 20)}},
		{"aws-access-token",
			[]string{fakeSecret("aws-access-token"), fakeSecret("aws-sts")},
			[]string{"AKIAIOSFODNN7" + "EXAMPLE", "AKIA" + strings.Repeat("A", 16), "AKIA" + strings.ToLower(fakeRandom("aws-lower", b32Chars, 16)),
				"AKIA" + fakeRandom("aws-short", b32Chars, 12)}},
		{"github-pat",
			[]string{fakeSecret("github-pat")},
			[]string{"ghp_your_token_here", "ghp_" + strings.Repeat("0", 36), "ghp_" + fakeRandom("gh-short", alnumChars, 20)}},
		{"github-fine-grained-pat",
			[]string{fakeSecret("github-fine-grained-pat")},
			[]string{"github_pat_<token>", "github_pat_" + fakeRandom("ghfg-short", alnumChars, 40)}},
		{"github-oauth", []string{fakeSecret("github-oauth")}, []string{"gho_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}},
		{"github-app-token", []string{fakeSecret("github-app-token")}, []string{"ghs_" + fakeRandom("ghs-short", alnumChars, 10)}},
		{"gitlab-pat", []string{fakeSecret("gitlab-pat")}, []string{"glpat-changeme", "glpat-xxxxxxxxxxxxxxxxxxxx"}},
		{"slack-bot-token",
			[]string{fakeSecret("slack-bot-token")},
			[]string{"xoxb-your-bot-token", "xoxb-0000000000-0000000000-xxxxxxxxxxxxxxxxxxxxxxxx"}},
		{"slack-user-token", []string{fakeSecret("slack-user-token")}, []string{"xoxp-your-user-token"}},
		{"huggingface-access-token",
			[]string{fakeSecret("huggingface-access-token")},
			[]string{"hf_yourhuggingfacetokenhereplease00", "hf_" + strings.Repeat("x", 34), "hf_" + fakeRandom("hf-digits", alnumChars, 34) + "9"}},
		{"stripe-access-token",
			[]string{fakeSecret("stripe-access-token"), "rk_" + "live_" + fakeRandom("rk", alnumChars, 30)},
			[]string{"sk_test_" + fakeRandom("stripe-test", alnumChars, 24), "sk_live_your_key", "sk_live_xxxxxxxxxxxxxxxxxxxx"}},
		{"groq-api-key", []string{fakeSecret("groq-api-key")}, []string{"gsk_your-groq-key", "gsk_" + fakeRandom("groq-short", alnumChars, 30)}},
		{"xai-api-key", []string{fakeSecret("xai-api-key")}, []string{"xai-your-key-here", "xai-" + fakeRandom("xai-short", alnumChars, 40)}},
		{"perplexity-api-key", []string{fakeSecret("perplexity-api-key")}, []string{"pplx-" + strings.Repeat("ab", 24)}},
		{"telegram-bot-api-token",
			[]string{fakeSecret("telegram-bot-api-token")},
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
		{"API_KEY", fakeSecret("generic"), true},
		{"JWT_SECRET", fakeRandom("jwt", alnumChars+"+/", 44), true},
		{"SESSION_TOKEN", fakeRandom("hex", "0123456789abcdef", 64), true},
		{"DB_PASSWORD", fakeSecret("password"), true},
		{"APIKEY", fakeSecret("generic"), true},
		{"API_KEY", "your-api-key-here", false},
		{"API_KEY", "changeme", false},
		{"API_KEY", "<api-key>", false},
		{"API_KEY", "${VAULT_API_KEY}", false},
		{"API_KEY", "xxxxxxxxxxxxxxxxxxxxxxxx", false},
		{"API_KEY", "replace-with-" + fakeRandom("replace", alnumChars, 20), false},
		{"API_KEY", "example" + fakeRandom("ex", alnumChars, 20), false},
		{"API_KEY", "", false},
		{"PUBLIC_KEY", fakeSecret("generic"), false},
		{"STRIPE_PUBLISHABLE_KEY", fakeSecret("generic"), false},
		{"KEY_ID", fakeSecret("generic"), false},
		{"TOKEN_URL", "https://auth.example.org/oauth/" + fakeRandom("url", alnumChars, 20), false},
		{"PASSWORD_MIN_LENGTH", "12", false},
		{"TOKEN_TTL", "3600", false},
		{"SECRET_FILE", "/run/secrets/" + fakeRandom("path", lowerAlpha, 20), false},
		{"DATABASE_URL", fakeSecret("generic"), false}, // not a secret name; provider patterns still apply
		{"APP_NAME", fakeSecret("generic"), false},
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

func TestPlaceholder(t *testing.T) {
	for v, want := range map[string]bool{
		"your-key-here": true, "xxxx": true, "${API_KEY}": true, "$API_KEY": true, "<token>": true,
		"changeme": true, "CHANGE_ME": true, "an-example-key": true, "aaaaaaaa": true, "{{ .Key }}": true,
		"TODO": true, fakeSecret("generic"): false, "plain": false,
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
