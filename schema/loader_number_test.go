package schema

import (
	"math"
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

// TestLoaderNumbers holds the generated loader's integer and float parsers to strconv: the same
// value for every text strconv accepts, an error for every text it rejects.
func TestLoaderNumbers(t *testing.T) {
	check := func(s string) {
		gotI, why := envcheckInt(s)
		wantI, err := strconv.ParseInt(s, 10, 64)
		if (err != nil) != (why != "") || err == nil && gotI != wantI {
			t.Errorf("envcheckInt(%q) = %d, %q; strconv.ParseInt gives %d, %v", s, gotI, why, wantI, err)
		}
		gotF, why := envcheckFloat(s)
		wantF, err := strconv.ParseFloat(s, 64)
		if (err != nil) != (why != "") || err == nil && math.Float64bits(gotF) != math.Float64bits(wantF) && !(math.IsNaN(gotF) && math.IsNaN(wantF)) {
			t.Errorf("envcheckFloat(%q) = %v, %q; strconv.ParseFloat gives %v, %v", s, gotF, why, wantF, err)
		}
	}
	for _, s := range []string{"", "0", "8192", "007", "-1", "+1", "999999999999999999", "9223372036854775807", "9223372036854775808",
		"99999999999999999999", "1_000", "0x10", "1e3", "0.7", "0.2", ".5", "5.", ".", "..", "1.2.3", "0.1", "123456789012345",
		"1234567890123456", "0.000000000000001", "0.0000000000000001", "999999999999999.", "9007199254740993", "inf", "NaN", " 1", "1 ", "-0", "-0.0", "1,5"} {
		check(s)
	}
	r := rand.New(rand.NewSource(1))
	parts := []string{"0", "1", "5", "9", "12", "4096", "99999", ".", "-", "+", "e", "_", "x", " "}
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for n := r.Intn(8); n >= 0; n-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		check(b.String())
	}
	for i := 0; i < 200000; i++ { // random decimals of up to 17 digits with a point anywhere
		d := strconv.FormatUint(r.Uint64()%uint64(math.Pow10(1+r.Intn(17))), 10)
		p := r.Intn(len(d) + 1)
		check(d[:p] + "." + d[p:])
	}
}
