//go:build !(js && wasm)

// Package e2e runs end-to-end tests of the generated static site in headless
// Chromium. A test binary builds the wasm once and each site (per base path)
// once, into a temporary directory; each test gets its own server on a
// random loopback port and its own browser with a fresh profile. Every
// request, console error, uncaught exception and CSP violation is recorded,
// and the test fails at cleanup if any request went to another origin or
// anything went wrong on the page.
//
// Use it from a _test.go file:
//
//	func TestMain(m *testing.M) { os.Exit(e2e.Main(m)) }
//
//	func TestSomething(t *testing.T) {
//		t.Parallel()
//		s := e2e.Start(t, "/")
//		s.Open("/rate")
//		s.Run(chromedp.SendKeys(...))
//	}
package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"

	"path/filepath"
	goruntime "runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"honoscope/app/site"
)

// Chromium is where Debian's chromium package puts the browser.
const Chromium = "/usr/bin/chromium"

// RequireEnv names the environment variable that turns a missing browser
// from a skip into a failure (CI sets it to 1).
const RequireEnv = "HONOSCOPE_REQUIRE_BROWSER"

// Timeout bounds each test's browser work: generous, because on a 2-core
// machine the browsers share the processors with the other packages' tests.
const Timeout = 150 * time.Second

// build holds what the test binary has built.
var build struct {
	mu    sync.Mutex
	tmp   string           // temporary directory, removed by Main
	wasm  string           // directory of the compiled programs
	err   error            // wasm build error, sticky
	sites map[string]*Site // by base path
	errs  map[string]error // site build errors, sticky
	slots chan struct{}    // limits concurrent browsers
	once  sync.Once
}

// Main runs the tests of a package that uses e2e and removes what they
// built. Call it from TestMain: os.Exit(e2e.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	build.mu.Lock()
	defer build.mu.Unlock()
	if build.tmp != "" {
		os.RemoveAll(build.tmp)
	}
	return code
}

// RequireBrowser skips the test, loudly, when Chromium is not installed, or
// fails it when HONOSCOPE_REQUIRE_BROWSER=1.
func RequireBrowser(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(Chromium); err == nil {
		return
	}
	msg := "BROWSER TEST NOT RUN: " + Chromium + " is missing (install Debian's chromium package: apt-get install -y chromium)"
	if os.Getenv(RequireEnv) == "1" {
		t.Fatal(msg + "; " + RequireEnv + "=1 makes this a failure")
	}
	t.Skip("*** " + msg + " ***")
}

// Site is a static site written by site.WriteSite.
type Site struct {
	// Dir holds the site's files.
	Dir string
	// Base is the path it was built for, "/" or "/honoscope/".
	Base string
	// Version is the handler's content-hash version.
	Version string
	// WasmBytes is the size of web/app.wasm.
	WasmBytes int64
	// ToolsBytes is the size of web/tools.wasm.
	ToolsBytes int64
	// Framed serves it without the host's headers, which forbid framing:
	// a learning system shows the SCORM package in a frame.
	Framed bool
}

// BuildSite returns the site for base, building the wasm and the site the
// first time they are asked for in this test binary.
func BuildSite(t testing.TB, base string) *Site {
	t.Helper()
	base, err := site.CleanBase(base)
	if err != nil {
		t.Fatal(err)
	}
	build.mu.Lock()
	defer build.mu.Unlock()
	if build.sites == nil {
		build.sites = map[string]*Site{}
		build.errs = map[string]error{}
	}
	if s, ok := build.sites[base]; ok {
		return s
	}
	if err, ok := build.errs[base]; ok {
		t.Fatal(err)
	}
	s, err := buildSite(base)
	if err != nil {
		build.errs[base] = err
		t.Fatal(err)
	}
	build.sites[base] = s
	return s
}

