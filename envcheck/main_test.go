package envcheck

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestMain gives git an empty home: the developer's global excludes file or config must not
// change the verdicts the tests expect. Fixtures that need a global excludes file set their own
// with `env XDG_CONFIG_HOME=…`.
func TestMain(m *testing.M) {
	home, err := os.MkdirTemp("", "envcheck-home-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for k, v := range map[string]string{
		"HOME":                home,
		"XDG_CONFIG_HOME":     filepath.Join(home, ".config"),
		"GIT_CONFIG_GLOBAL":   filepath.Join(home, ".gitconfig"),
		"GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME":     "t", "GIT_AUTHOR_EMAIL": "t@example.com",
		"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
		"GIT_AUTHOR_DATE": "2026-01-02T03:04:05Z", "GIT_COMMITTER_DATE": "2026-01-02T03:04:05Z",
	} {
		os.Setenv(k, v)
	}
	for _, k := range gitEnvDrop {
		os.Unsetenv(k)
	}
	code := m.Run()
	os.RemoveAll(home)
	os.Exit(code)
}
