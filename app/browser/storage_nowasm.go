//go:build !(js && wasm)

package browser

import "context"

// StorageInfo is what the browser says about this site's storage.
type StorageInfo struct {
	// Supported reports whether the browser offers navigator.storage.
	Supported bool
	// Persisted reports whether the storage is persistent (the browser
	// will not clear it under storage pressure).
	Persisted bool
	// Usage and Quota are bytes used and available, from estimate().
	Usage, Quota float64
}

// AskPersistence asks for persistent storage and reads the estimate.
// Natively there is no browser storage.
func AskPersistence(ctx context.Context) (StorageInfo, error) { return StorageInfo{}, ctx.Err() }
