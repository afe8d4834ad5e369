package envcheck

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/envcheck/envcheck/envcheck/dotenv"
	"github.com/envcheck/envcheck/internal/fakesecret"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestRegistry(t *testing.T) {
	all := All()
	if err := Validate(all); err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		path := filepath.Join("testdata", "rules", r.Name+".txtar")
		a, err := txtar.ParseFile(path)
		if err != nil {
			t.Errorf("rule %s has no fixture: %v (every rule needs one that fires and one that stays quiet)", r.Name, err)
			continue
		}
		fires, quiet := false, false
		for _, f := range a.Files {
			if strings.HasSuffix(f.Name, ".fixed") {
				continue
			}
			if len(parseWants(t, f.Name, f.Data)) > 0 {
				fires = true
			} else {
				quiet = true
			}
		}
		if !fires || !quiet {
			t.Errorf("%s: needs a file with # want annotations (fires: %v) and one without (quiet: %v)", path, fires, quiet)
		}
		if r.Fixable && !bytes.Contains(txtar.Format(a), []byte(".fixed --")) {
			t.Errorf("%s: rule %s is Fixable but its fixture has no .fixed golden", path, r.Name)
		}
	}
}

func TestValidateRejects(t *testing.T) {
	good := *DuplicateKey
	for name, mutate := range map[string]func(r *Rule){
		"bad id":      func(r *Rule) { r.ID = "X1" },
		"bad name":    func(r *Rule) { r.Name = "Duplicate_Key" },
		"no run":      func(r *Rule) { r.Run = nil },
		"no doc":      func(r *Rule) { r.Doc.Why = "" },
		"title caps":  func(r *Rule) { r.Doc.Title = "A key." },
		"no severity": func(r *Rule) { r.Severity = 0 },
	} {
		r := good
		mutate(&r)
		if err := Validate([]*Rule{&r}); err == nil {
			t.Errorf("%s: Validate accepted it", name)
		}
	}
	if err := Validate([]*Rule{DuplicateKey, DuplicateKey}); err == nil {
		t.Error("Validate accepted a rule listed twice")
	}
}

// TestRules runs each rule on its fixture archive, testdata/rules/<rule>.txtar, and compares the
// findings with the # want annotations; .fixed sections are the files after `envcheck fix`.
func TestRules(t *testing.T) {
	for _, r := range All() {
		r := r
		t.Run(r.Name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join("testdata", "rules", r.Name+".txtar")
			if _, err := os.Stat(path); err != nil {
				t.Skip("no fixture (TestRegistry reports it)")
			}
			runFixture(t, r, path)
		})
	}
}

type want struct {
	file string
	line int // 0: about the whole file
	re   *regexp.Regexp
}

var wantRE = regexp.MustCompile(`(^| )# (want|wantfile) (.*)$`)

// parseWants extracts the # want "re" … annotations of one file.
func parseWants(t *testing.T, name string, data []byte) []want {
	var ws []want
	for i, line := range strings.Split(string(data), "\n") {
		m := wantRE.FindStringSubmatch(strings.TrimSuffix(line, "\r"))
		if m == nil {
			continue
		}
		n := i + 1
		if m[2] == "wantfile" {
			n = 0
		}
		rest := strings.TrimSpace(m[3])
		for rest != "" {
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				t.Fatalf("%s:%d: bad want annotation %q: %v", name, i+1, rest, err)
			}
			s, _ := strconv.Unquote(q)
			ws = append(ws, want{file: name, line: n, re: regexp.MustCompile(s)})
			rest = strings.TrimSpace(rest[len(q):])
		}
	}
	return ws
}

// stripWants removes the annotations (and the one space before each), keeping every other byte.
func stripWants(data []byte) []byte {
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i, l := range lines {
		body := bytes.TrimRight(l, "\r\n")
		eol := l[len(body):]
		if loc := wantRE.FindIndex(body); loc != nil {
			lines[i] = append(append([]byte{}, body[:loc[0]]...), eol...)
		}
	}
	return bytes.Join(lines, nil)
}

