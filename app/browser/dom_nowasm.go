//go:build !(js && wasm)

package browser

// SetText is the native twin of writing into the page: there is no page,
// so it writes nothing and reports false (go-app's render is all there is).
func SetText(string, string) bool { return false }

// ReadForm is the native twin of reading the pre-rendered form: there is
// no page, so nothing was entered.
func ReadForm(string) (instrument, patient string, checked []string) { return "", "", nil }

// ContentWidth is the native twin of measuring an element: there is no
// page, so no width (0).
func ContentWidth(string) float64 { return 0 }

// EarlySaveRequested is the native twin: there is no page, so nothing was
// pressed.
func EarlySaveRequested(string) bool { return false }
