//go:build !(js && wasm)

package e2e

import (
	"context"
	"strconv"
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
	release := holdProgram(t, s, "/rate")
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
	release()
	s.Run(Poll(`!document.getElementById("app-wasm-loader") && `+programSave, nil, 30*time.Second))
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

// holdProgram opens path with the browser's request for app.wasm paused, so
// that the pre-rendered page is all there is; release lets the program load.
func holdProgram(t *testing.T, s *Session, path string) (release func()) {
	t.Helper()
	paused := make(chan cdpfetch.RequestID, 1)
	chromedp.ListenTarget(s.Ctx, func(ev any) {
		if e, ok := ev.(*cdpfetch.EventRequestPaused); ok {
			paused <- e.RequestID
		}
	})
	s.Run(cdpfetch.Enable().WithPatterns([]*cdpfetch.RequestPattern{{URLPattern: "*/web/app.wasm"}}))
	s.Run(chromedp.Navigate(s.Server.URL(path)))
	var id cdpfetch.RequestID
	select {
	case id = <-paused:
	case <-time.After(20 * time.Second):
		t.Fatal("the page never asked for app.wasm")
	}
	return func() {
		s.Run(chromedp.ActionFunc(func(ctx context.Context) error { return cdpfetch.ContinueRequest(id).Do(ctx) }),
			cdpfetch.Disable())
	}
}

// Save works on the pre-rendered page too: pressed before the program has
// started, it says the rating will be saved in a moment, and once the
// program runs the rating is saved with the usual checks; pressed with an
// item missing, the program shows the problem on the item instead and
// saves nothing.
func TestASavePressedBeforeTheAppStartsSavesOnceItRuns(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		label    string
		skipItem int // an item left unrated, or 0
	}{{"complete", "EARLY-2", 0}, {"item 4 missing", "EARLY-3", 4}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := Start(t, "/")
			release := holdProgram(t, s, "/rate")
			var enabled bool
			s.Eval(`(() => { const b = document.getElementById("rf-save"); return !!document.getElementById("app-wasm-loader") && !!b && !b.disabled; })()`, &enabled)
			if !enabled {
				t.Fatal("the pre-rendered Save is disabled, or the program ran although app.wasm was held back")
			}
			acts := []chromedp.Action{chromedp.SendKeys("#rf-patient", tc.label, chromedp.ByQuery)}
			for n := 1; n <= 12; n++ {
				code := "1"
				if n == 8 {
					code = "0" // a type would be asked for item 8 rated 1 to 4
				}
				if n != tc.skipItem {
					acts = append(acts, chromedp.Click(`label[for="rf-item-`+strconv.Itoa(n)+`-`+code+`"]`, chromedp.ByQuery))
				}
			}
			acts = append(acts, chromedp.Click("#rf-save", chromedp.ByQuery))
			s.Run(acts...)
			if got := s.Text("#rf-save-status"); !strings.Contains(got, "Saving as soon as Honoscope has finished starting") {
				t.Errorf("after Save on the pre-rendered page the status reads %q", got)
			}
			release()
			if tc.skipItem == 0 {
				s.Run(Poll(`(document.querySelector(".rate-saved") || {}).textContent || ""`, nil, 30*time.Second))
				if got := s.Text(".rate-saved"); !strings.Contains(got, "Saved the rating of "+tc.label) || !strings.Contains(got, "total 11/48") {
					t.Errorf("after the program started: %q, want the rating of %s saved, total 11/48", got, tc.label)
				}
				s.Open("/people")
				s.Run(Poll(`document.body.textContent.includes("`+tc.label+`")`, nil, 10*time.Second))
				return
			}
			s.Run(Poll(`!!document.querySelector("#rf-item-4 .rf-error")`, nil, 30*time.Second))
			if got := s.Text("#rf-item-4 .rf-error"); !strings.Contains(got, "Item 4 has no rating") {
				t.Errorf("item 4's problem reads %q", got)
			}
			var saved bool
			s.Eval(`!!document.querySelector(".rate-saved")`, &saved)
			if saved {
				t.Error("a rating with an item missing was saved")
			}
		})
	}
}
