package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"honoscope/scoring"
)

// defaultMemory is what the pairing may use unless told otherwise: an
// analyst's laptop has 8 to 16 GB with other work open, and 2 GB pairs
// about 40 million ratings in memory (10 million take about 0.75 GB).
const defaultMemory = 2 << 30

// spillShare is the part of the memory limit the cohort itself may hold
// before it spills: the rest is the garbage collector's headroom, the
// reader's buffers and the output.
const spillShare = 0.6

// minRuntimeLimit is the smallest limit also given to the Go runtime: below
// it the garbage collector would run all the time, and a small --memory is
// better served by spilling early.
const minRuntimeLimit = 256 << 20

// memoryFlags are the options that bound the memory of a long analysis.
type memoryFlags struct {
	memory, tempDir string
}

func (m *memoryFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&m.memory, "memory", "", "")
	fs.StringVar(&m.tempDir, "temp-dir", "", "")
}

// spill reads the options into the cohort's spill settings, and sets the Go
// runtime's soft memory limit to the same figure, so that the garbage
// collector works harder rather than let the process grow past it. code
// is -1 to go on, else the exit status (with the problem on stderr).
func (m *memoryFlags) spill(name string, stderr io.Writer) (scoring.Spill, int) {
	limit := int64(defaultMemory)
	if m.memory != "" {
		n, err := parseSize(m.memory)
		if err != nil {
			return scoring.Spill{}, UsageError(stderr, name, "--memory: "+err.Error())
		}
		limit = n
	}
	if limit >= minRuntimeLimit {
		debug.SetMemoryLimit(limit)
	}
	return scoring.Spill{Limit: int64(float64(limit) * spillShare), Dir: m.tempDir}, -1
}

// parseSize reads a size such as 512MB, 2GB, 1.5G or 1073741824 (bytes).
// KB, MB and GB are binary (1 GB = 1024 MB), as memory is counted.
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := 1.0
	for _, u := range []struct {
		suffix string
		m      float64
	}{{"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"TB", 1 << 40}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.m
			break
		}
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q is not a size: write it as, for example, 512MB or 2GB", s)
	}
	n := x * mult
	if n < 1<<20 || n > 1<<50 {
		return 0, fmt.Errorf("%s is outside what can be used: give 1MB or more", s)
	}
	return int64(n), nil
}

// limitText says the memory limit in force as the user would write it.
func (m *memoryFlags) limitText() string {
	if m.memory != "" {
		return m.memory
	}
	return "2GB"
}

// setUp reads the options (spill) and makes the folder for the temporary
// files (workDir): it returns the spill settings, with their folder, the
// function that removes the folder (to defer at once), and -1 to go on, or
// the exit status with the problem on stderr.
func (m *memoryFlags) setUp(name string, stderr io.Writer) (scoring.Spill, func(), int) {
	sp, code := m.spill(name, stderr)
	if code >= 0 {
		return sp, func() {}, code
	}
	var cleanup func()
	sp.Dir, cleanup = m.workDir(name, stderr)
	return sp, cleanup, -1
}

// workDir makes the folder for the pairing's temporary files inside
// --temp-dir, and returns it with a function that removes it. Until that
// is called, an interrupt (Ctrl-C, a scheduler's SIGTERM) removes it too
// before the command stops with status 130: an interrupted national run
// would otherwise leave gigabytes behind. When the folder cannot be made,
// the pairing is left to say so if it ever needs it.
func (m *memoryFlags) workDir(name string, stderr io.Writer) (string, func()) {
	dir, err := os.MkdirTemp(m.tempDir, "honoscope-"+name+"-")
	if err != nil {
		return m.tempDir, func() {}
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	var stopping atomic.Bool
	go func() {
		select {
		case s := <-sig:
			stopping.Store(true)
			removeWhileWritten(dir)
			fmt.Fprintf(stderr, "\nhonoscope %s: stopped (%v): the pairs written so far are incomplete, and the temporary files are removed\n", name, s)
			os.Exit(130)
		case <-done:
		}
	}()
	return dir, func() {
		if stopping.Load() {
			// The interrupt is removing the folder and will end the
			// process with its own status; a pairing that failed because
			// its files vanished must not end it first with another.
			select {}
		}
		signal.Stop(sig)
		close(done)
		os.RemoveAll(dir)
	}
}

// removeWhileWritten removes dir while the pairing may still be writing
// into it. One os.RemoveAll can lose that race: a file made after it has
// listed the folder leaves the folder not empty. Once the folder itself
// is gone nothing more can be made in it, so a few tries are enough.
func removeWhileWritten(dir string) {
	for i := 0; i < 100; i++ {
		os.RemoveAll(dir)
		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}
