//go:build !(js && wasm)

package store

import "context"

// Open returns the device's store. Natively there is no browser database, so
// it returns a new in-memory store (NewMemory); in the browser it opens
// IndexedDB and runs the migrations.
func Open(ctx context.Context) (Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return NewMemory(), nil
}
