package store

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"honoscope/scoring"
	"honoscope/scoring/layout"
)

func errorTexts(es []ImportError) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Error()
	}
	return out
}

func TestACSVImportListsEveryBadRowWithItsLineAndKeepsTheRest(t *testing.T) {
	t.Parallel()
	data := "patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item8_type,occasion\n" +
		"P1,2024-01-01,honos,0,1,2,3,4,0,1,0,1,2,3,4,,admission\n" +
		"P2,2024-02-30,honos,0,1,2,3,4,0,1,0,1,2,3,4,,\n" +
		"P3,2024-01-01,honos,0,1,2,3,5,0,1,0,1,2,3,4,,\n" +
		",2024-01-01,honos,0,1,2,3,4,0,1,0,1,2,3,4,,\n" +
		"P4,2024-01-01,honos,0,1,2,3,4,0,1,3,1,2,3,4,,Review\n" +
		"P5,2024-01-01,honos,0,1,2,3,4,0,1,0,1,2,3,4,,follow-up\n" +
		"P6,2024-01-01,honos,0,1\n"
	p, err := ParseCSV([]byte(data), when)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"line 3: column date:",
		"line 4: column item5:",
		"line 5: column patient:",
		"line 7: column occasion: \"follow-up\" is not an occasion",
		"line 8: the row has 5 fields",
	}
	got := errorTexts(p.Errors)
	if len(got) != len(want) {
		t.Fatalf("errors %q, want %d", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d is %q, want it to start %q", i, got[i], want[i])
		}
	}
	if len(p.Ratings) != 2 || p.Ratings[0].Patient != "P1" || p.Ratings[1].Patient != "P4" || p.Lines[1] != 6 {
		t.Fatalf("kept %+v at lines %v", p.Ratings, p.Lines)
	}
	if r := p.Ratings[1]; r.Occasion != "review" || r.ID == "" || r.Created != "2024-06-01T12:00:00Z" || r.Period != PeriodTwoWeeks {
		t.Fatalf("P4 imported as %+v", r)
	}
	if w := errorTexts(p.Warnings); len(w) != 1 || !strings.HasPrefix(w[0], "line 6: column item8_type: warning:") {
		t.Fatalf("warnings %q, want the missing item 8 type on line 6", w)
	}
}

func TestACSVFileThatCannotBeReadSaysWhy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, data, want string }{
		{"an empty file", "", "empty"},
		{"a header without a date column", "patient,item1\nP,1\n", "no column date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseImport([]byte(tc.data), when)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestAJSONImportNamesTheLineOfEachBadRating(t *testing.T) {
	t.Parallel()
	data := `{
  "format": "honoscope-export",
  "version": 1,
  "ratings": [
    {"id": "a", "patient": "P", "date": "2024-01-01", "instrument": "honos",
     "items": [0,0,0,0,0,0,0,0,0,0,0,0], "period": "2w"},
    {"id": "b", "patient": "P", "date": "2024-01-32", "instrument": "honos",
     "items": [0,0,0,0,0,0,0,0,0,0,0], "period": "2w"},
    {"id": "c", "patient": "P", "date": "2024-01-03", "instrument": "honos",
     "items": "twelve", "period": "2w"},
    {"id": "d", "patient": "Q", "date": "2024-01-04", "instrument": "honosca",
     "items": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0], "period": "2w"}
  ]
}`
	p, err := ParseImport([]byte(data), when)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"line 7: rating 2: date: \"2024-01-32\" is not a real date",
		"line 7: rating 2: items: HoNOS has 12 items but 11 codes",
		"line 10: rating 3: items: text where a list was expected",
	}
	got := errorTexts(p.Errors)
	if len(got) != len(want) {
		t.Fatalf("errors %q", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d is %q, want it to start %q", i, got[i], want[i])
		}
	}
	if len(p.Ratings) != 2 || p.Ratings[0].ID != "a" || p.Ratings[1].ID != "d" || p.Lines[0] != 5 || p.Lines[1] != 11 {
		t.Fatalf("kept %v at lines %v", ids(p.Ratings), p.Lines)
	}
	if p.Ratings[0].Created != "2024-06-01T12:00:00Z" || p.CSV {
		t.Fatalf("rating without times not stamped: %+v", p.Ratings[0])
	}
}

