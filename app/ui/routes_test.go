package ui

import (
	"strings"
	"testing"

	"honoscope/app/route"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

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
	for _, want := range []string{`>About Honoscope</h1>`, Copyright} {
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

func TestAPageOfTheOtherProgramSaysItIsOpeningIt(t *testing.T) {
	t.Parallel()
	// go-app calls OnMount only in the browser (app/e2e proves the reload);
	// here the state it sets when the document was loaded at the page's own
	// address, where reloading would loop: the page must say what to do.
	e := &elsewhere{Path: "/train", Title: "Train", Program: route.Tools, stuck: true}
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
	if !strings.Contains(app.HTMLString(&elsewhere{Path: "/train", Title: "Train", Program: route.Tools}), "Opening Train…") {
		t.Error("before it mounts, the stand-in page does not say it is opening the page")
	}
}

func TestAProgramsPagesMustBeExactRoutesOfTheTable(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, path string }{
		{"a relative path", "about"},
		{"a trailing slash", "/about/"},
		{"a query", "/rate?x=1"},
		{"a fragment", "/person#x"},
		{"a path not in the table", "/elsewhere"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := (Pages{tc.path: func() app.Composer { return &elsewhere{} }}).Check(); err == nil {
				t.Errorf("Pages{%q}.Check() accepted it", tc.path)
			}
		})
	}
	if err := (Pages{"/about": func() app.Composer { return &elsewhere{} }}).Check(); err != nil {
		t.Errorf("an exact route of the table was refused: %v", err)
	}
}
