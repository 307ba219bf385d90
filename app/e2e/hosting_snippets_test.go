//go:build !(js && wasm)

package e2e

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The snippets README's "Hosting" section gives for a host that can be
// configured; the test below runs each in a real server and checks that
// README shows them as tested.
const (
	nginxSnippet = `	gzip_static on;
	add_header Content-Security-Policy "frame-ancestors 'none'" always;
	add_header Strict-Transport-Security "max-age=31536000" always;
	add_header X-Content-Type-Options "nosniff" always;`

	apacheSnippet = `AddType application/wasm .wasm
AddOutputFilterByType DEFLATE application/wasm
Header always set Content-Security-Policy "frame-ancestors 'none'"
Header always set Strict-Transport-Security "max-age=31536000"
Header always set X-Content-Type-Options "nosniff"`
)

// nginx with the snippet sends the .gz copy of a program as it is, with
// the headers; Apache httpd with mod_headers and the snippet compresses the
// program itself (Debian enables mod_deflate) and sends the headers.
func TestTheHostingSnippetsSendCompressedProgramsAndTheHeaders(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	// In a folder a server that drops its privileges can read.
	root, err := os.MkdirTemp("", "honoscope-snippets-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	os.MkdirAll(filepath.Join(root, "web"), 0o755)
	wasm := []byte("\x00asm" + strings.Repeat("\x01\x00\x02", 20000))
	os.WriteFile(filepath.Join(root, "web", "app.wasm"), wasm, 0o644)
	os.WriteFile(filepath.Join(root, "web", "app.wasm.gz"), gzipped(t, wasm), 0o644)
	os.WriteFile(filepath.Join(root, "index.html"), []byte("<!doctype html><title>x</title>"), 0o644)
	exec.Command("chmod", "-R", "a+rX", root).Run()
	os.Chmod(root, 0o755)
	for _, c := range []struct {
		name, binary, snippet string
		start                 func(t *testing.T, root string, port int) (func(), error)
	}{
		{"nginx", "/usr/sbin/nginx", nginxSnippet, func(t *testing.T, root string, port int) (func(), error) {
			return startNginxWith(t, root, port, nginxSnippet)
		}},
		{"apache", "/usr/sbin/apache2", apacheSnippet, func(t *testing.T, root string, port int) (func(), error) {
			return startApacheWith(t, root, port, "LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so\n"+apacheSnippet)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, line := range strings.Split(c.snippet, "\n") {
				if !strings.Contains(string(readme), "    "+strings.TrimSpace(line)+"\n") {
					t.Errorf("README's Hosting section does not show the %s snippet this test runs: %q is missing", c.name, line)
				}
			}
			if _, err := exec.LookPath(c.binary); err != nil {
				if os.Getenv(RequireEnv) == "1" {
					t.Fatalf("%s is not installed", c.binary)
				}
				t.Skipf("%s is not installed", c.binary)
			}
			port := freePort(t)
			stop, err := c.start(t, root, port)
			if err != nil {
				t.Fatal(err)
			}
			defer stop()
			origin := fmt.Sprintf("http://127.0.0.1:%d", port)
			waitServing(t, origin+"/")
			req, _ := http.NewRequest("GET", origin+"/web/app.wasm", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			res, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			for h, want := range map[string]string{
				"Content-Type":              "application/wasm",
				"Content-Encoding":          "gzip",
				"Content-Security-Policy":   "frame-ancestors 'none'",
				"Strict-Transport-Security": "max-age=31536000",
				"X-Content-Type-Options":    "nosniff",
			} {
				if got := res.Header.Get(h); got != want {
					t.Errorf("%s: %s is %q, want %q", c.name, h, got, want)
				}
			}
		})
	}
}

// gzipped compresses data as make site's .gz copies are.
func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
