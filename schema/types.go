package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ParseType parses a type as the @type decorator writes it: string, int, float, bool, duration,
// url, email, port, json, path, enum(a,b,…), list(<type>) or list(<type>,<sep>) where sep is a
// single character such as ';' or '|'. dotenv-linter's names (String, Integer, Float, Boolean,
// Url, Email) are accepted too.
func ParseType(s string) (Type, error) {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	switch lower {
	case "string", "str":
		return Type{Kind: String}, nil
	case "int", "integer", "number":
		return Type{Kind: Int}, nil
	case "float":
		return Type{Kind: Float}, nil
	case "bool", "boolean":
		return Type{Kind: Bool}, nil
	case "duration":
		return Type{Kind: Duration}, nil
	case "url":
		return Type{Kind: URL}, nil
	case "email":
		return Type{Kind: Email}, nil
	case "port":
		return Type{Kind: Port}, nil
	case "json":
		return Type{Kind: JSON}, nil
	case "path":
		return Type{Kind: Path}, nil
	}
	open := strings.IndexByte(s, '(')
	if open < 0 || !strings.HasSuffix(s, ")") {
		return Type{}, fmt.Errorf("unknown type %q; use one of %s", s, typeList)
	}
	name, args := strings.ToLower(s[:open]), s[open+1:len(s)-1]
	switch name {
	case "enum":
		var values []string
		seen := map[string]bool{}
		for _, v := range strings.Split(args, ",") {
			v = strings.TrimSpace(v)
			if v == "" {
				return Type{}, fmt.Errorf("enum(%s) has an empty value; list the values separated by commas", args)
			}
			if seen[v] {
				return Type{}, fmt.Errorf("enum(%s) lists %q twice", args, v)
			}
			seen[v] = true
			values = append(values, v)
		}
		return Type{Kind: Enum, Values: values}, nil
	case "list":
		elem, sep := args, ""
		if i := strings.LastIndexByte(args, ','); i >= 0 && !strings.Contains(args, "(") {
			elem, sep = strings.TrimSpace(args[:i]), strings.TrimSpace(args[i+1:])
			if sep == "" {
				sep = DefaultSep
			}
		} else if i := strings.LastIndex(args, "),"); i >= 0 {
			elem, sep = args[:i+1], strings.TrimSpace(args[i+2:])
		}
		et, err := ParseType(elem)
		if err != nil {
			return Type{}, fmt.Errorf("list element: %w", err)
		}
		if et.Kind == List {
			return Type{}, errors.New("a list of lists is not supported; use json for nested data")
		}
		return Type{Kind: List, Elem: &et, Sep: sep}, nil
	}
	return Type{}, fmt.Errorf("unknown type %q; use one of %s", s, typeList)
}

const typeList = "string, int, float, bool, duration, url, email, port, json, path, enum(a,b,…), list(type)"

// String writes the type back in @type syntax.
func (t Type) String() string {
	switch t.Kind {
	case Enum:
		return "enum(" + strings.Join(t.Values, ",") + ")"
	case List:
		elem := "string"
		if t.Elem != nil {
			elem = t.Elem.String()
		}
		if t.Sep != "" && t.Sep != DefaultSep {
			return "list(" + elem + "," + t.Sep + ")"
		}
		return "list(" + elem + ")"
	}
	return t.Kind.String()
}

// Separator returns the list separator.
func (t Type) Separator() string {
	if t.Sep == "" {
		return DefaultSep
	}
	return t.Sep
}

// Parse parses a value of type t. The error never contains the value, so it is safe to show for
// a sensitive key; it says what was expected.
//
// The rules: int is a base-10 int64; float is a float64; bool is one of 1, 0, true, false, yes,
// no, on, off in any case; duration is Go's time.ParseDuration syntax; url is absolute (a scheme,
// then a host, or an absolute path as in file:///tmp/x); email is a bare address; port is an integer from 1 to 65535;
// enum is one of its values, exactly; list splits on its separator, trims blanks around items,
// and parses each item (an empty value is an empty list); json must be valid JSON; string and path
// accept anything.
func (t Type) Parse(s string) (any, error) {
	switch t.Kind {
	case String, Path:
		return s, nil
	case Int:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			if errors.Is(err, strconv.ErrRange) {
				return nil, errors.New("is out of range for a 64-bit integer")
			}
			return nil, errors.New("is not an integer")
		}
		return n, nil
	case Float:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			if errors.Is(err, strconv.ErrRange) {
				return nil, errors.New("is out of range for a float")
			}
			return nil, errors.New("is not a number")
		}
		return f, nil
	case Bool:
		b, ok := ParseBool(s)
		if !ok {
			return nil, errors.New("is not a boolean (use true/false, yes/no, on/off or 1/0)")
		}
		return b, nil
	case Duration:
		d, err := time.ParseDuration(s)
		if err != nil {
			return nil, errors.New("is not a duration (write it like 30s, 5m or 1h30m)")
		}
		return d, nil
	case URL:
		u, err := url.Parse(s)
		if err != nil || u.Scheme == "" || (u.Host == "" && !strings.HasPrefix(u.Path, "/")) {
			// "localhost:11434" parses with scheme "localhost": a URL without "scheme://".
			return nil, errors.New("is not an absolute URL (write it like https://host:port/path)")
		}
		return u, nil
	case Email:
		a, err := mail.ParseAddress(s)
		if err != nil || a.Address != s {
			return nil, errors.New("is not an email address (write it like name@example.com)")
		}
		return s, nil
	case Port:
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 65535 {
			return nil, errors.New("is not a port (an integer from 1 to 65535)")
		}
		return n, nil
	case Enum:
		for _, v := range t.Values {
			if s == v {
				return s, nil
			}
		}
		return nil, fmt.Errorf("is not one of %s", strings.Join(t.Values, ", "))
	case List:
		if s == "" {
			return []any{}, nil
		}
		elem := Type{Kind: String}
		if t.Elem != nil {
			elem = *t.Elem
		}
		parts := strings.Split(s, t.Separator())
		out := make([]any, 0, len(parts))
		for i, p := range parts {
			v, err := elem.Parse(strings.TrimSpace(p))
			if err != nil {
				return nil, fmt.Errorf("item %d %w", i+1, err)
			}
			out = append(out, v)
		}
		return out, nil
	case JSON:
		if !json.Valid([]byte(s)) {
			return nil, errors.New("is not valid JSON")
		}
		return json.RawMessage(s), nil
	}
	return nil, fmt.Errorf("has an unknown type %v", t.Kind)
}

// ParseBool accepts 1, 0, true, false, yes, no, on, off, in any case.
func ParseBool(s string) (value, ok bool) {
	switch strings.ToLower(s) {
	case "1", "true", "yes", "on":
		return true, true
	case "0", "false", "no", "off":
		return false, true
	}
	return false, false
}
