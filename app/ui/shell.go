package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/route"
)

// Copyright is the notice every page carries in its footer.
const Copyright = "HoNOS © Royal College of Psychiatrists"

// navItem is one entry of the main navigation.
type navItem struct {
	path  string
	label string
}

// navItems lists the main navigation in order. An entry is shown only once
// its route is registered, so pages of later issues (Train, Team) appear by
// registering their route.
var navItems = []navItem{
	{"/", "Home"},
	{"/rate", "Rate"},
	{"/people", "People"},
	{"/train", "Train"},
	{"/team", "Team"},
	{"/settings", "Settings"},
	{"/about", "About"},
}

// PageTitleID is the id of every page's h1, where focus goes after a move
// to another page in the app.
const PageTitleID = "page-title"

// Shell wraps a page: skip link, header with nav (Home, Rate, People,
// About; later Train, Team), <main id="main"> with the page's h1 title,
// footer with "HoNOS © Royal College of Psychiatrists". active is the
// page's route path; it marks the current nav entry with aria-current.
func Shell(active, title string, content ...app.UI) app.UI {
	return app.Div().Class("page").Body(
		app.A().Class("skip-link").Href("#main").
			OnClick(focusMain).
			Text("Skip to main content"),
		&siteHeader{Active: active},
		&lockScreen{},
		app.Main().ID("main").Class("site-main").TabIndex(-1).Body(
			append([]app.UI{app.H1().ID(PageTitleID).TabIndex(-1).Text(title)}, content...)...,
		),
		&siteFooter{},
	)
}

// siteHeader is the site header as a component: its only field is the
// active route, so an event anywhere on a page (which re-renders the page,
// as go-app updates every ancestor of the element that raised it) neither
// re-renders nor diffs the header and its nav.
type siteHeader struct {
	app.Compo

	// Active is the page's route path.
	Active string
}

// patientPages are the pages a patient opens on their own device: their
// header shows the name only, not the clinician's pages (Rate, People,
// Team, Settings), which are no use to them and would suggest their data
// is somewhere it is not.
var patientPages = map[string]bool{"/profile": true}

// Render draws the brand link and the nav.
func (h *siteHeader) Render() app.UI {
	if patientPages[h.Active] {
		return app.Header().Class("site-header").Body(app.Span().Class("brand").Text(route.SiteName))
	}
	return app.Header().Class("site-header").Body(
		app.A().Class("brand").Href(Href(homePath())).Text(route.SiteName),
		app.Nav().Class("site-nav").Aria("label", "Main").Body(
			app.Ul().Body(navLinks(h.Active)...),
		),
	)
}

// homePath is where the brand link leads: the home page, or the training
// library inside a SCORM package, which holds no home page.
func homePath() string {
	if packaged() {
		return "/train"
	}
	return "/"
}

// siteFooter is the site footer as a component without fields, so go-app
// never re-renders it once mounted (see siteHeader).
type siteFooter struct{ app.Compo }

// Render draws the footer.
func (f *siteFooter) Render() app.UI {
	// A SCORM package holds the training pages only: what the About page
	// says about privacy is said here instead of a link out of the course.
	privacy := app.P().Body(
		app.Text("Scores are computed on this device; nothing you enter leaves it. "),
		app.A().Href(Href("/about")).Text("About and privacy"),
		app.Text("."),
	)
	if packaged() {
		privacy = app.P().Text("Your practice ratings are computed and kept in this browser; only your course result (score, status, the vignettes done and where you were) goes to your learning system.")
	}
	return app.Footer().Class("site-footer").Body(
		privacy,
		app.P().Text(Copyright+". Honoscope is independent of the College."),
	)
}

// navLinks renders the registered nav entries, marking the active one.
func navLinks(active string) []app.UI {
	items := make([]app.UI, 0, len(navItems))
	inPackage := packaged()
	for _, it := range navItems {
		if _, ok := route.Lookup(it.path); !ok || inPackage && !InSCORM(it.path) {
			continue
		}
		a := app.A().Href(Href(it.path)).Text(it.label)
		if it.path == active {
			a = a.Aria("current", "page")
		}
		items = append(items, app.Li().Body(a))
	}
	return items
}

// focusMain moves keyboard focus to <main> when the skip link is used. go-app
// handles link clicks itself once the wasm runs and only scrolls, so without
// this the focus would stay on the skip link.
func focusMain(ctx app.Context, e app.Event) {
	if m := app.Window().GetElementByID("main"); m.Truthy() {
		m.Call("focus")
	}
}
