package envcheck

import "testing"

// Placeholders are recognised (true positives), and real values are not (false positives).
func TestPlaceholder(t *testing.T) {
	tps := []string{
		"your-api-key-here", "your_api_key_here", "YOUR_API_KEY_HERE", "your-key-here", "yourkeyhere",
		"sk-ant-api03-your-key-here", "sk-your-openai-key-here", "insert-token-here", "<paste key here>",
		"your-openai-key", "YOUR_TOKEN", "your.email@example.com", "<your key>", "<API_KEY>", "{{ token }}",
		"changeme", "CHANGEME", "change-me", "change_me", "replace-me", "REPLACE_ME", "placeholder",
		"TODO", "TODO: ask Ann", "FIXME", "TBD", "xxx", "xxxx", "XXXXXXXX", "sk-xxxx", "sk-xxxxxxxxxxxxxxxx",
		"sk-ant-api03-xxxxxxxxxxxx", "AKIAXXXXXXXXXXXXXXXX", "xxxx-xxxx-xxxx", "sk-proj-abc123xxxx",
		"ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "****", "********", "sk-...", "sk-ant-…", "ghp_...", "...",
		"postgres://user:changeme@localhost/app",
	}
	fps := []string{
		"", "info", "debug", "development", "production", "true", "8080", "30s", "http://localhost:11434",
		"https://api.openai.com/v1", "claude-sonnet-4-5", "gpt-4o-mini", "gemini-2.0-flash", "llama3.2",
		"todo", "Todo List", "my-app", "app.example.com", "ann@example.com", "sk-ant-api03-Q2hhbmdlIHRoaXMga2V5IHNvb24",
		"AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW", "xoxb-1234-5678-abcdef", "luxury", "proxy.internal:3128",
		"max", "box", "Lexx", "sixxty", "exxon", "/var/lib/app", "a,b,c", "{\"a\":1}", "<b>bold</b> text",
		"Loading...", "wait…", "your", "here", "tax-here-there", "we-add-nothing", "xx", "0x1F", "https://example.com/?x=1",
		"postgres://app:s3cret@db/app", "ourkeyhere",
	}
	for _, v := range tps {
		if _, ok := Placeholder(v); !ok {
			t.Errorf("Placeholder(%q) = false, want true", v)
		}
	}
	for _, v := range fps {
		if kind, ok := Placeholder(v); ok {
			t.Errorf("Placeholder(%q) = true (%s), want false", v, kind)
		}
	}
}

func TestSecretValue(t *testing.T) {
	for v, want := range map[string]bool{
		"postgres://app:s3cret@db/app":   true,
		"mysql://app:s3cret@[::1":        true, // net/url rejects it; it still holds a password
		"redis://:s3cret@cache:6379/0":   true,
		"postgres://app@db/app":          false,
		"http://localhost:11434":         false,
		"https://example.com/a:b@c":      false,
		"https://example.com/?next=a:b@": false,
		"not a url":                      false,
		// A DSN carries a password without a scheme (Go's MySQL driver: user:pass@tcp(host)/db).
		"user:pass@host":                      true,
		"app:s3cret@tcp(db:3306)/app":         true,
		"postgres//app:s3cret@db/app":         true, // "://" mistyped
		"redis://:s3 cret@cache:6379":         true, // a blank net/url rejects
		"https://api.example.com/?token=abc":  true,
		"https://x.example.com/a?sig=abc&b=1": true,
		"https://example.com/?page=2":         false,
		"Bearer sk-proj-abcdefgh12345678":     true,
		"ann@example.com":                     false,
		"sk-ant-api03-…(108 chars)":           false, // a mask, not a key
	} {
		if got := SecretValue(v); got != want {
			t.Errorf("SecretValue(%q) = %v, want %v", v, got, want)
		}
	}
}
