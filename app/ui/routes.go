// Package ui holds what the pages of both programs share: the shell around
// every page (navigation, skip link, footer, the lock screen), the rating
// form with its live score panel, chart figures, links under the site's
// prefix, and the registration of every route with go-app. It draws from
// the device layer and the browser adapters; the pages (app/consult,
// app/tools) draw from it.
package ui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/route"
)

// Pages maps the paths a program runs to a new component of each page.
type Pages map[string]func() app.Composer

// Paths returns the paths of the pages, sorted.
func (ps Pages) Paths() []string {
	out := make([]string, 0, len(ps))
	for p := range ps {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Check reports a page that is not an exact route of route.Pages: a
// program's page table must match the site's.
func (ps Pages) Check() error {
	for path := range ps {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, "?#") ||
			(path != "/" && strings.HasSuffix(path, "/")) {
			return fmt.Errorf("route path must be an exact path like /about, got %s", path)
		}
		if _, ok := route.Lookup(path); !ok {
			return fmt.Errorf("route %s is not in the page table (app/route)", path)
		}
	}
	return nil
}

// Routes registers every route of route.Pages with go-app: the page from
// pages where it has one, and otherwise a stand-in that reloads the address
// into the program that runs it, so that the route table, the navigation
// and the titles are the same in both programs. A page that is not in the
// table is a programming error and panics at start-up, before any user
// input is read.
func Routes(pages Pages) {
	if err := pages.Check(); err != nil {
		panic("ui: " + err.Error())
	}
	for _, p := range route.Pages {
		newPage := pages[p.Path]
		if newPage == nil {
			newPage = func() app.Composer { return &elsewhere{Path: p.Path, Title: p.Title, Program: p.Program} }
		}
		for _, at := range Addresses(p.Path) {
			app.Route(at, func() app.Composer {
				return &titled{Title: p.Title, Page: newPage()}
			})
		}
	}
}

// Addresses lists every address a page is opened at on a plain static
// host, where each page is a folder with an index.html: the route itself
// ("/rate", kept by in-app links), the folder ("/rate/", where a host's
// redirect or a reload lands) and its file ("/rate/index.html", on file
// stores that show file names); a training page also at its file in a SCORM
// package ("/train-vignette.html", PackageAddress). The home page is "/"
// and "/index.html".
func Addresses(path string) []string {
	if path == "/" {
		return []string{"/", "/index.html"}
	}
	out := []string{path, path + "/", path + "/index.html"}
	if InSCORM(path) {
		out = append(out, PackageAddress(path)) // its file in a SCORM package
	}
	return out
}

// titled wraps a page so that the document title follows the route, both
// when pre-rendering and on in-app navigation. Its fields are exported on
// purpose: every route's root is a *titled, and on navigation go-app updates
// a component of the same type in place by copying its exported fields; with
// unexported fields the old page would stay on screen.
type titled struct {
	app.Compo
	// Title is the route's title.
	Title string
	// Page is the route's page component.
	Page app.Composer
}

// OnPreRender sets the title in the pre-rendered HTML.
func (t *titled) OnPreRender(ctx app.Context) { ctx.Page().SetTitle(route.DocumentTitle(t.Title)) }

// shownPath is the path of the page the program shows, "" before the
// first: an OnNav with another path is a move to another page within the
// app; one with the same path is only a new fragment (the skip link, a
// person's label).
var shownPath string

// OnNav sets the title after in-app navigation and, after a move from
// another page of the app (not on the page the browser opened, and not
// for a new fragment of the same page), puts focus on the new page's
// heading, so that a screen reader announces it and the keyboard starts
// from it rather than from the top of the document.
func (t *titled) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(route.DocumentTitle(t.Title))
	path := ctx.Page().URL().Path
	if shownPath != "" && path != shownPath {
		Focus(ctx, PageTitleID)
	}
	shownPath = path
}

// Render shows the wrapped page.
func (t *titled) Render() app.UI { return t.Page }

// RootPrefix is the path the site is served under without its trailing
// slash: "" at a domain root, "/honoscope" under a sub-path. go-app hands it
// to the browser as GOAPP_ROOT_PREFIX (see NewHandler's resolver).
func RootPrefix() string {
	return strings.TrimRight(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
}

// Href turns an app path such as "/rate" into a link that stays under the
// sub-path the site is served from ("/honoscope/rate"). Build every internal
// link and every ctx.Navigate target with it: a bare "/rate" escapes the
// prefix once the wasm runs. A fragment or query is kept ("/person#x").
//
// While pre-rendering, go-app's resource resolver already prefixes every
// absolute Href, so Href leaves the path alone there; in the browser go-app
// resolves only /web/ paths, so Href adds the prefix itself.
func Href(path string) string {
	if app.IsServer || path == "" || path[0] != '/' {
		return path
	}
	if packaged() {
		path = PackageAddress(path)
	}
	return RootPrefix() + path
}

// PackageAddress is a page's address inside a SCORM package: its file, at
// the package's root, "/train-vignette.html#x" for "/train/vignette#x". An
// LMS serves the package's files by their exact names, so a reload must
// find the file the address names; and with every page at the root, the
// page's relative links to web/ and to the other pages hold from any of
// them. Other paths are returned as they are.
func PackageAddress(path string) string {
	end := strings.IndexAny(path, "?#")
	if end < 0 {
		end = len(path)
	}
	if InSCORM(path[:end]) {
		return "/" + strings.ReplaceAll(strings.TrimPrefix(path[:end], "/"), "/", "-") + ".html" + path[end:]
	}
	return path
}
