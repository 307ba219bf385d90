//go:build !(js && wasm)

package e2e

import (
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"honoscope/app/practice"
	"honoscope/app/site"
	"honoscope/content/bundle"
)

// practiseVignette is the vignette both tests rate.
const practiseVignette = "honos-01-ward-elated"

// practiceCodes rates practiseVignette with two disagreements: item 1 one
// point low (within one) and item 12 two points low.
func practiceCodes(t *testing.T) (codes []int, item8 string, want practice.Agreement) {
	t.Helper()
	v, ok := bundle.Vignette(practiseVignette)
	if !ok {
		t.Fatalf("vignette %s is not bundled", practiseVignette)
	}
	ref := make([]int, len(v.Reference))
	for _, r := range v.Reference {
		ref[r.Item-1] = int(r.Code)
		if r.Item == 8 {
			item8 = r.ProblemType.String()
		}
	}
	codes = append([]int{}, ref...)
	codes[0]--
	codes[11] -= 2
	if codes[0] < 0 || codes[11] < 0 {
		t.Fatalf("the reference of %s no longer suits this test: %v", practiseVignette, ref)
	}
	return codes, item8, practice.Agree(practice.Pairs(codes, ref))
}

func TestAVignetteRatedByKeyboardShowsFeedbackAndAgreement(t *testing.T) {
	t.Parallel()
	s := Start(t, "/honoscope/")
	s.Open("/train")
	// The library link leads to the vignette under the sub-path.
	s.Run(chromedp.Click(`a[href$="#`+practiseVignette+`"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#tr-item-1-0", chromedp.ByQuery))
	var path string
	s.Eval(`location.pathname + location.hash`, &path)
	if path != "/honoscope/train/vignette#"+practiseVignette {
		t.Fatalf("the library opened %s", path)
	}
	codes, item8, want := practiceCodes(t)
	s.Run(chromedp.Focus("#tr-item-1-0", chromedp.ByQuery))
	for i, c := range codes {
		press(s, strconv.Itoa(c))
		if i == 7 && c >= 1 {
			waitFocus(s, "tr-item8-type")
			press(s, item8)
		}
	}
	waitFocus(s, "tr-save")
	press(s, kb.Enter)
	s.Run(chromedp.WaitVisible("#feedback", chromedp.ByQuery))
	waitFocus(s, "feedback")
	rows := s.Text(".train-agreement tbody tr:first-child")
	exact := "83% (10 of 12)"
	if want.Exact != 10 || want.WithinOne != 11 {
		t.Fatalf("test vector changed: %+v", want)
	}
	kappa := strconv.FormatFloat(want.Kappa, 'f', 2, 64)
	for _, w := range []string{"This vignette", exact, "92% (11 of 12)", kappa} {
		if !strings.Contains(rows, w) {
			t.Errorf("the agreement for this vignette %q lacks %q", rows, w)
		}
	}
	for _, w := range []string{"This session", "All your practice"} {
		if !strings.Contains(s.Text(".train-agreement tbody"), w) {
			t.Errorf("the agreement table lacks %q", w)
		}
	}
	item1 := s.Text(".train-items tbody tr:nth-child(1)")
	item12 := s.Text(".train-items tbody tr:nth-child(12)")
	item2 := s.Text(".train-items tbody tr:nth-child(2)")
	if !strings.Contains(item1, "≈") || !strings.Contains(item1, "within one (−1)") {
		t.Errorf("item 1 feedback %q, want a within-one mark in words and symbol", item1)
	}
	if !strings.Contains(item12, "✗") || !strings.Contains(item12, "off by 2 (−2)") {
		t.Errorf("item 12 feedback %q, want an off-by-two mark", item12)
	}
	if !strings.Contains(item2, "✓") || !strings.Contains(item2, "exact") {
		t.Errorf("item 2 feedback %q, want an exact mark", item2)
	}
	if !strings.Contains(item1, "shouting") {
		t.Errorf("item 1 feedback %q lacks the rationale", item1)
	}

	// The progress on /train counts the practice and names the item rated low.
	s.Run(chromedp.Click(`a[href$="/train#progress"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#train-done-count", chromedp.ByQuery))
	if got := s.Text("#train-done-count"); !strings.HasPrefix(got, "1 ") {
		t.Errorf("vignettes practised %q, want 1", got)
	}
	if got := s.Text(".train-bias"); !strings.Contains(got, "Item 12") || !strings.Contains(got, "lower") {
		t.Errorf("items rated differently %q, want item 12 rated lower", got)
	}
	if got := s.Text(".train-drift tbody"); !strings.Contains(got, exact) {
		t.Errorf("the session table %q lacks %s", got, exact)
	}
}

// waitFocus waits until the element with id has keyboard focus.
func waitFocus(s *Session, id string) {
	s.T.Helper()
	if err := chromedp.Run(s.Ctx, Poll(`document.activeElement && document.activeElement.id === "`+id+`"`, nil,
		5*time.Second)); err != nil {
		s.T.Fatalf("focus never reached #%s (it is on %q): %v", id, activeID(s), err)
	}
}

// fakeLMS is a minimal SCORM 1.2 LMS page: window.API records every call,
// then an iframe launches the packaged SCO.
const fakeLMSHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fake LMS</title><link rel="icon" href="data:,">
<script src="lms.js"></script></head>
<body><h1>Fake LMS</h1>
<iframe id="sco" src="sco/train.html" title="Course" width="1200" height="800"></iframe>
</body></html>
`

const fakeLMSJS = `window.API = (() => {
  // The learner's record as the LMS holds it at launch: the page's
  // fragment, as JSON, adds to or replaces the defaults.
  const data = Object.assign({"cmi.core.lesson_status": "not attempted", "cmi.student_data.mastery_score": "50"},
    JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}"));
  const calls = [];
  let open = false;
  const rec = (s) => { calls.push(s); };
  return {
    calls: calls, data: data,
    LMSInitialize: (a) => { rec("LMSInitialize(" + a + ")"); open = true; return "true"; },
    LMSFinish: (a) => { rec("LMSFinish(" + a + ")"); open = false; return "true"; },
    LMSGetValue: (k) => { rec("LMSGetValue(" + k + ")"); return open ? (data[k] || "") : ""; },
    LMSSetValue: (k, v) => { rec("LMSSetValue(" + k + "," + v + ")"); if (!open) return "false"; data[k] = String(v); return "true"; },
    LMSCommit: (a) => { rec("LMSCommit(" + a + ")"); return open ? "true" : "false"; },
    LMSGetLastError: () => "0",
    LMSGetErrorString: () => "",
    LMSGetDiagnostic: () => "",
  };
})();
`

// startLMS serves the SCORM package under /sco/ beside a fake LMS page, on
// one origin, with the harness's browser and checks.
func startLMS(t *testing.T) *Session {
	t.Helper()
	RequireBrowser(t)
	BuildSite(t, "/") // builds the wasm once for the test binary
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// The course requires the one vignette the test rates.
	if _, err := site.WriteSCORMDir(filepath.Join(dir, "sco"), site.Config{Web: filepath.Join(root, "web"), WasmDir: build.wasm,
		Course: site.Course{Require: []string{practiseVignette}}}); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"lms.html": fakeLMSHTML, "lms.js": fakeLMSJS} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return StartSite(t, &Site{Dir: dir, Base: "/", Framed: true})
}

// inSCO evaluates a JavaScript expression with d bound to the SCO's document.
func inSCO(expr string) string {
	return `(() => { const f = document.getElementById("sco"); const d = f && f.contentDocument; if (!d) return null; return (` + expr + `); })()`
}

// The packaged course keeps the learner's record in the LMS: the score and
// status of the required vignette, the record in suspend_data and the
// location; the time spent on leaving; a second learner on the same
// browser starts from their own empty record; a relaunch reads the record
// and moves nothing backwards.
func TestThePackagedTrainingKeepsTheLearnersRecordInTheLMS(t *testing.T) {
	t.Parallel()
	s := startLMS(t)
	poll := func(what, expr string) {
		t.Helper()
		if err := chromedp.Run(s.Ctx, Poll(expr, nil, 30*time.Second)); err != nil {
			var state string
			_ = chromedp.Run(s.Ctx, chromedp.Evaluate(inSCO(`d.location.href + " | " + d.body.innerText.slice(0, 600)`)+` + " | calls: " + JSON.stringify(window.API.calls)`, &state))
			t.Fatalf("waiting for %s: %v\nSCO: %s", what, err, state)
		}
	}
	s.Run(chromedp.Navigate(s.Server.URL("/lms.html")))
	poll("the SCO's library", inSCO(`!d.getElementById("app-wasm-loader") && !!d.querySelector('a[href$="#`+practiseVignette+`"]') && d.querySelector("main h1").textContent.trim() === "Train"`))
	poll("LMSInitialize", `window.API.calls.includes("LMSInitialize()")`)
	var status string
	s.Eval(`window.API.data["cmi.core.lesson_status"]`, &status)
	if status != "incomplete" {
		t.Errorf("lesson status on launch %q, want incomplete", status)
	}
	// Open the vignette by in-app navigation, rate it with the form's radios.
	s.Eval(inSCO(`(d.querySelector('a[href$="#`+practiseVignette+`"]').click(), true)`), new(bool))
	poll("the vignette form", inSCO(`!!d.getElementById("tr-item-1-0")`))
	var scoPath string
	s.Eval(inSCO(`d.location.pathname`), &scoPath)
	if scoPath != "/sco/train-vignette.html" {
		t.Errorf("the SCO navigated to %s, want its file, /sco/train-vignette.html", scoPath)
	}
	codes, item8, want := practiceCodes(t)
	for i, c := range codes {
		code := strconv.Itoa(c)
		s.Eval(inSCO(`(d.getElementById("tr-item-`+strconv.Itoa(i+1)+`-`+code+`").click(), true)`), new(bool))
		if i == 7 {
			poll("the item 8 type", inSCO(`!!d.getElementById("tr-item8-type")`))
			s.Eval(inSCO(`(() => { const e = d.getElementById("tr-item8-type"); e.value = "`+item8+`"; e.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`), new(bool))
		}
	}
	s.Eval(inSCO(`(d.getElementById("tr-save").click(), true)`), new(bool))
	poll("the feedback", inSCO(`!!d.getElementById("feedback")`))
	poll("the commit", `window.API.calls.includes("LMSSetValue(cmi.core.lesson_status,passed)") && window.API.calls.lastIndexOf("LMSCommit()") > window.API.calls.lastIndexOf("LMSSetValue(cmi.core.lesson_status,passed)")`)
	score := strconv.Itoa(int(float64(want.Exact)*100/float64(want.N) + 0.5))
	var data map[string]string
	s.Eval(`window.API.data`, &data)
	if data["cmi.core.score.raw"] != score || data["cmi.core.lesson_status"] != "passed" {
		t.Errorf("the LMS holds score %q and status %q, want %s and passed (mastery 50)", data["cmi.core.score.raw"], data["cmi.core.lesson_status"], score)
	}
	if data["cmi.core.score.min"] != "0" || data["cmi.core.score.max"] != "100" {
		t.Errorf("score range %q–%q, want 0–100", data["cmi.core.score.min"], data["cmi.core.score.max"])
	}
	if !strings.HasPrefix(data["cmi.suspend_data"], "hc1|"+practiseVignette+"|"+practiseVignette+":"+score+":"+score+":1:") || data["cmi.core.lesson_location"] != practiseVignette {
		t.Errorf("the LMS keeps the record %q at %q", data["cmi.suspend_data"], data["cmi.core.lesson_location"])
	}
	record := data["cmi.suspend_data"]
	// Leaving the SCO ends the LMS session, with the time spent; the
	// course is finished, so it is not suspended.
	s.Eval(`(document.getElementById("sco").src = "about:blank", true)`, new(bool))
	poll("LMSFinish", `window.API.calls.includes("LMSFinish()")`)
	var calls []string
	s.Eval(`window.API.calls`, &calls)
	if n := strings.Count(strings.Join(calls, "\n"), "LMSInitialize"); n != 1 {
		t.Errorf("LMSInitialize called %d times, want once: %v", n, calls)
	}
	data = nil
	s.Eval(`window.API.data`, &data)
	if st := data["cmi.core.session_time"]; st == "" || st == "0000:00:00.00" || data["cmi.core.exit"] != "" {
		t.Errorf("session time %q, exit %q", st, data["cmi.core.exit"])
	}
	t.Logf("LMS calls: %v", calls)

	// The vignette's address is a file of the package: opened again by that
	// exact name (a reload), the page and its program load.
	s.Eval(`(document.getElementById("sco").src = "sco/train-vignette.html#`+practiseVignette+`", true)`, new(bool))
	poll("the vignette reloaded by its file name", inSCO(`d.location.pathname === "/sco/train-vignette.html" && !d.getElementById("app-wasm-loader") && !!d.getElementById("tr-item-1-0")`))

	// The next learner on the same browser profile starts from their own
	// empty record: the first learner's practice on this device is not
	// theirs.
	s.Run(chromedp.Navigate(s.Server.URL("/lms.html?learner=2#{}")))
	poll("the second learner's launch", `!!window.API && window.API.calls.includes("LMSSetValue(cmi.core.lesson_status,incomplete)") && window.API.calls.includes("LMSCommit()")`)
	data = nil // json decoding into a map keeps the keys it had
	s.Eval(`window.API.data`, &data)
	if data["cmi.core.lesson_status"] != "incomplete" || data["cmi.core.score.raw"] != "" || data["cmi.suspend_data"] != "" {
		t.Errorf("the next learner starts with status %q, score %q, record %q", data["cmi.core.lesson_status"], data["cmi.core.score.raw"], data["cmi.suspend_data"])
	}

	// The first learner back, with the record the LMS kept: nothing goes
	// backwards, and the record is read at launch.
	s.Run(chromedp.Navigate(s.Server.URL(`/lms.html?learner=1#` + url.PathEscape(`{"cmi.core.lesson_status":"passed","cmi.core.score.raw":"`+score+`","cmi.suspend_data":"`+record+`"}`))))
	poll("the relaunch", `!!window.API && window.API.calls.includes("LMSGetValue(cmi.suspend_data)")`)
	time.Sleep(time.Second)
	calls = nil
	s.Eval(`window.API.calls`, &calls)
	for _, c := range calls {
		if strings.HasPrefix(c, "LMSSetValue(cmi.core.lesson_status") || strings.HasPrefix(c, "LMSSetValue(cmi.suspend_data") {
			t.Errorf("a relaunch with nothing new set %s", c)
		}
	}
}
