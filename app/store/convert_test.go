package store

import (
	"errors"
	"strings"
	"testing"

	"honoscope/scoring"
)

func TestValidateAcceptsCompleteRatingsOfEachInstrument(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		r    Rating
	}{
		{"a HoNOS rating with a problem type", sample("a", "P", "2024-02-29", "2024-02-29T10:00:00Z")},
		{"a HoNOS 65+ rating without times", Rating{Patient: "P", Date: "2024-01-01", Instrument: "honos65", Items: make([]int, 12), Period: PeriodTwoWeeks}},
		{"a HoNOSCA rating of 15 items, all not known", Rating{Patient: "P", Date: "2024-01-01", Instrument: "honosca", Items: []int{9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}, Period: PeriodThreeDays, Occasion: "discharge"}},
		{"a HoNOS rating with item 8 rated but no type (files from other systems)", Rating{Patient: "P", Date: "2024-01-01", Instrument: "honos", Items: []int{0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0}, Period: PeriodTwoWeeks}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := tc.r.Validate(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestValidateNamesEveryProblemAndWhatToDo(t *testing.T) {
	t.Parallel()
	ok := sample("a", "P", "2024-01-01", "2024-01-01T10:00:00Z")
	for _, tc := range []struct {
		name   string
		change func(r *Rating)
		field  string
		want   string
	}{
		{"an empty patient label", func(r *Rating) { r.Patient = "  " }, "patient", "pseudonymous"},
		{"a too long patient label", func(r *Rating) { r.Patient = strings.Repeat("x", MaxLabel+1) }, "patient", "shorten"},
		{"a label that is not UTF-8", func(r *Rating) { r.Patient = "\xff" }, "patient", "UTF-8"},
		{"an impossible date", func(r *Rating) { r.Date = "2023-02-29" }, "date", "YYYY-MM-DD"},
		{"a date in another form", func(r *Rating) { r.Date = "01/02/2024" }, "date", "YYYY-MM-DD"},
		{"an unknown instrument", func(r *Rating) { r.Instrument = "honos99" }, "instrument", "honosca"},
		{"too few codes for HoNOS", func(r *Rating) { r.Items = r.Items[:11] }, "items", "12 items but 11"},
		{"HoNOSCA with only 12 codes", func(r *Rating) { r.Instrument, r.Item8Type = "honosca", "" }, "items", "15 items but 12"},
		{"a code of 5", func(r *Rating) { r.Items[3] = 5 }, "items", "item 4 is 5"},
		{"a code of 8, which is read on import but never stored", func(r *Rating) { r.Items[0] = 8 }, "items", "item 1 is 8"},
		{"a negative code", func(r *Rating) { r.Items[11] = -1 }, "items", "item 12 is -1"},
		{"a problem type L", func(r *Rating) { r.Item8Type = "L" }, "item8_type", "A to K"},
		{"a lower-case problem type", func(r *Rating) { r.Item8Type = "b" }, "item8_type", "capital letter"},
		{"a problem type on HoNOSCA", func(r *Rating) {
			r.Instrument, r.Items = "honosca", make([]int, 15)
		}, "item8_type", "HoNOSCA item 8 has no problem type"},
		{"an unknown period", func(r *Rating) { r.Period = "1m" }, "period", `"2w"`},
		{"an empty period", func(r *Rating) { r.Period = "" }, "period", "rating period"},
		{"an unknown occasion", func(r *Rating) { r.Occasion = "Admission" }, "occasion", "admission, review"},
		{"a created time that is not RFC 3339", func(r *Rating) { r.Created = "yesterday" }, "created", "RFC 3339"},
		{"a note that is far too long", func(r *Rating) { r.Note = strings.Repeat("n", MaxNote+1) }, "note", "shorten"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := cloneRating(ok)
			tc.change(&r)
			err := r.Validate()
			if err == nil {
				t.Fatal("accepted")
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Fatalf("error %v: want field %s first", err, tc.field)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not say %q", err, tc.want)
			}
		})
	}
}

func TestValidateListsSeveralProblemsAtOnce(t *testing.T) {
	t.Parallel()
	r := Rating{Date: "2024-13-01", Instrument: "honos", Items: []int{7}}
	err := r.Validate()
	for _, want := range []string{"patient:", "date:", "items: HoNOS has 12 items", "item 1 is 7", "period:"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("errors %q lack %q", err, want)
		}
	}
}

func TestScoringGivesTheRatingTheScoringPackageScores(t *testing.T) {
	t.Parallel()
	r := sample("a", "P", "2024-05-01", "")
	r.Period, r.Team, r.Setting = PeriodThreeDays, "North", "inpatient"
	sr, err := r.Scoring()
	if err != nil {
		t.Fatal(err)
	}
	if sr.Instrument.ID != scoring.HoNOS || sr.Date.String() != "2024-05-01" || sr.Patient != "P" ||
		sr.ProblemType != 'B' || sr.Period != scoring.ThreeDays || sr.Occasion != "review" || sr.Team != "North" || sr.Setting != "inpatient" {
		t.Fatalf("converted %+v", sr)
	}
	// items 0,1,2,3,4,9,0,2,1,0,0,1: total of the rated = 14, 11 valid.
	s := scoring.Score(&sr, scoring.DefaultRules())
	if s.Total != 14 || s.ValidItems != 11 || s.MaxTotal != 48 {
		t.Fatalf("scores %+v, want total 14 of 48 with 11 valid items", s)
	}
	for i := 12; i < scoring.MaxItems; i++ {
		if sr.Items[i] != scoring.NotKnown {
			t.Fatalf("item %d beyond HoNOS is %v, want not known", i+1, sr.Items[i])
		}
	}
	if back := FromScoring(sr, "a"); !equal(back, r, false) || back.ID != "a" {
		t.Fatalf("round trip gave %+v", back)
	}
}

func TestScoringRefusesAnInvalidRating(t *testing.T) {
	t.Parallel()
	r := sample("a", "P", "2024-05-01", "")
	r.Items = r.Items[:3]
	if _, err := r.Scoring(); err == nil {
		t.Fatal("no error for 3 codes on HoNOS")
	}
}

func TestFromScoringKeepsOnlyTheInstrumentsOwnItems(t *testing.T) {
	t.Parallel()
	sr := scoring.Rating{Patient: "Q", Date: scoring.DateOf(2024, 1, 2), Instrument: scoring.MustInstrument(scoring.HoNOSCA), Occasion: " Admission ", ProblemType: 'C'}
	for i := range sr.Items {
		sr.Items[i] = scoring.Code(i % 5)
	}
	r := FromScoring(sr, "id1")
	if len(r.Items) != 15 || r.Items[14] != 4 || r.Item8Type != "" || r.Occasion != "admission" || r.Period != PeriodTwoWeeks || r.Date != "2024-01-02" {
		t.Fatalf("FromScoring gave %+v", r)
	}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if FromScoring(scoring.Rating{Patient: "x"}, "").Validate() == nil {
		t.Fatal("a rating without instrument validated")
	}
}

func TestNewIDIsRandomHex(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 1000 {
		id := NewID()
		if len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
			t.Fatalf("ID %q is not 32 hex digits", id)
		}
		if seen[id] {
			t.Fatalf("ID %q repeated", id)
		}
		seen[id] = true
	}
}
