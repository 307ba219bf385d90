package site

import (
	"fmt"

	"honoscope/app/consult"
	"honoscope/app/route"
	"honoscope/app/tools"
	"honoscope/app/ui"
)

// routes is what the builder needs of the site's route table: every exact
// route with the program that runs it, which of them a SCORM package holds,
// and how to register the pages' components with go-app, which pre-renders
// only registered routes.
type routes struct {
	// name is the site's name, for titles and the manifest.
	name string
	// pages are every exact route, sorted by path.
	pages []page
	// scormEnv is the go-app environment variable set to "1" in the pages
	// of a SCORM package.
	scormEnv string
	// register registers every route's component with go-app; calling it
	// twice is harmless.
	register func()
}

// page is one exact route.
type page struct {
	path string
	// program is the Name of the Program that runs the page.
	program string
	// scorm reports whether a SCORM package holds the page.
	scorm bool
}

// siteRoutes reads the route table (app/route) and the pages of both
// programs, the one place where the builder depends on the pages, and
// checks that every page's program is in the build table.
func siteRoutes() (routes, error) {
	r := routes{name: route.SiteName, scormEnv: ui.SCORMEnv, register: registerPages}
	program := map[string]string{}
	for _, prog := range route.Programs() {
		p, ok := programNamed(string(prog))
		if !ok || p.File != prog.File() {
			return routes{}, fmt.Errorf("program %s (web/%s) of the route table is not in the build table (app/site/programs.go)", prog, prog.File())
		}
		for _, path := range route.ProgramPaths(prog) {
			program[path] = p.Name
		}
	}
	for _, path := range route.Paths() {
		r.pages = append(r.pages, page{path: path, program: program[path], scorm: ui.InSCORM(path)})
	}
	return r, nil
}

// registerPages registers the pages of both programs with go-app, so that
// the pre-renderer draws every page as it is.
func registerPages() {
	all := ui.Pages{}
	for _, pages := range []ui.Pages{consult.Pages(), tools.Pages()} {
		for path, p := range pages {
			all[path] = p
		}
	}
	ui.Routes(all)
}

// paths returns the paths of the pages that keep reports true for.
func (r routes) paths(keep func(page) bool) []string {
	var out []string
	for _, p := range r.pages {
		if keep(p) {
			out = append(out, p.path)
		}
	}
	return out
}

// allPages keeps every page.
func allPages(page) bool { return true }

// scormPages keeps the pages of a SCORM package.
func scormPages(p page) bool { return p.scorm }
