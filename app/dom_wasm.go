//go:build js && wasm

package app

import "github.com/hack-pad/safejs"

// pageDocument is the page's document, looked up once.
var pageDocument, _ = safejs.Global().Get("document")

// elementByID returns the page's element with id, if there is one.
func elementByID(id string) (safejs.Value, bool) {
	el, err := pageDocument.Call("getElementById", id)
	if err != nil {
		return safejs.Value{}, false
	}
	ok, _ := el.Truthy()
	return el, ok
}
