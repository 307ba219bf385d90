package scoring

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
	"testing"
)

// writeRatings writes a realistic ratings file of n rows for about
// n/10 patients: mostly HoNOS with some HoNOS 65+ and HoNOSCA, codes skewed
// towards 0–2 with an occasional 9, item 8 types, team and setting labels, and
// an MHCT-style extra column. The same seed gives the same file.
func writeRatings(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriter(w)
	rng := rand.New(rand.NewPCG(seed, 1))
	bw.WriteString("patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item8_type,item9,item10,item11,item12,item13,item14,item15,team,setting,cluster\n")
	patients := max(n/10, 1)
	instr := [...]string{"honos", "honos", "honos", "honos", "honos65", "honosca"}
	teams := [...]string{"North CMHT", "South CMHT", "Early intervention", "Older adults", "CAMHS"}
	settings := [...]string{"community", "inpatient"}
	var line []byte
	for i := 0; i < n; i++ {
		p := rng.IntN(patients)
		line = line[:0]
		line = append(line, "P"...)
		line = strconv.AppendInt(line, int64(p), 10)
		line = append(line, ',')
		day := 1 + rng.IntN(28)
		month := 1 + rng.IntN(12)
		year := 2018 + rng.IntN(7)
		line = strconv.AppendInt(line, int64(year), 10)
		line = append(line, '-', byte('0'+month/10), byte('0'+month%10), '-', byte('0'+day/10), byte('0'+day%10), ',')
		in := instr[p%len(instr)]
		line = append(line, in...)
		for item := 1; item <= 15; item++ {
			line = append(line, ',')
			if item > 13 && in != "honosca" {
				continue // HoNOS rows leave items 14–15 empty; item13 is an MHCT extra
			}
			c := rng.IntN(20)
			switch {
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
