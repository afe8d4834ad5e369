package schema

import "time"

// This file is copied into every generated loader that parses a duration: everything from the
// marker below to the end. It lives here, compiled, so that TestLoaderDuration can hold it to
// time.ParseDuration.

// --- loader code ---

// envcheckDuration parses s as time.ParseDuration does. The common shape, up to six digits and
// one unit (30s, 5m, 1h, 250ms), which cannot overflow, is read here without it.
func envcheckDuration(s string) (time.Duration, string) {
	n, i := time.Duration(0), 0
	for ; i < len(s) && i < 6 && '0' <= s[i] && s[i] <= '9'; i++ {
		n = n*10 + time.Duration(s[i]-'0')
	}
	if i > 0 {
		switch s[i:] {
		case "h":
			return n * time.Hour, ""
		case "m":
			return n * time.Minute, ""
		case "s":
			return n * time.Second, ""
		case "ms":
			return n * time.Millisecond, ""
		case "us":
			return n * time.Microsecond, ""
		case "ns":
			return n, ""
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, "is not a duration (write it like 30s, 5m or 1h30m)"
	}
	return d, ""
}
