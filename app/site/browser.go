package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// The browser programs are built against go-app with its HTTP server left
// out. go-app's package app holds both the browser side (components, the
// engine) and the server that pre-renders pages (Handler, in http.go, and
// the resource resolvers of resource.go). In a WebAssembly build the server
// is never called, but importing net/http keeps crypto/tls and everything
// behind it (every elliptic curve, ML-KEM, HPKE): the linker cannot drop
// code that package initialisers reach. That is about 2 MB of the
// consultation program, 16 % of it, which every first visit downloads and
// compiles before the form can be used.
//
// BrowserModule therefore writes, for GOOS=js builds only, a module file
// that replaces go-app by a copy of the very same version in which http.go
// and the server half of resource.go carry the build constraint !wasm. No
// line of go-app is changed: the copy's files are go-app's, two of them
// split or constrained, and each edited file must match the SHA-256 below,
// so that an upgrade of go-app stops the build with a message instead of
// building something nobody reviewed. Native builds (the site builder,
// which uses Handler to pre-render every page) and the tests of the wasm
// packages keep the module's own go.mod and the untouched go-app.

// goApp is the module the browser build trims.
const goApp = "github.com/maxence-charriere/go-app/v10"

// goAppServerFiles are the files of go-app's package app that the browser
// build constrains, with their SHA-256 in the version go.mod requires.
var goAppServerFiles = map[string]string{
	"pkg/app/http.go":     "0601189a9f611378e9b24ab4bdf42780a03cbf95c1bbebd4171b523ddbe9a32d",
	"pkg/app/resource.go": "6b52ab4ec2f4171d403384bffe159e9ec22699933e768ef5868f2851a1b84baa",
	"pkg/app/wasm.go":     "10117b07fb7147cdfcd97d1e07cd010da30914e2a622b73d0242b5d9019796f8",
}

// handlerWasm stands for Handler in the browser build: wasm.go names the
// type in GenerateStaticWebsite, which in a browser only panics.
const handlerWasm = `//go:build wasm

package app

// Handler is go-app's HTTP handler; the browser build of Honoscope leaves
// the server out (see app/site/browser.go in Honoscope).
type Handler struct{}
`

// BrowserModule writes into dir the module file (go.mod and go.sum) that
// the browser programs are built with, beside a copy of go-app without its
// server, and returns the module file's path, for go build -modfile. root
// is the module root. go-app comes from Go's module cache (go mod download,
// which checks it against go.sum).
func BrowserModule(root, dir string) (string, error) {
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	version := requiredVersion(gomod, goApp)
	if version == "" {
		return "", fmt.Errorf("%s: does not require %s", filepath.Join(root, "go.mod"), goApp)
	}
	cmd := exec.Command("go", "mod", "download", "-json", goApp+"@"+version)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %v\n%s", goApp, version, err, stderr.String())
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s: no module directory in %q", goApp, version, out)
	}
	copyDir := filepath.Join(dir, "go-app")
	if err := os.RemoveAll(copyDir); err != nil {
		return "", err
	}
	if err := writeBrowserGoApp(mod.Dir, copyDir); err != nil {
		return "", err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(copyDir)
	if err != nil {
		return "", err
	}
	modfile := filepath.Join(dir, "browser.mod")
	gomod = append(bytes.TrimRight(gomod, "\n"), []byte("\n\n// The browser build: go-app without its server (app/site/browser.go).\nreplace "+goApp+" => "+abs+"\n")...)
	if err := os.WriteFile(modfile, gomod, 0o644); err != nil {
		return "", err
	}
	return modfile, os.WriteFile(strings.TrimSuffix(modfile, ".mod")+".sum", sum, 0o644)
}

// requiredVersion returns the version of module path that go.mod's text
// requires, or "".
func requiredVersion(gomod []byte, path string) string {
	for _, line := range strings.Split(string(gomod), "\n") {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "require "))
		if len(f) >= 2 && f[0] == path {
			return f[1]
		}
	}
	return ""
}

