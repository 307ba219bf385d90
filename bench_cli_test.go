//go:build !(js && wasm)

package main

import (
	"bufio"
	"flag"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var bigCSV = flag.String("bigcsv", "", "write the 1,000,000-row benchmark input to this path (TestWriteBigCSV)")

// benchRows and benchPatients size the change budget of the issue: 1,000,000
// rows for about 100,000 people, read, scored, paired and summarised in ≤ 2 s.
const (
	benchRows     = 1_000_000
	benchPatients = 100_000
)

// writeBigCSV writes n realistic rows for the given number of patients:
// mostly HoNOS with some HoNOS 65+ and HoNOSCA, codes skewed towards 0–2 with
// an occasional 9, item 8 types, team and setting labels, an MHCT item 13 on
// HoNOS rows and an extra column; rows in random patient order, as exports
// sorted by date interleave people. The same seed gives the same file.
func writeBigCSV(w io.Writer, n, patients int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	rng := rand.New(rand.NewPCG(seed, 2))
	bw.WriteString("patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item8_type,item9,item10,item11,item12,item13,item14,item15,team,setting,cluster\n")
	instr := [...]string{"honos", "honos", "honos", "honos", "honos65", "honosca"}
	teams := [...]string{"North CMHT", "South CMHT", "Early intervention", "Older adults", "CAMHS"}
	settings := [...]string{"community", "inpatient"}
	var line []byte
	for i := 0; i < n; i++ {
		p := rng.IntN(patients)
		in := instr[p%len(instr)]
		line = append(line[:0], "ID"...)
		line = strconv.AppendInt(line, int64(100000+p), 10)
		line = append(line, ',')
		day, month, year := 1+rng.IntN(28), 1+rng.IntN(12), 2018+rng.IntN(7)
		line = strconv.AppendInt(line, int64(year), 10)
		line = append(line, '-', byte('0'+month/10), byte('0'+month%10), '-', byte('0'+day/10), byte('0'+day%10), ',')
		line = append(line, in...)
		for item := 1; item <= 15; item++ {
			line = append(line, ',')
			if item > 13 && in != "honosca" {
				continue
			}
			switch c := rng.IntN(20); {
			case c == 0:
				line = append(line, '9')
			case c < 8:
				line = append(line, '0')
			case c < 13:
				line = append(line, '1')
			case c < 17:
				line = append(line, '2')
			case c < 19:
				line = append(line, '3')
			default:
				line = append(line, '4')
			}
			if item == 8 {
				line = append(line, ',')
				if in != "honosca" {
					line = append(line, byte('A'+rng.IntN(11)))
				}
			}
		}
		line = append(line, ',')
		line = append(line, teams[p%len(teams)]...)
		line = append(line, ',')
		line = append(line, settings[rng.IntN(len(settings))]...)
		line = append(line, ",C"...)
		line = strconv.AppendInt(line, int64(rng.IntN(21)), 10)
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// TestWriteBigCSV writes the benchmark input for timing the real binary:
//
//	go test -run TestWriteBigCSV -bigcsv /tmp/big.csv .
//	go build -o /tmp/hs . && /usr/bin/time -v /tmp/hs change /tmp/big.csv > /dev/null
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
