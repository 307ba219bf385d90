//go:build js && wasm

package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hack-pad/go-indexeddb/idb"
)

// freshName returns a database name no other test uses and deletes the
// database when the test ends.
func freshName(t *testing.T) string {
	name := "honoscope-test-" + NewID()
	t.Cleanup(func() {
		req, err := idb.Global().DeleteDatabase(name)
		if err == nil {
			_ = req.Await(context.Background())
		}
	})
	return name
}

func openTest(t *testing.T, name string, ms []migration) *idbStore {
	t.Helper()
	s, err := openIDB(context.Background(), name, ms)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	return s
}

func TestIndexedDBStoreKeepsTheContract(t *testing.T) {
	runContract(t, func(t *testing.T) Store {
		return openTest(t, freshName(t), migrations)
	})
}

// dbLayout returns the object stores and, per store, its sorted index names.
func dbLayout(t *testing.T, s *idbStore) map[string][]string {
	t.Helper()
	names, err := s.db.ObjectStoreNames()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, n := range names {
		tx, err := s.db.Transaction(idb.TransactionReadOnly, n)
		if err != nil {
			t.Fatal(err)
		}
		os, err := tx.ObjectStore(n)
		if err != nil {
			t.Fatal(err)
		}
		ix, err := os.IndexNames()
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(ix)
		out[n] = append([]string{}, ix...)
	}
	return out
}

func metaVersion(t *testing.T, s *idbStore) int {
	t.Helper()
	ctx := context.Background()
	os, err := s.read(ctx, storeMeta)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.get(ctx, os, metaSchema)
	if err != nil {
		t.Fatal(err)
	}
	if v.IsUndefined() {
		return 0
	}
	var m metaRecord
	if err := fromJS(v, &m); err != nil {
		t.Fatal(err)
	}
	return m.Version
}

func TestOpeningAnEmptyDatabaseCreatesTheCurrentLayout(t *testing.T) {
	name := freshName(t)
	s := openTest(t, name, migrations)
	defer s.Close()
	want := map[string][]string{
		storeRatings: {indexPatient, indexPatientDateInstrument},
		storeDrafts:  {},
		storeMeta:    {},
		storeDocs:    {indexKind},
	}
	if got := dbLayout(t, s); !reflect.DeepEqual(got, want) {
		t.Fatalf("layout %v, want %v", got, want)
	}
	if v, _ := s.db.Version(); int(v) != SchemaVersion {
		t.Fatalf("IndexedDB version %d, want %d", v, SchemaVersion)
	}
	if got := metaVersion(t, s); got != SchemaVersion {
		t.Fatalf("meta schema version %d, want %d", got, SchemaVersion)
	}
}

// testV2 is a version 2 as a real one would be written: a new index and a
// rewrite of every record.
var testV2 = migration{
	version: 2,
	schema: func(s schemaChanger) error {
		return s.CreateIndex(storeRatings, "date", "date")
	},
	records: func(store string, rec map[string]any) (map[string]any, error) {
		if store == storeRatings {
			rec["note"] = rec["note"].(string) + " [v2]"
		} else {
			rec["key"] = rec["key"].(string) // drafts keep their key
			r := rec["rating"].(map[string]any)
			r["rater"] = "migrated"
		}
		return rec, nil
	},
}

