//go:build !(js && wasm)

package browser

// LMS is the native twin of a learning management system's SCORM API:
// there is never one outside a browser.
type LMS struct{}

// Call answers "" to every call.
func (LMS) Call(string, ...string) string { return "" }

// FindLMS reports that there is no LMS.
func FindLMS(string, func()) (LMS, bool) { return LMS{}, false }

// RootPrefixFromAddress does nothing natively: the pre-renderer sets the
// prefix itself.
func RootPrefixFromAddress(string, func(string) (string, bool)) {}
