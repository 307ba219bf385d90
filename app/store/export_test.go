package store

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"honoscope/scoring"
)

var when = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

func TestTheJSONExportIsVersionedCompleteAndReadsBackUnchanged(t *testing.T) {
	t.Parallel()
	a := sample("a", "B", "2024-05-01", "2024-05-01T09:00:00Z")
	a.Rater, a.Note, a.Period, a.Team, a.Setting = "psychiatrist", "first line\n\"second\" line", PeriodThreeDays, "T", "S"
	b := Rating{ID: "b", Patient: "A", Date: "2024-01-01", Instrument: "honosca", Items: []int{0, 1, 2, 3, 4, 9, 0, 1, 2, 3, 4, 9, 0, 1, 2}, Period: PeriodTwoWeeks, Created: "2024-01-01T08:00:00Z", Updated: "2024-01-02T08:00:00Z"}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, []Rating{a, b}, when); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["format"] != "honoscope-export" || doc["version"] != 1.0 || doc["exported"] != "2024-06-01T12:00:00Z" {
		t.Fatalf("header fields %v", doc)
	}
	p, err := ParseJSON(buf.Bytes(), when.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) != 0 || !reflect.DeepEqual(p.Ratings, []Rating{b, a}) {
		t.Fatalf("read back %+v, errors %v", p.Ratings, p.Errors)
	}
	if p.Lines[0] != 6 {
		t.Fatalf("first rating starts on line %d, want 6:\n%s", p.Lines[0], buf.String())
	}
}

func TestTheCSVExportUsesTheCommandLineColumns(t *testing.T) {
	t.Parallel()
	honos := sample("a", "P1", "2024-05-01", "2024-05-01T09:00:00Z")
	honos.Note, honos.Team = "not in CSV", "North"
	ca := Rating{ID: "b", Patient: "P2", Date: "2024-05-02", Instrument: "honosca", Items: []int{9, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 9}, Period: PeriodTwoWeeks, Occasion: "admission"}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, []Rating{ca, honos}); err != nil {
		t.Fatal(err)
	}
	want := "patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item13,item14,item15,item8_type,occasion,team,setting\n" +
		"P1,2024-05-01,honos,0,1,2,3,4,9,0,2,1,0,0,1,,,,B,review,North,\n" +
		"P2,2024-05-02,honosca,9,1,2,3,4,0,1,2,3,4,0,1,2,3,9,,admission,,\n"
	if buf.String() != want {
		t.Fatalf("CSV\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestAnExportedCSVOpensWithoutFormulasAndImportsBackToTheSameLabels(t *testing.T) {
	t.Parallel()
	r := sample("a", "=cmd|' /C calc'!A0", "2024-05-01", "")
	r.Team, r.Setting, r.Occasion = "@team", "-ward", "other"
	var buf bytes.Buffer
	if err := WriteCSV(&buf, []Rating{r}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, cell := range rows[1] {
		if scoring.RunsAsFormula(cell) {
			t.Fatalf("cell %q would run as a formula", cell)
		}
	}
	p, err := ParseCSV(buf.Bytes(), when)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) != 0 || len(p.Ratings) != 1 {
		t.Fatalf("errors %v", p.Errors)
	}
	got := p.Ratings[0]
	if got.Patient != r.Patient || got.Team != "@team" || got.Setting != "-ward" || !equal(got, r, true) {
		t.Fatalf("imported %+v", got)
	}
}

func TestExportNamesCarryOnlyTheDate(t *testing.T) {
	t.Parallel()
	if got := ExportName(when, "csv"); got != "honoscope-2024-06-01.csv" {
		t.Fatal(got)
	}
}
