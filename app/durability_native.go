//go:build !(js && wasm)

package app

import "context"

// storageInfo is what the browser says about this site's storage.
type storageInfo struct {
	// Supported reports whether the browser offers navigator.storage.
	Supported bool
	// Persisted reports whether the storage is persistent (the browser
	// will not clear it under storage pressure).
	Persisted bool
	// Usage and Quota are bytes used and available, from estimate().
	Usage, Quota float64
}

// askPersistence asks for persistent storage and reads the estimate.
// Natively there is no browser storage.
func askPersistence(ctx context.Context) (storageInfo, error) { return storageInfo{}, ctx.Err() }
