package consult

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"honoscope/app/device"
	"honoscope/app/ui"

	"honoscope/app/store"
	"honoscope/scoring"
)

var rateNow = time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)

func TestDraftRoundTripThroughTheStore(t *testing.T) {
	t.Parallel()
	half := ui.NewFormValue(scoring.HoNOS65, "2025-03-04")
	half.Patient, half.Occasion, half.Rater, half.Note = " AB-17 ", "review", "nurse", "seen at home"
	half.Period = scoring.ThreeDays
	half.Items[0], half.Items[1], half.Items[7], half.ProblemType = 3, scoring.NotKnown, 2, 'D'
	tests := []struct {
		name string
		v    ui.FormValue
	}{
		{"an empty form", ui.NewFormValue(scoring.HoNOS, "2025-03-04")},
		{"a half-finished HoNOS 65+ rating keeps its open items open", half},
		{"a HoNOSCA rating keeps items 14 and 15", func() ui.FormValue {
			v := ui.NewFormValue(scoring.HoNOSCA, "2025-03-01")
			v.Items[13], v.Items[14] = 4, 0
			return v
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := store.NewMemory()
			w := &device.Drafts{}
			d := store.Draft{Key: newDraftKey("t1"), Rating: formToStored(tt.v, store.Rating{}, rateNow, -1)}
			if err := w.Put(ctx, db, 1, d); err != nil {
				t.Fatal(err)
			}
			l, err := loadRating(ctx, db, "", "2025-03-04", newDraftKey("t1"), noTab)
			if err != nil {
				t.Fatal(err)
			}
			if !l.restored {
				t.Fatal("the draft was not restored")
			}
			want := tt.v
			want.Patient = strings.TrimSpace(tt.v.Patient)
			if !reflect.DeepEqual(l.value, want) {
				t.Errorf("restored %+v\nwant     %+v", l.value, want)
			}
		})
	}
}

func TestSavedRatingsValidateAndReadBack(t *testing.T) {
	t.Parallel()
	v := ui.NewFormValue(scoring.HoNOS, "2025-03-04")
	v.Patient = "AB-17"
	for i := 0; i < 12; i++ {
		v.Items[i] = scoring.Code(i % 5)
	}
	v.ProblemType = 'B'
	r := formToStored(v, store.Rating{ID: "id1"}, rateNow, int(scoring.NotKnown))
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if r.Item8Type != "B" || r.Created != "2025-03-04T09:30:00Z" || r.Updated != r.Created || r.Period != store.PeriodTwoWeeks {
		t.Errorf("stored %+v", r)
	}
	if got := storedToForm(r); got != v {
		t.Errorf("read back %+v\nwant      %+v", got, v)
	}
	// Item 8 rated 0 drops a type left from an earlier rating of item 8.
	v.Items[7] = 0
	if r := formToStored(v, store.Rating{}, rateNow, 9); r.Item8Type != "" {
		t.Errorf("item 8 rated 0 stored type %q", r.Item8Type)
	}
	// An edit keeps the creation time and the fields the form does not show.
	base := store.Rating{ID: "x", Created: "2024-01-01T00:00:00Z", Team: "north", Setting: "inpatient"}
	e := formToStored(v, base, rateNow, 9)
	if e.ID != "x" || e.Created != base.Created || e.Updated != "2025-03-04T09:30:00Z" || e.Team != "north" || e.Setting != "inpatient" {
		t.Errorf("edit lost fields: %+v", e)
	}
}

func TestStoredToFormNeverFails(t *testing.T) {
	t.Parallel()
	v := storedToForm(store.Rating{Instrument: "nonsense", Items: []int{7, -1, 3, 99}, Occasion: "weekly", Item8Type: "Q"})
	if v.Instrument != scoring.HoNOS {
		t.Errorf("instrument = %q, want honos", v.Instrument)
	}
	if v.Items[0] != ui.Unrated || v.Items[1] != ui.Unrated || v.Items[2] != 3 || v.Items[3] != ui.Unrated {
		t.Errorf("items = %v", v.Items[:4])
	}
	if v.Occasion != "" || v.ProblemType.Valid() {
		t.Errorf("occasion %q, type %q", v.Occasion, v.ProblemType)
	}
}

