package layout

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"honoscope/scoring"
	"honoscope/scoring/synth"
)

// mhsdsExtract returns an MHSDS long file of the given number of generated
// ratings whose rows are not sorted by rating: every other block of rows
// is moved to the end, as an extract ordered by something else would have
// them, and one row is repeated (a problem that needs the rating's other
// rows to be found).
func mhsdsExtract(t *testing.T, ratings int) []byte {
	t.Helper()
	var gen bytes.Buffer
	if err := synth.Write(&gen, ratings, ratings/4, 3); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "gen.csv")
	if err := os.WriteFile(path, gen.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var long bytes.Buffer
	if err := WriteMHSDS(&long, readHonoscopeCSV(t, path)); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(long.String(), "\n")
	header, rows := lines[0], lines[1:]
	if rows[len(rows)-1] == "" {
		rows = rows[:len(rows)-1]
	}
	var front, back []string
	for i := 0; i < len(rows); i += 7 {
		block := rows[i:min(i+7, len(rows))]
		if i/7%2 == 0 {
			front = append(front, block...)
		} else {
			back = append(back, block...)
		}
	}
	out := append([]string{header}, front...)
	out = append(out, back...)
	out = append(out, rows[3])
	return []byte(strings.Join(out, ""))
}

// readWithin reads data with asm, returning the ratings, the problems and
// the report.
func readWithin(t *testing.T, data []byte, asm scoring.Spill, use func(*scoring.Rating)) ([]scoring.Rating, []string, MHSDSReport) {
	t.Helper()
	var rs []scoring.Rating
	var problems []string
	rep, err := ReadMHSDSWithin(bytes.NewReader(data), asm, func(e *scoring.RowError) { problems = append(problems, e.Error()) },
		func(r *scoring.Rating) {
			if use != nil {
				use(r)
			}
			rs = append(rs, *r)
		})
	if err != nil {
		t.Fatal(err)
	}
	return rs, problems, rep
}

// An extract assembled through temporary files gives the ratings of one
// assembled in memory, in the same order, with the same problems, and
// leaves no file behind.
func TestAnMHSDSFileAssembledThroughTemporaryFilesGivesTheSameRatings(t *testing.T) {
	t.Parallel()
	data := mhsdsExtract(t, 4000)
	want, wantProblems, wantRep := readWithin(t, data, scoring.Spill{}, nil)
	if wantRep.Ratings != 4000 || len(wantProblems) != 1 || !strings.Contains(wantProblems[0], "already on an earlier row") {
		t.Fatalf("in memory: report %+v, problems %q", wantRep, wantProblems)
	}
	dir := t.TempDir()
	spilled := false
	got, problems, rep := readWithin(t, data, scoring.Spill{Limit: 64 << 10, Dir: dir}, func(*scoring.Rating) {
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			spilled = true
		}
	})
	if !spilled {
		t.Fatal("the assembly made no temporary files within a 64 KB limit")
	}
	if !rep.ThroughFiles || wantRep.ThroughFiles {
		t.Errorf("ThroughFiles %v through files, %v in memory", rep.ThroughFiles, wantRep.ThroughFiles)
	}
	rep.ThroughFiles = false
	if rep != wantRep || !slices.Equal(problems, wantProblems) {
		t.Errorf("through files: report %+v, problems %q; in memory: %+v, %q", rep, problems, wantRep, wantProblems)
	}
	if len(got) != len(want) {
		t.Fatalf("%d ratings through files, %d in memory", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("rating %d: %+v through files, %+v in memory", i, got[i], want[i])
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d entries left in the temporary folder", len(entries))
	}
}

// A folder that cannot take the files stops the read with an error naming
// it and saying what to do.
func TestAnAssemblyWhoseFolderCannotBeWrittenSaysSo(t *testing.T) {
	t.Parallel()
	data := mhsdsExtract(t, 2000)
	missing := filepath.Join(t.TempDir(), "not-there")
	_, err := ReadMHSDSWithin(bytes.NewReader(data), scoring.Spill{Limit: 16 << 10, Dir: missing}, func(*scoring.RowError) {}, func(*scoring.Rating) {})
	var se *scoring.SpillError
	if !errors.As(err, &se) || se.Dir != missing || !strings.Contains(err.Error(), "--temp-dir") {
		t.Fatalf("error %v, want a SpillError naming %s", err, missing)
	}
}

