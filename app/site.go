//go:build !(js && wasm)

package app

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// siteMu serialises site generation: go-app keeps its routes and
// environment in package state.
var siteMu sync.Mutex

// WriteSite writes the static site into dir: one pre-rendered HTML file per
// route (index.html for "/", about.html for "/about", …), go-app's scripts,
// the service worker and manifest, and web/ with app.wasm, the CSS and the
// icons. It returns the handler it used (for its Version and Styles).
func WriteSite(dir string, cfg HandlerConfig) (*app.Handler, error) {
	siteMu.Lock()
	defer siteMu.Unlock()

	Routes()
	h, err := NewHandler(cfg)
	if err != nil {
		return nil, err
	}
	base, _ := CleanBase(cfg.Base)
	if err := os.MkdirAll(filepath.Join(dir, "web"), 0o755); err != nil {
		return nil, err
	}
	if err := app.GenerateStaticWebsite(dir, h, Paths()...); err != nil {
		return nil, fmt.Errorf("pre-rendering the pages into %s: %w", dir, err)
	}
	for _, p := range Paths() {
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
	wasm := cfg.Wasm
	if wasm == "" {
		wasm = filepath.Join(cfg.Web, "app.wasm")
	}
	if err := copyFile(wasm, filepath.Join(dir, "web", "app.wasm")); err != nil {
		return nil, err
	}
	for _, a := range assets {
		if err := copyFile(filepath.Join(cfg.Web, a), filepath.Join(dir, "web", a)); err != nil {
			return nil, err
		}
	}
	return h, nil
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
