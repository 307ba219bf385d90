package cli

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"honoscope/scoring/synth"
)

var bigCSV = flag.String("bigcsv", "", "write the 1,000,000-row benchmark input to this path (TestWriteBigCSV)")

// benchRows and benchPatients size the change budget in README: 1,000,000
// rows for about 100,000 people, read, scored, paired and summarised in ≤ 2 s.
const (
	benchRows     = 1_000_000
	benchPatients = 100_000
)

// writeBigCSV writes n synthetic rows for the given number of patients.
func writeBigCSV(w io.Writer, n, patients int, seed uint64) error {
	return synth.Write(w, n, patients, seed)
}

// TestWriteBigCSV writes the benchmark input for timing the real binary:
//
//	go test -count=1 -run TestWriteBigCSV ./app/cli -args -bigcsv "$PWD/big.csv"
//	go build -o hs . && /usr/bin/time -v ./hs change big.csv > /dev/null
//
// Without -bigcsv it checks the generator on a few rows instead.
func TestWriteBigCSV(t *testing.T) {
	if *bigCSV == "" {
		var b strings.Builder
		if err := writeBigCSV(&b, 50, 10, 1); err != nil {
			t.Fatal(err)
		}
		var out, errs strings.Builder
		if code := runCLI([]string{"score"}, strings.NewReader(b.String()), &out, &errs); code != 0 || errs.Len() != 0 {
			t.Fatalf("the generated rows do not read cleanly: exit %d\n%s", code, errs.String())
		}
		if got := strings.Count(out.String(), "\n"); got != 51 {
			t.Fatalf("score wrote %d lines, want 51", got)
		}
		return
	}
	f, err := os.Create(*bigCSV)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeBigCSV(f, benchRows, benchPatients, 1); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkChange1M measures the whole change pipeline on 1,000,000 rows:
// read, score, pair, classify and write CSV (to io.Discard).
func BenchmarkChange1M(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := writeBigCSV(f, benchRows, benchPatients, 1); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if code := runCLI([]string{"change", path}, nil, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchRows), "ns/row")
}

// BenchmarkScore1M measures the score command on the same 1,000,000 rows.
func BenchmarkScore1M(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := writeBigCSV(f, benchRows, benchPatients, 1); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if code := runCLI([]string{"score", path}, nil, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchRows), "ns/row")
}
