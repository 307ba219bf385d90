package layout

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"honoscope/scoring"
)

const teamCSV = "../../app/e2e/testdata/team/team.csv"

// readAll reads data in layout from with Read, returning the ratings and
// every problem as text.
func readAll(t *testing.T, data []byte, opt Options) ([]scoring.Rating, []string, Report) {
	t.Helper()
	var rs []scoring.Rating
	var problems []string
	opt.Problem = func(e *scoring.RowError) { problems = append(problems, e.Error()) }
	rep, err := Read(bytes.NewReader(data), opt, func(r *scoring.Rating) { rs = append(rs, *r) })
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return rs, problems, rep
}

// sameRating says how got differs from want in what the layout keeps.
func sameRating(got, want *scoring.Rating, labels, problemType bool) string {
	switch {
	case got.Patient != want.Patient:
		return fmt.Sprintf("patient %q, want %q", got.Patient, want.Patient)
	case got.Date != want.Date:
		return fmt.Sprintf("date %v, want %v", got.Date, want.Date)
	case got.Instrument.ID != want.Instrument.ID:
		return fmt.Sprintf("instrument %s, want %s", got.Instrument.ID, want.Instrument.ID)
	case got.Items != want.Items:
		return fmt.Sprintf("items %v, want %v", got.Items, want.Items)
	case problemType && got.ProblemType != want.ProblemType:
		return fmt.Sprintf("problem type %q, want %q", got.ProblemType, want.ProblemType)
	case labels && (got.Occasion != want.Occasion || got.Team != want.Team || got.Setting != want.Setting):
		return fmt.Sprintf("labels %q/%q/%q, want %q/%q/%q", got.Occasion, got.Team, got.Setting, want.Occasion, want.Team, want.Setting)
	case got.Period != want.Period:
		return fmt.Sprintf("period %v, want %v", got.Period, want.Period)
	}
	gs, ws := scoring.Score(got, scoring.DefaultRules()), scoring.Score(want, scoring.DefaultRules())
	if gs != ws {
		return fmt.Sprintf("scores %+v, want %+v", gs, ws)
	}
	return ""
}

func roundTrip(t *testing.T, to Format, labels, problemType bool) {
	t.Helper()
	want := readHonoscopeCSV(t, teamCSV)
	var buf bytes.Buffer
	if err := Write(&buf, to, want); err != nil {
		t.Fatal(err)
	}
	got, problems, rep := readAll(t, buf.Bytes(), Options{})
	if rep.Layout != to && !(to == METEOR && rep.Layout == NOCC) {
		t.Errorf("the written file is detected as %s, want %s", rep.Layout, to)
	}
	for _, p := range problems {
		if !strings.Contains(p, "warning: item 8 is rated") {
			t.Errorf("unexpected problem: %s", p)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d ratings back, want %d", len(got), len(want))
	}
	for i := range want {
		if d := sameRating(&got[i], &want[i], labels, problemType); d != "" {
			t.Errorf("rating %d (%s %v): %s", i, want[i].Patient, want[i].Date, d)
		}
	}
}

// Honoscope CSV → FHIR → ratings keeps everything a rating holds.
func TestARoundTripThroughFHIRKeepsEveryRating(t *testing.T) {
	t.Parallel()
	roundTrip(t, FHIR, true, true)
}

// Honoscope CSV → Honoscope CSV keeps everything a rating holds.
func TestARoundTripThroughHoonoscopeCSVKeepsEveryRating(t *testing.T) {
	t.Parallel()
	roundTrip(t, CSV, true, true)
}

// Honoscope CSV → METEOR-coded NOCC → ratings keeps the scores, problem
// types and the labels NOCC can code (the fixture's occasions and the
// inpatient setting; "community" is written as NOCC's ambulatory).
func TestARoundTripThroughMETEORKeepsTheScores(t *testing.T) {
	t.Parallel()
	want := readHonoscopeCSV(t, teamCSV)
	var buf bytes.Buffer
	if err := WriteMETEOR(&buf, want); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), ",8,") {
		t.Error("no unknown item written as 8, METEOR's code")
	}
	got, _, _ := readAll(t, buf.Bytes(), Options{})
	if len(got) != len(want) {
		t.Fatalf("%d ratings back, want %d", len(got), len(want))
	}
	for i := range want {
		if d := sameRating(&got[i], &want[i], false, true); d != "" {
			t.Errorf("rating %d: %s", i, d)
		}
		if got[i].Occasion != want[i].Occasion || got[i].Team != want[i].Team {
			t.Errorf("rating %d: occasion/team %q/%q, want %q/%q", i, got[i].Occasion, got[i].Team, want[i].Occasion, want[i].Team)
		}
		wantSetting := map[string]string{"community": "ambulatory", "inpatient": "inpatient"}[want[i].Setting]
		if got[i].Setting != wantSetting {
			t.Errorf("rating %d: setting %q, want %q", i, got[i].Setting, wantSetting)
		}
	}
}

