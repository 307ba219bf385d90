package scoring

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// readResult is what a read of a file gave.
type readResult struct {
	ratings  []Rating
	problems []RowError
	rep      ReadReport
	err      error
}

// readBothWays reads data row by row and in parallel chunks of size bytes,
// with the patient labels copied and lent (ReadOptions.Borrow), and fails
// unless every read gives the same ratings, problems in the same order
// and the same report.
func readBothWays(t *testing.T, data []byte, size int) {
	t.Helper()
	read := func(sequential, borrow bool) (res readResult, ok bool) {
		rd, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return res, false
		}
		rd.sequential, rd.chunkSize = sequential, size
		res.rep, res.err = rd.ReadAll(ReadOptions{Keep: 5, Borrow: borrow, Problem: func(e *RowError) { res.problems = append(res.problems, *e) }},
			func(r *Rating) {
				k := *r
				if borrow {
					k.Patient = strings.Clone(k.Patient) // lent only for the call
				}
				res.ratings = append(res.ratings, k)
			})
		return res, true
	}
	one, ok := read(true, false)
	if !ok {
		return
	}
	par, _ := read(false, false)
	compareReads(t, fmt.Sprintf("chunks of %d", size), one, par)
	lent, _ := read(false, true)
	compareReads(t, fmt.Sprintf("chunks of %d, labels lent", size), one, lent)
}

// compareReads fails unless par, a read in parallel, gave what one, a read
// row by row, gave.
func compareReads(t *testing.T, how string, one, par readResult) {
	t.Helper()
	if !reflect.DeepEqual(one.ratings, par.ratings) {
		n := min(len(one.ratings), len(par.ratings))
		for i := range n {
			if !reflect.DeepEqual(one.ratings[i], par.ratings[i]) {
				t.Fatalf("%s: rating %d differs:\n%+v\n%+v", how, i, one.ratings[i], par.ratings[i])
			}
		}
		t.Fatalf("%s: %d ratings, row by row %d", how, len(par.ratings), len(one.ratings))
	}
	if !reflect.DeepEqual(one.problems, par.problems) {
		t.Fatalf("%s: problems differ:\n%v\n%v", how, one.problems, par.problems)
	}
	if !reflect.DeepEqual(one.rep, par.rep) || fmt.Sprint(one.err) != fmt.Sprint(par.err) {
		t.Fatalf("%s: report %+v %v, row by row %+v %v", how, par.rep, par.err, one.rep, one.err)
	}
}

// tricky is a file with what can go wrong where a chunk ends: quoted cells
// over several lines, doubled quotes, misplaced quotes, CRLF and bare CR,
// blank lines, rejected rows, warnings, and HoNOSCA rows in a file without
// an item13 column.
func tricky() []byte {
	var b strings.Builder
	b.WriteString("patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item8_type,item9,item10,item11,item12,team\n")
	for i := range 300 {
		items := "1,2,0,0,1,2,3,2,B,0,0,1,1"
		switch i % 13 {
		case 0:
			fmt.Fprintf(&b, "\"P%d\",2024-01-%02d,honos,%s,\"Team, \"\"North\"\"\"\n", i, 1+i%28, items)
		case 1:
			fmt.Fprintf(&b, "P%d,2024-02-%02d,honos,%s,\"a team\nover two lines\"\r\n", i, 1+i%28, items)
		case 2:
			fmt.Fprintf(&b, "P%d,2024-02-30,honos,%s,North\n", i, items) // not a date
		case 3:
			fmt.Fprintf(&b, "P%d,2024-03-01,honosca,%s,North\n", i, items) // HoNOSCA without item13
		case 4:
			fmt.Fprintf(&b, "P\"%d,2024-03-01,honos,%s,North\n", i, items) // bare quote
		case 5:
			fmt.Fprintf(&b, "\"P%d\"x,2024-03-01,honos,%s,North\n", i, items) // text after a closing quote
		case 6:
			b.WriteString("\n\r\n")
		case 7:
			fmt.Fprintf(&b, "P%d,2024-03-02,honos,1,2,0,0,1,2,3,2,,0,0,1,1,South\n", i) // item 8 without its type
		case 8:
			fmt.Fprintf(&b, "P%d,2024-03-02,honos,1,2\n", i) // too few fields
		case 9:
			fmt.Fprintf(&b, "Jose\u0301%d,2024-03-03,honos,%s,North\n", i%3, items) // not in NFC: made so
		case 10:
			fmt.Fprintf(&b, "'=P%d,2024-03-04,honos,%s,North\n", i%2, items) // guarded against formulas
		default:
			fmt.Fprintf(&b, "P%d,2024-04-%02d,honos65,%s,West\r\n", i, 1+i%28, items)
		}
	}
	b.WriteString("P-last,2024-05-01,honos,1,2,0,0,1,2,3,2,B,0,0,1,1,\"East\r") // no line end
	return []byte(b.String())
}

