//go:build !(js && wasm)

package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The harness's own checks must be able to fail: these tests provoke what
// they look for, confirm it was caught, then clear it.

func TestTheHarnessCatchesACSPViolation(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	s.Open("/")
	s.Run(chromedp.Evaluate(`document.body.setAttribute("style", "color: red")`, nil))
	var found bool
	for i := 0; i < 50 && !found; i++ {
		for _, p := range s.Problems() {
			if strings.Contains(p, "CSP violation") && strings.Contains(p, "style-src") {
				found = true
			}
		}
		s.Run(chromedp.Sleep(20 * time.Millisecond))
	}
	if !found {
		t.Errorf("an inline style attribute went unreported; problems: %q", s.Problems())
	}
	s.Ignore("CSP violation: style-src")
	s.Ignore("Applying inline style violates")
}

func TestTheHarnessCatchesARequestToAnotherOrigin(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	// The CSP already blocks such requests; bypass it (from the next page
	// load on) to prove that the recorder would see one.
	s.Run(chromedp.ActionFunc(func(ctx context.Context) error { return page.SetBypassCSP(true).Do(ctx) }))
	s.Open("/")
	s.Run(
		chromedp.Evaluate(`fetch("http://elsewhere.invalid/x").catch(() => {}); true`, nil),
		chromedp.Sleep(300*time.Millisecond),
	)
	got := s.CrossOrigin()
	if len(got) != 1 || !strings.HasPrefix(got[0], "http://elsewhere.invalid/") {
		t.Errorf("cross-origin requests %q, want the one to elsewhere.invalid", got)
	}
	s.mu.Lock()
	s.requests = nil
	s.mu.Unlock()
	s.Ignore("elsewhere.invalid")
}
