package schema

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/envcheck/envcheck/internal/lazyre"
)

// translateTags turns validator/v10 tags into plain Go checks, so a generated loader needs the
// validator only for tags that have no simple equivalent. It translates the common tags
// (startswith, endswith, contains, excludes and their variants, min, max, len, gt, gte, lt, lte,
// eq, ne, oneof, required, and omitempty in first place) with the validator's exact semantics
// for the value the validator sees (see validatorValue): the text for string-like types, the
// parsed number, duration or boolean, and the length of a list. ok is false when a tag is not
// translated (an alternative with '|', dive, any other tag); the caller then runs all the tags
// with the validator, so the two never split a rule between them. err is a parameter the
// validator would reject.
func translateTags(t Type, tags string) (checks []check, ok bool, err error) {
	if strings.Contains(tags, "|") {
		return nil, false, nil
	}
	guard := ""
	for i, part := range strings.Split(tags, ",") {
		name, param, _ := strings.Cut(part, "=")
		param = strings.ReplaceAll(strings.ReplaceAll(param, "0x2C", ","), "0x7C", "|")
		if name == "omitempty" {
			if i != 0 {
				return nil, false, nil
			}
			guard = nonZero(t)
			continue
		}
		c, ok, err := translateTag(t, name, param)
		if err != nil || !ok {
			return nil, ok, err
		}
		if c == nil { // the tag cannot fail on this type
			continue
		}
		c.msg += " (@validate " + part + ")"
		if guard != "" {
			c.cond = guard + " && " + paren(c.cond)
		}
		checks = append(checks, *c)
	}
	return checks, true, nil
}

// nonZero is the condition under which the validator's omitempty lets the other tags run: the
// value it sees is not the zero value of its type. A list is never nil once parsed, so its
// condition is empty: the tags always run.
func nonZero(t Type) string {
	switch t.Kind {
	case Int, Port, Duration:
		return "x != 0"
	case Float:
		return "x != 0"
	case Bool:
		return "x"
	case List:
		return ""
	}
	return `v != ""`
}

type tagClass int

const (
	textTag tagClass = iota
	intTag
	floatTag
	boolTag
	durationTag
	listTag
)

func classOf(t Type) tagClass {
	switch t.Kind {
	case Int, Port:
		return intTag
	case Float:
		return floatTag
	case Bool:
		return boolTag
	case Duration:
		return durationTag
	case List:
		return listTag
	}
	return textTag
}

func translateTag(t Type, name, param string) (*check, bool, error) {
	class := classOf(t)
	q := strconv.Quote(param)
	if class == textTag {
		switch name {
		case "startswith":
			return &check{"!strings.HasPrefix(v, " + q + ")", "does not start with " + q}, true, nil
		case "endswith":
			return &check{"!strings.HasSuffix(v, " + q + ")", "does not end with " + q}, true, nil
		case "startsnotwith":
			return &check{"strings.HasPrefix(v, " + q + ")", "starts with " + q + ", which it must not"}, true, nil
		case "endsnotwith":
			return &check{"strings.HasSuffix(v, " + q + ")", "ends with " + q + ", which it must not"}, true, nil
		case "contains":
			return &check{"!strings.Contains(v, " + q + ")", "does not contain " + q}, true, nil
		case "excludes":
			return &check{"strings.Contains(v, " + q + ")", "contains " + q + ", which it must not"}, true, nil
		case "containsany":
			return &check{"!strings.ContainsAny(v, " + q + ")", "contains none of the characters " + q}, true, nil
		case "excludesall":
			return &check{"strings.ContainsAny(v, " + q + ")", "contains one of the characters " + q + ", which it must not"}, true, nil
		case "eq":
			return &check{"v != " + q, "is not " + q}, true, nil
		case "ne":
			return &check{"v == " + q, "must not be " + q}, true, nil
		case "required":
			return &check{`v == ""`, "is empty"}, true, nil
		case "oneof":
			vals := oneOfValues(param)
			var conds []string
			for _, val := range vals {
				conds = append(conds, "v != "+strconv.Quote(val))
			}
			return &check{joinOr(conds, " && "), "is not one of " + strings.Join(vals, ", ")}, true, nil
		}
	}
	if class == boolTag {
		switch name {
		case "eq", "ne":
			b, err := strconv.ParseBool(param)
			if err != nil {
				return nil, false, fmt.Errorf("the parameter of %s=%s is not a boolean", name, param)
			}
			if name == "eq" {
				return &check{"x != " + strconv.FormatBool(b), "is not " + param}, true, nil
			}
			return &check{"x == " + strconv.FormatBool(b), "must not be " + param}, true, nil
		case "required":
			return &check{"!x", "is false"}, true, nil
		}
		return nil, false, nil
	}
	if name == "required" {
		switch class {
		case listTag:
			return nil, true, nil // a parsed list is never nil
		case floatTag, intTag, durationTag:
			return &check{"x == 0", "is zero"}, true, nil
		}
	}
	if name == "oneof" && (class == intTag || class == durationTag) {
		// The validator compares the value's decimal text with each word of the parameter.
		var conds []string
		for _, val := range oneOfValues(param) {
			n, err := strconv.ParseInt(val, 10, 64)
			if err != nil || strconv.FormatInt(n, 10) != val {
				continue // no value prints as this word
			}
			lit := strconv.FormatInt(n, 10)
			if class == durationTag {
				lit = "time.Duration(" + lit + ")"
			}
			conds = append(conds, "x != "+lit)
		}
		return &check{joinOr(conds, " && "), "is not one of " + strings.Join(oneOfValues(param), ", ")}, true, nil
	}
	op, ok := compareOps[name]
	if !ok {
		return nil, false, nil
	}
	// A comparison: of the rune count of text, the length of a list, or a number.
	var subject, bound string
	switch class {
	case textTag, listTag, intTag:
		n, err := strconv.ParseInt(param, 0, 64)
		if err != nil {
			return nil, false, fmt.Errorf("the parameter of %s=%s is not an integer", name, param)
		}
		bound = strconv.FormatInt(n, 10)
		switch {
		case class == textTag:
			subject = "int64(utf8.RuneCountInString(v))"
		case class == listTag:
			subject = "int64(len(x))"
		case t.Kind == Port && (n > math.MaxInt32 || n < math.MinInt32):
			subject = "int64(x)" // an int may have 32 bits
		default:
			subject = "x"
		}
	case durationTag:
		d, err := time.ParseDuration(param)
		if err != nil {
			n, err := strconv.ParseInt(param, 0, 64)
			if err != nil {
				return nil, false, fmt.Errorf("the parameter of %s=%s is not a duration", name, param)
			}
			d = time.Duration(n)
		}
		subject, bound = "x", durationLiteral(d)
	case floatTag:
		f, err := strconv.ParseFloat(param, 64)
		if err != nil {
			return nil, false, fmt.Errorf("the parameter of %s=%s is not a number", name, param)
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, false, nil
		}
		// Written as the negation of the validator's test, so that NaN fails it as it does there.
		return &check{"!(x " + op.holds + " " + strconv.FormatFloat(f, 'g', -1, 64) + ")", op.message(class, param)}, true, nil
	}
	return &check{subject + " " + op.fails + " " + bound, op.message(class, param)}, true, nil
}

