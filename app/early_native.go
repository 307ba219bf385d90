//go:build !(js && wasm)

package app

// readEarlyForm is the native twin of reading the pre-rendered form: there
// is no page, so nothing was entered.
func readEarlyForm(string) (instrument, patient string, checked []string) { return "", "", nil }
