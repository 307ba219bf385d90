package route

import (
	"slices"
	"testing"
)

func TestPathsListsTheRegisteredRoutesSorted(t *testing.T) {
	t.Parallel()
	paths := Paths()
	if !slices.IsSorted(paths) {
		t.Errorf("Paths() = %q, not sorted", paths)
	}
	for _, want := range []string{"/", "/about"} {
		if !slices.Contains(paths, want) {
			t.Errorf("Paths() = %q, missing %s", paths, want)
		}
	}
}
func TestDocumentTitleNamesThePageThenTheApp(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"About", "About · Honoscope"},
		{SiteName, SiteName},
		{"", SiteName},
	} {
		if got := DocumentTitle(tc.in); got != tc.want {
			t.Errorf("DocumentTitle(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEachProgramRunsItsOwnPages(t *testing.T) {
	t.Parallel()
	for _, prog := range Programs() {
		if len(ProgramPaths(prog)) == 0 {
			t.Errorf("program %s runs no page", prog)
		}
	}
	if got := ProgramPaths(Tools); !slices.Equal(got, []string{"/profile", "/team", "/train", "/train/certificate", "/train/vignette", "/transfer"}) {
		t.Errorf("the tools program runs %q", got)
	}
	if n := len(ProgramPaths(App)) + len(ProgramPaths(Tools)); n != len(Pages) {
		t.Errorf("the programs run %d pages, the table has %d", n, len(Pages))
	}
}
