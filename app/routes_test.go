package app

import (
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestPathsListsTheRegisteredRoutesSorted(t *testing.T) {
	t.Parallel()
	paths := Paths()
	if !slices.IsSorted(paths) {
		t.Errorf("Paths() = %q, not sorted", paths)
	}
	for _, want := range []string{"/", "/about"} {
		if !slices.Contains(paths, want) {
			t.Errorf("Paths() = %q, missing %s", paths, want)
		}
	}
}

func TestAddRouteRejectsPathsThatAreNotExactRoutes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, path string }{
		{"a relative path", "about"},
		{"a trailing slash", "/about/"},
		{"a query", "/rate?x=1"},
		{"a fragment", "/person#x"},
		{"a path registered twice", "/about"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				if recover() == nil {
					t.Errorf("addRoute(%q) did not panic", tc.path)
				}
			}()
			addRoute(tc.path, func() app.Composer { return &home{} })
		})
	}
}

func TestDocumentTitleNamesThePageThenTheApp(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"About", "About · Honoscope"},
		{SiteName, SiteName},
		{"", SiteName},
	} {
		if got := documentTitle(tc.in); got != tc.want {
			t.Errorf("documentTitle(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHrefLeavesPathsToThePreRenderersResolverNatively(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"/", "/rate", "/person#a%20b", "#main"} {
		if got := Href(p); got != p {
			t.Errorf("href(%q) = %q natively, want it unchanged", p, got)
		}
	}
}

func TestTheShellMarksTheActivePageAndCarriesTheCopyright(t *testing.T) {
	t.Parallel()
	html := app.HTMLString(Shell("/about", "About Honoscope", app.P().Text("body")))
	// go-app writes attributes in no fixed order: look for each element by
	// its tag and every attribute it must carry.
	for _, want := range [][]string{
		{"<a ", `class="skip-link"`, `href="#main"`},
		{"<main ", `id="main"`, `class="site-main"`, `tabindex="-1"`},
		{"<a ", `href="/about"`, `aria-current="page"`},
		{"<a ", `href="/"`},
	} {
		if !hasElement(html, want[0], want[1:]...) {
			t.Errorf("the shell lacks %s with %v in\n%s", want[0], want[1:], html)
		}
	}
	for _, want := range []string{`<h1>About Honoscope</h1>`, Copyright} {
		if !strings.Contains(html, want) {
			t.Errorf("the shell lacks %s in\n%s", want, html)
		}
	}
}

// hasElement reports whether html has an opening tag starting with open
// (e.g. "<main ") that carries every one of attrs, in any order.
func hasElement(html, open string, attrs ...string) bool {
	for rest := html; ; {
		i := strings.Index(rest, open)
		if i < 0 {
			return false
		}
		rest = rest[i:]
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			return false
		}
		tag := rest[:end]
		ok := true
		for _, a := range attrs {
			if !strings.Contains(tag, a) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
		rest = rest[end:]
	}
}

func TestTheHomeAndAboutPagesRenderInTheShell(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		page app.Composer
		h1   string
	}{
		{&home{}, "Honoscope"},
		{&about{}, "About Honoscope"},
	} {
		e := app.NewTestEngine()
		if err := e.Load(tc.page); err != nil {
			t.Fatal(err)
		}
		e.ConsumeAll()
		html := app.HTMLString(tc.page)
		if !strings.Contains(html, "<h1>"+tc.h1+"</h1>") {
			t.Errorf("%T renders no <h1>%s</h1>", tc.page, tc.h1)
		}
	}
}

func TestEveryPageHasItsComponentInTheNativeBuild(t *testing.T) {
	t.Parallel()
	progs := map[Program]int{}
	for _, p := range pages {
		routesMu.Lock()
		registered := routeSet[p.path] != nil
		routesMu.Unlock()
		if !registered {
			t.Errorf("%s is in the page table but no file registers it with addRoute", p.path)
		}
		progs[p.program]++
	}
	for _, prog := range Programs() {
		if progs[prog] == 0 {
			t.Errorf("program %s runs no page", prog)
		}
	}
	if got := ProgramPaths(ProgramTools); !slices.Equal(got, []string{"/profile", "/team", "/train", "/train/certificate", "/train/vignette"}) {
		t.Errorf("the tools program runs %q", got)
	}
}

func TestAPageOfTheOtherProgramSaysItIsOpeningIt(t *testing.T) {
	t.Parallel()
	// go-app calls OnMount only in the browser (app/e2e proves the reload);
	// here the state it sets when the document was loaded at the page's own
	// address, where reloading would loop: the page must say what to do.
	e := &elsewhere{Path: "/train", Title: "Train", Program: ProgramTools, stuck: true}
	eng := app.NewTestEngine()
	if err := eng.Load(e); err != nil {
		t.Fatal(err)
	}
	html := app.HTMLString(e)
	for _, want := range []string{"<h1", "Train", "tools.wasm", "Reload the page", "make site"} {
		if !strings.Contains(html, want) {
			t.Errorf("the stand-in page lacks %q:\n%s", want, html)
		}
	}
	if !strings.Contains(app.HTMLString(&elsewhere{Path: "/train", Title: "Train", Program: ProgramTools}), "Opening Train…") {
		t.Error("before it mounts, the stand-in page does not say it is opening the page")
	}
}
