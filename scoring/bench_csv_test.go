package scoring

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"honoscope/scoring/synth"
)

// writeRatings writes a synthetic ratings file of n rows for about n/10
// patients.
func writeRatings(w io.Writer, n int, seed uint64) error {
	return synth.Write(w, n, n/10, seed)
}

// BenchmarkReadCSV measures reading and validating ratings; b.SetBytes makes
// the figure comparable across row widths.
func BenchmarkReadCSV(b *testing.B) {
	const rows = 100_000
	var buf bytes.Buffer
	if err := writeRatings(&buf, rows, 1); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rd, err := NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		var r Rating
		var re *RowError
		n := 0
		for {
			err := rd.Next(&r)
			if err == io.EOF {
				break
			}
			if err != nil && !(errors.As(err, &re) && re.Warning) {
				b.Fatal(err)
			}
			n++
		}
		if n != rows {
			b.Fatalf("read %d rows, want %d", n, rows)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
}
