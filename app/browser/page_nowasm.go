//go:build !(js && wasm)

package browser

// ReloadIfElsewhere is the native twin of the browser's reload: there is no
// other program to start, so it reports that nothing was reloaded.
func ReloadIfElsewhere() bool { return false }

// OnActivity has no page to listen to natively.
func OnActivity(func()) {}

// Reload has no page to reload natively.
func Reload() {}

// ReplaceFragment has no address to change natively.
func ReplaceFragment(string) {}
