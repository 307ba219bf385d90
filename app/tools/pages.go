// Package tools holds the pages used away from a consultation: training
// (the vignette library, practice with feedback and agreement, the
// certificate, reporting to a learning management system), the team view
// of a trust's export, the export and import of the device's ratings, and
// the patient's own profile opened from a share link. They run in the program web/tools.wasm (main package
// app/cmd/tools), which links only these pages.
package tools

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/share"
	"honoscope/app/ui"
)

// Pages returns the pages of this program by path (route.Tools in the
// route table).
func Pages() ui.Pages {
	return ui.Pages{
		share.Path:           func() app.Composer { return &profilePage{} },
		"/team":              func() app.Composer { return &teamPage{} },
		"/train":             func() app.Composer { return &trainPage{} },
		"/train/certificate": func() app.Composer { return &certificatePage{} },
		"/train/vignette":    func() app.Composer { return &vignettePage{} },
		"/transfer":          func() app.Composer { return &transferPage{} },
	}
}
