//go:build linux

package cli

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
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
	made := 0
	var inMemory string
	for _, c := range []struct {
		rows, people, runs int
		memory             string
	}{{1_000_000, 250_000, 5, ""}, {10_000_000, 2_500_000, 3, ""}, {10_000_000, 2_500_000, 3, "256MB"}} {
		in := filepath.Join(dir, "export.csv")
		if made != c.rows {
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
			made = c.rows
		}
		var secs []float64
		var peak int64
		var first string
		var size int64
		for range c.runs {
			// A child's peak RSS as Linux reports it includes its
			// parent's at the fork, so this process holds little and
			// gives its memory back before each run.
			debug.FreeOSMemory()
			out, err := os.Create(filepath.Join(dir, "pairs.csv"))
			if err != nil {
				t.Fatal(err)
			}
			args := []string{"change", in}
			if c.memory != "" {
				args = []string{"change", "--memory", c.memory, "--temp-dir", dir, in}
			}
			cmd := exec.Command(bin, args...)
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
			got, n := fileDigest(t, filepath.Join(dir, "pairs.csv"))
			if first == "" {
				first, size = got, n
			} else if first != got {
				t.Fatal("two runs wrote different pairs")
			}
		}
		slices.Sort(secs)
		how := "in memory"
		if c.memory != "" {
			how = "with --memory " + c.memory + " (through temporary files)"
			if first != inMemory {
				t.Fatal("the pairs made through temporary files differ from those made in memory")
			}
		} else {
			inMemory = first
		}
		t.Logf("%d rows, %d people, %s: median %.2f s (%.2f–%.2f s over %d runs), peak RSS %.0f MB, %d bytes of pairs",
			c.rows, c.people, how, secs[len(secs)/2], secs[0], secs[len(secs)-1], c.runs, float64(peak)/1024, size)
	}
}

// fileDigest returns the SHA-256 of a file, read as a stream, and its size.
func fileDigest(t *testing.T, path string) (string, int64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil)), n
}
