//go:build js && wasm

package app

import (
	"context"
	"errors"

	"github.com/hack-pad/safejs"
)

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

// askPersistence calls navigator.storage.persist() (the browser may grant
// it at once, ask the user, or refuse) and navigator.storage.estimate().
// Call it from ctx.Async.
func askPersistence(ctx context.Context) (storageInfo, error) {
	var info storageInfo
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
	v, err := awaitJS(ctx, p)
	if err != nil {
		return info, err
	}
	info.Persisted, _ = v.Bool()
	p, err = st.Call("estimate")
	if err != nil {
		return info, err
	}
	est, err := awaitJS(ctx, p)
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

// awaitJS waits for promise to settle (the callbacks live until it does).
func awaitJS(ctx context.Context, promise safejs.Value) (safejs.Value, error) {
	type result struct {
		v   safejs.Value
		err error
	}
	ch := make(chan result, 1)
	ok, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		v := safejs.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		ch <- result{v: v}
		return nil
	})
	if err != nil {
		return safejs.Value{}, err
	}
	defer ok.Release()
	fail, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		ch <- result{err: errors.New("the browser refused")}
		return nil
	})
	if err != nil {
		return safejs.Value{}, err
	}
	defer fail.Release()
	if _, err := promise.Call("then", ok, fail); err != nil {
		return safejs.Value{}, err
	}
	r := <-ch
	if r.err == nil {
		r.err = ctx.Err()
	}
	return r.v, r.err
}
