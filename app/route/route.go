// Package route is the site's table of pages: each page's path, its title
// and the WebAssembly program that runs it. Both programs, the site builder
// and the tests read this one table; it holds no components, so it can be
// imported from anywhere without pulling in a page.
package route

import "sort"

// SiteName is the application's name as shown in titles and the manifest.
const SiteName = "Honoscope"

// Program names one of the site's two WebAssembly programs. Every page is
// pre-rendered into the site, but each runs in one program, so that the
// pages a clinician uses in a consultation download and compile less code:
//
//   - App, web/app.wasm (main package app/cmd/consult): home, rate, people,
//     person (with the charts and the share link), settings and about;
//   - Tools, web/tools.wasm (main package app/cmd/tools): training
//     (library, vignette, certificate), the team view and the export and
//     import of the device's ratings (with the services' layouts), used
//     away from a consultation, and the patient's own profile, which a
//     patient opens from a share link on their own device.
//
// The browser picks the program from the page's path (the site builder
// tells go-app's loader which). A link to a page of the other program
// reloads the page; within one program, navigation stays in the page.
type Program string

// The two programs, named after their files in web/.
const (
	App   Program = "app"
	Tools Program = "tools"
)

// File is the program's file name in web/ ("app.wasm").
func (p Program) File() string { return string(p) + ".wasm" }

// Programs lists the programs in the order they are built.
func Programs() []Program { return []Program{App, Tools} }

// Page is one pre-rendered exact route.
type Page struct {
	// Path is the route, such as "/rate".
	Path string
	// Title is the page's title; the document title is "Title · Honoscope".
	Title string
	// Program runs the page.
	Program Program
}

// Pages is every route of the site.
var Pages = []Page{
	{"/", SiteName, App},
	{"/about", "About", App},
	{"/people", "People", App},
	{"/person", "Person", App},
	{"/profile", "Your HoNOS profile", Tools},
	{"/rate", "Rate", App},
	{"/settings", "Settings", App},
	{"/team", "Team", Tools},
	{"/train", "Train", Tools},
	{"/train/certificate", "Practice certificate", Tools},
	{"/train/vignette", "Practise a vignette", Tools},
	{"/transfer", "Export and import", Tools},
}

// Lookup returns the page of path.
func Lookup(path string) (Page, bool) {
	for _, p := range Pages {
		if p.Path == path {
			return p, true
		}
	}
	return Page{}, false
}

// Paths returns every route's path, sorted.
func Paths() []string { return paths(func(Page) bool { return true }) }

// ProgramPaths returns the paths of the pages prog runs, sorted.
func ProgramPaths(prog Program) []string {
	return paths(func(p Page) bool { return p.Program == prog })
}

func paths(keep func(Page) bool) []string {
	var out []string
	for _, p := range Pages {
		if keep(p) {
			out = append(out, p.Path)
		}
	}
	sort.Strings(out)
	return out
}

// DocumentTitle is the text of the <title> element for a page title.
func DocumentTitle(title string) string {
	if title == "" || title == SiteName {
		return SiteName
	}
	return title + " · " + SiteName
}
