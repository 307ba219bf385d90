//go:build !(js && wasm)

package app

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"honoscope/app/consult"
	"honoscope/app/route"
	"honoscope/app/tools"
	"honoscope/app/ui"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// siteMu serialises site generation: go-app keeps its routes and
// environment in package state.
var siteMu sync.Mutex

// MainPackage is the main package of each program, from the module root:
// each imports only its own pages, so the linker leaves the other's out.
var MainPackage = map[route.Program]string{
	route.App:   "./app/cmd/consult",
	route.Tools: "./app/cmd/tools",
}

// registerPages registers every page of both programs with go-app, so that
// the pre-renderer draws each page as it is.
func registerPages() {
	all := ui.Pages{}
	for _, pages := range []ui.Pages{consult.Pages(), tools.Pages()} {
		for path, p := range pages {
			all[path] = p
		}
	}
	ui.Routes(all)
}

// WriteSite writes the static site into dir: one pre-rendered HTML file per
// route (index.html for "/", about.html for "/about", …), go-app's scripts,
// the service worker and manifest, and web/ with app.wasm, the CSS and the
// icons. It returns the handler it used (for its Version and Styles).
func WriteSite(dir string, cfg HandlerConfig) (*app.Handler, error) {
	siteMu.Lock()
	defer siteMu.Unlock()

	registerPages()
	h, err := NewHandler(cfg)
	if err != nil {
		return nil, err
	}
	base, _ := CleanBase(cfg.Base)
	if err := os.MkdirAll(filepath.Join(dir, "web"), 0o755); err != nil {
		return nil, err
	}
	if err := app.GenerateStaticWebsite(dir, h, route.Paths()...); err != nil {
		return nil, fmt.Errorf("pre-rendering the pages into %s: %w", dir, err)
	}
	for _, p := range route.Paths() {
		name := pageFile(dir, p)
		if err := moveCSPFirst(name); err != nil {
			return nil, err
		}
	}
	if err := fixManifest(filepath.Join(dir, "manifest.webmanifest"), base); err != nil {
		return nil, err
	}
	assets, err := webAssets(cfg.Web)
	if err != nil {
		return nil, err
	}
	lengths := map[route.Program]int64{}
	for _, prog := range route.Programs() {
		src := cfg.wasmFile(prog)
		st, err := os.Stat(src)
		if err != nil {
			return nil, missingWasm(src, prog)
		}
		lengths[prog] = st.Size()
		if err := copyFile(src, filepath.Join(dir, "web", prog.File())); err != nil {
			return nil, err
		}
	}
	if err := adaptAppJS(filepath.Join(dir, "app.js"), h.Resources, lengths); err != nil {
		return nil, err
	}
	for _, a := range assets {
		if err := copyFile(filepath.Join(cfg.Web, a), filepath.Join(dir, "web", a)); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// adaptAppJS edits go-app's app.js in two ways. Each page starts the
// program that runs it (see route.Program), where go-app loads one fixed
// web/app.wasm; the choice is made from the page's address, which is also
// right when the service worker answers an address with the cached home
// page. And the service worker is registered once the program has started
// instead of before it is fetched: on a first visit the worker's install
// downloads the whole site again (both programs), which on a small machine
// competed with compiling the program the page is waiting for. It fails if
// go-app's script no longer has the lines it edits, so that an upgrade of
// go-app cannot silently load the wrong program.
func adaptAppJS(name string, res app.ResourceResolver, lengths map[route.Program]int64) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	s := string(b)
	appURL := res.Resolve("/web/" + route.App.File())
	fetch := `fetchWithProgress("` + appURL + `", showProgress)`
	length := `const goappWasmContentLength = "` + strconv.FormatInt(lengths[route.App], 10) + `";`
	if strings.Count(s, fetch) != 1 || strings.Count(s, length) != 1 {
		return fmt.Errorf("%s: go-app's script does not load %s as expected (has go-app changed?); "+
			"update chooseProgram in app/site.go", name, appURL)
	}
	const start = "goappInitServiceWorker();\ngoappWatchForUpdate();\ngoappWatchForInstallable();\ngoappInitWebAssembly();\n"
	if strings.Count(s, start) != 1 {
		return fmt.Errorf("%s: go-app's script does not start as expected (has go-app changed?); "+
			"update adaptAppJS in app/site.go", name)
	}
	s = strings.Replace(s, start, "goappWatchForUpdate();\ngoappWatchForInstallable();\n"+
		"// Honoscope: the service worker once the program has started (app/site.go, adaptAppJS).\n"+
		"goappInitWebAssembly().finally(goappInitServiceWorker);\n", 1)
	s = strings.Replace(s, fetch, `fetchWithProgress(honoscopeProgram().url, showProgress)`, 1)
	s = strings.Replace(s, length, `const goappWasmContentLength = honoscopeProgram().length;`, 1)

	programs := map[string]map[string]any{}
	for _, prog := range route.Programs() {
		programs[string(prog)] = map[string]any{
			"url":    res.Resolve("/web/" + prog.File()),
			"length": strconv.FormatInt(lengths[prog], 10),
		}
	}
	byPath := map[string]string{}
	for _, p := range route.Pages {
		if p.Program == route.App {
			continue
		}
		at := res.Resolve(p.Path)
		byPath[at] = string(p.Program)
		byPath[at+".html"] = string(p.Program)
	}
	progJSON, err := json.Marshal(programs)
	if err != nil {
		return err
	}
	pathJSON, err := json.Marshal(byPath)
	if err != nil {
		return err
	}
	head := "// Honoscope: each page runs in one of two WebAssembly programs (app/route,\n" +
		"// route.Program); pages not listed here run in " + route.App.File() + ".\n" +
		"function honoscopeProgram() {\n" +
		"  const programs = " + string(progJSON) + ";\n" +
		"  const byPath = " + string(pathJSON) + ";\n" +
		"  return programs[byPath[location.pathname] || \"" + string(route.App) + "\"];\n" +
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

// moveCSPFirst moves the Content-Security-Policy <meta> right after
// <meta charset>, ahead of every stylesheet and script: go-app writes raw
// headers last in <head>, and a meta policy governs only what follows it.
func moveCSPFirst(name string) error {
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
	return os.WriteFile(name, []byte(s), 0o644)
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
