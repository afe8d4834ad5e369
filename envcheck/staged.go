package envcheck

import (
	"bytes"
	"fmt"

	"github.com/envcheck/envcheck/envcheck/dotenv"
)

// TemplateSecrets runs secret-in-template on a template's content that is not a file of the
// work tree, such as what git has staged for a commit (`envcheck hook run`): display is the
// path findings name. Suppression comments apply, as in a check; the template's schema is not
// read, since finding a credential does not depend on it. The error is a *FileError for content
// that is not text.
func TemplateSecrets(display string, src []byte) ([]Finding, error) {
	switch {
	case len(src) > MaxFileSize:
		return nil, &FileError{Path: display, Msg: fmt.Sprintf("is larger than the %s limit for env files; is this the right file?", humanSize(MaxFileSize))}
	case utf16Encoding(src) != "":
		return nil, &FileError{Path: display, Msg: "is encoded as " + utf16Encoding(src) + "; envcheck reads UTF-8 only"}
	case bytes.IndexByte(head(src), 0) >= 0:
		return nil, &FileError{Path: display, Msg: "binary file (a NUL byte); templates are text"}
	}
	rules := []*Rule{SecretInTemplate}
	f := &File{Path: display, Kind: Template, Checked: true}
	f.Env, _ = dotenv.Parse(display, src)
	p := &Project{Options: Options{Rules: rules}, Rules: rules, Files: []*File{f}}
	var findings []Finding
	var errs []error
	pass := &Pass{Rule: SecretInTemplate, Project: p, File: f, findings: &findings, errs: &errs}
	pass.run()
	if len(errs) > 0 {
		return nil, errs[0]
	}
	findings = p.suppress(findings)
	SortFindings(findings)
	return findings, nil
}