func buildSite(base string) (*Site, error) {
	if build.tmp == "" {
		tmp, err := os.MkdirTemp("", "honoscope-e2e-")
		if err != nil {
			return nil, err
		}
		build.tmp = tmp
	}
	root, err := ModuleRoot()
	if err != nil {
		return nil, err
	}
	if build.wasm == "" && build.err == nil {
		build.wasm = filepath.Join(build.tmp, "wasm")
		if build.err = os.MkdirAll(build.wasm, 0o755); build.err == nil {
			build.err = BuildWasm(root, build.wasm)
		}
	}
	if build.err != nil {
		return nil, build.err
	}
	dir := filepath.Join(build.tmp, "site"+strings.ReplaceAll(strings.TrimSuffix(base, "/"), "/", "_"))
	w, err := site.WriteSite(dir, site.Config{Base: base, Web: filepath.Join(root, "web"), WasmDir: build.wasm})
	if err != nil {
		return nil, fmt.Errorf("writing the site for %s: %w", base, err)
	}
	st, err := os.Stat(filepath.Join(build.wasm, "app.wasm"))
	if err != nil {
		return nil, err
	}
	tools, err := os.Stat(filepath.Join(build.wasm, "tools.wasm"))
	if err != nil {
		return nil, err
	}
	return &Site{Dir: dir, Base: base, Version: w.Version, WasmBytes: st.Size(), ToolsBytes: tools.Size()}, nil
}

// ModuleRoot finds the directory of the honoscope go.mod above the working
// directory.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(b, []byte("module honoscope\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("e2e: no go.mod of module honoscope above the working directory")
		}
		dir = parent
	}
}

// BuildWasm compiles the app's programs (site.Programs) into dir from the
// module at root, as the Makefile does, all at once.
func BuildWasm(root, dir string) error {
	return site.BuildPrograms(root, dir, filepath.Join(dir, "module"))
}

// Server serves a Site on 127.0.0.1 with a random port and
// Cache-Control: no-store, so that anything the browser has offline comes
// from the service worker.
type Server struct {
	// Origin is "http://127.0.0.1:PORT".
	Origin string
	// Base is the site's base path.
	Base string

	srv  *http.Server
	stop func() // for a server outside the test binary
	mu   sync.Mutex
	seen []string
	down bool
}

// Serve starts a server for built; it stops when the test ends.
func Serve(t testing.TB, built *Site) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Origin: "http://" + ln.Addr().String(), Base: built.Base}
	files := site.StaticHandler(built.Dir, built.Base, "no-store")
	if !built.Framed {
		files = site.WithHostHeaders(files)
	}
	s.srv = &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.mu.Lock()
			s.seen = append(s.seen, r.URL.RequestURI())
			s.mu.Unlock()
			files.ServeHTTP(w, r)
		}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go s.srv.Serve(ln)
	t.Cleanup(s.Stop)
	return s
}

// URL returns the absolute address of an app path ("/about") under the base.
func (s *Server) URL(path string) string {
	return s.Origin + strings.TrimSuffix(s.Base, "/") + path
}

// Stop shuts the server down, as if the network were gone. Safe to call twice.
func (s *Server) Stop() {
	s.mu.Lock()
	already := s.down
	s.down = true
	s.mu.Unlock()
	if s.stop != nil {
		if !already {
			s.stop()
		}
		return
	}
	s.srv.Close()
}

// Requests returns the request URIs the server has received.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.seen...)
}

func (s *Server) stopped() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.down
}

// Session is one test's browser on one server.
type Session struct {
	T      testing.TB
	Site   *Site
	Server *Server
	// Ctx is the chromedp context of the current tab; it carries the
	// test's deadline.
	Ctx context.Context

	profile  string
	alloc    context.CancelFunc
	browser  context.Context
	cancel   []context.CancelFunc
	deadline context.Context

	mu       sync.Mutex
	requests []string
	problems []string
	ignore   []string
}

// Start gives the test a site built for base ("/" or "/honoscope/"), a
// server for it and a browser with a fresh profile, and registers the
// checks that run when the test ends. It skips or fails the test when
// Chromium is missing (see RequireBrowser).
func Start(t testing.TB, base string) *Session {
	t.Helper()
	RequireBrowser(t)
	return StartSite(t, BuildSite(t, base))
}

// StartHosted is Start for a site a web server outside the test binary
// serves at origin (nginx, Apache httpd, python's http.server): a browser
// with a fresh profile, whose Server.Stop calls stop. Requests are not
// recorded by the server but every check on the page still runs.
func StartHosted(t testing.TB, site *Site, origin string, stop func()) *Session {
	t.Helper()
	RequireBrowser(t)
	return startOn(t, site, &Server{Origin: origin, Base: site.Base, stop: stop})
}

// StartSite is Start for a site the test wrote itself (such as a SCORM
// package inside a fake LMS): a server for it and a browser with a fresh
// profile, at most max(2, CPUs/2) browsers at a time.
func StartSite(t testing.TB, site *Site) *Session {
	t.Helper()
	return startOn(t, site, Serve(t, site))
}

