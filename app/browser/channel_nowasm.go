//go:build !(js && wasm)

package browser

import (
	"context"
	"sync"
)

// Announce has no other tab to tell natively.
func Announce(string) {}

// OnAnnounce hears nothing natively.
func OnAnnounce(func(string)) {}

var exclusive sync.Map // name → *sync.Mutex

// Exclusive runs fn holding a process-wide lock called name, the native
// twin of a Web Lock.
func Exclusive(ctx context.Context, name string, fn func() error) error {
	m, _ := exclusive.LoadOrStore(name, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	defer mu.Unlock()
	return fn()
}
