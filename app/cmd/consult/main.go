// Command consult is the consultation program of the Honoscope site,
// compiled to WebAssembly as web/app.wasm: home, rate, people, a person's
// ratings and charts, settings and about. It imports only those pages
// (app/consult), so the linker leaves the training, team and profile pages
// out; their addresses reload into the tools program.
//
//	go run . wasm   (from the repository root; see app/site/browser.go)
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/consult"
	"honoscope/app/ui"
)

// main registers every route with go-app, keeps what was typed into the
// pre-rendered page, and hands control to go-app.
func main() {
	ui.Routes(consult.Pages())
	// Before go-app replaces the pre-rendered page with its own elements.
	consult.CaptureEarlyInput()
	app.RunWhenOnBrowser()
}
