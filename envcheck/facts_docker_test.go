package envcheck

import (
	"testing"

	"github.com/moby/patternmatcher"
)

// TestDockerignoreSemantics pins the BuildKit behaviour the rule relies on (research/ignore.md
// §3), for the plain and the per-build cached matcher alike.
func TestDockerignoreSemantics(t *testing.T) {
	for _, c := range []struct {
		patterns []string
		rel      string
		want     bool
	}{
		{[]string{".env"}, ".env", true},
		{[]string{".env"}, "sub/.env", false}, // unlike .gitignore: only the top of the context
		{[]string{"**/.env"}, ".env", true},
		{[]string{"**/.env"}, "a/b/.env", true},
		{[]string{"*.env"}, "sub/prod.env", false},
		{[]string{"**/.env.*", "!**/.env.example"}, "a/.env.example", false},
		{[]string{"**/.env.*", "!**/.env.example"}, "a/.env.local", true},
		{[]string{"secrets", "!secrets/.env.example"}, "secrets/.env.example", false}, // `!` re-includes inside an excluded dir
		{[]string{"secrets", "!secrets/.env.example"}, "secrets/.env", true},
		{[]string{"secrets/"}, "secrets/.env", true},
		{[]string{"*", "!src"}, "src/a/.env", false},
		{[]string{"./.env"}, ".env", true},
		{[]string{".env/"}, ".env", true},
		{[]string{"node_modules"}, "app/.env", false},
	} {
		pm, err := patternmatcher.New(c.patterns)
		if err != nil {
			t.Fatal(err)
		}
		b := &dockerBuild{matcher: pm}
		// Twice through the cached matcher: the directory verdicts it remembers must not change
		// the answer.
		for i, got := range []bool{excludes(pm, c.rel), b.excludes(c.rel), b.excludes(c.rel)} {
			if got != c.want {
				t.Errorf("%q excludes %s: got %v (variant %d), want %v", c.patterns, c.rel, got, i, c.want)
			}
		}
	}
}

func TestBuildFileNames(t *testing.T) {
	for name, want := range map[string]bool{
		"Dockerfile": true, "Containerfile": true, "api.Dockerfile": true, "Dockerfile.prod": true,
		"dockerfile": true, "worker.containerfile": true, "compose.yaml": true, "compose.yml": true,
		"docker-compose.yml": true, "docker-compose.override.yaml": true, "compose.prod.yaml": true,
		"Dockerfile.dockerignore": false, ".dockerignore": false, "Dockerfile.bak": false, "Dockerfile~": false,
		"README.md": false, "composer.json": false, "compose.json": false, "Dockerfile.md": false,
	} {
		if got := isBuildFile(name); got != want {
			t.Errorf("isBuildFile(%q) = %v, want %v", name, got, want)
		}
	}
}
