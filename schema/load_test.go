package schema

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func TestMerge(t *testing.T) {
	base := mustTemplate(t, "# Claude key.\n# @sensitive @required\nA=your-key-here\n# @type=port\nB=80\nC=x\n")
	over, err := ParseJSON("s.json", []byte(`{"allow_other_keys": true, "entries": {
		"B": {"type": "Integer", "default": "8080"},
		"A": {"type": "String", "sensitive": false},
		"D": {"type": "Boolean"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	m := Merge(base, over)
	var keys []string
	for _, v := range m.Vars {
		keys = append(keys, v.Key)
	}
	if strings.Join(keys, ",") != "A,B,C,D" {
		t.Errorf("order %v", keys)
	}
	a := m.Lookup("A")
	if !a.Sensitive {
		t.Error("a merge made a sensitive key public")
	}
	if a.Required || a.Description != "Claude key." || a.Example != "your-key-here" || a.Pos.File != "s.json" {
		t.Errorf("A: the JSON entry replaces the annotations, keeping the documentation: %+v", *a)
	}
	if b := m.Lookup("B"); b.Type.Kind != Int || *b.Default != "8080" {
		t.Errorf("B: %+v", *b)
	}
	if m.Lookup("C") != base.Lookup("C") || m.Lookup("D") != over.Lookup("D") {
		t.Error("keys in one source only are kept as they are")
	}
	if !m.AllowOtherKeys || strings.Join(m.Sources, ",") != ".env.example,s.json" {
		t.Errorf("schema level: %v %v", m.AllowOtherKeys, m.Sources)
	}
	if Merge(nil, over) != over || Merge(base, nil) != base || Merge(nil, nil) != nil {
		t.Error("Merge with nil")
	}
	// The inputs are not modified.
	if base.Lookup("A").Required != true || over.Lookup("A").Sensitive {
		t.Error("Merge modified its inputs")
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	tpl := filepath.Join(dir, ".env.example")
	js := filepath.Join(dir, ".env.schema.json")
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(tpl, "# @type=port\nPORT=8080\nNAME=x\n")
	write(js, dotenvLinterExample)
	s, err := Load(tpl, js)
	if err != nil {
		t.Fatal(err)
	}
	if s.Lookup("PORT").Type.Kind != Int || s.Lookup("FLAG") == nil || s.Lookup("NAME").Regex != "^DOT*" || s.AllowOtherKeys {
		t.Errorf("merged: %+v", s)
	}
	if s, err := Load(tpl, ""); err != nil || s.Lookup("PORT").Type.Kind != Port {
		t.Errorf("template only: %v", err)
	}
	if s, err := Load("", js); err != nil || len(s.Vars) != 3 {
		t.Errorf("JSON only: %v", err)
	}
	if _, err := Load("", ""); err == nil {
		t.Error("Load with no source succeeded")
	}
	_, err = Load(filepath.Join(dir, "missing"), "")
	var se *Error
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "cannot read the schema: no such file; check the path") {
		t.Errorf("missing file: %v", err)
	}
	// Errors from both sources are reported together.
	write(tpl, "# @requird\nA=\n")
	write(js, `{"entries": {"A": {"type": "nope"}}}`)
	_, err = Load(tpl, js)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Errorf("want 2 errors, got %v", err)
	}
}

// The JSON Schema shipped for editors describes exactly the fields ParseJSON accepts, and every
// type name it offers parses.
func TestJSONSchemaInSync(t *testing.T) {
	var js struct {
		Properties  map[string]json.RawMessage `json:"properties"`
		Definitions struct {
			Entry struct {
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"entry"`
		} `json:"definitions"`
	}
	if err := json.Unmarshal(JSONSchema, &js); err != nil {
		t.Fatal(err)
	}
	same := func(what string, got map[string]json.RawMessage, want []string) {
		var names []string
		for k := range got {
			names = append(names, k)
		}
		sort.Strings(names)
		w := append([]string(nil), want...)
		sort.Strings(w)
		if strings.Join(names, ",") != strings.Join(w, ",") {
			t.Errorf("%s: envcheck.schema.json has %v, ParseJSON accepts %v", what, names, w)
		}
	}
	same("top level", js.Properties, jsonRootFields)
	same("entry", js.Definitions.Entry.Properties, jsonEntryFields)

	var typ struct {
		AnyOf []struct {
			Enum []string `json:"enum"`
		} `json:"anyOf"`
	}
	if err := json.Unmarshal(js.Definitions.Entry.Properties["type"], &typ); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range typ.AnyOf {
		for _, name := range a.Enum {
			n++
			if _, err := ParseType(name); err != nil {
				t.Errorf("the JSON Schema offers type %q: %v", name, err)
			}
		}
	}
	if n < 10 {
		t.Errorf("the JSON Schema lists %d type names", n)
	}
	// The file on disk is the one embedded.
	disk, err := os.ReadFile("envcheck.schema.json")
	if err != nil || string(disk) != string(JSONSchema) {
		t.Errorf("envcheck.schema.json differs from the embedded copy: %v", err)
	}
}
