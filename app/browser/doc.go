// Package browser holds the app's small adapters to the page it runs in:
// the DOM, the clipboard, the address bar, storage persistence, activity
// events and a learning management system's SCORM API. Every call into
// JavaScript goes through safejs, so a missing or misbehaving browser
// feature gives an error or a zero value, never a panic.
//
// Each adapter is a pair named as go-app names its own: name_wasm.go for
// the browser (//go:build js && wasm) and name_nowasm.go for native builds
// (//go:build !(js && wasm)), so that the packages above it compile and are
// tested natively. TestEveryBrowserFileCarriesItsBuildTag keeps the naming
// honest across app/.
package browser
