// Package fileio moves files between the page and the user's device: a
// download made in the browser from bytes (no request leaves the page) and a
// file chosen by the user and read in the browser. The browser code is in
// files built for js/wasm on safejs; the native twin lets native builds and
// tests compile and, when configured, works on a directory.
package fileio

import "errors"

// MaxFileBytes is the largest file PickFile reads (64 MB), so that choosing
// a wrong file cannot exhaust the tab's memory.
const MaxFileBytes = 64 << 20

// ErrCancelled is returned by PickFile when the user closes the file chooser
// without choosing a file.
var ErrCancelled = errors.New("no file was chosen")

// ErrNeedsBrowser is returned natively when no directory is configured:
// downloads and file choosers exist only in the browser.
var ErrNeedsBrowser = errors.New("downloading and choosing files needs the browser app")

// tooLarge is the error for a file over MaxFileBytes.
func tooLarge(name string, size int64) error {
	return errors.New(name + " is " + itoa(size>>20) + " MB, more than the " + itoa(MaxFileBytes>>20) + " MB Honoscope reads: choose a smaller file or split it")
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
