package chart

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPurePackagesImportNoBrowserOrStorage guards the layering: chart,
// explain, share and words are pure Go, so they never import go-app,
// syscall/js, safejs or the store (teamreport, which draws with chart, too); they may use scoring and words, and
// share alone may import the QR encoder.
func TestPurePackagesImportNoBrowserOrStorage(t *testing.T) {
	t.Parallel()
	allowed := map[string][]string{
		".":             {"honoscope/scoring", "honoscope/app/words"},
		"../explain":    {"honoscope/scoring", "honoscope/app/words"},
		"../share":      {"honoscope/scoring", "honoscope/app/words", "rsc.io/qr/coding"},
		"../words":      {},
		"../teamreport": {"honoscope/scoring", "honoscope/app/chart"},
	}
	for dir, extra := range allowed {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			ast, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, im := range ast.Imports {
				p, _ := strconv.Unquote(im.Path.Value)
				ok := !strings.Contains(strings.SplitN(p, "/", 2)[0], ".") && !strings.HasPrefix(p, "honoscope/") && p != "syscall/js"
				for _, e := range extra {
					ok = ok || p == e
				}
				if !ok {
					t.Errorf("%s imports %s: keep this package pure Go", f, p)
				}
			}
		}
	}
}
