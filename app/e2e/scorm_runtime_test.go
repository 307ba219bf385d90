//go:build !(js && wasm)

package e2e

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"honoscope/app/site"
)

// realLMSHTML is a learning system page running scorm-again's SCORM 1.2
// runtime (vendored in testdata) as window.API, with the learner's record
// at launch given as the fragment's JSON (scorm-again's loadFromJSON), and
// the package in a frame.
const realLMSHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="runtime.min.js"></script><script src="real-lms.js"></script></head>
<body><h1>LMS</h1><iframe id="sco" src="sco/train.html" title="Course" width="1200" height="800"></iframe></body></html>
`

// mastery_override false: the status the package reports is what the test
// reads, not one the runtime works out itself (see platform notes).
const realLMSJS = `(() => {
  const api = new Scorm12API({mastery_override: false, autocommit: false, logLevel: 5});
  api.loadFromJSON(JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}"));
  window.sets = [];
  api.on("LMSSetValue.cmi.*", (el, v) => window.sets.push(el + "=" + v));
  window.finished = false;
  api.on("LMSFinish", () => { window.finished = true; });
  window.API = api;
})();
`

// realLMS2004JS is realLMSJS for scorm-again's SCORM 2004 runtime.
const realLMS2004JS = `(() => {
  const api = new Scorm2004API({autocommit: false, logLevel: 5});
  api.loadFromJSON(JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}"));
  window.sets = [];
  api.on("SetValue.cmi.*", (el, v) => window.sets.push(el + "=" + v));
  window.finished = false;
  api.on("Terminate", () => { window.finished = true; });
  window.API_1484_11 = api;
})();
`

// startRealLMS serves the package of the SCORM version (requiring the one
// vignette the tests rate) under /sco/ beside the real runtime's page.
func startRealLMS(t *testing.T, version string) *Session {
	t.Helper()
	RequireBrowser(t)
	BuildSite(t, "/")
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := site.WriteSCORMDir(filepath.Join(dir, "sco"), site.Config{Web: filepath.Join(root, "web"), WasmDir: build.wasm,
		Course: site.Course{Require: []string{practiseVignette}, Version: version}}); err != nil {
		t.Fatal(err)
	}
	runtimeFile, lmsJS := "scorm12.min.js", realLMSJS
	if version == site.SCORM2004 {
		runtimeFile, lmsJS = "scorm2004.min.js", realLMS2004JS
	}
	runtime, err := os.ReadFile(filepath.Join("testdata", "scorm-again", runtimeFile))
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"lms.html": realLMSHTML, "real-lms.js": lmsJS, "runtime.min.js": string(runtime)} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return StartSite(t, &Site{Dir: dir, Base: "/", Framed: true})
}

// lmsPoll returns a wait for a condition in s's LMS page that fails the
// test with what the package has set so far.
func lmsPoll(t *testing.T, s *Session) func(what, expr string) {
	return func(what, expr string) {
		t.Helper()
		if err := chromedp.Run(s.Ctx, Poll(expr, nil, 30*time.Second)); err != nil {
			var state string
			_ = chromedp.Run(s.Ctx, chromedp.Evaluate(`JSON.stringify(window.sets)`, &state))
			t.Fatalf("waiting for %s: %v\nsets: %s", what, err, state)
		}
	}
}

// rateInSCO opens the practised vignette in the packaged course and rates
// it, then waits for the feedback; it returns the score it should give.
func rateInSCO(t *testing.T, s *Session, poll func(what, expr string)) int {
	t.Helper()
	poll("the SCO's library", inSCO(`!d.getElementById("app-wasm-loader") && !!d.querySelector('a[href$="#`+practiseVignette+`"]')`))
	s.Eval(inSCO(`(d.querySelector('a[href$="#`+practiseVignette+`"]').click(), true)`), new(bool))
	poll("the vignette form", inSCO(`!!d.getElementById("tr-item-1-0")`))
	codes, item8, want := practiceCodes(t)
	for i, c := range codes {
		s.Eval(inSCO(`(d.getElementById("tr-item-`+strconv.Itoa(i+1)+`-`+strconv.Itoa(c)+`").click(), true)`), new(bool))
		if i == 7 {
			poll("the item 8 type", inSCO(`!!d.getElementById("tr-item8-type")`))
			s.Eval(inSCO(`(() => { const e = d.getElementById("tr-item8-type"); e.value = "`+item8+`"; e.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`), new(bool))
		}
	}
	s.Eval(inSCO(`(d.getElementById("tr-save").click(), true)`), new(bool))
	poll("the feedback", inSCO(`!!d.getElementById("feedback")`))
	return int(float64(want.Exact)*100/float64(want.N) + 0.5)
}

// Inside a real SCORM 1.2 runtime the package reports passed at or above
// the mastery score, failed below it and completed without one; keeps the
// learner's record in suspend_data; and on leaving reports a non-zero
// session time and finishes.
func TestInARealSCORMRuntimeTheStatusFollowsTheMasteryScore(t *testing.T) {
	t.Parallel()
	s := startRealLMS(t, site.SCORM12)
	poll := lmsPoll(t, s)
	type cmi struct {
		Core struct {
			LessonStatus string `json:"lesson_status"`
			SessionTime  string `json:"session_time"`
			Score        struct {
				Raw string `json:"raw"`
			} `json:"score"`
		} `json:"core"`
		SuspendData string `json:"suspend_data"`
	}
	for i, c := range []struct {
		mastery string
		status  func(score int) string
	}{
		{"", func(int) string { return "completed" }},
		{"100", func(score int) string {
			if score >= 100 {
				return "passed"
			}
			return "failed"
		}},
		{"50", func(int) string { return "passed" }},
	} {
		launch := map[string]any{"core": map[string]any{"lesson_status": "not attempted"}}
		if c.mastery != "" {
			launch["student_data"] = map[string]any{"mastery_score": c.mastery}
		}
		js, _ := json.Marshal(launch)
		s.Run(chromedp.Navigate(s.Server.URL("/lms.html?run=" + strconv.Itoa(i) + "#" + url.PathEscape(string(js)))))
		score := rateInSCO(t, s, poll)
		want := c.status(score)
		poll("the status "+want, `window.sets.includes("cmi.core.lesson_status=`+want+`")`)
		var problem string
		s.Eval(inSCO(`(() => { const e = d.getElementById("train-lms-problem"); return e ? e.textContent : ""; })()`), &problem)
		if problem != "" {
			t.Errorf("mastery %q: the page says %q", c.mastery, problem)
		}
		s.Eval(`(document.getElementById("sco").src = "about:blank", true)`, new(bool))
		poll("LMSFinish", `window.finished`)
		var raw string
		s.Eval(`JSON.stringify(window.API.cmi.toJSON())`, &raw)
		var got cmi
		if err := json.Unmarshal([]byte(raw), &got); err != nil {
			t.Fatalf("the runtime's record %s: %v", raw, err)
		}
		if got.Core.LessonStatus != want || got.Core.Score.Raw != strconv.Itoa(score) {
			t.Errorf("mastery %q: the runtime holds %q with %q, want %s with %d", c.mastery, got.Core.LessonStatus, got.Core.Score.Raw, want, score)
		}
		if !strings.HasPrefix(got.SuspendData, "hc1|"+practiseVignette+"|") {
			t.Errorf("mastery %q: suspend_data %q", c.mastery, got.SuspendData)
		}
		if got.Core.SessionTime == "" || strings.Trim(got.Core.SessionTime, "0:.") == "" {
			t.Errorf("mastery %q: session time %q", c.mastery, got.Core.SessionTime)
		}
	}
}

// Inside scorm-again's SCORM 2004 runtime the SCORM 2004 package reports
// completion and success apart: passed at or above the scaled passing
// score the LMS takes from the manifest, failed below it, and completed with
// success unknown without one; the score raw and scaled; the record in
// suspend_data; a session time; Terminate on leaving.
func TestInARealSCORM2004RuntimeCompletionAndSuccessFollowTheMasteryScore(t *testing.T) {
	t.Parallel()
	s := startRealLMS(t, site.SCORM2004)
	poll := lmsPoll(t, s)
	type cmi struct {
		CompletionStatus string `json:"completion_status"`
		SuccessStatus    string `json:"success_status"`
		SessionTime      string `json:"session_time"`
		Exit             string `json:"exit"`
		Score            struct {
			Raw    string `json:"raw"`
			Scaled string `json:"scaled"`
		} `json:"score"`
		SuspendData string `json:"suspend_data"`
	}
	for i, c := range []struct {
		passing string
		success func(score int) string
	}{
		{"", func(int) string { return "unknown" }},
		{"1", func(score int) string {
			if score >= 100 {
				return "passed"
			}
			return "failed"
		}},
		{"0.5", func(int) string { return "passed" }},
	} {
		launch := map[string]any{"completion_status": "unknown"}
		if c.passing != "" {
			launch["scaled_passing_score"] = c.passing
		}
		js, _ := json.Marshal(launch)
		s.Run(chromedp.Navigate(s.Server.URL("/lms.html?run=" + strconv.Itoa(i) + "#" + url.PathEscape(string(js)))))
		score := rateInSCO(t, s, poll)
		want := c.success(score)
		poll("completion", `window.sets.includes("cmi.completion_status=completed")`)
		var problem string
		s.Eval(inSCO(`(() => { const e = d.getElementById("train-lms-problem"); return e ? e.textContent : ""; })()`), &problem)
		if problem != "" {
			t.Errorf("passing %q: the page says %q", c.passing, problem)
		}
		s.Eval(`(document.getElementById("sco").src = "about:blank", true)`, new(bool))
		poll("Terminate", `window.finished`)
		var raw string
		s.Eval(`JSON.stringify(window.API_1484_11.cmi.toJSON())`, &raw)
		var got cmi
		if err := json.Unmarshal([]byte(raw), &got); err != nil {
			t.Fatalf("the runtime's record %s: %v", raw, err)
		}
		scaled := strconv.FormatFloat(float64(score)/100, 'f', -1, 64)
		if got.CompletionStatus != "completed" || got.SuccessStatus != want || got.Score.Raw != strconv.Itoa(score) || got.Score.Scaled != scaled {
			t.Errorf("passing %q: the runtime holds %s/%s with %q (%q), want completed/%s with %d (%s)", c.passing, got.CompletionStatus, got.SuccessStatus, got.Score.Raw, got.Score.Scaled, want, score, scaled)
		}
		if !strings.HasPrefix(got.SuspendData, "hc1|"+practiseVignette+"|") || got.SessionTime == "" || got.Exit != "normal" {
			t.Errorf("passing %q: suspend_data %q, session time %q, exit %q", c.passing, got.SuspendData, got.SessionTime, got.Exit)
		}
	}
}

// In a real SCORM 1.2 runtime each learner keeps their own record: the
// next learner on the same browser profile starts from their own empty
// record, and the first learner, launched on another profile with the
// record the LMS kept, sees their progress and where they were, and nothing
// goes backwards.
func TestInARealSCORMRuntimeEachLearnerKeepsTheirOwnRecord(t *testing.T) {
	t.Parallel()
	first := startRealLMS(t, site.SCORM12)
	type cmi struct {
		Core struct {
			LessonStatus string `json:"lesson_status"`
			Score        struct {
				Raw string `json:"raw"`
			} `json:"score"`
		} `json:"core"`
		SuspendData string `json:"suspend_data"`
	}
	read := func(s *Session) cmi {
		var raw string
		s.Eval(`JSON.stringify(window.API.cmi.toJSON())`, &raw)
		var c cmi
		if err := json.Unmarshal([]byte(raw), &c); err != nil {
			t.Fatalf("the runtime's record %s: %v", raw, err)
		}
		return c
	}
	launch := func(s *Session, run string, record map[string]any) {
		js, _ := json.Marshal(record)
		s.Run(chromedp.Navigate(s.Server.URL("/lms.html?run=" + run + "#" + url.PathEscape(string(js)))))
	}

	// Learner A rates the required vignette and passes.
	launch(first, "a", map[string]any{"core": map[string]any{"lesson_status": "not attempted"}, "student_data": map[string]any{"mastery_score": "50"}})
	poll := lmsPoll(t, first)
	score := rateInSCO(t, first, poll)
	poll("passed", `window.sets.includes("cmi.core.lesson_status=passed")`)
	first.Eval(`(document.getElementById("sco").src = "about:blank", true)`, new(bool))
	poll("LMSFinish", `window.finished`)
	a := read(first)
	if a.Core.LessonStatus != "passed" || a.Core.Score.Raw != strconv.Itoa(score) {
		t.Fatalf("learner A: %+v", a)
	}

	// Learner B, same browser profile, own record.
	launch(first, "b", map[string]any{"core": map[string]any{"lesson_status": "not attempted"}, "student_data": map[string]any{"mastery_score": "50"}})
	poll("learner B's course", inSCO(`!!d.getElementById("course-progress")`))
	var progress string
	first.Eval(inSCO(`d.getElementById("course-progress").textContent`), &progress)
	if !strings.HasPrefix(progress, "0 of 1 required vignette rated; course score 0%") {
		t.Errorf("learner B sees %q", progress)
	}
	var cont bool
	first.Eval(inSCO(`!!d.getElementById("course-continue")`), &cont)
	if cont {
		t.Error("learner B is offered to continue learner A's course")
	}
	if b := read(first); b.Core.LessonStatus != "incomplete" || b.Core.Score.Raw != "" || b.SuspendData != "" {
		t.Errorf("learner B's record: %+v", b)
	}

	// Learner A on another browser profile, with the record the LMS kept.
	second := startRealLMS(t, site.SCORM12)
	launch(second, "a2", map[string]any{"core": map[string]any{"lesson_status": "passed", "score": map[string]any{"raw": a.Core.Score.Raw}},
		"student_data": map[string]any{"mastery_score": "50"}, "suspend_data": a.SuspendData})
	poll = lmsPoll(t, second)
	poll("learner A's course on another profile", inSCO(`!!d.getElementById("course-continue")`))
	second.Eval(inSCO(`d.getElementById("course-progress").textContent`), &progress)
	if !strings.HasPrefix(progress, "1 of 1 required vignette rated; course score "+strconv.Itoa(score)+"%") {
		t.Errorf("learner A on another profile sees %q", progress)
	}
	var sets []string
	second.Eval(`window.sets`, &sets)
	if len(sets) != 0 {
		t.Errorf("a relaunch with nothing new set %v", sets)
	}
}
