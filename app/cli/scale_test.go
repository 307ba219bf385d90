//go:build linux

package cli

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"honoscope/scoring/synth"
)

// TestScaleOfChange times the built command on generated national-scale
// exports and reads its peak memory from the kernel (getrusage's maximum
// resident set), for README's figures: 1,000,000 rows of 250,000 people and
// 10,000,000 rows of 2,500,000 people, as an MHSDS-sized extract. It runs
// only with HONOSCOPE_SCALE=1 ('make bench-scale'): it writes about 900 MB
// to a temporary folder and takes a few minutes.
func TestScaleOfChange(t *testing.T) {
	if os.Getenv("HONOSCOPE_SCALE") != "1" {
		t.Skip("set HONOSCOPE_SCALE=1 (make bench-scale) to time 1 M and 10 M rows")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "honoscope")
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, c := range []struct {
		rows, people, runs int
	}{{1_000_000, 250_000, 5}, {10_000_000, 2_500_000, 3}} {
		in := filepath.Join(dir, "export.csv")
		f, err := os.Create(in)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		if err := synth.Write(w, c.rows, c.people, 1); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		var secs []float64
		var peak int64
		var first []byte
		for range c.runs {
			out, err := os.Create(filepath.Join(dir, "pairs.csv"))
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "change", in)
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = out, &stderr
			start := time.Now()
			if err := cmd.Run(); err != nil {
				t.Fatalf("honoscope change: %v\n%s", err, stderr.String())
			}
			secs = append(secs, time.Since(start).Seconds())
			out.Close()
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				peak = max(peak, ru.Maxrss) // KiB on Linux
			}
			got, err := os.ReadFile(filepath.Join(dir, "pairs.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first = got
			} else if !bytes.Equal(first, got) {
				t.Fatal("two runs wrote different pairs")
			}
		}
		slices.Sort(secs)
		t.Logf("%d rows, %d people: median %.2f s (%.2f–%.2f s over %d runs), peak RSS %.0f MB, %d bytes of pairs",
			c.rows, c.people, secs[len(secs)/2], secs[0], secs[len(secs)-1], c.runs, float64(peak)/1024, len(first))
	}
}
