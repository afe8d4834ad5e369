package envcheck

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// DefaultSensitiveWords mark a key as secret when its name contains one of them.
var DefaultSensitiveWords = []string{"KEY", "SECRET", "TOKEN", "PASSWORD", "PASSWD", "CREDENTIAL", "PRIVATE", "AUTH"}

// SensitiveName reports whether a key name contains one of words (DefaultSensitiveWords when
// nil), ignoring case. Masking a value that was not secret costs little; showing a secret costs a
// key rotation, so the words are generous.
func SensitiveName(key string, words []string) bool {
	if words == nil {
		words = DefaultSensitiveWords
	}
	upper := strings.ToUpper(key)
	for _, w := range words {
		if w != "" && strings.Contains(upper, strings.ToUpper(w)) {
			return true
		}
	}
	return false
}

// SecretValue reports whether a value is secret whatever its key is called: a URL that carries a
// password, as in postgres://app:s3cret@db/app. A value too malformed for net/url to parse
// still counts when it has the shape scheme://user:password@…, since a broken URL is exactly the
// value a message would be tempted to quote.
func SecretValue(value string) bool {
	i := strings.Index(value, "://")
	if i < 0 {
		return false
	}
	u, err := url.Parse(value)
	if err != nil || u.User == nil {
		return credentialShape.MatchString(value)
	}
	_, has := u.User.Password()
	return has
}

// credentialShape is scheme://user:password@ in a value net/url rejects.
var credentialShape = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^/?#@\s]*:[^/?#\s]*@`)

// knownPrefixes are credential prefixes that say what a value is without giving it away.
var knownPrefixes = []string{
	"sk-ant-api03-", "sk-ant-admin01-", "sk-proj-", "sk-svcacct-", "sk-admin-", "sk_live_", "sk_test_",
	"rk_live_", "github_pat_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "xoxb-", "xoxp-", "xoxe-",
	"glpat-", "hf_", "gsk_", "xai-", "pplx-", "AKIA", "ASIA", "AIza", "sk-",
}

// Mask shows the shape of a secret and nothing else: a known credential prefix, if any, and the
// length, as in "sk-ant-api03-…(108 chars)". The empty value is shown as "(empty)".
func Mask(value string) string {
	n := utf8.RuneCountInString(value)
	if n == 0 {
		return "(empty)"
	}
	for _, p := range knownPrefixes {
		if strings.HasPrefix(value, p) && len(value) >= len(p)+8 {
			return fmt.Sprintf("%s…(%d chars)", p, n)
		}
	}
	return fmt.Sprintf("…(%d chars)", n)
}

// minRedact is the shortest secret value the redaction net looks for in messages: shorter values
// ("1", "true") occur in ordinary words.
const minRedact = 6

// secretValues returns every value a check must never show: the values of sensitive keys in the
// files read, longest first.
func (p *Project) secretValues() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range p.Files {
		if f.Env == nil {
			continue
		}
		for i := range f.Env.Entries {
			e := &f.Env.Entries[i]
			if !p.IsSensitive(f, e.Key) && !SecretValue(e.Value) && !looksSecret(e.Value) {
				continue
			}
			for _, v := range []string{e.Value, f.Env.RawValue(e)} {
				if len(v) >= minRedact && !seen[v] {
					seen[v] = true
					out = append(out, v)
				}
			}
		}
	}
	// Longest first, so a secret that contains another is replaced whole.
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// redact is the last line of defence: rules never put a secret in a message, and if one ever
// did, this replaces it with its mask before anything is written.
func (p *Project) redact(findings []Finding) {
	secrets := p.secretValues()
	if len(secrets) == 0 {
		return
	}
	for i := range findings {
		findings[i].Message = RedactString(findings[i].Message, secrets)
	}
}

// RedactString replaces every occurrence of each secret in s with its Mask.
func RedactString(s string, secrets []string) string {
	for _, v := range secrets {
		if strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, Mask(v))
		}
	}
	return s
}