// startOn starts a browser session on site served by srv.
func startOn(t testing.TB, site *Site, srv *Server) *Session {
	t.Helper()
	build.once.Do(func() { build.slots = make(chan struct{}, max(2, goruntime.NumCPU()/2)) })
	build.slots <- struct{}{}
	t.Cleanup(func() { <-build.slots })
	s := &Session{T: t, Site: site, Server: srv}
	dl, cancel := context.WithTimeout(context.Background(), Timeout)
	s.deadline = dl
	s.cancel = append(s.cancel, cancel)
	profile, err := os.MkdirTemp("", "honoscope-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	s.profile = profile
	t.Cleanup(s.finish)
	s.launch()
	return s
}

// launch starts Chromium on the session's profile and opens a tab.
func (s *Session) launch() {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Nothing but the test server resolves, so a stray request to
		// another host cannot leave the machine; it is still recorded.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(s.profile),
		chromedp.WindowSize(1280, 900),
	}
	actx, acancel := chromedp.NewExecAllocator(s.deadline, opts...)
	s.alloc = acancel
	bctx, _ := chromedp.NewContext(actx)
	if err := chromedp.Run(bctx); err != nil {
		s.T.Fatalf("starting %s: %v", Chromium, err)
	}
	s.browser = bctx
	s.Ctx = bctx
	s.listen(bctx)
}

// NewTab opens a new tab in the same browser and makes it current.
func (s *Session) NewTab() {
	s.T.Helper()
	ctx, cancel := chromedp.NewContext(s.browser)
	s.cancel = append(s.cancel, cancel)
	if err := chromedp.Run(ctx); err != nil {
		s.T.Fatalf("opening a tab: %v", err)
	}
	s.Ctx = ctx
	s.listen(ctx)
}

// Restart closes the browser and starts it again on the same profile: a
// cold start that keeps the service worker and its cache, as a clinician
// reopening the app the next day.
func (s *Session) Restart() {
	s.T.Helper()
	s.closeBrowser()
	s.launch()
}

// closeBrowser closes the browser, if it is open, and waits for it to exit.
func (s *Session) closeBrowser() {
	if s.browser == nil {
		return
	}
	if err := chromedp.Cancel(s.browser); err != nil {
		s.T.Logf("closing the browser: %v", err)
	}
	s.alloc()
	s.browser, s.alloc = nil, nil
}

// FilesHolding closes the browser, so that Chromium writes to its profile
// everything it keeps (history, sessions, databases), waits for it to exit,
// and returns the profile's files (paths relative to it) that hold any of
// needles, leaving out paths that contain one of skip. Restart opens the
// browser again on the same profile.
func (s *Session) FilesHolding(skip []string, needles ...string) []string {
	s.T.Helper()
	s.closeBrowser()
	time.Sleep(500 * time.Millisecond) // the last writes after exit
	var found []string
	err := filepath.WalkDir(s.profile, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(s.profile, path)
		for _, k := range skip {
			if strings.Contains(rel, k) {
				return nil
			}
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		for _, n := range needles {
			if bytes.Contains(data, []byte(n)) {
				found = append(found, rel+" holds "+strconv.Quote(n))
			}
		}
		return nil
	})
	if err != nil {
		s.T.Fatal(err)
	}
	return found
}

// watchScript reports CSP violations to the console, where listen sees them.
const watchScript = `document.addEventListener("securitypolicyviolation", (e) => {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});`

// listen records the tab's requests and problems.
func (s *Session) listen(ctx context.Context) {
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			s.record(ev.Request.URL, "")
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeAssert {
				var parts []string
				for _, a := range ev.Args {
					if a.Value != nil {
						parts = append(parts, strings.Trim(string(a.Value), `"`))
					} else if a.Description != "" {
						parts = append(parts, a.Description)
					}
				}
				s.record("", "console."+string(ev.Type)+": "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg += " " + d.Exception.Description
			}
			s.record("", "uncaught exception: "+msg)
		case *cdplog.EventEntryAdded:
			e := ev.Entry
			if e.Level == cdplog.LevelError {
				if e.Source == cdplog.SourceNetwork && s.Server.stopped() {
					return // expected once the test has cut the network
				}
				s.record("", "log "+string(e.Source)+" error: "+e.Text+" "+e.URL)
			}
		}
	})
	if err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(watchScript).Do(ctx)
		return err
	})); err != nil {
		s.T.Fatalf("installing the CSP watch: %v", err)
	}
}

