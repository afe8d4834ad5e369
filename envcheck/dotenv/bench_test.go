package dotenv

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/joho/godotenv"
)

// benchInput builds a realistic env file of about size bytes: documented keys, URLs, quoted values
// with spaces and escapes, JSON, inline comments, blank lines, export prefixes, substitutions.
func benchInput(size int) ([]byte, int) {
	var b bytes.Buffer
	entries := 0
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "# Service %d: connection settings.\n", i)
		fmt.Fprintf(&b, "SERVICE_%d_HOST=service-%d.internal.example.com\n", i, i)
		fmt.Fprintf(&b, "SERVICE_%d_PORT=%d\n", i, 8000+i%1000)
		fmt.Fprintf(&b, "SERVICE_%d_URL=\"https://${SERVICE_%d_HOST}:${SERVICE_%d_PORT}/v1\"\n", i, i, i)
		fmt.Fprintf(&b, "export SERVICE_%d_TIMEOUT=30s # seconds before giving up\n", i)
		fmt.Fprintf(&b, "SERVICE_%d_NAME='Service number %d'\n", i, i)
		fmt.Fprintf(&b, "SERVICE_%d_LABELS=\"{\\\"team\\\": \\\"core\\\", \\\"tier\\\": %d}\"\n", i, i%3)
		fmt.Fprintf(&b, "SERVICE_%d_TOKEN=tok_%016x%016x\n\n", i, uint64(i)*0x9e3779b97f4a7c15, uint64(i)*0xbf58476d1ce4e5b9)
		entries += 7
	}
	return b.Bytes(), entries
}

// BenchmarkParse compares Parse with godotenv.Parse on the same 4 MiB input in one run; the
// ratio of their ns/op is the number BENCHMARKS.md records.
func BenchmarkParse(b *testing.B) {
	src, entries := benchInput(4 << 20)
	b.Run("envcheck", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := Parse(".env", src); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(testing.AllocsPerRun(1, func() { Parse(".env", src) }))/float64(entries), "allocs/entry")
	})
	b.Run("godotenv", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := godotenv.Parse(bytes.NewReader(src)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(testing.AllocsPerRun(1, func() { godotenv.Parse(bytes.NewReader(src)) }))/float64(entries), "allocs/entry")
	})
}

// TestBenchInputAgrees keeps the benchmark honest: both parsers must produce the same values.
func TestBenchInputAgrees(t *testing.T) {
	src, _ := benchInput(64 << 10)
	want, err := godotenv.UnmarshalBytes(src)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(".env", src)
	if err != nil {
		t.Fatal(err)
	}
	got := f.Map()
	if len(got) != len(want) {
		t.Fatalf("%d keys, godotenv has %d", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("%s = %q, godotenv %q", k, got[k], v)
		}
	}
}
