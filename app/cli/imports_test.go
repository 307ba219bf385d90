package cli

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The analysts' commands run on servers and in scheduled jobs: they must
// not link the browser app's user interface (go-app) or JavaScript access.
// Only the site builder, beside them in the honoscope command, may.
func TestTheAnalystsCommandsLinkNoUserInterface(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "honoscope/scoring") || !slices.Contains(deps, "honoscope/app/cli") {
		t.Fatalf("go list gave %q: the check would pass vacuously", deps)
	}
	for _, d := range deps {
		if strings.HasPrefix(d, "github.com/maxence-charriere/go-app") || d == "github.com/hack-pad/safejs" || d == "honoscope/app/ui" {
			t.Errorf("app/cli depends on %s", d)
		}
	}
}
