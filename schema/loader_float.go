package schema

import (
	"errors"
	"strconv"
)

// This file is copied into every generated loader that parses a float: everything from the
// marker below to the end. It lives here, compiled, so that TestLoaderNumbers can hold it to
// strconv.ParseFloat.

// --- loader code ---

// envcheckFloat parses s as strconv.ParseFloat(s, 64) does. Digits with at most one '.', 15
// digits at most and no sign, are read here without it: the integer of the digits and the power
// of ten are exact as float64s, and dividing them rounds as ParseFloat does.
func envcheckFloat(s string) (float64, string) {
	m, digits, frac, dot := uint64(0), 0, 0, false
	for i := 0; i < len(s) && digits <= 15; i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			m = m*10 + uint64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			digits = 16 // not the simple shape
		}
	}
	if 0 < digits && digits <= 15 {
		return float64(m) / envcheckPow10[frac], ""
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, "is out of range for a float"
		}
		return 0, "is not a number"
	}
	return f, ""
}

var envcheckPow10 = [16]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}
