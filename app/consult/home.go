package consult

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/ui"
)

// home is the landing page ("/"): what the app does and where to start.
type home struct {
	app.Compo
}

// Render shows the page.
func (h *home) Render() app.UI {
	return ui.Shell("/", "Honoscope",
		app.P().Class("lead").Text(
			"Rate the Health of the Nation Outcome Scales (HoNOS, HoNOS 65+ and HoNOSCA), "+
				"see the scores as you go, and keep the ratings on this device."),
		app.Div().Class("actions").Body(
			app.A().Class("button primary").Href(ui.Href("/rate")).Text("Start a new rating"),
			app.A().Class("button").Href(ui.Href("/people")).Text("People rated on this device"),
		),
		app.H2().Text("Private by design"),
		app.Ul().Body(
			app.Li().Text("Scoring runs in your browser. Nothing you enter is sent anywhere."),
			app.Li().Text("Ratings are saved in this browser's storage on this device only."),
			app.Li().Text("After the first visit the app works without a network connection."),
		),
		app.P().Body(
			app.A().Href(ui.Href("/about")).Text("How scores are worked out, and what is stored where"),
			app.Text("."),
		),
	)
}