// What the assembly holds grows with the open ratings, not with their
// rows: each is counted once, by its key and openCost.
func TestAssemblyCountsWhatItHolds(t *testing.T) {
	t.Parallel()
	a := newAssembler(scoring.Spill{}, func(int, int) {})
	for i := 0; i < 10; i++ {
		key := mhsdsKey(fmt.Sprintf("P%d", i), "2024-01-01", scoring.HoNOS, "")
		for item := 1; item <= 12; item++ {
			if err := a.row(key, 0, scoring.HoNOS, i*12+item, item, 1); err != nil {
				t.Fatal(err)
			}
		}
	}
	if want := int64(10 * (len(mhsdsKey("P0", "2024-01-01", scoring.HoNOS, "")) + openCost)); a.held != want {
		t.Errorf("held %d bytes for 10 ratings, want %d", a.held, want)
	}
}

// Whatever the file, assembling through temporary files from its first
// rating on gives what assembling in memory gives: the same ratings in the
// same order, the same problems (as a set: a repeated item is told later)
// and the same counts.
func FuzzMHSDSThroughFilesMatchesInMemory(f *testing.F) {
	f.Add([]byte("Person_ID,AssToolCompDate,CodedAssToolType,PersScore\nA,2024-01-01,979641000000103,3\nB,2024-01-02,979641000000103,2\nA,2024-01-01,979651000000100,1\nA,2024-01-01,979641000000103,4\n"))
	f.Add([]byte("Person_ID,AssToolCompTimestamp,UniqCareActID,CodedAssToolType,PersScore\nA,2024-01-01T10:00:00,1,979641000000103,3\nA,2024-01-01T10:00:00\x00x,2,979641000000103,3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		read := func(asm scoring.Spill) ([]scoring.Rating, []string, MHSDSReport, error) {
			var rs []scoring.Rating
			var problems []string
			rep, err := ReadMHSDSWithin(bytes.NewReader(data), asm, func(e *scoring.RowError) { problems = append(problems, e.Error()) },
				func(r *scoring.Rating) { rs = append(rs, *r) })
			slices.Sort(problems)
			return rs, problems, rep, err
		}
		want, wantProblems, wantRep, wantErr := read(scoring.Spill{})
		dir := t.TempDir()
		got, problems, rep, err := read(scoring.Spill{Limit: 1, Dir: dir})
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("error %v through files, %v in memory", err, wantErr)
		}
		rep.ThroughFiles = false
		if rep != wantRep || !slices.Equal(problems, wantProblems) || !slices.Equal(got, want) {
			t.Fatalf("through files: %+v %q %+v\nin memory: %+v %q %+v", rep, problems, got, wantRep, wantProblems, want)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("%d entries left", len(entries))
		}
	})
}

// failingReader gives its data, then fails as a broken disk or pipe would.
type failingReader struct{ r io.Reader }

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errors.New("the disk failed")
	}
	return n, err
}

// A read that fails after the assembly went to temporary files leaves none
// of them behind.
func TestAnAssemblyStoppedByAFailedReadRemovesItsFiles(t *testing.T) {
	t.Parallel()
	data := mhsdsExtract(t, 2000)
	dir := t.TempDir()
	_, err := ReadMHSDSWithin(&failingReader{bytes.NewReader(data[:len(data)/2])}, scoring.Spill{Limit: 16 << 10, Dir: dir},
		func(*scoring.RowError) {}, func(*scoring.Rating) {})
	if err == nil || !strings.Contains(err.Error(), "the disk failed") {
		t.Fatalf("error %v, want the read's", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d entries left in the temporary folder", len(entries))
	}
}
