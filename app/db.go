package app

import (
	"context"
	"sync"

	"honoscope/app/store"
)

// db holds the device's store, opened once for the whole page.
var db struct {
	once  sync.Once
	store store.Store
	err   error
}

// database returns the device's store, opening it on first use (IndexedDB in
// the browser, with its migrations; memory natively) behind the passphrase
// lock (guard, lock.go). Every page shares the
// one connection. If opening fails, the error is kept and returned to every
// caller, so each page can show it; reloading the page tries again.
//
// It waits for the browser on first use: call it inside ctx.Async, never on
// the UI goroutine. ctx is not used to open, so that leaving the page that
// happened to open the store first cannot break it for the others.
func database(_ context.Context) (store.Store, error) {
	db.once.Do(func() {
		db.store, db.err = guard(store.Open(context.Background()))
	})
	return db.store, db.err
}
