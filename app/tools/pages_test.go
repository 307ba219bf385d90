package tools

import (
	"slices"
	"testing"

	"honoscope/app/route"
)

func TestTheProgramHasAComponentForEveryPageItRuns(t *testing.T) {
	t.Parallel()
	if err := Pages().Check(); err != nil {
		t.Fatal(err)
	}
	if got, want := Pages().Paths(), route.ProgramPaths(route.Tools); !slices.Equal(got, want) {
		t.Errorf("the tools program has components for %q, the route table gives it %q", got, want)
	}
}
