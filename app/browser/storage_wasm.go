//go:build js && wasm

package browser

import (
	"context"

	"github.com/hack-pad/safejs"
)

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

// AskPersistence calls navigator.storage.persist() (the browser may grant
// it at once, ask the user, or refuse) and navigator.storage.estimate().
// Call it from ctx.Async.
func AskPersistence(ctx context.Context) (StorageInfo, error) {
	var info StorageInfo
	nav, err := safejs.Global().Get("navigator")
	if err != nil {
		return info, err
	}
	st, err := nav.Get("storage")
	if err != nil {
		return info, err
	}
	if ok, _ := st.Truthy(); !ok {
		return info, nil
	}
	info.Supported = true
	p, err := st.Call("persist")
	if err != nil {
		return info, err
	}
	v, err := Await(ctx, p)
	if err != nil {
		return info, err
	}
	info.Persisted, _ = v.Bool()
	p, err = st.Call("estimate")
	if err != nil {
		return info, err
	}
	est, err := Await(ctx, p)
	if err != nil {
		return info, err
	}
	if u, err := est.Get("usage"); err == nil {
		info.Usage, _ = u.Float()
	}
	if q, err := est.Get("quota"); err == nil {
		info.Quota, _ = q.Float()
	}
	return info, nil
}
