package browser

import (
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// jsImports are the packages that exist only in the browser build.
var jsImports = map[string]bool{
	"syscall/js":                           true,
	"github.com/hack-pad/safejs":           true,
	"github.com/hack-pad/go-indexeddb/idb": true,
}

// The build constraints of the two halves of a platform pair.
const (
	wasmTag   = "js && wasm"
	nowasmTag = "!(js && wasm)"
)

// TestEveryBrowserFileCarriesItsBuildTag walks app/ and holds every Go file
// to go-app's naming of platform pairs: a file whose name ends in _wasm.go
// builds only in the browser, one ending in _nowasm.go only natively, a
// non-test file with either constraint is named for it, and any file that
// calls into JavaScript is a _wasm.go file. Without this, a browser file
// that loses its tag breaks the native build only on the next machine, and
// a file named for the browser could quietly build everywhere.
func TestEveryBrowserFileCarriesItsBuildTag(t *testing.T) {
	t.Parallel()
	root := ".."
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if !strings.HasSuffix(name, ".go") {
			return nil
		}
		checked++
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		tag := ""
		for _, g := range f.Comments {
			if g.Pos() >= f.Package {
				break
			}
			for _, c := range g.List {
				if constraint.IsGoBuild(c.Text) {
					expr, err := constraint.Parse(c.Text)
					if err != nil {
						t.Errorf("%s: %v", path, err)
						continue
					}
					tag = expr.String()
				}
			}
		}
		base := strings.TrimSuffix(strings.TrimSuffix(name, ".go"), "_test")
		test := strings.HasSuffix(name, "_test.go")
		switch {
		case strings.HasSuffix(base, "_nowasm"):
			if tag != nowasmTag {
				t.Errorf("%s: a _nowasm file needs //go:build %s, has %q", path, nowasmTag, tag)
			}
		case strings.HasSuffix(base, "_wasm"):
			if !strings.HasPrefix(tag, wasmTag) {
				t.Errorf("%s: a _wasm file needs //go:build %s, has %q", path, wasmTag, tag)
			}
		case !test && (tag == nowasmTag || strings.HasPrefix(tag, wasmTag)):
			t.Errorf("%s: builds for one platform only (%s): name it name_wasm.go or name_nowasm.go", path, tag)
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if jsImports[p] && !strings.HasSuffix(base, "_wasm") {
				t.Errorf("%s imports %s: only a _wasm.go file may call into JavaScript", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("checked only %d Go files under app/: is the walk starting in the right place?", checked)
	}
}
