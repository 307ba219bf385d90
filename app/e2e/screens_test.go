//go:build !(js && wasm)

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"honoscope/app/route"
	"honoscope/app/share"
)

// widths are the screens a page is tried at: a small phone, a common
// phone, a tablet and a desktop (CSS px).
var widths = []int64{320, 390, 768, 1280}

// No page scrolls sideways at any width: what does not fit scrolls inside
// its own box (the team report's tables, the person page's charts). Every
// control is a 24 px target. A screenshot of each page at each width is
// written to build/screens for review.
func TestNoPageScrollsSidewaysAtAnyWidth(t *testing.T) {
	t.Parallel()
	for _, w := range widths {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			t.Parallel()
			s := Start(t, "/")
			seedRatings(s, []seedRating{
				honosRating("WIDE-1", "2024-01-05", 4, 4, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2),
				honosRating("WIDE-1", "2024-04-05", 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1),
			})
			s.Run(emulation.SetDeviceMetricsOverride(w, 800, 1, w < 768))
			frag, err := share.Encode(fullProfile(t))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range append(route.Paths(), "/person#WIDE-1", "/team with a report", "/profile with a link") {
				switch p {
				case "/team with a report":
					openTeam(s, teamFixture)
					waitReport(s, 20*time.Second)
				case "/person#WIDE-1":
					openPerson(s, "WIDE-1")
				case "/profile with a link":
					s.Open("/profile#" + frag)
					s.Run(chromedp.WaitVisible("#profile-cards", chromedp.ByQuery))
				default:
					s.Open(p)
				}
				screenshot(s, p, w)
				var small []string
				s.Eval(smallTargets, &small)
				if len(small) > 0 {
					t.Errorf("%s at %d px: targets under 24 px: %v", p, w, small)
				}
				var over float64
				s.Run(chromedp.Evaluate(`document.documentElement.scrollWidth - document.documentElement.clientWidth`, &over))
				if over > 0 {
					var culprits []string
					s.Eval(`[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5 && !e.closest(".table-scroll, .chart-scroll")).slice(0, 5).map(e => e.tagName + (e.id ? "#" + e.id : "") + "." + [...e.classList].join(".") + " " + Math.round(e.getBoundingClientRect().right))`, &culprits)
					t.Errorf("%s at %d px scrolls sideways by %.0f px: %v", p, w, over, culprits)
				}
			}
		})
	}
}

// After a move to another page in the app, focus is on the new page's
// heading (a screen reader announces it; the keyboard starts there); on the
// page the browser opened, it is left where the browser puts it.
func TestFocusGoesToTheHeadingAfterAMoveWithinTheApp(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	s.Open("/")
	var id string
	s.Eval(`document.activeElement ? document.activeElement.id : ""`, &id)
	if id == "page-title" {
		t.Error("on the page the browser opened, focus was moved to the heading")
	}
	s.Run(chromedp.Click(`nav a[href="/about"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a[href="/about"][aria-current="page"]`, chromedp.ByQuery))
	s.Run(Poll(`document.activeElement && document.activeElement.id === "page-title"`, nil, 5*time.Second))
	if got := s.Text("#page-title"); got != "About Honoscope" {
		t.Errorf("the focused heading reads %q", got)
	}
	var title string
	s.Eval(`document.title`, &title)
	if !strings.HasPrefix(title, "About") {
		t.Errorf("the document title is %q after the move", title)
	}
}

// The patient's page shows no clinician's navigation.
func TestThePatientsPageShowsNoClinicianNavigation(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	s.Open("/profile")
	var links []string
	s.Eval(`[...document.querySelectorAll("header a, nav a")].map(a => a.textContent)`, &links)
	if len(links) != 0 {
		t.Errorf("the patient's page offers %v", links)
	}
	s.Open("/people")
	s.Eval(`[...document.querySelectorAll("nav.site-nav a")].map(a => a.textContent)`, &links)
	if len(links) < 4 {
		t.Errorf("a clinician's page offers only %v", links)
	}
}

