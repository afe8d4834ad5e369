package envcheck

import (
	"reflect"
	"testing"
)

func TestClassify(t *testing.T) {
	for name, want := range map[string]Kind{
		".env": EnvFile, ".env.local": EnvFile, ".env.production": EnvFile, ".env.development.local": EnvFile,
		"prod.env": EnvFile, "secrets.env": EnvFile, ".env.keys": EnvFile,
		".env.example": Template, ".env.sample": Template, ".env.template": Template, ".env.dist": Template,
		".env.defaults": Template, ".env.production.example": Template, ".env.local.sample": Template,
		"example.env": Template, "sample.env": Template, "prod.env.example": Template,
		".envrc": NotEnv, ".env.vault": NotEnv, "secrets.env.enc": NotEnv, ".env.bak": NotEnv, ".env~": NotEnv,
		".env.swp": NotEnv, ".env.orig": NotEnv, "env": NotEnv, "environment": NotEnv, "main.go": NotEnv,
		".envcheckignore": NotEnv, "Dockerfile": NotEnv, ".env.gpg": NotEnv,
	} {
		if got := Classify(name); got != want {
			t.Errorf("Classify(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestTemplateNames(t *testing.T) {
	got := TemplateNames(".env.production")[:7]
	want := []string{".env.production.example", ".env.production.sample", ".env.production.template",
		".env.production.dist", ".env.production.defaults", ".env.example", ".env.sample"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TemplateNames(.env.production) starts %q", got)
	}
	if got := TemplateNames("prod.env")[:2]; !reflect.DeepEqual(got, []string{"prod.env.example", "prod.env.sample"}) {
		t.Errorf("TemplateNames(prod.env) starts %q", got)
	}
}

func TestExcluded(t *testing.T) {
	for _, c := range []struct {
		path     string
		patterns []string
		want     bool
	}{
		{"fixtures/.env", []string{"fixtures"}, true},
		{"fixtures/.env", []string{"fixtures/"}, true},
		{"a/fixtures/.env", []string{"fixtures"}, false},
		{"a/b/.env.local", []string{"*.local"}, true},
		{"a/b/.env", []string{"a/*"}, true},
		{"a/b/.env", []string{"b"}, false},
	} {
		if got := excluded(c.path, c.patterns); got != c.want {
			t.Errorf("excluded(%q, %q) = %v, want %v", c.path, c.patterns, got, c.want)
		}
	}
}
