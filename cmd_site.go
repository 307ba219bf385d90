package main

import (
	"fmt"
	"io"

	"honoscope/app/cli"

	"honoscope/app/site"
)

func init() {
	register(cli.Command{
		Name:    "site",
		Summary: "write the static web site (default into build/)",
		Run:     runSite,
	})
}

var siteUsage = `Usage: honoscope site [--base /sub/path/] [--web DIR] [--wasm FILE] [--compress=false] [DIR]

Writes the static web site into DIR (default build/): every page
pre-rendered to HTML in a folder of its own (rate/index.html), the service
worker, the manifest, the FHIR Questionnaires, and web/ with the compiled
app, the style sheets and the icons, each text file and program with a
brotli (.br) and a gzip (.gz) copy beside it. Any static host serves it as
it is (see README, Hosting).
Existing files in DIR are overwritten; others are left alone.

The app's WebAssembly programs must be built first, from the
repository root:

` + site.BuildInstructions("web") + `
('make site' does that.)

Options:
  --base PATH   the path the site will be served under (default /); for a
                host that serves it at https://example.org/honoscope/ use
                --base /honoscope/ so links, the service worker and the
                manifest stay under that path
  --web DIR     the static assets (default web)
  --wasm DIR    where the compiled programs app.wasm and tools.wasm are
                (default: the --web directory)
  --compress    write the .br and .gz copies (default true; brotli's best
                quality takes about a minute for both programs)

Exit status: 0 written, 1 the site could not be written, 2 wrong options.

Examples:
  honoscope site
  honoscope site --base /honoscope/ public
`

func runSite(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlagSet("site")
	base := fs.String("base", "/", "")
	web := fs.String("web", "web", "")
	wasm := fs.String("wasm", "", "")
	compress := fs.Bool("compress", true, "")
	dirs, code := cli.ParseArgs(fs, args, siteUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	dir := "build"
	if len(dirs) == 1 {
		dir = dirs[0]
	}
	b, err := site.CleanBase(*base)
	if err != nil {
		return cli.UsageError(stderr, "site", err.Error())
	}
	if err := site.CheckWasm(site.Config{Web: *web, WasmDir: *wasm}); err != nil {
		fmt.Fprintf(stderr, "honoscope site: %v\n", err)
		return 1
	}
	w, err := site.WriteSite(dir, site.Config{Base: b, Web: *web, WasmDir: *wasm})
	if err != nil {
		fmt.Fprintf(stderr, "honoscope site: %v\n", err)
		return 1
	}
	if *compress {
		if err := site.Compress(dir); err != nil {
			fmt.Fprintf(stderr, "honoscope site: writing the compressed copies: %v\n", err)
			return 1
		}
	}
	fmt.Fprintf(stdout, "Wrote the site for %s into %s (version %s, %d pages).\n", b, dir, w.Version, len(w.Pages))
	return 0
}
