package store

// SchemaVersion is the version of the on-device database layout that this
// build writes. It is the IndexedDB version of the database and is also
// recorded in the meta store once the data migrations have run. Raise it by
// appending one migration to migrations (migrate_wasm.go).
const SchemaVersion = 2

// DatabaseName is the IndexedDB database of the app.
const DatabaseName = "honoscope"
