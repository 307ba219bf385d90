package layout

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"honoscope/scoring"
)

// readHonoscopeCSV reads a Honoscope CSV file's ratings.
func readHonoscopeCSV(t *testing.T, path string) []scoring.Rating {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := scoring.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var rs []scoring.Rating
	if _, err := rd.ReadAll(scoring.ReadOptions{}, func(r *scoring.Rating) { rs = append(rs, *r) }); err != nil {
		t.Fatal(err)
	}
	return rs
}

// readMHSDS reads an MHSDS file, failing the test on any problem.
func readMHSDS(t *testing.T, data []byte) []scoring.Rating {
	t.Helper()
	var rs []scoring.Rating
	_, err := ReadMHSDS(bytes.NewReader(data), func(e *scoring.RowError) { t.Errorf("unexpected problem: %v", e) },
		func(r *scoring.Rating) { rs = append(rs, *r) })
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// Honoscope CSV → MHSDS long → ratings gives back every rating with the same
// person, date, instrument, codes and scores (the item 8 problem type and
// the team, setting and occasion have no place in MHSDS).
func TestARoundTripThroughMHSDSKeepsEveryRatingAndScore(t *testing.T) {
	t.Parallel()
	want := readHonoscopeCSV(t, "../../app/e2e/testdata/team/team.csv")
	var buf bytes.Buffer
	if err := WriteMHSDS(&buf, want); err != nil {
		t.Fatal(err)
	}
	if !IsMHSDS(strings.Split(strings.SplitN(buf.String(), "\n", 2)[0], ",")) {
		t.Fatal("the written header is not recognised as MHSDS")
	}
	got := readMHSDS(t, buf.Bytes())
	if len(got) != len(want) {
		t.Fatalf("%d ratings back, want %d", len(got), len(want))
	}
	rules := scoring.DefaultRules()
	for i := range want {
		w, g := &want[i], &got[i]
		if g.Patient != w.Patient || g.Date != w.Date || g.Instrument != w.Instrument {
			t.Fatalf("rating %d: %s %s %s, want %s %s %s", i, g.Patient, g.Date, g.Instrument.ID, w.Patient, w.Date, w.Instrument.ID)
		}
		for n := 1; n <= w.Instrument.Scored; n++ {
			if g.Items[n-1] != w.Items[n-1] {
				t.Fatalf("rating %d item %d: %v, want %v", i, n, g.Items[n-1], w.Items[n-1])
			}
		}
		if gs, ws := scoring.Score(g, rules), scoring.Score(w, rules); gs.Total != ws.Total || gs.TotalValid != ws.TotalValid {
			t.Fatalf("rating %d scores %d (valid %v), want %d (valid %v)", i, gs.Total, gs.TotalValid, ws.Total, ws.TotalValid)
		}
	}
}

// Scores arrive as "03" and "3.0" as well as "3" (NHS Digital's pipelines
// write both); 7, 8 and 9 and an empty cell are not known; anything else is
// refused with its line and column, and the rest of the file is read.
func TestMHSDSScoresAndProblems(t *testing.T) {
	t.Parallel()
	h := mhsdsCodes[scoring.HoNOS]
	file := "Person_ID,AssToolCompTimestamp,CodedAssToolType,PersScore\n" +
		"A1,2024-03-01T10:00:00," + h[0] + ",03\n" +
		"A1,2024-03-01T10:00:00," + h[1] + ",3.0\n" +
		"A1,2024-03-01T10:00:00," + h[2] + ",4\n" +
		"A1,2024-03-01T10:00:00," + h[3] + ",9\n" +
		"A1,2024-03-01T10:00:00," + h[4] + ",7\n" +
		"A1,2024-03-01T10:00:00," + h[5] + ",\n" +
		"A1,2024-03-01T10:00:00," + h[6] + ",5\n" +
		"A1,2024-03-01T10:00:00," + h[7] + ",-1\n" +
		"A1,2024-03-01T10:00:00,123,2\n" +
		"A1,2024-03-01T10:00:00," + h[0] + ",1\n" +
		"A1,2024-13-01T10:00:00," + h[0] + ",1\n" +
		"A1,2024-03-01T10:00:00,989881000000104,2\n"
	var problems []string
	var rs []scoring.Rating
	rep, err := ReadMHSDS(strings.NewReader(file), func(e *scoring.RowError) { problems = append(problems, e.Error()) },
		func(r *scoring.Rating) { rs = append(rs, *r) })
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Patient != "A1" || rs[0].Date.String() != "2024-03-01" || rs[0].Instrument.ID != scoring.HoNOS {
		t.Fatalf("ratings %+v, want one HoNOS rating of A1 on 2024-03-01", rs)
	}
	wantItems := []scoring.Code{3, 3, 4, scoring.NotKnown, scoring.NotKnown, scoring.NotKnown, scoring.NotKnown, scoring.NotKnown, scoring.NotKnown}
	for i, w := range wantItems {
		if rs[0].Items[i] != w {
			t.Errorf("item %d: %v, want %v", i+1, rs[0].Items[i], w)
		}
	}
	for i, want := range []string{
		"line 8: column PersScore: \"5\" is not a rating",
		"line 9: column PersScore: \"-1\" is not a rating",
		"line 10: column CodedAssToolType: \"123\" is not the SNOMED CT code",
		"line 11: column CodedAssToolType: item 1 of this rating",
		"line 12: column AssToolCompTimestamp:",
		"line 13: column CodedAssToolType: warning: a parent- or self-rated HoNOSCA item is left out",
	} {
		if i >= len(problems) || !strings.HasPrefix(problems[i], want) {
			t.Errorf("problem %d: %q, want it to start %q (all: %q)", i+1, at(problems, i), want, problems)
		}
	}
	if rep.Rows != 12 || rep.Rejected != 5 {
		t.Errorf("report %+v, want 12 rows, 5 rejected", rep)
	}
}

func at(ss []string, i int) string {
	if i < len(ss) {
		return ss[i]
	}
	return ""
}

// Reading never panics, whatever the bytes.
func FuzzReadMHSDS(f *testing.F) {
	f.Add([]byte("Person_ID,AssToolCompDate,CodedAssToolType,PersScore\nA,2024-01-01,979641000000103,3\n"))
	f.Add([]byte("Person_ID,AssToolCompDate,CodedAssToolType,PersScore\n\"A,2024-01-01\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ReadMHSDS(bytes.NewReader(data), func(*scoring.RowError) {}, func(*scoring.Rating) {})
	})
}
