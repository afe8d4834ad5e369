package schema

import (
	"net/url"
	"strings"
)

// This file is copied into every generated loader that parses a URL: everything from the marker
// below to the end. It lives here, compiled, so that TestFastURL can hold it to url.Parse.

// --- loader code ---

// envcheckFastURL parses the common shape of URL, scheme://[user[:password]@]host[:port][/path][?query],
// with letters, digits and -._~ in the user, password, host and path, into *u, which must be the
// zero URL, exactly as url.Parse does, in one pass and without allocating. When the URL has user
// information, it goes in *user and hasUser is true; the caller points u.User at it. For any
// other text, ok is false and *u and *user are left alone: the caller gives the text to url.Parse.
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
	// The authority, up to the first '/' or '?': [user[:password]@]host[:port], runs of
	// unreserved characters apart from at most one ':' in each part and one '@'.
	start := i + 3
	at, colon, userColon := -1, -1, -1
	j := start
authority:
	for {
		for j < len(s) && envcheckUnreserved(s[j]) {
			j++
		}
		if j == len(s) {
			break
		}
		switch s[j] {
		case ':':
			if colon >= 0 {
				return false, false
			}
			colon = j
		case '@':
			if at >= 0 {
				return false, false
			}
			at, userColon, colon = j, colon, -1
		case '/', '?':
			break authority
		default:
			return false, false
		}
		j++
	}
	hostStart := start
	if at >= 0 {
		hostStart = at + 1
	}
	if j == hostStart || colon == hostStart {
		return false, false
	}
	if colon >= 0 {
		// The port: digits only, maybe none.
		for k := colon + 1; k < j; k++ {
			if s[k] < '0' || s[k] > '9' {
				return false, false
			}
		}
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
	if userColon >= 0 {
		*user = *url.UserPassword(s[start:userColon], s[userColon+1:at])
	} else if at >= 0 {
		*user = *url.User(s[start:at])
	}
	u.Scheme, u.Host, u.Path, u.RawQuery = scheme, host, path, query
	return at >= 0, true
}

// envcheckUnreserved reports whether c is a letter, a digit, '-', '.', '_' or '~'.
func envcheckUnreserved(c byte) bool { return envcheckUnreservedBytes[c] }

var envcheckUnreservedBytes = func() (t [256]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
	}
	return t
}()
