package cli

import (
	"fmt"
	"io"

	"honoscope/content/render"
)

const contentUsage = `Usage: honoscope content check [DIR]

Checks every vignette and guidance page in DIR (default "content"): the
markdown files in DIR/vignettes and DIR/pages or, when DIR has neither, the
markdown files directly in DIR, read as vignettes. README.md is skipped.

It checks that the front matter is complete, ratings are 0-4 or 9, the items
rated are exactly the instrument's, item 8 has a problem type A-K when rated
1-4 (HoNOS, HoNOS 65+), every rating has a rationale, and ids are unique.
Each problem is printed as "file:line: problem". Exit status: 0 when every
file is sound, 1 when any problem is found, 2 on a usage error.

After adding or changing files in content/, run "go generate ./content/..."
(or "make site") to rebuild the bundle the app embeds.
`

// Content runs "honoscope content check [DIR]".
func Content(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		io.WriteString(stdout, contentUsage)
		return 0
	}
	if len(args) == 0 || args[0] != "check" || len(args) > 2 {
		io.WriteString(stderr, contentUsage)
		return 2
	}
	dir := "content"
	if len(args) == 2 {
		if args[1] == "-h" || args[1] == "--help" {
			io.WriteString(stdout, contentUsage)
			return 0
		}
		dir = args[1]
	}
	set, problems, err := render.LoadDir(dir)
	if err != nil {
		fmt.Fprintf(stderr, "honoscope content check: %v\n", err)
		return 2
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, p)
	}
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "honoscope content check: %d problems in %s\n", len(problems), dir)
		return 1
	}
	fmt.Fprintf(stderr, "honoscope content check: %d vignettes and %d pages in %s, no problems\n", len(set.Vignettes), len(set.Pages), dir)
	return 0
}