// A NOCC extract as a service hands it to an analyst: day-first dates, 7
// and 9 for not known, X and Z for no problem type, HnosVer for the
// version, HoNOSCA in its own columns, coded reasons and settings.
func TestANOCCExtractReadsAsTheRatingsItHolds(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/nocc.csv")
	if err != nil {
		t.Fatal(err)
	}
	got, problems, rep := readAll(t, data, Options{})
	if rep.Layout != NOCC {
		t.Fatalf("detected as %s, want nocc", rep.Layout)
	}
	want, err := os.ReadFile("testdata/nocc-as-honoscope.csv")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, got); err != nil {
		t.Fatal(err)
	}
	if buf.String() != string(want) {
		t.Errorf("NOCC → CSV gave\n%s\nwant\n%s", buf.String(), want)
	}
	wantProblems := []string{
		"line 6: warning: no item is filled in on this row, so it holds no rating and is left out",
		"line 7: column HnosVer: \"B1\" is not a version this layout knows (A1, G1, G2): correct it",
		"line 8: column ColDt: \"31022024\" is not a real date written day first: write it as DDMMYYYY, e.g. 01032024 for 1 March 2024",
		"line 9: column Hnos03: \"5\" is not a rating: use 0, 1, 2, 3 or 4, or 9 (also 7, 8 or empty) for not known",
		"line 10: column Hnos08a: warning: item 8 is rated 2 but no problem type is given: add a letter A to K",
		"line 11: column ColRsn: \"10\" is not one of the codes of this column (01, 02, 03, 04, 05, 06, 07, 08, 09, 1, 2, 3, 4, 5, 6, 7, 8, 9): correct it or leave it empty",
	}
	if strings.Join(problems, "\n") != strings.Join(wantProblems, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(wantProblems, "\n"))
	}
	if rep.Rows != 10 || rep.Rejected != 4 || rep.Ratings != len(got) {
		t.Errorf("report %+v, want 10 rows, 4 rejected, %d ratings", rep, len(got))
	}
}

// Day-first dates: DDMMYYYY and DD/MM/YYYY are read, impossible days and
// other forms are not.
func TestDayFirstDatesAreReadOnlyWhenReal(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]string{
		"01032024": "2024-03-01", "29022024": "2024-02-29", "01/03/2024": "2024-03-01", "31.12.1999": "1999-12-31",
		"29022023": "", "00012024": "", "2024-03-01": "", "1032024": "", "": "", "01/03-2024": "",
	} {
		d, err := parseDate(s, true)
		switch {
		case want == "" && err == nil:
			t.Errorf("%q read as %v, want an error", s, d)
		case want != "" && (err != nil || d.String() != want):
			t.Errorf("%q read as %v, %v; want %s", s, d, err, want)
		}
	}
}

// A CamCOPS HoNOSCA table (q13 present) reads as HoNOSCA; a HoNOS table
// reads as HoNOS unless HoNOS 65+ is named; "3 days" in period_rated is
// the discharge period; the timestamp's date is the rating's.
func TestCamCOPSTablesReadAsTheirInstrument(t *testing.T) {
	t.Parallel()
	honos := "patient_id,when_created,period_rated,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q8problemtype,q8otherproblem\n" +
		"7,2024-03-01T10:15:00.000000+00:00,last 3 days of admission,0,1,2,3,4,9,0,2,1,1,1,1,B,\n"
	got, problems, rep := readAll(t, []byte(honos), Options{})
	if rep.Layout != CamCOPS || len(got) != 1 || len(problems) != 0 {
		t.Fatalf("layout %s, %d ratings, problems %v", rep.Layout, len(got), problems)
	}
	r := got[0]
	if r.Instrument.ID != scoring.HoNOS || r.Patient != "7" || r.Date.String() != "2024-03-01" || r.Period != scoring.ThreeDays ||
		r.ProblemType != 'B' || r.Items[4] != 4 || r.Items[5] != scoring.NotKnown {
		t.Errorf("read %+v", r)
	}
	got, _, _ = readAll(t, []byte(honos), Options{Instrument: scoring.HoNOS65})
	if got[0].Instrument.ID != scoring.HoNOS65 {
		t.Errorf("named HoNOS 65+ read as %s", got[0].Instrument.ID)
	}
	ca := "patient_id,when_created,period_rated,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13,q14,q15\n" +
		"8,2024-03-02T09:00:00Z,previous 2 weeks,1,1,1,1,1,1,1,1,1,1,1,1,1,4,4\n"
	got, _, _ = readAll(t, []byte(ca), Options{Instrument: scoring.HoNOS65})
	if len(got) != 1 || got[0].Instrument.ID != scoring.HoNOSCA || got[0].Period != scoring.TwoWeeks {
		t.Fatalf("HoNOSCA table read as %+v", got)
	}
	if s := scoring.Score(&got[0], scoring.DefaultRules()); s.Total != 13 {
		t.Errorf("HoNOSCA total %d, want 13: items 14 and 15 are outside the total", s.Total)
	}
}

