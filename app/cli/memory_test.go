package cli

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"honoscope/scoring/synth"
)

// generatedExport writes a generated export of rows ratings of people
// (synth.Write with seed) into a test folder, and makes an empty folder for
// temporary files beside it.
func generatedExport(t *testing.T, rows, people int, seed uint64) (in, tmp string) {
	t.Helper()
	dir := t.TempDir()
	in, tmp = filepath.Join(dir, "export.csv"), filepath.Join(dir, "tmp")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := synth.Write(w, rows, people, seed); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	return in, tmp
}

// With too little memory for its people, 'honoscope change' pairs through
// temporary files and writes exactly the pairs and summary it writes in
// memory, says it did so, and removes its files.
func TestChangeThroughTemporaryFilesWritesTheSamePairs(t *testing.T) {
	t.Parallel()
	in, tmp := generatedExport(t, 200_000, 50_000, 4)
	for _, args := range [][]string{nil, {"--consecutive"}, {"--method", "es"}} {
		var out1, err1, out2, err2 bytes.Buffer
		if code := runCLI(append(append([]string{"change"}, args...), in), nil, &out1, &err1); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, err1.String())
		}
		if code := runCLI(append(append([]string{"change", "--memory", "4MB", "--temp-dir", tmp}, args...), in), nil, &out2, &err2); code != 0 {
			t.Fatalf("%v with 4MB: exit %d: %s", args, code, err2.String())
		}
		if !bytes.Equal(out1.Bytes(), out2.Bytes()) || out1.Len() < 1000 {
			t.Errorf("%v: the pairs differ (%d and %d bytes)", args, out1.Len(), out2.Len())
		}
		first1, _, _ := strings.Cut(err1.String(), "\n")
		first2, rest, _ := strings.Cut(err2.String(), "\n")
		if first1 != first2 {
			t.Errorf("%v: the summary differs:\n%s\n%s", args, first1, first2)
		}
		if !strings.Contains(rest, "paired through temporary files") || strings.Contains(err1.String(), "temporary files") {
			t.Errorf("%v: the note on temporary files: %q / %q", args, err1.String(), err2.String())
		}
		if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
			t.Errorf("%v: %d temporary files left", args, len(entries))
		}
	}
}

// When the temporary files cannot be written the command stops with a
// status of 1 and says what to do, naming the folder.
func TestChangeSaysWhenItsTemporaryFilesCannotBeWritten(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notADir := filepath.Join(dir, "not-a-folder")
	if err := os.WriteFile(notADir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("patient,date,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12\n")
	for i := range 2000 {
		b.WriteString("P" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + ",2024-01-0" + string(rune('1'+i%9)) + ",1,1,1,1,1,1,1,1,1,1,1,1\n")
	}
	var out, errb bytes.Buffer
	code := runCLI([]string{"change", "--memory", "1MB", "--temp-dir", notADir, "-"}, strings.NewReader(b.String()), &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), notADir) || !strings.Contains(errb.String(), "--temp-dir") {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
}

func TestParseSize(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int64{"512MB": 512 << 20, "2GB": 2 << 30, "1.5g": 3 << 29, " 64 mb ": 64 << 20, "1048576": 1 << 20, "1MB": 1 << 20} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "lots", "-2GB", "0.5MB", "NaNGB", "Inf", "1PB2"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) accepted", in)
		}
	}
}

// An MHSDS long extract too big for the memory allowed is assembled into
// ratings through temporary files, and gives the pairs it gives in memory.
func TestChangeAssemblesAnMHSDSFileThroughTemporaryFilesWithTheSamePairs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var gen, long, stderr bytes.Buffer
	if err := synth.Write(&gen, 20_000, 5_000, 6); err != nil {
		t.Fatal(err)
	}
	if code := runCLI([]string{"convert", "--to", "mhsds", "-"}, &gen, &long, &stderr); code != 0 {
		t.Fatalf("convert: exit %d: %s", code, stderr.String())
	}
	in := filepath.Join(dir, "mhs607.csv")
	if err := os.WriteFile(in, long.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	var out1, err1, out2, err2 bytes.Buffer
	if code := runCLI([]string{"change", in}, nil, &out1, &err1); code != 0 {
		t.Fatalf("exit %d: %s", code, err1.String())
	}
	if code := runCLI([]string{"change", "--memory", "1MB", "--temp-dir", tmp, in}, nil, &out2, &err2); code != 0 {
		t.Fatalf("with 1MB: exit %d: %s", code, err2.String())
	}
	if !bytes.Equal(out1.Bytes(), out2.Bytes()) || out1.Len() < 1000 {
		t.Errorf("the pairs differ (%d and %d bytes)", out1.Len(), out2.Len())
	}
	if !strings.Contains(err2.String(), "assembled through temporary files") || strings.Contains(err1.String(), "temporary files") {
		t.Errorf("the note on temporary files: %q / %q", err1.String(), err2.String())
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("%d temporary files left", len(entries))
	}
	// convert assembles the same way and writes the same ratings.
	var conv1, conv2 bytes.Buffer
	err1.Reset()
	err2.Reset()
	if code := runCLI([]string{"convert", "--to", "meteor", in}, nil, &conv1, &err1); code != 0 {
		t.Fatalf("convert: exit %d: %s", code, err1.String())
	}
	if code := runCLI([]string{"convert", "--memory", "1MB", "--temp-dir", tmp, "--to", "meteor", in}, nil, &conv2, &err2); code != 0 {
		t.Fatalf("convert with 1MB: exit %d: %s", code, err2.String())
	}
	if !bytes.Equal(conv1.Bytes(), conv2.Bytes()) || !strings.Contains(err2.String(), "assembled through temporary files") {
		t.Errorf("convert through files: %d and %d bytes; %q", conv1.Len(), conv2.Len(), err2.String())
	}
}

