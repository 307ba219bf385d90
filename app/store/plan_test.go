package store

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestPlanningSortsIncomingRatingsIntoNewIdenticalAndConflicts(t *testing.T) {
	t.Parallel()
	existing := []Rating{
		sample("e1", "P", "2024-01-01", "2024-01-01T09:00:00Z"),
		sample("e2", "Q", "2024-01-01", "2024-01-01T09:00:00Z"),
	}
	same := sample("x1", "P", "2024-01-01", "2024-06-01T00:00:00Z") // other ID and time, same content
	changed := sample("x2", "Q", "2024-01-01", "")
	changed.Items[0] = 4
	otherInstrument := Rating{ID: "x3", Patient: "P", Date: "2024-01-01", Instrument: "honos65", Items: make([]int, 12), Period: PeriodTwoWeeks}
	brandNew := sample("x4", "R", "2024-01-01", "")
	p := &Parsed{Ratings: []Rating{same, changed, otherInstrument, brandNew}, Lines: []int{2, 3, 4, 5}}
	plan := PlanImport(existing, p)
	if plan.Identical != 1 || len(plan.New) != 2 || len(plan.Conflicts) != 1 {
		t.Fatalf("plan %+v", plan)
	}
	if c := plan.Conflicts[0]; c.Incoming.ID != "x2" || c.Existing.ID != "e2" || c.Line != 3 {
		t.Fatalf("conflict %+v", c)
	}
	if plan.New[0].ID != "x3" || plan.NewLines[1] != 5 {
		t.Fatalf("new %v at %v", ids(plan.New), plan.NewLines)
	}
}

// applyOne imports a file holding one conflicting rating with choice and
// returns the device's ratings afterwards.
func applyOne(t *testing.T, choice Choice, csv bool) ([]Rating, Summary) {
	t.Helper()
	ctx := context.Background()
	s := NewMemory()
	old := sample("e1", "P", "2024-01-01", "2024-01-01T09:00:00Z")
	old.Note, old.Period = "kept note", PeriodThreeDays
	if err := s.PutRating(ctx, old); err != nil {
		t.Fatal(err)
	}
	in := sample("e1", "P", "2024-01-01", "2024-05-01T09:00:00Z") // same ID too: must never overwrite by ID
	in.Items[0] = 4
	existing, _ := s.Ratings(ctx)
	plan := PlanImport(existing, &Parsed{Ratings: []Rating{in}, Lines: []int{2}, CSV: csv})
	if len(plan.Conflicts) != 1 {
		t.Fatalf("plan %+v, want one conflict", plan)
	}
	sum, err := plan.Apply(ctx, s, existing, []Choice{choice}, nil, when)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := s.Ratings(ctx)
	return after, sum
}

func TestKeepingTheExistingRatingChangesNothing(t *testing.T) {
	t.Parallel()
	after, sum := applyOne(t, KeepExisting, false)
	if len(after) != 1 || after[0].Items[0] != 0 || sum != (Summary{Kept: 1}) {
		t.Fatalf("after %+v, summary %+v", after, sum)
	}
}

func TestReplacingPutsTheImportedRatingInTheExistingOnesPlace(t *testing.T) {
	t.Parallel()
	after, sum := applyOne(t, Replace, false)
	if len(after) != 1 || sum != (Summary{Replaced: 1}) {
		t.Fatalf("after %+v, summary %+v", after, sum)
	}
	r := after[0]
	if r.ID != "e1" || r.Items[0] != 4 || r.Created != "2024-01-01T09:00:00Z" || r.Updated != "2024-06-01T12:00:00Z" || r.Note != "" {
		t.Fatalf("replaced rating %+v", r)
	}
}

func TestReplacingFromCSVKeepsWhatCSVCannotCarry(t *testing.T) {
	t.Parallel()
	after, _ := applyOne(t, Replace, true)
	if r := after[0]; r.Items[0] != 4 || r.Note != "kept note" || r.Period != PeriodThreeDays {
		t.Fatalf("replaced from CSV: %+v", r)
	}
}

