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
	if s == "" || envcheckURLBytes[s[0]]&envcheckLetter == 0 {
		return false, false
	}
	i, upper := 1, envcheckURLBytes[s[0]]&envcheckUpper
	for i < len(s) && envcheckURLBytes[s[i]]&envcheckSchemeByte != 0 {
		upper |= envcheckURLBytes[s[i]] & envcheckUpper
		i++
	}
	if len(s) < i+3 || s[i] != ':' || s[i+1] != '/' || s[i+2] != '/' {
		return false, false
	}
	scheme := s[:i]
	if upper != 0 {
		scheme = strings.ToLower(scheme)
	}
	// The authority, up to the first '/' or '?': [user[:password]@]host[:port], runs of
	// unreserved characters apart from at most one ':' in each part and one '@'.
	start := i + 3
	at, colon, userColon := -1, -1, -1
	j := start
authority:
	for {
		for j < len(s) && envcheckURLBytes[s[j]]&envcheckUnreservedByte != 0 {
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
	for k < len(s) && envcheckURLBytes[s[k]]&envcheckPathByte != 0 {
		k++
	}
	path, query := s[j:k], ""
	if k < len(s) {
		// The query: anything but a second '?', '#' and control characters. A lone final '?'
		// makes url.Parse set ForceQuery.
		if s[k] != '?' || k+1 == len(s) {
			return false, false
		}
		query = s[k+1:]
		for q := 0; q < len(query); q++ {
			if envcheckURLBytes[query[q]]&envcheckQueryByte == 0 {
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

// The classes of bytes envcheckFastURL tells apart, as bits of envcheckURLBytes.
const (
	envcheckLetter         = 1 << iota // a-z, A-Z
	envcheckUpper                      // A-Z
	envcheckSchemeByte                 // a letter, a digit, '+', '-' or '.'
	envcheckUnreservedByte             // a letter, a digit, '-', '.', '_' or '~'
	envcheckPathByte                   // an unreserved byte or '/'
	envcheckQueryByte                  // anything but a control character, '#' or '?'
)

var envcheckURLBytes = func() (t [256]uint8) {
	for c := range t {
		letter, upper := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z', 'A' <= c && c <= 'Z'
		digit := '0' <= c && c <= '9'
		unreserved := letter || digit || c == '-' || c == '.' || c == '_' || c == '~'
		for _, class := range []struct {
			bit uint8
			is  bool
		}{
			{envcheckLetter, letter}, {envcheckUpper, upper}, {envcheckSchemeByte, letter || digit || c == '+' || c == '-' || c == '.'},
			{envcheckUnreservedByte, unreserved}, {envcheckPathByte, unreserved || c == '/'},
			{envcheckQueryByte, c >= ' ' && c != 0x7f && c != '#' && c != '?'},
		} {
			if class.is {
				t[c] |= class.bit
			}
		}
	}
	return t
}()
