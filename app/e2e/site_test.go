//go:build !(js && wasm)

package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"honoscope/app/route"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"honoscope/app/site"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

// bases are the two ways the site is hosted: at a domain root and under a
// sub-path, as a trust's static host would.
var bases = []string{"/", "/honoscope/"}

var (
	h1Re   = regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)
	linkRe = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
)

// fetch GETs an app path from the server and returns the body.
func fetch(t *testing.T, srv *Server, path string) (string, http.Header) {
	t.Helper()
	res, err := http.Get(srv.URL(path))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", srv.URL(path), res.Status)
	}
	return string(b), res.Header
}

func TestEveryPageIsPreRenderedWithHeadingCSPAndLinksUnderTheBase(t *testing.T) {
	t.Parallel()
	for _, base := range bases {
		t.Run("base "+base, func(t *testing.T) {
			t.Parallel()
			srv := Serve(t, BuildSite(t, base))
			prefix := strings.TrimSuffix(base, "/")
			for _, p := range route.Paths() {
				html, hdr := fetch(t, srv, p)
				if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
					t.Errorf("%s: Content-Type %q, want text/html", p, ct)
				}
				m := h1Re.FindStringSubmatch(html)
				if m == nil || strings.TrimSpace(m[1]) == "" {
					t.Errorf("%s: the pre-rendered page has no <h1> with text", p)
				}
				want := `<meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="` + site.ContentSecurityPolicy + `">`
				if !strings.Contains(html, want) {
					t.Errorf("%s: the CSP <meta> does not come right after <meta charset>", p)
				}
				for _, l := range linkRe.FindAllStringSubmatch(html, -1) {
					u := l[1]
					if strings.HasPrefix(u, "#") {
						continue
					}
					if !strings.HasPrefix(u, prefix+"/") {
						t.Errorf("%s: link or resource %q is not under the base %s", p, u, base)
					}
				}
			}
			var manifest struct {
				Scope    string `json:"scope"`
				StartURL string `json:"start_url"`
			}
			body, hdr := fetch(t, srv, "/manifest.webmanifest")
			if err := json.Unmarshal([]byte(body), &manifest); err != nil {
				t.Fatal(err)
			}
			if manifest.Scope != base || manifest.StartURL != base {
				t.Errorf("manifest scope %q and start_url %q, want both %q", manifest.Scope, manifest.StartURL, base)
			}
			if ct := hdr.Get("Content-Type"); ct != "application/manifest+json" {
				t.Errorf("manifest Content-Type %q", ct)
			}
			worker, _ := fetch(t, srv, "/app-worker.js")
			// Each page is cached at its folder's address, where a plain
			// static host's redirect lands (the home page is go-app's own
			// entry, the base itself).
			for _, p := range route.Paths() {
				at := prefix + p + "/"
				if p == "/" {
					at = prefix + "/"
				}
				if want := `"` + at + `"`; !strings.Contains(worker, want) {
					t.Errorf("the service worker does not cache the page %s", want)
				}
			}
			res, err := http.Head(srv.URL("/web/app.wasm"))
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if ct := res.Header.Get("Content-Type"); ct != "application/wasm" {
				t.Errorf("app.wasm Content-Type %q, want application/wasm", ct)
			}
		})
	}
}

func TestEveryPageRendersAgainOnceTheWasmRuns(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	for _, p := range route.Paths() {
		html, _ := fetch(t, s.Server, p)
		m := h1Re.FindStringSubmatch(html)
		if m == nil {
			t.Fatalf("%s: no pre-rendered <h1>", p)
		}
		s.Open(p)
		var fromWasm bool
		s.Eval(`typeof goappNav === "function" && !goappNav.toString().includes("{ }")`, &fromWasm)
		if !fromWasm {
			t.Errorf("%s: the wasm did not take over the page", p)
		}
		if got := s.Text("main#main h1"); got != strings.TrimSpace(m[1]) {
			t.Errorf("%s: h1 after the wasm runs is %q, pre-rendered %q", p, got, m[1])
		}
	}
	var csp string
	var first bool
	s.Eval(`document.querySelector('meta[http-equiv="Content-Security-Policy"]').content`, &csp)
	s.Eval(`document.head.children[1] === document.querySelector('meta[http-equiv="Content-Security-Policy"]')`, &first)
	if csp != site.ContentSecurityPolicy || !first {
		t.Errorf("CSP meta %q (second in <head>: %v), want %q", csp, first, site.ContentSecurityPolicy)
	}
	if len(s.Requests()) == 0 {
		t.Error("no requests were recorded: the recorder is not working")
	}
}

