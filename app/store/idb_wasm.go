//go:build js && wasm

package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync/atomic"
	"syscall/js"

	"github.com/hack-pad/go-indexeddb/idb"
	"github.com/hack-pad/safejs"
)

// Open opens the device's IndexedDB database (DatabaseName), bringing it up
// to SchemaVersion: layout changes run in the upgrade, then record rewrites.
// Where the browser offers storage buckets, the database lives in the
// current one (openBuckets). Call it from a goroutine (ctx.Async), never
// the UI goroutine: it waits for browser events.
func Open(ctx context.Context) (Store, error) {
	if hasBuckets() {
		return openBuckets(ctx)
	}
	s, err := openIDB(ctx, DatabaseName, migrations)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// idbStore is the Store in the browser's IndexedDB.
type idbStore struct {
	db *idb.Database
	// gone is set when another tab or window upgraded the database: this
	// connection was closed so as not to block it.
	gone atomic.Bool
	// onChange is the versionchange listener, kept for the connection's life.
	onChange safejs.Func
	// gen is the storage bucket generation holding the database, 0 for
	// the default storage.
	gen int
}

// ErrUpgradedElsewhere is returned by every call after another tab or
// window opened the database with a newer version of Honoscope.
var ErrUpgradedElsewhere = errors.New("this page can no longer read or save on this device, because Honoscope was updated in another tab or window: note down anything on screen not yet saved, then reload this page (a rating you were typing was kept as a draft up to a moment ago)")

// transaction starts a transaction on stores, or returns
// ErrUpgradedElsewhere once the connection was closed for an upgrade.
func (s *idbStore) transaction(mode idb.TransactionMode, stores ...string) (*idb.Transaction, error) {
	if s.gone.Load() {
		return nil, ErrUpgradedElsewhere
	}
	tx, err := s.db.Transaction(mode, stores[0], stores[1:]...)
	if err != nil && s.gone.Load() {
		return nil, ErrUpgradedElsewhere
	}
	return tx, err
}

// closeForUpgrades closes this connection when another tab or window asks
// to upgrade the database (its versionchange event): left open, it would
// block that tab forever; closed, every later call here says why.
func (s *idbStore) closeForUpgrades(raw safejs.Value) {
	fn, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		s.gone.Store(true)
		_ = s.db.Close()
		return nil
	})
	if err != nil {
		return
	}
	s.onChange = fn
	_ = raw.Set("onversionchange", fn)
}

// jsJSON is the browser's JSON object, looked up once.
var jsJSON = js.Global().Get("JSON")

// toJS converts v to a plain JavaScript object through JSON, so that the
// stored record has the same field names as the export format.
func toJS(v any) (js.Value, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return js.Undefined(), err
	}
	out, err := safejs.Safe(jsJSON).Call("parse", string(b))
	return safejs.Unsafe(out), err
}

// fromJS decodes a stored record into dst.
func fromJS(v js.Value, dst any) error {
	s, err := safejs.Safe(jsJSON).Call("stringify", safejs.Safe(v))
	if err != nil {
		return err
	}
	str, err := s.String()
	if err != nil {
		return err
	}
	return json.Unmarshal([]byte(str), dst)
}

// upgrade is the schemaChanger over IndexedDB's version-change transaction.
type upgrade struct {
	db, tx safejs.Value
}

func (u upgrade) CreateStore(name, keyPath string) error {
	_, err := u.db.Call("createObjectStore", name, map[string]any{"keyPath": keyPath})
	return err
}

func (u upgrade) CreateIndex(store, name string, keyPath ...string) error {
	os, err := u.tx.Call("objectStore", store)
	if err != nil {
		return err
	}
	var kp any = keyPath[0]
	if len(keyPath) > 1 {
		arr := make([]any, len(keyPath))
		for i, k := range keyPath {
			arr[i] = k
		}
		kp = arr
	}
	_, err = os.Call("createIndex", name, kp, map[string]any{"unique": false})
	return err
}

