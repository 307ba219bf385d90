package site

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// goAppDir is go-app's module directory in Go's module cache.
func goAppDir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", goApp).Output()
	if err != nil || strings.TrimSpace(string(out)) == "" {
		t.Fatalf("go list -m %s: %v", goApp, err)
	}
	return strings.TrimSpace(string(out))
}

// testBrowserModule writes the browser module for the repository this
// package is in and returns the repository root and the module file.
func testBrowserModule(t *testing.T) (root, modfile string) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	modfile, err = BrowserModule(root, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return root, modfile
}

// The copy keeps go-app's files as they are but for the server's build
// constraint; it still builds natively (with the server) and for the
// browser (without it).
func TestTheBrowserCopyOfGoAppKeepsItsFilesAndConstrainsTheServer(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build; skipped with -short")
	}
	t.Parallel()
	src, dst := goAppDir(t), filepath.Join(t.TempDir(), "go-app")
	if err := writeBrowserGoApp(src, dst); err != nil {
		t.Fatal(err)
	}
	orig, _ := filepath.Glob(filepath.Join(src, "pkg", "app", "*.go"))
	for _, f := range orig {
		name := filepath.Base(f)
		if strings.HasSuffix(name, "_test.go") || name == "http.go" || name == "resource.go" {
			continue
		}
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(dst, "pkg", "app", name))
		if err != nil || string(a) != string(b) {
			t.Errorf("%s differs from go-app's (%v)", name, err)
		}
	}
	httpGo, _ := os.ReadFile(filepath.Join(dst, "pkg", "app", "http.go"))
	if !strings.HasPrefix(string(httpGo), "//go:build !wasm\n") {
		t.Error("http.go is not constrained to native builds")
	}
	server, _ := os.ReadFile(filepath.Join(dst, "pkg", "app", "resource_server.go"))
	rest, _ := os.ReadFile(filepath.Join(dst, "pkg", "app", "resource.go"))
	if !strings.HasPrefix(string(server), "//go:build !wasm\n") || !strings.Contains(string(server), "func LocalDir(") ||
		strings.Contains(string(rest), "net/http") || !strings.Contains(string(rest), "func clientResourceResolver(") {
		t.Errorf("resource.go is not split into its browser and server halves:\n%s\n----\n%s", rest, server)
	}
	// Through the browser module, from the repository root, go-app's
	// package builds for both.
	root, modfile := testBrowserModule(t)
	for _, env := range [][]string{{"GOOS=js", "GOARCH=wasm"}, nil} {
		cmd := exec.Command("go", "vet", "-modfile="+modfile, goApp+"/pkg/app")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go vet go-app's copy (%v): %v\n%s", env, err, out)
		}
	}
}

// An upgrade of go-app whose server files changed stops the browser build
// with a message saying what to check, instead of building them unread.
func TestAChangedGoAppServerFileStopsTheBrowserBuild(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := writeBrowserGoApp(goAppDir(t), filepath.Join(t.TempDir(), "ok")); err != nil {
		t.Fatal(err)
	}
	orig := goAppDir(t)
	for _, f := range []string{"go.mod", "pkg/app/http.go", "pkg/app/resource.go", "pkg/app/wasm.go"} {
		b, err := os.ReadFile(filepath.Join(orig, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "pkg/app/http.go" {
			b = append(b, "\nfunc init() {}\n"...)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(src, f)), 0o755)
		os.WriteFile(filepath.Join(src, f), b, 0o644)
	}
	err := writeBrowserGoApp(src, filepath.Join(t.TempDir(), "go-app"))
	if err == nil || !strings.Contains(err.Error(), "http.go is not the file it was written for") ||
		!strings.Contains(err.Error(), "goAppServerFiles") {
		t.Errorf("a changed http.go gave %v", err)
	}
}
