package schema

import (
	"math/rand"
	"strings"
	"testing"
	"time"
)

// TestLoaderDuration holds the generated loader's duration parser to time.ParseDuration: the same
// value for every text it accepts, and an error for every text it rejects.
func TestLoaderDuration(t *testing.T) {
	check := func(s string) {
		got, why := envcheckDuration(s)
		want, err := time.ParseDuration(s)
		switch {
		case err != nil && why == "":
			t.Errorf("%q: envcheckDuration gives %v, time.ParseDuration says %v", s, got, err)
		case err == nil && (why != "" || got != want):
			t.Errorf("%q: envcheckDuration gives %v (%q), time.ParseDuration %v", s, got, why, want)
		}
	}
	for _, s := range []string{"0", "30s", "5m", "1h", "250ms", "10us", "7ns", "999999h", "1000000h", "2562047h", "2562048h",
		"9999999999s", "010s", "0s", "1h30m", "1.5h", "-5s", "+5s", "", "s", "5", "5x", "5 s", "5S", "5µs", "5μs", "1e3s", "00000000001s"} {
		check(s)
	}
	r := rand.New(rand.NewSource(1))
	parts := []string{"0", "1", "9", "12", "99999", "000", ".", "-", "+", "h", "m", "s", "ms", "us", "ns", "µs", "x", " "}
	for i := 0; i < 100000; i++ {
		var b strings.Builder
		for n := r.Intn(5); n >= 0; n-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		check(b.String())
	}
}