func (s *Session) record(url, problem string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if url != "" {
		s.requests = append(s.requests, url)
	}
	if problem != "" {
		s.problems = append(s.problems, problem)
	}
}

// Ignore tells the end-of-test check to accept problems (console errors,
// log errors) containing substr. Use it only for an error the test itself
// provokes, and say why.
func (s *Session) Ignore(substr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ignore = append(s.ignore, substr)
}

// Requests returns every URL the browser's tabs requested so far.
func (s *Session) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// Problems returns the console errors, exceptions and CSP violations so
// far, without the ignored ones.
func (s *Session) Problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
next:
	for _, p := range s.problems {
		for _, ig := range s.ignore {
			if strings.Contains(p, ig) {
				continue next
			}
		}
		out = append(out, p)
	}
	return out
}

// CrossOrigin returns the requested URLs that left the site's origin.
func (s *Session) CrossOrigin() []string {
	var out []string
	for _, u := range s.Requests() {
		p, err := url.Parse(u)
		if err != nil {
			out = append(out, u)
			continue
		}
		switch p.Scheme {
		case "data", "blob", "about":
			continue
		}
		if p.Scheme+"://"+p.Host != s.Server.Origin {
			out = append(out, u)
		}
	}
	return out
}

// finish runs the end-of-test checks and closes the browser.
func (s *Session) finish() {
	for _, u := range s.CrossOrigin() {
		s.T.Errorf("request left the origin %s: %s", s.Server.Origin, u)
	}
	for _, p := range s.Problems() {
		s.T.Errorf("page problem: %s", p)
	}
	s.closeBrowser()
	for i := len(s.cancel) - 1; i >= 0; i-- {
		s.cancel[i]()
	}
	// Chromium may still be writing its profile for a moment after exit.
	for i := 0; i < 10; i++ {
		if os.RemoveAll(s.profile) == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Run runs chromedp actions in the current tab, failing the test on error.
func (s *Session) Run(actions ...chromedp.Action) {
	s.T.Helper()
	if err := chromedp.Run(s.Ctx, actions...); err != nil {
		s.T.Fatalf("browser: %v", err)
	}
}

// Open navigates the current tab to an app path ("/", "/rate#x") under the
// base, waits until the wasm has started (go-app removes
// #app-wasm-loader) and <main> holds an h1, and returns the time from
// navigation start to then, as the page measured it.
func (s *Session) Open(path string) time.Duration {
	s.T.Helper()
	var ms float64
	s.Run(
		chromedp.Navigate(s.Server.URL(path)),
		chromedp.WaitNotPresent("#app-wasm-loader", chromedp.ByQuery),
		chromedp.WaitVisible("main#main h1", chromedp.ByQuery),
		chromedp.Evaluate(`performance.now()`, &ms),
	)
	return time.Duration(ms * float64(time.Millisecond))
}

// OpenWhen navigates the current tab to an app path and returns the time
// from navigation start to the moment the JavaScript condition cond first
// holds, as the page measured it: a MutationObserver installed before the
// document's own scripts checks cond on every change to the DOM, so the
// figure carries no polling delay.
func (s *Session) OpenWhen(path, cond string) time.Duration {
	s.T.Helper()
	return s.OpenWhenEach(path, cond)[0]
}

// OpenWhenEach opens path and returns, for each condition, how long after
// the navigation began it first held, waiting until every one has.
func (s *Session) OpenWhenEach(path string, conds ...string) []time.Duration {
	s.T.Helper()
	checks := make([]string, len(conds))
	for i, c := range conds {
		checks[i] = `() => !!(` + c + `)`
	}
	script := `(() => {
  const checks = [` + strings.Join(checks, ", ") + `];
  const at = window.__honoscopeReady = checks.map(() => null);
  const look = () => {
    checks.forEach((c, i) => { if (at[i] === null) { try { if (c()) at[i] = performance.now(); } catch (e) {} } });
    if (at.every((t) => t !== null)) { obs.disconnect(); }
  };
  const obs = new MutationObserver(look);
  obs.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();`
	var id page.ScriptIdentifier
	s.Run(chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		id, err = page.AddScriptToEvaluateOnNewDocument(script).Do(ctx)
		return err
	}))
	defer s.Run(chromedp.ActionFunc(func(ctx context.Context) error {
		return page.RemoveScriptToEvaluateOnNewDocument(id).Do(ctx)
	}))
	var ms []float64
	s.Run(
		chromedp.Navigate(s.Server.URL(path)),
		Poll(`window.__honoscopeReady && window.__honoscopeReady.every((t) => t !== null) && window.__honoscopeReady`, &ms, 60*time.Second),
	)
	out := make([]time.Duration, len(ms))
	for i, m := range ms {
		out[i] = time.Duration(m * float64(time.Millisecond))
	}
	return out
}

