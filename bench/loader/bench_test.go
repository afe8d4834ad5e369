package loader

import (
	"fmt"
	"go/parser"
	"go/token"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/caarlos0/env/v11"
)

// peerConfig is the same 20 keys, with the same defaults, for github.com/caarlos0/env/v11. It
// does less than the generated loader: enums are plain strings, and ports, prefixes and
// requirements per environment are not checked.
type peerConfig struct {
	AppEnv          string        `env:"APP_ENV" envDefault:"development"`
	AnthropicAPIKey string        `env:"ANTHROPIC_API_KEY,required"`
	OpenAIAPIKey    string        `env:"OPENAI_API_KEY"`
	LLMModel        string        `env:"LLM_MODEL" envDefault:"claude-sonnet-4-5"`
	LLMMaxTokens    int64         `env:"LLM_MAX_TOKENS" envDefault:"4096"`
	LLMTemperature  float64       `env:"LLM_TEMPERATURE" envDefault:"0.7"`
	OllamaHost      *url.URL      `env:"OLLAMA_HOST" envDefault:"http://localhost:11434"`
	DatabaseURL     *url.URL      `env:"DATABASE_URL,required"`
	RedisURL        *url.URL      `env:"REDIS_URL"`
	Port            int           `env:"PORT" envDefault:"8080"`
	Host            string        `env:"HOST" envDefault:"0.0.0.0"`
	RequestTimeout  time.Duration `env:"REQUEST_TIMEOUT" envDefault:"60s"`
	ShutdownTimeout time.Duration `env:"SHUTDOWN_TIMEOUT" envDefault:"10s"`
	Debug           bool          `env:"DEBUG" envDefault:"false"`
	LogLevel        string        `env:"LOG_LEVEL" envDefault:"info"`
	AllowedOrigins  []string      `env:"ALLOWED_ORIGINS" envSeparator:","`
	RateLimit       int64         `env:"RATE_LIMIT" envDefault:"100"`
	CacheTTL        time.Duration `env:"CACHE_TTL" envDefault:"5m"`
	SentryDSN       *url.URL      `env:"SENTRY_DSN"`
	FeatureFlags    []string      `env:"FEATURE_FLAGS" envSeparator:","`
}

// environment sets every key, so both loaders parse all 20 values and use no default.
var environment = map[string]string{
	"APP_ENV":           "production",
	"ANTHROPIC_API_KEY": "sk-ant-api03-bench-not-a-real-key",
	"OPENAI_API_KEY":    "sk-proj-bench-not-a-real-key",
	"LLM_MODEL":         "claude-haiku-4-5",
	"LLM_MAX_TOKENS":    "8192",
	"LLM_TEMPERATURE":   "0.2",
	"OLLAMA_HOST":       "http://ollama.internal:11434",
	"DATABASE_URL":      "postgres://app:pw@db.internal:5432/app?sslmode=require",
	"REDIS_URL":         "redis://cache.internal:6379/1",
	"PORT":              "9090",
	"HOST":              "127.0.0.1",
	"REQUEST_TIMEOUT":   "45s",
	"SHUTDOWN_TIMEOUT":  "15s",
	"DEBUG":             "true",
	"LOG_LEVEL":         "warn",
	"ALLOWED_ORIGINS":   "https://app.example.com,https://admin.example.com",
	"RATE_LIMIT":        "250",
	"CACHE_TTL":         "10m",
	"SENTRY_DSN":        "https://public@sentry.example.com/42",
	"FEATURE_FLAGS":     "search,uploads,streaming",
}

func setEnvironment(tb testing.TB) {
	for k, v := range environment {
		tb.Setenv(k, v)
	}
}

func mapLookup(k string) (string, bool) {
	v, ok := environment[k]
	return v, ok
}

// TestBothLoadTheSame checks that the two loaders read the same values, field for field, so
// the benchmark compares equal work.
func TestBothLoadTheSame(t *testing.T) {
	setEnvironment(t)
	got, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var peer peerConfig
	if err := env.Parse(&peer); err != nil {
		t.Fatal(err)
	}
	if len(Keys()) != 20 || reflect.TypeOf(peer).NumField() != 20 {
		t.Fatalf("%d keys and %d peer fields, want 20 each", len(Keys()), reflect.TypeOf(peer).NumField())
	}
	pairs := [][2]any{
		{string(got.AppEnv), peer.AppEnv}, {got.AnthropicAPIKey.Reveal(), peer.AnthropicAPIKey},
		{got.OpenAIAPIKey.Reveal(), peer.OpenAIAPIKey}, {string(got.LLMModel), peer.LLMModel},
		{got.LLMMaxTokens, peer.LLMMaxTokens}, {got.LLMTemperature, peer.LLMTemperature},
		{got.OllamaHost.String(), peer.OllamaHost.String()}, {got.DatabaseURL.Reveal(), peer.DatabaseURL.String()},
		{got.RedisURL.String(), peer.RedisURL.String()}, {got.Port, peer.Port}, {got.Host, peer.Host},
		{got.RequestTimeout, peer.RequestTimeout}, {got.ShutdownTimeout, peer.ShutdownTimeout},
		{got.Debug, peer.Debug}, {string(got.LogLevel), peer.LogLevel}, {got.AllowedOrigins, peer.AllowedOrigins},
		{got.RateLimit, peer.RateLimit}, {got.CacheTTL, peer.CacheTTL}, {got.SentryDSN.String(), peer.SentryDSN.String()},
		{got.FeatureFlags, peer.FeatureFlags},
	}
	for i, p := range pairs {
		if !reflect.DeepEqual(p[0], p[1]) {
			t.Errorf("%s: generated %v, caarlos0/env %v", Keys()[i], p[0], p[1])
		}
	}
}

