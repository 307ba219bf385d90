package site

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"honoscope/app/route"
)

func TestEveryPageRunsInAProgramOfTheBuildTable(t *testing.T) {
	t.Parallel()
	r, err := siteRoutes()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.pages) == 0 {
		t.Fatal("the route table has no pages")
	}
	for _, p := range r.pages {
		if _, ok := programNamed(p.program); !ok {
			t.Errorf("%s runs in %q, which the build table does not build", p.path, p.program)
		}
	}
	if progs, err := scormOutput.programs(r); err != nil || len(progs) != 1 || progs[0].Name != "tools" {
		t.Errorf("the SCORM package holds %v (%v), want the tools program alone", progs, err)
	}
	if progs, err := siteOutput.programs(r); err != nil || progs[0].File != "app.wasm" {
		t.Errorf("the site's first program is %v (%v), want app.wasm, which go-app's script loads", progs, err)
	}
}

func TestTheBuildInstructionsGiveEachProgramsCommand(t *testing.T) {
	t.Parallel()
	if got, want := BuildInstructions("web"), "  go run . wasm --out web\n"; got != want {
		t.Errorf("BuildInstructions(\"web\") = %q, want %q", got, want)
	}
	p := Programs()
	p[0].Flags[0] = "changed"
	if Programs()[0].Flags[0] == "changed" {
		t.Error("Programs returns the build table itself, which a caller can change")
	}
}

// The site builder has no build tag: what keeps it out of the browser is
// that no program imports it; go-app's server and net/http stay out through
// the browser module (BrowserModule). Likewise no
// program imports the other's pages: that is what keeps each download small.
func TestNoProgramImportsTheSiteBuilderOrTheOtherProgramsPages(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list; skipped with -short")
	}
	t.Parallel()
	root, modfile := testBrowserModule(t)
	for _, prog := range Programs() {
		cmd := exec.Command("go", "list", "-modfile="+modfile, "-deps", prog.Main)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go %s: %v", strings.Join(cmd.Args[1:], " "), err)
		}
		deps := strings.Fields(string(out))
		for _, pkg := range []string{"honoscope/app/site", "net/http", "crypto/tls"} {
			if slices.Contains(deps, pkg) {
				t.Errorf("%s imports %s", prog.File, pkg)
			}
		}
		if !slices.Contains(deps, goApp+"/pkg/app") {
			t.Errorf("%s does not import go-app", prog.File)
		}
		own, other := "honoscope/app/consult", "honoscope/app/tools"
		if prog.Name == string(route.Tools) {
			own, other = other, own
		}
		if !slices.Contains(deps, own) || slices.Contains(deps, other) {
			t.Errorf("%s (%s) should import %s and not %s", prog.File, prog.Main, own, other)
		}
	}
}
