//go:build js && wasm

package store

import (
	"context"
	"reflect"
	"testing"
)

// removeBuckets deletes every generation, for a test that starts afresh.
func removeBuckets(t *testing.T) {
	t.Helper()
	gens, err := generations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gens {
		if err := deleteGeneration(context.Background(), g); err != nil {
			t.Fatal(err)
		}
	}
}

// The records an older version kept in the default database move into the
// first bucket; a rebuild moves them on to the next generation and deletes
// the previous one; an interrupted copy (no mark) is never used.
func TestTheRecordsMoveBetweenBucketGenerationsAndNothingIsLost(t *testing.T) {
	ctx := context.Background()
	removeBuckets(t)
	t.Cleanup(func() { removeBuckets(t) })

	// An older version's default database.
	old, err := openIDB(ctx, DatabaseName, migrations)
	if err != nil {
		t.Fatal(err)
	}
	r := sample("a", "OLD-1", "2024-01-01", "2024-01-01T09:00:00Z")
	if err := old.PutBatch(ctx, []Rating{r}, []Document{{Kind: "events", Key: "OLD-1\x00e", Data: []byte(`{"text":"n"}`)}}); err != nil {
		t.Fatal(err)
	}
	if err := old.PutDraft(ctx, Draft{Key: "new", Rating: r}); err != nil {
		t.Fatal(err)
	}
	_ = old.Close()

	s, err := Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first := s.(*idbStore)
	if first.gen != 1 {
		t.Fatalf("opened generation %d, want 1", first.gen)
	}
	if exists, _ := defaultExists(ctx); exists {
		t.Fatal("the default database is still there after its records moved")
	}
	want := func(d Device, what string) {
		t.Helper()
		rs, err := d.Ratings(ctx)
		if err != nil || len(rs) != 1 || !reflect.DeepEqual(rs[0], r) {
			t.Fatalf("%s: ratings %+v, %v", what, rs, err)
		}
		if ds, err := d.AllDrafts(ctx); err != nil || len(ds) != 1 {
			t.Fatalf("%s: drafts %+v, %v", what, ds, err)
		}
		if doc, err := d.Doc(ctx, "events", "OLD-1\x00e"); err != nil || string(doc) != `{"text":"n"}` {
			t.Fatalf("%s: the note %s, %v", what, doc, err)
		}
	}
	want(first, "generation 1")

	next, err := Rebuild(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	want(next, "generation 2")
	if gens, _ := generations(ctx); !reflect.DeepEqual(gens, []int{2}) {
		t.Fatalf("generations after the rebuild %v, want [2]", gens)
	}
	_ = next.Close()

	// A copy to generation 3 that stopped before its mark.
	broken, err := openGeneration(ctx, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := broken.PutRating(ctx, sample("b", "HALF", "2024-02-01", "")); err != nil {
		t.Fatal(err)
	}
	_ = broken.Close()
	again, err := Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := again.(*idbStore).gen; got != 2 {
		t.Fatalf("opened generation %d, want the complete 2", got)
	}
	want(again.(*idbStore), "generation 2 reopened")
	if gens, _ := generations(ctx); !reflect.DeepEqual(gens, []int{2}) {
		t.Fatalf("generations after opening %v, want the unfinished copy gone", gens)
	}
}