// Reading in parallel chunks gives exactly what reading row by row gives,
// wherever the chunks end: ratings, problems in order, warnings (the
// missing item13 column once, on the same row) and counts.
func TestParallelReadingMatchesRowByRow(t *testing.T) {
	t.Parallel()
	files := [][]byte{tricky(), append(tricky(), "\n\"P-unclosed,2024-05-01,honos\n1,2\n"...)}
	paths, _ := filepath.Glob(filepath.Join("testdata", "csv", "*.csv"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, data)
	}
	for i, data := range files {
		for _, size := range []int{1, 2, 7, 64, 333, 4096, 1 << 20} {
			t.Run(fmt.Sprintf("file%d/%d", i, size), func(t *testing.T) { readBothWays(t, data, size) })
		}
	}
}

// FuzzParallelReadingMatchesRowByRow checks the same on any bytes.
func FuzzParallelReadingMatchesRowByRow(f *testing.F) {
	f.Add(tricky(), uint16(50))
	h := "patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item13,item14,item15,item8_type\n"
	f.Add([]byte(h+"A,2024-01-01,honos,0,1,2,3,4,9,8,7,,0,0,0,4,4,4,B\n\"B\n\",2024-01-01,honosca,0,1,2,3,4,9,8,7,,0,0,0,4,4,4,\n"), uint16(3))
	f.Add([]byte("patient,date,item1\n\"a\"\"\nb\",2024-01-01,1\r\nx,2024-01-02,\"2\n"), uint16(1))
	f.Fuzz(func(t *testing.T, data []byte, size uint16) {
		readBothWays(t, data, 1+int(size%512))
	})
}

// A cohort fed ratings whose patient labels are lent (ReadOptions.Borrow),
// from small chunks whose text is soon read over, pairs exactly as one fed
// copies row by row: Cohort.Add keeps nothing it was lent.
func TestACohortKeepsNothingLent(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := writeRatings(&buf, 20_000, 7); err != nil {
		t.Fatal(err)
	}
	buf.Write(tricky()[strings.IndexByte(string(tricky()), '\n')+1:])
	pairs := func(sequential, borrow bool, mode PairMode) []Pair {
		rd, err := NewReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		rd.sequential, rd.chunkSize = sequential, 4096
		c := NewCohort(mode, DefaultRules())
		if _, err := rd.ReadAll(ReadOptions{Borrow: borrow}, c.Add); err != nil {
			t.Fatal(err)
		}
		var out []Pair
		if err := c.EachPair(func(p *Pair) error { out = append(out, *p); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, mode := range []PairMode{EarliestLatest, Consecutive} {
		want, got := pairs(true, false, mode), pairs(false, true, mode)
		if len(want) < 1000 {
			t.Fatalf("only %d pairs: the test needs more", len(want))
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("mode %v: %d pairs from lent labels differ from %d pairs of copies", mode, len(got), len(want))
		}
	}
}
