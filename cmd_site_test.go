package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"honoscope/app/e2e"
	"honoscope/app/route"
	"honoscope/app/site"
)

func TestSiteWritesEveryPageAndTheWebAssets(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the wasm; skipped with -short")
	}
	tmp := t.TempDir()
	wasm := filepath.Join(tmp, "wasm")
	if err := os.Mkdir(wasm, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := e2e.BuildWasm(".", wasm); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "site")
	var stdout, stderr bytes.Buffer
	// Without the compressed copies: brotli's best quality would hold two
	// cores for half a minute while the browser tests run (Compress has its
	// own test, app/site).
	if code := runCLI([]string{"site", "--compress=false", "--base", "/honoscope", "--wasm", wasm, out}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, p := range route.Paths() {
		// Each page is a folder with an index.html, as stock hosts serve it.
		name := "index.html"
		if p != "/" {
			name = strings.TrimPrefix(p, "/") + "/index.html"
		}
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Errorf("route %s: %v", p, err)
			continue
		}
		if !bytes.Contains(b, []byte("<h1")) || !bytes.Contains(b, []byte(site.ContentSecurityPolicy)) {
			t.Errorf("%s lacks its <h1> or the CSP", name)
		}
	}
	webFiles, _ := filepath.Glob("web/*")
	for _, f := range append(webFiles, "web/app.wasm", "web/tools.wasm") {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("the site lacks %s: %v", f, err)
		}
	}
	for _, f := range []string{"app.js", "app-worker.js", "wasm_exec.js", "manifest.webmanifest", "app.css"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("the site lacks %s: %v", f, err)
		}
	}
	if br, _ := filepath.Glob(filepath.Join(out, "web", "*.br")); len(br) != 0 {
		t.Errorf("--compress=false wrote %v", br)
	}
	if got := site.SiteBase(out); got != "/honoscope/" {
		t.Errorf("the site's manifest says base %q, want /honoscope/", got)
	}
}

func TestSiteAndServeSayWhatToRunFirst(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"site without the wasm", []string{"site", "--wasm", filepath.Join(tmp, "none"), tmp},
			1, "  go run . wasm --out " + filepath.Join(tmp, "none") + "\n"},
		{"site with a bad base", []string{"site", "--base", "/a/../b", tmp}, 2, "no empty, . or .. segments"},
		{"serve without a site", []string{"serve", "--dir", tmp}, 1, "write the site first"},
		{"serve with an argument", []string{"serve", tmp}, 2, "--dir"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			code := runCLI(tc.args, nil, &stdout, &stderr)
			if code != tc.code || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr.String(), tc.code, tc.want)
			}
		})
	}
}

func TestSiteAndServeHelpExitsZero(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"site", "serve"} {
		var stdout, stderr bytes.Buffer
		if code := runCLI([]string{name, "--help"}, nil, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "Usage: honoscope "+name) {
			t.Errorf("%s --help: exit %d, %q", name, code, stdout.String())
		}
	}
}

func TestTheMakefileBuildsEachProgramAsTheTestsDo(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	// The Makefile states no build flags of its own: 'honoscope wasm' reads
	// the build table, as the end-to-end tests do.
	if want := "wasm:\n\t$(GO) run . wasm --out web\n"; !strings.Contains(string(b), want) {
		t.Errorf("the Makefile's wasm target is not %q", want)
	}
	for _, p := range site.Programs() {
		for _, f := range p.Flags {
			if strings.Contains(string(b), f) {
				t.Errorf("the Makefile repeats %s's build flag %s: leave it to the build table", p.File, f)
			}
		}
	}
}

// By default 'honoscope site' writes a brotli and a gzip copy beside each
// page and program (small stand-in programs here: the copies, not the
// compiler, are under test).
func TestSiteWritesCompressedCopiesByDefault(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	wasm := filepath.Join(tmp, "wasm")
	os.Mkdir(wasm, 0o755)
	for _, name := range []string{"app.wasm", "tools.wasm"} {
		if err := os.WriteFile(filepath.Join(wasm, name), bytes.Repeat([]byte("\x00asm\x01"), 4000), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(tmp, "site")
	var stdout, stderr bytes.Buffer
	if code := runCLI([]string{"site", "--wasm", wasm, out}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, f := range []string{"web/app.wasm", "web/tools.wasm", "rate/index.html", "app.js"} {
		st, err := os.Stat(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, ext := range []string{".br", ".gz"} {
			c, err := os.Stat(filepath.Join(out, f+ext))
			if err != nil {
				t.Errorf("%s%s: %v", f, ext, err)
			} else if c.Size() >= st.Size() {
				t.Errorf("%s%s is %d bytes, not smaller than the %d of the file", f, ext, c.Size(), st.Size())
			}
		}
	}
}
