//go:build !(js && wasm)

package e2e

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// programSave holds once the program runs the rating form and has read the
// device's store: its Save is enabled only then. (The pre-rendered page's
// Save, marked data-early, is enabled from the start: web/early.js keeps a
// click on it for the program.)
const programSave = `(() => { const b = document.getElementById("rf-save"); return !!b && !b.disabled && !b.hasAttribute("data-early"); })()`

// openRate opens /rate and waits until the form has read the device's
// store.
func openRate(s *Session, path string) {
	s.T.Helper()
	s.Open(path)
	s.Run(Poll(programSave, nil, 10*time.Second))
}

// activeID returns the id of the focused element.
func activeID(s *Session) string {
	s.T.Helper()
	var id string
	s.Eval(`document.activeElement ? document.activeElement.id : ""`, &id)
	return id
}

// press sends one key to the focused element.
func press(s *Session, key string) {
	s.T.Helper()
	s.Run(chromedp.KeyEvent(key))
}

// scriptTime returns the page's main-thread script time so far, in ms
// (Chromium's ScriptDuration metric), to tell work from waiting for a CPU.
func scriptTime(s *Session) float64 {
	s.T.Helper()
	var ms []*performance.Metric
	s.Run(chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		ms, err = performance.GetMetrics().Do(ctx)
		return err
	}))
	for _, m := range ms {
		if m.Name == "ScriptDuration" {
			return m.Value * 1000
		}
	}
	return 0
}

// typeLabel types a patient label into the form.
func typeLabel(s *Session, label string) {
	s.T.Helper()
	s.Run(chromedp.Click("#rf-patient", chromedp.ByQuery), chromedp.SendKeys("#rf-patient", label, chromedp.ByQuery))
}

// watchPanel measures, for every key pressed, from the keydown event to
// the first change of the score panel's status region after it (window.__lat)
// and to the animation frame after that change, the frame that paints it
// (window.__paint: performance.now() in the requestAnimationFrame callback).
// It also counts the keys that changed the total but not yet by the end of
// their keydown event (window.__late; window.__settle() checks the last key):
// the form writes the total inside the event (app/fastpanel.go).
const watchPanel = `(() => {
  window.__lat = [];
  window.__paint = [];
  window.__late = 0;
  window.__deliver = [];
  let down = null, before = null, atEnd = null;
  const total = () => document.getElementById("rf-panel-total").textContent;
  window.__settle = () => {
    if (before !== null && total() !== before && atEnd !== total()) { window.__late++; }
    before = null;
  };
  document.addEventListener("keydown", (e) => {
    window.__settle();
    down = e.timeStamp;
    window.__deliver.push(performance.now() - e.timeStamp);
    before = total();
    atEnd = null;
  }, true);
  document.addEventListener("keydown", () => { atEnd = total(); }, false);
  window.__totalNode = document.getElementById("rf-panel-total").firstChild;
  const status = document.querySelector("#rf-panel [role=status]");
  new MutationObserver(() => {
    if (down === null) { return; }
    const t = down;
    down = null;
    window.__lat.push(performance.now() - t);
    requestAnimationFrame(() => { window.__paint.push(performance.now() - t); });
  }).observe(status, { subtree: true, childList: true, characterData: true });
  return true;
})()`

// medianMax returns the median (the upper middle for an even count) and
// the largest of xs (zeros when empty).
func medianMax[T cmp.Ordered](xs []T) (median, max T) {
	if len(xs) == 0 {
		return median, max
	}
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	return sorted[len(sorted)/2], sorted[len(sorted)-1]
}

