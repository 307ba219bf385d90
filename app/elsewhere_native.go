//go:build !(js && wasm)

package app

// reloadInto is the native twin of the browser's reload: there is no other
// program to start, so it reports that nothing was reloaded.
func reloadInto() bool { return false }