// openIDB opens database name in the browser's default storage and runs
// ms (checked by checkMigrations).
func openIDB(ctx context.Context, name string, ms []migration) (*idbStore, error) {
	real, err := safejs.Global().Get("indexedDB")
	if err != nil {
		return nil, err
	}
	return openIDBIn(ctx, real, name, ms)
}

// openIDBIn opens database name of the IndexedDB factory real (the
// default one, or a storage bucket's) and runs ms.
func openIDBIn(ctx context.Context, real safejs.Value, name string, ms []migration) (*idbStore, error) {
	if err := checkMigrations(ms); err != nil {
		return nil, err
	}
	target := ms[len(ms)-1].version
	if ok, _ := real.Truthy(); !ok {
		return nil, errors.New("this browser does not offer IndexedDB storage (private windows of some browsers turn it off): open Honoscope in a normal window to save ratings")
	}
	// go-indexeddb hands the upgrader the database but not the version
	// change transaction, which creating an index on an existing store
	// needs. A thin factory that forwards open() and keeps the request
	// gives us request.transaction.
	var req safejs.Value
	openFn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		a := make([]any, len(args))
		for i, v := range args {
			a[i] = v
		}
		r, err := real.Call("open", a...)
		if err != nil {
			return nil
		}
		req = r
		return r
	})
	if err != nil {
		return nil, err
	}
	defer openFn.Release()
	object, err := safejs.Global().Get("Object")
	if err != nil {
		return nil, err
	}
	proxy, err := object.New()
	if err != nil {
		return nil, err
	}
	if err := proxy.Set("open", openFn); err != nil {
		return nil, err
	}
	factory, err := idb.WrapFactory(safejs.Unsafe(proxy))
	if err != nil {
		return nil, err
	}

	// The upgrader runs inside a browser event: it must not block and must
	// not return an error (go-indexeddb panics on one). On failure it aborts
	// the upgrade, which leaves the database as it was, and keeps the error.
	var upgradeErr error
	openReq, err := factory.Open(ctx, name, uint(target), func(_ *idb.Database, oldVersion, newVersion uint) error {
		upgradeErr = runSchema(req, ms, int(oldVersion), int(newVersion))
		if upgradeErr != nil {
			if tx, err := req.Get("transaction"); err == nil {
				_, _ = tx.Call("abort")
			}
		}
		return nil
	})
	if err != nil {
		return nil, openError(err, name, target)
	}
	db, err := openReq.Await(ctx)
	if upgradeErr != nil {
		if err == nil {
			_ = db.Close()
		}
		return nil, fmt.Errorf("upgrading the database to version %d failed: %w", target, upgradeErr)
	}
	if err != nil {
		return nil, openError(err, name, target)
	}
	s := &idbStore{db: db}
	if raw, err := req.Get("result"); err == nil {
		s.closeForUpgrades(raw)
	}
	if err := s.migrateRecords(ctx, ms); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// runSchema runs the layout steps of the migrations after oldVersion up to
// newVersion.
func runSchema(req safejs.Value, ms []migration, oldVersion, newVersion int) error {
	db, err := req.Get("result")
	if err != nil {
		return err
	}
	tx, err := req.Get("transaction")
	if err != nil {
		return err
	}
	u := upgrade{db: db, tx: tx}
	for _, m := range ms {
		if m.version <= oldVersion || m.version > newVersion || m.schema == nil {
			continue
		}
		if err := m.schema(u); err != nil {
			return fmt.Errorf("version %d: %w", m.version, err)
		}
	}
	return nil
}

// openError explains a failed open, in particular a database newer than
// this build.
func openError(err error, name string, target int) error {
	if errors.Is(err, idb.NewDOMException("VersionError")) {
		found := target + 1
		if v, err := databaseVersion(name); err == nil && v > target {
			found = v
		}
		return newerDatabaseError(found, target)
	}
	return fmt.Errorf("opening the ratings database: %w", err)
}