func TestADraftWrittenLateDoesNotComeBackAfterSave(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := store.NewMemory()
	w := &device.Drafts{}
	d := store.Draft{Key: draftNew, Rating: formToStored(ui.NewFormValue(scoring.HoNOS, "2025-03-04"), store.Rating{}, rateNow, -1)}
	if err := w.Put(ctx, db, 3, d); err != nil {
		t.Fatal(err)
	}
	// Save at change 5 removes the draft…
	if err := w.Remove(ctx, db, draftNew, 5); err != nil {
		t.Fatal(err)
	}
	// …and a write of change 4 or 5 arriving after it is void.
	for _, seq := range []int{4, 5} {
		if err := w.Put(ctx, db, seq, d); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Draft(ctx, draftNew); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a draft of change %d came back after the save: %v", seq, err)
		}
	}
	// A change made after the save is kept again.
	if err := w.Put(ctx, db, 6, d); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Draft(ctx, draftNew); err != nil {
		t.Fatalf("the draft of a change after the save was not kept: %v", err)
	}
	// Removing a draft that is not there is not an error.
	if err := w.Remove(ctx, db, "missing", 7); err != nil {
		t.Fatal(err)
	}
}

func TestOpeningAnEditLoadsTheRatingOrItsDraft(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := store.NewMemory()
	v := ui.NewFormValue(scoring.HoNOS, "2025-03-01")
	v.Patient = "CD-2"
	for i := 0; i < 12; i++ {
		v.Items[i] = 1
	}
	v.ProblemType = 'A'
	saved := formToStored(v, store.Rating{ID: "r1"}, rateNow, 9)
	if err := db.PutRating(ctx, saved); err != nil {
		t.Fatal(err)
	}
	l, err := loadRating(ctx, db, "r1", "2025-03-04", newDraftKey("t1"), noTab)
	if err != nil {
		t.Fatal(err)
	}
	if l.restored || l.missing || l.value != v || l.base.ID != "r1" || !reflect.DeepEqual(l.labels, []string{"CD-2"}) {
		t.Fatalf("loaded %+v", l)
	}
	changed := v
	changed.Items[0] = 4
	if err := db.PutDraft(ctx, store.Draft{Key: "r1", Rating: formToStored(changed, saved, rateNow, -1)}); err != nil {
		t.Fatal(err)
	}
	if l, err = loadRating(ctx, db, "r1", "2025-03-04", newDraftKey("t1"), noTab); err != nil || !l.restored || l.value != changed {
		t.Fatalf("with a draft: %+v, %v", l, err)
	}
	if l, err = loadRating(ctx, db, "gone", "2025-03-04", newDraftKey("t1"), noTab); err != nil || !l.missing {
		t.Fatalf("a missing rating: %+v, %v", l, err)
	}
	// A new rating is not mistaken for the edit's draft.
	if l, err = loadRating(ctx, db, "", "2025-03-04", newDraftKey("t1"), noTab); err != nil || l.restored || l.value != ui.NewFormValue(scoring.HoNOS, "2025-03-04") {
		t.Fatalf("a new rating: %+v, %v", l, err)
	}
}

func TestFragments(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ fragment, want string }{
		{"edit=0a1b", "0a1b"},
		{"edit=", ""},
		{"AB-17", ""},
		{"", ""},
	} {
		if got := editIDFromFragment(tt.fragment); got != tt.want {
			t.Errorf("editIDFromFragment(%q) = %q, want %q", tt.fragment, got, tt.want)
		}
	}
	// An address never carries a label: a random ID as it is, any other ID
	// (imported, maybe holding a label) by its hash.
	id := store.NewID()
	if got := personHref(id); got != "/person#r="+id {
		t.Errorf("personHref(%q) = %q", id, got)
	}
	if got := rateHref("AB-17 2024"); strings.Contains(got, "AB") || !strings.HasPrefix(got, "/rate#edit=h") || len(got) != len("/rate#edit=h")+32 {
		t.Errorf("rateHref of an imported ID = %q", got)
	}
}

// The person page finds the person by the reference in its address, or by
// an older address's label, and never by a reference to another person.
func TestThePersonPageFindsThePersonByAReferenceToOneOfTheirRatings(t *testing.T) {
	t.Parallel()
	all := []store.Rating{
		{ID: store.NewID(), Patient: "AB-17", Date: "2024-01-01"},
		{ID: "imported AB-17 #2", Patient: "AB-17", Date: "2024-02-01"},
		{ID: store.NewID(), Patient: "CD-2", Date: "2024-01-01"},
	}
	for _, c := range []struct {
		frag, label string
		n           int
	}{
		{"r=" + store.Ref(all[0].ID), "AB-17", 2},
		{"r=" + store.Ref(all[1].ID), "AB-17", 2},
		{"r=" + store.Ref(all[2].ID), "CD-2", 1},
		{"r=" + store.NewID(), "", 0},
		{"AB-17", "AB-17", 2},
	} {
		label, rs := personOf(all, c.frag)
		if label != c.label || len(rs) != c.n {
			t.Errorf("personOf(%q) = %q with %d ratings, want %q with %d", c.frag, label, len(rs), c.label, c.n)
		}
	}
}

