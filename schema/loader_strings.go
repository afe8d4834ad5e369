package schema

import "strings"

// This file is copied into every generated loader that splits a list of text: everything from
// the marker below to the end. It lives here, compiled, so that TestLoaderStrings can hold it to
// strings.Split and strings.TrimSpace, as Type.Parse splits a list.

// --- loader code ---

// envcheckStrings is envcheckList for text, which needs no parsing. The items go at the start of
// *room, which keeps the rest, when room is not nil and they fit; otherwise in an array of their
// own.
func envcheckStrings(s, sep string, room *[]string) ([]string, string) {
	if s == "" {
		return []string{}, ""
	}
	n := strings.Count(s, sep) + 1
	var out []string
	if room != nil && n <= len(*room) {
		out, *room = (*room)[:0:n], (*room)[n:]
	} else {
		out = make([]string, 0, n)
	}
	for len(out) < n-1 {
		i := strings.Index(s, sep)
		out = append(out, envcheckTrimSpace(s[:i]))
		s = s[i+len(sep):]
	}
	return append(out, envcheckTrimSpace(s)), ""
}

// envcheckTrimSpace is strings.TrimSpace, without the call for an item that starts and ends
// with a printable ASCII character, which is neither blank nor the start of a Unicode space.
func envcheckTrimSpace(s string) string {
	if s != "" && ' ' < s[0] && s[0] < 0x80 && ' ' < s[len(s)-1] && s[len(s)-1] < 0x80 {
		return s
	}
	return strings.TrimSpace(s)
}