// databaseVersion returns the version of database name, or an error.
func databaseVersion(name string) (int, error) {
	ctx := context.Background()
	req, err := idb.Global().Open(ctx, name, 0, func(*idb.Database, uint, uint) error { return nil })
	if err != nil {
		return 0, err
	}
	db, err := req.Await(ctx)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	v, err := db.Version()
	return int(v), err
}

// metaRecord is the meta store's schema record.
type metaRecord struct {
	Key     string `json:"key"`
	Version int    `json:"version"`
}

// migrateRecords runs the record rewrites of every migration newer than the
// version recorded in meta, then records the newest version, all in one
// transaction: a failure leaves the data as it was and the next start-up
// tries again.
func (s *idbStore) migrateRecords(ctx context.Context, ms []migration) error {
	target := ms[len(ms)-1].version
	done := 0
	tx, err := s.transaction(idb.TransactionReadWrite, storeMeta, storeRatings, storeDrafts)
	if err != nil {
		return err
	}
	meta, err := tx.ObjectStore(storeMeta)
	if err != nil {
		return err
	}
	v, err := s.get(ctx, meta, metaSchema)
	if err != nil {
		return err
	}
	if !v.IsUndefined() {
		var m metaRecord
		if err := fromJS(v, &m); err != nil {
			return err
		}
		done = m.Version
	}
	if done > target {
		_ = tx.Abort()
		return newerDatabaseError(done, target)
	}
	if done == target {
		return tx.Await(ctx)
	}
	for _, m := range ms {
		if m.version <= done || m.records == nil {
			continue
		}
		for _, name := range []string{storeRatings, storeDrafts} {
			if err := rewrite(ctx, tx, name, m); err != nil {
				_ = tx.Abort()
				return fmt.Errorf("migrating the %s to version %d: %w", name, m.version, err)
			}
		}
	}
	rec, err := toJS(metaRecord{Key: metaSchema, Version: target})
	if err != nil {
		return err
	}
	if _, err := meta.Put(rec); err != nil {
		return err
	}
	return tx.Await(ctx)
}

// rewrite applies m.records to every record of the named store in tx.
func rewrite(ctx context.Context, tx *idb.Transaction, name string, m migration) error {
	os, err := tx.ObjectStore(name)
	if err != nil {
		return err
	}
	cur, err := os.OpenCursor(idb.CursorNext)
	if err != nil {
		return err
	}
	return cur.Iter(ctx, func(c *idb.CursorWithValue) error {
		v, err := c.Value()
		if err != nil {
			return err
		}
		var rec map[string]any
		if err := fromJS(v, &rec); err != nil {
			return err
		}
		rec, err = m.records(name, rec)
		if err != nil {
			return err
		}
		out, err := toJS(rec)
		if err != nil {
			return err
		}
		_, err = c.Update(out)
		return err
	})
}

func (s *idbStore) get(ctx context.Context, os *idb.ObjectStore, key string) (js.Value, error) {
	req, err := os.Get(js.ValueOf(key))
	if err != nil {
		return js.Undefined(), err
	}
	return req.Await(ctx)
}

func (s *idbStore) PutRating(ctx context.Context, r Rating) error {
	return s.PutRatings(ctx, []Rating{r})
}

func (s *idbStore) PutRatings(ctx context.Context, rs []Rating) error {
	return s.PutBatch(ctx, rs, nil)
}

