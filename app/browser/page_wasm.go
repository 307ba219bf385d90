//go:build js && wasm

package browser

import "github.com/hack-pad/safejs"

// ReloadIfElsewhere reloads the current address so that the browser starts the
// program that runs it, unless this document was loaded at this address
// already (then it returns false: reloading would start the same program
// again). The document's own address is the navigation entry's name in the
// Performance Timeline.
func ReloadIfElsewhere() bool {
	win := safejs.Global()
	loc, err := win.Get("location")
	if err != nil {
		return false
	}
	here, err := loc.Get("pathname")
	if err != nil {
		return false
	}
	herePath, _ := here.String()
	perf, err := win.Get("performance")
	if err != nil {
		return false
	}
	entries, err := perf.Call("getEntriesByType", "navigation")
	if err != nil {
		return false
	}
	first, err := entries.Index(0)
	if err != nil || first.IsUndefined() {
		return false
	}
	name, err := first.Get("name")
	if err != nil {
		return false
	}
	loaded, _ := name.String()
	url, err := safejs.Global().Get("URL")
	if err != nil {
		return false
	}
	parsed, err := url.New(loaded)
	if err != nil {
		return false
	}
	p, err := parsed.Get("pathname")
	if err != nil {
		return false
	}
	loadedPath, _ := p.String()
	if loadedPath == herePath {
		return false
	}
	_, err = loc.Call("reload")
	return err == nil
}

// activityEvents are the events that count as use of the page.
var activityEvents = []string{"keydown", "pointerdown", "pointermove", "wheel", "touchstart", "focusin"}

// OnActivity calls f on every activity event of the document.
func OnActivity(f func()) {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return
	}
	fn, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { f(); return nil })
	if err != nil {
		return
	}
	// fn lives as long as the page: it is never released.
	for _, ev := range activityEvents {
		_, _ = doc.Call("addEventListener", ev, fn, map[string]any{"passive": true, "capture": true})
	}
}

// Reload reloads the page: the wasm restarts, so the key and every
// decrypted record in memory and on screen are gone.
func Reload() {
	if loc, err := safejs.Global().Get("location"); err == nil {
		_, _ = loc.Call("reload")
	}
}

// ReplaceFragment puts fragment (without "#") in place of the current
// address's fragment in this history entry, loading nothing. The entry
// then names what the page shows by the new fragment, for a reload and for
// Back.
func ReplaceFragment(fragment string) {
	g := safejs.Global()
	loc, err := g.Get("location")
	if err != nil {
		return
	}
	history, err := g.Get("history")
	if err != nil {
		return
	}
	var parts [2]string
	for i, k := range []string{"pathname", "search"} {
		if v, err := loc.Get(k); err == nil {
			parts[i], _ = v.String()
		}
	}
	_, _ = history.Call("replaceState", nil, "", parts[0]+parts[1]+"#"+fragment)
}
