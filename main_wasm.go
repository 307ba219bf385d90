//go:build js && wasm

package main

import (
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app"
)

// main runs the app in the browser: it registers every route with go-app,
// keeps what was typed into the pre-rendered page, and hands control to
// go-app.
func main() {
	app.Routes()
	// Before go-app replaces the pre-rendered page with its own elements.
	app.CaptureEarlyInput()
	goapp.RunWhenOnBrowser()
}