// compareOps are the comparison tags: the operator under which the check fails, and words.
var compareOps = map[string]compareOp{
	"min": {"<", ">=", "less"}, "gte": {"<", ">=", "less"},
	"max": {">", "<=", "more"}, "lte": {">", "<=", "more"},
	"gt": {"<=", ">", "notMore"}, "lt": {">=", "<", "notLess"},
	"len": {"!=", "==", "not"}, "eq": {"!=", "==", "not"},
	"ne": {"==", "!=", "must"},
}

// A compareOp fails when "value fails bound" holds; the validator passes when "value holds
// bound" does (they differ for NaN).
type compareOp struct {
	fails string
	holds string
	words string
}

func (op compareOp) message(class tagClass, p string) string {
	switch class {
	case textTag:
		switch op.words {
		case "less":
			return "is shorter than " + p + " characters"
		case "more":
			return "is longer than " + p + " characters"
		case "notMore":
			return "is not longer than " + p + " characters"
		case "notLess":
			return "is not shorter than " + p + " characters"
		case "not":
			return "is not exactly " + p + " characters long"
		}
		return "must not be " + p + " characters long"
	case listTag:
		switch op.words {
		case "less":
			return "has fewer than " + p + " items"
		case "more":
			return "has more than " + p + " items"
		case "notMore":
			return "does not have more than " + p + " items"
		case "notLess":
			return "does not have fewer than " + p + " items"
		case "not":
			return "does not have exactly " + p + " items"
		}
		return "must not have " + p + " items"
	}
	switch op.words {
	case "less":
		return "is less than " + p
	case "more":
		return "is more than " + p
	case "notMore":
		return "is not more than " + p
	case "notLess":
		return "is not less than " + p
	case "not":
		return "is not " + p
	}
	return "must not be " + p
}

// joinOr joins conditions; none at all is a check that always fails, as the validator's oneof
// with no word that can match.
func joinOr(conds []string, sep string) string {
	if len(conds) == 0 {
		return "true"
	}
	return strings.Join(conds, sep)
}

// oneOfWords is the validator's split of a oneof parameter: words, or 'quoted phrases'.
var oneOfWords = lazyre.New(`'[^']*'|\S+`)

func oneOfValues(param string) []string {
	vals := oneOfWords().FindAllString(param, -1)
	for i := range vals {
		vals[i] = strings.ReplaceAll(vals[i], "'", "")
	}
	return vals
}

// formatWords say what a validator tag that checks a format expected, as check's messages do.
var formatWords = map[string]string{
	"email": "is not an email address", "url": "is not a URL", "http_url": "is not a URL", "uri": "is not a URL",
	"hostname": "is not a host name", "hostname_rfc1123": "is not a host name", "fqdn": "is not a host name",
	"ip": "is not an IP address", "ipv4": "is not an IP address", "ipv6": "is not an IP address",
	"uuid": "is not a UUID", "uuid4": "is not a UUID", "alphanum": "has characters other than letters and digits",
	"numeric": "is not a number", "number": "is not a number", "hexadecimal": "is not hexadecimal", "base64": "is not base64",
}

// tagWords are the words for each rule (tag or tag=param) of tags that the validator runs, when
// there are words for it; the generated code says "fails @validate rule" for the others.
func tagWords(tags string) map[string]string {
	words := map[string]string{}
	for _, alt := range strings.FieldsFunc(tags, func(r rune) bool { return r == ',' || r == '|' }) {
		name, param, _ := strings.Cut(alt, "=")
		if w, ok := formatWords[name]; ok && param == "" {
			words[alt] = w
			continue
		}
		if c, ok, err := translateTag(Type{Kind: String}, name, param); err == nil && ok && c != nil && (strings.Contains(name, "with") || strings.Contains(name, "contain") || strings.Contains(name, "clude") || name == "oneof") {
			words[alt] = c.msg
		}
	}
	return words
}