func TestPeopleSummaries(t *testing.T) {
	t.Parallel()
	rs := []store.Rating{
		{ID: "1", Patient: "A", Date: "2025-01-01", Instrument: "honos", Items: []int{1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1}, Period: "2w"},
		{ID: "2", Patient: "A", Date: "2025-02-01", Instrument: "honos", Items: []int{9, 9, 9, 1, 1, 1, 1, 0, 1, 1, 1, 1}, Period: "2w"},
		{ID: "3", Patient: "B", Date: "2025-01-05", Instrument: "honosca", Items: []int{4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 0}, Period: "2w"},
	}
	got := summarisePeople(rs)
	if len(got) != 2 || got[0].Label != "A" || got[0].Count != 2 || got[0].Latest.ID != "2" || got[1].Latest.ID != "3" {
		t.Fatalf("summaries %+v", got)
	}
	for _, tt := range []struct {
		r            store.Rating
		total, valid string
	}{
		{rs[0], "11/48", "Yes"},
		{rs[1], "8/48", "No: 3 items not known"},
		{rs[2], "52/52", "Yes"},
	} {
		if total, valid := ratingTotal(tt.r); total != tt.total || valid != tt.valid {
			t.Errorf("rating %s: %q, %q; want %q, %q", tt.r.ID, total, valid, tt.total, tt.valid)
		}
	}
	if got := patientLabels(rs); !reflect.DeepEqual(got, []string{"A", "B"}) {
		t.Errorf("labels %v", got)
	}
	if got := insertLabel([]string{"A", "C"}, "B"); !reflect.DeepEqual(got, []string{"A", "B", "C"}) {
		t.Errorf("insertLabel %v", got)
	}
}

// noTab says no other tab is open.
func noTab(string) bool { return false }

// Two tabs rating two people keep two drafts; a tab that was closed before
// Save leaves its draft to the next tab that opens a new rating, which
// takes it under its own key (also the older shared key's draft).
func TestEachTabKeepsItsOwnDraftAndAClosedTabsDraftIsTakenOver(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := store.NewMemory()
	a := ui.NewFormValue(scoring.HoNOS, "2025-03-04")
	a.Patient = "TAB-A"
	if err := db.PutDraft(ctx, store.Draft{Key: newDraftKey("a"), Rating: formToStored(a, store.Rating{}, rateNow, -1)}); err != nil {
		t.Fatal(err)
	}
	open := map[string]bool{"a": true, "b": true}
	l, err := loadRating(ctx, db, "", "2025-03-04", newDraftKey("b"), func(tab string) bool { return open[tab] })
	if err != nil || l.restored || l.value.Patient != "" {
		t.Fatalf("tab b opened tab a's draft while a is open: %+v, %v", l, err)
	}
	delete(open, "a")
	l, err = loadRating(ctx, db, "", "2025-03-04", newDraftKey("b"), func(tab string) bool { return open[tab] })
	if err != nil || !l.restored || l.value.Patient != "TAB-A" {
		t.Fatalf("tab b did not take over closed tab a's draft: %+v, %v", l, err)
	}
	ds, _ := db.AllDrafts(ctx)
	if len(ds) != 1 || ds[0].Key != newDraftKey("b") {
		t.Fatalf("drafts after the take-over: %+v", ds)
	}
	old := ui.NewFormValue(scoring.HoNOS, "2025-03-04")
	old.Patient = "OLDER"
	db2 := store.NewMemory()
	if err := db2.PutDraft(ctx, store.Draft{Key: draftNew, Rating: formToStored(old, store.Rating{}, rateNow, -1)}); err != nil {
		t.Fatal(err)
	}
	if l, err = loadRating(ctx, db2, "", "2025-03-04", newDraftKey("c"), noTab); err != nil || !l.restored || l.value.Patient != "OLDER" {
		t.Fatalf("the older shared draft was not restored: %+v, %v", l, err)
	}
}
