package scoring

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzScore checks the invariants of Score for any bytes as codes, including
// values outside 0–4 and 9: 0 ≤ total ≤ MaxTotal, ValidItems ≤ ScoredItems,
// each computable group within 0 … 4 × its items, and a valid total exactly
// when at most MaxUnknown scored items are unknown.
func FuzzScore(f *testing.F) {
	f.Add(uint8(0), []byte{0, 1, 2, 3, 4, 9, 7, 8, 0, 1, 2, 3, 4, 4, 4}, uint8(2))
	f.Add(uint8(2), []byte{255, 5, 200, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, uint8(0))
	f.Add(uint8(1), []byte{}, uint8(12))
	f.Fuzz(func(t *testing.T, inst uint8, codes []byte, maxUnknown uint8) {
		in := instruments[int(inst)%len(instruments)]
		r := Rating{Instrument: in}
		for i := range r.Items {
			r.Items[i] = NotKnown
			if i < len(codes) {
				r.Items[i] = Code(codes[i])
			}
		}
		rules := Rules{MaxUnknown: int(maxUnknown % 16)}
		s := Score(&r, rules)
		if s.Total < 0 || s.Total > s.MaxTotal || s.MaxTotal != MaxCode*in.Scored {
			t.Fatalf("total %d outside 0…%d", s.Total, s.MaxTotal)
		}
		if s.ValidItems < 0 || s.ValidItems > s.ScoredItems || s.ScoredItems != in.Scored {
			t.Fatalf("valid items %d of %d", s.ValidItems, s.ScoredItems)
		}
		if s.TotalValid != (s.Unknown() <= rules.MaxUnknown) {
			t.Fatalf("valid %v with %d unknown, max %d", s.TotalValid, s.Unknown(), rules.MaxUnknown)
		}
		if s.Significant > s.ValidItems {
			t.Fatalf("%d significant of %d valid", s.Significant, s.ValidItems)
		}
		sum := 0
		for g := 0; g < s.NGroups; g++ {
			v, ok := s.Group(g)
			n := len(in.Subscales.Groups[g].Items)
			if ok {
				if v < 0 || v > MaxCode*n {
					t.Fatalf("group %d = %d, outside 0…%d", g, v, MaxCode*n)
				}
				sum += v
			}
		}
		if sum > s.Total {
			t.Fatalf("groups add to %d, more than the total %d", sum, s.Total)
		}
		if s.Severity != SeverityNone && (!s.TotalValid || in.ID == HoNOSCA) {
			t.Fatalf("severity %q for valid=%v %s", s.Severity, s.TotalValid, in.ID)
		}
	})
}

// FuzzReadGrouping checks that ReadGrouping never panics and that whatever
// it accepts is valid.
func FuzzReadGrouping(f *testing.F) {
	f.Add([]byte(goodGrouping))
	f.Add([]byte(`{"name":"x","instrument":"honosca","groups":[{"name":"a","items":[13]}]}`))
	f.Add([]byte(`{"name":"x","groups":[{"items":[1,1]}]`))
	f.Add([]byte(`[{"name":`))
	f.Add([]byte("{\"name\":\"\xff\",\"instrument\":\"honos\",\"groups\":[{\"name\":\"a\",\"items\":[99999999999999999999]}]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ReadGrouping(bytes.NewReader(data))
		if err != nil {
			if g != nil {
				t.Fatal("a grouping returned with an error")
			}
			if !strings.HasPrefix(err.Error(), "line ") && !strings.Contains(err.Error(), "grouping file") {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		if err := g.Validate(); err != nil {
			t.Fatalf("accepted an invalid grouping: %v", err)
		}
	})
}

// FuzzReadRangeFile checks that ReadRangeFile never panics and that whatever
// it accepts is valid and survives a round trip.
func FuzzReadRangeFile(f *testing.F) {
	f.Add([]byte(goodRangeFile))
	f.Add([]byte(strings.Replace(goodRangeFile, `"pairs": 12`, `"pairs": 1e3`, 1)))
	f.Add([]byte(`{"format":"honoscope-expected-change-ranges","version":1,"groups":[{"median":null}]}`))
	f.Add([]byte(`{"method":{"name":"es","effect_size":-1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rf, err := ReadRangeFile(bytes.NewReader(data))
		if err != nil {
			if rf != nil {
				t.Fatal("a file returned with an error")
			}
			if !strings.HasPrefix(err.Error(), "line ") && !strings.Contains(err.Error(), "range file") {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		if err := rf.Validate(); err != nil {
			t.Fatalf("accepted an invalid file: %v", err)
		}
		var buf bytes.Buffer
		if _, err := rf.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := ReadRangeFile(&buf)
		if err != nil {
			t.Fatalf("a file read back fails: %v\n%s", err, buf.String())
		}
		if !equalRangeFiles(rf, back) {
			t.Fatal("round trip differs")
		}
	})
}
