//go:build js && wasm

package app

import "github.com/hack-pad/safejs"

// activityEvents are the events that count as use of the page.
var activityEvents = []string{"keydown", "pointerdown", "pointermove", "wheel", "touchstart", "focusin"}

// listenForActivity calls f on every activity event of the document.
func listenForActivity(f func()) {
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

// reloadPage reloads the page: the wasm restarts, so the key and every
// decrypted record in memory and on screen are gone.
func reloadPage() {
	if loc, err := safejs.Global().Get("location"); err == nil {
		_, _ = loc.Call("reload")
	}
}
