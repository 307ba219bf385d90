//go:build js && wasm

package store

import "testing"

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