// The report counts its pairs as they are made: through temporary files
// it draws byte for byte the report it draws in memory.
func TestReportThroughTemporaryFilesDrawsTheSameReport(t *testing.T) {
	t.Parallel()
	in, tmp := generatedExport(t, 100_000, 25_000, 8)
	dir := filepath.Dir(in)
	for _, args := range [][]string{nil, {"--consecutive"}, {"--team", "South CMHT"}} {
		one, two := filepath.Join(dir, "one.html"), filepath.Join(dir, "two.html")
		var err1, err2 bytes.Buffer
		if code := runCLI(append(append([]string{"report", "-o", one}, args...), in), nil, io.Discard, &err1); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, err1.String())
		}
		if code := runCLI(append(append([]string{"report", "--memory", "1MB", "--temp-dir", tmp, "-o", two}, args...), in), nil, io.Discard, &err2); code != 0 {
			t.Fatalf("%v with 1MB: exit %d: %s", args, code, err2.String())
		}
		a, _ := os.ReadFile(one)
		b, _ := os.ReadFile(two)
		if !bytes.Equal(a, b) || !bytes.Contains(a, []byte("chart-funnel")) {
			t.Errorf("%v: the reports differ (%d and %d bytes)", args, len(a), len(b))
		}
		if !strings.Contains(err2.String(), "paired through temporary files") || strings.Contains(err1.String(), "temporary files") {
			t.Errorf("%v: the note on temporary files: %q / %q", args, err1.String(), err2.String())
		}
		if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
			t.Errorf("%v: %d temporary files left", args, len(entries))
		}
	}
}

// The expected-change ranges count their pairs as they are made: through
// temporary files they are the ranges made in memory.
func TestRangesThroughTemporaryFilesAreTheSameRanges(t *testing.T) {
	t.Parallel()
	in, tmp := generatedExport(t, 100_000, 25_000, 9)
	for _, args := range [][]string{nil, {"--method", "es"}} {
		var out1, err1, out2, err2 bytes.Buffer
		if code := runCLI(append(append([]string{"ranges"}, args...), in), nil, &out1, &err1); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, err1.String())
		}
		if code := runCLI(append(append([]string{"ranges", "--memory", "1MB", "--temp-dir", tmp}, args...), in), nil, &out2, &err2); code != 0 {
			t.Fatalf("%v with 1MB: exit %d: %s", args, code, err2.String())
		}
		if !bytes.Equal(out1.Bytes(), out2.Bytes()) || !bytes.Contains(out1.Bytes(), []byte(`"median"`)) {
			t.Errorf("%v: the ranges differ:\n%s\n%s", args, out1.String(), out2.String())
		}
		if !strings.Contains(err2.String(), "paired through temporary files") {
			t.Errorf("%v: no note on temporary files: %q", args, err2.String())
		}
		if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
			t.Errorf("%v: %d temporary files left", args, len(entries))
		}
	}
}

// An interrupted run through temporary files removes them before it stops.
func TestAnInterruptedChangeRemovesItsTemporaryFiles(t *testing.T) {
	if os.Getenv("HONOSCOPE_CHANGE_CHILD") == "1" {
		os.Exit(Change(strings.Split(os.Getenv("HONOSCOPE_CHANGE_ARGS"), " "), os.Stdin, io.Discard, os.Stderr))
	}
	t.Parallel()
	tmp := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestAnInterruptedChangeRemovesItsTemporaryFiles$")
	cmd.Env = append(os.Environ(), "HONOSCOPE_CHANGE_CHILD=1", "HONOSCOPE_CHANGE_ARGS=--memory 1MB --temp-dir "+tmp+" -")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// More ratings than 1 MB holds, and the input left open, as a long
	// read would be when someone presses Ctrl-C.
	w := bufio.NewWriter(in)
	if err := synth.Write(w, 20_000, 5_000, 9); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	files := func() int {
		n := 0
		filepath.WalkDir(tmp, func(_ string, d os.DirEntry, _ error) error {
			if d != nil && !d.IsDir() {
				n++
			}
			return nil
		})
		return n
	}
	deadline := time.Now().Add(30 * time.Second)
	for files() == 0 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no temporary files appeared: %s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	err = cmd.Wait()
	in.Close()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 || !strings.Contains(stderr.String(), "temporary files are removed") {
		t.Fatalf("exit %v: %s", err, stderr.String())
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("%d entries left in the temporary folder", len(entries))
	}
}
