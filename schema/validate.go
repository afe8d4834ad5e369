package schema

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-playground/validator/v10"
)

// validate is the one validator the package uses. It is safe for concurrent use and, once made,
// never changes: validator caches parsed tags, so making one per call would be slow.
var validate = sync.OnceValue(func() *validator.Validate {
	return validator.New(validator.WithRequiredStructEnabled())
})

// Validate checks a value against v: its type first, then its regex, then its validator tags.
// The tags apply to the parsed value, as they do to the field of the generated loader: numbers
// compare as numbers (min=1024 on a port), durations as durations (max=1m), and strings, URLs,
// emails and enums as text; a list's items are reached with dive. The error is a *ValueError
// that names the rule that failed and never the value.
func Validate(v *Var, value string) error {
	parsed, err := v.Type.Parse(value)
	if err != nil {
		return &ValueError{Key: v.Key, Rule: "type " + v.Type.String(), Msg: err.Error()}
	}
	if v.Regex != "" {
		re, err := regexp.Compile(v.Regex)
		if err != nil { // ParseJSON rejects such a schema; a hand-built Var may still hold one
			return &ValueError{Key: v.Key, Rule: "regex", Msg: "cannot be checked: its regex is invalid"}
		}
		if !re.MatchString(value) {
			return &ValueError{Key: v.Key, Rule: "regex", Msg: fmt.Sprintf("does not match the regex %s", v.Regex)}
		}
	}
	if v.Validate == "" {
		return nil
	}
	if err := runTags(validatorValue(v.Type, value, parsed), v.Validate); err != nil {
		var ve validator.ValidationErrors
		if errors.As(err, &ve) && len(ve) > 0 {
			fe := ve[0]
			return &ValueError{Key: v.Key, Rule: tagText(fe.Tag(), fe.Param()), Msg: tagMessage(fe, v.Type)}
		}
		return &ValueError{Key: v.Key, Rule: "validate", Msg: fmt.Sprintf("fails @validate=%q: %v", v.Validate, err)}
	}
	return nil
}

// runTags runs validator tags on a value; a tag the validator cannot run (unknown, or with a bad
// parameter) makes it panic, which becomes an error here.
func runTags(value any, tags string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &badTagError{msg: fmt.Sprint(r)}
		}
	}()
	return validate().Var(value, tags)
}

type badTagError struct{ msg string }

func (e *badTagError) Error() string { return e.msg }

// validatorValue is what the tags see: the parsed value for numbers, booleans, durations and
// lists, the text for everything else (a URL is checked as text, so startswith=https:// works).
func validatorValue(t Type, raw string, parsed any) any {
	switch t.Kind {
	case Int, Float, Bool, Duration, Port, List:
		return parsed
	}
	return raw
}

// zeroValue is a value of the type the tags see, for checking the tags themselves.
func zeroValue(t Type) any {
	switch t.Kind {
	case Int:
		return int64(0)
	case Float:
		return float64(0)
	case Bool:
		return false
	case Duration:
		return time.Duration(0)
	case Port:
		return 0
	case List:
		elem := Type{Kind: String}
		if t.Elem != nil {
			elem = *t.Elem
		}
		return []any{zeroValue(elem)}
	}
	return ""
}

// CheckTags reports whether validator tags can run on values of type t: every tag exists and
// every parameter parses. The validator itself only finds out by panicking when it first meets a
// value, so each tag is tried on its own (omitempty would skip the rest on an empty value).
func CheckTags(t Type, tags string) error {
	if strings.TrimSpace(tags) == "" {
		return errors.New("@validate is empty; give it validator tags such as min=1,max=10")
	}
	parts := strings.Split(tags, ",")
	for i, tag := range parts {
		tag = strings.TrimSpace(tag)
		if tag == "" {
			return errors.New("it has an empty tag (two commas in a row, or a comma at an end); write a literal comma in a parameter as 0x2C")
		}
		if tag != parts[i] {
			return fmt.Errorf("the tag %q has blanks around it; validator tags are separated by commas only", tag)
		}
		probe := tag
		value := zeroValue(t)
		if tag == "dive" {
			if t.Kind != List {
				return fmt.Errorf("dive needs a list type, not %s; use @type=list(…)", t)
			}
			probe = strings.Join(parts[i:], ",")
		}
		if tag == "omitempty" || tag == "omitnil" {
			continue
		}
		err := runTags(value, probe)
		var bad *badTagError
		if errors.As(err, &bad) {
			return fmt.Errorf("the tag %s cannot run on %s values: %s", probe, t, tagPanic(bad.msg))
		}
		if tag == "dive" {
			break
		}
	}
	return nil
}

