// Package loader benchmarks the loader `envcheck generate` writes against
// github.com/caarlos0/env/v11 on the same 20-key configuration.
//
// It is a module of its own, so the peer stays out of envcheck's go.mod and `go test ./...` at
// the repository root does not run it. config_gen.go is generated from .env.example; at the
// repository root, `go run . generate --example bench/loader/.env.example --out bench/loader/config_gen.go`
// rewrites it, and TestBenchLoaderIsCurrent fails while it is stale.
//
//	cd bench/loader && go test -run XXX -bench . -benchmem -count 5
package loader
