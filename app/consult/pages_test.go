package consult

import (
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/route"
)

func TestTheHomeAndAboutPagesRenderInTheShell(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		page app.Composer
		h1   string
	}{
		{&home{}, "Honoscope"},
		{&about{}, "About Honoscope"},
	} {
		e := app.NewTestEngine()
		if err := e.Load(tc.page); err != nil {
			t.Fatal(err)
		}
		e.ConsumeAll()
		html := app.HTMLString(tc.page)
		if !strings.Contains(html, ">"+tc.h1+"</h1>") {
			t.Errorf("%T renders no <h1>%s</h1>", tc.page, tc.h1)
		}
	}
}

func TestTheProgramHasAComponentForEveryPageItRuns(t *testing.T) {
	t.Parallel()
	if err := Pages().Check(); err != nil {
		t.Fatal(err)
	}
	if got, want := Pages().Paths(), route.ProgramPaths(route.App); !slices.Equal(got, want) {
		t.Errorf("the consultation program has components for %q, the route table gives it %q", got, want)
	}
}
