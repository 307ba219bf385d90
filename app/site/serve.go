package site

import (
	"encoding/json"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// contentTypes fixes the types the app needs regardless of the system's
// MIME table: browsers compile wasm as it streams only when it is served as
// application/wasm.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".wasm":        "application/wasm",
	".webmanifest": "application/manifest+json",
	".json":        "application/json",
	".png":         "image/png",
	".csv":         "text/csv; charset=utf-8",
	".svg":         "image/svg+xml",
	".txt":         "text/plain; charset=utf-8",
	".woff2":       "font/woff2",
}

// StaticHandler serves the static site in dir the way a plain static host
// (nginx, Apache httpd, python's http.server) does with no configuration:
// under base ("/" or "/honoscope/"), "/x" is answered by the file x; a
// folder's address without its slash is redirected to the folder ("/rate"
// to "/rate/"), which is answered by its index.html; a request for the base
// without its slash is redirected too. Nothing else is guessed, so the
// tests see what a trust's own web server shows. cacheControl is sent with
// every response: "no-cache" lets the browser keep copies but revalidate
// them, so an update is seen at once. WithHostHeaders adds the headers a
// configured host sends.
func StaticHandler(dir, base, cacheControl string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", cacheControl)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := r.URL.Path
		if base != "/" && (p == strings.TrimSuffix(base, "/") || p == "/") {
			http.Redirect(w, r, base, http.StatusMovedPermanently)
			return
		}
		if !strings.HasPrefix(p, base) {
			http.NotFound(w, r)
			return
		}
		rel := strings.TrimPrefix(path.Clean("/"+strings.TrimPrefix(p, base)), "/")
		name := filepath.Join(dir, filepath.FromSlash(rel))
		if st, err := os.Stat(name); err == nil && st.IsDir() {
			if !strings.HasSuffix(p, "/") {
				to := p + "/"
				if r.URL.RawQuery != "" {
					to += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, to, http.StatusMovedPermanently)
				return
			}
			name = filepath.Join(name, "index.html")
		}
		f, err := os.Open(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		if ct, ok := contentTypes[filepath.Ext(name)]; ok {
			w.Header().Set("Content-Type", ct)
		}
		http.ServeContent(w, r, name, st.ModTime(), f)
	})
}

// HostHeaders are the response headers a host serving the site should send,
// and that `honoscope serve` sends: the page's CSP is a <meta> element, which
// cannot forbid framing (CSP Level 3, frame-ancestors is not supported in
// <meta>), so framing is refused here, with X-Frame-Options for older
// browsers; nosniff keeps a file from running as another type; no referrer
// leaves the page; HSTS (sent only over HTTPS) keeps every later visit on
// HTTPS.
var HostHeaders = [][2]string{
	{"Content-Security-Policy", "frame-ancestors 'none'"},
	{"X-Frame-Options", "DENY"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"Strict-Transport-Security", "max-age=31536000"},
}

// WithHostHeaders sends HostHeaders with every response of h. The SCORM
// package is served without it: a learning system shows the package in a
// frame.
func WithHostHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, kv := range HostHeaders {
			if kv[0] == "Strict-Transport-Security" && r.TLS == nil {
				// Browsers ignore it over plain HTTP (RFC 6797 §8.1).
				continue
			}
			w.Header().Set(kv[0], kv[1])
		}
		h.ServeHTTP(w, r)
	})
}

// SiteBase reads the base path a site in dir was built for from its
// manifest's scope, or "/" when it cannot tell.
func SiteBase(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.webmanifest"))
	if err != nil {
		return "/"
	}
	var m struct {
		Scope string `json:"scope"`
	}
	if json.Unmarshal(b, &m) != nil {
		return "/"
	}
	base, err := CleanBase(m.Scope)
	if err != nil {
		return "/"
	}
	return base
}
