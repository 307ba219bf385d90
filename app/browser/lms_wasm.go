//go:build js && wasm

package browser

import (
	"github.com/hack-pad/safejs"
)

// LMS is the SCORM 1.2 API object of an LMS, called through safejs so
// that a misbehaving LMS gives errors, never a panic.
type LMS struct{ api safejs.Value }

// Call calls method of the API with string arguments and returns its
// result as a string (SCORM 1.2 values are strings); a failed call gives "".
func (l LMS) Call(method string, args ...string) string {
	a := make([]any, len(args))
	for i, s := range args {
		a[i] = s
	}
	v, err := l.api.Call(method, a...)
	if err != nil {
		return ""
	}
	s, err := v.String()
	if err != nil {
		return ""
	}
	return s
}

// FindLMS looks for the LMS's API object, window[name] ("API" for SCORM
// 1.2, "API_1484_11" for SCORM 2004), in this window and up to seven
// parent frames (then the opener's), as SCORM's API discovery algorithm
// does (ADL, SCORM 1.2 RTE, section 3.3.6.1; SCORM 2004 RTE, section
// 3.1.6.1). A parent from another origin cannot be read; the error ends the
// search. When found, finish is registered for the page's pagehide event.
// It reports false when there is no LMS.
func FindLMS(name string, finish func()) (LMS, bool) {
	win := safejs.Global()
	api, ok := searchFrames(win, name)
	if !ok {
		if opener, err := win.Get("opener"); err == nil && !opener.IsNull() && !opener.IsUndefined() {
			api, ok = searchFrames(opener, name)
		}
	}
	if !ok {
		return LMS{}, false
	}
	if f, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { finish(); return nil }); err == nil {
		_, _ = win.Call("addEventListener", "pagehide", f) // kept for the page's life
	}
	return LMS{api: api}, true
}

// searchFrames walks from win up the parent chain looking for window[name].
func searchFrames(win safejs.Value, name string) (safejs.Value, bool) {
	for range 8 {
		if api, err := win.Get(name); err == nil {
			if ok, _ := api.Truthy(); ok {
				return api, true
			}
		}
		parent, err := win.Get("parent")
		if err != nil || parent.IsNull() || parent.IsUndefined() || parent.Equal(win) {
			break
		}
		win = parent
	}
	return safejs.Undefined(), false
}

// RootPrefixFromAddress makes a packaged build (the go-app environment
// variable env is set, "1" or "2004") find its root prefix from the address it was opened
// at, with prefixOf(pathname), which reports whether it could tell: go-app reads GOAPP_ROOT_PREFIX through the
// page's goappGetenv, so wrapping that function is enough for routing and
// links. The prefix is worked out on first use, after every route is
// registered. Call it before go-app starts.
func RootPrefixFromAddress(env string, prefixOf func(pathname string) (string, bool)) {
	win := safejs.Global()
	get, err := win.Get("goappGetenv")
	if err != nil {
		return
	}
	if ok, _ := get.Truthy(); !ok {
		return
	}
	flag, err := get.Invoke(env)
	if err != nil {
		return
	}
	// Only a package's values count: an unset variable comes back as
	// JavaScript undefined, which reads as the text "<undefined>".
	if s, _ := flag.String(); s != "1" && s != "2004" {
		return
	}
	var prefix string
	known := false
	wrapped, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		if len(args) == 1 {
			if k, _ := args[0].String(); k == "GOAPP_ROOT_PREFIX" {
				if !known {
					loc, _ := win.Get("location")
					path, _ := loc.Get("pathname")
					p, _ := path.String()
					prefix, known = prefixOf(p)
				}
				return prefix
			}
		}
		a := make([]any, len(args))
		for i, v := range args {
			a[i] = v
		}
		v, err := get.Invoke(a...)
		if err != nil {
			return nil
		}
		return v
	})
	if err != nil {
		return
	}
	_ = win.Set("goappGetenv", wrapped)
}