// On the person page, each chart is one tab stop (the arrow keys move
// between its points) instead of one stop a point.
func TestEachChartOnThePersonPageIsOneTabStop(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	var rs []seedRating
	for m := 1; m <= 9; m++ {
		rs = append(rs, honosRating("TABS-1", fmt.Sprintf("2024-%02d-01", m), m%5, 2, 1, 1, 2, 3, 1, 0, 2, 1, 1, 2))
	}
	seedRatings(s, rs)
	openPerson(s, "TABS-1")
	var charts, points int
	s.Eval(`document.querySelectorAll(".chart-figure svg").length`, &charts)
	s.Eval(`document.querySelectorAll(".chart-figure svg [tabindex]").length`, &points)
	var ok bool
	s.Eval(`document.getElementById("page-title").focus(), true`, &ok)
	var path []string
	chartStops := 0
	for stops := 0; stops < 80; stops++ {
		var id string
		s.Eval(`document.activeElement.closest(".person-table") ? "the ratings table" : (document.activeElement.id || (document.activeElement.tagName + "." + (document.activeElement.getAttribute("class") || "")))`, &id)
		path = append(path, id)
		if strings.Contains(id, "chart-point") || strings.Contains(id, "chart-event") {
			chartStops++
		}
		if id == "the ratings table" {
			break
		}
		press(s, kb.Tab)
	}
	if charts < 2 || points < 2*charts {
		t.Fatalf("%d charts with %d points: the test needs charts with several points", charts, points)
	}
	if chartStops > charts {
		t.Errorf("%d tab stops in %d charts (%d points), want one a chart: %q", chartStops, charts, points, path)
	}
	// Within a chart the arrow keys move from point to point.
	var label1, label2 string
	s.Eval(`(() => { const p = document.querySelector(".chart-figure svg [tabindex='0']"); p.focus(); return p.getAttribute("aria-label"); })()`, &label1)
	press(s, kb.ArrowRight)
	s.Eval(`document.activeElement.getAttribute("aria-label") || ""`, &label2)
	if label1 == "" || label2 == "" || label1 == label2 {
		t.Errorf("the right arrow did not move to the next point: %q then %q", label1, label2)
	}
}

// renderedText returns the smallest size, in CSS px as drawn on screen, of
// the text of the timeline in figure id, and the number of its texts: the
// font size times the SVG's scale.
const renderedText = `((id) => {
  const svg = document.querySelector("#" + id + "-figure svg");
  if (svg) svg.scrollIntoView();
  if (!svg) return [0, 0];
  const texts = [...svg.querySelectorAll("text")];
  const scale = svg.getScreenCTM().a;
  return [Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale)), texts.length];
})`

// The charts on the patient's page, the person page and the team report
// are drawn for the width they are shown at: their text is 12 CSS px or more on a 320 px
// phone as on a desktop, and they follow the window when it is resized.
func TestTheChartsTextIsAtLeast12PxAtEveryWidth(t *testing.T) {
	t.Parallel()
	frag := ""
	{
		f, err := share.Encode(fullProfile(t))
		if err != nil {
			t.Fatal(err)
		}
		frag = f
	}
	s := Start(t, "/")
	var rs []seedRating
	for m := 1; m <= 9; m++ {
		rs = append(rs, honosRating("TEXT-1", fmt.Sprintf("2024-%02d-01", m), m%5, 2, 1, 1, 2, 3, 1, 0, 2, 1, 1, 2))
	}
	seedRatings(s, rs)
	for _, w := range widths {
		s.Run(emulation.SetDeviceMetricsOverride(w, 800, 1, w < 768))
		for _, page := range []struct {
			name    string
			figures []string
		}{{"/profile", []string{"pf-timeline"}}, {"/person", []string{"oc-timeline", "oc-profile"}}, {"/team", []string{"team-scatter-0", "tr-honos-outcomes", "tr-honos-funnel", "tr-honos-trend", "tr-honos-bands", "tr-honos-items"}}} {
			switch page.name {
			case "/profile":
				s.Open("/profile#" + frag)
			case "/team":
				openTeam(s, teamFixture)
				waitReport(s, 20*time.Second)
			default:
				openPerson(s, "TEXT-1")
			}
			for _, figure := range page.figures {
				s.Run(chromedp.WaitVisible("#"+figure+"-figure svg", chromedp.ByQuery))
				var got []float64
				// The chart is drawn again once the page has measured it.
				deadline := time.Now().Add(5 * time.Second)
				for {
					s.Eval(renderedText+`("`+figure+`")`, &got)
					if (len(got) == 2 && got[0] >= 12) || time.Now().After(deadline) {
						break
					}
					time.Sleep(100 * time.Millisecond)
				}
				if len(got) != 2 || got[1] == 0 || got[0] < 12 {
					t.Errorf("%s at %d px: the chart %s's smallest text is %.1f px (%v texts)", page.name, w, figure, got[0], got[1])
				}
			}
		}
	}
	// Resized from a phone to a desktop, the chart is drawn for the new width.
	s.Run(emulation.SetDeviceMetricsOverride(390, 800, 1, true))
	s.Open("/profile#" + frag)
	s.Run(chromedp.WaitVisible("#pf-timeline-figure svg", chromedp.ByQuery))
	s.Run(emulation.SetDeviceMetricsOverride(1280, 800, 1, false))
	waitFor(s, `document.querySelector("#pf-timeline-figure svg").viewBox.baseVal.width > 700`, 5*time.Second)
}

