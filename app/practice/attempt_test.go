package practice

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func attempt(vignette, in, date string, codes, ref []int) Attempt {
	return Attempt{Vignette: vignette, Version: 1, Instrument: in, Date: date, Finished: date + "T10:00:00Z", Codes: codes, Reference: ref}
}

func TestAnAttemptRoundTripsThroughItsDocument(t *testing.T) {
	t.Parallel()
	a := attempt("honos-01", "honos", "2024-05-01", []int{0, 1, 2, 3, 4, 9, 0, 2, 1, 0, 0, 1}, []int{0, 1, 2, 3, 4, 0, 0, 3, 1, 0, 0, 1})
	a.Item8Type, a.ReferenceItem8Type = "B", "C"
	data, err := a.Encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(data)
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Fatalf("decoded %+v, %v; want %+v", got, err, a)
	}
	if a.Key() != "2024-05-01T10:00:00Z honos-01" {
		t.Fatalf("key %q", a.Key())
	}
}

func TestBrokenAttemptsAreRefusedWithAReason(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, data, want string }{
		{"text that is not JSON", `{`, "not readable"},
		{"an attempt without a vignette", `{"date":"2024-01-01","finished":"2024-01-01T00:00:00Z","codes":[1],"reference":[1]}`, "without a vignette"},
		{"codes and reference of different lengths", `{"vignette":"v","date":"2024-01-01","finished":"2024-01-01T00:00:00Z","codes":[1,2],"reference":[1]}`, "2 codes and 1 reference"},
		{"a bad date", `{"vignette":"v","date":"1/2/2024","finished":"2024-01-01T00:00:00Z","codes":[1],"reference":[1]}`, "YYYY-MM-DD"},
		{"a bad finishing time", `{"vignette":"v","date":"2024-01-01","finished":"noon","codes":[1],"reference":[1]}`, "RFC 3339"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, err := Decode([]byte(tc.data)); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestDriftGivesAgreementPerSessionInDateOrder(t *testing.T) {
	t.Parallel()
	as := []Attempt{
		attempt("b", "honos", "2024-06-01", []int{0, 1, 2}, []int{0, 1, 2}),
		attempt("a", "honos", "2024-01-10", []int{0, 1, 2}, []int{1, 1, 4}),
		attempt("c", "honos", "2024-06-01", []int{3, 9}, []int{3, 2}),
	}
	got := Drift(as)
	if len(got) != 2 || got[0].Date != "2024-01-10" || got[1].Date != "2024-06-01" {
		t.Fatalf("sessions %+v", got)
	}
	if got[0].Attempts != 1 || got[0].Agreement.Exact != 1 || got[0].Agreement.N != 3 {
		t.Fatalf("first session %+v", got[0])
	}
	if got[1].Attempts != 2 || got[1].Agreement.Exact != 4 || got[1].Agreement.N != 4 {
		t.Fatalf("second session %+v", got[1])
	}
	if Completed(as) != 3 || Completed(append(as, as[0])) != 3 {
		t.Fatal("completed counts repeats")
	}
}

func TestBiasListsTheItemsFurthestFromTheReferenceFirst(t *testing.T) {
	t.Parallel()
	as := []Attempt{
		attempt("a", "honos", "2024-01-01", []int{2, 1, 0, 4}, []int{1, 1, 2, 4}),
		attempt("b", "honos", "2024-01-02", []int{3, 1, 1, 9}, []int{1, 1, 2, 0}),
		attempt("c", "honosca", "2024-01-02", []int{4}, []int{0}),
	}
	got := Bias(as)
	want := []ItemBias{
		{Instrument: "honosca", Item: 1, N: 1, Mean: 4, Over: 1},
		{Instrument: "honos", Item: 1, N: 2, Mean: 1.5, Over: 2},
		{Instrument: "honos", Item: 3, N: 2, Mean: -1.5, Under: 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("bias %+v, want %+v", got, want)
	}
}

func TestARefresherIsDueOnceTheIntervalHasPassed(t *testing.T) {
	t.Parallel()
	last := time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		now    time.Time
		months int
		due    bool
	}{
		{"one day before twelve months is not due", time.Date(2025, 3, 14, 23, 59, 0, 0, time.UTC), 12, false},
		{"exactly twelve months later is due", time.Date(2025, 3, 15, 0, 0, 0, 0, time.UTC), 12, true},
		{"a zero interval falls back to twelve months", time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC), 0, false},
		{"a six month interval is due after six months", time.Date(2024, 9, 15, 8, 0, 0, 0, time.UTC), 6, true},
		{"a six month interval is not due the day before", time.Date(2024, 9, 14, 8, 0, 0, 0, time.UTC), 6, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := RefresherDue(last, tc.now, tc.months); got != tc.due {
				t.Fatalf("due %v, want %v", got, tc.due)
			}
		})
	}
	if got := (Settings{}).Months(); got != DefaultRefresherMonths {
		t.Fatalf("default months %d", got)
	}
	if got := (Settings{RefresherMonths: 999}).Months(); got != DefaultRefresherMonths {
		t.Fatalf("out-of-range months kept: %d", got)
	}
	if got := (Settings{RefresherMonths: 6}).Months(); got != 6 {
		t.Fatalf("months %d, want 6", got)
	}
	l, ok := Last([]Attempt{attempt("a", "honos", "2024-01-01", nil, nil), attempt("b", "honos", "2024-03-15", nil, nil)})
	if !ok || !l.Equal(last) {
		t.Fatalf("last %v %v", l, ok)
	}
	if _, ok := Last(nil); ok {
		t.Fatal("a last practice without attempts")
	}
}

func TestTheScoreIsExactAgreementTimesAHundred(t *testing.T) {
	t.Parallel()
	if _, ok := Score(nil); ok {
		t.Fatal("a score without practice")
	}
	s, ok := Score([]Attempt{attempt("a", "honos", "2024-01-01", []int{0, 1, 2}, []int{0, 1, 3})})
	if !ok || s != 67 {
		t.Fatalf("score %d %v, want 67", s, ok)
	}
}
