package scoring

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkReader reads data to the end and fails if any accepted rating breaks
// the reader's promises: a known instrument, codes 0–4 or 9 (NotKnown) only
// within the instrument's items and NotKnown beyond them, a real date, a
// non-empty UTF-8 patient label, a line after the header, and an item 8
// type only where the instrument has one. It returns the ratings accepted.
func checkReader(t *testing.T, data []byte) int {
	t.Helper()
	rd, err := NewReader(bytes.NewReader(data))
	if err != nil {
		if err.Error() == "" {
			t.Fatal("empty file-level error")
		}
		return 0
	}
	known := map[*Instrument]bool{}
	for _, in := range Instruments() {
		known[in] = true
	}
	accepted, lastLine := 0, 0
	for i := 0; ; i++ {
		if i > len(data)+1 {
			t.Fatalf("more rows than bytes: the reader does not advance")
		}
		var r Rating
		err := rd.Next(&r)
		if err == io.EOF {
			return accepted
		}
		var re *RowError
		if err != nil {
			if !errors.As(err, &re) {
				t.Fatalf("Next: %v is not a *RowError", err)
			}
			if re.Line <= lastLine && lastLine > 0 || re.Line < 1 {
				t.Fatalf("problem on line %d after line %d", re.Line, lastLine)
			}
			msg := re.Error()
			if !strings.HasPrefix(msg, "line ") || re.Msg == "" {
				t.Fatalf("malformed problem %q", msg)
			}
			lastLine = re.Line
			if !re.Warning {
				continue
			}
		}
		accepted++
		if !known[r.Instrument] {
			t.Fatalf("line %d: unknown instrument %v", r.Line, r.Instrument)
		}
		if r.Line <= lastLine && err == nil || r.Line < 2 {
			t.Fatalf("rating on line %d after line %d", r.Line, lastLine)
		}
		lastLine = r.Line
		for n, c := range r.Items {
			if n >= len(r.Instrument.Items) && c != NotKnown {
				t.Fatalf("line %d: item %d is outside %s but holds %d", r.Line, n+1, r.Instrument.ID, c)
			}
			if !c.Rated() && c != NotKnown {
				t.Fatalf("line %d: item %d holds code %d", r.Line, n+1, c)
			}
		}
		if r.Patient == "" || !utf8.ValidString(r.Patient) || strings.TrimSpace(r.Patient) != r.Patient {
			t.Fatalf("line %d: bad patient label %q", r.Line, r.Patient)
		}
		if d := r.Date.String(); len(d) != 10 || d < "1900-01-01" {
			t.Fatalf("line %d: bad date %s", r.Line, d)
		}
		if r.ProblemType != NoProblemType && (!r.ProblemType.Valid() || !r.Instrument.HasProblemType) {
			t.Fatalf("line %d: problem type %q on %s", r.Line, r.ProblemType, r.Instrument.ID)
		}
		s := Score(&r, DefaultRules())
		if s.Total < 0 || s.Total > r.Instrument.MaxTotal() || s.ValidItems > r.Instrument.Scored {
			t.Fatalf("line %d: scores %+v out of range", r.Line, s)
		}
	}
}

// FuzzReader feeds arbitrary bytes to the CSV reader: it must never panic,
// always advance, and accept only ratings that hold valid values.
func FuzzReader(f *testing.F) {
	h := "patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item13,item14,item15,item8_type\n"
	for _, s := range []string{
		h + "A,2024-01-01,honos,0,1,2,3,4,9,8,7,,0,0,0,4,4,4,B\n",
		h + "A,2024-01-01,honosca,0,1,2,3,4,9,8,7,,0,0,0,4,4,4,\n",
		h + "\"A,\"\"B\"\"\",2024-02-29,HONOS65,0,0,0,0,0,0,0,1,0,0,0,0,,,,k\r\n",
		h + "A,2024-01-01\n\"unclosed,2024\n",
		"\ufeffPATIENT,Date,Item1\r\nx,2023-12-31,2.5\r\n",
		"patient,date,item1\n\x00\xff,\x00,\"\"\n",
		"",
		"\"",
		",\n,\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkReader(t, data)
	})
}