func TestADatabaseCreatedAtVersionOneUpgradesAndKeepsItsData(t *testing.T) {
	ctx := context.Background()
	name := freshName(t)
	v1 := openTest(t, name, migrations[:1])
	r := sample("a1", "P", "2024-05-01", "2024-05-01T09:00:00Z")
	r.Note = "kept"
	if err := v1.PutRating(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := v1.PutDraft(ctx, Draft{Key: "new", Rating: Rating{Patient: "half"}}); err != nil {
		t.Fatal(err)
	}
	if err := v1.Close(); err != nil {
		t.Fatal(err)
	}

	withV2 := append(slices.Clone(migrations[:1]), testV2)
	for round := 1; round <= 2; round++ { // the second open must not rewrite again
		s := openTest(t, name, withV2)
		got, err := s.Rating(ctx, "a1")
		if err != nil {
			t.Fatal(err)
		}
		if got.Note != "kept [v2]" {
			t.Fatalf("open %d: note %q, want the record rewritten once", round, got.Note)
		}
		d, err := s.Draft(ctx, "new")
		if err != nil {
			t.Fatal(err)
		}
		if d.Rating.Rater != "migrated" || d.Rating.Patient != "half" {
			t.Fatalf("open %d: draft %+v", round, d)
		}
		if ix := dbLayout(t, s)[storeRatings]; !slices.Contains(ix, "date") || !slices.Contains(ix, indexPatient) {
			t.Fatalf("open %d: ratings indexes %v", round, ix)
		}
		if v := metaVersion(t, s); v != 2 {
			t.Fatalf("open %d: meta version %d, want 2", round, v)
		}
		byDate, err := s.RatingsOn(ctx, "P", "2024-05-01", "honos")
		if err != nil || len(byDate) != 1 {
			t.Fatalf("open %d: the version 1 index no longer finds the rating: %v, %v", round, byDate, err)
		}
		_ = s.Close()
	}
}

func TestAFailingMigrationLeavesTheDatabaseAsItWas(t *testing.T) {
	ctx := context.Background()
	name := freshName(t)
	v1 := openTest(t, name, migrations[:1])
	if err := v1.PutRating(ctx, sample("a1", "P", "2024-05-01", "")); err != nil {
		t.Fatal(err)
	}
	_ = v1.Close()

	broken := migration{version: 2, schema: func(s schemaChanger) error {
		return s.CreateIndex("no-such-store", "x", "x")
	}}
	_, err := openIDB(ctx, name, append(slices.Clone(migrations[:1]), broken))
	if err == nil || !strings.Contains(err.Error(), "version 2") {
		t.Fatalf("broken migration: got %v, want an error naming version 2", err)
	}
	s := openTest(t, name, migrations[:1])
	defer s.Close()
	if _, err := s.Rating(ctx, "a1"); err != nil {
		t.Fatalf("the rating is gone after a failed upgrade: %v", err)
	}
	if v, _ := s.db.Version(); v != 1 {
		t.Fatalf("version after a failed upgrade %d, want 1", v)
	}
}

func TestADatabaseFromANewerVersionIsNotOpenedAndSaysWhatToDo(t *testing.T) {
	name := freshName(t)
	s := openTest(t, name, append(slices.Clone(migrations[:1]), testV2))
	_ = s.Close()
	_, err := openIDB(context.Background(), name, migrations[:1])
	if err == nil || !strings.Contains(err.Error(), "newer version") || !strings.Contains(err.Error(), "reload") {
		t.Fatalf("got %v, want an error about a newer version telling to reload", err)
	}
}

func TestOpenUsesTheAppDatabase(t *testing.T) {
	s, err := Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	name, err := s.(*idbStore).db.Name()
	if err != nil || name != DatabaseName {
		t.Fatalf("Open opened %q (%v), want %q", name, err, DatabaseName)
	}
}

// Another tab with a newer Honoscope upgrading the database: this page's
// connection closes, so that the upgrade is not blocked, and every later
// call says why and what to do instead of failing silently.
func TestAnUpgradeInAnotherTabClosesThisConnectionAndSaysSo(t *testing.T) {
	name := freshName(t)
	old := openTest(t, name, migrations[:1])
	r := sample("a", "P", "2024-01-01", "")
	r.Note = "kept"
	if err := old.PutRating(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	// The newer version, as another tab would open it.
	newer, err := openIDB(context.Background(), name, append(slices.Clone(migrations[:1]), testV2))
	if err != nil {
		t.Fatalf("the upgrade was blocked: %v", err)
	}
	defer newer.Close()
	if _, err := old.Ratings(context.Background()); !errors.Is(err, ErrUpgradedElsewhere) {
		t.Fatalf("reading after the upgrade: %v, want ErrUpgradedElsewhere", err)
	}
	if err := old.PutDraft(context.Background(), Draft{Key: "new", Rating: sample("b", "P", "2024-01-02", "")}); !errors.Is(err, ErrUpgradedElsewhere) || !strings.Contains(err.Error(), "reload this page") {
		t.Fatalf("writing after the upgrade: %v", err)
	}
	if rs, err := newer.Ratings(context.Background()); err != nil || len(rs) != 1 {
		t.Fatalf("the upgraded database: %v, %v", rs, err)
	}
}
