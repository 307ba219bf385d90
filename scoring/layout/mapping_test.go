package layout

import (
	"bytes"
	"strings"
	"testing"

	"honoscope/scoring"
)

// A record system's own export, with its own column names, day-first dates
// and an instrument column.
const ownExport = "Client ref,Rated on,Form,H1,H2,H3,H4,H5,H6,H7,H8,H8 type,H9,H10,H11,H12,H13,Team name\n" +
	"C-1,05/01/2024,HoNOS,2,1,0,1,2,3,3,2,B,2,2,1,2,,North\n" +
	"C-1,02/04/2024,HoNOS,1,0,0,1,1,1,1,1,B,1,1,1,1,,North\n" +
	"C-2,31/02/2024,HoNOS,1,0,0,1,1,1,1,1,,1,1,1,1,,South\n" +
	"C-3,03/04/2024,HoNOSCA,1,1,1,1,1,1,1,1,,1,1,1,1,1,South\n"

func TestAGuessedMappingReadsARecordSystemsExport(t *testing.T) {
	t.Parallel()
	header := strings.Split(strings.SplitN(ownExport, "\n", 2)[0], ",")
	m := GuessMapping(header)
	if m.Patient != "Client ref" || m.Date != "Rated on" || m.Instrument != "Form" || m.ProblemType != "H8 type" ||
		m.Items[0] != "H1" || m.Items[11] != "H12" || m.Items[12] != "H13" || m.Items[13] != "" || m.Team != "Team name" {
		t.Fatalf("guessed %+v", m)
	}
	if err := m.Check(header); err != nil {
		t.Fatalf("the guess does not fit: %v", err)
	}
	m.DayFirst = true
	var rs []scoring.Rating
	var problems []string
	rep, err := Read(strings.NewReader(ownExport), Options{Mapping: &m, Problem: func(e *scoring.RowError) { problems = append(problems, e.Error()) }},
		func(r *scoring.Rating) { rs = append(rs, *r) })
	if err != nil {
		t.Fatal(err)
	}
	if rep.Layout != Mapped || len(rs) != 3 || rep.Rejected != 1 {
		t.Fatalf("report %+v, %d ratings", rep, len(rs))
	}
	if len(problems) != 1 || !strings.HasPrefix(problems[0], `line 4: column Rated on: "31/02/2024" is not a real date written day first`) {
		t.Errorf("problems %q", problems)
	}
	if r := rs[0]; r.Patient != "C-1" || r.Date.String() != "2024-01-05" || r.ProblemType != 'B' || r.Team != "North" ||
		scoring.Score(&r, scoring.DefaultRules()).Total != 21 {
		t.Errorf("first rating %+v", r)
	}
	if r := rs[2]; r.Instrument.ID != scoring.HoNOSCA || scoring.Score(&r, scoring.DefaultRules()).Total != 13 {
		t.Errorf("HoNOSCA rating %+v", r)
	}

	// A preview stops after n ratings.
	got, _, err := PreviewWide(strings.NewReader(ownExport), m.Wide(), 2)
	if err != nil || len(got) != 2 {
		t.Errorf("preview of 2: %d ratings, %v", len(got), err)
	}
}

func TestAMappingThatDoesNotFitSaysWhatToChoose(t *testing.T) {
	t.Parallel()
	header := []string{"a", "b", "c"}
	for _, c := range []struct {
		m    Mapping
		want string
	}{
		{Mapping{Date: "b", Items: []string{"c"}}, "choose the column that holds each person's label"},
		{Mapping{Patient: "a", Items: []string{"c"}}, "choose the column that holds the date"},
		{Mapping{Patient: "a", Date: "b", Items: []string{""}}, "choose the columns of the items"},
		{Mapping{Patient: "a", Date: "b", Items: []string{"d"}}, `the file has no column "d"`},
		{Mapping{Patient: "a", Date: "b", Items: []string{"c"}, Fixed: "honos99"}, `unknown instrument`},
	} {
		if err := c.m.Check(header); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.m, err, c.want)
		}
	}
	m := Mapping{Patient: "a", Date: "b", Items: []string{"c"}}
	if _, err := Read(strings.NewReader("x,y\n1,2\n"), Options{Mapping: &m}, func(*scoring.Rating) {}); err == nil ||
		!strings.HasPrefix(err.Error(), "line 1: the column mapping does not fit this file: ") {
		t.Errorf("a mapping on another file: %v", err)
	}
}

func TestAKeptMappingReadsBackAndRefusesUnknownFields(t *testing.T) {
	t.Parallel()
	m, err := ReadMapping(bytes.NewReader([]byte(`{"name":"Ours","patient":"Client ref","date":"Rated on","day_first":true,"items":["H1","H2"]}`)))
	if err != nil || m.Name != "Ours" || !m.DayFirst || len(m.Items) != 2 {
		t.Errorf("read %+v, %v", m, err)
	}
	if _, err := ReadMapping(strings.NewReader(`{"patient":"a","dayfirst":true}`)); err == nil || !strings.Contains(err.Error(), "dayfirst") {
		t.Errorf("an unknown field: %v", err)
	}
}
