//go:build js && wasm

package store

import (
	"context"
	"reflect"
	"testing"
)

func TestMigrationsRunFromOneToSchemaVersionWithoutGaps(t *testing.T) {
	t.Parallel()
	if err := checkMigrations(migrations); err != nil {
		t.Fatal(err)
	}
	if got := migrations[len(migrations)-1].version; got != SchemaVersion {
		t.Fatalf("last migration is version %d, SchemaVersion is %d", got, SchemaVersion)
	}
}

func TestCheckMigrationsRejectsGapsAndEmptyLists(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		ms   []migration
	}{
		{"an empty list", nil},
		{"a list starting at 2", []migration{{version: 2}}},
		{"a list with a gap", []migration{{version: 1}, {version: 3}}},
		{"a list out of order", []migration{{version: 2}, {version: 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if checkMigrations(tc.ms) == nil {
				t.Fatal("accepted")
			}
		})
	}
}

func TestAVersionOneDatabaseGainsTheDocumentsStoreAndKeepsItsRatings(t *testing.T) {
	ctx := context.Background()
	name := freshName(t)
	v1 := openTest(t, name, migrations[:1])
	r := sample("a1", "P", "2024-05-01", "2024-05-01T09:00:00Z")
	if err := v1.PutRating(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := v1.PutDraft(ctx, Draft{Key: "new", Rating: Rating{Patient: "half"}}); err != nil {
		t.Fatal(err)
	}
	_ = v1.Close()

	s := openTest(t, name, migrations)
	defer s.Close()
	if got := dbLayout(t, s)[storeDocs]; !reflect.DeepEqual(got, []string{indexKind}) {
		t.Fatalf("docs indexes after the upgrade %v, want [%s]", got, indexKind)
	}
	if v := metaVersion(t, s); v != 2 {
		t.Fatalf("meta version %d, want 2", v)
	}
	got, err := s.Rating(ctx, "a1")
	if err != nil || !reflect.DeepEqual(got, r) {
		t.Fatalf("rating after the upgrade %+v, %v; want %+v", got, err, r)
	}
	if d, err := s.Draft(ctx, "new"); err != nil || d.Rating.Patient != "half" {
		t.Fatalf("draft after the upgrade %+v, %v", d, err)
	}
	if err := s.PutDoc(ctx, "practice", "x", []byte(`{"ok":true}`)); err != nil {
		t.Fatal(err)
	}
	docs, err := s.Docs(ctx, "practice")
	if err != nil || len(docs) != 1 || string(docs[0].Data) != `{"ok":true}` {
		t.Fatalf("Docs after the upgrade %v, %v", docs, err)
	}
}
