package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

// sample returns a valid HoNOS rating with the given identity.
func sample(id, patient, date, created string) Rating {
	return Rating{
		ID: id, Patient: patient, Date: date, Instrument: "honos",
		Items:     []int{0, 1, 2, 3, 4, 9, 0, 2, 1, 0, 0, 1},
		Item8Type: "B", Period: PeriodTwoWeeks, Occasion: "review",
		Created: created, Updated: created,
	}
}

func ids(rs []Rating) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// runContract runs the behaviour every Store must have. open returns a new,
// empty store; the contract closes it.
func runContract(t *testing.T, open func(t *testing.T) Store) {
	ctx := context.Background()
	fresh := func(t *testing.T) Store {
		s := open(t)
		t.Cleanup(func() { _ = s.Close() })
		return s
	}

	t.Run("a stored rating reads back unchanged, every field", func(t *testing.T) {
		s := fresh(t)
		r := sample("a1", "Zoë 🙂 \"quoted\"", "2024-05-01", "2024-05-01T09:00:00Z")
		r.Rater, r.Note, r.Team, r.Setting, r.Period = "nurse", "line one\nline two", "North", "inpatient", PeriodThreeDays
		if err := s.PutRating(ctx, r); err != nil {
			t.Fatal(err)
		}
		got, err := s.Rating(ctx, "a1")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, r) {
			t.Fatalf("read back %+v, stored %+v", got, r)
		}
	})

	t.Run("a missing rating or draft is ErrNotFound", func(t *testing.T) {
		s := fresh(t)
		if _, err := s.Rating(ctx, "nope"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Rating: got %v, want ErrNotFound", err)
		}
		if _, err := s.Draft(ctx, "new"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Draft: got %v, want ErrNotFound", err)
		}
	})

	t.Run("putting a rating with the same ID replaces it", func(t *testing.T) {
		s := fresh(t)
		r := sample("a1", "P1", "2024-05-01", "2024-05-01T09:00:00Z")
		if err := s.PutRating(ctx, r); err != nil {
			t.Fatal(err)
		}
		r.Items[0], r.Note = 4, "edited"
		if err := s.PutRating(ctx, r); err != nil {
			t.Fatal(err)
		}
		all, err := s.Ratings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 1 || all[0].Items[0] != 4 || all[0].Note != "edited" {
			t.Fatalf("after replace: %+v", all)
		}
	})

	t.Run("a rating without an ID is refused", func(t *testing.T) {
		s := fresh(t)
		if err := s.PutRating(ctx, sample("", "P1", "2024-05-01", "")); err == nil {
			t.Fatal("no error for a rating without an ID")
		}
	})

	t.Run("deleting removes the rating and deleting a missing one is not an error", func(t *testing.T) {
		s := fresh(t)
		if err := s.PutRating(ctx, sample("a1", "P1", "2024-05-01", "")); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteRating(ctx, "a1"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Rating(ctx, "a1"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("after delete: %v", err)
		}
		if err := s.DeleteRating(ctx, "a1"); err != nil {
			t.Fatalf("deleting again: %v", err)
		}
	})

	t.Run("ratings come ordered by patient, date, created, then ID", func(t *testing.T) {
		s := fresh(t)
		in := []Rating{
			sample("z", "B", "2024-01-02", "2024-01-02T10:00:00Z"),
			sample("y", "A", "2024-03-01", "2024-03-01T10:00:00Z"),
			sample("x", "A", "2024-01-15", "2024-01-15T11:00:00Z"),
			sample("w", "A", "2024-01-15", "2024-01-15T10:00:00Z"),
			sample("v2", "A", "2024-01-15", "2024-01-15T11:00:00Z"),
			sample("u", "B", "2023-12-31", "2024-01-01T10:00:00Z"),
		}
		for _, r := range in {
			if err := s.PutRating(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		all, err := s.Ratings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ids(all), []string{"w", "v2", "x", "y", "u", "z"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("Ratings order %v, want %v", got, want)
		}
		of, err := s.RatingsOf(ctx, "B")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ids(of), []string{"u", "z"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("RatingsOf(B) %v, want %v", got, want)
		}
		on, err := s.RatingsOn(ctx, "A", "2024-01-15", "honos")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ids(on), []string{"w", "v2", "x"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("RatingsOn %v, want %v", got, want)
		}
		none, err := s.RatingsOn(ctx, "A", "2024-01-15", "honosca")
		if err != nil || len(none) != 0 {
			t.Fatalf("RatingsOn another instrument: %v, %v", none, err)
		}
		nobody, err := s.RatingsOf(ctx, "nobody")
		if err != nil || len(nobody) != 0 {
			t.Fatalf("RatingsOf(nobody): %v, %v", nobody, err)
		}
	})

	t.Run("patient labels are matched exactly, not by prefix or case", func(t *testing.T) {
		s := fresh(t)
		for _, r := range []Rating{sample("1", "ab", "2024-01-01", ""), sample("2", "abc", "2024-01-01", ""), sample("3", "AB", "2024-01-01", "")} {
			if err := s.PutRating(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		of, err := s.RatingsOf(ctx, "ab")
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(of); !reflect.DeepEqual(got, []string{"1"}) {
			t.Fatalf("RatingsOf(ab) = %v, want [1]", got)
		}
	})

	t.Run("putting several ratings stores all or none", func(t *testing.T) {
		s := fresh(t)
		good := []Rating{sample("a", "P", "2024-01-01", ""), sample("b", "P", "2024-01-02", "")}
		if err := s.PutRatings(ctx, good); err != nil {
			t.Fatal(err)
		}
		bad := []Rating{sample("c", "P", "2024-01-03", ""), sample("", "P", "2024-01-04", "")}
		if err := s.PutRatings(ctx, bad); err == nil {
			t.Fatal("no error for a batch with a rating without ID")
		}
		all, err := s.Ratings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(all); !reflect.DeepEqual(got, []string{"a", "b"}) {
			t.Fatalf("after a refused batch: %v, want [a b]", got)
		}
	})

	t.Run("a batch of ratings and documents stores all or none", func(t *testing.T) {
		s := fresh(t)
		rs := []Rating{sample("a", "P", "2024-01-01", ""), sample("b", "Q", "2024-01-02", "")}
		ds := []Document{{Kind: "events", Key: "P\x00e1", Data: []byte(`{"text":"x"}`)}, {Kind: "practice", Key: "k", Data: []byte(`1`)}}
		if err := s.PutBatch(ctx, rs, ds); err != nil {
			t.Fatal(err)
		}
		if err := s.PutBatch(ctx, []Rating{sample("c", "P", "2024-01-03", "")}, []Document{{Kind: "events", Key: "bad", Data: []byte(`{`)}}); err == nil {
			t.Fatal("no error for a batch with a document that is not JSON")
		}
		if err := s.PutBatch(ctx, []Rating{sample("", "P", "2024-01-04", "")}, []Document{{Kind: "events", Key: "P\x00e2", Data: []byte(`{}`)}}); err == nil {
			t.Fatal("no error for a batch with a rating without ID")
		}
		all, err := s.Ratings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(all); !reflect.DeepEqual(got, []string{"a", "b"}) {
			t.Fatalf("ratings after a refused batch: %v, want [a b]", got)
		}
		evs, err := s.Docs(ctx, "events")
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 1 || evs[0].Key != "P\x00e1" || string(evs[0].Data) != `{"text":"x"}` {
			t.Fatalf("events after a refused batch: %+v", evs)
		}
		if d, err := s.Doc(ctx, "practice", "k"); err != nil || string(d) != "1" {
			t.Fatalf("the practice document: %q, %v", d, err)
		}
		// Putting a document again replaces it, as PutDoc does.
		if err := s.PutBatch(ctx, nil, []Document{{Kind: "practice", Key: "k", Data: []byte(`2`)}}); err != nil {
			t.Fatal(err)
		}
		if ps, err := s.Docs(ctx, "practice"); err != nil || len(ps) != 1 || string(ps[0].Data) != "2" {
			t.Fatalf("after putting the document again: %+v, %v", ps, err)
		}
	})

	t.Run("changing a returned rating does not change the stored one", func(t *testing.T) {
		s := fresh(t)
		r := sample("a", "P", "2024-01-01", "")
		if err := s.PutRating(ctx, r); err != nil {
			t.Fatal(err)
		}
		r.Items[0] = 4 // the caller's slice after the put
		got, err := s.Rating(ctx, "a")
		if err != nil {
			t.Fatal(err)
		}
		got.Items[1] = 4
		again, err := s.Rating(ctx, "a")
		if err != nil {
			t.Fatal(err)
		}
		if again.Items[0] != 0 || again.Items[1] != 1 {
			t.Fatalf("stored items changed through a caller's slice: %v", again.Items)
		}
	})

	t.Run("drafts are saved, replaced, read and deleted by key", func(t *testing.T) {
		s := fresh(t)
		d := Draft{Key: "new", Rating: Rating{Patient: "half", Instrument: "honosca", Items: []int{1, 9}}}
		if err := s.PutDraft(ctx, d); err != nil {
			t.Fatal(err)
		}
		d.Rating.Items = append(d.Rating.Items, 3)
		if err := s.PutDraft(ctx, d); err != nil {
			t.Fatal(err)
		}
		if err := s.PutDraft(ctx, Draft{Key: "a1", Rating: sample("a1", "P", "2024-01-01", "")}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Draft(ctx, "new")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, d) {
			t.Fatalf("draft read back %+v, want %+v", got, d)
		}
		drafts, err := s.AllDrafts(ctx)
		if err != nil || len(drafts) != 2 || drafts[0].Key != "a1" || !reflect.DeepEqual(drafts[1], d) {
			t.Fatalf("AllDrafts = %+v, %v; want a1 then new", drafts, err)
		}
		if err := s.DeleteDraft(ctx, "new"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Draft(ctx, "new"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("after delete: %v", err)
		}
		if _, err := s.Draft(ctx, "a1"); err != nil {
			t.Fatalf("the other draft went too: %v", err)
		}
		if err := s.DeleteDraft(ctx, "new"); err != nil {
			t.Fatalf("deleting a missing draft: %v", err)
		}
		if err := s.PutDraft(ctx, Draft{}); err == nil {
			t.Fatal("no error for a draft without a key")
		}
		all, err := s.Ratings(ctx)
		if err != nil || len(all) != 0 {
			t.Fatalf("drafts leaked into ratings: %v, %v", all, err)
		}
	})

	t.Run("documents are stored, replaced, read byte for byte, listed by key and deleted", func(t *testing.T) {
		s := fresh(t)
		put := func(kind, key, data string) {
			t.Helper()
			if err := s.PutDoc(ctx, kind, key, []byte(data)); err != nil {
				t.Fatalf("PutDoc(%q, %q): %v", kind, key, err)
			}
		}
		put("practice", "b", `{"n": 1.50, "s":"Zoë 🙂"}`)
		put("practice", "a", `[1,2]`)
		put("practice", "a2", `"x"`)
		put("event", "a", `{"note":"other kind"}`)
		put("practice", "b", `{"n": 2.0}`) // replaces
		got, err := s.Doc(ctx, "practice", "b")
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != `{"n": 2.0}` {
			t.Fatalf("Doc read back %s", got)
		}
		list, err := s.Docs(ctx, "practice")
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, d := range list {
			if d.Kind != "practice" {
				t.Fatalf("Docs(practice) returned kind %q", d.Kind)
			}
			keys = append(keys, d.Key)
		}
		if want := []string{"a", "a2", "b"}; !reflect.DeepEqual(keys, want) {
			t.Fatalf("Docs keys %v, want %v", keys, want)
		}
		if string(list[0].Data) != `[1,2]` {
			t.Fatalf("Docs data %s", list[0].Data)
		}
		if err := s.DeleteDoc(ctx, "practice", "a"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Doc(ctx, "practice", "a"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("after delete: %v", err)
		}
		if other, err := s.Doc(ctx, "event", "a"); err != nil || string(other) != `{"note":"other kind"}` {
			t.Fatalf("deleting practice/a touched event/a: %s, %v", other, err)
		}
		if err := s.DeleteDoc(ctx, "practice", "a"); err != nil {
			t.Fatalf("deleting a missing document: %v", err)
		}
		none, err := s.Docs(ctx, "nothing")
		if err != nil || len(none) != 0 {
			t.Fatalf("Docs of an unused kind: %v, %v", none, err)
		}
		all, err := s.Ratings(ctx)
		if err != nil || len(all) != 0 {
			t.Fatalf("documents leaked into ratings: %v, %v", all, err)
		}
	})

	t.Run("a document without kind or key or with invalid JSON is refused", func(t *testing.T) {
		s := fresh(t)
		for _, tc := range []struct{ kind, key, data string }{
			{"", "k", `{}`}, {"practice", "", `{}`}, {"a\x00b", "k", `{}`}, {"practice", "k", `{`}, {"practice", "k", ``},
		} {
			if err := s.PutDoc(ctx, tc.kind, tc.key, []byte(tc.data)); err == nil {
				t.Fatalf("PutDoc(%q, %q, %q) accepted", tc.kind, tc.key, tc.data)
			}
		}
		if _, err := s.Doc(ctx, "", ""); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Doc of nothing: %v, want ErrNotFound", err)
		}
	})

	t.Run("changing returned document data does not change the stored one", func(t *testing.T) {
		s := fresh(t)
		data := []byte(`{"a":1}`)
		if err := s.PutDoc(ctx, "k", "x", data); err != nil {
			t.Fatal(err)
		}
		data[6] = '2'
		got, err := s.Doc(ctx, "k", "x")
		if err != nil {
			t.Fatal(err)
		}
		got[6] = '3'
		again, err := s.Doc(ctx, "k", "x")
		if err != nil || string(again) != `{"a":1}` {
			t.Fatalf("stored data changed through a caller's slice: %s, %v", again, err)
		}
	})

	t.Run("a closed store refuses work with an error", func(t *testing.T) {
		s := open(t)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Ratings(ctx); err == nil {
			t.Fatal("Ratings on a closed store: no error")
		}
		if err := s.PutRating(ctx, sample("a", "P", "2024-01-01", "")); err == nil {
			t.Fatal("PutRating on a closed store: no error")
		}
	})
}