// Text returns the text content of the first element matching the CSS
// selector, waiting for it to exist.
func (s *Session) Text(selector string) string {
	s.T.Helper()
	var text string
	s.Run(chromedp.TextContent(selector, &text, chromedp.ByQuery))
	return strings.TrimSpace(text)
}

// Eval evaluates a JavaScript expression in the page into out; a promise
// is awaited.
func (s *Session) Eval(expr string, out any) {
	s.T.Helper()
	s.Run(chromedp.Evaluate(expr, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
}

// WaitOffline waits until Honoscope's service worker is active, which
// means the offline copy is complete (up to 30 s: the
// copy is both programs, uncompressed from a host that does not compress,
// while other tests' browsers share the machine).
func (s *Session) WaitOffline() {
	s.T.Helper()
	var ok bool
	// The worker is active once its copy is complete; a page that reloaded
	// while it installed may stay uncontrolled until its next navigation
	// (its request left before the worker could claim it), which does not
	// make the copy any less complete.
	s.Eval(`(async () => {
  const reg = await navigator.serviceWorker.ready;
  const done = () => !!navigator.serviceWorker.controller || (reg.active && reg.active.state === "activated");
  for (let i = 0; i < 600 && !done(); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return done();
})()`, &ok)
	if !ok {
		var state string
		s.Eval(`(async () => {
  const r = await navigator.serviceWorker.getRegistration();
  if (!r) return "no registration";
  const st = (w) => w ? w.state : "none";
  const keys = await caches.keys();
  let cached = 0;
  for (const k of keys) cached += (await (await caches.open(k)).keys()).length;
  return "installing " + st(r.installing) + ", waiting " + st(r.waiting) + ", active " + st(r.active) + "; caches " + keys.length + " holding " + cached;
})()`, &state)
		s.T.Fatalf("no service worker took control of the page within 30 s (%s)", state)
	}
}

// TempFile writes data to a file called name in a new directory, removed
// after the test, and returns its path: a file for a page's file chooser.
// The directory comes from os.MkdirTemp, not t.TempDir, whose cleanup fails
// the test when Chromium still holds the file open.
func TempFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "honoscope-e2e-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Poll is chromedp.Poll made safe on a busy machine, waiting up to timeout
// (30 s when left out) for the JavaScript expression to be truthy.
// chromedp polls on requestAnimationFrame and checks its own timeout only
// in that callback, so a page that stops producing frames would never time
// out and one wait would take the test's whole deadline. Poll checks on a
// timer instead and bounds the wait on the Go side as well, and when it
// fails it says what the page was doing.
func Poll(expression string, res any, timeout ...time.Duration) chromedp.Action {
	d := 30 * time.Second
	if len(timeout) > 0 {
		d = timeout[0]
	}
	return chromedp.ActionFunc(func(ctx context.Context) error {
		wctx, cancel := context.WithTimeout(ctx, d+10*time.Second)
		defer cancel()
		err := chromedp.Poll(expression, res, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(d)).Do(wctx)
		if err == nil || ctx.Err() != nil {
			return err
		}
		if len(expression) > 120 {
			expression = expression[:120] + "…"
		}
		return fmt.Errorf("waited %s for %s: %w; %s", d, expression, err, pageState(ctx))
	})
}

// pageState describes the page for a failure message: its address, load
// state and focused element, or that it does not answer.
func pageState(ctx context.Context) string {
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var s string
	err := chromedp.Evaluate(`location.href + ", " + document.readyState + ", focus on #" + (document.activeElement ? document.activeElement.id : "")`, &s).Do(pctx)
	if err != nil {
		return "the page does not answer (" + err.Error() + ")"
	}
	return "the page: " + s
}
