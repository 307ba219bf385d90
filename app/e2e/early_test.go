//go:build !(js && wasm)

package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	cdpfetch "github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
)

// A clinician who starts on the pre-rendered form before the program has
// loaded loses nothing: the program is held back (the browser's request for
// app.wasm is paused) while a label is typed and options are clicked on the
// pre-rendered page; once it runs, the form holds them, the panel scores
// them, and they are kept as the draft.
func TestWhatIsEnteredBeforeTheAppStartsIsKept(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	paused := make(chan cdpfetch.RequestID, 1)
	chromedp.ListenTarget(s.Ctx, func(ev any) {
		if e, ok := ev.(*cdpfetch.EventRequestPaused); ok {
			paused <- e.RequestID
		}
	})
	s.Run(cdpfetch.Enable().WithPatterns([]*cdpfetch.RequestPattern{{URLPattern: "*/web/app.wasm"}}))
	s.Run(chromedp.Navigate(s.Server.URL("/rate")))
	var id cdpfetch.RequestID
	select {
	case id = <-paused:
	case <-time.After(20 * time.Second):
		t.Fatal("the page never asked for app.wasm")
	}
	// The program is not running: the loader is still there.
	var loading bool
	s.Eval(`!!document.getElementById("app-wasm-loader")`, &loading)
	if !loading {
		t.Fatal("the program ran although app.wasm was held back")
	}
	s.Run(
		chromedp.SendKeys("#rf-patient", "EARLY-1", chromedp.ByQuery),
		chromedp.Click(`label[for="rf-item-1-3"]`, chromedp.ByQuery),
		chromedp.Click(`label[for="rf-item-2-1"]`, chromedp.ByQuery),
		chromedp.Click(`label[for="rf-item-5-9"]`, chromedp.ByQuery),
	)
	var checked int
	s.Eval(`document.querySelectorAll('input[type=radio][id^="rf-item-"]:checked').length`, &checked)
	if checked != 3 {
		t.Fatalf("the pre-rendered form took %d clicks, want 3", checked)
	}
	s.Run(chromedp.ActionFunc(func(ctx context.Context) error { return cdpfetch.ContinueRequest(id).Do(ctx) }),
		cdpfetch.Disable())
	s.Run(Poll(`(() => { const b = document.getElementById("rf-save"); return !document.getElementById("app-wasm-loader") && !!b && !b.disabled; })()`,
		nil, 30*time.Second))
	s.Run(Poll(`document.getElementById("rf-patient").value === "EARLY-1"`, nil, 5*time.Second))
	var ids []string
	s.Eval(`[...document.querySelectorAll('input[type=radio][id^="rf-item-"]:checked')].map(e => e.id)`, &ids)
	if got := strings.Join(ids, " "); got != "rf-item-1-3 rf-item-2-1 rf-item-5-9" {
		t.Errorf("after the program started the checked options are %q", got)
	}
	if got := s.Text("#rf-panel [role=status]"); !strings.Contains(got, "Total 4/48") {
		t.Errorf("the panel reads %q, want the total of the kept options, 4/48", got)
	}
	if got := s.Text(".rate-status"); !strings.Contains(got, "Kept what you entered while the app was starting") {
		t.Errorf("no notice that the input was kept: %q", got)
	}
	// It is the draft now: a reload brings it back.
	s.Run(Poll(`document.getElementById("rf-save-status").textContent.startsWith("Draft kept")`, nil,
		5*time.Second))
	openRate(s, "/rate")
	s.Run(Poll(`document.getElementById("rf-patient").value === "EARLY-1"`, nil, 5*time.Second))
}
