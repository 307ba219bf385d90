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
		Name:    "scorm",
		Summary: "write the training section as a SCORM 1.2 package for a learning management system",
		Run:     runSCORM,
	})
}

var scormUsage = `Usage: honoscope scorm [--out FILE] [--web DIR] [--wasm FILE]

Writes the training section (the vignette library, practice with feedback,
progress and certificate) as a SCORM 1.2 zip that a learning management
system (LMS) can import: imsmanifest.xml with one SCO launching train.html,
the pre-rendered pages, the compiled app and its style sheets and icons.

Inside the LMS the app reports completion and a score (exact agreement with
the reference ratings × 100) through the SCORM 1.2 API; the status is
"passed" when the LMS sets a mastery score and the score reaches it,
otherwise "completed". Practice stays in the learner's browser; only the
status and score go to the LMS. Outside an LMS the pages work unchanged.

The app's WebAssembly programs must be built first, from the
repository root:

` + site.BuildInstructions("web") + `
('make scorm' does that.)

Options:
  --out FILE    the package to write (default build/honoscope-scorm.zip)
  --web DIR     the static assets (default web)
  --wasm DIR    where the compiled programs app.wasm and tools.wasm are
                (default: the --web directory)

Exit status: 0 written, 1 the package could not be written, 2 wrong options.

Examples:
  honoscope scorm
  honoscope scorm --out honos-training.zip
`

func runSCORM(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlagSet("scorm")
	out := fs.String("out", filepath.Join("build", "honoscope-scorm.zip"), "")
	web := fs.String("web", "web", "")
	wasm := fs.String("wasm", "", "")
	rest, code := cli.ParseArgs(fs, args, scormUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	if len(rest) > 0 {
		return cli.UsageError(stderr, "scorm", "unexpected argument "+rest[0]+": give the output with --out FILE")
	}
	if err := site.CheckWasm(site.Config{Web: *web, WasmDir: *wasm}); err != nil {
		fmt.Fprintf(stderr, "honoscope scorm: %v\n", err)
		return 1
	}
	n, err := writeSCORM(*out, *web, *wasm)
	if err != nil {
		fmt.Fprintf(stderr, "honoscope scorm: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Wrote the SCORM 1.2 package %s (%d files).\n", *out, n)
	return 0
}

// writeSCORM builds the package in a temporary folder and zips it to out,
// replacing out only once the zip is complete.
func writeSCORM(out, web, wasm string) (int, error) {
	tmp, err := os.MkdirTemp("", "honoscope-scorm-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	files, err := site.WriteSCORMDir(tmp, site.Config{Web: web, WasmDir: wasm})
	if err != nil {
		return 0, err
	}
	if dir := filepath.Dir(out); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return 0, err
		}
	}
	f, err := os.CreateTemp(filepath.Dir(out), ".honoscope-scorm-*.zip")
	if err != nil {
		return 0, err
	}
	defer os.Remove(f.Name())
	if err := site.ZipDir(f, tmp, files); err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Chmod(0o644); err != nil { // CreateTemp makes it private
		f.Close()
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	return len(files), os.Rename(f.Name(), out)
}
