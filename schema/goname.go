package schema

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// GoName turns an environment variable name into an exported Go identifier the way a Go
// programmer would write it: ANTHROPIC_API_KEY → AnthropicAPIKey, DATABASE_URL → DatabaseURL,
// OPENAI_API_KEY → OpenAIAPIKey, ALLOWED_IDS → AllowedIDs. Words are split at anything that is
// not a letter or a digit; an all-upper or all-lower word is an initialism (API, URL, HTTP, …),
// a known brand (OpenAI, GitHub, …) or a capitalised word; a mixed-case word keeps its case. It
// returns "" when the name has no letters or digits. A name that would start with a digit gets
// the prefix "Env".
func GoName(key string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(key, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		b.WriteString(goWord(w))
	}
	name := b.String()
	if name == "" {
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(name); !unicode.IsLetter(r) {
		name = "Env" + name
	}
	return name
}

func goWord(w string) string {
	if w != strings.ToUpper(w) && w != strings.ToLower(w) { // mixed case: the author chose it
		r, n := utf8.DecodeRuneInString(w)
		return string(unicode.ToUpper(r)) + w[n:]
	}
	up := strings.ToUpper(w)
	if s, ok := wordSpelling(up); ok {
		return s
	}
	// A plural initialism: IDS → IDs, URLS → URLs.
	if len(up) > 2 && strings.HasSuffix(up, "S") {
		if s, ok := wordSpelling(up[:len(up)-1]); ok && s == up[:len(up)-1] {
			return s + "s"
		}
	}
	// Trailing digits: OAUTH2 → OAuth2, HTTP2 → HTTP2.
	if i := strings.IndexFunc(up, unicode.IsDigit); i > 0 && strings.Trim(up[i:], "0123456789") == "" {
		if s, ok := wordSpelling(up[:i]); ok {
			return s + up[i:]
		}
	}
	r, n := utf8.DecodeRuneInString(up)
	return string(r) + strings.ToLower(up[n:])
}

// wordSpelling returns how Go code spells an upper-case word that is not simply capitalised.
func wordSpelling(up string) (string, bool) {
	if initialisms[up] {
		return up, true
	}
	s, ok := brands[up]
	return s, ok
}

// initialisms are written in capitals in Go names: staticcheck's ST1003 list plus the ones env
// files are full of.
var initialisms = map[string]bool{
	"ACL": true, "AI": true, "AMQP": true, "API": true, "ARN": true, "ASCII": true, "AWS": true,
	"CA": true, "CDN": true, "CORS": true, "CPU": true, "CSRF": true, "CSS": true, "DB": true,
	"DNS": true, "DSN": true, "EOF": true, "GCP": true, "GID": true, "GPU": true, "GRPC": true,
	"GUID": true, "HF": true, "HMAC": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true,
	"IP": true, "JSON": true, "JWT": true, "LDAP": true, "LLM": true, "MCP": true, "MFA": true,
	"OTLP": true, "QPS": true, "RAM": true, "RPC": true, "RSA": true, "SDK": true, "SLA": true,
	"SMS": true, "SMTP": true, "SQL": true, "SSH": true, "SSL": true, "SSO": true, "TCP": true,
	"TLS": true, "TTL": true, "TS": true, "UDP": true, "UI": true, "UID": true, "URI": true,
	"URL": true, "UTF8": true, "UUID": true, "VM": true, "XML": true, "XMPP": true, "XSRF": true,
	"XSS": true,
}

// brands have a spelling of their own.
var brands = map[string]string{
	"OPENAI": "OpenAI", "OAUTH": "OAuth", "GITHUB": "GitHub", "GITLAB": "GitLab",
	"MYSQL": "MySQL", "POSTGRESQL": "PostgreSQL", "MONGODB": "MongoDB", "OPENSEARCH": "OpenSearch",
	"DEEPSEEK": "DeepSeek", "OPENROUTER": "OpenRouter", "LANGCHAIN": "LangChain", "LANGSMITH": "LangSmith",
}

// isIdent reports whether s is a Go identifier that is not a keyword.
func isIdent(s string) bool {
	return token.IsIdentifier(s)
}
