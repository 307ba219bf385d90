//go:build !(js && wasm)

package app

// findLMS is the native twin of the browser's SCORM API discovery: there is
// never an LMS outside a browser.
func findLMS(finish func()) lmsAPI { return nil }
