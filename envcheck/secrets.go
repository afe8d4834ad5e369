package envcheck

import (
	"math"
	"regexp"
	"strings"
	"unicode"

	"github.com/envcheck/envcheck/internal/lazyre"
)

// Credential patterns, after gitleaks (config/gitleaks.toml, v8.30) and trufflehog for the
// providers gitleaks lacks (Groq, xAI). As in gitleaks, a pattern's regexp runs only when one of
// its keywords occurs in the value (lower-cased), the secret must be more random than the
// pattern's entropy floor, and placeholders are filtered out. Each pattern's true and false
// positive examples are in secrets_test.go, assembled at test time.

// A secretPattern recognises one kind of credential.
type secretPattern struct {
	id       string
	provider string   // for messages: "Anthropic API key"
	keywords []string // lower case; at least one must occur in the value
	re       func() *regexp.Regexp
	entropy  float64 // the secret's Shannon entropy (bits per character) must exceed it
}

// edge is what may surround a credential inside a value: not a character of the credential.
const edge = `(?:^|[^A-Za-z0-9_-])`
const end = `(?:$|[^A-Za-z0-9_-])`

// pattern compiles a credential's expression on first use: a pattern runs only after one of its
// keywords is found, so a template of placeholders compiles none of them, and start-up (which a
// pre-commit hook pays on every commit) stays short. [A-Za-z0-9_-]{93} is 93 copies of a class.
func pattern(body string) func() *regexp.Regexp {
	return lazyre.New(edge + "(" + body + ")" + end)
}

var secretPatterns = []*secretPattern{
	{id: "anthropic-api-key", provider: "Anthropic API key", keywords: []string{"sk-ant-api03"},
		re: pattern(`sk-ant-api03-[A-Za-z0-9_-]{93}AA`), entropy: 3},
	{id: "anthropic-admin-api-key", provider: "Anthropic admin key", keywords: []string{"sk-ant-admin01"},
		re: pattern(`sk-ant-admin01-[A-Za-z0-9_-]{93}AA`), entropy: 3},
	// gitleaks requires the T3BlbkFJ marker; project and service-account keys without it exist,
	// so any long random tail after the prefix counts.
	{id: "openai-api-key", provider: "OpenAI API key", keywords: []string{"sk-proj-", "sk-svcacct-", "sk-admin-", "t3blbkfj"},
		re: pattern(`sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}`), entropy: 3.5},
	{id: "gcp-api-key", provider: "Google API key", keywords: []string{"aiza"},
		re: pattern(`AIza[A-Za-z0-9_-]{35}`), entropy: 4},
	{id: "aws-access-token", provider: "AWS access key id", keywords: []string{"a3t", "akia", "asia", "abia", "acca"},
		re: pattern(`(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}`), entropy: 3},
	{id: "github-pat", provider: "GitHub personal access token", keywords: []string{"ghp_"},
		re: pattern(`ghp_[0-9A-Za-z]{36}`), entropy: 3},
	{id: "github-fine-grained-pat", provider: "GitHub fine-grained token", keywords: []string{"github_pat_"},
		re: pattern(`github_pat_[0-9A-Za-z_]{82}`), entropy: 3},
	{id: "github-oauth", provider: "GitHub OAuth token", keywords: []string{"gho_"},
		re: pattern(`gho_[0-9A-Za-z]{36}`), entropy: 3},
	{id: "github-app-token", provider: "GitHub app token", keywords: []string{"ghu_", "ghs_", "ghr_"},
		re: pattern(`(?:ghu|ghs|ghr)_[0-9A-Za-z]{36}`), entropy: 3},
	{id: "gitlab-pat", provider: "GitLab personal access token", keywords: []string{"glpat-"},
		re: pattern(`glpat-[0-9A-Za-z_-]{20,}`), entropy: 3},
	{id: "slack-bot-token", provider: "Slack bot token", keywords: []string{"xoxb"},
		re: pattern(`xoxb-[0-9]{10,13}-[0-9]{10,13}[A-Za-z0-9-]*|xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,26}`), entropy: 2},
	{id: "slack-user-token", provider: "Slack user token", keywords: []string{"xoxp-", "xoxe-"},
		re: pattern(`xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9-]{28,34}`), entropy: 2},
	{id: "huggingface-access-token", provider: "Hugging Face token", keywords: []string{"hf_"},
		re: pattern(`hf_[A-Za-z]{34}`), entropy: 2},
	{id: "stripe-access-token", provider: "Stripe live key", keywords: []string{"sk_live_", "rk_live_", "sk_prod_", "rk_prod_"},
		re: pattern(`(?:sk|rk)_(?:live|prod)_[A-Za-z0-9]{10,99}`), entropy: 2},
	{id: "groq-api-key", provider: "Groq API key", keywords: []string{"gsk_"},
		re: pattern(`gsk_[A-Za-z0-9]{52}`), entropy: 3},
	{id: "xai-api-key", provider: "xAI API key", keywords: []string{"xai-"},
		re: pattern(`xai-[0-9A-Za-z_]{80}`), entropy: 3},
	{id: "perplexity-api-key", provider: "Perplexity API key", keywords: []string{"pplx-"},
		re: pattern(`pplx-[A-Za-z0-9]{48}`), entropy: 4},
	{id: "telegram-bot-api-token", provider: "Telegram bot token", keywords: []string{":a"},
		re: lazyre.New(`(?:^|[^0-9])([0-9]{5,16}:A[A-Za-z0-9_-]{34})` + end), entropy: 3},
}

