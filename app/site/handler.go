package site

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"honoscope/app/tools"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// ContentSecurityPolicy is the policy every page carries in a <meta>
// element: nothing may load from or connect to another origin, no inline
// script or style runs, and forms cannot submit anywhere. 'wasm-unsafe-eval'
// is what compiling the WebAssembly programs needs; go-app emits no inline
// script, so nothing else has to be allowed.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; img-src 'self' blob:; connect-src 'self'; manifest-src 'self'; " +
	"worker-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'"

// cspMeta is the <meta> element carrying ContentSecurityPolicy.
const cspMeta = `<meta http-equiv="Content-Security-Policy" content="` + ContentSecurityPolicy + `">`

// referrerMeta keeps the page address out of any request's Referer header.
const referrerMeta = `<meta name="referrer" content="no-referrer">`

// description is the one-line summary in the page metadata and manifest.
const description = "Rate and score HoNOS, HoNOS 65+ and HoNOSCA on your own device. " +
	"Nothing you enter leaves it."

// Icon files in web/, drawn by TestIconsAreUpToDate.
const (
	iconSmall = "/web/icon-192.png"
	iconLarge = "/web/icon-512.png"
	iconSVG   = "/web/icon.svg"
)

// Config says where the site's assets and programs are and where the site
// will be served.
type Config struct {
	// Base is the path the site is served under: "/" at a domain root, or
	// a sub-path such as "/honoscope/". Empty means "/".
	Base string
	// Web is the directory of static assets (CSS, icons), normally web/.
	Web string
	// WasmDir holds the compiled programs, one file per Program (app.wasm,
	// tools.wasm); empty means Web.
	WasmDir string
	// Course configures a SCORM package's course (ignored for the site).
	Course Course
}

// Course is what a trust sets for its packaged course.
type Course struct {
	// Title names the course in the LMS ("" for the default).
	Title string
	// Require lists the vignettes the course requires (none: all of them).
	Require []string
	// Mastery is the mastery score, 0–100, written to the manifest as
	// adlcp:masteryscore (SCORM 1.2 CAM), when HasMastery.
	Mastery    int
	HasMastery bool
	// Version is the SCORM version, SCORM12 ("" too) or SCORM2004.
	Version string
}

// NewHandler returns the go-app handler that describes the site: title,
// description, local icons, every web/*.css, the CSP, the service worker
// and a version that is a hash of the programs and the assets, so browsers
// see an update exactly when something they download has changed.
func NewHandler(cfg Config) (*app.Handler, error) {
	r, err := siteRoutes()
	if err != nil {
		return nil, err
	}
	return newHandler(cfg, r, siteOutput)
}

// newHandler is the handler that describes the output o of the routes r.
func newHandler(cfg Config, r routes, o output) (*app.Handler, error) {
	base, err := CleanBase(cfg.Base)
	if err != nil {
		return nil, err
	}
	if err := CheckWasm(cfg); err != nil {
		return nil, err
	}
	progs, err := o.programs(r)
	if err != nil {
		return nil, err
	}
	var wasm []string
	for _, prog := range programs {
		wasm = append(wasm, cfg.wasmFile(prog))
	}
	wasmInfo, err := os.Stat(cfg.wasmFile(progs[0]))
	if err != nil {
		return nil, err
	}
	assets, err := webAssets(cfg.Web)
	if err != nil {
		return nil, err
	}
	version, err := contentHash(base, wasm, cfg.Web, assets)
	if err != nil {
		return nil, err
	}
	var styles, scripts []string
	for _, a := range assets {
		switch {
		case strings.HasSuffix(a, ".css"):
			styles = append(styles, "/web/"+a)
		case strings.HasSuffix(a, ".js"):
			// Deferred, as go-app's own: they run once the page is parsed,
			// before the program has even been fetched (web/early.js).
			scripts = append(scripts, "/web/"+a+" defer")
		}
	}
	var cacheable []string
	for _, path := range r.paths(func(p page) bool { return o.keep(p) && p.path != "/" }) {
		cacheable = append(cacheable, o.cacheAddress(path))
	}
	// The example export too, so "Try it with example data" works offline.
	cacheable = append(cacheable, iconSVG, tools.ExampleExport)
	// go-app adds the program at /web/app.wasm itself.
	for _, prog := range progs[1:] {
		cacheable = append(cacheable, "/web/"+prog.File)
	}
	var env map[string]string
	if o.scorm {
		env = map[string]string{r.scormEnv: "1"}
		if cfg.Course.Version == SCORM2004 {
			env[r.scormEnv] = tools.SCORM2004
		}
		if len(cfg.Course.Require) > 0 {
			env[tools.SCORMRequireEnv] = strings.Join(cfg.Course.Require, ",")
		}
	}
	var resources app.ResourceResolver = prefixResolver(strings.TrimSuffix(base, "/"))
	if o.resolver != nil {
		resources = o.resolver
	}
	return &app.Handler{
		Name:            r.name,
		ShortName:       r.name,
		Title:           r.name,
		Description:     description,
		Author:          "Honoscope contributors",
		Lang:            "en-GB",
		LoadingLabel:    "Loading the app: {progress}%",
		BackgroundColor: "#ffffff",
		ThemeColor:      "#1d4f91",
		Icon: app.Icon{
			Default:  iconSmall,
			Large:    iconLarge,
			Maskable: iconLarge,
			SVG:      iconSVG,
		},
		Styles:                styles,
		Scripts:               scripts,
		RawHeaders:            []string{cspMeta, referrerMeta},
		Resources:             resources,
		CacheableResources:    cacheable,
		Version:               version,
		WasmContentLength:     strconv.FormatInt(wasmInfo.Size(), 10),
		ServiceWorkerTemplate: serviceWorkerJS,
		Env:                   env,
	}, nil
}

