// Command startfloor uses the libraries envcheck's design card names as envcheck uses them, and
// does nothing else: a validator made with validator.New and a urfave/cli app with one command.
// Its start-up time is the floor under every envcheck command (BenchmarkSmallProject).
package main

import (
	"fmt"
	"os"

	"github.com/go-playground/validator/v10"
	_ "github.com/joho/godotenv"
	_ "github.com/sergi/go-diff/diffmatchpatch"
	"github.com/urfave/cli/v2"
	_ "golang.org/x/term"
)

func main() {
	v := validator.New()
	app := &cli.App{Name: "startfloor", Commands: []*cli.Command{{
		Name: "version",
		Action: func(*cli.Context) error {
			fmt.Println("startfloor", v != nil)
			return nil
		},
	}}}
	if err := app.Run(os.Args); err != nil {
		os.Exit(1)
	}
}