func (s *idbStore) PutBatch(ctx context.Context, rs []Rating, ds []Document) error {
	ratings := make([]js.Value, len(rs))
	for i, r := range rs {
		if r.ID == "" {
			return errNoID
		}
		v, err := toJS(r)
		if err != nil {
			return err
		}
		ratings[i] = v
	}
	docs := make([]js.Value, len(ds))
	for i, d := range ds {
		if err := checkDoc(d.Kind, d.Key, d.Data); err != nil {
			return err
		}
		v, err := toJS(docRecord{ID: docID(d.Kind, d.Key), Kind: d.Kind, Key: d.Key, Data: string(d.Data)})
		if err != nil {
			return err
		}
		docs[i] = v
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Only the stores written are in the transaction: a database still at
	// version 1, before its migration, has no documents store.
	var names []string
	for name, vals := range map[string][]js.Value{storeRatings: ratings, storeDocs: docs} {
		if len(vals) > 0 {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Strings(names)
	tx, err := s.transaction(idb.TransactionReadWrite, names...)
	if err != nil {
		return err
	}
	for name, vals := range map[string][]js.Value{storeRatings: ratings, storeDocs: docs} {
		if len(vals) == 0 {
			continue
		}
		os, err := tx.ObjectStore(name)
		if err != nil {
			_ = tx.Abort()
			return err
		}
		for _, v := range vals {
			if _, err := os.Put(v); err != nil {
				_ = tx.Abort()
				return err
			}
		}
	}
	return tx.Await(ctx)
}

// write runs fn in a read-write transaction on one store and waits for it to
// commit; an error from fn aborts it.
func (s *idbStore) write(ctx context.Context, store string, fn func(*idb.ObjectStore) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tx, err := s.transaction(idb.TransactionReadWrite, store)
	if err != nil {
		return err
	}
	os, err := tx.ObjectStore(store)
	if err != nil {
		return err
	}
	if err := fn(os); err != nil {
		_ = tx.Abort()
		return err
	}
	return tx.Await(ctx)
}

// read returns the object store for a read-only transaction.
func (s *idbStore) read(ctx context.Context, store string) (*idb.ObjectStore, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tx, err := s.transaction(idb.TransactionReadOnly, store)
	if err != nil {
		return nil, err
	}
	return tx.ObjectStore(store)
}

func (s *idbStore) Rating(ctx context.Context, id string) (Rating, error) {
	os, err := s.read(ctx, storeRatings)
	if err != nil {
		return Rating{}, err
	}
	v, err := s.get(ctx, os, id)
	if err != nil {
		return Rating{}, err
	}
	if v.IsUndefined() {
		return Rating{}, ErrNotFound
	}
	var r Rating
	err = fromJS(v, &r)
	return r, err
}

func (s *idbStore) DeleteRating(ctx context.Context, id string) error {
	return s.write(ctx, storeRatings, func(os *idb.ObjectStore) error {
		_, err := os.Delete(js.ValueOf(id))
		return err
	})
}

// decodeAll decodes every record a cursor request yields, in cursor order.
func decodeAll[T any](ctx context.Context, req *idb.CursorWithValueRequest) ([]T, error) {
	out := []T{}
	err := req.Iter(ctx, func(c *idb.CursorWithValue) error {
		v, err := c.Value()
		if err != nil {
			return err
		}
		var r T
		if err := fromJS(v, &r); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// collect decodes every rating a cursor request yields, sorted.
func collect(ctx context.Context, req *idb.CursorWithValueRequest) ([]Rating, error) {
	out, err := decodeAll[Rating](ctx, req)
	if err != nil {
		return nil, err
	}
	SortRatings(out)
	return out, nil
}

// documents decodes every document a cursor request yields, sorted by
// kind and key (IndexedDB orders strings by UTF-16 code units, not bytes).
func documents(ctx context.Context, req *idb.CursorWithValueRequest) ([]Document, error) {
	rs, err := decodeAll[docRecord](ctx, req)
	if err != nil {
		return nil, err
	}
	out := make([]Document, len(rs))
	for i, r := range rs {
		out[i] = Document{Kind: r.Kind, Key: r.Key, Data: json.RawMessage(r.Data)}
	}
	SortDocuments(out)
	return out, nil
}

func (s *idbStore) Ratings(ctx context.Context) ([]Rating, error) {
	os, err := s.read(ctx, storeRatings)
	if err != nil {
		return nil, err
	}
	req, err := os.OpenCursor(idb.CursorNext)
	if err != nil {
		return nil, err
	}
	return collect(ctx, req)
}

// byIndex returns the ratings whose index entry equals key.
func (s *idbStore) byIndex(ctx context.Context, index string, key js.Value) ([]Rating, error) {
	os, err := s.read(ctx, storeRatings)
	if err != nil {
		return nil, err
	}
	ix, err := os.Index(index)
	if err != nil {
		return nil, err
	}
	req, err := ix.OpenCursorKey(key, idb.CursorNext)
	if err != nil {
		return nil, err
	}
	return collect(ctx, req)
}

func (s *idbStore) RatingsOf(ctx context.Context, patient string) ([]Rating, error) {
	return s.byIndex(ctx, indexPatient, js.ValueOf(patient))
}

func (s *idbStore) RatingsOn(ctx context.Context, patient, date, instrument string) ([]Rating, error) {
	return s.byIndex(ctx, indexPatientDateInstrument, js.ValueOf([]any{patient, date, instrument}))
}

func (s *idbStore) PutDraft(ctx context.Context, d Draft) error {
	if d.Key == "" {
		return errNoKey
	}
	v, err := toJS(d)
	if err != nil {
		return err
	}
	return s.write(ctx, storeDrafts, func(os *idb.ObjectStore) error {
		_, err := os.Put(v)
		return err
	})
}

func (s *idbStore) Draft(ctx context.Context, key string) (Draft, error) {
	os, err := s.read(ctx, storeDrafts)
	if err != nil {
		return Draft{}, err
	}
	v, err := s.get(ctx, os, key)
	if err != nil {
		return Draft{}, err
	}
	if v.IsUndefined() {
		return Draft{}, ErrNotFound
	}
	var d Draft
	err = fromJS(v, &d)
	return d, err
}

func (s *idbStore) DeleteDraft(ctx context.Context, key string) error {
	return s.write(ctx, storeDrafts, func(os *idb.ObjectStore) error {
		_, err := os.Delete(js.ValueOf(key))
		return err
	})
}

// docRecord is a Document as IndexedDB keeps it. The data is kept as the
// exact JSON text the caller gave, so that it reads back byte for byte.
type docRecord struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Key  string `json:"key"`
	Data string `json:"data"`
}

func (s *idbStore) PutDoc(ctx context.Context, kind, key string, data []byte) error {
	if err := checkDoc(kind, key, data); err != nil {
		return err
	}
	v, err := toJS(docRecord{ID: docID(kind, key), Kind: kind, Key: key, Data: string(data)})
	if err != nil {
		return err
	}
	return s.write(ctx, storeDocs, func(os *idb.ObjectStore) error {
		_, err := os.Put(v)
		return err
	})
}

func (s *idbStore) Doc(ctx context.Context, kind, key string) ([]byte, error) {
	os, err := s.read(ctx, storeDocs)
	if err != nil {
		return nil, err
	}
	v, err := s.get(ctx, os, docID(kind, key))
	if err != nil {
		return nil, err
	}
	if v.IsUndefined() {
		return nil, ErrNotFound
	}
	var r docRecord
	if err := fromJS(v, &r); err != nil {
		return nil, err
	}
	return []byte(r.Data), nil
}

func (s *idbStore) Docs(ctx context.Context, kind string) ([]Document, error) {
	os, err := s.read(ctx, storeDocs)
	if err != nil {
		return nil, err
	}
	ix, err := os.Index(indexKind)
	if err != nil {
		return nil, err
	}
	req, err := ix.OpenCursorKey(js.ValueOf(kind), idb.CursorNext)
	if err != nil {
		return nil, err
	}
	return documents(ctx, req)
}

func (s *idbStore) DeleteDoc(ctx context.Context, kind, key string) error {
	return s.write(ctx, storeDocs, func(os *idb.ObjectStore) error {
		_, err := os.Delete(js.ValueOf(docID(kind, key)))
		return err
	})
}

func (s *idbStore) Close() error {
	return s.db.Close()
}

// newerDatabaseError says what to do when the device's database was written
// by a newer build than the one running (for example an old cached copy).
func newerDatabaseError(found, known int) error {
	return fmt.Errorf("this device's ratings were saved by a newer version of Honoscope (database version %d; this page knows up to %d): reload the page to get the newest version; your ratings are untouched", found, known)
}
