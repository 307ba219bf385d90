package tools

import (
	"slices"
	"testing"

	"honoscope/app/route"
)

func TestTheProgramHasAComponentForEveryPageItRuns(t *testing.T) {
	t.Parallel()
	pages := Pages()
	if err := pages.Check(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for p := range pages {
		got = append(got, p)
	}
	slices.Sort(got)
	if want := route.ProgramPaths(route.Tools); !slices.Equal(got, want) {
		t.Errorf("the tools program has components for %q, the route table gives it %q", got, want)
	}
}
