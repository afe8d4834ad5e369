package dotenv

import "strings"

// expandEscapes applies godotenv's double-quote escapes. godotenv v1.5.1 does it with two regular
// expressions, in two passes; this is the same algorithm by hand (expand_test.go proves them equal
// against the original expressions):
//
//  1. `\\.` left to right: \n becomes a newline, \r a carriage return, any other pair (but a
//     backslash before a newline, which '.' does not match) is kept as it is;
//  2. `\\([^$])` left to right on the result: a backslash before anything but '$' is dropped.
func expandEscapes(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) || s[i+1] == '\n' {
			b = append(b, c)
			continue
		}
		switch s[i+1] {
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		default:
			b = append(b, c, s[i+1])
		}
		i++
	}
	out := b[:0]
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) && b[i+1] != '$' {
			i++
		}
		out = append(out, b[i])
	}
	return string(out)
}

// expandVariables is godotenv's `(\\)?(\$)(\()?\{?([A-Z0-9_]+)?\}?` replacement by hand: $NAME and
// ${NAME} (NAME in [A-Z0-9_]) become the value of NAME in lookup ("" when unset), \$… loses its
// backslash and is kept literally, and a '$' with no name is kept as written.
func expandVariables(s string, lookup func(string) string) string {
	i := strings.IndexByte(s, '$')
	if i < 0 {
		return s
	}
	if i > 0 && s[i-1] == '\\' {
		i--
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		escaped := s[i] == '\\' && i+1 < len(s) && s[i+1] == '$'
		if !escaped && s[i] != '$' {
			b.WriteByte(s[i])
			i++
			continue
		}
		k := i + 1
		if escaped {
			k++
		}
		if k < len(s) && s[k] == '(' {
			k++
		}
		if k < len(s) && s[k] == '{' {
			k++
		}
		name := k
		for k < len(s) && isNameByte(s[k]) {
			k++
		}
		name, end := name, k
		if k < len(s) && s[k] == '}' {
			k++
		}
		switch {
		case escaped:
			b.WriteString(s[i+1 : k])
		case end > name:
			b.WriteString(lookup(s[name:end]))
		default:
			b.WriteString(s[i:k])
		}
		i = k
	}
	return b.String()
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}
