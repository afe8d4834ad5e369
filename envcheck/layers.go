package envcheck

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/envcheck/envcheck/envcheck/dotenv"
	"github.com/envcheck/envcheck/internal/suggest"
	"github.com/envcheck/envcheck/schema"
)

// A layerSet is the env files one environment loads, in order, later files overriding earlier
// ones: .env, .env.local, .env.NAME, .env.NAME.local (the convention of Next.js, Vite and
// dotenv-flow). A file that follows no convention, such as prod.env, is a set of its own.
type layerSet struct {
	Env   string  // the environment whose requirements apply; "" for the unconditional ones only
	Files []*File // the files that exist, in load order
}

// Head is the most specific checked file of the set: where findings about the set as a whole
// (a key missing from all of its files) are reported. nil when no file of the set is checked.
func (s *layerSet) Head() *File {
	for i := len(s.Files) - 1; i >= 0; i-- {
		if s.Files[i].Checked {
			return s.Files[i]
		}
	}
	return nil
}

// Names lists the set's file names for messages: ".env, .env.local and .env.production".
func (s *layerSet) Names() string {
	names := make([]string, len(s.Files))
	for i, f := range s.Files {
		names[i] = f.Path
	}
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// Contains reports whether the set holds a file with f's path.
func (s *layerSet) Contains(f *File) bool {
	for _, g := range s.Files {
		if g.Path == f.Path {
			return true
		}
	}
	return false
}

// A layer is what a file name says about its place in a set.
type layer struct {
	env   string // "" for .env and .env.local
	local bool
}

// layerOf parses .env, .env.local, .env.NAME and .env.NAME.local; ok is false for other names.
func layerOf(name string) (l layer, ok bool) {
	if Classify(name) != EnvFile {
		return layer{}, false
	}
	switch {
	case name == ".env":
		return layer{}, true
	case name == ".env.local":
		return layer{local: true}, true
	case !strings.HasPrefix(name, ".env."):
		return layer{}, false
	}
	rest := strings.TrimPrefix(name, ".env.")
	if strings.HasSuffix(rest, ".local") {
		l.local = true
		rest = strings.TrimSuffix(rest, ".local")
	}
	if rest == "" || rest == "local" {
		return layer{}, false
	}
	l.env = rest
	return l, true
}

func layerNames(env string) []string {
	names := []string{".env", ".env.local"}
	if env != "" {
		names = append(names, ".env."+env, ".env."+env+".local")
	}
	return names
}

type layersKey struct{}

// layerSets returns the sets of env files the check evaluates. Every .env.NAME in a directory
// forms a set with .env and .env.local (and .env.NAME.local) under NAME's requirements. With an
// environment selected (--env, $APP_ENV), .env, .env.local, .env.ENV and .env.ENV.local form that
// environment's set even when there is no .env.ENV; without one, .env and .env.local form a set
// under the unconditional requirements only. Files of a set that were not checked are read for
// the comparison.
func (p *Project) layerSets() []*layerSet {
	return p.Memo(layersKey{}, func() any { return p.buildLayerSets() }).([]*layerSet)
}

func (p *Project) buildLayerSets() []*layerSet {
	byPath := make(map[string]*File, len(p.Files))
	for _, f := range p.Files {
		byPath[filepath.Clean(mustAbs(f.OSPath))] = f
	}
	var sets []*layerSet
	dirs := map[string]map[string]bool{} // directory → environments named by its files
	var order []string
	for _, f := range p.Files {
		if !f.Checked || f.Kind != EnvFile {
			continue
		}
		l, ok := layerOf(filepath.Base(f.OSPath))
		if !ok {
			sets = append(sets, &layerSet{Env: p.Options.Env, Files: []*File{f}})
			continue
		}
		dir := filepath.Dir(f.OSPath)
		if dirs[dir] == nil {
			dirs[dir] = map[string]bool{}
			order = append(order, dir)
		}
		dirs[dir][l.env] = true
	}
	for _, dir := range order {
		envs := dirs[dir]
		selected := p.Options.Env
		if selected != "" {
			envs[selected] = true
			delete(envs, "")
		}
		names := make([]string, 0, len(envs))
		for e := range envs {
			names = append(names, e)
		}
		sort.Strings(names)
		for _, e := range names {
			// A .env.NAME file is NAME's: its set gets NAME's requirements whether or not --env
			// says so. --env picks the environment of the plain .env and .env.local.
			s := &layerSet{Env: e}
			for _, name := range layerNames(e) {
				if f := p.layerFile(filepath.Join(dir, name), byPath); f != nil {
					s.Files = append(s.Files, f)
				}
			}
			if len(s.Files) > 0 && s.Head() != nil {
				sets = append(sets, s)
			}
		}
	}
	return sets
}

// layerFile returns the file at path, reading it (unchecked) when the check did not, or nil when
// there is none or it cannot be read.
func (p *Project) layerFile(path string, byPath map[string]*File) *File {
	abs := filepath.Clean(mustAbs(path))
	if f, ok := byPath[abs]; ok {
		if f == nil {
			return nil
		}
		if f.Kind != EnvFile || f.Unreadable != "" {
			return nil
		}
		return f
	}
	byPath[abs] = nil // looked at once, whatever comes of it
	info, err := os.Lstat(path)
	if err != nil || info.IsDir() {
		return nil
	}
	f, err := readFile(candidate{osPath: path, kind: EnvFile, info: info}, displayPath(p.Dir, path))
	if err != nil || f.Unreadable != "" {
		return nil // were it checked, its own problem would be reported
	}
	f.Template = p.templateFor(f)
	p.Files = append(p.Files, f)
	p.indexFile(f)
	byPath[abs] = f
	return f
}

// attachLayers reads the files of every set before the rules run.
func (p *Project) attachLayers() {
	p.layerSets()
	sort.SliceStable(p.Files, func(i, j int) bool { return p.Files[i].Path < p.Files[j].Path })
}

// setsOf returns the sets that hold f.
func (p *Project) setsOf(f *File) []*layerSet {
	var out []*layerSet
	for _, s := range p.layerSets() {
		if s.Contains(f) {
			out = append(out, s)
		}
	}
	return out
}

// A source is where a set's value of a key comes from.
type source struct {
	File  *File
	Entry *dotenv.Entry
}

// effective returns, for every key a set assigns, the entry that wins (the last file that sets
// it; an entry without '=' counts, with no value). self stands in for the set's file of the same path: the rules see the file being fixed,
// which may differ from the one read.
func (s *layerSet) effective(self *File) map[string]source {
	out := map[string]source{}
	for _, f := range s.Files {
		if self != nil && f.Path == self.Path {
			f = self
		}
		if f.Env == nil {
			continue
		}
		for i := range f.Env.Entries {
			e := &f.Env.Entries[i]
			if e.Key != "" { // a key without '=' is there too; key-without-value reports the line
				out[e.Key] = source{File: f, Entry: e}
			}
		}
	}
	return out
}

// EnvNote returns a warning when --env (or $APP_ENV) names an environment the project does not
// know: no .env.NAME file beside the files checked, and no @required=NAME or environment enum in
// their schemas. A mistyped name would otherwise check nothing more, silently. "" when all is well.
func (p *Project) EnvNote() string {
	env := p.Options.Env
	if env == "" {
		return ""
	}
	known := map[string]bool{}
	for _, f := range p.Files {
		if l, ok := layerOf(filepath.Base(f.OSPath)); ok && l.env != "" {
			known[l.env] = true
		}
		if s := p.SchemaFor(f); s != nil {
			for _, v := range s.Vars {
				for _, e := range v.RequiredIn {
					known[e] = true
				}
				if isEnvKey(v.Key) && v.Type.Kind == schema.Enum {
					for _, e := range v.Type.Values {
						known[e] = true
					}
				}
			}
		}
	}
	if len(known) == 0 || known[env] {
		return ""
	}
	names := make([]string, 0, len(known))
	for e := range known {
		names = append(names, e)
	}
	sort.Strings(names)
	hint := ""
	if near := suggest.Nearest(env, names); near != "" {
		hint = " (did you mean " + near + "?)"
	}
	return "the environment " + env + " (from --env or $APP_ENV) is not one this project names" + hint +
		": there is no .env." + env + " and no schema requires or lists it, so only .env and .env.local are checked for it; the project knows " + strings.Join(names, ", ")
}

// isEnvKey reports whether a key names the environment, as the generated loader's default does.
func isEnvKey(key string) bool {
	switch key {
	case "APP_ENV", "ENVIRONMENT", "ENV", "GO_ENV", "NODE_ENV":
		return true
	}
	return false
}
