package envcheck

import (
	"regexp"
	"strings"

	"github.com/envcheck/envcheck/internal/lazyre"
)

// placeholderShapes are the stand-ins people leave in env files, each with what a message may
// call it. They are shapes, never values, so naming one gives nothing away.
var placeholderShapes = []struct {
	re   func() *regexp.Regexp
	name string
}{
	// your-api-key-here, YOUR_KEY_HERE, insert-token-here, <paste key here>
	{lazyre.New(`(?i)(^|[^a-z0-9])(your|insert|enter|paste|put|add)([-_ .]?[a-z0-9]+)*[-_ .]?here([^a-z0-9]|$)`), "a your-…-here placeholder"},
	// your-api-key, YOUR_TOKEN, your.email@example.com
	{lazyre.New(`(?i)^your[-_.][a-z0-9]`), "a your-… placeholder"},
	// <your key>, <API_KEY>, {{ token }}
	{lazyre.New(`^<[^<>]*>$|^\{\{[^{}]*\}\}$`), "a <…> placeholder"},
	// changeme, change-me, CHANGE_ME, replace-me, placeholder
	{lazyre.New(`(?i)(^|[^a-z])(change[-_ ]?me|change[-_ ]?this|replace[-_ ]?me|replace[-_ ]?this|placeholder)([^a-z]|$)`), "changeme"},
	// TODO, FIXME, TBD: upper case only, so a real "todo" app name is left alone
	{lazyre.New(`(^|[^A-Za-z])(TODO|FIXME|TBD|XXX)([^A-Za-z]|$)`), "TODO"},
	// xxxx, sk-xxxxxxxx, AKIAXXXXXXXXXXXXXXXX, xxxx-xxxx-xxxx, sk-proj-abc…xxxx
	{lazyre.New(`^([A-Za-z0-9]+[-_])*(x{3,}|X{3,})([-_.](x{3,}|X{3,}))*$|x{4,}$|X{4,}$|x{6,}|X{6,}`), "a run of x's"},
	// ****, ••••
	{lazyre.New(`^[*•]{3,}$`), "a masked value"},
	// sk-..., sk-ant-…, ghp_...
	{lazyre.New(`^([A-Za-z0-9]+[-_])+(\.\.\.|…)$|^(\.\.\.|…)$`), "a …-abbreviated value"},
}

// Placeholder reports whether a value is a stand-in for a real one, and which kind, for
// messages: your-…-here, your-…, <…>, {{…}}, changeme/replace-me/placeholder, TODO/FIXME/TBD, a run
// of x's (xxxx, sk-xxxx, sk-…xxxx), a row of asterisks, or an abbreviation such as sk-... . Real
// values must not match: configuration words, URLs, host names and random credentials do not.
func Placeholder(value string) (kind string, ok bool) {
	v := strings.TrimSpace(value)
	if v == "" {
		return "", false
	}
	for _, s := range placeholderShapes {
		if s.re().MatchString(v) {
			return s.name, true
		}
	}
	return "", false
}