// rateUsable holds once the wasm has taken over /rate and the form can be
// used: the loader is gone and Save is enabled (the store is open).
const rateUsable = `!document.getElementById("app-wasm-loader") && ` + programSave

// TestFirstAndCachedLoadTimes measures the budget "first load on
// loopback to a usable form ≤ 1.0 s median": /rate in a fresh browser
// profile (nothing cached, no service worker), then again in a new tab once
// the service worker holds the offline copy. It reports, not asserts: timed
// assertions would fail on a loaded machine (see README, App budgets).
// Not parallel, so that the figures are not taken beside other browsers.
func TestFirstAndCachedLoadTimes(t *testing.T) {
	const runs = 5
	var first, cached, firstShown, cachedShown []time.Duration
	// shown is when the pre-rendered form was parsed and took input
	// (domInteractive); what is entered then is kept (TestWhatIsEnteredBeforeTheAppStartsIsKept).
	shown := func(s *Session) time.Duration {
		var ms float64
		s.Eval(`performance.getEntriesByType("navigation")[0].domInteractive`, &ms)
		return time.Duration(ms * float64(time.Millisecond))
	}
	for i := range runs {
		t.Run(strconv.Itoa(i+1), func(t *testing.T) {
			s := Start(t, "/")
			first = append(first, s.OpenWhen("/rate", rateUsable))
			firstShown = append(firstShown, shown(s))
			s.WaitOffline()
			s.NewTab()
			cached = append(cached, s.OpenWhen("/rate", rateUsable))
			cachedShown = append(cachedShown, shown(s))
			if i == 0 {
				t.Logf("app.wasm %d bytes, tools.wasm %d bytes", s.Site.WasmBytes, s.Site.ToolsBytes)
			}
		})
	}
	t.Logf("/rate usable: first load median %v %v; from the service-worker cache median %v %v",
		middle(first), first, middle(cached), cached)
	t.Logf("/rate pre-rendered form taking input (kept once the program runs): first load median %v, cached median %v",
		middle(firstShown), middle(cachedShown))
}

// offlineColdStart loads the site once, cuts the server, closes the browser
// and starts it again, then opens every page.
func offlineColdStart(t *testing.T, base string) {
	s := Start(t, base)
	s.Open("/")
	s.WaitOffline()
	s.Server.Stop()
	s.Restart()
	for _, p := range route.Paths() {
		d := s.Open(p)
		if got := s.Text("main#main h1"); got == "" {
			t.Errorf("%s offline: empty h1", p)
		}
		t.Logf("%s%s offline cold start: %v", strings.TrimSuffix(base, "/"), p, d)
	}
	var path string
	s.Eval(`location.pathname`, &path)
	if !strings.HasPrefix(path, strings.TrimSuffix(base, "/")+"/") {
		t.Errorf("offline page at %s, outside the base %s", path, base)
	}
}

func TestTheAppStartsOfflineAfterOneVisit(t *testing.T) {
	t.Parallel()
	offlineColdStart(t, "/")
}

func TestTheAppStartsOfflineUnderASubPath(t *testing.T) {
	t.Parallel()
	offlineColdStart(t, "/honoscope/")
}

func TestNavigationStaysUnderTheSubPathOnceTheWasmRuns(t *testing.T) {
	t.Parallel()
	s := Start(t, "/honoscope/")
	s.Open("/")
	var hrefs []string
	s.Eval(`[...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href"))`, &hrefs)
	if len(hrefs) == 0 {
		t.Fatal("no links on the home page")
	}
	for _, h := range hrefs {
		if !strings.HasPrefix(h, "/honoscope/") && !strings.HasPrefix(h, "#") {
			t.Errorf("link %q escapes /honoscope/", h)
		}
	}
	var kept bool
	var path string
	s.Run(
		chromedp.Evaluate(`window.samePage = true`, nil),
		chromedp.Click(`nav a[href="/honoscope/about"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a[href="/honoscope/about"][aria-current="page"]`, chromedp.ByQuery),
		chromedp.Evaluate(`window.samePage === true`, &kept),
		chromedp.Evaluate(`location.pathname`, &path),
	)
	if path != "/honoscope/about" {
		t.Errorf("after clicking About the address is %s, want /honoscope/about", path)
	}
	if !kept {
		t.Error("clicking About reloaded the page: the wasm did not route it")
	}
	if got := s.Text("main#main h1"); got != "About Honoscope" {
		t.Errorf("h1 after navigation %q", got)
	}
	s.Run(
		chromedp.Click(`nav a[href="/honoscope/"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a[href="/honoscope/"][aria-current="page"]`, chromedp.ByQuery),
		chromedp.Evaluate(`location.pathname`, &path),
	)
	if path != "/honoscope/" {
		t.Errorf("after clicking Home the address is %s, want /honoscope/", path)
	}
}

