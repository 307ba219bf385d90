// Command tools is the program of the Honoscope site that runs away from a
// consultation, compiled to WebAssembly as web/tools.wasm: training, the
// team view and the patient's own profile. It imports only those pages
// (app/tools); the consultation pages reload into the consultation
// program. The SCORM package of the training pages runs it alone.
//
//	go run . wasm   (from the repository root; see app/site/browser.go)
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/tools"
	"honoscope/app/ui"
)

// main registers every route with go-app and hands control to go-app. In
// a SCORM package the address the LMS opened gives the site's prefix, so
// that is set up first.
func main() {
	tools.RouteFromLaunchAddress()
	ui.Routes(tools.Pages())
	app.RunWhenOnBrowser()
}
