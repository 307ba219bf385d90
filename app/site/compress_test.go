package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// Every text file and program gets a brotli and a gzip copy that
// decompress to it exactly; icons and copies that would not be smaller
// get none.
func TestCompressWritesCopiesThatDecompressToTheOriginal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":       strings.Repeat("<p>Honoscope</p>\n", 200),
		"rate/index.html":  strings.Repeat("<p>rate</p>\n", 200),
		"web/app.wasm":     "\x00asm" + strings.Repeat("\x01\x02\x03", 5000),
		"web/app.css":      strings.Repeat("body { margin: 0 }\n", 100),
		"web/icon-192.png": strings.Repeat("png", 500),
		"fhir/q.json":      strings.Repeat(`{"a": 1}`, 100),
		"app-worker.js":    "x",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Compress(dir); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		_, brErr := os.Stat(p + ".br")
		_, gzErr := os.Stat(p + ".gz")
		switch {
		case strings.HasSuffix(name, ".png"), name == "app-worker.js":
			if brErr == nil || gzErr == nil {
				t.Errorf("%s: a compressed copy was written", name)
			}
			continue
		case brErr != nil || gzErr != nil:
			t.Errorf("%s: no compressed copies (%v, %v)", name, brErr, gzErr)
			continue
		}
		brData, _ := os.ReadFile(p + ".br")
		got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(brData)))
		if err != nil || string(got) != body {
			t.Errorf("%s.br does not decompress to the file (%v)", name, err)
		}
		gzData, _ := os.ReadFile(p + ".gz")
		zr, err := gzip.NewReader(bytes.NewReader(gzData))
		if err != nil {
			t.Fatal(err)
		}
		got, err = io.ReadAll(zr)
		if err != nil || string(got) != body {
			t.Errorf("%s.gz does not decompress to the file (%v)", name, err)
		}
	}
}
