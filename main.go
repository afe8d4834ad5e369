// Command envcheck keeps .env files honest: it lints them, compares them with their template and
// schema, checks that git and Docker keep them out of commits and images, and generates a typed
// Go loader from the schema.
package main

import "os"

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