// A secretMatch is a credential found in a value.
type secretMatch struct {
	pattern *secretPattern // nil for the generic high-entropy check
	secret  string
}

// Provider names what the credential looks like.
func (m secretMatch) Provider() string {
	if m.pattern == nil {
		return "secret (a long random value)"
	}
	return m.pattern.provider
}

// findSecret returns the first provider credential in value that is not a placeholder.
func findSecret(value string) (secretMatch, bool) {
	lower := strings.ToLower(value)
	for _, sp := range secretPatterns {
		if !containsAny(lower, sp.keywords) {
			continue
		}
		for _, m := range sp.re().FindAllStringSubmatch(value, -1) {
			s := m[1]
			if shannon(s) <= sp.entropy || placeholder(s) {
				continue
			}
			if sp.id == "aws-access-token" && strings.HasSuffix(s, "EXAMPLE") {
				continue
			}
			return secretMatch{pattern: sp, secret: s}, true
		}
	}
	return secretMatch{}, false
}

// genericWords mark a key whose value is a secret of no particular provider.
var genericWords = []string{"KEY", "SECRET", "TOKEN", "PASSWORD", "PASSWD", "PWD"}

// notSecretWords in a key name say the value is about a secret, not the secret: PUBLIC_KEY,
// KEY_ID, TOKEN_URL, PASSWORD_MIN_LENGTH.
var notSecretWords = map[string]bool{
	"PUBLIC": true, "PUB": true, "PUBLISHABLE": true, "SITE": true, "ID": true, "IDS": true, "URL": true, "URI": true,
	"ENDPOINT": true, "HOST": true, "PORT": true, "PATH": true, "FILE": true, "DIR": true, "NAME": true, "USER": true,
	"USERNAME": true, "LENGTH": true, "LEN": true, "MIN": true, "MAX": true, "SIZE": true, "BITS": true, "TTL": true,
	"EXPIRY": true, "EXPIRES": true, "EXPIRATION": true, "LIFETIME": true, "TIMEOUT": true, "HEADER": true, "PREFIX": true,
	"TYPE": true, "ALGORITHM": true, "ALG": true, "FORMAT": true, "ENABLED": true, "REGION": true, "VERSION": true,
	"COUNT": true, "FIELD": true, "PARAM": true, "ROTATION": true, "HINT": true,
}

// genericSecret reports whether value, under key, looks like a real secret: the key is named
// like one, and the value is long and random enough not to be a word, a placeholder, a URL, a
// path or a number. Passwords are judged with a lower bar than keys and tokens.
func genericSecret(key, value string) (secretMatch, bool) {
	tokens := strings.FieldsFunc(strings.ToUpper(key), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	secretName, password := false, false
	for _, t := range tokens {
		if notSecretWords[t] {
			return secretMatch{}, false
		}
		for _, w := range genericWords {
			if strings.HasSuffix(t, w) {
				secretName = true
				password = password || strings.HasPrefix(w, "P")
			}
		}
	}
	v := strings.TrimSpace(value)
	if !secretName || strings.ContainsAny(v, " \t\r\n") || strings.Contains(v, "://") ||
		strings.HasPrefix(v, "/") || strings.HasPrefix(v, "./") || strings.HasPrefix(v, "~") || placeholder(v) {
		return secretMatch{}, false
	}
	var lower, upper, digit, other bool
	for _, r := range v {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	classes := 0
	for _, c := range []bool{lower, upper, digit, other} {
		if c {
			classes++
		}
	}
	switch {
	case len(v) >= 16 && digit && (lower || upper) && shannon(v) > 3.5:
		return secretMatch{secret: v}, true
	case password && len(v) >= 10 && classes >= 3 && shannon(v) > 3:
		return secretMatch{secret: v}, true
	}
	return secretMatch{}, false
}

// placeholderWords mark a value someone is meant to replace.
var placeholderWords = []string{"xxxx", "your", "example", "changeme", "change-me", "change_me", "placeholder",
	"dummy", "fake", "sample", "replace", "insert", "redacted", "todo", "<", ">", "${", "$(", "{{", "%(", "...", "…",
	"1234567", "abcdefg", "qwerty", "0000", "****"}

// placeholder reports whether a value is a stand-in: it contains a placeholder word, starts with
// $ (a reference), or repeats one character six times in a row.
func placeholder(v string) bool {
	lower := strings.ToLower(v)
	if strings.HasPrefix(v, "$") || containsAny(lower, placeholderWords) {
		return true
	}
	run, last := 0, rune(0)
	for _, r := range lower {
		if r == last {
			run++
			if run >= 6 {
				return true
			}
		} else {
			run, last = 1, r
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// shannon returns the Shannon entropy of s in bits per character.
func shannon(s string) float64 {
	if s == "" {
		return 0
	}
	counts := map[rune]int{}
	n := 0
	for _, r := range s {
		counts[r]++
		n++
	}
	var h float64
	for _, c := range counts {
		p := float64(c) / float64(n)
		h -= p * math.Log2(p)
	}
	return h
}

// looksSecret reports whether a value is a credential by its shape alone, whatever its key is
// called; the redaction net uses it.
func looksSecret(value string) bool {
	_, ok := findSecret(value)
	return ok
}