// Each layout is told apart by its first line.
func TestTheLayoutIsDetectedFromTheFirstLine(t *testing.T) {
	t.Parallel()
	for first, want := range map[string]Format{
		"patient,date,item1": CSV,
		"\ufeffPerson_ID,AssToolCompDate,CodedAssToolType,PersScore":           MHSDS,
		"PID,ColDt,ColRsn,HnosVer,Hnos01,Hnos02":                               NOCC,
		"PID,ColDt,HnosC01":                                                    NOCC,
		"patient_id,when_created,period_rated,q1,q2":                           CamCOPS,
		"id,date,team,q1,q2,q8_prob":                                           CDU,
		"  {\"resourceType\":\"Bundle\"":                                       FHIR,
		"\"patient\",\"date\",\"item1\"":                                       CSV,
		"something,else":                                                       CSV,
		"Hnos01,Hnos02":                                                        CSV, // no date: not NOCC, and the CSV reader says what is missing
		"\"PID\",\"ColDt\",\"Hnos01\"":                                         NOCC,
		"patient_id,when_created,q1":                                           CSV,
		"LocalPatientId,AssToolCompTimestamp,CodedAssToolType,PersScore,Other": MHSDS,
	} {
		if got := Detect([]byte(first + "\n1,2,3\n")); got != want {
			t.Errorf("Detect(%q) = %s, want %s", first, got, want)
		}
	}
}

// A header without the layout's columns is an error naming them.
func TestAHeaderWithoutTheLayoutsColumnsSaysWhichAreMissing(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		from Format
		data string
		want string
	}{
		{NOCC, "ColDt,Hnos01\n", "no PID, PersonId or Person_ID column"},
		{NOCC, "PID,Hnos01\n", "no ColDt column"},
		{NOCC, "PID,ColDt\n", "no item columns: the NOCC layout names them Hnos01…Hnos12 or HnosC01…HnosC15"},
		{CamCOPS, "patient_id,q1\n", "no when_created or when_last_modified column"},
		{FHIR, "{\"resourceType\":\"Patient\"}", "not a Bundle or a QuestionnaireResponse"},
		{FHIR, "{\"resourceType\":\n\n,}", "line 3"},
	} {
		_, err := Read(strings.NewReader(c.data), Options{From: c.from}, func(*scoring.Rating) {})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: error %v, want one containing %q", c.from, c.data, err, c.want)
		}
	}
}

// A QuestionnaireResponse that cannot be read is named by the line its
// entry starts on and left out; the others are read.
func TestABadFHIRResponseIsNamedByItsLine(t *testing.T) {
	t.Parallel()
	rs := readHonoscopeCSV(t, teamCSV)[:2]
	var buf bytes.Buffer
	if err := WriteFHIR(&buf, rs); err != nil {
		t.Fatal(err)
	}
	data := bytes.Replace(buf.Bytes(), []byte(`"code": "1",`), []byte(`"code": "6",`), 1)
	got, problems, rep := readAll(t, data, Options{})
	if len(got) != 1 || rep.Rejected != 1 || len(problems) != 1 {
		t.Fatalf("%d ratings, report %+v, problems %v", len(got), rep, problems)
	}
	// The first entry, the response, starts on the line before its fullUrl.
	line := bytes.Count(data[:bytes.Index(data, []byte(`"fullUrl"`))], []byte("\n"))
	if !strings.HasPrefix(problems[0], fmt.Sprintf("line %d: column item ", line)) || !strings.Contains(problems[0], `"6" is not a rating`) {
		t.Errorf("problem %q, want one at line %d naming the item", problems[0], line)
	}
}