func TestAJSONFileThatIsNotAnExportIsRefusedWithItsPlace(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, data, want string }{
		{"broken JSON", "{\n  \"format\": \"honoscope-export\",\n  \"version\": 1,\n  \"ratings\": [ {\"id\": } ]\n}", "line 4, column 23: the file is not valid JSON"},
		{"a cut-short file", "{\"format\": \"honoscope-export\", \"version\": 1, \"ratings\": [", "ends in the middle"},
		{"another program's JSON", `{"name": "Bundle"}`, "not a Honoscope export"},
		{"a FHIR Bundle without ratings", `{"resourceType": "Bundle", "type": "collection"}`, "the file holds no ratings"},
		{"a newer export version", `{"format": "honoscope-export", "version": 2, "ratings": []}`, "newer Honoscope"},
		{"an export without version", `{"format": "honoscope-export", "ratings": []}`, "no version"},
		{"ratings that are not a list", `{"format": "honoscope-export", "version": 1, "ratings": {}}`, "line 1, column 58: ratings must be a list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseImport([]byte(tc.data), when)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestAnEmptyExportImportsNothingWithoutErrors(t *testing.T) {
	t.Parallel()
	for _, data := range []string{
		`{"format":"honoscope-export","version":1,"exported":"2024-01-01T00:00:00Z","ratings":[]}`,
		`{"format":"honoscope-export","version":1,"ratings":null}`,
	} {
		p, err := ParseImport([]byte(data), when)
		if err != nil || len(p.Ratings) != 0 || len(p.Errors) != 0 {
			t.Fatalf("%s: %v %v %v", data, p.Ratings, p.Errors, err)
		}
	}
}

func TestATooLargeFileIsRefusedBeforeReading(t *testing.T) {
	t.Parallel()
	_, err := ParseImport(make([]byte, MaxImportBytes+1), when)
	if err == nil || !strings.Contains(err.Error(), "split it") {
		t.Fatalf("got %v", err)
	}
}

// FuzzParseImport checks that no input makes an import panic and that
// everything it accepts is a valid rating.
func FuzzParseImport(f *testing.F) {
	f.Add([]byte("patient,date,item1\nP,2024-01-01,3\n"))
	f.Add([]byte(`{"format":"honoscope-export","version":1,"ratings":[{"id":"a"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseImport(data, when)
		if err != nil {
			return
		}
		for _, r := range p.Ratings {
			if r.Validate() != nil || r.ID == "" {
				t.Fatalf("accepted an invalid rating %+v", r)
			}
		}
		plan := PlanImport(nil, &p)
		if _, err := plan.Apply(context.Background(), NewMemory(), nil, nil, p.Documents, when); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkParseCSV10k(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item8_type\n")
	for i := range 10000 {
		fmt.Fprintf(&sb, "P%d,2024-01-%02d,honos,0,1,2,3,4,0,1,2,1,2,3,4,B\n", i%500, i%28+1)
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParseCSV(data, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}

// A JSON import trims a label's surrounding spaces, so "Sam " is the Sam
// already on the device, and refuses invisible formatting characters by
// line, so "S\u200bam" does not become a second Sam.
func TestAJSONImportTrimsLabelsAndRefusesInvisibleCharacters(t *testing.T) {
	t.Parallel()
	data := "{\"format\": \"honoscope-export\", \"version\": 1, \"ratings\": [\n" +
		`{"id": "a", "patient": " Sam ", "date": "2024-01-01", "instrument": "honos", "items": [0,0,0,0,0,0,0,0,0,0,0,0], "period": "2w"},` + "\n" +
		`{"id": "b", "patient": "S\u200bam", "date": "2024-01-02", "instrument": "honos", "items": [0,0,0,0,0,0,0,0,0,0,0,0], "period": "2w"}` + "\n" +
		"]}"
	p, err := ParseImport([]byte(data), when)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Ratings) != 1 || p.Ratings[0].Patient != "Sam" {
		t.Fatalf("imported %+v, want one rating of Sam", p.Ratings)
	}
	if len(p.Errors) != 1 || p.Errors[0].Line != 3 || p.Errors[0].Field != "patient" || !strings.Contains(p.Errors[0].Error(), "U+200B") {
		t.Fatalf("errors %v, want line 3's label refused for its U+200B", p.Errors)
	}
	p, err = ParseImport([]byte(`{"format": "honoscope-export", "version": 1, "ratings": [`+
		`{"id": "c", "patient": "Zoe\u0308", "date": "2024-01-01", "instrument": "honos", "items": [0,0,0,0,0,0,0,0,0,0,0,0], "period": "2w"}]}`), when)
	if err != nil || len(p.Ratings) != 1 || p.Ratings[0].Patient != "Zo\u00eb" {
		t.Fatalf("a decomposed label imported as %+v, %v; want it composed", p.Ratings, err)
	}
}

// The layouts services export import as they read on the command line: an
// MHSDS long extract, a NOCC extract and a FHIR Bundle give the same stored
// ratings, and a bad row names its line and the file's own column.
func TestAnImportReadsTheLayoutsServicesExport(t *testing.T) {
	now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	csv := "patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item8_type\n" +
		"P1,2024-01-02,honos,0,1,2,3,4,0,1,2,3,4,0,9,A\n" +
		"P2,2024-03-02,honos65,1,1,1,1,1,1,1,0,1,1,1,1,\n"
	want, err := ParseCSV([]byte(csv), now)
	if err != nil || len(want.Ratings) != 2 {
		t.Fatalf("the CSV: %+v, %v", want, err)
	}
	rd, err := scoring.NewReader(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	var rs []scoring.Rating
	if _, err := rd.ReadAll(scoring.ReadOptions{}, func(r *scoring.Rating) { rs = append(rs, *r) }); err != nil {
		t.Fatal(err)
	}
	for _, to := range []layout.Format{layout.MHSDS, layout.METEOR, layout.FHIR} {
		var buf bytes.Buffer
		if err := layout.Write(&buf, to, rs); err != nil {
			t.Fatal(err)
		}
		got, err := ParseImport(buf.Bytes(), now)
		if err != nil || len(got.Errors) != 0 || len(got.Ratings) != 2 {
			t.Fatalf("%s: %d ratings, errors %v, %v", to, len(got.Ratings), got.Errors, err)
		}
		for i := range got.Ratings {
			g, w := got.Ratings[i], want.Ratings[i]
			if g.Patient != w.Patient || g.Date != w.Date || g.Instrument != w.Instrument || !slices.Equal(g.Items, w.Items) {
				t.Errorf("%s: rating %d imports as %+v, want %+v", to, i, g, w)
			}
		}
	}
	bad := "PID,ColDt,HnosVer,Hnos01,Hnos02\nA,31022024,A1,1,1\n"
	got, err := ParseImport([]byte(bad), now)
	if err != nil || len(got.Errors) != 1 || got.Errors[0].Line != 2 || got.Errors[0].Field != "ColDt" {
		t.Errorf("a NOCC row with an impossible date: %+v, %v", got.Errors, err)
	}
}
