// Package consult holds the pages a clinician uses in a consultation:
// home, rate, people, a person's ratings and charts with the share link,
// settings (lock, backups, storage) and about. They run in the program
// web/app.wasm (main package app/cmd/consult), which links only these
// pages.
package consult

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/ui"
)

// Pages returns the pages of this program by path (route.App in the
// route table).
func Pages() ui.Pages {
	return ui.Pages{
		"/":         func() app.Composer { return &home{} },
		"/about":    func() app.Composer { return &about{} },
		"/people":   func() app.Composer { return &peoplePage{} },
		"/person":   func() app.Composer { return &personPage{} },
		"/rate":     func() app.Composer { return &ratePage{} },
		"/settings": func() app.Composer { return &settingsPage{} },
	}
}
