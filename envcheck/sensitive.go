package envcheck

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/envcheck/envcheck/internal/lazyre"
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

// SecretValue reports whether a value is secret whatever its key is called:
//   - it carries a password: a URL's user:password@ (postgres://app:s3cret@db/app), also when the
//     URL is too malformed for net/url (postgres//app:s3cret@db, a blank in the password), or a
//     Go MySQL DSN (app:s3cret@tcp(db:3306)/app);
//   - it carries a token in a URL's query (?token=…, &api_key=…, &sig=…);
//   - it looks like a provider's credential (sk-ant-…, ghp_…, AKIA…), wherever in the value.
//
// Values that are only sensitive because of their key's name are Project.IsSensitive's business;
// Project.MustHide combines both.
func SecretValue(value string) bool {
	if strings.Contains(value, "@") {
		if u, err := url.Parse(value); err == nil && u.User != nil {
			if _, has := u.User.Password(); has {
				return true
			}
		}
		if credentialShape().MatchString(value) {
			return true
		}
	}
	return (strings.ContainsAny(value, "?&") && tokenInQuery().MatchString(value)) || prefixedCredential(value) || looksSecret(value)
}

// credentialShape is user:password@ after "//" (with or without a scheme before it), or at the
// start of the value as in a DSN.
var credentialShape = lazyre.New(`//[^/?#@\s]*:[^/?#]*@|^[^\s:/@]+:[^\s/@]+@`)

// tokenInQuery is a query parameter that carries a credential.
var tokenInQuery = lazyre.New(`(?i)[?&](?:token|access_token|refresh_token|id_token|api[_-]?key|apikey|key|password|passwd|pwd|secret|client_secret|sig|signature|auth|credential|private_token)=[^&#\s]+`)

// prefixedCredential reports whether s contains a token that starts with a known credential
// prefix followed by at least eight more credential characters, as in "Bearer sk-proj-…".
func prefixedCredential(s string) bool {
	for _, m := range credentialToken().FindAllStringIndex(s, -1) {
		if !strings.HasPrefix(s[m[1]:], "…") {
			return true
		}
	}
	return false
}

// credentialToken is a known credential prefix with the rest of its token.
var credentialToken = sync.OnceValue(func() *regexp.Regexp {
	alts := make([]string, len(knownPrefixes))
	for i, p := range knownPrefixes {
		alts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile(`(?:` + strings.Join(alts, "|") + `)[A-Za-z0-9_-]{8,}`)
})

// MustHide reports whether the value of key in f must never be shown: the key is sensitive (the
// schema says so, or its name does) or the value is secret whatever its key (SecretValue).
func (p *Project) MustHide(f *File, key, value string) bool {
	return p.IsSensitive(f, key) || SecretValue(value)
}

// pastedSecret reports whether a line without '=' is a credential pasted on its own (or after a
// key and a blank), so that its "key" is the secret: rules must neither quote nor rename it.
func pastedSecret(key string) bool {
	return prefixedCredential(key) || looksSecret(key) || SecretValue(key)
}

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
			return fmt.Sprintf("%s…(%s)", p, chars(n))
		}
	}
	return fmt.Sprintf("…(%s)", chars(n))
}

func chars(n int) string {
	if n == 1 {
		return "1 char"
	}
	return fmt.Sprintf("%d chars", n)
}

// minRedact is the shortest secret value the redaction net looks for in messages: shorter values
// ("1", "true") occur in ordinary words.
const minRedact = 6

// secretValues returns every value a check must never show: the values of sensitive keys in the
// files read, longest first.
func (p *Project) secretValues() []string {
	seen := map[string]bool{}
	var out []string
	add := func(v string) {
		if len(v) >= minRedact && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	for _, f := range p.Files {
		if f.Env == nil {
			continue
		}
		for i := range f.Env.Entries {
			e := &f.Env.Entries[i]
			if !e.HasSeparator && pastedSecret(e.Key) {
				add(e.Key) // a credential on a line of its own reads as a key
				add(f.Env.RawKey(e))
			}
			if !p.MustHide(f, e.Key, e.Value) {
				continue
			}
			add(e.Value)
			add(f.Env.RawValue(e))
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
	for i := range findings {
		findings[i].Message = RedactString(findings[i].Message, secrets)
		findings[i].Key = RedactString(findings[i].Key, secrets)
	}
}

// RedactString replaces every occurrence of each secret in s, and every token with a known
// credential prefix, with its Mask.
func RedactString(s string, secrets []string) string {
	for _, v := range secrets {
		if strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, Mask(v))
		}
	}
	// Whatever was missed (a value cut short in a message, a key in a value): any token with a
	// known credential prefix is masked too.
	if prefixedCredential(s) {
		var b strings.Builder
		last := 0
		for _, m := range credentialToken().FindAllStringIndex(s, -1) {
			if strings.HasPrefix(s[m[1]:], "…") {
				continue // already a mask: sk-ant-api03-…(108 chars)
			}
			b.WriteString(s[last:m[0]])
			b.WriteString(Mask(s[m[0]:m[1]]))
			last = m[1]
		}
		b.WriteString(s[last:])
		s = b.String()
	}
	return s
}
