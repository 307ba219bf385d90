package site

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestTheCSPIsTheStrictPolicyFromThePlatformNotes(t *testing.T) {
	t.Parallel()
	want := "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob:; " +
		"connect-src 'self'; manifest-src 'self'; worker-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'"
	if ContentSecurityPolicy != want {
		t.Errorf("CSP = %q\nwant  %q", ContentSecurityPolicy, want)
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval'", "*", "http:", "https:", "data:"} {
		if strings.Contains(strings.ReplaceAll(ContentSecurityPolicy, "wasm-unsafe-eval", ""), bad) {
			t.Errorf("CSP allows %s", bad)
		}
	}
}

// testWeb makes a web directory holding the named files, each containing its
// own name. NewHandler only hashes and measures the programs (app.wasm,
// tools.wasm), so here they need not be real builds (the site tests of the
// command line and of app/e2e use real ones).
func testWeb(t *testing.T, files ...string) (web, wasm string) {
	t.Helper()
	web = t.TempDir()
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(web, f), []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return web, filepath.Join(web, "app.wasm")
}

func TestNewHandlerDescribesTheSite(t *testing.T) {
	t.Parallel()
	web, _ := testWeb(t, "app.wasm", "tools.wasm", "rate.css", "app.css", "about.css", "icon-192.png", ".hidden.css")
	h, err := NewHandler(Config{Base: "/honoscope", Web: web})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"/web/app.css", "/web/about.css", "/web/rate.css"}; !slices.Equal(h.Styles, want) {
		t.Errorf("Styles = %q, want %q (app.css first, then every web/*.css sorted)", h.Styles, want)
	}
	if !slices.Contains(h.RawHeaders, cspMeta) {
		t.Errorf("RawHeaders %q lack the CSP meta", h.RawHeaders)
	}
	if h.WasmContentLength != "8" {
		t.Errorf("WasmContentLength = %q, want the file size 8", h.WasmContentLength)
	}
	if len(h.Version) != 20 {
		t.Errorf("Version = %q, want a 20-digit content hash", h.Version)
	}
	for _, icon := range []string{h.Icon.Default, h.Icon.Large, h.Icon.Maskable, h.Icon.SVG} {
		if !strings.HasPrefix(icon, "/web/") {
			t.Errorf("icon %q is not a local file", icon)
		}
	}
	if !strings.Contains(h.ServiceWorkerTemplate, "event.waitUntil") {
		t.Error("the service worker does not hold install and activate open with waitUntil")
	}
	if got := h.Resources.Resolve("/"); got != "/honoscope/" {
		t.Errorf(`Resolve("/") = %q, want /honoscope/`, got)
	}

	// The version follows the content: same files, same version; any
	// change, a new one.
	h2, err := NewHandler(Config{Base: "/honoscope/", Web: web, WasmDir: web})
	if err != nil {
		t.Fatal(err)
	}
	if h2.Version != h.Version {
		t.Errorf("the same content gave versions %s and %s", h.Version, h2.Version)
	}
	if err := os.WriteFile(filepath.Join(web, "rate.css"), []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	h3, err := NewHandler(Config{Base: "/honoscope/", Web: web})
	if err != nil {
		t.Fatal(err)
	}
	if h3.Version == h.Version {
		t.Error("changing a style sheet kept the version")
	}
	if err := os.WriteFile(filepath.Join(web, "tools.wasm"), []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	h4, err := NewHandler(Config{Base: "/honoscope/", Web: web})
	if err != nil {
		t.Fatal(err)
	}
	if h4.Version == h3.Version {
		t.Error("changing the tools program kept the version")
	}
	if !slices.Contains(h.CacheableResources, "/web/tools.wasm") {
		t.Errorf("the service worker's list %q lacks the tools program", h.CacheableResources)
	}
}

func TestNewHandlerSaysHowToBuildAMissingProgram(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, has, want string }{
		{"no program at all", "app.css", "WEB/app.wasm: the compiled app (./app/cmd/consult) is missing; build it first, from the repository root, with:\n  go run . wasm --out WEB\n"},
		{"the tools program missing", "app.wasm", "WEB/tools.wasm: the compiled app (./app/cmd/tools) is missing; build it first, from the repository root, with:\n  go run . wasm --out WEB\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			web, _ := testWeb(t, "app.css", tc.has)
			_, err := NewHandler(Config{Web: web})
			if want := strings.ReplaceAll(tc.want, "WEB", web); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v does not give the build command %s", err, want)
			}
		})
	}
}

func TestCleanBaseAcceptsSubPathsAndRejectsOddOnes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"", "/", true},
		{"/", "/", true},
		{"/honoscope", "/honoscope/", true},
		{"honoscope/", "/honoscope/", true},
		{"/trust/honoscope/", "/trust/honoscope/", true},
		{"/a//b/", "", false},
		{"/a/../b", "", false},
		{"/a b/", "", false},
		{"/a?x/", "", false},
		{"/a#x/", "", false},
	} {
		got, err := CleanBase(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("CleanBase(%q) = %q, %v; want %q, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestThePrefixResolverKeepsFragmentsAndRemoteURLs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		prefix, in, want string
	}{
		{"/honoscope", "/", "/honoscope/"},
		{"/honoscope", "/about", "/honoscope/about"},
		{"/honoscope", "/web/app.css", "/honoscope/web/app.css"},
		{"/honoscope", "web/app.css", "/honoscope/web/app.css"},
		{"/honoscope", "/web", "/honoscope/web"},
		{"/honoscope", "#main", "#main"},
		{"/honoscope", "https://example.org/x", "https://example.org/x"},
		{"/honoscope", "", ""},
		{"", "/", "/"},
		{"", "/web/app.css", "/web/app.css"},
		{"", "#main", "#main"},
	} {
		if got := prefixResolver(tc.prefix).Resolve(tc.in); got != tc.want {
			t.Errorf("prefix %q: Resolve(%q) = %q, want %q", tc.prefix, tc.in, got, tc.want)
		}
	}
}
