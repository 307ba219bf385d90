package tools

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/ui"
)

// transferPage is "/transfer": export every rating on the device, in
// Honoscope's own JSON or in a record system's layout, and import a file
// (a device backup, plain or encrypted, a spreadsheet or another system's
// export). It runs in the tools program rather than beside the people list
// because the services' layouts it reads and writes are a large part of a
// program, and the consultation program, which every clinician downloads
// first, does not need them to rate, list or chart.
type transferPage struct {
	app.Compo

	// imported is set once an import stored ratings, to point to the
	// people list that now shows them.
	imported bool
}

// onImported offers the way back to the people list.
func (p *transferPage) onImported(app.Context) { p.imported = true }

// Render draws the page.
func (p *transferPage) Render() app.UI {
	return ui.Shell("/people", "Export and import",
		app.P().Class("lead").Body(
			app.Text("Move the ratings on this device to a file, or bring ratings in from one. "+
				"Everything happens on this device; nothing is sent anywhere. Back to "),
			app.A().ID("transfer-people").Href(ui.Href("/people")).Text("the people on this device"),
			app.Text("."),
		),
		&transferPanel{OnChange: p.onImported},
		app.If(p.imported, func() app.UI {
			return app.P().Class("transfer-next").Body(
				app.A().ID("transfer-see-people").Href(ui.Href("/people")).Text("See the people on this device"),
				app.Text(", with the ratings just imported."),
			)
		}),
	)
}