func runFixture(t *testing.T, r *Rule, path string) {
	a, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var wants []want
	golden := map[string][]byte{}
	noeol := map[string]bool{}
	for _, line := range strings.Split(string(a.Comment), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "noeol" {
			noeol[f[1]] = true
		}
	}
	for _, f := range a.Files {
		if strings.HasSuffix(f.Name, ".fixed") {
			golden[strings.TrimSuffix(f.Name, ".fixed")] = expandSecrets(t, f.Data)
			continue
		}
		wants = append(wants, parseWants(t, f.Name, f.Data)...)
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		data := f.Data
		data = expandSecrets(t, stripWants(data))
		if noeol[f.Name] {
			data = bytes.TrimSuffix(data, []byte("\n"))
		}
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Dir: dir, Rules: All(), Enable: []string{r.Name}}
	for _, other := range All() {
		if other != r {
			opts.Disable = append(opts.Disable, other.Name)
		}
	}
	st := runSetup(t, dir, string(a.Comment), &opts)
	wants = append(wants, st.wants...)
	res, err := Check(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors {
		t.Errorf("error: %v", e)
	}
	matched := make([]bool, len(res.Findings))
	for _, w := range wants {
		found := false
		for i, f := range res.Findings {
			if !matched[i] && f.File == w.file && f.Line == w.line && w.re.MatchString(f.Message) {
				matched[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s:%d: no finding matches %q", w.file, w.line, w.re)
		}
	}
	for i, f := range res.Findings {
		if !matched[i] {
			t.Errorf("%s:%d:%d: unexpected finding: %s", f.File, f.Line, f.Column, f.Message)
		}
	}
	for name, want := range golden {
		if projectFile(res.Project, name) != nil {
			checkGolden(t, res.Project, name, want)
		}
	}
	if len(golden) > 0 || len(st.modes) > 0 {
		checkFix(t, res, opts, dir, golden, st.modes)
	}
}

func projectFile(p *Project, name string) *File {
	for _, f := range p.Files {
		if f.Path == name {
			return f
		}
	}
	return nil
}

// checkFix applies the fix for real, as `envcheck fix` does, and checks the result: every
// .fixed golden against the file on disk (.gitignore and .dockerignore included), the modes a
// `wantmode` line expects, no fixable finding left, and a second fix that changes nothing.
func checkFix(t *testing.T, res *Result, opts Options, dir string, golden map[string][]byte, modes map[string]os.FileMode) {
	t.Helper()
	plan, err := res.Project.PlanFixes(res.Findings)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range plan.Apply() {
		if o.Err != nil || o.VerifyErr != nil {
			t.Errorf("fix %s: write error %v, verify error %v", o.File.Path, o.Err, o.VerifyErr)
		}
	}
	for name, want := range golden {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("after fix: %v", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s on disk after fix:\n got %q\nwant %q", name, got, want)
		}
	}
	for name, want := range modes {
		info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("after fix: %v", err)
			continue
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: mode %04o after fix, want %04o", name, got, want)
		}
	}
	again, err := Check(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range again.Findings {
		if f.Fix != nil {
			t.Errorf("%s:%d: still fixable after fix: %s", f.File, f.Line, f.Message)
		}
	}
	plan2, err := again.Project.PlanFixes(again.Findings)
	if err != nil {
		t.Fatal(err)
	}
	for _, ff := range plan2.Files {
		if ff.Skip == nil {
			t.Errorf("a second fix would change %s again (rules %v, mode rules %v)", ff.Path, ff.Rules, ff.ModeRules)
		}
	}
}

var secretRef = regexp.MustCompile(`\{\{secret:([a-z0-9-]+)\}\}`)

// expandSecrets replaces {{secret:KIND}} in a fixture with a credential-shaped value made at
// test time (internal/fakesecret), so no fixture holds one.
func expandSecrets(t *testing.T, data []byte) []byte {
	return secretRef.ReplaceAllFunc(data, func(m []byte) []byte {
		return []byte(fakesecret.Make(string(secretRef.FindSubmatch(m)[1])))
	})
}

// setupResult is what a fixture's comment expects besides # want annotations.
type setupResult struct {
	wants []want                 // `wantfile FILE "re"`: a line-0 finding for a file that has no content of its own (a symlink)
	modes map[string]os.FileMode // `wantmode FILE MODE`: the permission bits after fix
}

// runSetup runs the archive comment's commands: `exec cmd args…`, `chmod MODE FILE`,
// `symlink TARGET LINK`, `noeol FILE` (write FILE without its final newline), `env KEY=VALUE`
// (for the programs the check runs, git among them, and for later exec lines), `wantfile FILE
// "re"`, `wantmode FILE MODE`, and `check FLAGS` (-r, --env NAME, --example FILE, --schema FILE,
// --history). $WORK in an argument is the fixture's directory.
func runSetup(t *testing.T, dir, comment string, opts *Options) setupResult {
	t.Helper()
	res := setupResult{modes: map[string]os.FileMode{}}
	for _, line := range strings.Split(comment, "\n") {
		line = strings.ReplaceAll(line, "$WORK", dir)
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		switch fields[0] {
		case "exec":
			cmd := exec.Command(fields[1], fields[2:]...)
			if fields[1] == "sh" && len(fields) > 3 && fields[2] == "-c" {
				cmd = exec.Command("sh", "-c", strings.TrimSpace(strings.SplitN(line, "-c", 2)[1]))
			}
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
				"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
			cmd.Env = append(cmd.Env, opts.environ...)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s", line, err, out)
			}
		case "env":
			opts.environ = append(opts.environ, fields[1])
		case "chmod":
			mode, err := strconv.ParseUint(fields[1], 8, 32)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(filepath.Join(dir, fields[2]), os.FileMode(mode)); err != nil {
				t.Fatal(err)
			}
		case "wantmode":
			mode, err := strconv.ParseUint(fields[2], 8, 32)
			if err != nil {
				t.Fatal(err)
			}
			res.modes[fields[1]] = os.FileMode(mode)
		case "wantfile":
			q := strings.TrimSpace(strings.SplitN(line, fields[1], 2)[1])
			re, err := strconv.Unquote(q)
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			res.wants = append(res.wants, want{file: fields[1], re: regexp.MustCompile(re)})
		case "symlink":
			if err := os.Symlink(fields[1], filepath.Join(dir, fields[2])); err != nil {
				t.Fatal(err)
			}
		case "noeol":
		case "check":
			for i := 1; i < len(fields); i++ {
				switch fields[i] {
				case "-r":
					opts.Recursive = true
				case "--history":
					opts.History = true
				case "--env":
					i++
					opts.Env = fields[i]
				case "--example":
					i++
					opts.Example = fields[i]
				case "--schema":
					i++
					opts.Schema = fields[i]
				default:
					opts.Paths = append(opts.Paths, fields[i])
				}
			}
		default:
			t.Fatalf("unknown fixture command %q", line)
		}
	}
	return res
}

func checkGolden(t *testing.T, p *Project, name string, want []byte) {
	t.Helper()
	var file *File
	for _, f := range p.Files {
		if f.Path == name {
			file = f
		}
	}
	if file == nil {
		t.Fatalf("golden %s.fixed: no such file was checked", name)
	}
	got, _, err := p.FixText(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s after fix:\n got %q\nwant %q", name, got, want)
	}
	// Fixing is idempotent, and leaves nothing the rule could fix.
	again := *file
	again.Env = mustParse(t, name, got)
	got2, fixed, err := p.FixText(&again)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got2, got) || len(fixed) > 0 {
		t.Errorf("%s: a second fix changed it again:\n%q\n%q", name, got, got2)
	}
	for _, f := range p.runOn(&again) {
		if f.Fix != nil && len(f.Fix.Edits) > 0 {
			t.Errorf("%s after fix: still fixable: %s", name, f.Message)
		}
	}
}

func mustParse(t *testing.T, name string, src []byte) *dotenv.File {
	t.Helper()
	f, _ := dotenv.Parse(name, src)
	return f
}

func ExampleRuleHelpText() {
	fmt.Print(RuleHelpText(KeyWithoutValue)[:60])
	// Output: key-without-value (EC1005): a line has a key but no '='
	//
	// Sev
}
