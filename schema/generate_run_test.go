package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
)

// The generated loaders are compiled and run for real: each schema below becomes a package in a
// temporary module whose go.mod says go 1.21 (the oldest Go the generated code supports; go vet
// reports any standard library API newer than that), with a harness program that loads the
// configuration from its real environment and prints what it got as JSON.

// goTool returns the go command, or skips the test.
func goTool(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err != nil {
		t.Skip("no go command to compile the generated code with")
	}
	return p
}

// runGo runs the go command in dir, offline, with the toolchain that runs the test.
func runGo(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(goTool(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off", "GOSUMDB=off", "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// harness is the program that loads a generated package and reports on it. PKG is replaced by
// the package's import path.
const harness = `package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"reflect"
	"strings"

	cfgpkg "PKG"
)

type result struct {
	Error     string            ` + "`json:\"error,omitempty\"`" + `
	IsMissing bool              ` + "`json:\"isMissing\"`" + `
	IsInvalid bool              ` + "`json:\"isInvalid\"`" + `
	Missing   []string          ` + "`json:\"missing,omitempty\"`" + `
	Invalid   []string          ` + "`json:\"invalid,omitempty\"`" + `
	Unwrapped int               ` + "`json:\"unwrapped\"`" + `
	AsKey     string            ` + "`json:\"asKey,omitempty\"`" + `
	Fields    map[string]string ` + "`json:\"fields,omitempty\"`" + `
	Tags      map[string]string ` + "`json:\"tags,omitempty\"`" + `
	Outputs   map[string]string ` + "`json:\"outputs,omitempty\"`" + `
	Keys      []string          ` + "`json:\"keys\"`" + `
	Sensitive []string          ` + "`json:\"sensitive\"`" + `
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "parity" {
		parity()
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "mustload" {
		cfgpkg.MustLoad()
		return
	}
	r := result{Keys: cfgpkg.Keys(), Sensitive: cfgpkg.SensitiveKeys()}
	cfg, err := cfgpkg.Load()
	if err != nil {
		r.Error = err.Error()
		r.IsMissing = errors.Is(err, cfgpkg.ErrMissing)
		r.IsInvalid = errors.Is(err, cfgpkg.ErrInvalid)
		var le *cfgpkg.LoadError
		if errors.As(err, &le) {
			for _, ke := range le.Missing {
				r.Missing = append(r.Missing, ke.Key+" ("+ke.Field+") "+ke.Reason)
			}
			for _, ke := range le.Invalid {
				r.Invalid = append(r.Invalid, ke.Key+" ("+ke.Field+") "+ke.Reason)
			}
			r.Unwrapped = len(le.Unwrap())
		}
		var ke *cfgpkg.KeyError
		if errors.As(err, &ke) {
			r.AsKey = ke.Key
		}
		r.Outputs = map[string]string{}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			r.Outputs["error "+verb] = fmt.Sprintf(verb, err)
		}
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Error("load", "err", err)
		r.Outputs["error slog"] = buf.String()
	} else {
		r.Fields, r.Tags = fields(cfg)
		r.Outputs = outputs(cfg)
	}
	if err := json.NewEncoder(os.Stdout).Encode(r); err != nil {
		panic(err)
	}
}

// fields shows every field's type and value, revealing secrets: the test compares them.
func fields(cfg *cfgpkg.Config) (map[string]string, map[string]string) {
	m, tags := map[string]string{}, map[string]string{}
	rv := reflect.ValueOf(cfg).Elem()
	for i := 0; i < rv.NumField(); i++ {
		f := rv.Type().Field(i)
		m[f.Name] = show(rv.Field(i))
		tags[f.Name] = f.Tag.Get("env")
	}
	return m, tags
}

func show(v reflect.Value) string {
	if v.Kind() == reflect.Pointer && v.Type() != reflect.TypeOf((*url.URL)(nil)) {
		if v.IsNil() {
			return "nil"
		}
		return "*" + show(v.Elem())
	}
	switch x := v.Interface().(type) {
	case interface{ Reveal() string }:
		return "secret:" + x.Reveal()
	case *url.URL:
		if x == nil {
			return "nil"
		}
		return "url:" + x.String()
	case json.RawMessage:
		if x == nil {
			return "nil"
		}
		return "json:" + string(x)
	}
	switch v.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			return "nil"
		}
		var parts []string
		for i := 0; i < v.Len(); i++ {
			parts = append(parts, show(v.Index(i)))
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return fmt.Sprintf("%s:%v", v.Type(), v.Interface())
}

// outputs are every way the configuration and its secrets get printed, logged or encoded.
func outputs(cfg *cfgpkg.Config) map[string]string {
	o := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		o["ptr "+verb] = fmt.Sprintf(verb, cfg)
		o["value "+verb] = fmt.Sprintf(verb, *cfg)
	}
	var js, text bytes.Buffer
	slog.New(slog.NewJSONHandler(&js, nil)).Info("loaded", "config", cfg)
	slog.New(slog.NewTextHandler(&text, nil)).Info("loaded", "config", *cfg)
	o["slog json"], o["slog text"] = js.String(), text.String()
	b, err := json.Marshal(cfg)
	o["json.Marshal"] = string(b) + fmt.Sprint(err)
	b, err = json.Marshal(*cfg)
	o["json.Marshal value"] = string(b) + fmt.Sprint(err)
	var enc bytes.Buffer
	e := json.NewEncoder(&enc)
	e.SetEscapeHTML(false)
	err = e.Encode(map[string]any{"config": cfg})
	o["json.Encoder"] = enc.String() + fmt.Sprint(err)
	// fmt cannot call the methods of an unexported field, so it prints the struct itself.
	type holder struct {
		cfg Config
		ptr *Config
	}
	h := holder{*cfg, cfg}
	o["unexported %+v"] = fmt.Sprintf("%+v", h)
	o["unexported %#v"] = fmt.Sprintf("%#v", h)
	rv := reflect.ValueOf(cfg).Elem()
	for i := 0; i < rv.NumField(); i++ {
		name := rv.Type().Field(i).Name
		f := rv.Field(i).Interface()
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3s", "%T"} {
			o[name+" "+verb] = fmt.Sprintf(verb, f)
		}
		o[name+" Sprint"] = fmt.Sprint(f) + fmt.Sprintln(f)
		b, err := json.Marshal(f)
		o[name+" json"] = string(b) + fmt.Sprint(err)
		if s, ok := f.(cfgpkg.Secret); ok {
			t, err := s.MarshalText()
			o[name+" MarshalText"] = string(t) + fmt.Sprint(err)
			o[name+" String"] = s.String() + s.GoString()
			var buf bytes.Buffer
			slog.New(slog.NewJSONHandler(&buf, nil)).Info("s", "secret", s)
			o[name+" slog"] = buf.String()
		}
	}
	return o
}

type Config = cfgpkg.Config

// parity reads cases {Key, Value} and loads each alone, printing "ok" or the key's reason.
func parity() {
	var cases []struct{ Key, Value string }
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		panic(err)
	}
	out := make([]string, len(cases))
	for i, c := range cases {
		_, err := cfgpkg.LoadFrom(func(k string) (string, bool) {
			if k == c.Key {
				return c.Value, true
			}
			return "", false
		})
		out[i] = "ok"
		var le *cfgpkg.LoadError
		switch {
		case errors.As(err, &le):
			out[i] = ""
			for _, ke := range le.Unwrap() {
				out[i] += ke.Error() + ";"
			}
		case err != nil:
			out[i] = "unexpected error " + err.Error()
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
`

// A genModule is a temporary module holding generated packages and their harnesses, built once.
type genModule struct {
	dir string
	bin string
}

// buildModule writes each schema's generated code as package NAME of a module with the given
// go line (and requirements), vets and builds it, and builds a harness per package.
func buildModule(t testing.TB, goLine, require string, schemas map[string]*Schema) *genModule {
	t.Helper()
	dir := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/gen\n\ngo "+goLine+"\n"+require)
	for name, s := range schemas {
		out, err := Generate(s, generateOpts(name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		write(name+"/config_gen.go", string(out))
		write("cmd/"+name+"/main.go", strings.Replace(harness, "PKG", "example.com/gen/"+name, 1))
	}
	if require != "" {
		sum, err := os.ReadFile("../go.sum")
		if err != nil {
			t.Fatal(err)
		}
		write("go.sum", string(sum))
	}
	runGo(t, dir, "vet", "./...")
	bin := filepath.Join(dir, "bin")
	runGo(t, dir, "build", "-o", bin+string(filepath.Separator), "./cmd/...")
	return &genModule{dir: dir, bin: bin}
}

// modules are built once, under the first test that needs each, and shared.
var modules = struct {
	sync.Mutex
	built map[string]*genModule
	err   map[string]string
}{built: map[string]*genModule{}, err: map[string]string{}}

// std is the go 1.21 module of loaders that need only the standard library.
func std(t *testing.T) *genModule {
	return module(t, "std", func(t testing.TB) *genModule {
		return buildModule(t, "1.21", "", map[string]*Schema{"all": allSchema(t), "llm": llmSchema(t), "parity": paritySchema(t)})
	})
}

// withValidator is the module of a loader whose tags need validator/v10, which it takes from
// the module cache at the version envcheck itself uses (so the test needs no network); its go
// line is envcheck's, as the validator's go.mod needs a recent Go.
func withValidator(t *testing.T) *genModule {
	return module(t, "validator", func(t testing.TB) *genModule {
		mod, err := os.ReadFile("../go.mod")
		if err != nil {
			t.Fatal(err)
		}
		goLine := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
		version := regexp.MustCompile(`github.com/go-playground/validator/v10 (v\S+)`).FindSubmatch(mod)
		if goLine == nil || version == nil {
			t.Fatal("../go.mod names no go version or no validator/v10")
		}
		return buildModule(t, string(goLine[1]), "\nrequire github.com/go-playground/validator/v10 "+string(version[1])+"\n",
			map[string]*Schema{"valparity": validatorParitySchema(t), "project": projectSchema(t)})
	})
}

func module(t *testing.T, name string, build func(testing.TB) *genModule) *genModule {
	t.Helper()
	goTool(t)
	modules.Lock()
	defer modules.Unlock()
	if m := modules.built[name]; m != nil {
		return m
	}
	if msg := modules.err[name]; msg != "" {
		t.Fatal(msg)
	}
	var m *genModule
	func() {
		defer func() {
			if r := recover(); r != nil && r != errBuildFailed {
				panic(r)
			}
		}()
		m = build(&buildT{T: t, name: name})
	}()
	if m == nil {
		t.FailNow()
	}
	modules.built[name] = m
	return m
}

// buildT builds a shared module under the test that first needs it: it fails that test, and
// every later one, with the build's message, and its temporary directory outlives the test.
type buildT struct {
	*testing.T
	name string
}

var errBuildFailed = errors.New("module build failed")

func (b *buildT) Fatal(args ...any) {
	modules.err[b.name] = fmt.Sprint(args...)
	b.T.Error(args...)
	panic(errBuildFailed)
}

func (b *buildT) Fatalf(format string, args ...any) { b.Fatal(fmt.Sprintf(format, args...)) }

func (b *buildT) TempDir() string {
	dir, err := os.MkdirTemp("", "envcheck-generate-")
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, mod := range modules.built {
		os.RemoveAll(mod.dir)
	}
	os.Exit(code)
}

type loadResult struct {
	Error     string            `json:"error"`
	IsMissing bool              `json:"isMissing"`
	IsInvalid bool              `json:"isInvalid"`
	Missing   []string          `json:"missing"`
	Invalid   []string          `json:"invalid"`
	Unwrapped int               `json:"unwrapped"`
	AsKey     string            `json:"asKey"`
	Fields    map[string]string `json:"fields"`
	Tags      map[string]string `json:"tags"`
	Outputs   map[string]string `json:"outputs"`
	Keys      []string          `json:"keys"`
	Sensitive []string          `json:"sensitive"`
	stderr    string
	exit      int
}

// run runs a harness with exactly the given environment (plus nothing else).
func (m *genModule) run(t *testing.T, pkg string, env map[string]string, args ...string) *loadResult {
	t.Helper()
	cmd := exec.Command(filepath.Join(m.bin, pkg), args...)
	cmd.Env = []string{}
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		cmd.Env = append(cmd.Env, k+"="+env[k])
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := &loadResult{stderr: stderr.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.exit = ee.ExitCode()
		if len(args) == 0 || args[0] != "mustload" {
			t.Fatalf("the harness failed: %v\n%s", err, stderr.String())
		}
		return r
	case err != nil:
		t.Fatal(err)
	case len(args) > 0:
		return r
	}
	if err := json.Unmarshal(stdout.Bytes(), r); err != nil {
		t.Fatalf("harness output: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	return r
}

// canary is a secret value that must never be printed; it is assembled here so that no file in
// the repository holds a real-looking key.
var canary = "sk-ant-api03-" + strings.Repeat("x9", 20) + "-CANARY"

// noCanary fails when any output, the error or stderr holds the canary or a part of it.
func noCanary(t *testing.T, r *loadResult, secrets ...string) {
	t.Helper()
	secrets = append(secrets, canary, "CANARY", "x9x9x9")
	check := func(where, s string) {
		for _, sec := range secrets {
			if strings.Contains(s, sec) {
				t.Errorf("%s leaks %q: %s", where, sec, s)
			}
		}
	}
	check("the error", r.Error)
	check("stderr", r.stderr)
	for _, m := range append(r.Missing, r.Invalid...) {
		check("a KeyError", m)
	}
	for k, v := range r.Outputs {
		check(k, v)
	}
}

func allValid() map[string]string {
	return map[string]string{
		"APP_ENV":      "production",
		"NAME":         "api",
		"PORT":         "9090",
		"COUNT":        "-42",
		"RATIO":        "1e-3",
		"DEBUG":        "On",
		"TIMEOUT":      "2h45m",
		"HOME_URL":     "http://localhost:3000/x",
		"ADMIN_EMAIL":  "ops@example.com",
		"CACHE_DIR":    "",
		"LOG_LEVEL":    "warn",
		"HOSTS":        " a.example , b.example,c ",
		"PORTS":        "8080; 8443",
		"WEIGHTS":      "0.5,1.5",
		"RETRY_DELAYS": "",
		"FLAGS":        `[1, {"x": null}]`,
		"API_TOKEN":    canary,
		"DATABASE_URL": "postgres://app:" + canary + "@db:5432/app",
		"BACKUP_KEYS":  canary + "-1," + canary + "-2",
		"MAX_TOKENS":   "100",
		"NOTE":         "",
		"REGION":       "eu-west-1",
	}
}

func TestGeneratedAllTypes(t *testing.T) {
	m := std(t)
	r := m.run(t, "all", allValid())
	if r.Error != "" {
		t.Fatalf("load failed: %s", r.Error)
	}
	want := map[string]string{
		"AppEnv":       "all.AppEnv:production",
		"Name":         "string:api",
		"Port":         "int:9090",
		"Count":        "int64:-42",
		"Ratio":        "float64:0.001",
		"Debug":        "*bool:true",
		"Timeout":      "time.Duration:2h45m0s",
		"HomeURL":      "url:http://localhost:3000/x",
		"AdminEmail":   "*string:ops@example.com",
		"CacheDir":     "string:",
		"LogLevel":     "all.LogLevel:warn",
		"Hosts":        "[string:a.example string:b.example string:c]",
		"Ports":        "[int:8080 int:8443]",
		"Weights":      "[float64:0.5 float64:1.5]",
		"RetryDelays":  "[]",
		"Flags":        `json:[1, {"x": null}]`,
		"APIToken":     "secret:" + canary,
		"DatabaseURL":  "*secret:postgres://app:" + canary + "@db:5432/app",
		"BackupKeys":   "[secret:" + canary + "-1 secret:" + canary + "-2]",
		"MaxTokens":    "int64:100",
		"Note":         "*string:",
		"Region":       "*all.Region:eu-west-1",
		"SMTPPassword": "secret:",
	}
	compareFields(t, r.Fields, want)
	if r.Tags["DatabaseURL"] != "DATABASE_URL" || r.Tags["HTTPTimeout"] != "" || len(r.Tags) != len(want) {
		t.Errorf("env tags: %v", r.Tags)
	}
	if got := strings.Join(r.Sensitive, ","); got != "API_TOKEN,DATABASE_URL,BACKUP_KEYS,SMTP_PASSWORD" {
		t.Errorf("SensitiveKeys() = %s", got)
	}
	if len(r.Keys) != len(want) || r.Keys[0] != "APP_ENV" || r.Keys[len(r.Keys)-1] != "SMTP_PASSWORD" {
		t.Errorf("Keys() = %v", r.Keys)
	}
	noCanary(t, r)
	// The outputs show the configuration, with secrets redacted: the test would pass on empty
	// outputs otherwise.
	for name, want := range map[string]string{
		"ptr %+v":              "{APP_ENV=production NAME=api PORT=9090 COUNT=-42 RATIO=0.001 DEBUG=true TIMEOUT=2h45m0s HOME_URL=http://localhost:3000/x ADMIN_EMAIL=ops@example.com CACHE_DIR= LOG_LEVEL=warn HOSTS=[a.example b.example c] PORTS=[8080 8443] WEIGHTS=[0.5 1.5] RETRY_DELAYS=[] FLAGS=[1, {\"x\": null}] API_TOKEN=[REDACTED] DATABASE_URL=[REDACTED] BACKUP_KEYS=[REDACTED] MAX_TOKENS=100 NOTE= REGION=eu-west-1 SMTP_PASSWORD=[REDACTED]}",
		"APIToken %q":          `"[REDACTED]"`,
		"APIToken %x":          "[REDACTED]",
		"APIToken %10.3s":      "[REDACTED]",
		"APIToken json":        `"[REDACTED]"<nil>`,
		"APIToken MarshalText": "[REDACTED]<nil>",
		"APIToken String":      "[REDACTED][REDACTED]",
		"BackupKeys %v":        "[[REDACTED] [REDACTED]]",
		"BackupKeys json":      `["[REDACTED]","[REDACTED]"]<nil>`,
		"DatabaseURL %v":       "[REDACTED]",
		"APIToken Sprint":      "[REDACTED][REDACTED]\n",
		"unexported %+v":       "value:0x",
		"slog json":            `"API_TOKEN":"[REDACTED]","DATABASE_URL":"[REDACTED]"`,
		"slog text":            "config.API_TOKEN=[REDACTED]",
		"json.Marshal": `{"APP_ENV":"production","NAME":"api","PORT":9090,"COUNT":-42,"RATIO":0.001,"DEBUG":true,"TIMEOUT":9900000000000,` +
			`"HOME_URL":"http://localhost:3000/x","ADMIN_EMAIL":"ops@example.com","CACHE_DIR":"","LOG_LEVEL":"warn",` +
			`"HOSTS":["a.example","b.example","c"],"PORTS":[8080,8443],"WEIGHTS":[0.5,1.5],"RETRY_DELAYS":[],"FLAGS":"[1, {\"x\": null}]",` +
			`"API_TOKEN":"[REDACTED]","DATABASE_URL":"[REDACTED]","BACKUP_KEYS":"[REDACTED]","MAX_TOKENS":100,"NOTE":"","REGION":"eu-west-1",` +
			`"SMTP_PASSWORD":"[REDACTED]"}<nil>`,
		"APIToken slog": `"secret":"[REDACTED]"`,
		"value %#v":     "API_TOKEN=[REDACTED]",
		"HomeURL %v":    "http://localhost:3000/x",
		"Hosts %v":      "[a.example b.example c]",
	} {
		if !strings.Contains(r.Outputs[name], want) {
			t.Errorf("%s = %s\nwant it to contain %s", name, r.Outputs[name], want)
		}
	}
	jsonLikeSlog(t, r)
}

// jsonLikeSlog checks that json.Marshal encodes the configuration (by pointer, by value, inside
// another value) as the object slog's JSON handler logs: one view, whichever way it is shown.
func jsonLikeSlog(t *testing.T, r *loadResult) {
	t.Helper()
	var logged struct {
		Config map[string]any `json:"config"`
	}
	if err := json.Unmarshal([]byte(r.Outputs["slog json"]), &logged); err != nil || len(logged.Config) == 0 {
		t.Fatalf("slog json: %v\n%s", err, r.Outputs["slog json"])
	}
	var inside struct {
		Config map[string]any `json:"config"`
	}
	if err := json.Unmarshal([]byte(strings.TrimSuffix(r.Outputs["json.Encoder"], "\n<nil>")), &inside); err != nil {
		t.Fatalf("json.Encoder: %v\n%s", err, r.Outputs["json.Encoder"])
	}
	for name, out := range map[string]string{"json.Marshal": r.Outputs["json.Marshal"], "json.Marshal value": r.Outputs["json.Marshal value"]} {
		var got map[string]any
		if err := json.Unmarshal([]byte(strings.TrimSuffix(out, "<nil>")), &got); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		if !reflect.DeepEqual(got, logged.Config) {
			t.Errorf("%s differs from what slog logs:\n%s\nslog:\n%s", name, out, r.Outputs["slog json"])
		}
	}
	if !reflect.DeepEqual(inside.Config, logged.Config) {
		t.Errorf("json.Encoder differs from what slog logs:\n%s\nslog:\n%s", r.Outputs["json.Encoder"], r.Outputs["slog json"])
	}
}

func compareFields(t *testing.T, got, want map[string]string) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("field %s = %q, want %q", k, got[k], w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected field %s = %q", k, got[k])
		}
	}
}

func TestGeneratedDefaults(t *testing.T) {
	m := std(t)
	r := m.run(t, "all", map[string]string{"NAME": "n", "COUNT": "1", "API_TOKEN": "t"})
	if r.Error != "" {
		t.Fatalf("load failed: %s", r.Error)
	}
	compareFields(t, r.Fields, map[string]string{
		"AppEnv": "all.AppEnv:development", "Name": "string:n", "Port": "int:8080", "Count": "int64:1",
		"Ratio": "float64:0.5", "Debug": "nil", "Timeout": "time.Duration:1m30s",
		"HomeURL":    "url:https://user@example.com:8443/app/a%2Fb?x=1#top",
		"AdminEmail": "nil", "CacheDir": "string:/var/cache/app", "LogLevel": "all.LogLevel:info", "Hosts": "nil",
		"Ports": "[int:80 int:443]", "Weights": "nil", "RetryDelays": "[time.Duration:1s time.Duration:2s time.Duration:4s]",
		"Flags": `json:{"beta":true}`, "APIToken": "secret:t", "DatabaseURL": "nil", "BackupKeys": "nil",
		"MaxTokens": "int64:4096", "Note": "nil", "Region": "nil", "SMTPPassword": "secret:",
	})
	if got := r.Outputs["ptr %v"]; !strings.Contains(got, "DEBUG=<nil>") || !strings.Contains(got, "NOTE=<nil> ") {
		t.Errorf("unset keys do not print as <nil>: %s", got)
	}
	if got := r.Outputs["slog json"]; !strings.Contains(got, `"DEBUG":null`) {
		t.Errorf("unset keys do not log as null: %s", got)
	}

	// Set to the empty string: a string or a list is empty (not its default, not nil); any
	// other type has no empty value, so it is unset (its default, or nil), as check sees it.
	empty := map[string]string{"NAME": "n", "COUNT": "1", "API_TOKEN": "t"}
	for _, k := range []string{"APP_ENV", "PORT", "RATIO", "DEBUG", "TIMEOUT", "HOME_URL", "ADMIN_EMAIL", "CACHE_DIR", "LOG_LEVEL",
		"HOSTS", "PORTS", "WEIGHTS", "RETRY_DELAYS", "FLAGS", "DATABASE_URL", "BACKUP_KEYS", "MAX_TOKENS", "NOTE", "REGION", "SMTP_PASSWORD"} {
		empty[k] = ""
	}
	r = m.run(t, "all", empty)
	if r.Error != "" {
		t.Fatalf("load failed: %s", r.Error)
	}
	compareFields(t, r.Fields, map[string]string{
		"AppEnv": "all.AppEnv:development", "Name": "string:n", "Port": "int:8080", "Count": "int64:1",
		"Ratio": "float64:0.5", "Debug": "nil", "Timeout": "time.Duration:1m30s",
		"HomeURL":    "url:https://user@example.com:8443/app/a%2Fb?x=1#top",
		"AdminEmail": "nil", "CacheDir": "string:", "LogLevel": "all.LogLevel:info", "Hosts": "[]",
		"Ports": "[]", "Weights": "[]", "RetryDelays": "[]",
		"Flags": `json:{"beta":true}`, "APIToken": "secret:t", "DatabaseURL": "nil", "BackupKeys": "[]",
		"MaxTokens": "int64:4096", "Note": "*string:", "Region": "nil", "SMTPPassword": "secret:",
	})
}

// TestGeneratedDefaultURLLiteral: the URL default is a composite literal; it must be the URL
// url.Parse gives, field for field.
func TestGeneratedDefaultURLLiteral(t *testing.T) {
	out, err := Generate(allSchema(t), generateOpts("all"))
	if err != nil {
		t.Fatal(err)
	}
	want := `s.HomeURL = url.URL{Scheme: "https", User: url.User("user"), Host: "example.com:8443", Path: "/app/a/b", RawPath: "/app/a%2Fb", RawQuery: "x=1", Fragment: "top"}`
	if !strings.Contains(string(out), want) {
		t.Errorf("the default URL literal is not %s", want)
	}
}

func TestGeneratedReportsEverything(t *testing.T) {
	m := std(t)
	env := map[string]string{
		"APP_ENV":      "production",
		"NAME":         "",
		"PORT":         "80800",
		"RATIO":        "half",
		"DEBUG":        canary,
		"TIMEOUT":      "30",
		"HOME_URL":     "localhost:3000",
		"ADMIN_EMAIL":  "Ops <ops@example.com>",
		"LOG_LEVEL":    "WARN",
		"PORTS":        "80,443",
		"WEIGHTS":      "1,,2",
		"FLAGS":        "{beta}",
		"API_TOKEN":    "",
		"DATABASE_URL": canary,
		"MAX_TOKENS":   "99999999999999999999",
		"REGION":       "",
	}
	r := m.run(t, "all", env)
	wantMissing := []string{
		"NAME (Name) is set but empty",
		"COUNT (Count) is not set",
		"API_TOKEN (APIToken) is set but empty",
		"REGION (Region) is required when APP_ENV is production, but is empty",
	}
	wantInvalid := []string{
		"PORT (Port) is not a port (an integer from 1 to 65535)",
		"RATIO (Ratio) is not a number",
		"DEBUG (Debug) is not a boolean (use true/false, yes/no, on/off or 1/0)",
		"TIMEOUT (Timeout) is not a duration (write it like 30s, 5m or 1h30m)",
		"HOME_URL (HomeURL) is not an absolute URL (write it like https://host:port/path)",
		"ADMIN_EMAIL (AdminEmail) is not an email address (write it like name@example.com)",
		"LOG_LEVEL (LogLevel) is not one of debug, info, warn, error",
		"PORTS (Ports) item 1 is not a port (an integer from 1 to 65535)",
		"WEIGHTS (Weights) item 2 is not a number",
		"FLAGS (Flags) is not valid JSON",
		"DATABASE_URL (DatabaseURL) is not an absolute URL (write it like https://host:port/path)",
		"MAX_TOKENS (MaxTokens) is out of range for a 64-bit integer",
	}
	if strings.Join(r.Missing, "\n") != strings.Join(wantMissing, "\n") {
		t.Errorf("missing:\n%s\nwant:\n%s", strings.Join(r.Missing, "\n"), strings.Join(wantMissing, "\n"))
	}
	if strings.Join(r.Invalid, "\n") != strings.Join(wantInvalid, "\n") {
		t.Errorf("invalid:\n%s\nwant:\n%s", strings.Join(r.Invalid, "\n"), strings.Join(wantInvalid, "\n"))
	}
	if !r.IsMissing || !r.IsInvalid || r.Unwrapped != len(wantMissing)+len(wantInvalid) || r.AsKey != "NAME" {
		t.Errorf("errors.Is missing %v, invalid %v; Unwrap gives %d; errors.As finds %q", r.IsMissing, r.IsInvalid, r.Unwrapped, r.AsKey)
	}
	if !strings.HasPrefix(r.Error, "invalid environment: NAME is set but empty; COUNT is not set; ") ||
		!strings.HasSuffix(r.Error, "; MAX_TOKENS is out of range for a 64-bit integer") {
		t.Errorf("error = %s", r.Error)
	}
	// No value is ever quoted, secret or not.
	noCanary(t, r, "80800", "half", "{beta}", "localhost:3000", "99999999999999999999", "Ops <")
}

func TestGeneratedOnlyInvalid(t *testing.T) {
	m := std(t)
	env := allValid()
	env["PORT"] = "0"
	r := m.run(t, "all", env)
	if r.IsMissing || !r.IsInvalid || len(r.Missing) != 0 || r.Error != "invalid environment: PORT is not a port (an integer from 1 to 65535)" {
		t.Errorf("one invalid value: %+v", r)
	}
}

func TestGeneratedPerEnvironment(t *testing.T) {
	m := std(t)
	base := map[string]string{"NAME": "n", "COUNT": "1", "API_TOKEN": canary}
	with := func(kv ...string) map[string]string {
		env := map[string]string{}
		for k, v := range base {
			env[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			env[kv[i]] = kv[i+1]
		}
		return env
	}
	for _, c := range []struct {
		name    string
		env     map[string]string
		missing string
		invalid string
	}{
		{"unset: the default environment, development", with(), "", ""},
		{"development", with("APP_ENV", "development"), "", ""},
		{"staging needs REGION", with("APP_ENV", "staging"),
			"REGION (Region) is required when APP_ENV is staging, but is not set", ""},
		{"production needs both", with("APP_ENV", "production"),
			"DATABASE_URL (DatabaseURL) is required when APP_ENV is production, but is not set\n" +
				"REGION (Region) is required when APP_ENV is production, but is not set", ""},
		{"production, empty", with("APP_ENV", "production", "DATABASE_URL", "", "REGION", "us-east-1"),
			"DATABASE_URL (DatabaseURL) is required when APP_ENV is production, but is empty", ""},
		{"production, complete", with("APP_ENV", "production", "DATABASE_URL", "postgres://db/app", "REGION", "us-east-1"), "", ""},
		{"development, empty is unset", with("APP_ENV", "development", "REGION", ""), "", ""},
		{"unknown environment: only APP_ENV is reported", with("APP_ENV", "prod"), "",
			"APP_ENV (AppEnv) is not one of development, staging, production"},
		{"empty environment: the default environment", with("APP_ENV", "", "REGION", ""), "", ""},
		{"staging, empty", with("APP_ENV", "staging", "REGION", ""),
			"REGION (Region) is required when APP_ENV is staging, but is empty", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := m.run(t, "all", c.env)
			if got := strings.Join(r.Missing, "\n"); got != c.missing {
				t.Errorf("missing:\n%s\nwant:\n%s", got, c.missing)
			}
			if got := strings.Join(r.Invalid, "\n"); got != c.invalid {
				t.Errorf("invalid:\n%s\nwant:\n%s", got, c.invalid)
			}
			noCanary(t, r)
		})
	}
}

func TestGeneratedMustLoad(t *testing.T) {
	m := std(t)
	r := m.run(t, "all", map[string]string{"API_TOKEN": "", "DATABASE_URL": canary, "NAME": "n", "COUNT": "1"}, "mustload")
	if r.exit != 2 || !strings.Contains(r.stderr, "panic: invalid environment: API_TOKEN is set but empty") {
		t.Errorf("MustLoad exited %d:\n%s", r.exit, r.stderr)
	}
	noCanary(t, r)
	r = m.run(t, "all", map[string]string{"API_TOKEN": "t", "NAME": "n", "COUNT": "1"}, "mustload")
	if r.exit != 0 {
		t.Errorf("MustLoad of a valid environment exited %d:\n%s", r.exit, r.stderr)
	}
}

func TestGeneratedLLM(t *testing.T) {
	m := std(t)
	key := "sk-ant-api03-" + strings.Repeat("k", 40)
	r := m.run(t, "llm", map[string]string{"ANTHROPIC_API_KEY": key, "ALLOWED_ORIGINS": "https://a.example, https://b.example:8443"})
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	compareFields(t, r.Fields, map[string]string{
		"AppEnv": "llm.AppEnv:development", "AnthropicAPIKey": "secret:" + key, "OpenAIAPIKey": "nil",
		"AnthropicModel": "llm.AnthropicModel:claude-sonnet-4-5", "MaxTokens": "int64:4096", "Temperature": "float64:0.7",
		"OllamaHost": "url:http://localhost:11434", "DatabaseURL": "nil", "Port": "int:8080",
		"RequestTimeout": "time.Duration:1m0s", "Debug": "bool:false",
		"AllowedOrigins": "[url:https://a.example url:https://b.example:8443]", "LegacyMode": "nil",
	})
	noCanary(t, r, key[13:])

	r = m.run(t, "llm", map[string]string{
		"APP_ENV": "production", "ANTHROPIC_API_KEY": canary[len("sk-ant-"):], "OPENAI_API_KEY": "pk-" + canary,
		"MAX_TOKENS": "0", "TEMPERATURE": "1.5", "DATABASE_URL": "mysql://root:" + canary + "@db/app",
	})
	want := []string{
		"ANTHROPIC_API_KEY (AnthropicAPIKey) does not start with \"sk-ant-\" (@validate startswith=sk-ant-)",
		"OPENAI_API_KEY (OpenAIAPIKey) does not start with \"sk-\" (@validate startswith=sk-)",
		"MAX_TOKENS (MaxTokens) is less than 1 (@validate min=1)",
		"TEMPERATURE (Temperature) is more than 1 (@validate lte=1)",
		"DATABASE_URL (DatabaseURL) does not match the regex ^postgres(ql)?://",
	}
	if got := strings.Join(r.Invalid, "\n"); got != strings.Join(want, "\n") || len(r.Missing) != 0 {
		t.Errorf("invalid:\n%s\nwant:\n%s\nmissing: %v", got, strings.Join(want, "\n"), r.Missing)
	}
	noCanary(t, r)
}

// TestGeneratedURLPasswords: a URL that is not marked secret still never shows its password, nor
// the value of a query parameter named like a credential, wherever the configuration shows
// itself: fmt (every verb), slog (text and JSON) and json.Marshal. The same holds for a URL held
// as text, in a string, a list of strings or a json value.
func TestGeneratedURLPasswords(t *testing.T) {
	m := std(t)
	// URL keys: the fields are *url.URL, which fmt prints as pointers inside a struct it cannot
	// call methods on; only the fields' own outputs show the values (the program's business).
	r := m.run(t, "llm", map[string]string{
		"ANTHROPIC_API_KEY": "sk-ant-x",
		"OLLAMA_HOST":       "http://admin:" + canary + "@ollama:11434/api?keep=1&password=CANARYP&Sig=CANARYS#access_token=CANARYF&state=s",
		"ALLOWED_ORIGINS":   "https://a.example/?X-Amz-Signature=CANARYZ&X-Amz-Date=20260101, https://u:CANARYO@b.example:8443",
	})
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	if r.Fields["OllamaHost"] != "url:http://admin:"+canary+"@ollama:11434/api?keep=1&password=CANARYP&Sig=CANARYS#access_token=CANARYF&state=s" {
		t.Errorf("OllamaHost = %s", r.Fields["OllamaHost"])
	}
	ollama := "http://admin:xxxxx@ollama:11434/api?keep=1&password=xxxxx&Sig=xxxxx#access_token=xxxxx&state=s"
	origins := []string{"https://a.example/?X-Amz-Signature=xxxxx&X-Amz-Date=20260101", "https://u:xxxxx@b.example:8443"}
	for k, want := range map[string]string{
		"ptr %v":             "OLLAMA_HOST=" + ollama + " ",
		"value %+v":          "ALLOWED_ORIGINS=[" + strings.Join(origins, " ") + "]",
		"slog text":          "config.OLLAMA_HOST=\"" + ollama + "\"",
		"slog json":          `"OLLAMA_HOST":"` + ollama + `"`,
		"json.Encoder":       `"OLLAMA_HOST":"` + ollama + `","DATABASE_URL":null`,
		"json.Marshal value": `"ALLOWED_ORIGINS":["` + strings.ReplaceAll(strings.Join(origins, `","`), "&", `\u0026`) + `"]`,
	} {
		if !strings.Contains(r.Outputs[k], want) {
			t.Errorf("%s does not show the redacted URLs %s:\n%s", k, want, r.Outputs[k])
		}
	}
	jsonLikeSlog(t, r)
	// %v of a field itself is the program's business: fmt prints it, password and all.
	withoutFields(r, "OllamaHost", "AllowedOrigins")
	noCanary(t, r, "CANARY")

	// Text keys: a URL with a password in a plain string, one with a token in its query, in a
	// list of strings and inside a json value. The configuration never shows them; the fields do,
	// and so does fmt printing a Config it cannot call methods on (in an unexported field), as it
	// then prints the fields themselves, which are plain strings.
	env := allValid()
	env["NAME"] = "postgres://u:CANARYMN@db/x"
	env["NOTE"] = "https://api.example/v1/models?token=CANARYQ&limit=5"
	env["HOSTS"] = "cache.example, redis://:CANARYH@cache:6379/0,https://h.example/?api_key=CANARYK, https://h.example/?page=2"
	env["FLAGS"] = `{"dsn": "postgres://u:CANARYJ@db/x"}`
	env["CACHE_DIR"] = "s3://bucket/cache?access_token=CANARYA"
	env["ADMIN_EMAIL"] = "ops@example.com"
	r = m.run(t, "all", env)
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	if r.Fields["Name"] != "string:postgres://u:CANARYMN@db/x" || r.Fields["Note"] != "*string:"+env["NOTE"] {
		t.Errorf("the fields do not hold the values: Name %s, Note %s", r.Fields["Name"], r.Fields["Note"])
	}
	for k, want := range map[string]string{
		"ptr %s":             "NAME=postgres://u:xxxxx@db/x ",
		"value %v":           "NOTE=https://api.example/v1/models?token=xxxxx&limit=5 ",
		"value %#v":          "HOSTS=[cache.example redis://:xxxxx@cache:6379/0 https://h.example/?api_key=xxxxx https://h.example/?page=2]",
		"slog text":          "config.FLAGS=[REDACTED]",
		"slog json":          `"CACHE_DIR":"s3://bucket/cache?access_token=xxxxx"`,
		"json.Marshal":       `{"APP_ENV":"production","NAME":"postgres://u:xxxxx@db/x","PORT":9090,`,
		"json.Marshal value": `"FLAGS":"[REDACTED]"`,
	} {
		if !strings.Contains(r.Outputs[k], want) {
			t.Errorf("%s does not show %s:\n%s", k, want, r.Outputs[k])
		}
	}
	jsonLikeSlog(t, r)
	withoutFields(r, "Name", "Note", "Hosts", "Flags", "CacheDir")
	delete(r.Outputs, "unexported %+v")
	delete(r.Outputs, "unexported %#v")
	noCanary(t, r, "CANARY")
}

// withoutFields drops the outputs of the fields themselves (NAME %v…), which show their values.
func withoutFields(r *loadResult, fields ...string) {
	for k := range r.Outputs {
		for _, f := range fields {
			if strings.HasPrefix(k, f+" ") {
				delete(r.Outputs, k)
			}
		}
	}
}

// TestGeneratedJSONIsTheLogView: json.Marshal of a configuration with every type, set, unset
// and holding text that JSON must escape, is what slog's JSON handler logs.
func TestGeneratedJSONIsTheLogView(t *testing.T) {
	m := std(t)
	env := map[string]string{
		"STRING": "say \"hi\" \\ <b>&</b>\ttab \x01 \xff \u2028 é", "PATH": "/tmp/x", "INT": "-9223372036854775808", "FLOAT": "1e-7",
		"BOOL": "yes", "DURATION": "1h30m", "URL": "https://u:p@h.example/?token=t", "EMAIL": "a@example.com", "PORT": "443",
		"ENUM": "prod", "LIST_INT": "1,2", "LIST_PORT": "80;443", "LIST_ENUM": "a|b", "JSON": `{"a": [1, 2.5e21]}`,
		"SECRET_URL": "https://h.example", "SECRET_URL_TEXT": "x", "SECRET_LIST": "1,2", "LIST_FLOAT": "0.5, 1e21, 123456789",
		"LIST_BOOL": "on,off", "LIST_DURATION": "1s,1ns", "LIST_URL": "https://a.example/p?q=1", "LIST_EMAIL": "",
		"LIST_JSON": `{"a":1}; [true]`, "T_STRLEN": "abcd",
	}
	r := m.run(t, "parity", env)
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	// json.Marshal escapes <, > and & for HTML, as it does any string; an invalid byte is U+FFFD.
	want := `{"STRING":"say \"hi\" \\ \u003cb\u003e\u0026\u003c/b\u003e\ttab \u0001 ` + "\uFFFD" + ` \u2028 é","PATH":"/tmp/x","INT":-9223372036854775808,"FLOAT":1e-7,` +
		`"BOOL":true,"DURATION":5400000000000,"URL":"https://u:xxxxx@h.example/?token=xxxxx","EMAIL":"a@example.com","PORT":443,` +
		`"ENUM":"prod","LIST_INT":[1,2],"LIST_PORT":[80,443],"LIST_ENUM":["a","b"],"JSON":"{\"a\": [1, 2.5e21]}",` +
		`"SECRET_URL":"[REDACTED]","SECRET_URL_TEXT":"[REDACTED]","SECRET_LIST":"[REDACTED]","LIST_FLOAT":[0.5,1e+21,123456789],` +
		`"LIST_BOOL":[true,false],"LIST_DURATION":[1000000000,1],"LIST_URL":["https://a.example/p?q=1"],"LIST_EMAIL":[],` +
		`"LIST_JSON":["{\"a\":1}","[true]"],"RE":null,`
	if got := r.Outputs["json.Marshal value"]; !strings.HasPrefix(got, want) {
		t.Errorf("json.Marshal =\n%s\nwant it to start with\n%s", got, want)
	}
	jsonLikeSlog(t, r)

	// Unset: null, and the defaults of the all schema.
	r = m.run(t, "all", map[string]string{"NAME": "n", "COUNT": "1", "API_TOKEN": "t"})
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	want = `{"APP_ENV":"development","NAME":"n","PORT":8080,"COUNT":1,"RATIO":0.5,"DEBUG":null,"TIMEOUT":90000000000,` +
		`"HOME_URL":"https://user@example.com:8443/app/a%2Fb?x=1#top","ADMIN_EMAIL":null,"CACHE_DIR":"/var/cache/app","LOG_LEVEL":"info",` +
		`"HOSTS":null,"PORTS":[80,443],"WEIGHTS":null,"RETRY_DELAYS":[1000000000,2000000000,4000000000],"FLAGS":"{\"beta\":true}",` +
		`"API_TOKEN":"[REDACTED]","DATABASE_URL":null,"BACKUP_KEYS":null,"MAX_TOKENS":4096,"NOTE":null,"REGION":null,"SMTP_PASSWORD":"[REDACTED]"}<nil>`
	if got := r.Outputs["json.Marshal"]; got != want {
		t.Errorf("json.Marshal =\n%s\nwant\n%s", got, want)
	}
	jsonLikeSlog(t, r)
}

// paritySchema has one optional key per type and rule, so each can be loaded alone.
func paritySchema(t testing.TB) *Schema {
	return vars(t, "parity.env.example", parityVars...)
}

var parityVars = []string{
	"STRING string", "PATH path", "INT int", "FLOAT float", "BOOL bool", "DURATION duration", "URL url",
	"EMAIL email", "PORT port", "ENUM enum(dev,prod)", "LIST_INT list(int)", "LIST_PORT list(port,;)",
	"LIST_ENUM list(enum(a,b),|)", "JSON json", "SECRET_URL url sensitive", "SECRET_URL_TEXT string", "SECRET_LIST list(int) sensitive",
	"LIST_FLOAT list(float)", "LIST_BOOL list(bool)", "LIST_DURATION list(duration)", "LIST_URL list(url)", "LIST_EMAIL list(email)",
	"LIST_JSON list(json,;)",
	"RE string regex=^[a-z]+$",
	"T_PREFIX string validate=startswith=sk-ant-",
	"T_SUFFIX string validate=endswith=.com,startsnotwith=www.,endsnotwith=.co.com",
	"T_CONTAINS string validate=contains=@,excludes=..,containsany=xyz,excludesall=!#",
	"T_STRLEN string validate=min=3,max=5",
	"T_STRLEN2 string validate=gt=2,lt=4",
	"T_STREXACT string validate=len=2,ne=ab",
	"T_STREQ string validate=eq=yes",
	"T_ONEOF string validate=oneof=a~b~'c~d'",
	"T_OMIT string validate=omitempty,min=3",
	"T_REQ string validate=required",
	"T_INT int validate=min=10,max=0x14",
	"T_INT2 int validate=gt=-1,lt=3,ne=1",
	"T_INTEQ int validate=eq=5",
	"T_INTLEN int validate=len=7",
	"T_INTONE int validate=oneof=1~2~03~+4",
	"T_INTREQ int validate=required",
	"T_INTOMIT int validate=omitempty,gte=5",
	"T_PORT port validate=min=1024,ne=8443",
	"T_FLOAT float validate=gte=0,lte=2",
	"T_FLOAT2 float validate=gt=0.5,lt=1.5,ne=1",
	"T_FLOATREQ float validate=required",
	"T_DUR duration validate=min=1s,max=1m",
	"T_DUR2 duration validate=gt=1000,eq=2s",
	"T_DURONE duration validate=oneof=1000000000~5",
	"T_BOOL bool validate=eq=true",
	"T_BOOLREQ bool validate=required",
	"T_BOOLNE bool validate=ne=1",
	"T_LIST list(int) validate=min=2,max=3",
	"T_LISTLEN list(string) validate=len=0",
	"T_LISTREQ list(string) validate=required",
	"T_MIXED url regex=^https:// validate=contains=api,max=30",
	"T_ESCAPED string validate=contains=a0x2Cb",
}

// validatorParitySchema has tags the generator does not translate: the loader runs them with
// validator/v10, on the same values `envcheck check` gives it.
func validatorParitySchema(t testing.TB) *Schema {
	return vars(t, "valparity.env.example",
		"V_EMAIL string validate=email",
		"V_ALT string validate=startswith=a|startswith=b",
		"V_DIVE list(int) validate=dive,min=3",
		"V_DIVE_URL list(string) validate=min=1,dive,url",
		"V_LATE string validate=required,omitempty,min=3",
		"V_HOST string validate=hostname",
		"V_IP url validate=startswith=http,contains=:8",
		"V_MIXED port validate=min=1024|eq=80",
		"V_SECRET string sensitive validate=uuid4",
	)
}

// parityInputs are values to try on every key of the parity schema.
var parityInputs = []string{
	"", " ", "0", "-0", "1", "+7", "5", "7", "03", "+4", "08", "1.5", "1e3", "1e400", "0x10", "1_000", "9223372036854775808", "-9223372036854775809",
	"NaN", "inf", "-Inf", "0.5", "0.75", "2", "2.0001", "-0.1", "1000", "10", "20", "21", "3", "4", "1024", "8443", "65535", "65536",
	"true", "TRUE", "yes", "On", "off", "y", "t", "2s", "500ms", "1m", "61s", "30", "1h30m", "soon", "5ns", "1s", "1µs",
	"http://localhost:11434", "https://api.example.com", "https://api.example.com/a-long-path/v1", "postgres://u:p@db/app", "file:///tmp/x",
	"localhost:11434", "/path", "http//x", "http://", "mailto:a@b", "http://[::1]:80/", "https://exa mple.com", "https://%zz",
	"a@example.com", "Ann <a@example.com>", "a@b", "nope", "dev", "prod", "Dev", "a", "b", "a|b", "a| b", "c d", "c", "ab", "abc", "abcdef",
	"äöü", "äöüß", "yes", "sk-ant-api03-x", "sk-x", "www.x.com", "x.co.com", "a@x..com", "a@x!", "a@y", "a@bx", "a,b", "1,2", "1, 2,3", "1,,2",
	"1,2,3,4", "80;443", "80,443", "80; 443", `{"a":1}`, "[]", "3", "{a:1}", "null", " {} ", "a,b,c",
}

// TestGeneratedParity feeds the same inputs to Type.Parse (plus the regex) and to the
// generated loader: they must accept and reject the same values, with the same words.
func TestGeneratedParity(t *testing.T) {
	parity(t, std(t), "parity", paritySchema(t))
}

// TestGeneratedValidatorParity does the same for tags run by validator/v10.
func TestGeneratedValidatorParity(t *testing.T) {
	parity(t, withValidator(t), "valparity", validatorParitySchema(t))
}

func parity(t *testing.T, m *genModule, pkg string, s *Schema) {
	type tc struct{ Key, Value string }
	var cases []tc
	for _, v := range s.Vars {
		for _, in := range parityInputs {
			cases = append(cases, tc{v.Key, in})
		}
	}
	data, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(m.bin, pkg), "parity")
	cmd.Stdin = bytes.NewReader(data)
	cmd.Env = []string{}
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	accepted := 0
	for i, c := range cases {
		v := s.Lookup(c.Key)
		want := "ok"
		if msg := expectedProblem(v, c.Value); msg != "" {
			want = c.Key + " " + msg + ";"
		}
		if want == "ok" {
			accepted++
		}
		if !sameVerdict(want, got[i]) {
			t.Errorf("%s=%q: schema says %q, the loader %q", c.Key, c.Value, want, got[i])
		}
	}
	if accepted == 0 || accepted == len(cases) {
		t.Fatalf("%d of %d cases accepted: the table tests nothing", accepted, len(cases))
	}
}

// sameVerdict compares the schema's verdict with the loader's: both accept, or both reject. The
// words must match when the schema's rule is a type or a regex; validator tags are phrased by
// each side on its own (TestGeneratedTagWords checks the loader's).
func sameVerdict(want, got string) bool {
	if (want == "ok") != (got == "ok") {
		return false
	}
	if want == "ok" || strings.Contains(got, "@validate") {
		return true
	}
	return want == got
}

// expectedProblem is what `envcheck check` says of value for v: "" when it is fine. An empty
// value of a key that is not required is fine; check leaves it to the requirement rules.
func expectedProblem(v *Var, value string) string {
	if value == "" && !v.Required {
		return ""
	}
	if err := Validate(v, value); err != nil {
		return ruleMsg(err)
	}
	return ""
}

// TestGeneratedProjectExample runs the loader of the project's own .env.example, whose
// SESSION_SECRET tags (base64) need validator/v10.
func TestGeneratedProjectExample(t *testing.T) {
	m := withValidator(t)
	session := strings.Repeat("CANARY", 8)[:43] + "="
	env := map[string]string{"ANTHROPIC_API_KEY": canary, "SESSION_SECRET": session, "CORS_ORIGINS": "http://localhost:3000"}
	r := m.run(t, "project", env)
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	for field, want := range map[string]string{
		"AppEnv": "project.AppEnv:development", "AnthropicAPIKey": "secret:" + canary, "SessionSecret": "secret:" + session,
		"LLMProvider": "project.LLMProvider:anthropic", "LLMModel": "string:claude-sonnet-4-5", "LLMSmallModel": "nil",
		"HTTPTimeout": "time.Duration:1m0s", "CORSOrigins": "[url:http://localhost:3000]", "UploadDir": "string:./data/uploads",
		"OllamaHost": "nil", "DatabaseURL": "nil",
	} {
		if r.Fields[field] != want {
			t.Errorf("%s = %q, want %q", field, r.Fields[field], want)
		}
	}
	noCanary(t, r, session)

	env = map[string]string{"APP_ENV": "production", "ANTHROPIC_API_KEY": canary, "SESSION_SECRET": canary,
		"HTTP_TIMEOUT": "6m", "LLM_EXTRA_PARAMS": "{" + canary, "DATABASE_URL": "mysql://" + canary}
	r = m.run(t, "project", env)
	want := "invalid environment: OLLAMA_HOST is required when APP_ENV is production, but is not set; " +
		"LLM_EXTRA_PARAMS is not valid JSON; HTTP_TIMEOUT is more than 5m (@validate max=5m); " +
		"DATABASE_URL does not start with \"postgres\" (@validate startswith=postgres); SESSION_SECRET is not base64 (@validate base64)"
	if r.Error != want {
		t.Errorf("error:\n%s\nwant:\n%s", r.Error, want)
	}
	noCanary(t, r)
}
