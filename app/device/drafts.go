package device

import (
	"context"
	"errors"
	"sync"
	"time"

	"honoscope/app/store"
)

// Drafts orders a page's draft writes against the deletion that follows a
// save: a write scheduled before the deletion must not bring the draft
// back. Every change has a sequence number; removing a draft at sequence s
// makes later writes of changes up to s no-ops. The zero value is ready.
type Drafts struct {
	mu      sync.Mutex
	removed map[string]int
}

// Put writes d into s unless its draft was removed at or after change seq.
func (w *Drafts) Put(ctx context.Context, s store.Store, seq int, d store.Draft) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if r, ok := w.removed[d.Key]; ok && seq <= r {
		return nil
	}
	return s.PutDraft(ctx, d)
}

// Remove deletes the draft under key and voids writes of changes up to seq.
// A draft that is not there is not an error.
func (w *Drafts) Remove(ctx context.Context, s store.Store, key string, seq int) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.removed == nil {
		w.removed = make(map[string]int)
	}
	if seq > w.removed[key] {
		w.removed[key] = seq
	}
	err := s.DeleteDraft(ctx, key)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}

// writes counts writes to the device's store that must finish before the
// page is reloaded into the other program: a draft written as its page goes
// away.
var writes sync.WaitGroup

// BeginWrite marks the start of a write the page must not be reloaded in
// the middle of; call the returned function once it is done.
func BeginWrite() (done func()) {
	writes.Add(1)
	return writes.Done
}

// WaitForWrites waits until every write begun is done, or at most limit.
func WaitForWrites(limit time.Duration) {
	done := make(chan struct{})
	go func() {
		writes.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(limit):
	}
}