// tagPanic rewords the validator's panics.
func tagPanic(msg string) string {
	switch {
	case strings.HasPrefix(msg, "Undefined validation function"):
		name := msg
		if i := strings.IndexByte(msg, '\''); i >= 0 {
			if j := strings.IndexByte(msg[i+1:], '\''); j >= 0 {
				name = msg[i+1 : i+1+j]
			}
		}
		return fmt.Sprintf("validator/v10 has no tag %q", name)
	case strings.HasPrefix(msg, "strconv."):
		return "its parameter is not a number of the right kind"
	case strings.HasPrefix(msg, "Bad field type"):
		return "the tag does not apply to this type"
	case strings.HasPrefix(msg, "Invalid validation tag"):
		return "the tag is malformed"
	}
	return msg
}

func tagText(tag, param string) string {
	if param == "" {
		return tag
	}
	return tag + "=" + param
}

// tagMessage says what a failed tag expected, in words where the tag is common. It is built from
// the tag and its parameter only, never from the value.
func tagMessage(fe validator.FieldError, t Type) string {
	p := fe.Param()
	text := t.Kind == String || t.Kind == URL || t.Kind == Email || t.Kind == Path || t.Kind == Enum || t.Kind == JSON
	var what string
	switch fe.Tag() {
	case "startswith":
		what = fmt.Sprintf("does not start with %q", p)
	case "endswith":
		what = fmt.Sprintf("does not end with %q", p)
	case "contains":
		what = fmt.Sprintf("does not contain %q", p)
	case "excludes":
		what = fmt.Sprintf("contains %q, which it must not", p)
	case "oneof":
		what = "is not one of " + strings.Join(strings.Fields(p), ", ")
	case "min", "gte":
		if text {
			what = fmt.Sprintf("is shorter than %s characters", p)
		} else {
			what = "is less than " + p
		}
	case "max", "lte":
		if text {
			what = fmt.Sprintf("is longer than %s characters", p)
		} else {
			what = "is more than " + p
		}
	case "len":
		if text {
			what = fmt.Sprintf("is not exactly %s characters long", p)
		} else {
			what = "is not " + p
		}
	case "gt":
		what = "is not more than " + p
	case "lt":
		what = "is not less than " + p
	case "url", "http_url", "uri":
		what = "is not a URL"
	case "email":
		what = "is not an email address"
	case "hostname", "hostname_rfc1123", "fqdn":
		what = "is not a host name"
	case "ip", "ipv4", "ipv6":
		what = "is not an IP address"
	case "uuid", "uuid4":
		what = "is not a UUID"
	case "alphanum":
		what = "has characters other than letters and digits"
	case "numeric", "number":
		what = "is not a number"
	case "hexadecimal":
		what = "is not hexadecimal"
	case "base64":
		what = "is not base64"
	case "required":
		what = "is empty"
	default:
		what = "is not valid"
	}
	rule := tagText(fe.Tag(), p)
	if ns := fe.Namespace(); strings.HasPrefix(ns, "[") { // a list item, reached with dive
		if i, err := strconv.Atoi(strings.Trim(strings.SplitN(ns, "]", 2)[0], "[")); err == nil {
			what = fmt.Sprintf("item %d %s", i+1, what) // counted from 1, as Type.Parse does
		}
	}
	return fmt.Sprintf("%s (@validate %s)", what, rule)
}
