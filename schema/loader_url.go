package schema

import (
	"net/url"
	"strings"
)

// This file is copied into every generated loader that parses a URL: everything from the marker
// below to the end. It lives here, compiled, so that TestFastURL can hold it to url.Parse.

// --- loader code ---

// envcheckFastURL parses the common shape of URL, scheme://[user[:password]@]host[:port][/path][?query],
// with letters, digits and -._~ in the user, password, host and path, into *u exactly as url.Parse
// does, in one pass and without allocating. When the URL has user information, it goes in *user
// and hasUser is true; the caller points u.User at it. For any other text, ok is false and *u
// and *user are left alone: the caller gives the text to url.Parse.
func envcheckFastURL(s string, u *url.URL, user *url.Userinfo) (hasUser, ok bool) {
	// The scheme: a letter, then letters, digits, '+', '-' or '.', then "://".
	i, upper := 0, false
	for ; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
			continue
		}
		if i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.') {
			break
		}
	}
	if i == 0 || len(s) < i+3 || s[i] != ':' || s[i+1] != '/' || s[i+2] != '/' {
		return false, false
	}
	scheme := s[:i]
	if upper {
		scheme = strings.ToLower(scheme)
	}
	// The authority, up to the first '/' or '?': [user[:password]@]host[:port]. In each part, at
	// most one ':'; after the host's, digits only.
	start := i + 3
	at, colon, notPort := -1, -1, false
	j := start
authority:
	for ; j < len(s); j++ {
		c := s[j]
		switch {
		case envcheckUnreserved(c):
			if colon >= 0 && (c < '0' || c > '9') {
				notPort = true
			}
		case c == ':':
			if colon >= 0 {
				return false, false
			}
			colon = j
		case c == '@':
			if at >= 0 {
				return false, false
			}
			at, colon, notPort = j, -1, false
		case c == '/' || c == '?':
			break authority
		default:
			return false, false
		}
	}
	hostStart := start
	if at >= 0 {
		hostStart = at + 1
	}
	if j == hostStart || colon == hostStart || notPort {
		return false, false
	}
	host := s[hostStart:j]
	// The path: '/' and unreserved characters, up to the first '?'.
	k := j
	for ; k < len(s) && s[k] != '?'; k++ {
		if c := s[k]; c != '/' && !envcheckUnreserved(c) {
			return false, false
		}
	}
	path, query := s[j:k], ""
	if k < len(s) {
		// The query: anything but a second '?', '#' and control characters. A lone final '?'
		// makes url.Parse set ForceQuery.
		query = s[k+1:]
		if query == "" {
			return false, false
		}
		for k := 0; k < len(query); k++ {
			if c := query[k]; c < ' ' || c == 0x7f || c == '#' || c == '?' {
				return false, false
			}
		}
	}
	if at >= 0 {
		if name, password, ok := strings.Cut(s[start:at], ":"); ok {
			*user = *url.UserPassword(name, password)
		} else {
			*user = *url.User(name)
		}
	}
	*u = url.URL{Scheme: scheme, Host: host, Path: path, RawQuery: query}
	return at >= 0, true
}

// envcheckUnreserved reports whether c is a letter, a digit, '-', '.', '_' or '~'.
func envcheckUnreserved(c byte) bool {
	const lo uint64 = 1<<'-' | 1<<'.' | 0x3ff<<'0'
	const hi uint64 = 0x3ffffff<<('A'-64) | 1<<('_'-64) | 0x3ffffff<<('a'-64) | 1<<('~'-64)
	if c < 64 {
		return lo>>c&1 != 0
	}
	return c < 128 && hi>>(c-64)&1 != 0
}
