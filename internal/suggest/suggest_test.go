package suggest

import "testing"

func TestNearest(t *testing.T) {
	rules := []string{"duplicate-key", "inline-comment", "missing-key", "extra-key"}
	for word, want := range map[string]string{
		"inline-coment":  "inline-comment",
		"INLINE-COMMENT": "inline-comment",
		"mising-key":     "missing-key",
		"zzz":            "",
		"key":            "",
		"":               "",
		"extra-keys":     "extra-key",
		"duplicated-key": "duplicate-key",
	} {
		if got := Nearest(word, rules); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", word, got, want)
		}
	}
	decorators := []string{"required", "optional", "sensitive", "defaultRequired"}
	for word, want := range map[string]string{
		"requird": "required", "REQUIRED": "required", "sensitiv": "sensitive", "defaultrequired": "defaultRequired",
		"xyz": "", "frobnicate": "", "opt": "",
	} {
		if got := Nearest(word, decorators); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", word, got, want)
		}
	}
	if got := Nearest("DATABSE_POOL", []string{"DATABASE_URL"}); got != "" {
		t.Errorf("Nearest(DATABSE_POOL) = %q: a different word is not a typo", got)
	}
	if got := Nearest("x", nil); got != "" {
		t.Errorf("Nearest with no candidates = %q", got)
	}
}
