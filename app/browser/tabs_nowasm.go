//go:build !(js && wasm)

package browser

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sync"
)

var tab struct {
	once sync.Once
	id   string
}

// TabID is the native twin of the browser tab's identity: one per process.
func TabID(context.Context) string {
	tab.once.Do(func() {
		var b [8]byte
		_, _ = rand.Read(b[:])
		tab.id = hex.EncodeToString(b[:])
	})
	return tab.id
}

// LiveTabs natively knows only this process's own identity.
func LiveTabs(ctx context.Context) (map[string]bool, bool) {
	return map[string]bool{TabID(ctx): true}, true
}
