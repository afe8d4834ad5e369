package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

func versionCommand(s *streams) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version, the Go version and the commit",
		Action: func(c *cli.Context) error {
			_, err := fmt.Fprintf(s.stdout, "envcheck %s\n", versionString())
			return err
		},
	}
}

// version is the module version envcheck was built as: a tag for `go install …@v1.2.3`, or
// "(devel)" for a build from a checkout.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// versionString is version plus the Go version and the commit it was built from.
func versionString() string {
	s := version() + " (" + runtime.Version()
	if bi, ok := debug.ReadBuildInfo(); ok {
		var rev, modified string
		for _, kv := range bi.Settings {
			switch kv.Key {
			case "vcs.revision":
				rev = kv.Value
			case "vcs.modified":
				if kv.Value == "true" {
					modified = ", modified"
				}
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			s += ", commit " + rev + modified
		}
	}
	return s + ", " + runtime.GOOS + "/" + runtime.GOARCH + ")"
}
