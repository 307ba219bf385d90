// Package device is the app's one way to the data kept on this device: it
// opens the store once per page, puts it behind the passphrase lock, and
// owns what is done to the device as a whole: its settings, the backup, the
// import, the idle lock and the writes a page must finish before it goes.
// Pages ask it for the store (Store) and never open one themselves, so a
// page cannot read or write around the lock.
package device

import (
	"context"
	"errors"
	"sync"

	"honoscope/app/store"
)

// opened holds the page's gate, opened once.
var opened struct {
	once sync.Once
	gate *Gate
	err  error
}

// Open returns the page's gate, opening the device's store on first use
// (IndexedDB in the browser, with its migrations; memory natively). Every
// page shares the one connection. If opening fails, the error is kept and
// returned to every caller, so each page can show it; reloading the page
// tries again.
//
// It waits for the browser on first use: call it inside ctx.Async, never on
// the UI goroutine. ctx is not used to open, so that leaving the page that
// happened to open the store first cannot break it for the others.
func Open(_ context.Context) (*Gate, error) {
	opened.once.Do(func() {
		s, err := store.Open(context.Background())
		if err != nil {
			opened.err = err
			return
		}
		d, ok := store.AsDevice(s)
		if !ok {
			opened.err = errNoDevice
			return
		}
		opened.gate, opened.err = NewGate(context.Background(), d)
		FollowOtherTabs()
	})
	return opened.gate, opened.err
}

// Store returns the store to read and write, waiting while the lock is
// closed (until the passphrase is typed or ctx ends). Take it afresh for
// each piece of work: turning the lock on or off changes the store behind
// it.
func Store(ctx context.Context) (store.Store, error) {
	g, err := Open(ctx)
	if err != nil {
		return nil, err
	}
	return g.Wait(ctx)
}

// errNoDevice is returned when the store offers no whole-store operations.
var errNoDevice = errors.New("this store cannot be locked")
