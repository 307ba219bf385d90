//go:build js && wasm

package main

import (
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app"
)

// main runs the app in the browser: it registers every route with go-app
// and hands control to it.
func main() {
	app.Routes()
	goapp.RunWhenOnBrowser()
}
