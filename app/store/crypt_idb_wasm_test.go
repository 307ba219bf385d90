//go:build js && wasm

package store

import "testing"

func init() {
	deviceMakers["IndexedDB"] = func(t *testing.T) Device { return openTest(t, freshName(t), migrations) }
}
