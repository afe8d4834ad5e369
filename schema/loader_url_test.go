package schema

import (
	"math/rand"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// TestFastURL holds the generated loader's URL fast path to url.Parse: whenever it accepts a
// text, url.Parse accepts it too and returns the same URL, field for field.
func TestFastURL(t *testing.T) {
	check := func(s string) bool {
		var fast url.URL
		var user url.Userinfo
		hasUser, ok := envcheckFastURL(s, &fast, &user)
		if !ok {
			return false
		}
		if hasUser {
			fast.User = &user
		}
		u, err := url.Parse(s)
		if err != nil {
			t.Errorf("%q: the fast path accepts it, url.Parse says %v", s, err)
			return true
		}
		if !reflect.DeepEqual(*u, fast) {
			t.Errorf("%q: the fast path gives %#v, url.Parse %#v", s, fast, *u)
		}
		return true
	}
	for _, s := range []string{"http://localhost:11434", "HTTPS://Example.COM/A/b", "postgres://db:5432/app", "http://h:", "redis://cache/0",
		"s3+x.y-z://bucket/key~1/_x", "http://a/b//c/", "http://h/", "git://h.example",
		"postgres://app:pw@db:5432/app?sslmode=require", "https://public@sentry.example.com/1", "redis://:pw@h/0", "http://h?a=b&c=%zz/d", "http://u:@h", "http://u@h",
		"http://h?a/b", "HTTP://u@h:80/x?q=1", "http://h:80@x", "http://u@h:", "redis://a.b-c_d~e:6379/0/", "Git+SSH://h"} {
		if !check(s) {
			t.Errorf("%q: the fast path does not take it", s)
		}
	}
	for _, s := range []string{"", "://h", "1http://h", "http://", "http:///p", "http://:80", "http://h:8:0", "http://h:x",
		"http://h/a%20b", "http://h#f", "http://h?", "http://h?a?b", "http://u:p:q@h", "http://a@b@h", "http://u%41@h", "http://@h:x", "http://[::1]", "http://h/a b", "http://h\x7f", "ht tp://h", "http://h/p?", "http:/h",
		"http://u@", "http://u@/p", "http://u@?q", "http://h:8a", "http://u:p@:80", "http://h/?a#b", "http://h?a?", "-a://h", "http:://h", "http//h"} {
		if check(s) {
			t.Errorf("%q: the fast path takes it", s)
		}
	}
	r := rand.New(rand.NewSource(1))
	parts := []string{"a", "Z", "0", "9", ":", "/", ".", "-", "_", "~", "@", "%", "%2F", "?", "#", "[", "]", " ", "+", "://", "http", "é", "\x00", "h:80", "u:p@", "@", "?a=b", "&", "=", "\x7f"}
	taken := 0
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		b.WriteString([]string{"http://", "HTTP://", "x+y://", "", "a1://"}[r.Intn(5)])
		for n := r.Intn(8); n >= 0; n-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		if check(b.String()) {
			taken++
		}
	}
	if n := testing.AllocsPerRun(100, func() {
		var u url.URL
		var user url.Userinfo
		envcheckFastURL("postgres://app:pw@db:5432/app?sslmode=require", &u, &user)
	}); n != 0 {
		t.Errorf("the fast path allocates %v times", n)
	}
	for c := 0; c < 256; c++ {
		// Every byte in every place: whatever the fast path takes, url.Parse reads the same.
		b := string(rune(c))
		if c >= 0x80 {
			b = string([]byte{byte(c)})
		}
		for _, s := range []string{"h" + b + "://h", "h://" + b, "h://" + b + "@h", "h://u:" + b + "@h", "h://h:" + b, "h://h/" + b, "h://h?" + b, "h://h/p?q=" + b + "x"} {
			check(s)
		}
		want := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", byte(c)) >= 0
		if got := envcheckURLBytes[c]&envcheckUnreservedByte != 0; got != want {
			t.Errorf("%q unreserved: %v, want %v", byte(c), got, want)
		}
	}
	if taken < 1000 {
		t.Errorf("the fast path took only %d random URLs: the test does not exercise it", taken)
	}
}

// BenchmarkFastURL parses the four URLs of the loader benchmark (bench/loader) in place.
func BenchmarkFastURL(b *testing.B) {
	urls := []string{"http://ollama.internal:11434", "postgres://app:pw@db.internal:5432/app?sslmode=require",
		"redis://cache.internal:6379/1", "https://public@sentry.example.com/42"}
	var u [4]url.URL
	var user [4]url.Userinfo
	for i := 0; i < b.N; i++ {
		for j, s := range urls {
			u[j] = url.URL{}
			if _, ok := envcheckFastURL(s, &u[j], &user[j]); !ok {
				b.Fatalf("%q: the fast path does not take it", s)
			}
		}
	}
}