func TestKeepingBothAddsTheImportedRatingUnderANewID(t *testing.T) {
	t.Parallel()
	after, sum := applyOne(t, KeepBoth, false)
	if len(after) != 2 || sum != (Summary{Added: 1}) {
		t.Fatalf("after %+v, summary %+v", after, sum)
	}
	if after[0].ID == after[1].ID {
		t.Fatal("both ratings have the same ID")
	}
}

func TestAConflictWithoutAChoiceKeepsTheExistingRating(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := NewMemory()
	_ = s.PutRating(ctx, sample("e1", "P", "2024-01-01", ""))
	in := sample("x", "P", "2024-01-01", "")
	in.Items[5] = 0
	existing, _ := s.Ratings(ctx)
	plan := PlanImport(existing, &Parsed{Ratings: []Rating{in}, Lines: []int{2}})
	sum, err := plan.Apply(ctx, s, existing, nil, nil, when)
	if err != nil || sum.Kept != 1 {
		t.Fatalf("summary %+v, %v", sum, err)
	}
	got, _ := s.Rating(ctx, "e1")
	if got.Items[5] != 9 {
		t.Fatal("the existing rating changed without a choice")
	}
}

func TestReimportingAnExportIsAllIdentical(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := NewMemory()
	for i, p := range []string{"A", "B", "C"} {
		r := sample(NewID(), p, "2024-01-0"+string(rune('1'+i)), "2024-01-01T09:00:00Z")
		if err := s.PutRating(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	existing, _ := s.Ratings(ctx)
	for _, format := range []string{"json", "csv"} {
		var buf bytes.Buffer
		if format == "json" {
			_ = WriteJSON(&buf, existing, when)
		} else {
			_ = WriteCSV(&buf, existing)
		}
		p, err := ParseImport(buf.Bytes(), when)
		if err != nil || len(p.Errors) != 0 {
			t.Fatalf("%s: %v %v", format, err, p.Errors)
		}
		plan := PlanImport(existing, &p)
		if plan.Identical != 3 || len(plan.New) != 0 || len(plan.Conflicts) != 0 {
			t.Fatalf("%s: plan %+v", format, plan)
		}
	}
}

func TestAnExportMovesEverythingToAnotherDevice(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	from, to := NewMemory(), NewMemory()
	a := sample(NewID(), "A", "2024-01-01", "2024-01-01T09:00:00Z")
	b := sample(NewID(), "A", "2024-01-01", "2024-01-01T10:00:00Z") // kept both earlier
	b.Items[0] = 3
	for _, r := range []Rating{a, b} {
		_ = from.PutRating(ctx, r)
	}
	all, _ := from.Ratings(ctx)
	var buf bytes.Buffer
	_ = WriteJSON(&buf, all, when)
	p, err := ParseImport(buf.Bytes(), when)
	if err != nil {
		t.Fatal(err)
	}
	plan := PlanImport(nil, &p)
	if _, err := plan.Apply(ctx, to, nil, nil, nil, when); err != nil {
		t.Fatal(err)
	}
	got, _ := to.Ratings(ctx)
	if len(got) != 2 || !equal(got[0], a, false) || !equal(got[1], b, false) || got[0].ID != a.ID {
		t.Fatalf("moved %+v", got)
	}
}

func TestTwoDifferentCSVRowsForTheSameRatingAreAnError(t *testing.T) {
	t.Parallel()
	data := "patient,date,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12\n" +
		"P,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0\n" +
		"P,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0\n" +
		"P,2024-01-01,1,0,0,0,0,0,0,0,0,0,0,0\n"
	p, err := ParseCSV([]byte(data), when)
	if err != nil {
		t.Fatal(err)
	}
	plan := PlanImport(nil, &p)
	if len(plan.New) != 1 || plan.Identical != 1 || len(p.Errors) != 1 || !strings.HasPrefix(p.Errors[0].Error(), "line 4: same patient, date and instrument as line 2") {
		t.Fatalf("plan %+v, errors %v", plan, errorTexts(p.Errors))
	}
}