func TestTheSkipLinkMovesKeyboardFocusToMain(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, path string }{
		{"once the wasm runs", "/about"},
		{"on the pre-rendered page", "/about?wasm=false"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Start(t, "/")
			s.Open(tc.path)
			var first, after string
			s.Run(
				chromedp.KeyEvent(kb.Tab),
				chromedp.Evaluate(`document.activeElement.className`, &first),
				chromedp.KeyEvent(kb.Enter),
				Poll(`document.activeElement.id === "main"`, nil),
				chromedp.Evaluate(`document.activeElement.id`, &after),
			)
			if first != "skip-link" {
				t.Errorf("the first Tab focused %q, want the skip link", first)
			}
			if after != "main" {
				t.Errorf("Enter on the skip link focused %q, want main", after)
			}
		})
	}
}

// programOf is a script that names the WebAssembly programs this document
// has loaded.
const programOf = `performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.endsWith(".wasm")).join(" ")`

// prefixed is an app path under the session's base path.
func prefixed(s *Session, path string) string { return strings.TrimSuffix(s.Site.Base, "/") + path }

// waitForProgram waits until the tab shows path, run by the program file
// (app.wasm or tools.wasm), with the wasm started and the h1 shown. The
// document may be replaced while it waits (a reload into another program),
// so it asks again after an evaluation fails.
func waitForProgram(s *Session, path, file string) {
	s.T.Helper()
	// An in-app link keeps the route's own address; a reload lands on the
	// page's folder, where the host redirects it.
	at, _ := json.Marshal(strings.TrimSuffix(s.Site.Base, "/") + path)
	check := `(() => (location.pathname === ` + string(at) + ` || location.pathname === ` + string(at) + ` + "/") && !document.getElementById("app-wasm-loader") &&
  !!document.querySelector("main#main h1") && (` + programOf + `).endsWith("/web/` + file + `"))()`
	deadline := time.Now().Add(20 * time.Second)
	for {
		var ok bool
		err := chromedp.Run(s.Ctx, chromedp.Evaluate(check, &ok))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			var got string
			_ = chromedp.Run(s.Ctx, chromedp.Evaluate(`location.pathname + " runs " + `+programOf, &got))
			s.T.Fatalf("waiting for %s run by %s: the tab shows %s (last error %v)", path, file, got, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestLinksBetweenTheTwoProgramsReloadIntoTheOneThatRunsThePage(t *testing.T) {
	t.Parallel()
	for _, base := range bases {
		t.Run(base, func(t *testing.T) {
			t.Parallel()
			s := Start(t, base)
			openRate(s, "/rate")
			waitForProgram(s, "/rate", "app.wasm")
			typeLabel(s, "KEEP-1")

			// Rate → Train: a page of the tools program.
			s.Run(chromedp.Click(`nav a[href="`+prefixed(s, "/train")+`"]`, chromedp.ByQuery))
			waitForProgram(s, "/train", "tools.wasm")
			if got := s.Text("main#main h1"); got != "Train" {
				t.Errorf("h1 after opening Train: %q", got)
			}

			// Within the tools program, navigation stays in the page.
			var ok bool
			s.Eval(`window.samePage = true`, &ok)
			s.Run(chromedp.Click(`nav a[href="`+prefixed(s, "/team")+`"]`, chromedp.ByQuery))
			s.Run(chromedp.WaitVisible(`nav a[href="`+prefixed(s, "/team")+`"][aria-current="page"]`, chromedp.ByQuery))
			s.Eval(`window.samePage === true`, &ok)
			if !ok {
				t.Error("Train → Team reloaded the page: both run in tools.wasm")
			}

			// Team → Rate: back in the consultation program, with the draft
			// that was being typed.
			s.Run(chromedp.Click(`nav a[href="`+prefixed(s, "/rate")+`"]`, chromedp.ByQuery))
			waitForProgram(s, "/rate", "app.wasm")
			var label string
			s.Run(Poll(`document.getElementById("rf-patient").value`, &label, 5*time.Second))
			if label != "KEEP-1" {
				t.Errorf("back on Rate the patient label reads %q, want the draft's KEEP-1", label)
			}
		})
	}
}

// middle is the median of ds (see medianMax).
func middle(ds []time.Duration) time.Duration {
	m, _ := medianMax(ds)
	return m
}
