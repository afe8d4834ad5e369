package schema

import (
	"bytes"
	"errors"
	"flag"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

func ptr(s string) *string { return &s }

func mustType(t testing.TB, s string) Type {
	t.Helper()
	typ, err := ParseType(s)
	if err != nil {
		t.Fatalf("ParseType(%q): %v", s, err)
	}
	return typ
}

// sensitiveName is envcheck.SensitiveName with its default words (package envcheck imports this
// one, so the tests cannot import it).
func sensitiveName(key string) bool {
	for _, w := range []string{"KEY", "SECRET", "TOKEN", "PASSWORD", "PASSWD", "CREDENTIAL", "PRIVATE", "AUTH"} {
		if strings.Contains(strings.ToUpper(key), w) {
			return true
		}
	}
	return false
}

// vars builds a schema from lines "KEY type [flags…]", flags being required, required=a+b,
// sensitive, default=VALUE, validate=TAGS, regex=RE, deprecated=WHY and docs=URL, a "~" in a
// value standing for a blank, and desc=TEXT, which takes the rest of the line.
func vars(t testing.TB, file string, lines ...string) *Schema {
	t.Helper()
	s := &Schema{Sources: []string{file}}
	for i, line := range lines {
		desc := ""
		if j := strings.Index(line, " desc="); j >= 0 {
			line, desc = line[:j], strings.ReplaceAll(line[j+len(" desc="):], `\n`, "\n")
		}
		f := strings.Fields(line)
		v := &Var{Key: f[0], Type: mustType(t, f[1]), Description: desc, Pos: Pos{File: file, Line: 2*i + 2}}
		for _, flag := range f[2:] {
			name, val, _ := strings.Cut(strings.ReplaceAll(flag, "~", " "), "=")
			switch name {
			case "required":
				if val == "" {
					v.Required = true
				} else {
					v.RequiredIn = strings.Split(val, "+")
				}
			case "sensitive":
				v.Sensitive = true
			case "default":
				v.Default = ptr(val)
			case "validate":
				v.Validate = val
			case "regex":
				v.Regex = val
			case "deprecated":
				v.Deprecated = val
			case "docs":
				v.Docs = val
			default:
				t.Fatalf("vars: unknown flag %q", flag)
			}
		}
		s.Vars = append(s.Vars, v)
	}
	return s
}

// Schemas the generator is tested with; each has a golden file, and the ones in runSchemas are
// compiled and run.
func llmSchema(t testing.TB) *Schema {
	return vars(t, ".env.example",
		"APP_ENV enum(development,staging,production) default=development desc=Where the app runs: development, staging or production.",
		"ANTHROPIC_API_KEY string required sensitive validate=startswith=sk-ant- docs=https://console.anthropic.com/settings/keys desc=Claude API key, from the Anthropic console.",
		"OPENAI_API_KEY string validate=startswith=sk- desc=OpenAI API key; optional, for the embeddings.",
		"ANTHROPIC_MODEL enum(claude-sonnet-4-5,claude-haiku-4-5,claude-opus-4-1) default=claude-sonnet-4-5 desc=The model to call.",
		"MAX_TOKENS int default=4096 validate=min=1,max=64000 desc=The most tokens a reply may use.",
		"TEMPERATURE float default=0.7 validate=gte=0,lte=1",
		"OLLAMA_HOST url default=http://localhost:11434 desc=A local Ollama server, for offline development.",
		"DATABASE_URL url required=staging+production sensitive regex=^postgres(ql)?:// desc=Postgres, with pgvector.",
		"PORT port default=8080",
		"REQUEST_TIMEOUT duration default=60s",
		"DEBUG bool default=false",
		"ALLOWED_ORIGINS list(url) desc=CORS origins, comma-separated.",
		"LEGACY_MODE bool deprecated=use~ANTHROPIC_MODEL~instead.",
	)
}

// allSchema has every type, optional and defaulted keys, lists, secrets by flag and by name,
// and per-environment requirements.
func allSchema(t testing.TB) *Schema {
	return vars(t, "testdata/all.env.example",
		"APP_ENV enum(development,staging,production) default=development",
		"NAME string required desc=The service's name.",
		"PORT port default=8080",
		"COUNT int required",
		"RATIO float default=0.5",
		"DEBUG bool",
		"TIMEOUT duration default=1m30s",
		"HOME_URL url default=https://user@example.com:8443/app/a%2Fb?x=1#top",
		"ADMIN_EMAIL email",
		"CACHE_DIR path default=/var/cache/app",
		"LOG_LEVEL enum(debug,info,warn,error) default=info",
		"HOSTS list(string)",
		"PORTS list(port,;) default=80;443",
		"WEIGHTS list(float)",
		"RETRY_DELAYS list(duration) default=1s,2s,4s",
		"FLAGS json default={\"beta\":true}",
		"API_TOKEN string required",
		"DATABASE_URL url required=production sensitive",
		"BACKUP_KEYS list(string)",
		"MAX_TOKENS int default=4096",
		"NOTE string",
		"REGION enum(eu-west-1,us-east-1) required=staging+production",
		"SMTP_PASSWORD string default=",
	)
}

func minimalSchema(t testing.TB) *Schema {
	return vars(t, "minimal.env.example", "GREETING string default=hello")
}

// projectSchema is the schema of the project's own .env.example, the example of the syntax.
func projectSchema(t testing.TB) *Schema {
	s, err := Load("../.env.example", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Sources = []string{".env.example"}
	return s
}

var goldenSchemas = map[string]func(testing.TB) *Schema{
	"project": projectSchema,
	"llm":     llmSchema,
	"all":     allSchema,
	"minimal": minimalSchema,
}

func generateOpts(pkg string) GenerateOptions {
	return GenerateOptions{Package: pkg, SensitiveName: sensitiveName}
}

// TestGenerateGolden compares the generated code for each schema with testdata/generate/NAME.go.golden
// (rewritten with -update), and checks that it is gofmt-clean and the same every time.
func TestGenerateGolden(t *testing.T) {
	for name, schema := range goldenSchemas {
		t.Run(name, func(t *testing.T) {
			s := schema(t)
			out, err := Generate(s, generateOpts(name))
			if err != nil {
				t.Fatal(err)
			}
			again, err := Generate(schema(t), generateOpts(name))
			if err != nil || !bytes.Equal(out, again) {
				t.Fatalf("a second generation differs (err %v)", err)
			}
			formatted, err := format.Source(out)
			if err != nil || !bytes.Equal(formatted, out) {
				t.Fatalf("the output is not gofmt-clean (err %v)", err)
			}
			if !strings.HasPrefix(string(out), "// Code generated by envcheck; DO NOT EDIT.\n// Source: "+s.Sources[0]+"\n") {
				t.Errorf("the header is wrong:\n%s", strings.SplitN(string(out), "package", 2)[0])
			}
			golden := filepath.Join("testdata", "generate", name+".go.golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGenerateGolden -update ./schema)", err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("the generated code differs from %s; run go test -run TestGenerateGolden -update ./schema and read the diff", golden)
			}
		})
	}
}

func TestGenerateImports(t *testing.T) {
	out, err := Generate(minimalSchema(t), generateOpts("cfg"))
	if err != nil {
		t.Fatal(err)
	}
	imports := string(out)[strings.Index(string(out), "import ("):strings.Index(string(out), ")\n")]
	for _, unwanted := range []string{"validator", "time", "regexp", "strconv", "encoding/json", "math", "sync"} {
		if strings.Contains(imports, unwanted) {
			t.Errorf("a schema of one string imports %s:\n%s", unwanted, imports)
		}
	}
	// Translated tags need no validator; a tag that is not translated does.
	s := vars(t, "x", "A string validate=startswith=a,max=10", "B int validate=omitempty,min=3")
	out, err = Generate(s, generateOpts("cfg"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("validator")) {
		t.Error("translated tags import the validator")
	}
	s = vars(t, "x", "A string validate=email", "B list(int) validate=dive,min=3")
	out, err = Generate(s, generateOpts("cfg"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(`"github.com/go-playground/validator/v10"`)) ||
		!bytes.Contains(out, []byte(`envcheckValidate(v, "email")`)) || !bytes.Contains(out, []byte(`envcheckValidate(x, "dive,min=3")`)) {
		t.Errorf("tags without a translation do not use the validator:\n%s", out)
	}
}

func TestGenerateErrors(t *testing.T) {
	cases := []struct {
		name   string
		schema *Schema
		opts   GenerateOptions
		want   []string // regexps, one per error, in order
	}{
		{"collision", vars(t, "e", "API_KEY string", "api_key string", "ApiKey string"),
			GenerateOptions{}, []string{`^e:4: api_key and API_KEY \(line 2\) would both be the field APIKey; rename one of them$`}},
		{"method", vars(t, "e", "FORMAT string", "LOG_VALUE int", "MARSHAL_JSON json"),
			GenerateOptions{}, []string{`^e:2: FORMAT would be the field Format, which is a method of Config; rename the key$`,
				`^e:4: LOG_VALUE would be the field LogValue, which is a method of Config`,
				`^e:6: MARSHAL_JSON would be the field MarshalJSON, which is a method of Config`}},
		{"no letters", vars(t, "e", "___ string"), GenerateOptions{}, []string{`^e:2: "___" has no letters or digits`}},
		{"binary key", &Schema{Vars: []*Var{{Key: "\xa8\x01\x1b[", Type: Type{Kind: String}, Pos: Pos{File: "e", Line: 3}}}}, GenerateOptions{},
			[]string{`^e:3: "\\xa8\\x01\\x1b\[" has no letters`}},
		{"binary key with letters", &Schema{Vars: []*Var{{Key: "A\x1b[31m", Type: Type{Kind: String}, Pos: Pos{File: "e", Line: 3}},
			{Key: "A\x1b[31M", Type: Type{Kind: String}, Pos: Pos{File: "e", Line: 4}}}}, GenerateOptions{},
			[]string{"^e:4: A\uFFFD\\[31M and A\uFFFD\\[31m \\(line 3\\) would both be the field A31m; rename one of them$"}},
		{"enum clash with API", vars(t, "e", "LOAD enum(a,b)"), GenerateOptions{},
			[]string{`^e:2: LOAD would be the enum type Load, which is already envcheck's generated API`}},
		{"enum clash with type", vars(t, "e", "SETTINGS enum(a,b)"), GenerateOptions{Type: "Settings"},
			[]string{`^e:2: SETTINGS would be the enum type Settings, which is already the struct \(--type\)`}},
		{"enum values", vars(t, "e", "MODE enum(a-b,a_b)"), GenerateOptions{},
			[]string{`^e:2: the value "a_b" of MODE would be the constant ModeAB, which is already the constant for "a-b" of MODE`}},
		{"enum value without letters", vars(t, "e", "OP enum(+,-)"), GenerateOptions{},
			[]string{`^e:2: the value "\+" of OP has no letters`, `^e:2: the value "-" of OP has no letters`}},
		{"bad default", vars(t, "e", "PORT port default=http", "N int default=1.5"), GenerateOptions{},
			[]string{`^e:2: the default of PORT is not a port \(an integer from 1 to 65535\); fix the default, or the type$`,
				`^e:4: the default of N is not an integer`}},
		{"default fails the regex", vars(t, "e", "MODE string default=X regex=^[a-z]+$"), GenerateOptions{},
			[]string{`^e:2: the default of MODE does not match the regex \^\[a-z\]\+\$; fix the default, or the rule$`}},
		{"bad regex", vars(t, "e", "MODE string regex=a("), GenerateOptions{},
			[]string{`^e:2: the regex of MODE does not compile`}},
		{"bad tag parameter", vars(t, "e", "N int validate=min=x"), GenerateOptions{},
			[]string{`^e:2: @validate of N: the tag min=x cannot run on int values`}},
		{"per-env without env key", vars(t, "e", "DB url required=production"), GenerateOptions{},
			[]string{`^e:2: DB is required in production, but the schema has no key that names the environment \(APP_ENV, ENVIRONMENT, ENV, GO_ENV\); add an APP_ENV key`}},
		{"unknown environment", vars(t, "e", "APP_ENV enum(dev,prod)", "DB url required=production+dev"), GenerateOptions{},
			[]string{`^e:4: DB is required in "production", which is not a value of APP_ENV \(dev, prod\)`}},
		{"env key missing", vars(t, "e", "DB url required=prod"), GenerateOptions{EnvKey: "STAGE"},
			[]string{`^e:2: --env-key STAGE: the schema has no such key`}},
		{"env key type", vars(t, "e", "STAGE int", "DB url required=prod"), GenerateOptions{EnvKey: "STAGE"},
			[]string{`^e:2: STAGE names the environment, so it must be a string or an enum, not int`}},
		{"env key per env", vars(t, "e", "ENV string required=prod", "DB url required=prod"), GenerateOptions{},
			[]string{`^e:2: ENV names the environment, so it cannot be required only in some environments`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.opts.Package == "" {
				c.opts.Package = "cfg"
			}
			out, err := Generate(c.schema, c.opts)
			if err == nil {
				t.Fatalf("no error; generated:\n%s", out)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("the error is a %T, not ErrorList: %v", err, err)
			}
			if len(list) != len(c.want) {
				t.Fatalf("%d errors, want %d:\n%v", len(list), len(c.want), err)
			}
			for i, re := range c.want {
				if !regexp.MustCompile(re).MatchString(list[i].Error()) {
					t.Errorf("error %d = %q, want it to match %s", i, list[i].Error(), re)
				}
			}
		})
	}
}

func TestGenerateBadOptions(t *testing.T) {
	s := minimalSchema(t)
	for _, c := range []struct {
		opts GenerateOptions
		want string
	}{
		{GenerateOptions{}, `--package "" is not a Go package name`},
		{GenerateOptions{Package: "my-config"}, `--package "my-config" is not a Go package name`},
		{GenerateOptions{Package: "type"}, `--package "type" is not a Go package name`},
		{GenerateOptions{Package: "cfg", Type: "config"}, `--type "config" is not an exported Go identifier`},
		{GenerateOptions{Package: "cfg", Type: "Con fig"}, `--type "Con fig" is not an exported Go identifier`},
	} {
		if _, err := Generate(s, c.opts); err == nil || err.Error() != c.want {
			t.Errorf("Generate(%+v) = %v, want %s", c.opts, err, c.want)
		}
	}
	if _, err := Generate(&Schema{}, GenerateOptions{Package: "cfg"}); err == nil {
		t.Error("an empty schema generates")
	}
}

// TestGenerateNoSecretDefaultInComments: a secret's default is code, never documentation.
func TestGenerateSecretDefault(t *testing.T) {
	canary := "sk-ant-api03-" + strings.Repeat("Q", 20) + "CANARY"
	s := vars(t, "x", "ANTHROPIC_API_KEY string default="+canary)
	out, err := Generate(s, generateOpts("cfg"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(out), canary); n != 1 {
		t.Errorf("the default appears %d times, want once (as the literal):\n%s", n, out)
	}
	if !strings.Contains(string(out), "ANTHROPIC_API_KEY: string, optional, has a default, secret.") {
		t.Errorf("the field comment does not say it has a default:\n%s", out)
	}
}

// TestGenerateSanitizesComments: descriptions are text from a template; whatever they hold,
// the output compiles.
func TestGenerateSanitizesComments(t *testing.T) {
	s := vars(t, "x\nsrc", "A string")
	s.Vars[0].Description = "line one\r\nline two */ \x00 \ufeff \xff end\u2028more"
	s.Vars[0].Deprecated = "no\nmore"
	out, err := Generate(s, generateOpts("cfg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"\x00", "\r", "\ufeff", "\xff", "\u2028"} {
		if strings.Contains(string(out), bad) {
			t.Errorf("the output holds %q", bad)
		}
	}
	if !strings.Contains(string(out), "\t// line two */") || !strings.Contains(string(out), "// Source: xsrc\n") {
		t.Errorf("comments lost text:\n%s", out)
	}
}

func TestGoName(t *testing.T) {
	for key, want := range map[string]string{
		"ANTHROPIC_API_KEY": "AnthropicAPIKey", "DATABASE_URL": "DatabaseURL", "OLLAMA_HOST": "OllamaHost",
		"OPENAI_API_KEY": "OpenAIAPIKey", "HTTP_TIMEOUT": "HTTPTimeout", "HTTPS_PROXY": "HTTPSProxy",
		"USER_ID": "UserID", "ALLOWED_IDS": "AllowedIDs", "CALLBACK_URLS": "CallbackURLs", "TLS_CERT": "TLSCert",
		"JSON_LOGS": "JSONLogs", "AWS_REGION": "AWSRegion", "DB_HOST": "DBHost", "S3_BUCKET": "S3Bucket",
		"OAUTH2_CLIENT_ID": "OAuth2ClientID", "HTTP2": "HTTP2", "GITHUB_TOKEN": "GitHubToken", "PORT": "Port",
		"port": "Port", "database_url": "DatabaseURL", "myVar": "MyVar", "APP__ENV": "AppEnv", "2FA_SECRET": "Env2faSecret",
		"KEYS": "Keys", "STATUS": "Status", "CPUS": "CPUs", "MAX_TOKENS": "MaxTokens", "SENTRY_DSN": "SentryDSN",
		"app.env": "AppEnv", "NAÏVE": "Naïve", "___": "",
	} {
		if got := GoName(key); got != want {
			t.Errorf("GoName(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestDurationLiteral(t *testing.T) {
	for in, want := range map[string]string{
		"0s": "0", "30s": "30 * time.Second", "1m30s": "90 * time.Second", "2h": "2 * time.Hour",
		"1h": "time.Hour", "1.5s": "1500 * time.Millisecond", "-5m": "-5 * time.Minute", "1ns": "time.Duration(1)",
	} {
		d, err := Type{Kind: Duration}.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := durationLiteral(d.(time.Duration)); got != want {
			t.Errorf("durationLiteral(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestGenerateAfterSchemaErrors: a schema that Load returns beside its errors goes through
// Generate for the problems it has as Go, so that every problem is known at once; a key that is
// only broken is never reported missing, and nothing is reported twice.
func TestGenerateAfterSchemaErrors(t *testing.T) {
	dir := t.TempDir()
	load := func(tpl, js string) (*Schema, ErrorList) {
		t.Helper()
		var tplPath, jsPath string
		if tpl != "" {
			tplPath = filepath.Join(dir, "t.env.example")
			if err := os.WriteFile(tplPath, []byte(tpl), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if js != "" {
			jsPath = filepath.Join(dir, "s.json")
			if err := os.WriteFile(jsPath, []byte(js), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s, err := Load(tplPath, jsPath)
		var list ErrorList
		if err != nil && !errors.As(err, &list) {
			t.Fatalf("Load: %v", err)
		}
		return s, list
	}
	messages := func(list ErrorList) string {
		var lines []string
		for _, e := range list {
			lines = append(lines, strings.TrimPrefix(e.Error(), dir+"/"))
		}
		return strings.Join(lines, "\n")
	}
	for _, c := range []struct {
		name       string
		tpl, js    string
		opts       GenerateOptions
		loadErrs   string // what Load reports
		noSchema   bool   // Load returns no schema
		generate   string // what Generate reports of the schema Load returned
		keysLoaded string
	}{
		{
			name: "three problems",
			tpl:  "# @type=flarp\nA=1\n\n# @type=port @default=http\nB=\n\n# @type=url @required=production\nC=\n",
			loadErrs: "t.env.example:1: @type of A: unknown type \"flarp\"; use one of string, int, float, bool, duration, url, email, port, json, path, enum(a,b,…), list(type)\n" +
				"t.env.example:4: the @default of B is not a port (an integer from 1 to 65535); fix the default or the rule",
			generate: "t.env.example:8: C is required in production, but the schema has no key that names the environment (APP_ENV, ENVIRONMENT, ENV, GO_ENV); " +
				"add an APP_ENV key to the schema (@type=enum(development,production)), or name the key with --env-key",
			keysLoaded: "C",
		},
		{
			name:       "three problems and bad options",
			tpl:        "# @type=flarp\nA=1\n\n# @required=production\nC=\nc=\n",
			opts:       GenerateOptions{Package: "my-config", Type: "config"},
			loadErrs:   "t.env.example:1: @type of A: unknown type \"flarp\"; use one of string, int, float, bool, duration, url, email, port, json, path, enum(a,b,…), list(type)",
			generate:   "t.env.example:5: C is required in production, but the schema has no key that names the environment (APP_ENV, ENVIRONMENT, ENV, GO_ENV); add an APP_ENV key to the schema (@type=enum(development,production)), or name the key with --env-key\nt.env.example:6: c and C (line 5) would both be the field C; rename one of them\n--package \"my-config\" is not a Go package name\n--type \"config\" is not an exported Go identifier",
			keysLoaded: "C,c",
		},
		{
			name:       "the environment key is broken: which key names the environment is unknown",
			tpl:        "# @type=enum(dev,prod) @default=staging\nAPP_ENV=\n\n# @required=prod\nDB=\n# @required=prod\nENV=\n",
			loadErrs:   "t.env.example:1: the @default of APP_ENV is not one of dev, prod; fix the default or the rule",
			keysLoaded: "DB,ENV",
		},
		{
			name:       "--env-key names a broken key",
			tpl:        "# @type=nope\nSTAGE=\n\n# @required=prod\nDB=\n",
			opts:       GenerateOptions{EnvKey: "STAGE"},
			loadErrs:   "t.env.example:1: @type of STAGE: unknown type \"nope\"; use one of string, int, float, bool, duration, url, email, port, json, path, enum(a,b,…), list(type)",
			keysLoaded: "DB",
		},
		{
			name:       "a broken JSON entry replaces the template's",
			tpl:        "# @type=enum(dev,staging)\nAPP_ENV=\n\n# @required=prod\nDB=\n",
			js:         `{"entries": {"APP_ENV": {"type": "flarp"}, "DB": {"required_in": ["prod"]}}}`,
			loadErrs:   "s.json:1: APP_ENV: unknown type \"flarp\"; use one of string, int, float, bool, duration, url, email, port, json, path, enum(a,b,…), list(type)",
			keysLoaded: "DB",
		},
		{
			name:     "not JSON at all: nothing is known of the keys",
			tpl:      "# @required=prod\nDB=\n",
			js:       `{"entries": [`,
			loadErrs: "s.json:1: invalid JSON: the JSON ends too early; check for a missing comma, quote or brace",
			noSchema: true,
		},
		{
			name:     "entries that are not an object",
			tpl:      "# @required=prod\nDB=\n",
			js:       `{"entries": ["DB"]}`,
			loadErrs: "s.json:1: \"entries\" must be an object of KEY: {…} entries, not an array",
			noSchema: true,
		},
		{
			name:       "every key broken",
			tpl:        "# @type=flarp\nA=1\n",
			loadErrs:   "t.env.example:1: @type of A: unknown type \"flarp\"; use one of string, int, float, bool, duration, url, email, port, json, path, enum(a,b,…), list(type)",
			generate:   "t.env.example: every key has an error, so there is nothing to generate; fix the errors Load reported",
			keysLoaded: "",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			os.Remove(filepath.Join(dir, "t.env.example"))
			os.Remove(filepath.Join(dir, "s.json"))
			s, loadErrs := load(c.tpl, c.js)
			if got := messages(loadErrs); got != c.loadErrs {
				t.Errorf("Load reports:\n%s\nwant:\n%s", got, c.loadErrs)
			}
			if c.noSchema {
				if s != nil {
					t.Errorf("Load returned a schema of %d keys beside errors that leave its keys unknown", len(s.Vars))
				}
				return
			}
			if s == nil {
				t.Fatal("Load returned no schema beside its errors")
			}
			var keys []string
			for _, v := range s.Vars {
				keys = append(keys, v.Key)
			}
			if got := strings.Join(keys, ","); got != c.keysLoaded {
				t.Errorf("the schema holds %s, want %s", got, c.keysLoaded)
			}
			if c.opts.Package == "" {
				c.opts.Package = "cfg"
			}
			_, err := Generate(s, c.opts)
			var list ErrorList
			if err != nil && !errors.As(err, &list) {
				t.Fatalf("Generate: %v", err)
			}
			if got := messages(list); got != c.generate {
				t.Errorf("Generate reports:\n%s\nwant:\n%s", got, c.generate)
			}
			if c.generate == "" && err == nil {
				t.Log("(generates: the schema's errors are all Load's)")
			}
		})
	}
}

// TestGenerateErrorsAndOptions: Generate reports the schema's problems and the options' at once,
// the schema's (positioned, in file order) first.
func TestGenerateErrorsAndOptions(t *testing.T) {
	s := vars(t, "e", "N int default=x", "DB url required=prod")
	_, err := Generate(s, GenerateOptions{Type: "config"})
	want := "e:2: the default of N is not an integer; fix the default, or the type\n" +
		"e:4: DB is required in prod, but the schema has no key that names the environment (APP_ENV, ENVIRONMENT, ENV, GO_ENV); add an APP_ENV key to the schema (@type=enum(development,production)), or name the key with --env-key\n" +
		"--package \"\" is not a Go package name\n" +
		"--type \"config\" is not an exported Go identifier"
	if err == nil || err.Error() != want {
		t.Errorf("Generate:\n%v\nwant:\n%s", err, want)
	}
}
