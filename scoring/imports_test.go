package scoring

import (
	"os/exec"
	"strings"
	"testing"
)

// forbiddenImports are the packages scoring must never depend on, directly
// or through another package: the browser UI (go-app) and JavaScript access
// (syscall/js, safejs). The same scoring code must build natively and in
// the browser (house style, "The shape of the house").
var forbiddenImports = []string{
	"github.com/maxence-charriere/go-app",
	"syscall/js",
	"github.com/hack-pad/safejs",
}

// TestScoringImportsNoBrowserCode lists scoring's transitive dependencies,
// test files included, as built for the browser (GOOS=js GOARCH=wasm, where
// syscall/js exists) and natively. It fails when any of them is go-app or
// safejs, or when scoring or any non-standard dependency imports syscall/js.
// (Under js/wasm the standard library itself reaches syscall/js through
// package syscall, so only imports outside the standard library count.)
func TestScoringImportsNoBrowserCode(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, env := range [][]string{{"GOOS=js", "GOARCH=wasm"}, nil} {
		cmd := exec.Command("go", "list", "-deps", "-test", "-f", "{{.ImportPath}} {{.Standard}} {{join .Imports \",\"}}", ".")
		cmd.Env = append(cmd.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go list %v: %v\n%s", env, err, out)
		}
		var deps []string
		n := 0
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			f := strings.Fields(line)
			if len(f) < 2 {
				continue
			}
			n++
			if f[1] == "true" {
				continue
			}
			deps = append(deps, f[0])
			if len(f) < 3 {
				continue
			}
			for _, imp := range strings.Split(f[2], ",") {
				if imp == "syscall/js" {
					deps = append(deps, imp)
				}
			}
		}
		if n < 5 || len(deps) == 0 || deps[len(deps)-1] != "honoscope/scoring.test" {
			t.Fatalf("go list %v listed %d packages ending %v: the check would pass vacuously", env, n, deps)
		}
		if bad := forbidden(deps); len(bad) > 0 {
			t.Errorf("scoring depends on %v (%v): keep browser code in app/", bad, env)
		}
	}
}

// forbidden returns the packages in deps that are, or are under, a
// forbidden import path.
func forbidden(deps []string) []string {
	var bad []string
	for _, d := range deps {
		for _, f := range forbiddenImports {
			if d == f || strings.HasPrefix(d, f+"/") {
				bad = append(bad, d)
			}
		}
	}
	return bad
}

func TestForbiddenMatchesTheGuardedPackages(t *testing.T) {
	t.Parallel()
	got := forbidden([]string{"fmt", "syscall/js", "github.com/maxence-charriere/go-app/v10/pkg/app", "github.com/hack-pad/safejs", "github.com/hack-pad/go-indexeddb/idb", "syscall/jsx"})
	want := "syscall/js github.com/maxence-charriere/go-app/v10/pkg/app github.com/hack-pad/safejs"
	if strings.Join(got, " ") != want {
		t.Fatalf("forbidden = %v, want %s", got, want)
	}
}
