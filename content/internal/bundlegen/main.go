// Command bundlegen checks the markdown content and writes the Go source of
// package content/bundle. It runs through "go generate ./content/..." (see
// content/bundle/bundle.go); it prints every problem as "file:line: problem"
// and writes nothing when there is any.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"honoscope/content/render"
)

func main() {
	dir := flag.String("content", "..", "the content folder holding vignettes/ and pages/")
	out := flag.String("out", "data_gen.go", "the Go file to write")
	flag.Parse()
	set, problems, err := render.LoadDir(*dir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "bundlegen: %v\n", err)
		os.Exit(1)
	}
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, p)
	}
	if len(problems) > 0 {
		fmt.Fprintf(os.Stderr, "bundlegen: %d problems; %s not written\n", len(problems), *out)
		os.Exit(1)
	}
	src, err := render.GenerateGo(set)
	if err != nil {
		fmt.Fprintf(os.Stderr, "bundlegen: %v\n", err)
		os.Exit(1)
	}
	if old, err := os.ReadFile(*out); err == nil && bytes.Equal(old, src) {
		return
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "bundlegen: %v\n", err)
		os.Exit(1)
	}
}
