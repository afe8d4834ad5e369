package schema

import (
	"errors"
	"strconv"
)

// This file is copied into every generated loader that parses an integer: everything from the
// marker below to the end. It lives here, compiled, so that TestLoaderNumbers can hold it to
// strconv.ParseInt.

// --- loader code ---

// envcheckInt parses s as strconv.ParseInt(s, 10, 64) does. Up to 18 digits with no sign, which
// cannot overflow, are read here without it.
func envcheckInt(s string) (int64, string) {
	if 0 < len(s) && len(s) <= 18 {
		n := int64(0)
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				n = -1
				break
			}
			n = n*10 + int64(s[i]-'0')
		}
		if n >= 0 {
			return n, ""
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, "is out of range for a 64-bit integer"
		}
		return 0, "is not an integer"
	}
	return n, ""
}
