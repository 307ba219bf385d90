//go:build !(js && wasm)

package app

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"honoscope/app/route"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// ContentSecurityPolicy is the policy every page carries in a <meta>
// element: nothing may load from or connect to another origin, no inline
// script or style runs, and forms cannot submit anywhere. 'wasm-unsafe-eval'
// is what compiling app.wasm needs (see /work/shared/reference/platform.md).
const ContentSecurityPolicy = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; img-src 'self' blob:; connect-src 'self'; manifest-src 'self'; " +
	"worker-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'"

// cspMeta is the <meta> element carrying ContentSecurityPolicy.
const cspMeta = `<meta http-equiv="Content-Security-Policy" content="` + ContentSecurityPolicy + `">`

// referrerMeta keeps the page address out of any request's Referer header.
const referrerMeta = `<meta name="referrer" content="no-referrer">`

// Description is the one-line summary in the page metadata and manifest.
const Description = "Rate and score HoNOS, HoNOS 65+ and HoNOSCA on your own device. " +
	"Nothing you enter leaves it."

// Icon files in web/, made by TestIconsAreUpToDate.
const (
	iconSmall = "/web/icon-192.png"
	iconLarge = "/web/icon-512.png"
	iconSVG   = "/web/icon.svg"
)

// HandlerConfig says where the site's assets are and where it will be served.
type HandlerConfig struct {
	// Base is the path the site is served under: "/" at a domain root, or
	// a sub-path such as "/honoscope/". Empty means "/".
	Base string
	// Web is the directory of static assets (CSS, icons), normally web/.
	Web string
	// WasmDir holds the compiled programs, one file per route.Program (app.wasm,
	// tools.wasm); empty means Web.
	WasmDir string
}

// wasmFile is the path of prog's compiled file under cfg.
func (cfg HandlerConfig) wasmFile(prog route.Program) string {
	dir := cfg.WasmDir
	if dir == "" {
		dir = cfg.Web
	}
	return filepath.Join(dir, prog.File())
}

// CheckWasm returns an error saying how to build the first program missing
// under cfg, or nil if both are there.
func CheckWasm(cfg HandlerConfig) error {
	for _, prog := range route.Programs() {
		name := cfg.wasmFile(prog)
		if _, err := os.Stat(name); err != nil {
			return missingWasm(name, prog)
		}
	}
	return nil
}

// missingWasm explains how to build a missing program.
func missingWasm(name string, prog route.Program) error {
	return fmt.Errorf("%s: the compiled app is missing; build it first with:\n  GOOS=js GOARCH=wasm %s\n(or run: make site)",
		name, shellWords(WasmBuildCommand(prog, name)))
}

// shellWords joins a command for a POSIX shell, quoting words with spaces
// (-ldflags="-s -w") so that the line can be pasted as it is.
func shellWords(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if k, v, ok := strings.Cut(a, "="); ok && strings.ContainsAny(v, " \t") {
			a = k + `="` + v + `"`
		} else if strings.ContainsAny(a, " \t") {
			a = `"` + a + `"`
		}
		out[i] = a
	}
	return strings.Join(out, " ")
}

// BuildFlags are the go build flags of the program, as the Makefile uses
// them: no file paths in the binary and no symbol table or DWARF. The
// consultation program is also built without inlining (-gcflags=all=-l),
// which makes its gzip download about 7 % smaller, to meet its 2.5 MB
// budget (README, "App budgets"); the tools program keeps inlining, which
// the team view's analysis of a large file needs for its speed budget.
func BuildFlags(p route.Program) []string {
	if p == route.App {
		return []string{"-trimpath", "-gcflags=all=-l", "-ldflags=-s -w"}
	}
	return []string{"-trimpath", "-ldflags=-s -w"}
}

// WasmBuildCommand is the command that compiles prog to out from the module
// root, with GOOS=js GOARCH=wasm in the environment.
func WasmBuildCommand(prog route.Program, out string) []string {
	cmd := append([]string{"go", "build"}, BuildFlags(prog)...)
	return append(cmd, "-o", out, MainPackage[prog])
}

// NewHandler returns the go-app handler that describes the site: title,
// description, local icons, every web/*.css, the CSP, the service worker
// and a version that is a hash of the wasm and the assets, so browsers see
// an update exactly when something they download has changed.
func NewHandler(cfg HandlerConfig) (*app.Handler, error) {
	base, err := CleanBase(cfg.Base)
	if err != nil {
		return nil, err
	}
	if err := CheckWasm(cfg); err != nil {
		return nil, err
	}
	var wasm []string
	for _, prog := range route.Programs() {
		wasm = append(wasm, cfg.wasmFile(prog))
	}
	wasmInfo, err := os.Stat(cfg.wasmFile(route.App))
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
	var styles []string
	for _, a := range assets {
		if strings.HasSuffix(a, ".css") {
			styles = append(styles, "/web/"+a)
		}
	}
	cacheable := make([]string, 0, len(route.Paths())+1)
	for _, p := range route.Paths() {
		if p != "/" {
			cacheable = append(cacheable, p)
		}
	}
	// go-app adds /web/app.wasm itself.
	cacheable = append(cacheable, iconSVG, "/web/"+route.Tools.File())
	return &app.Handler{
		Name:            route.SiteName,
		ShortName:       route.SiteName,
		Title:           route.SiteName,
		Description:     Description,
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
		RawHeaders:            []string{cspMeta, referrerMeta},
		Resources:             prefixResolver(strings.TrimSuffix(base, "/")),
		CacheableResources:    cacheable,
		Version:               version,
		WasmContentLength:     strconv.FormatInt(wasmInfo.Size(), 10),
		ServiceWorkerTemplate: serviceWorkerJS,
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
// which come from HandlerConfig.WasmDir.
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

// serviceWorkerJS is the service worker. Unlike go-app's default it holds
// install and activate open with event.waitUntil (so a worker never
// activates with a half-filled cache), bypasses the HTTP cache while
// filling, keeps its cache per scope (a root site and a sub-path site on one
// origin do not delete each other's caches), and answers any page request
// it has no exact copy for with the cached home page, whose wasm then shows
// the right route: the app starts offline at any of its addresses.
const serviceWorkerJS = `// Honoscope service worker: offline copy of the app, nothing else.
const version = "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};
const scope = self.registration.scope;
const cachePrefix = "honoscope:" + scope + ":";
const cacheName = cachePrefix + version;
const homePage = new URL(scope).pathname;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    await cache.addAll(resourcesToCache.map((url) => new Request(url, { cache: "reload" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys
      .filter((key) => key.startsWith(cachePrefix) && key !== cacheName)
      .map((key) => caches.delete(key)));
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(respond(request));
});

async function respond(request) {
  const cache = await caches.open(cacheName);
  const navigation = request.mode === "navigate";
  const cached = await cache.match(request, { ignoreSearch: navigation });
  if (cached) {
    return cached;
  }
  try {
    return await fetch(request);
  } catch (err) {
    if (navigation) {
      const home = await cache.match(homePage);
      if (home) {
        return home;
      }
    }
    throw err;
  }
}
`
