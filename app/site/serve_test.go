package site

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

func TestStaticHandlerServesTheSiteLikeAStaticHost(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":           "home",
		"about/index.html":     "about",
		"old.html":             "old",
		"web/app.wasm":         "\x00asm",
		"web/app.css":          "css",
		"manifest.webmanifest": "{}",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	secret := filepath.Join(filepath.Dir(dir), "secret.txt")
	os.WriteFile(secret, []byte("secret"), 0o644)

	for _, tc := range []struct {
		name, base, method, path string
		status                   int
		contentType, location    string
	}{
		{"the home page at the root", "/", "GET", "/", 200, "text/html; charset=utf-8", ""},
		{"a page's folder without its slash", "/", "GET", "/about", 301, "", "/about/"},
		{"a page's folder, with its query", "/", "GET", "/about?x=1", 301, "", "/about/?x=1"},
		{"a page's folder", "/", "GET", "/about/", 200, "text/html; charset=utf-8", ""},
		{"a page's index.html", "/", "GET", "/about/index.html", 200, "text/html; charset=utf-8", ""},
		{"no guessing of .html, as on a stock host", "/", "GET", "/old", 404, "", ""},
		{"the wasm as application/wasm", "/", "GET", "/web/app.wasm", 200, "application/wasm", ""},
		{"the manifest", "/", "GET", "/manifest.webmanifest", 200, "application/manifest+json", ""},
		{"a missing page", "/", "GET", "/nope", 404, "", ""},
		{"no escape above the site", "/", "GET", "/../secret.txt", 404, "", ""},
		{"no writes", "/", "POST", "/", 405, "", ""},
		{"the home page under a sub-path", "/honoscope/", "GET", "/honoscope/", 200, "text/html; charset=utf-8", ""},
		{"a route under a sub-path", "/honoscope/", "GET", "/honoscope/about", 301, "", "/honoscope/about/"},
		{"a route's folder under a sub-path", "/honoscope/", "GET", "/honoscope/about/", 200, "text/html; charset=utf-8", ""},
		{"the sub-path without its slash", "/honoscope/", "GET", "/honoscope", 301, "", "/honoscope/"},
		{"the root of a sub-path site", "/honoscope/", "GET", "/", 301, "", "/honoscope/"},
		{"a path outside the sub-path", "/honoscope/", "GET", "/about", 404, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			StaticHandler(dir, tc.base, "no-cache").ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
			if rec.Code != tc.status {
				t.Fatalf("%s %s: status %d, want %d", tc.method, tc.path, rec.Code, tc.status)
			}
			if tc.contentType != "" && rec.Header().Get("Content-Type") != tc.contentType {
				t.Errorf("Content-Type %q, want %q", rec.Header().Get("Content-Type"), tc.contentType)
			}
			if tc.location != "" && rec.Header().Get("Location") != tc.location {
				t.Errorf("Location %q, want %q", rec.Header().Get("Location"), tc.location)
			}
			if got := rec.Header().Get("Cache-Control"); got != "no-cache" {
				t.Errorf("Cache-Control %q, want no-cache", got)
			}
		})
	}
}

func TestSiteBaseReadsTheManifestScope(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if got := SiteBase(dir); got != "/" {
		t.Errorf("without a manifest SiteBase = %q, want /", got)
	}
	os.WriteFile(filepath.Join(dir, "manifest.webmanifest"), []byte(`{"scope":"/honoscope/"}`), 0o644)
	if got := SiteBase(dir); got != "/honoscope/" {
		t.Errorf("SiteBase = %q, want /honoscope/", got)
	}
}

// Framing is refused by a header because the page's <meta> CSP cannot do
// it; HSTS goes only where the browser would heed it.
func TestTheServerSendsTheHostHeadersOnEveryResponse(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("home"), 0o644)
	os.MkdirAll(filepath.Join(dir, "rate"), 0o755)
	h := WithHostHeaders(StaticHandler(dir, "/", "no-cache"))
	for _, p := range []string{"/", "/rate", "/nope"} {
		for _, tls := range []bool{false, true} {
			req := httptest.NewRequest("GET", p, nil)
			if tls {
				req = httptest.NewRequest("GET", "https://example.org"+p, nil)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			for name, want := range map[string]string{
				"Content-Security-Policy": "frame-ancestors 'none'",
				"X-Frame-Options":         "DENY",
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         "no-referrer",
			} {
				if got := rec.Header().Get(name); got != want {
					t.Errorf("GET %s (TLS %v): %s = %q, want %q", p, tls, name, got, want)
				}
			}
			if got := rec.Header().Get("Strict-Transport-Security"); (got != "") != tls {
				t.Errorf("GET %s (TLS %v): Strict-Transport-Security = %q", p, tls, got)
			}
		}
	}
}
