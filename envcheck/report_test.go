package envcheck

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// reportFixture checks a small project with findings of every severity, a whole-file finding and
// a message that needs escaping in GitHub's format.
func reportFixture(t *testing.T) *Result {
	t.Helper()
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(".env", "B = 2\nB=3\nA=1 \nURL=${HOST}\n")
	write("utf16.env", "\xff\xfeA\x00=\x001\x00")
	write("order.env", "Z=1\nA=1\n")
	res, err := Check(Options{Dir: dir, Enable: []string{"unordered-key"}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestReportGolden(t *testing.T) {
	res := reportFixture(t)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteReport(&buf, format, res.Findings, res.Files(), ReportOptions{Rules: res.Project.Rules, Version: "v1.2.3"})
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", "report."+format)
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s report differs from %s (go test -update rewrites it):\n%s", format, golden, buf.String())
			}
		})
	}
}

// TestSARIFStructure checks what SARIF 2.1.0 and GitHub code scanning require of the log.
func TestSARIFStructure(t *testing.T) {
	res := reportFixture(t)
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, res.Findings, ReportOptions{Rules: res.Project.Rules, Version: "v1.2.3"}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name           string `json:"name"`
					Version        string `json:"version"`
					InformationURI string `json:"informationUri"`
					Rules          []struct {
						ID               string `json:"id"`
						Name             string `json:"name"`
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						Help             struct{ Text, Markdown string }
						HelpURI          string `json:"helpUri"`
						Default          struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
						Properties struct {
							Tags []string `json:"tags"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Invocations []struct {
				ExecutionSuccessful bool `json:"executionSuccessful"`
				Notifications       []struct {
					Level     string
					Message   struct{ Text string }
					Locations []any
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
			ColumnKind string `json:"columnKind"`
			Results    []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex *int   `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           *struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				Fingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("SARIF does not decode into the expected shape: %v", err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("header: version %q schema %q runs %d", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if len(run.Invocations) != 1 || !run.Invocations[0].ExecutionSuccessful {
		t.Errorf("invocations = %+v, want one successful", run.Invocations)
	}
	d := run.Tool.Driver
	if d.Name != "envcheck" || d.Version != "v1.2.3" || d.InformationURI == "" || len(d.Rules) != len(res.Project.Rules) {
		t.Errorf("driver: name %q uri %q, %d rules for %d that ran", d.Name, d.InformationURI, len(d.Rules), len(res.Project.Rules))
	}
	levels := map[string]bool{"error": true, "warning": true, "note": true}
	for _, r := range d.Rules {
		if r.ID == "" || r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.Help.Markdown == "" || !strings.HasPrefix(r.HelpURI, "https://") || !levels[r.Default.Level] {
			t.Errorf("rule %+v lacks a required property", r)
		}
	}
	if len(run.Results) != len(res.Findings) || len(run.Results) == 0 {
		t.Fatalf("%d results for %d findings", len(run.Results), len(res.Findings))
	}
	seenLevels := map[string]bool{}
	for i, r := range run.Results {
		if r.RuleIndex == nil || *r.RuleIndex >= len(d.Rules) || d.Rules[*r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex does not point at rule %s", i, r.RuleID)
		}
		if !levels[r.Level] || r.Message.Text == "" || len(r.Locations) != 1 || len(r.Fingerprints) == 0 {
			t.Errorf("result %d lacks a required property: %+v", i, r)
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI == "" || loc.Region == nil || loc.Region.StartLine < 1 {
			t.Errorf("result %d: code scanning needs a uri and region.startLine >= 1: %+v", i, loc)
		}
		seenLevels[r.Level] = true
	}
	if len(seenLevels) != 3 {
		t.Errorf("the fixture should produce every level, got %v", seenLevels)
	}
}

func TestGitHubEscaping(t *testing.T) {
	var buf bytes.Buffer
	f := Finding{Rule: DuplicateKey, Severity: Error, File: "a,b:c.env", Line: 2, Column: 3, Message: "50% done\nnext line"}
	if err := WriteGitHub(&buf, []Finding{f}); err != nil {
		t.Fatal(err)
	}
	want := "::error file=a%2Cb%3Ac.env,line=2,col=3,title=duplicate-key::50%25 done%0Anext line [duplicate-key]\n"
	if buf.String() != want {
		t.Errorf("got  %q\nwant %q", buf.String(), want)
	}
}

func TestTextColor(t *testing.T) {
	f := Finding{Rule: DuplicateKey, Severity: Error, File: ".env", Line: 1, Column: 1, Message: "m"}
	var plain, color bytes.Buffer
	WriteText(&plain, []Finding{f}, 1, ReportOptions{})
	WriteText(&color, []Finding{f}, 1, ReportOptions{Color: true})
	if strings.Contains(plain.String(), "\x1b[") {
		t.Errorf("plain output has escapes: %q", plain.String())
	}
	if !strings.Contains(color.String(), "\x1b[1m\x1b[31merror\x1b[0m") {
		t.Errorf("coloured output has no red error: %q", color.String())
	}
}

// TestRedactionNet proves the last line of defence: even a rule that (wrongly) puts a sensitive
// value in its message has it masked before anything is written.
func TestRedactionNet(t *testing.T) {
	secret := "sk-proj-" + strings.Repeat("Ab1", 10)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("OPENAI_API_KEY="+secret+"\nDATABASE_URL=postgres://app:hunter22@db/app\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	leaky := &Rule{ID: "EC9999", Name: "leaky", Severity: Error, Doc: DuplicateKey.Doc, Run: func(p *Pass) {
		for _, e := range p.File.Env.Entries {
			p.Reportf(e.Line, 1, e.Key, nil, "the value is %s", e.Value)
		}
	}}
	res, err := Check(Options{Dir: dir, Rules: []*Rule{leaky}})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Findings[0].Message + "\n" + res.Findings[1].Message
	if strings.Contains(got, secret) || strings.Contains(got, "hunter22") {
		t.Fatalf("a secret survived redaction:\n%s", got)
	}
	if want := "the value is sk-proj-…(38 chars)"; res.Findings[0].Message != want {
		t.Errorf("message = %q, want %q", res.Findings[0].Message, want)
	}
}

func TestRulePanicIsAnInternalError(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".env"), []byte("A=1\n"), 0o600)
	boom := &Rule{ID: "EC9998", Name: "boom", Severity: Error, Doc: DuplicateKey.Doc, Run: func(p *Pass) { panic("kaboom") }}
	res, err := Check(Options{Dir: dir, Rules: []*Rule{boom, TrailingWhitespace}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "internal error: rule boom failed on .env: kaboom") {
		t.Errorf("errors = %v", res.Errors)
	}
}

// TestReportsCarryErrors: a file that could not be read must not leave a JSON or SARIF report
// looking clean.
func TestReportsCarryErrors(t *testing.T) {
	errs := []error{&FileError{Path: "big/.env", Msg: "is 200 MiB, larger than the 32 MiB limit"}, &FileError{Path: ".env", Line: 3, Msg: "binary file"}}
	var j bytes.Buffer
	if err := WriteJSON(&j, nil, 0, errs...); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(j.String(), `"errors": [
    {
      "file": "big/.env",
      "message": "is 200 MiB, larger than the 32 MiB limit"
    },
    {
      "file": ".env",
      "line": 3,
      "message": "binary file"
    }
  ]`) {
		t.Errorf("JSON:\n%s", j.String())
	}
	var s bytes.Buffer
	if err := WriteSARIF(&s, nil, ReportOptions{Errors: errs}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"executionSuccessful": false`, `"level": "error"`, `"text": "binary file"`, `"startLine": 3`} {
		if !strings.Contains(s.String(), want) {
			t.Errorf("SARIF lacks %s:\n%s", want, s.String())
		}
	}
}