func TestRateTwelveItemsByKeyboardSaveAndFindUnderPeople(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	openRate(s, "/rate")
	typeLabel(s, "AB-17")
	var ok bool
	s.Eval(watchPanel, &ok)
	s.Eval(`document.getElementById("rf-item-1-0").focus(), true`, &ok)

	// Items 1–12; item 8 is rated 1, so the flow stops at its problem type
	// where one letter (B, anxiety) chooses it.
	keys := []string{"2", "1", "0", "2", "3", "0", "0", "1", "b", "2", "1", "2", "9"}
	s.Run(performance.Enable())
	before := scriptTime(s)
	wantFocus := []string{"rf-item-2-0", "rf-item-3-0", "rf-item-4-0", "rf-item-5-0", "rf-item-6-0", "rf-item-7-0",
		"rf-item-8-0", "rf-item8-type", "rf-item-9-0", "rf-item-10-0", "rf-item-11-0", "rf-item-12-0", "rf-save"}
	for i, k := range keys {
		press(s, k)
		s.Run(Poll(`document.activeElement && document.activeElement.id === "`+wantFocus[i]+`"`, nil,
			3*time.Second))
	}
	cpu := scriptTime(s) - before
	status := s.Text("#rf-panel [role=status]")
	for _, want := range []string{"Total 14/48", "Valid items 11 of 12", "Indicative severity: severe"} {
		if !strings.Contains(status, want) {
			t.Errorf("status region reads %q, want %q in it", status, want)
		}
	}
	var checked []string
	s.Eval(`[...document.querySelectorAll("input[type=radio]:checked")].map(e => e.id).filter(id => id.startsWith("rf-item-"))`, &checked)
	if got := strings.Join(checked, " "); got != "rf-item-1-2 rf-item-2-1 rf-item-3-0 rf-item-4-2 rf-item-5-3 rf-item-6-0 rf-item-7-0 rf-item-8-1 rf-item-9-2 rf-item-10-1 rf-item-11-2 rf-item-12-9" {
		t.Errorf("checked radios: %s", got)
	}
	var late int
	s.Eval(`window.__settle(), window.__late`, &late)
	if late > 0 {
		t.Errorf("%d keys changed the total only after their keydown event: the form's fast path did not write it", late)
	}
	var same bool
	s.Eval(`(() => { const n = document.getElementById("rf-panel-total").firstChild; return n === window.__totalNode && n.isConnected; })()`, &same)
	if !same {
		t.Errorf("the total's text node was replaced: go-app would go on updating a detached node")
	}
	var lat, paint, deliver []float64
	s.Eval(`window.__lat`, &lat)
	s.Eval(`window.__paint`, &paint)
	s.Eval(`window.__deliver`, &deliver)
	if len(lat) > 0 {
		med, most := medianMax(lat)
		pmed, pmost := medianMax(paint)
		dmed, dmost := medianMax(deliver)
		t.Logf("keypress to score panel update over %d keys: median %.1f ms, max %.1f ms; "+
			"to the frame that paints it: median %.1f ms, max %.1f ms; of which the browser took median %.1f ms, max %.1f ms "+
			"to deliver the key event to the page; main-thread script time %.1f ms per key",
			len(lat), med, most, pmed, pmost, dmed, dmost, cpu/float64(len(keys)))
	}

	// Backspace goes back to item 12; its digit is kept.
	press(s, kb.Backspace)
	s.Run(Poll(`document.activeElement && document.activeElement.id === "rf-item-12-9"`, nil,
		3*time.Second))
	s.Eval(`document.getElementById("rf-save").focus(), true`, &ok)
	press(s, kb.Enter)
	s.Run(Poll(`(() => { const m = document.getElementById("rate-saved"); return !!m && m.textContent.includes("AB-17"); })()`, nil,
		5*time.Second))
	if got := s.Text("#rate-saved"); !strings.Contains(got, "total 14/48") {
		t.Errorf("saved message %q", got)
	}
	// "Copy for the record" puts the saved rating as text on the clipboard,
	// for the clinician to paste into the record system.
	origin := strings.TrimSuffix(s.Server.URL("/"), "/")
	s.Run(browser.GrantPermissions([]browser.PermissionType{browser.PermissionTypeClipboardReadWrite,
		browser.PermissionTypeClipboardSanitizedWrite}).WithOrigin(origin))
	s.Run(chromedp.Click("#rate-copy", chromedp.ByQuery))
	s.Run(Poll(`document.getElementById("rate-copy-status").textContent !== ""`, nil, 5*time.Second))
	if got := s.Text("#rate-copy-status"); !strings.HasPrefix(got, "Copied") {
		t.Errorf("copying for the record: %q", got)
	}
	var clip, record string
	s.Run(chromedp.Evaluate(`navigator.clipboard.readText()`, &clip, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	s.Eval(`document.getElementById("rate-record").value`, &record)
	for _, want := range []string{"HoNOS rating of AB-17 on ", "\n12. ", "Total 14/48; valid items"} {
		if !strings.Contains(clip, want) {
			t.Errorf("the clipboard lacks %q:\n%s", want, clip)
		}
	}
	if clip != record {
		t.Errorf("the clipboard holds\n%s\nbut the page shows\n%s", clip, record)
	}
	// The form is fresh for the next person.
	var label string
	s.Eval(`document.getElementById("rf-patient").value`, &label)
	if label != "" {
		t.Errorf("after saving, the patient label still reads %q", label)
	}

	s.Open("/people")
	s.Run(Poll(`!!document.querySelector(".people-table")`, nil, 5*time.Second))
	row := s.Text(".people-table tbody tr")
	for _, want := range []string{"AB-17", "14/48", "HoNOS"} {
		if !strings.Contains(row, want) {
			t.Errorf("people row %q lacks %q", row, want)
		}
	}
	var link string
	s.Eval(`document.querySelector(".people-table tbody a").getAttribute("href")`, &link)
	if !strings.HasPrefix(link, "/person#r=") || strings.Contains(link, "AB-17") {
		t.Errorf("person link %q, want a rating reference and no label", link)
	}
}

func TestAHalfFinishedRatingSurvivesAReload(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	openRate(s, "/rate")
	typeLabel(s, "DR-1")
	var ok bool
	s.Eval(`document.getElementById("rf-item-1-0").focus(), true`, &ok)
	press(s, "3")
	press(s, "4")
	// The draft is written once the form has been still for a moment.
	s.Run(Poll(`document.getElementById("rf-save-status").textContent.startsWith("Draft kept")`, nil,
		5*time.Second))
	openRate(s, "/rate")
	s.Run(Poll(`document.getElementById("rf-patient").value === "DR-1"`, nil, 5*time.Second))
	var checked []string
	s.Eval(`[...document.querySelectorAll("input[type=radio]:checked")].map(e => e.id).filter(id => id.startsWith("rf-item-"))`, &checked)
	if got := strings.Join(checked, " "); got != "rf-item-1-3 rf-item-2-4" {
		t.Errorf("restored radios: %q, want items 1 and 2 only", got)
	}
	if got := s.Text(".rate-status"); !strings.Contains(got, "Restored the rating you had not saved") {
		t.Errorf("no restored notice: %q", got)
	}
	if got := s.Text("#rf-panel [role=status]"); !strings.Contains(got, "Total 7/48") {
		t.Errorf("restored panel %q", got)
	}
	// Discarding starts again with nothing selected.
	s.Run(chromedp.Click(`//button[text()="Discard it and start again"]`, chromedp.BySearch))
	s.Run(Poll(`document.getElementById("rf-patient").value === "" && document.querySelectorAll("input[type=radio]:checked").length === 1`, nil,
		5*time.Second))
}

func TestSaveWithoutALabelMovesFocusToTheProblem(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	openRate(s, "/rate")
	var ok bool
	s.Eval(`document.getElementById("rf-save").click(), true`, &ok)
	s.Run(Poll(`document.activeElement && document.activeElement.id === "rf-patient"`, nil, 3*time.Second))
	var described, invalid string
	s.Eval(`document.getElementById("rf-patient").getAttribute("aria-describedby")`, &described)
	s.Eval(`document.getElementById("rf-patient").getAttribute("aria-invalid")`, &invalid)
	if !strings.Contains(described, "rf-patient-error") || invalid != "true" {
		t.Errorf("patient label: aria-describedby %q, aria-invalid %q", described, invalid)
	}
	if got := s.Text(".rf-summary"); !strings.Contains(got, "13 problems") {
		t.Errorf("summary %q", got)
	}
}

func TestEditASavedRatingThenDeleteItWithUndo(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	openRate(s, "/rate")
	typeLabel(s, "UN-1")
	var ok bool
	s.Eval(`document.getElementById("rf-item-1-0").focus(), true`, &ok)
	for _, k := range strings.Split("000000000000", "") {
		press(s, k)
	}
	press(s, kb.Enter)
	s.Run(Poll(`!!document.getElementById("rate-saved")`, nil, 5*time.Second))

	s.Open("/person#UN-1")
	s.Run(Poll(`document.querySelectorAll(".person-table tbody tr").length === 1`, nil, 5*time.Second))
	if got := s.Text("main#main h1"); got != "Ratings of UN-1" {
		t.Errorf("h1 %q", got)
	}
	if got := s.Text(".person-table tbody tr"); !strings.Contains(got, "0/48") {
		t.Errorf("row before the edit %q", got)
	}

	// Edit: the link opens /rate#edit=<id> (a random ID, no patient data).
	var edit string
	s.Eval(`document.querySelector(".person-table a").getAttribute("href")`, &edit)
	if !strings.HasPrefix(edit, "/rate#edit=") || strings.Contains(edit, "UN-1") {
		t.Fatalf("edit link %q", edit)
	}
	s.Run(chromedp.Click(`.person-table a`, chromedp.ByQuery))
	s.Run(Poll(`document.getElementById("rf-patient") && document.getElementById("rf-patient").value === "UN-1" && `+programSave, nil,
		5*time.Second))
	if got := s.Text("main#main h1"); got != "Edit a rating" {
		t.Errorf("edit page h1 %q", got)
	}
	s.Eval(`document.getElementById("rf-item-1-0").focus(), true`, &ok)
	press(s, "4")
	s.Eval(`document.getElementById("rf-save").click(), true`, &ok)
	s.Run(Poll(`!!document.getElementById("rate-saved") && document.getElementById("rate-saved").textContent.includes("total 4/48")`, nil,
		5*time.Second))
	s.Open("/person#UN-1")
	s.Run(Poll(`document.querySelectorAll(".person-table tbody tr").length === 1 && document.querySelector(".person-table tbody tr").textContent.includes("4/48")`, nil,
		5*time.Second))

	s.Run(chromedp.Click(`.person-table button.danger`, chromedp.ByQuery))
	s.Run(Poll(`!!document.getElementById("person-undo") && !document.querySelector(".person-table")`, nil, 5*time.Second))
	if got := s.Text(".undo-bar"); !strings.Contains(got, "Deleted the HoNOS rating of") {
		t.Errorf("undo bar %q", got)
	}
	if id := activeID(s); id != "person-undo" {
		t.Errorf("focus after delete on %q, want the Undo button", id)
	}
	s.Run(chromedp.Click(`#person-undo`, chromedp.ByQuery))
	s.Run(Poll(`document.querySelectorAll(".person-table tbody tr").length === 1`, nil, 5*time.Second))
	// The rating is back in the store, not only on the screen.
	s.Open("/people")
	s.Run(Poll(`!!document.querySelector(".people-table") && document.querySelector(".people-table").textContent.includes("UN-1")`, nil,
		5*time.Second))
}

func TestTheRatingPagesFitAt200PercentZoom(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	// A 1280 px wide window at 200% zoom lays out 640 CSS px.
	s.Run(chromedp.EmulateViewport(640, 800))
	for _, p := range []string{"/rate", "/people", "/person#AB-17"} {
		s.Open(p)
		var overflow float64
		s.Eval(`document.documentElement.scrollWidth - window.innerWidth`, &overflow)
		if overflow > 0 {
			t.Errorf("%s overflows sideways by %.0f px at 640 px wide", p, overflow)
		}
	}
}

// The compact sheet puts a whole HoNOS on one screen at 1280 × 800: it is
// entered by keyboard and saved without the page scrolling, the total in
// view throughout. The choice is remembered on the device.
func TestTheCompactSheetRatesAWholeHoNOSOnOneScreen(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	s.Run(emulation.SetDeviceMetricsOverride(1280, 800, 1, false))
	openRate(s, "/rate")
	s.Run(chromedp.Click("#rate-compact", chromedp.ByQuery))
	waitFor(s, `!!document.querySelector(".rf-compact")`, 5*time.Second)
	openRate(s, "/rate") // remembered
	waitFor(s, `!!document.querySelector(".rf-compact") && document.getElementById("rate-compact").checked`, 5*time.Second)
	screenshot(s, "/rate compact", 1280)

	// The whole sheet, Save included, is on the screen.
	var bottom float64
	s.Eval(`document.getElementById("rf-save").getBoundingClientRect().bottom`, &bottom)
	if bottom > 800 {
		t.Errorf("Save is at %.0f px, below the 800 px screen", bottom)
	}
	typeLabel(s, "SHEET-1")
	var ok bool
	s.Eval(`document.getElementById("rf-item-1-0").focus(), true`, &ok)
	for i, k := range strings.Split("210321002101", "") {
		press(s, k)
		var state struct {
			Scroll float64 `json:"scroll"`
			Top    float64 `json:"top"`
			Bottom float64 `json:"bottom"`
		}
		s.Eval(`(() => { const t = [...document.querySelectorAll("#rf-panel *")].find(e => e.children.length === 0 && /^Total /.test(e.textContent)); const r = t.getBoundingClientRect(); return {scroll: window.scrollY, top: r.top, bottom: r.bottom}; })()`, &state)
		if state.Scroll != 0 || state.Top < 0 || state.Bottom > 800 {
			t.Fatalf("after item %d the page scrolled to %.0f or the total left the screen (%.0f to %.0f)", i+1, state.Scroll, state.Top, state.Bottom)
		}
	}
	press(s, kb.Enter)
	waitFor(s, `!!document.getElementById("rate-saved")`, 10*time.Second)
	var scroll float64
	s.Eval(`window.scrollY`, &scroll)
	if scroll != 0 {
		t.Errorf("saving scrolled the page to %.0f", scroll)
	}
	if got := s.Text("#rate-saved"); !strings.Contains(got, "SHEET-1") || !strings.Contains(got, "total 13/48") {
		t.Errorf("saved %q", got)
	}
}
