//go:build !(js && wasm)

package app

// listenForActivity does nothing natively: there is no user to watch.
func listenForActivity(func()) {}

// reloadPage does nothing natively.
func reloadPage() {}
