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
	".svg":         "image/svg+xml",
	".txt":         "text/plain; charset=utf-8",
	".woff2":       "font/woff2",
}

// StaticHandler serves the static site in dir the way a plain static host
// does: under base ("/" or "/honoscope/"), "/x" is answered by x, x.html or
// x/index.html, and a request for the base without its slash is
// redirected. cacheControl is sent with every response: "no-cache" lets the
// browser keep copies but revalidate them, so an update is seen at once.
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
		for _, c := range candidates(rel) {
			name := filepath.Join(dir, filepath.FromSlash(c))
			f, err := os.Open(name)
			if err != nil {
				continue
			}
			st, err := f.Stat()
			if err != nil || st.IsDir() {
				f.Close()
				continue
			}
			if ct, ok := contentTypes[filepath.Ext(name)]; ok {
				w.Header().Set("Content-Type", ct)
			}
			http.ServeContent(w, r, name, st.ModTime(), f)
			f.Close()
			return
		}
		http.NotFound(w, r)
	})
}

// candidates lists the files that may answer a request for rel.
func candidates(rel string) []string {
	if rel == "" {
		return []string{"index.html"}
	}
	return []string{rel, rel + ".html", rel + "/index.html"}
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
