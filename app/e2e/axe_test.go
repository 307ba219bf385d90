//go:build !(js && wasm)

package e2e

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"honoscope/app/route"
)

// axeSource is axe-core (Deque, MPL-2.0, from the npm registry), the
// accessibility checker, evaluated into each page by the test browser: the
// site itself never loads it.
const axeSource = "testdata/axe/axe-4.14.1.min.js"

// axeViolation is one rule axe finds broken, with the elements that break it.
type axeViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// Every page, once its program runs, has no violation of the WCAG 2.x A
// and AA rules axe checks (and the best practices it checks besides).
func TestAxeFindsNoViolationOnAnyPage(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(axeSource)
	if err != nil {
		t.Fatal(err)
	}
	s := Start(t, "/")
	for _, p := range append(route.Paths(), "/team with a report", "/rate filled in") {
		switch p {
		case "/team with a report":
			openTeam(s, teamFixture)
			waitReport(s, 20*time.Second)
		case "/rate filled in":
			openRate(s, "/rate")
			typeLabel(s, "AXE-1")
			var ok bool
			s.Eval(`document.getElementById("rf-item-1-0").focus(), true`, &ok)
			for _, k := range []string{"2", "1", "0", "2", "3", "0", "0", "1"} {
				press(s, k)
			}
		default:
			s.Open(p)
		}
		for _, v := range axeViolations(s, src) {
			t.Errorf("%s: %s", p, v)
		}
	}
}

// axeViolations runs axe (its source src) on the current page and returns
// each violation in words: the rule, its help, and the elements that break
// it.
func axeViolations(s *Session, src []byte) []string {
	s.T.Helper()
	var ok bool
	s.Run(chromedp.Evaluate(string(src)+";true", &ok))
	var raw string
	s.Run(chromedp.Evaluate(`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, &raw,
		func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		s.T.Fatal(err)
	}
	var out []string
	for _, v := range vs {
		var where []string
		for _, n := range v.Nodes {
			b, _ := json.Marshal(n.Target)
			where = append(where, string(b))
		}
		out = append(out, v.ID+" ("+v.Help+"): "+strings.Join(where, " "))
	}
	return out
}
