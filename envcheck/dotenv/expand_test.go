package dotenv

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// godotenv v1.5.1's implementation, verbatim, as the reference for the hand-written versions.
var (
	refEscapeRegex        = regexp.MustCompile(`\\.`)
	refExpandVarRegex     = regexp.MustCompile(`(\\)?(\$)(\()?\{?([A-Z0-9_]+)?\}?`)
	refUnescapeCharsRegex = regexp.MustCompile(`\\([^$])`)
)

func refExpandEscapes(str string) string {
	out := refEscapeRegex.ReplaceAllStringFunc(str, func(match string) string {
		c := strings.TrimPrefix(match, `\`)
		switch c {
		case "n":
			return "\n"
		case "r":
			return "\r"
		default:
			return match
		}
	})
	return refUnescapeCharsRegex.ReplaceAllString(out, "$1")
}

func refExpandVariables(v string, m map[string]string) string {
	return refExpandVarRegex.ReplaceAllStringFunc(v, func(s string) string {
		submatch := refExpandVarRegex.FindStringSubmatch(s)
		if submatch == nil {
			return s
		}
		if submatch[1] == "\\" || submatch[2] == "(" {
			return submatch[0][1:]
		} else if submatch[4] != "" {
			return m[submatch[4]]
		}
		return s
	})
}

func checkExpand(t *testing.T, s string) {
	t.Helper()
	vars := map[string]string{"A": "1", "B_2": "two", "N": ""}
	if got, want := expandEscapes(s), refExpandEscapes(s); got != want {
		t.Fatalf("expandEscapes(%q) = %q, godotenv %q", s, got, want)
	}
	if got, want := expandVariables(s, func(k string) string { return vars[k] }), refExpandVariables(s, vars); got != want {
		t.Fatalf("expandVariables(%q) = %q, godotenv %q", s, got, want)
	}
}

func TestExpandMatchesGodotenv(t *testing.T) {
	for _, s := range []string{"", "plain", `\`, `\\`, `a\nb`, `a\rb`, `\"`, `\$`, `\\$A`, "\\\n", `$`, `$A`, `${A}`,
		`${A`, `$A}`, `$(A)`, `$({A})`, `${a}`, `$B_2x`, `\${A}`, `x$`, `\x$A`, "\xff\\\xff", `\é`, `$$A`, `\\\$A`} {
		checkExpand(t, s)
	}
	alphabet := []string{`\`, `$`, `{`, `}`, `(`, `)`, "A", "B_2", "N", "a", "n", "r", "\n", `"`, "é", "\xff", " "}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for j := rng.Intn(12); j >= 0; j-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		checkExpand(t, b.String())
	}
}

func FuzzExpand(f *testing.F) {
	f.Add(`a\n${A}\$B`)
	f.Fuzz(func(t *testing.T, s string) { checkExpand(t, s) })
}
