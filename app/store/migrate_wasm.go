//go:build js && wasm

package store

import "fmt"

// The database layout (IndexedDB names). They are part of the on-device
// format: never rename one without a migration.
const (
	// storeRatings holds Rating records, key path "id".
	storeRatings = "ratings"
	// storeDrafts holds Draft records, key path "key".
	storeDrafts = "drafts"
	// storeMeta holds {key, version} records; the one keyed metaSchema holds
	// the schema version whose data migrations have run.
	storeMeta  = "meta"
	metaSchema = "schema"
	// indexPatient indexes ratings by patient label (RatingsOf).
	indexPatient = "patient"
	// indexPatientDateInstrument indexes ratings by [patient, date,
	// instrument], the identity import uses to find conflicts (RatingsOn).
	indexPatientDateInstrument = "patient_date_instrument"
	// storeDocs holds docRecord values (version 2), key path "id" =
	// kind + "\x00" + key.
	storeDocs = "docs"
	// indexKind indexes documents by kind (Docs).
	indexKind = "kind"
)

// schemaChanger makes structural changes while the database is being
// upgraded (IndexedDB's version-change transaction). Its methods are
// synchronous; they never wait for the event loop.
type schemaChanger interface {
	// CreateStore creates an object store whose records are keyed by the
	// property keyPath.
	CreateStore(name, keyPath string) error
	// CreateIndex creates a non-unique index on store over the properties
	// in keyPath (several make a compound index).
	CreateIndex(store, name string, keyPath ...string) error
}

// migration moves the database from version-1 to version.
type migration struct {
	version int
	// schema changes the layout; nil when the layout does not change.
	schema func(s schemaChanger) error
	// records rewrites one record of the ratings or drafts store (decoded
	// from JSON) after the upgrade, in the same transaction that records
	// the new version in the meta store; nil when no record changes.
	records func(store string, rec map[string]any) (map[string]any, error)
}

// migrations are every schema version in order; the last one's version is
// SchemaVersion. Version 3 is added as one more element.
var migrations = []migration{
	{version: 1, schema: schemaV1},
	{version: 2, schema: schemaV2},
}

// schemaV1 creates the first layout: ratings with their two indexes,
// drafts and meta.
func schemaV1(s schemaChanger) error {
	if err := s.CreateStore(storeRatings, "id"); err != nil {
		return err
	}
	if err := s.CreateIndex(storeRatings, indexPatient, "patient"); err != nil {
		return err
	}
	if err := s.CreateIndex(storeRatings, indexPatientDateInstrument, "patient", "date", "instrument"); err != nil {
		return err
	}
	if err := s.CreateStore(storeDrafts, "key"); err != nil {
		return err
	}
	return s.CreateStore(storeMeta, "key")
}

// schemaV2 adds the documents store (practice attempts, event notes and
// other small JSON records) with its index on kind. No record changes.
func schemaV2(s schemaChanger) error {
	if err := s.CreateStore(storeDocs, "id"); err != nil {
		return err
	}
	return s.CreateIndex(storeDocs, indexKind, "kind")
}

// checkMigrations reports an error unless ms numbers versions 1, 2, … with
// no gap, so that every database can be brought up to date step by step.
func checkMigrations(ms []migration) error {
	if len(ms) == 0 {
		return fmt.Errorf("store: no migrations")
	}
	for i, m := range ms {
		if m.version != i+1 {
			return fmt.Errorf("store: migration %d has version %d, want %d", i, m.version, i+1)
		}
	}
	return nil
}
