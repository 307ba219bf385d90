// Package site builds and serves Honoscope's static web site and its
// SCORM package: it pre-renders every route with go-app, copies the
// compiled programs and the assets, writes the service worker and the
// manifest for the path the site is served under, and serves a built site
// as a plain static host does. It is native only: the browser programs
// never import it.
package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"honoscope/app/tools"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/ui"
	"honoscope/scoring"
	"honoscope/scoring/layout"
)

// siteMu serialises generation: go-app keeps its routes and environment
// in package state.
var siteMu sync.Mutex

// WriteSite writes the static site into dir: one pre-rendered HTML file per
// route (index.html for "/", about.html for "/about", …), go-app's scripts,
// the service worker and manifest, and web/ with the programs, the CSS and
// the icons.
func WriteSite(dir string, cfg Config) (Written, error) {
	w, err := generate(dir, cfg, siteOutput)
	if err != nil {
		return w, err
	}
	return w, writeQuestionnaires(dir)
}

// writeQuestionnaires publishes Honoscope's FHIR R4 Questionnaire of each
// instrument, the ones its QuestionnaireResponses answer, as
// fhir/Questionnaire-<instrument>.json, so that a record system's team can
// read what the responses mean from the site a trust hosts.
func writeQuestionnaires(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "fhir"), 0o755); err != nil {
		return err
	}
	for _, in := range scoring.Instruments() {
		var buf bytes.Buffer
		if err := layout.WriteQuestionnaire(&buf, in.ID); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "fhir", "Questionnaire-"+string(in.ID)+".json"), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Written says what was written.
type Written struct {
	// Version is the content hash of the programs and assets, by which
	// browsers tell that the site has changed.
	Version string
	// Pages are the routes pre-rendered, sorted.
	Pages []string
}

// siteOutput is the site: every page, under the base it is served at, each
// in a folder of its own.
var siteOutput = output{keep: allPages, folders: true}

// output is what one generation writes besides what every site has.
type output struct {
	// keep selects the pages written.
	keep func(page) bool
	// scope is the manifest's scope and start address; empty means the
	// base the site is served under.
	scope string
	// resolver, when set, resolves the paths go-app writes in place of the
	// base's prefix.
	resolver app.ResourceResolver
	// scorm marks the pages as a SCORM package's (the route table's SCORM
	// variable in go-app's environment), so that they talk to the LMS.
	scorm bool
	// single is true when the output runs one program only: the one that
	// runs every kept page, copied to web/app.wasm where go-app's script
	// loads its program from. Otherwise every program is copied under its
	// own name and app.js starts the one that runs the page.
	single bool
	// folders writes each page but the home page as a folder with an
	// index.html ("/rate" as rate/index.html), which every plain static
	// host serves as it is: nginx, Apache httpd and python's http.server
	// answer "/rate" with a redirect to "/rate/" and that with its
	// index.html, where rate.html would answer 404. Otherwise each page is
	// a file named for it (rate.html), as a SCORM package launches it.
	folders bool
}

// file is the file o writes for the page at path.
func (o output) file(dir, path string) string {
	if o.scorm {
		return filepath.Join(dir, strings.TrimPrefix(ui.PackageAddress(path), "/"))
	}
	if o.folders && path != "/" {
		return filepath.Join(dir, filepath.FromSlash(path), "index.html")
	}
	return pageFile(dir, path)
}

// cacheAddress is the address the service worker caches the page at path
// under: the folder's, where a host's redirect and a reload land.
func (o output) cacheAddress(path string) string {
	if o.folders && path != "/" {
		return path + "/"
	}
	return path
}

