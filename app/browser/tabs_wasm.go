//go:build js && wasm

package browser

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"sync"

	"github.com/hack-pad/safejs"
)

// tabKey is the sessionStorage key of this tab's identity, and
// tabLockPrefix starts the name of the Web Lock a live tab holds.
const (
	tabKey        = "honoscope.tab"
	tabLockPrefix = "honoscope-tab-"
)

var tab struct {
	mu sync.Mutex
	id string
	// hold is the lock callback, kept for the tab's life.
	hold safejs.Func
}

// TabID returns this tab's identity: random, kept in the tab's
// sessionStorage so that a reload keeps it (a draft written before the
// reload is this tab's again), and held as a Web Lock for as long as the
// tab is open, so that another tab can tell a live tab's drafts from a
// closed one's (LiveTabs). A duplicated tab, which copies sessionStorage,
// finds the lock taken and takes a new identity. It waits for the browser:
// call it from ctx.Async.
func TabID(ctx context.Context) string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	if tab.id != "" {
		return tab.id
	}
	g := safejs.Global()
	ss, _ := g.Get("sessionStorage")
	id := ""
	if v, err := ss.Call("getItem", tabKey); err == nil {
		if ok, _ := v.Truthy(); ok {
			id, _ = v.String()
		}
	}
	for range 3 {
		if id == "" {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		if holdTabLock(ctx, id) {
			break
		}
		id = ""
	}
	if id == "" { // no Web Locks: a fresh identity for this page
		var b [8]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	}
	_, _ = ss.Call("setItem", tabKey, id)
	tab.id = id
	return id
}

// holdTabLock takes the lock of identity id for the rest of the tab's life
// and reports whether it was free.
func holdTabLock(ctx context.Context, id string) bool {
	locks, err := webLocks()
	if err != nil {
		return false
	}
	granted := make(chan bool, 1)
	never, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { return nil })
	if err != nil {
		return false
	}
	hold, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		if len(args) == 0 || args[0].IsNull() {
			granted <- false
			return nil
		}
		granted <- true
		// A promise that never settles keeps the lock until the tab goes.
		p, err := safejs.Global().Get("Promise")
		if err != nil {
			return nil
		}
		v, err := p.New(never)
		if err != nil {
			return nil
		}
		return v
	})
	if err != nil {
		return false
	}
	opts, _ := safejs.Global().Get("Object")
	o, _ := opts.New()
	_ = o.Set("ifAvailable", true)
	if _, err := locks.Call("request", tabLockPrefix+id, o, hold); err != nil {
		return false
	}
	select {
	case ok := <-granted:
		if ok {
			tab.hold = hold
		}
		return ok
	case <-ctx.Done():
		return false
	}
}

// webLocks returns navigator.locks, or an error where the browser has none.
func webLocks() (safejs.Value, error) {
	nav, err := safejs.Global().Get("navigator")
	if err != nil {
		return safejs.Value{}, err
	}
	locks, err := nav.Get("locks")
	if err != nil {
		return safejs.Value{}, err
	}
	if ok, _ := locks.Truthy(); !ok {
		return safejs.Value{}, errNoLocks
	}
	return locks, nil
}

// LiveTabs returns the identities of the tabs of this site open now (this
// one among them), and false when the browser cannot tell.
func LiveTabs(ctx context.Context) (map[string]bool, bool) {
	locks, err := webLocks()
	if err != nil {
		return nil, false
	}
	p, err := locks.Call("query")
	if err != nil {
		return nil, false
	}
	snap, err := Await(ctx, p)
	if err != nil {
		return nil, false
	}
	held, err := snap.Get("held")
	if err != nil {
		return nil, false
	}
	n, err := held.Length()
	if err != nil {
		return nil, false
	}
	out := map[string]bool{}
	for i := range n {
		l, err := held.Index(i)
		if err != nil {
			continue
		}
		nv, err := l.Get("name")
		if err != nil {
			continue
		}
		if name, err := nv.String(); err == nil && strings.HasPrefix(name, tabLockPrefix) {
			out[strings.TrimPrefix(name, tabLockPrefix)] = true
		}
	}
	return out, true
}

// errNoLocks says the browser offers no Web Locks.
var errNoLocks = errors.New("this browser offers no Web Locks")
