package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"honoscope/app/cli"

	"honoscope/app/site"
)

func init() {
	register(cli.Command{
		Name:    "wasm",
		Summary: "compile the site's WebAssembly programs (default into web/)",
		Run:     runWasm,
	})
}

const wasmUsage = `Usage: honoscope wasm [--out DIR] [--work DIR]

Compiles the site's WebAssembly programs, the consultation program
(app.wasm) and the tools program (tools.wasm), into DIR (default web), as
the site builder and the tests expect them. Run it from the repository
root: it calls the go command on the source. The programs are built
against go-app with its HTTP server left out (see README, "How the browser
programs are built"), from a module file and a copy of go-app written into
the work directory.

Options:
  --out DIR     where to write the programs (default web)
  --work DIR    where to write the browser build's module file and go-app
                copy (default .bin/browser)

Exit status: 0 built, 1 a build failed, 2 wrong options.

Example:
  go run . wasm && go run . site
`

func runWasm(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlagSet("wasm")
	out := fs.String("out", "web", "")
	work := fs.String("work", filepath.Join(".bin", "browser"), "")
	rest, code := cli.ParseArgs(fs, args, wasmUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	if len(rest) > 0 {
		return cli.UsageError(stderr, "wasm", "give the output directory with --out, not as an argument")
	}
	if _, err := os.Stat("go.mod"); err != nil {
		fmt.Fprintln(stderr, "honoscope wasm: there is no go.mod here: run it from the repository root")
		return 1
	}
	for _, dir := range []string{*out, *work} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintf(stderr, "honoscope wasm: %v\n", err)
			return 1
		}
	}
	if err := site.BuildPrograms(".", *out, *work); err != nil {
		fmt.Fprintf(stderr, "honoscope wasm: %v\n", err)
		return 1
	}
	for _, p := range site.Programs() {
		fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(*out, p.File))
	}
	return 0
}