// generate writes the pages and assets that o selects into dir, with the
// handler that describes them.
func generate(dir string, cfg Config, o output) (Written, error) {
	siteMu.Lock()
	defer siteMu.Unlock()

	r, err := siteRoutes()
	if err != nil {
		return Written{}, err
	}
	// go-app copies the page environment into the process environment
	// while writing app.js; put it back so that one output's prefix and
	// marks do not leak into pages rendered later in this process.
	for _, k := range []string{"GOAPP_ROOT_PREFIX", "GOAPP_STATIC_RESOURCES_URL", "GOAPP_VERSION", "GOAPP_INTERNAL_URLS", r.scormEnv, tools.SCORMRequireEnv} {
		old, had := os.LookupEnv(k)
		defer func() {
			if had {
				os.Setenv(k, old)
			} else {
				os.Unsetenv(k)
			}
		}()
	}
	r.register()
	h, err := newHandler(cfg, r, o)
	if err != nil {
		return Written{}, err
	}
	progs, err := o.programs(r)
	if err != nil {
		return Written{}, err
	}
	scope := o.scope
	if scope == "" {
		scope, _ = CleanBase(cfg.Base)
	}

	if err := os.MkdirAll(filepath.Join(dir, "web"), 0o755); err != nil {
		return Written{}, err
	}
	paths := r.paths(o.keep)
	if err := app.GenerateStaticWebsite(dir, h, paths...); err != nil {
		return Written{}, fmt.Errorf("pre-rendering the pages into %s: %w", dir, err)
	}
	// go-app writes every registered route.
	for _, p := range r.pages {
		if !o.keep(p) {
			if err := os.Remove(pageFile(dir, p.path)); err != nil {
				return Written{}, err
			}
		}
	}
	for _, p := range paths {
		if f := o.file(dir, p); f != pageFile(dir, p) {
			if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
				return Written{}, err
			}
			if err := os.Rename(pageFile(dir, p), f); err != nil {
				return Written{}, err
			}
		}
	}
	for _, p := range paths {
		if err := finishPage(o.file(dir, p)); err != nil {
			return Written{}, err
		}
	}
	if err := fixManifest(filepath.Join(dir, "manifest.webmanifest"), scope); err != nil {
		return Written{}, err
	}
	assets, err := webAssets(cfg.Web)
	if err != nil {
		return Written{}, err
	}
	lengths := map[string]int64{}
	for _, prog := range progs {
		dst := prog.File
		if o.single {
			dst = programs[0].File
		}
		src := cfg.wasmFile(prog)
		st, err := os.Stat(src)
		if err != nil {
			return Written{}, missingWasm(src, prog)
		}
		lengths[prog.Name] = st.Size()
		if err := copyFile(src, filepath.Join(dir, "web", dst)); err != nil {
			return Written{}, err
		}
	}
	if !o.single {
		if err := adaptAppJS(filepath.Join(dir, "app.js"), h.Resources, lengths, r); err != nil {
			return Written{}, err
		}
	}
	if o.scorm {
		if err := dropServiceWorker(dir); err != nil {
			return Written{}, err
		}
	}
	for _, a := range assets {
		if o.scorm && "/web/"+a == tools.ExampleExport {
			continue // the team page's example has no place in a course
		}
		if err := copyFile(filepath.Join(cfg.Web, a), filepath.Join(dir, "web", a)); err != nil {
			return Written{}, err
		}
	}
	return Written{Version: h.Version, Pages: paths}, nil
}

// dropServiceWorker keeps a SCORM package from registering a service
// worker: an LMS serves the package from its own origin, under a path it
// chooses and may change with each upload, so a worker registered there
// would outlive the course, keep serving an old upload, and could answer for
// the LMS's own pages in its scope. The package's pages load from the LMS
// each launch, as an LMS expects. It fails if go-app's script no longer
// starts as expected, so that an upgrade of go-app cannot bring the worker
// back unnoticed.
func dropServiceWorker(dir string) error {
	name := filepath.Join(dir, "app.js")
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	const start = "goappInitServiceWorker();\n"
	if strings.Count(string(b), start) != 1 {
		return fmt.Errorf("%s: go-app's script does not register its service worker as expected (has go-app changed?); update dropServiceWorker in app/site/site.go", name)
	}
	s := strings.Replace(string(b), start, "// Honoscope: no service worker inside a learning system (app/site/site.go, dropServiceWorker).\n", 1)
	if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, "app-worker.js")); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}

// programs returns the programs o holds, the one go-app's script loads
// first. An output with single set holds the program that runs every page it
// keeps, and an error if they run in more than one.
func (o output) programs(r routes) ([]Program, error) {
	if !o.single {
		return programs, nil
	}
	var name string
	for _, p := range r.pages {
		if !o.keep(p) {
			continue
		}
		if name != "" && p.program != name {
			return nil, fmt.Errorf("the pages to write run in two programs, %s and %s, where one is allowed", name, p.program)
		}
		name = p.program
	}
	prog, ok := programNamed(name)
	if !ok {
		return nil, fmt.Errorf("no page to write runs in a program of the build table")
	}
	return []Program{prog}, nil
}

