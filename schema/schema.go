// Package schema is the model of an env schema: which keys exist, their types, whether they are
// required (in which environments), sensitive, defaulted and how they are validated.
//
// A schema comes from two sources, merged key by key with the JSON file winning: decorators in
// the comments of a template (.env.example), and a JSON schema file (.env.schema.json), which is a
// superset of dotenv-linter's schema format.
//
// Type.Parse holds the parsing rules for every type. The loader `envcheck generate` writes follows
// the same rules, so `envcheck check` and the generated code never disagree about a value.
package schema

import "fmt"

// Kind is the kind of a Type.
type Kind int

// Kinds of value.
const (
	String Kind = iota
	Int
	Float
	Bool
	Duration
	URL
	Email
	Port
	Enum
	List
	JSON
	Path
)

var kindNames = [...]string{
	String: "string", Int: "int", Float: "float", Bool: "bool", Duration: "duration", URL: "url",
	Email: "email", Port: "port", Enum: "enum", List: "list", JSON: "json", Path: "path",
}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// A Type is the type of a variable's value.
type Type struct {
	Kind   Kind
	Values []string // Enum: the allowed values, in order
	Elem   *Type    // List: the element type
	Sep    string   // List: the separator; DefaultSep when empty
}

// DefaultSep separates list items unless a schema says otherwise.
const DefaultSep = ","

// Pos is where something is defined in a schema source.
type Pos struct {
	File string
	Line int // 0 when unknown
}

func (p Pos) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// A Var describes one environment variable.
type Var struct {
	Key         string
	Description string
	Type        Type
	Required    bool     // required in every environment
	RequiredIn  []string // required only in these environments (when Required is false)
	Sensitive   bool     // its value is a secret: never shown
	Default     *string  // nil when there is no default
	Example     string   // the template's value or @example; like any value, never shown for a Sensitive var
	Validate    string   // github.com/go-playground/validator/v10 tags, e.g. "startswith=sk-ant-"
	Regex       string   // a regular expression the value must match (dotenv-linter's "regex")
	Deprecated  string   // why it is deprecated; "" when it is not
	Docs        string   // a URL documenting it
	Pos         Pos

	// Optional is set when the schema says the key may be absent: @optional, @required=false,
	// a header @defaultRequired=false, or "required": false in a JSON schema. A key that is
	// neither Required nor Optional is unspecified: a template lists it, nothing more.
	Optional bool
}

// NoReason is the Deprecated text of a key marked deprecated without a reason.
const NoReason = "no reason given"

// RequiredFor reports whether v must be set (and not empty) in environment env ("" for none).
func (v *Var) RequiredFor(env string) bool {
	if v.Required {
		return true
	}
	for _, e := range v.RequiredIn {
		if e == env {
			return true
		}
	}
	return false
}

// OptionalFor reports whether the schema says v may be absent in environment env: it is not
// required there, and it is marked optional, has a default, or is required only in other
// environments. A key that is neither RequiredFor nor OptionalFor is unspecified.
func (v *Var) OptionalFor(env string) bool {
	if v.RequiredFor(env) {
		return false
	}
	return v.Optional || v.Default != nil || len(v.RequiredIn) > 0
}

// A Schema is an ordered set of variables.
type Schema struct {
	Vars           []*Var
	AllowOtherKeys bool     // keys outside the schema are allowed
	Sources        []string // the files it was read from, for messages

	// broken are the keys whose definitions have errors, left out of Vars. Only a schema that
	// Load returns beside its errors has them: Generate then knows not to report a key as
	// missing when it is only broken.
	broken []string
}

// Lookup returns the variable named key, or nil.
func (s *Schema) Lookup(key string) *Var {
	if s == nil {
		return nil
	}
	for _, v := range s.Vars {
		if v.Key == key {
			return v
		}
	}
	return nil
}
