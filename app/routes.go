package app

import (
	"sort"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// SiteName is the application's name as shown in titles and the manifest.
const SiteName = "Honoscope"

// Program names one of the site's two WebAssembly programs. Every page is
// pre-rendered into the site, but each runs in one program, so that the
// pages a clinician uses in a consultation download and compile less code
// (the budget in README: app.wasm ≤ 2.5 MB gzip, first load ≤ 1 s):
//
//   - ProgramApp, web/app.wasm: home, rate, people, person (with the charts
//     and the share link), settings (with "Lock now") and about;
//   - ProgramTools, web/tools.wasm: training (library, vignette,
//     certificate) and the team view, used away from a consultation, and
//     the patient's own profile, which a patient opens from a share link on
//     their own device.
//
// The browser picks the program from the page's path (the site builder,
// honoscope/app/site, writes that choice into app.js). A link
// to a page of the other program reloads the page (see elsewhere); within
// one program, navigation stays in the page.
type Program string

// The two programs, named after their files in web/.
const (
	ProgramApp   Program = "app"
	ProgramTools Program = "tools"
)

// File is the program's file name in web/ ("app.wasm").
func (p Program) File() string { return string(p) + ".wasm" }

// Programs lists the programs, ProgramApp first: go-app's script loads
// web/app.wasm unless the site builder says otherwise for a page.
func Programs() []Program { return []Program{ProgramApp, ProgramTools} }

// SCORMEnv is the go-app environment variable that the site builder sets to
// "1" in the pages of a SCORM package, so that they talk to the LMS.
const SCORMEnv = scormEnv

// InSCORM reports whether a SCORM package holds the page at path.
func InSCORM(path string) bool { return inSCORM(path) }

// page is one pre-rendered exact route: its title (the document title is
// "title · Honoscope") and the program that runs it.
type page struct {
	path    string
	title   string
	program Program
}

// pages is every route of the site. A page file registers the component
// of its route with addRoute; a program built without that file shows
// elsewhere instead, so the route table, the navigation and the titles are
// the same in both programs.
var pages = []page{
	{"/", SiteName, ProgramApp},
	{"/about", "About", ProgramApp},
	{"/people", "People", ProgramApp},
	{"/person", "Person", ProgramApp},
	{"/profile", "Your HoNOS profile", ProgramTools},
	{"/rate", "Rate", ProgramApp},
	{"/settings", "Settings", ProgramApp},
	{"/team", "Team", ProgramTools},
	{"/train", "Train", ProgramTools},
	{"/train/certificate", "Practice certificate", ProgramTools},
	{"/train/vignette", "Practise a vignette", ProgramTools},
}

var (
	routesMu sync.Mutex
	routeSet = map[string]func() app.Composer{}
)

// lookupPage returns the page of path.
func lookupPage(path string) (page, bool) {
	for _, p := range pages {
		if p.path == path {
			return p, true
		}
	}
	return page{}, false
}

// addRoute registers the component of a page in pages; page files call it
// from init(). Registering a path that is not an exact route in pages, or
// registering it twice, is a programming error and panics at start-up,
// before any user input is read.
func addRoute(path string, newPage func() app.Composer) {
	if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, "?#") ||
		(path != "/" && strings.HasSuffix(path, "/")) {
		panic("app: route path must be an exact path like /about, got " + path)
	}
	if _, ok := lookupPage(path); !ok {
		panic("app: route " + path + " is not in the page table (app/routes.go)")
	}
	routesMu.Lock()
	defer routesMu.Unlock()
	if _, dup := routeSet[path]; dup {
		panic("app: route registered twice: " + path)
	}
	routeSet[path] = newPage
}

// Routes registers every route with go-app (called by main in the browser
// and by the site generator). Calling it more than once is harmless.
func Routes() {
	routesMu.Lock()
	defer routesMu.Unlock()
	for _, p := range pages {
		newPage := routeSet[p.path]
		if newPage == nil {
			newPage = func() app.Composer { return &elsewhere{Path: p.path, Title: p.title, Program: p.program} }
		}
		app.Route(p.path, func() app.Composer {
			return &titled{Title: p.title, Page: newPage()}
		})
	}
}

// Paths returns every route's path for static generation, sorted.
func Paths() []string {
	paths := make([]string, 0, len(pages))
	for _, p := range pages {
		paths = append(paths, p.path)
	}
	sort.Strings(paths)
	return paths
}

// ProgramPaths returns the paths of the pages prog runs, sorted.
func ProgramPaths(prog Program) []string {
	var paths []string
	for _, p := range pages {
		if p.program == prog {
			paths = append(paths, p.path)
		}
	}
	sort.Strings(paths)
	return paths
}

// routeTitle returns the title of path and whether it is a route.
func routeTitle(path string) (string, bool) {
	p, ok := lookupPage(path)
	return p.title, ok
}

// documentTitle is the text of the <title> element for a page title.
func documentTitle(title string) string {
	if title == "" || title == SiteName {
		return SiteName
	}
	return title + " · " + SiteName
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
func (t *titled) OnPreRender(ctx app.Context) { ctx.Page().SetTitle(documentTitle(t.Title)) }

// OnNav sets the title after in-app navigation.
func (t *titled) OnNav(ctx app.Context) { ctx.Page().SetTitle(documentTitle(t.Title)) }

// Render shows the wrapped page.
func (t *titled) Render() app.UI { return t.Page }

// rootPrefix is the path the site is served under without its trailing
// slash: "" at a domain root, "/honoscope" under a sub-path. go-app hands it
// to the browser as GOAPP_ROOT_PREFIX (the site builder's resource resolver
// sets it).
func rootPrefix() string {
	return strings.TrimRight(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
}

// href turns an app path such as "/rate" into a link that stays under the
// sub-path the site is served from ("/honoscope/rate"). Build every internal
// link and every ctx.Navigate target with it: a bare "/rate" escapes the
// prefix once the wasm runs. A fragment or query is kept ("/person#x").
//
// While pre-rendering, go-app's resource resolver already prefixes every
// absolute href, so href leaves the path alone there; in the browser go-app
// resolves only /web/ paths, so href adds the prefix itself.
func href(path string) string {
	if app.IsServer || path == "" || path[0] != '/' {
		return path
	}
	return rootPrefix() + path
}