// CleanBase checks a base path given on the command line and returns it
// in the form "/" or "/a/b/". It accepts "/honoscope", "honoscope/" and
// "/honoscope/" alike.
func CleanBase(base string) (string, error) {
	b := strings.Trim(base, "/")
	if b == "" {
		return "/", nil
	}
	for _, seg := range strings.Split(b, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", fmt.Errorf("base path %q: use a path such as /honoscope/ with no empty, . or .. segments", base)
		}
		for _, r := range seg {
			ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
				r == '-' || r == '_' || r == '.' || r == '~'
			if !ok {
				return "", fmt.Errorf("base path %q: character %q is not allowed; use letters, digits, - _ . ~ and /", base, r)
			}
		}
	}
	return "/" + b + "/", nil
}

// prefixResolver resolves the paths go-app writes into pages, the manifest
// and the service worker under the site's sub-path (the value, without a
// trailing slash; "" at a domain root). Unlike app.PrefixedLocation it
// leaves fragments ("#main") and relative links alone and maps "/" to the
// prefix with its slash ("/honoscope/"), which is the address a static host
// serves the home page at, so that the service worker caches the right page.
type prefixResolver string

// Resolve implements app.ResourceResolver.
func (p prefixResolver) Resolve(location string) string {
	switch {
	case strings.HasPrefix(location, "https://"), strings.HasPrefix(location, "http://"):
		return location
	case strings.HasPrefix(location, "/"):
		return string(p) + location
	case location == "web" || strings.HasPrefix(location, "web/"):
		return string(p) + "/" + location
	default:
		return location
	}
}

// webAssets lists the files of dir that the site serves from /web/, sorted
// with app.css first (the base styles) and without the programs (*.wasm),
// which come from Config.WasmDir.
func webAssets(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("reading the web assets: %w", err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || strings.HasPrefix(n, ".") || strings.HasSuffix(n, ".wasm") {
			continue
		}
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == "app.css") != (names[j] == "app.css") {
			return names[i] == "app.css"
		}
		return names[i] < names[j]
	})
	if len(names) == 0 || names[0] != "app.css" {
		return nil, errors.New(filepath.Join(dir, "app.css") + ": missing; run honoscope from the repository root or pass --web")
	}
	return names, nil
}

// contentHash is the site version: SHA-256 over the base path, the
// programs and every asset, shortened to 20 hex digits.
func contentHash(base string, wasm []string, web string, assets []string) (string, error) {
	h := sha256.New()
	io.WriteString(h, "base\x00"+base+"\x00")
	files := append([]string(nil), wasm...)
	for _, a := range assets {
		files = append(files, filepath.Join(web, a))
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return "", err
		}
		io.WriteString(h, filepath.Base(name)+"\x00")
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", fmt.Errorf("%s: %w", name, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:20], nil
}

// serviceWorkerJS is the service worker, app-worker.js. go-app replaces
// {{.Version}} and {{.ResourcesToCache}} in it. Unlike go-app's default it
// holds install and activate open with event.waitUntil (so a worker never
// activates with a half-filled cache), bypasses the HTTP cache while
// filling, keeps its cache per scope (a root site and a sub-path site on
// one origin do not delete each other's caches), and answers any page
// request it has no exact copy for with the cached home page, whose wasm
// then shows the right route: the app starts offline at any of its
// addresses.
//
//go:embed serviceworker.js
var serviceWorkerJS string
