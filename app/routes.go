package app

import (
	"sort"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// SiteName is the application's name as shown in titles and the manifest.
const SiteName = "Honoscope"

// route is one pre-rendered exact route.
type route struct {
	path    string
	title   string
	newPage func() app.Composer
}

var (
	routesMu sync.Mutex
	routeSet = map[string]route{}
)

// addRoute registers a pre-rendered exact route; page files call it from
// init(). The title becomes the document title ("title · Honoscope").
// Registering the same path twice is a programming error and panics at
// start-up, before any user input is read.
func addRoute(path string, title string, newPage func() app.Composer) {
	if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, "?#") ||
		(path != "/" && strings.HasSuffix(path, "/")) {
		panic("app: route path must be an exact path like /about, got " + path)
	}
	routesMu.Lock()
	defer routesMu.Unlock()
	if _, dup := routeSet[path]; dup {
		panic("app: route registered twice: " + path)
	}
	routeSet[path] = route{path: path, title: title, newPage: newPage}
}

// Routes registers every route with go-app (called by main in the browser
// and by the site generator). Calling it more than once is harmless.
func Routes() {
	routesMu.Lock()
	defer routesMu.Unlock()
	for _, r := range routeSet {
		app.Route(r.path, func() app.Composer {
			return &titled{Title: r.title, Page: r.newPage()}
		})
	}
}

// Paths returns the registered paths for static generation, sorted.
func Paths() []string {
	routesMu.Lock()
	defer routesMu.Unlock()
	paths := make([]string, 0, len(routeSet))
	for p := range routeSet {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// routeTitle returns the registered title of path and whether it exists.
func routeTitle(path string) (string, bool) {
	routesMu.Lock()
	defer routesMu.Unlock()
	r, ok := routeSet[path]
	return r.title, ok
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
// to the browser as GOAPP_ROOT_PREFIX (see NewHandler's resolver).
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
