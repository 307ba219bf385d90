// Package synth writes synthetic ratings files in the command-line CSV
// format, for benchmarks and load tests. The ratings are random, not
// clinical: no real person is behind any row.
package synth

import (
	"bufio"
	"io"
	"math/rand/v2"
	"strconv"
)

// Write writes a header and n realistic rows for the given number of patients:
// mostly HoNOS with some HoNOS 65+ and HoNOSCA, codes skewed towards 0–2 with
// an occasional 9, item 8 types, team and setting labels, an MHCT item 13 on
// HoNOS rows and an extra column; rows in random patient order, as exports
// sorted by date interleave people. The same seed gives the same file.
func Write(w io.Writer, n, patients int, seed uint64) error {
	if patients < 1 {
		patients = 1
	}
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
