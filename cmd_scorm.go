package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"honoscope/app/cli"

	"honoscope/app/site"
	"honoscope/content/bundle"
)

func init() {
	register(cli.Command{
		Name:    "scorm",
		Summary: "write the training section as a SCORM 1.2 or 2004 package for a learning management system",
		Run:     runSCORM,
	})
}

var scormUsage = `Usage: honoscope scorm [--out FILE] [--scorm-version 1.2|2004] [--title TEXT]
                       [--require ID,ID,...] [--mastery SCORE] [--web DIR] [--wasm FILE]

Writes the training section (the vignette library, practice with feedback,
progress and certificate) as a SCORM 1.2 (or 2004) zip that a learning
management system (LMS) can import: imsmanifest.xml with one SCO launching
train.html and the version's XML schemas at the package root, the
pre-rendered pages (each a file at the root, so a reload finds it), the
compiled app and its style sheets and icons. No service worker runs inside
the LMS.

Inside the LMS the learner's record of the course lives in the LMS
(cmi.suspend_data), not in the browser: their best and latest result on
each vignette they rate in the course, and where they were. Two learners
on one computer, or one learner on two, each keep their own. The score is
the mean, over the required vignettes, of the learner's best exact
agreement with the reference ratings on each (0 for one not yet rated),
0-100; the status is "incomplete" until every required vignette is rated,
then "passed" or "failed" against the mastery score (the manifest's, or the
LMS's own setting), or "completed" when there is none. Neither ever goes
backwards. Leaving an unfinished course suspends it; the time spent is
reported. Outside an LMS the pages work unchanged.

The app's WebAssembly programs must be built first, from the
repository root:

` + site.BuildInstructions("web") + `
('make scorm' does that.)

Options:
  --out FILE    the package to write (default build/honoscope-scorm.zip)
  --scorm-version 1.2|2004
                the SCORM version (default 1.2); 2004 writes a SCORM 2004 4th
                Edition package: completion and success apart, a scaled score,
                the mastery score as the primary objective's minimum
                normalised measure, a record of up to 64,000 characters
  --title TEXT  the course's title in the LMS
  --require IDS the vignettes the course requires, comma-separated (default:
                every vignette of the package; 'honoscope content check'
                lists them)
  --mastery N   the mastery score, 0-100, written to the manifest as
                adlcp:masteryscore (default: none, so the course is
                "completed", not passed or failed, unless the LMS sets one)
  --web DIR     the static assets (default web)
  --wasm DIR    where the compiled programs app.wasm and tools.wasm are
                (default: the --web directory)

Exit status: 0 written, 1 the package could not be written, 2 wrong options.

Examples:
  honoscope scorm
  honoscope scorm --out honos-training.zip
  honoscope scorm --title "HoNOS refresher 2027" --mastery 80 \
                  --require honos-01-ward-elated,honos-02-community-low-mood
`

func runSCORM(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlagSet("scorm")
	out := fs.String("out", filepath.Join("build", "honoscope-scorm.zip"), "")
	web := fs.String("web", "web", "")
	wasm := fs.String("wasm", "", "")
	title := fs.String("title", "", "")
	require := fs.String("require", "", "")
	mastery := fs.Int("mastery", -1, "")
	version := fs.String("scorm-version", site.SCORM12, "")
	rest, code := cli.ParseArgs(fs, args, scormUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	if *version != site.SCORM12 && *version != site.SCORM2004 {
		return cli.UsageError(stderr, "scorm", "--scorm-version "+*version+": give 1.2 or 2004")
	}
	course := site.Course{Title: *title, Version: *version}
	if *mastery != -1 {
		if *mastery < 0 || *mastery > 100 {
			return cli.UsageError(stderr, "scorm", fmt.Sprintf("--mastery %d: give a whole score from 0 to 100", *mastery))
		}
		course.Mastery, course.HasMastery = *mastery, true
	}
	for _, id := range strings.Split(*require, ",") {
		if id = strings.TrimSpace(id); id == "" {
			continue
		}
		if _, ok := bundle.Vignette(id); !ok {
			var ids []string
			for _, v := range bundle.Vignettes() {
				ids = append(ids, v.ID)
			}
			return cli.UsageError(stderr, "scorm", "--require: no vignette "+id+" in the package; the vignettes are: "+strings.Join(ids, ", "))
		}
		course.Require = append(course.Require, id)
	}
	if len(rest) > 0 {
		return cli.UsageError(stderr, "scorm", "unexpected argument "+rest[0]+": give the output with --out FILE")
	}
	if err := site.CheckWasm(site.Config{Web: *web, WasmDir: *wasm}); err != nil {
		fmt.Fprintf(stderr, "honoscope scorm: %v\n", err)
		return 1
	}
	n, err := writeSCORM(*out, site.Config{Web: *web, WasmDir: *wasm, Course: course})
	if err != nil {
		fmt.Fprintf(stderr, "honoscope scorm: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Wrote the SCORM %s package %s (%d files).\n", *version, *out, n)
	return 0
}

// writeSCORM builds the package in a temporary folder and zips it to out,
// replacing out only once the zip is complete.
func writeSCORM(out string, cfg site.Config) (int, error) {
	tmp, err := os.MkdirTemp("", "honoscope-scorm-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	files, err := site.WriteSCORMDir(tmp, cfg)
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