// The person page's Share control is within 15 tab stops of its heading,
// however many ratings the person has: what is done with the patient comes
// before the charts and the list of ratings.
func TestShareIsWithinFifteenTabStopsOfThePersonPagesHeading(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	var rs []seedRating
	for m := 1; m <= 12; m++ {
		rs = append(rs, honosRating("STOPS-1", fmt.Sprintf("2024-%02d-01", m), m%5, 2, 1, 1, 2, 3, 1, 0, 2, 1, 1, 2))
	}
	seedRatings(s, rs)
	openPerson(s, "STOPS-1")
	for _, d := range []string{"2024-02-10", "2024-06-10"} {
		setValue(s, "ev-date", d)
		setValue(s, "ev-kind", "admission")
		s.Run(chromedp.Click("#ev-add", chromedp.ByQuery))
		waitText(s, "#oc-events", "Admission")
	}
	var ok bool
	s.Eval(`document.getElementById("page-title").focus(), true`, &ok)
	var path []string
	for stops := 1; stops <= 40; stops++ {
		press(s, kb.Tab)
		var id string
		s.Eval(`document.activeElement.id || document.activeElement.tagName`, &id)
		path = append(path, id)
		if id == "share-open" {
			if stops > 15 {
				t.Errorf("Share is %d tab stops from the heading: %q", stops, path)
			}
			return
		}
	}
	t.Fatalf("Share was not reached in 40 tab stops: %q", path)
}

// smallTargets lists the visible controls smaller than 24 × 24 CSS px
// (WCAG 2.2 2.5.8), leaving out links inside a sentence, which the
// criterion exempts.
const smallTargets = `[...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex='0']")].filter(e => {
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === "hidden") return false;
  if (e.tagName === "A" && e.closest("p, li") && !e.classList.contains("button")) return false;
  return r.width < 24 || r.height < 24;
}).slice(0, 12).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.getAttribute("class") ? "." + e.getAttribute("class").split(" ").join(".") : "") + " " + Math.round(e.getBoundingClientRect().width) + "×" + Math.round(e.getBoundingClientRect().height))`

// screenshot writes the page as it looks, whole, to build/screens for
// review: one picture a page and width.
func screenshot(s *Session, page string, width int64) {
	s.T.Helper()
	root, err := ModuleRoot()
	if err != nil {
		s.T.Fatal(err)
	}
	dir := filepath.Join(root, "build", "screens")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		s.T.Fatal(err)
	}
	var png []byte
	s.Run(chromedp.FullScreenshot(&png, 100))
	name := strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(page), "-"), "-")
	if name == "" {
		name = "home"
	}
	if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, width)), png, 0o644); err != nil {
		s.T.Fatal(err)
	}
}

// Printed on A4, the person page's charts keep inside the page: in print
// the page is laid out at the A4 text width, and no chart reaches past it.
func TestThePersonPagesChartsFitAnA4PageInPrint(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	var rs []seedRating
	for m := 1; m <= 9; m++ {
		rs = append(rs, honosRating("PRINT-1", fmt.Sprintf("2024-%02d-01", m), m%5, 2, 1, 1, 2, 3, 1, 0, 2, 1, 1, 2))
	}
	seedRatings(s, rs)
	openPerson(s, "PRINT-1")
	var pdf []byte
	s.Run(chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().WithPaperWidth(8.27).WithPaperHeight(11.69).WithPrintBackground(true).Do(ctx)
		return err
	}))
	if n := pdfPages(pdf); n < 1 {
		t.Fatalf("no PDF pages")
	}
	// A4's text width at 96 px an inch with 12 mm margins: 703 px.
	s.Run(emulation.SetEmulatedMedia().WithMedia("print"), emulation.SetDeviceMetricsOverride(703, 1000, 1, false))
	var over []string
	s.Eval(`[...document.querySelectorAll("svg.chart")].filter(s => s.getBoundingClientRect().right > document.documentElement.clientWidth + 1 || s.getBoundingClientRect().left < -1).map(s => s.id + " " + Math.round(s.getBoundingClientRect().right))`, &over)
	if len(over) > 0 {
		t.Errorf("in print, charts run past the page: %v", over)
	}
}
