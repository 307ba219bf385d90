package tools

import (
	"math"
	"strconv"
	"strings"
	"sync"

	"honoscope/app/browser"
	"honoscope/app/route"
	"honoscope/app/ui"

	"honoscope/app/practice"
)

// lmsAPI is the SCORM 1.2 run-time API object an LMS offers (window.API):
// every call takes and returns strings, "true"/"false" for success (ADL,
// SCORM 1.2 Run-Time Environment, section 3.3).
type lmsAPI interface {
	Call(method string, args ...string) string
}

// scormReporter sends practice results to the LMS, if there is one. With no
// LMS every method does nothing, so the same pages work on the open web.
type scormReporter struct {
	mu       sync.Mutex
	api      lmsAPI
	started  bool
	finished bool
}

// start calls LMSInitialize once; it reports whether the session is open.
func (r *scormReporter) start() bool {
	if r.api == nil || r.finished {
		return false
	}
	if !r.started {
		r.started = r.api.Call("LMSInitialize", "") == "true"
	}
	return r.started
}

// report sends the state of practice: with attempts, the score (exact
// agreement × 100, practice.Score) with cmi.core.score.raw and the status
// "passed" when the LMS set a mastery score and the score reaches it,
// otherwise "completed"; without attempts, only "incomplete" in place of
// "not attempted". Then LMSCommit.
func (r *scormReporter) report(as []practice.Attempt) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.start() {
		return
	}
	score, ok := practice.Score(as)
	if len(as) == 0 {
		if r.api.Call("LMSGetValue", "cmi.core.lesson_status") == "not attempted" {
			r.api.Call("LMSSetValue", "cmi.core.lesson_status", "incomplete")
			r.api.Call("LMSCommit", "")
		}
		return
	}
	status := "completed"
	if ok {
		r.api.Call("LMSSetValue", "cmi.core.score.min", "0")
		r.api.Call("LMSSetValue", "cmi.core.score.max", "100")
		r.api.Call("LMSSetValue", "cmi.core.score.raw", strconv.Itoa(score))
		if passes(score, r.api.Call("LMSGetValue", "cmi.student_data.mastery_score")) {
			status = "passed"
		}
	}
	r.api.Call("LMSSetValue", "cmi.core.lesson_status", status)
	r.api.Call("LMSCommit", "")
}

// passes reports whether score reaches the mastery score the LMS gave. The
// LMS's value is trusted only as SCORM 1.2 defines it, a decimal from 0 to
// 100 (ADL, SCORM 1.2 Run-Time Environment, cmi.student_data.mastery_score,
// CMIDecimal): anything else (empty, "NaN", "-Inf", a negative number) means
// no mastery score, so a misconfigured LMS cannot pass a learner who has not
// reached one.
func passes(score int, mastery string) bool {
	m, err := strconv.ParseFloat(strings.TrimSpace(mastery), 64)
	if err != nil || math.IsNaN(m) || m < 0 || m > 100 {
		return false
	}
	return float64(score) >= m
}

// finish calls LMSFinish once, when the page goes away.
func (r *scormReporter) finish() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.started && !r.finished {
		r.api.Call("LMSFinish", "")
		r.finished = true
	}
}

// RouteFromLaunchAddress makes a packaged build route from the address the
// LMS opened it at (browser.RootPrefixFromAddress). The program calls it
// before go-app starts.
func RouteFromLaunchAddress() {
	browser.RootPrefixFromAddress(ui.SCORMEnv, func(pathname string) (string, bool) {
		return scormPrefix(pathname, route.Paths())
	})
}

// lms is the page's reporter; its API is found on first use (browser.FindLMS).
var lms = struct {
	once sync.Once
	r    scormReporter
}{}

// reportProgress reports the practice so far to the LMS, if the page runs
// inside one.
func reportProgress(as []practice.Attempt) {
	lms.once.Do(func() {
		if api, ok := browser.FindLMS(lms.r.finish); ok {
			lms.r.api = api
		}
	})
	lms.r.report(as)
}

// scormPrefix returns the root prefix of a page opened at pathname, given
// the app's route paths: the part before the route the pathname ends with
// ("/lms/pkg/train.html" with route "/train" gives "/lms/pkg"). The longest
// matching route wins; "/index.html" and "/" stand for the home route. It
// returns false when no route matches.
func scormPrefix(pathname string, routes []string) (string, bool) {
	p := strings.TrimSuffix(pathname, ".html")
	if strings.HasSuffix(p, "/index") {
		p = strings.TrimSuffix(p, "index")
	}
	best, found := "", false
	bestLen := -1
	for _, r := range routes {
		suffix := r
		if r == "/" {
			suffix = "/"
		}
		if strings.HasSuffix(p, suffix) && len(suffix) > bestLen {
			best, bestLen, found = strings.TrimSuffix(p, suffix), len(suffix), true
		}
	}
	return best, found
}
