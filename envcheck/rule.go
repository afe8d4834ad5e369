package envcheck

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/envcheck/envcheck/internal/lazyre"
)

// Severity orders findings: Info < Warning < Error.
type Severity int

// Severities.
const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalText encodes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity parses "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "info":
		return Info, nil
	case "warning":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q; use error, warning or info", s)
}

// Doc documents a rule. It is the single source for `envcheck rules NAME`, SARIF rule metadata
// and the README rules table.
type Doc struct {
	Title string // one line: lower case, no final period
	Why   string // why it matters
	Bad   string // an example that triggers the rule
	Good  string // the same example, fixed
	Fix   string // how to fix it by hand, and what `envcheck fix` does when the rule is Fixable
}

// Scope says how often a rule runs.
type Scope int

// Scopes.
const (
	PerFile    Scope = iota // once for every env file and template
	PerProject              // once per check, with Pass.File nil
)

// A Rule is one check. Rules are values listed in All; they report through a Pass.
type Rule struct {
	ID         string // EC + family digit + three digits, never reused
	Name       string // kebab-case, stable: the contract users write in suppressions and flags
	Severity   Severity
	Fixable    bool // `envcheck fix` can repair some or all of its findings
	NonDefault bool // off unless enabled with --enable
	Scope      Scope
	Doc        Doc
	Run        func(*Pass)
}

// A Finding is one problem found by a rule.
type Finding struct {
	Rule     *Rule
	Severity Severity // the rule's severity unless the rule chose another for this finding
	File     string   // display path, '/'-separated
	Line     int      // 1-based; 0 when the finding is about the whole file
	Column   int      // 1-based, in characters; 0 with Line 0
	Key      string
	Message  string // what is wrong and how to fix it; never a sensitive value
	Fix      *Fix   // nil when `envcheck fix` cannot repair it
}

// A Fix is a repair `envcheck fix` may apply.
type Fix struct {
	Edits   []Edit       // byte-range edits to the finding's own file
	Mode    fs.FileMode  // when non-zero, the permission bits to set on the finding's file
	Changes []FileChange // changes to other files, such as a pattern appended to .gitignore
}

// An Edit replaces Src[Start:End] with New.
type Edit struct {
	Start, End int
	New        string
}

// A FileChange appends lines to a file, creating it when missing; lines already present are
// skipped, so applying it twice changes nothing.
type FileChange struct {
	Path   string // OS path
	Append []string
	Verify func() error // optional: run after writing to confirm the change had its effect
}

var (
	ruleIDPattern   = lazyre.New(`^EC[1-9][0-9]{3}$`)
	ruleNamePattern = lazyre.New(`^[a-z]+(-[a-z]+)*$`)
)

// Validate checks a registry: unique names and ids, the id and name patterns, a complete Doc and
// a Run function for every rule.
func Validate(rules []*Rule) error {
	names := map[string]bool{}
	ids := map[string]bool{}
	for i, r := range rules {
		switch {
		case r == nil:
			return fmt.Errorf("rule %d is nil", i)
		case !ruleIDPattern().MatchString(r.ID):
			return fmt.Errorf("rule %s: id %q does not match %s", r.Name, r.ID, ruleIDPattern())
		case !ruleNamePattern().MatchString(r.Name):
			return fmt.Errorf("rule %s: name %q is not kebab-case", r.ID, r.Name)
		case names[r.Name]:
			return fmt.Errorf("rule name %s is used twice", r.Name)
		case ids[r.ID]:
			return fmt.Errorf("rule id %s is used twice", r.ID)
		case r.Severity < Info || r.Severity > Error:
			return fmt.Errorf("rule %s has no severity", r.Name)
		case r.Run == nil:
			return fmt.Errorf("rule %s has no Run", r.Name)
		case r.Doc.Title == "" || r.Doc.Why == "" || r.Doc.Bad == "" || r.Doc.Good == "" || r.Doc.Fix == "":
			return fmt.Errorf("rule %s: every Doc field must be filled", r.Name)
		case strings.HasSuffix(r.Doc.Title, ".") || strings.ToLower(r.Doc.Title[:1]) != r.Doc.Title[:1]:
			return fmt.Errorf("rule %s: the title starts in lower case and has no final period", r.Name)
		}
		names[r.Name] = true
		ids[r.ID] = true
	}
	return nil
}

// Lookup finds a rule by name or id, ignoring case.
func Lookup(rules []*Rule, nameOrID string) (*Rule, bool) {
	for _, r := range rules {
		if strings.EqualFold(r.Name, nameOrID) || strings.EqualFold(r.ID, nameOrID) {
			return r, true
		}
	}
	return nil, false
}
