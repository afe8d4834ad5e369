package schema

import (
	"net/url"
	"strings"
)

// This file is copied into every generated loader that parses a URL: everything from the marker
// below to the end. It lives here, compiled, so that TestFastURL can hold it to url.Parse.

// --- loader code ---

// envcheckFastURL parses the common shape of URL, scheme://[user[:password]@]host[:port][/path][?query],
// with letters, digits and -._~ in the user, password, host and path, exactly as url.Parse does
// but without allocating: the user information, when hasUser, is returned apart for the caller
// to put where it likes and point u.User at. ok is false for any other text, which the caller
// gives to url.Parse.
func envcheckFastURL(s string) (u url.URL, user url.Userinfo, hasUser, ok bool) {
	i := strings.Index(s, "://")
	if i <= 0 {
		return u, user, false, false
	}
	scheme, rest := s[:i], s[i+3:]
	for j := 0; j < len(scheme); j++ {
		c := scheme[j]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (j == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return u, user, false, false
		}
	}
	rest, query, hasQuery := strings.Cut(rest, "?")
	if hasQuery {
		if query == "" || strings.IndexByte(query, '?') >= 0 {
			return u, user, false, false // url.Parse sets ForceQuery for a lone final '?'
		}
		for j := 0; j < len(query); j++ {
			if c := query[j]; c < ' ' || c == 0x7f || c == '#' {
				return u, user, false, false
			}
		}
	}
	authority, path := rest, ""
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		authority, path = rest[:j], rest[j:]
	}
	host := authority
	if at := strings.IndexByte(authority, '@'); at >= 0 {
		name, password, hasPassword := strings.Cut(authority[:at], ":")
		if !envcheckAllUnreserved(name) || !envcheckAllUnreserved(password) {
			return u, user, false, false
		}
		host = authority[at+1:]
		hasUser = true
		if hasPassword {
			user = *url.UserPassword(name, password)
		} else {
			user = *url.User(name)
		}
	}
	colon := -1
	for j := 0; j < len(host); j++ {
		c := host[j]
		switch {
		case c == ':' && colon < 0 && j > 0:
			colon = j
		case colon >= 0 && '0' <= c && c <= '9':
		case colon < 0 && envcheckUnreserved(c):
		default:
			return u, user, false, false
		}
	}
	if host == "" {
		return u, user, false, false
	}
	for j := 0; j < len(path); j++ {
		if c := path[j]; c != '/' && !envcheckUnreserved(c) {
			return u, user, false, false
		}
	}
	return url.URL{Scheme: strings.ToLower(scheme), Host: host, Path: path, RawQuery: query}, user, hasUser, true
}

func envcheckAllUnreserved(s string) bool {
	for i := 0; i < len(s); i++ {
		if !envcheckUnreserved(s[i]) {
			return false
		}
	}
	return true
}

func envcheckUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}
