package cli

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"honoscope/scoring/synth"
)

// On a terminal a long read shows a progress line, redrawn in place and
// cleared at the end; a rejected row's line is never written inside it.
// Elsewhere (a file, a pipe) there is none.
func TestALongReadShowsProgressOnATerminalOnly(t *testing.T) {
	// Not parallel: it sets the package's terminal test and interval.
	path := filepath.Join(t.TempDir(), "big.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := synth.Write(w, 300_000, 30_000, 3); err != nil {
		t.Fatal(err)
	}
	w.WriteString("P1,2024-13-01,honos,0,0,0,0,0,0,0,0,,0,0,0,0,,,,,,\n") // a bad date
	w.Flush()
	f.Close()

	oldTerm, oldEvery := isTerminal, progressEvery
	defer func() { isTerminal, progressEvery = oldTerm, oldEvery }()
	progressEvery = 5 * time.Millisecond
	isTerminal = func(io.Writer) bool { return true }
	var stderr bytes.Buffer
	Change([]string{path}, nil, io.Discard, &stderr)
	out := stderr.String()
	if !regexp.MustCompile(`\r\x1b\[Khonoscope change: [0-9,]+ ratings read, [0-9,]+ a second, \d+% of the file, about \d+s left`).MatchString(out) {
		t.Fatalf("no progress line in %q", out[:min(len(out), 400)])
	}
	// Every rejected row and the method line start on a line of their own.
	clean := regexp.MustCompile(`\r\x1b\[K(honoscope change: [0-9,]+ ratings read[^\r]*)?`).ReplaceAllString(out, "")
	if !strings.Contains(clean, "\nline 300002: column date:") && !strings.HasPrefix(clean, "line 300002: column date:") {
		t.Errorf("the rejected row is not on a line of its own: %q", clean[:min(len(clean), 400)])
	}
	if !strings.Contains(clean, "\nmethod: ") && !strings.HasPrefix(clean, "method: ") {
		t.Errorf("the method line is not on a line of its own: %q", clean)
	}

	isTerminal = func(io.Writer) bool { return false }
	stderr.Reset()
	Change([]string{path}, nil, io.Discard, &stderr)
	if strings.Contains(stderr.String(), "ratings read") || strings.Contains(stderr.String(), "\r") {
		t.Errorf("progress off a terminal: %q", stderr.String())
	}
	if thousands(1234567) != "1,234,567" || thousands(12) != "12" || thousands(-1234) != "-1,234" {
		t.Error("thousands")
	}
}

// A character device that is not a terminal, such as /dev/null, gets no
// progress line, nor does a file.
func TestNoProgressLineOnDevNullOrAFile(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if isTerminal(null) {
		t.Errorf("%s is taken for a terminal", os.DevNull)
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("a file is taken for a terminal")
	}
}
