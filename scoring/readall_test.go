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

// readBothWays reads data row by row and in parallel chunks of size bytes
// and fails unless both give the same ratings, problems in the same order
// and the same report.
func readBothWays(t *testing.T, data []byte, size int) {
	t.Helper()
	type result struct {
		ratings  []Rating
		problems []RowError
		rep      ReadReport
		err      error
	}
	read := func(sequential bool) (res result, ok bool) {
		rd, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return res, false
		}
		rd.sequential, rd.chunkSize = sequential, size
		res.rep, res.err = rd.ReadAll(ReadOptions{Keep: 5, Problem: func(e *RowError) { res.problems = append(res.problems, *e) }},
			func(r *Rating) { res.ratings = append(res.ratings, *r) })
		return res, true
	}
	one, ok := read(true)
	if !ok {
		return
	}
	par, _ := read(false)
	if !reflect.DeepEqual(one.ratings, par.ratings) {
		n := min(len(one.ratings), len(par.ratings))
		for i := range n {
			if !reflect.DeepEqual(one.ratings[i], par.ratings[i]) {
				t.Fatalf("chunks of %d: rating %d differs:\n%+v\n%+v", size, i, one.ratings[i], par.ratings[i])
			}
		}
		t.Fatalf("chunks of %d: %d ratings, row by row %d", size, len(par.ratings), len(one.ratings))
	}
	if !reflect.DeepEqual(one.problems, par.problems) {
		t.Fatalf("chunks of %d: problems differ:\n%v\n%v", size, one.problems, par.problems)
	}
	if !reflect.DeepEqual(one.rep, par.rep) || fmt.Sprint(one.err) != fmt.Sprint(par.err) {
		t.Fatalf("chunks of %d: report %+v %v, row by row %+v %v", size, par.rep, par.err, one.rep, one.err)
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