// adaptAppJS edits go-app's app.js in two ways. Each page starts the
// program that runs it (see Program), where go-app loads one fixed
// web/app.wasm; the choice is made from the page's address, which is also
// right when the service worker answers an address with the cached home
// page. And the service worker is registered once the program has started
// instead of before it is fetched: on a first visit the worker's install
// downloads the whole site again (both programs), which on a small machine
// competed with compiling the program the page is waiting for. It fails if
// go-app's script no longer has the lines it edits, so that an upgrade of
// go-app cannot silently load the wrong program.
func adaptAppJS(name string, res app.ResourceResolver, lengths map[string]int64, r routes) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	s := string(b)
	def := programs[0]
	appURL := res.Resolve("/web/" + def.File)
	fetch := `fetchWithProgress("` + appURL + `", showProgress)`
	length := `const goappWasmContentLength = "` + strconv.FormatInt(lengths[def.Name], 10) + `";`
	if strings.Count(s, fetch) != 1 || strings.Count(s, length) != 1 {
		return fmt.Errorf("%s: go-app's script does not load %s as expected (has go-app changed?); "+
			"update adaptAppJS in app/site/site.go", name, appURL)
	}
	const start = "goappInitServiceWorker();\ngoappWatchForUpdate();\ngoappWatchForInstallable();\ngoappInitWebAssembly();\n"
	if strings.Count(s, start) != 1 {
		return fmt.Errorf("%s: go-app's script does not start as expected (has go-app changed?); "+
			"update adaptAppJS in app/site/site.go", name)
	}
	s = strings.Replace(s, start, "goappWatchForUpdate();\ngoappWatchForInstallable();\n"+
		"// Honoscope: the service worker once the program has started (app/site/site.go, adaptAppJS).\n"+
		"goappInitWebAssembly().finally(goappInitServiceWorker);\n", 1)
	s = strings.Replace(s, fetch, `fetchWithProgress(honoscopeProgram().url, showProgress)`, 1)
	s = strings.Replace(s, length, `const goappWasmContentLength = honoscopeProgram().length;`, 1)

	byName := map[string]map[string]any{}
	for _, prog := range programs {
		byName[prog.Name] = map[string]any{
			"url":    res.Resolve("/web/" + prog.File),
			"length": strconv.FormatInt(lengths[prog.Name], 10),
		}
	}
	byPath := map[string]string{}
	for _, p := range r.pages {
		if p.program == def.Name {
			continue
		}
		for _, at := range append(ui.Addresses(p.path), p.path+".html") {
			byPath[res.Resolve(at)] = p.program
		}
	}
	progJSON, err := json.Marshal(byName)
	if err != nil {
		return err
	}
	pathJSON, err := json.Marshal(byPath)
	if err != nil {
		return err
	}
	head := "// Honoscope: each page runs in one of two WebAssembly programs (app/routes.go,\n" +
		"// Program); pages not listed here run in " + def.File + ".\n" +
		"function honoscopeProgram() {\n" +
		"  const programs = " + string(progJSON) + ";\n" +
		"  const byPath = " + string(pathJSON) + ";\n" +
		"  return programs[byPath[location.pathname] || \"" + def.Name + "\"];\n" +
		"}\n\n"
	return os.WriteFile(name, []byte(head+s), 0o644)
}

// pageFile is the file GenerateStaticWebsite writes for a route path.
func pageFile(dir, path string) string {
	if path == "/" {
		return filepath.Join(dir, "index.html")
	}
	return filepath.Join(dir, filepath.FromSlash(path)+".html")
}

// finishPage corrects a page go-app pre-rendered: it moves the
// Content-Security-Policy <meta> right after <meta charset>, ahead of every
// stylesheet and script (go-app writes raw headers last in <head>, and a
// meta policy governs only what follows it), and writes boolean attributes
// as HTML reads them (booleanAttributes).
func finishPage(name string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	s := string(b)
	const charset = `<meta charset="UTF-8">`
	i := strings.Index(s, charset)
	if i < 0 || strings.Count(s, cspMeta) != 1 {
		return fmt.Errorf("%s: expected one <meta charset> and one CSP <meta> in the pre-rendered page", name)
	}
	s = strings.Replace(s, cspMeta, "", 1)
	i += len(charset)
	s = s[:i] + cspMeta + s[i:]
	return os.WriteFile(name, []byte(booleanAttributes(s)), 0o644)
}

// booleanAttribute is a boolean attribute as go-app writes it into a tag:
// the names are those go-app sets as properties in the browser
// (setJSAttribute in its attribute.go).
var booleanAttribute = regexp.MustCompile(` (async|autofocus|autoplay|checked|default|defer|disabled|hidden|ismap|loop|multiple|muted|open|readonly|required|reversed|selected)="(true|false)"`)

// tagPattern is an HTML start tag, the only place an attribute is.
var tagPattern = regexp.MustCompile(`<[a-zA-Z][^<>]*>`)

// booleanAttributes rewrites go-app's name="false" and name="true" in the
// tags of a pre-rendered page. In the browser go-app sets these as
// properties, but written into HTML an attribute is true by its presence:
// selected="false" on every option but one selects the last of them, and
// hidden="false" hides. Until the program runs, the page would show the
// wrong choice, or nothing. False leaves the attribute out; true keeps its
// name.
func booleanAttributes(page string) string {
	return tagPattern.ReplaceAllStringFunc(page, func(tag string) string {
		return booleanAttribute.ReplaceAllStringFunc(tag, func(a string) string {
			if strings.HasSuffix(a, `="false"`) {
				return ""
			}
			return strings.TrimSuffix(a, `="true"`)
		})
	})
}

// fixManifest sets the manifest's scope to the base path; go-app always
// writes "/", which at a sub-path would claim the whole origin.
func fixManifest(name, base string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	m["scope"] = base
	m["start_url"] = base
	m["id"] = base
	out, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return os.WriteFile(name, out, 0o644)
}

// copyFile copies src to dst, replacing dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	return out.Close()
}