// TestNoReflection: the generated loader does not import reflect.
func TestNoReflection(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "config_gen.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "reflect" {
			t.Error("config_gen.go imports reflect")
		}
	}
}

// BenchmarkLoad reads the process environment, as a program does at start-up.
func BenchmarkLoad(b *testing.B) {
	setEnvironment(b)
	b.Run("envcheck-generated", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := Load(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("caarlos0-env-v11", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			var c peerConfig
			if err := env.Parse(&c); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLoadFromMap reads a map, as a test does; it leaves out the cost of the process
// environment (caarlos0/env copies all of it into a map on every call).
func BenchmarkLoadFromMap(b *testing.B) {
	b.Run("envcheck-generated", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := LoadFrom(mapLookup); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("caarlos0-env-v11", func(b *testing.B) {
		b.ReportAllocs()
		opts := env.Options{Environment: environment}
		for i := 0; i < b.N; i++ {
			var c peerConfig
			if err := env.ParseWithOptions(&c, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestMain gives the process a fixed environment, so the numbers do not depend on the shell
// that runs the benchmark: 40 variables of the kind a container has (caarlos0/env copies the
// whole environment into a map on every call; the generated loader looks up its keys only), to
// which BenchmarkLoad adds the 20 keys.
func TestMain(m *testing.M) {
	os.Clearenv()
	for _, kv := range [][2]string{{"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}, {"HOME", "/root"},
		{"HOSTNAME", "app-7d9f8b6c5d-x2x7q"}, {"LANG", "C.UTF-8"}, {"TZ", "UTC"}, {"TERM", "xterm"}, {"SHLVL", "1"}, {"PWD", "/app"},
		{"GOMAXPROCS", "2"}, {"GOMEMLIMIT", "450MiB"}, {"SSL_CERT_DIR", "/etc/ssl/certs"}, {"OTEL_SERVICE_NAME", "app"},
		{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4317"}, {"OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=production"},
		{"KUBERNETES_SERVICE_HOST", "10.96.0.1"}, {"KUBERNETES_SERVICE_PORT", "443"}, {"KUBERNETES_SERVICE_PORT_HTTPS", "443"},
		{"KUBERNETES_PORT", "tcp://10.96.0.1:443"}, {"KUBERNETES_PORT_443_TCP", "tcp://10.96.0.1:443"},
		{"KUBERNETES_PORT_443_TCP_PROTO", "tcp"}, {"KUBERNETES_PORT_443_TCP_PORT", "443"}, {"KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1"},
		{"REDIS_SERVICE_HOST", "10.96.12.4"}, {"REDIS_SERVICE_PORT", "6379"}, {"REDIS_PORT", "tcp://10.96.12.4:6379"},
		{"REDIS_PORT_6379_TCP", "tcp://10.96.12.4:6379"}, {"REDIS_PORT_6379_TCP_PROTO", "tcp"}, {"REDIS_PORT_6379_TCP_PORT", "6379"},
		{"REDIS_PORT_6379_TCP_ADDR", "10.96.12.4"}, {"POSTGRES_SERVICE_HOST", "10.96.40.9"}, {"POSTGRES_SERVICE_PORT", "5432"},
		{"POSTGRES_PORT", "tcp://10.96.40.9:5432"}, {"POSTGRES_PORT_5432_TCP", "tcp://10.96.40.9:5432"},
		{"POSTGRES_PORT_5432_TCP_PROTO", "tcp"}, {"POSTGRES_PORT_5432_TCP_PORT", "5432"}, {"POSTGRES_PORT_5432_TCP_ADDR", "10.96.40.9"},
		{"APP_VERSION", "1.14.2"}, {"GIT_COMMIT", "4f2a9c1e"}, {"BUILD_DATE", "2026-11-20T10:00:00Z"}, {"NODE_NAME", "node-3"}} {
		os.Setenv(kv[0], kv[1])
	}
	if n := len(os.Environ()); n != 40 {
		panic(fmt.Sprintf("the fixed environment has %d variables, want 40", n))
	}
	os.Exit(m.Run())
}
