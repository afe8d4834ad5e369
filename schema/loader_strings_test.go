package schema

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestLoaderStrings holds the generated loader's list splitting to Type.Parse (strings.Split,
// then strings.TrimSpace on each item), and checks that the items it puts in the room never
// reach past their own.
func TestLoaderStrings(t *testing.T) {
	check := func(s, sep string, roomSize int) {
		want, err := Type{Kind: List, Sep: sep}.Parse(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		backing := make([]string, roomSize+1)
		backing[roomSize] = "canary"
		room := backing[:roomSize]
		got, why := envcheckStrings(s, sep, &room)
		if why != "" {
			t.Errorf("%q split at %q: %s", s, sep, why)
		}
		items := make([]any, len(got))
		for i, x := range got {
			items[i] = x
		}
		if !reflect.DeepEqual(items, want.([]any)) {
			t.Errorf("%q split at %q: %q, Type.Parse gives %q", s, sep, got, want)
		}
		if cap(got) != len(got) {
			t.Errorf("%q split at %q: cap %d, len %d: an append would write over the room", s, sep, cap(got), len(got))
		}
		inRoom := len(got) > 0 && roomSize > 0 && &got[0] == &backing[0]
		if fits := s != "" && len(got) <= roomSize; fits != inRoom {
			t.Errorf("%q split at %q with room for %d: in the room %v", s, sep, roomSize, inRoom)
		}
		if inRoom && len(room) != roomSize-len(got) {
			t.Errorf("%q split at %q: %d left of the room, want %d", s, sep, len(room), roomSize-len(got))
		}
		if backing[roomSize] != "canary" {
			t.Fatalf("%q split at %q: wrote past the room", s, sep)
		}
		if none, _ := envcheckStrings(s, sep, nil); !reflect.DeepEqual(none, got) {
			t.Errorf("%q split at %q: %q without a room, %q with one", s, sep, none, got)
		}
	}
	for _, s := range []string{"", "a", "a,b", " a , b ", "a,,b", ",", "\ta\n,b\r", "a\u00a0,\u0085b", "\u2003a\u2003", "é,ü ", "a,b,c,d,e", "x\x7f"} {
		for _, sep := range []string{",", ";", " | ", "::"} {
			for _, room := range []int{0, 2, 4} {
				check(s, sep, room)
			}
		}
	}
	r := rand.New(rand.NewSource(1))
	parts := []string{"a", "Z", "0", " ", "\t", "\n", ",", ";", ":", "|", " | ", "\u00a0", "\u0085", "\u2003", "é", "\x7f", "\x00", "\xff"}
	for i := 0; i < 50000; i++ {
		var b strings.Builder
		for n := r.Intn(8); n >= 0; n-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		check(b.String(), []string{",", ";", " | ", "::"}[r.Intn(4)], r.Intn(6))
	}
}