// writeBrowserGoApp copies the go-app module at src (its go.mod, licence
// and packages, without tests) to dst and constrains its server to native
// builds: http.go whole, and the declarations of resource.go that use
// net/http, moved to resource_server.go.
func writeBrowserGoApp(src, dst string) error {
	for name, want := range goAppServerFiles {
		b, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(name)))
		if err != nil {
			return fmt.Errorf("the browser build of %s: %v", goApp, err)
		}
		if got := sha256.Sum256(b); hex.EncodeToString(got[:]) != want {
			return fmt.Errorf("the browser build of %s: %s is not the file it was written for (has go-app changed?); "+
				"check that it still only serves pages from a server, then update goAppServerFiles in app/site/browser.go",
				goApp, filepath.Join(src, filepath.FromSlash(name)))
		}
	}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "." || rel == "pkg" || strings.HasPrefix(rel, "pkg/") && d.Name() != "testdata" {
				return nil
			}
			return filepath.SkipDir
		}
		keep := rel == "go.mod" || rel == "LICENSE" ||
			strings.HasPrefix(rel, "pkg/") && strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go")
		if !keep {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		return err
	}
	pkg := filepath.Join(dst, "pkg", "app")
	httpGo := filepath.Join(pkg, "http.go")
	b, err := os.ReadFile(httpGo)
	if err != nil {
		return err
	}
	if err := os.WriteFile(httpGo, append([]byte("//go:build !wasm\n\n"), b...), 0o644); err != nil {
		return err
	}
	if err := splitResourceGo(filepath.Join(pkg, "resource.go"), filepath.Join(pkg, "resource_server.go")); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(pkg, "handler_wasm.go"), []byte(handlerWasm), 0o644)
}

// splitResourceGo moves the declarations of name that use net/http (with
// their doc comments) to server, constrained to native builds, and leaves
// the rest, which the browser's resource resolution needs, in name.
func splitResourceGo(name, serverName string) error {
	src, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return err
	}
	var keep, server bytes.Buffer
	keep.WriteString("package app\n\nimport \"strings\"\n")
	server.WriteString("//go:build !wasm\n\npackage app\n\nimport (\n\t\"net/http\"\n\t\"strings\"\n)\n")
	// What uses a moved declaration moves too (a method with its type, a
	// type embedding a moved one), until nothing more does.
	moved := map[ast.Decl]bool{}
	names := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, d := range f.Decls {
			if moved[d] || !usesHTTP(d) && !refersTo(d, names) {
				continue
			}
			moved[d] = true
			changed = true
			for _, n := range declared(d) {
				names[n] = true
			}
		}
	}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			continue
		}
		start := d.Pos()
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
		case *ast.GenDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
		}
		text := src[fset.Position(start).Offset:fset.Position(d.End()).Offset]
		w := &keep
		if moved[d] {
			w = &server
		}
		w.WriteString("\n")
		w.Write(text)
		w.WriteString("\n")
	}
	if len(moved) == 0 {
		return fmt.Errorf("%s: no declaration uses net/http; update splitResourceGo in app/site/browser.go", name)
	}
	if err := os.WriteFile(serverName, server.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(name, keep.Bytes(), 0o644)
}

// usesHTTP reports whether the declaration refers to package http.
func usesHTTP(d ast.Decl) bool {
	found := false
	ast.Inspect(d, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := s.X.(*ast.Ident); ok && id.Name == "http" {
				found = true
			}
		}
		return !found
	})
	return found
}

// declared returns the names a declaration declares at package level
// (for a method, none: its type carries it).
func declared(d ast.Decl) []string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			return []string{d.Name.Name}
		}
	case *ast.GenDecl:
		var out []string
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				out = append(out, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					out = append(out, n.Name)
				}
			}
		}
		return out
	}
	return nil
}

// refersTo reports whether the declaration uses any of names.
func refersTo(d ast.Decl, names map[string]bool) bool {
	found := false
	ast.Inspect(d, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && names[id.Name] {
			found = true
		}
		return !found
	})
	return found
}

// BuildPrograms compiles every program of the build table into out, from
// the module root, against the browser module it writes into work (see
// BrowserModule), the programs side by side.
func BuildPrograms(root, out, work string) error {
	modfile, err := BrowserModule(root, work)
	if err != nil {
		return err
	}
	errs := make([]error, len(programs))
	var wg sync.WaitGroup
	for i, prog := range programs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			file, err := filepath.Abs(filepath.Join(out, prog.File))
			if err != nil {
				errs[i] = err
				return
			}
			args := prog.buildArgs(file, modfile)
			cmd := exec.Command(args[0], args[1:]...)
			cmd.Dir = root
			cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil {
				errs[i] = fmt.Errorf("building %s (GOOS=js GOARCH=wasm %s in %s): %v\n%s",
					prog.File, shellWords(args), root, err, stderr.String())
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
