package ui

import (
	"time"

	"honoscope/app/browser"
	"honoscope/app/device"
	"honoscope/app/route"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// elsewhere stands in for a page that the other program runs (see
// route.Program). Reached by in-app navigation, it reloads the address, and the
// browser starts the program that runs the page; everything the user had is
// already stored on the device (drafts are saved as they are typed). Its
// fields are exported because go-app copies exported fields when it updates
// a page in place on navigation.
type elsewhere struct {
	app.Compo
	// Path is the route, "/train".
	Path string
	// Title is the page's title.
	Title string
	// Program runs the page.
	Program route.Program

	stuck bool
}

// OnMount reloads the page into the right program. If this document was
// loaded at this very address (the browser already chose a program for
// it, and it was this one), reloading would loop: it says so instead.
//
// A draft written as the previous page went away is waited for first
// (writes), up to two seconds: a reload would abort it.
func (e *elsewhere) OnMount(ctx app.Context) {
	ctx.Async(func() {
		device.WaitForWrites(2 * time.Second)
		ctx.Dispatch(func(app.Context) {
			if !browser.ReloadIfElsewhere() {
				e.stuck = true
			}
		})
	})
}

// Render shows what is happening while the page reloads.
func (e *elsewhere) Render() app.UI {
	msg := app.P().Text("Opening " + e.Title + "…")
	if e.stuck {
		msg = app.P().Class("warning").Text("This page runs in web/" + e.Program.File() +
			", but the browser started the other part of the app. Reload the page; if this message stays, " +
			"the site's app.js is out of date: build the site again with make site.")
	}
	return Shell(e.Path, e.Title, msg)
}
