//go:build !(js && wasm)

package app

// domText is the native twin of the browser's text writer: natively there
// is no page, so it writes nothing (go-app's render is all there is).
type domText struct{}

// setText writes nothing and reports false.
func (domText) setText(string, string) bool { return false }
