package dotenv

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/joho/godotenv"
	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzParse checks that parsing never panics, that printing gives back the input byte for byte,
// and that resolved values agree with godotenv wherever both accept the input.
func FuzzParse(f *testing.F) {
	for _, s := range agreeCases {
		f.Add([]byte(s))
	}
	for _, s := range fixtureSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse("fuzz", src)
		if got := file.Bytes(); !bytes.Equal(got, src) {
			t.Fatalf("round trip changed the input:\n got %q\nwant %q", got, src)
		}
		checkNodes(t, file)
		if err != nil || !comparable(file) {
			return
		}
		want, gerr := godotenv.UnmarshalBytes(src)
		if gerr != nil {
			return
		}
		if got := file.Map(); !reflect.DeepEqual(got, want) {
			t.Fatalf("values differ from godotenv for %q:\n got %q\nwant %q", src, got, want)
		}
	})
}

// comparable reports whether f avoids every documented difference from godotenv.
func comparable(f *File) bool {
	if f.BOM || bytes.Contains(bytes.ReplaceAll(f.Src, []byte("\r\n"), nil), []byte("\r")) {
		return false
	}
	for i := range f.Entries {
		e := &f.Entries[i]
		if !e.HasSeparator || e.Quote == '`' {
			return false
		}
		if e.Quote != 0 && e.ValueEnd-e.ValueStart >= 3 && f.Src[e.ValueEnd-3] == '\\' && f.Src[e.ValueEnd-2] == e.Quote {
			return false
		}
	}
	return true
}

// fixtureSeeds returns every env file in the repository's fixtures and txtar scripts.
func fixtureSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	root := filepath.Join("..", "..")
	for _, dir := range []string{filepath.Join(root, "envcheck", "testdata"), filepath.Join(root, "testdata")} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			switch {
			case strings.HasSuffix(path, ".txtar"):
				for _, file := range txtar.Parse(data).Files {
					if strings.Contains(filepath.Base(file.Name), ".env") {
						seeds = append(seeds, file.Data)
					}
				}
			case strings.Contains(filepath.Base(path), ".env") || strings.HasSuffix(path, ".env"):
				seeds = append(seeds, data)
			}
			return nil
		})
	}
	return seeds
}
