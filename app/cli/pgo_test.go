package cli

import (
	"bufio"
	"flag"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"

	"honoscope/scoring/synth"
)

var pgoOut = flag.String("pgo", "", "write the CPU profile that the command line is built with to this path (TestWritePGOProfile)")

// TestWritePGOProfile writes default.pgo, the CPU profile with which go
// build optimises the command line (profile-guided optimisation: it
// inlines and lays out the hot paths as they run). It profiles change
// (eight times), report and ranges on 1,000,000 generated rows of 250,000
// people, the national-scale run that README times:
//
//	make pgo
//
// Without -pgo it is skipped.
func TestWritePGOProfile(t *testing.T) {
	if *pgoOut == "" {
		t.Skip("set -pgo FILE (make pgo) to write the profile")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "export.csv")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := synth.Write(w, 1_000_000, 250_000, 1); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(*pgoOut)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := pprof.StartCPUProfile(out); err != nil {
		t.Fatal(err)
	}
	runs := [][]string{{"report", "-o", filepath.Join(dir, "report.html"), in}, {"ranges", in}}
	for range 8 {
		runs = append(runs, []string{"change", in})
	}
	for _, args := range runs {
		if code := runCLI(args, nil, io.Discard, io.Discard); code != 0 {
			pprof.StopCPUProfile()
			t.Fatalf("honoscope %v: exit %d", args, code)
		}
	}
	pprof.StopCPUProfile()
}
