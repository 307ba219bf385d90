package tools

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/browser"
	"honoscope/app/route"
	"honoscope/app/ui"

	"honoscope/app/practice"
	"honoscope/content/bundle"
)

// lmsAPI is the SCORM 1.2 run-time API object an LMS offers (window.API):
// every call takes and returns strings, "true"/"false" for success (ADL,
// SCORM 1.2 Run-Time Environment, section 3.3).
type lmsAPI interface {
	Call(method string, args ...string) string
}

// scormReporter keeps the learner's record of the packaged course in the
// LMS, if there is one. With no LMS every method does nothing, so the same
// pages work on the open web.
//
// The record (practice.Course) lives in cmi.suspend_data: it is read at
// launch and written after each attempt made in the course, so it is the
// learner's, wherever they log in, and never the browser's own practice
// history, which may be another learner's on a shared computer. The score
// and status follow practice.Course's rule (the mean of the best scores over
// the required vignettes; passed or failed against the mastery score once
// all are rated) and never go backwards: a value lower than the one the LMS
// holds is not written.
type scormReporter struct {
	mu sync.Mutex
	// d is the SCORM version the LMS speaks (scorm12 when nil).
	d        *dialect
	api      lmsAPI
	started  bool
	finished bool
	// required are the vignettes the course requires (none: any rated).
	required []string
	course   practice.Course
	// mastery is the LMS's mastery score (from the manifest's
	// adlcp:masteryscore or the LMS's own setting), when it gives one.
	mastery    int
	hasMastery bool
	status     string
	began      time.Time
	now        func() time.Time
	// problem is what went wrong with the LMS, in words for the page ("" if
	// nothing).
	problem string
}

// start calls LMSInitialize once and reads the learner's record; it reports
// whether the session is open.
func (r *scormReporter) start() bool {
	if r.api == nil || r.finished {
		return false
	}
	if r.started {
		return true
	}
	if r.now == nil {
		r.now = time.Now
	}
	if r.d == nil {
		r.d = &scorm12
	}
	if r.api.Call(r.d.initialize, "") != "true" {
		r.fail("could not start the session", r.d.initialize)
		return false
	}
	r.started, r.began = true, r.now()
	course, err := practice.DecodeCourse(r.get("cmi.suspend_data"))
	if err != nil {
		r.problem = "The learning system's saved progress for this course could not be read (" + err.Error() + "), so this course starts again from here. Your training lead can check the course's record."
	}
	r.course = course
	r.mastery, r.hasMastery = r.d.mastery(r.get(r.d.masteryElement))
	r.status = r.d.readStatus(r.get)
	if practice.StatusRank(r.status) <= 0 {
		r.d.writeStatus(r.set, practice.StatusIncomplete)
		r.status = practice.StatusIncomplete
		r.commit()
	}
	return true
}

// get reads an element; an error is noted, and the value is "".
func (r *scormReporter) get(element string) string {
	v := r.api.Call(r.d.get, element)
	if v == "" {
		if code := strings.TrimSpace(r.api.Call(r.d.lastError)); code != "" && code != "0" && !r.d.emptyOK[code] {
			r.fail("could not read "+element, r.d.get)
		}
	}
	return v
}

// set writes an element and notes an error.
func (r *scormReporter) set(element, value string) {
	if r.api.Call(r.d.set, element, value) != "true" {
		r.fail("did not keep "+element, r.d.set)
	}
}

func (r *scormReporter) commit() {
	if r.api.Call(r.d.commit, "") != "true" {
		r.fail("did not save the course's record", r.d.commit)
	}
}

// fail words an LMS error for the page: what happened, what is safe, what
// to do.
func (r *scormReporter) fail(what, call string) {
	code := strings.TrimSpace(r.api.Call(r.d.lastError))
	detail := strings.TrimSpace(r.api.Call(r.d.errorString, code))
	msg := "The learning system " + what + " (" + call
	if code != "" && code != "0" {
		msg += ", error " + code
		if detail != "" {
			msg += ": " + detail
		}
	}
	r.problem = msg + "). Your practice is kept in this browser; if this goes on, close the course, open it again from the learning system, and tell your training lead."
}

// record adds an attempt made in the course to the learner's record and
// reports the record to the LMS: suspend_data, lesson_location, the score
// (0–100) and the status, each only forward; then LMSCommit.
func (r *scormReporter) record(a practice.Attempt) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.start() {
		return
	}
	r.course.Add(a)
	data, err := r.course.Encode(r.d.suspendLimit)
	if err != nil {
		r.problem = "This course's record has grown past what the learning system can keep, so the latest result was not saved there. Your practice is kept in this browser; tell your training lead."
	} else {
		r.set("cmi.suspend_data", data)
	}
	r.set(r.d.location, r.course.Location)
	score := r.course.Score(r.required)
	if old, err := strconv.Atoi(strings.TrimSpace(r.get(r.d.scorePrefix + "raw"))); err != nil || score >= old {
		r.set(r.d.scorePrefix+"min", "0")
		r.set(r.d.scorePrefix+"max", "100")
		r.set(r.d.scorePrefix+"raw", strconv.Itoa(score))
		if r.d.scaled {
			r.set(r.d.scorePrefix+"scaled", strconv.FormatFloat(float64(score)/100, 'f', -1, 64))
		}
	}
	if st := r.course.Status(r.required, r.mastery, r.hasMastery); practice.StatusRank(st) >= practice.StatusRank(r.status) {
		r.d.writeStatus(r.set, st)
		r.status = st
	}
	r.commit()
}

// dialect is what differs between the SCORM versions the course speaks:
// the API's method names and the data model's elements.
type dialect struct {
	// apiName is the window property of the LMS's API object.
	apiName                                                              string
	initialize, get, set, commit, finish, lastError, errorString         string
	masteryElement, location, scorePrefix, sessionTime, exit, normalExit string
	// scaled says the score is also reported scaled to 0–1 (SCORM 2004).
	scaled bool
	// suspendLimit is the most characters suspend_data holds.
	suspendLimit int
	// emptyOK are the error codes of a read the LMS may answer with for an
	// element it leaves empty, which are not the learner's problem.
	emptyOK map[string]bool
	// mastery reads the mastery score the LMS gives; readStatus and
	// writeStatus map the course's status (practice.Status…) to the
	// version's elements.
	mastery     func(string) (int, bool)
	readStatus  func(get func(string) string) string
	writeStatus func(set func(string, string), status string)
	timespan    func(time.Duration) string
}

// scorm12 is SCORM 1.2 (ADL, SCORM 1.2 Run-Time Environment).
var scorm12 = dialect{
	apiName: "API", initialize: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish",
	lastError: "LMSGetLastError", errorString: "LMSGetErrorString",
	masteryElement: "cmi.student_data.mastery_score", location: "cmi.core.lesson_location", scorePrefix: "cmi.core.score.",
	sessionTime: "cmi.core.session_time", exit: "cmi.core.exit", normalExit: "",
	suspendLimit: practice.MaxSuspendData,
	// 401 not implemented, 403 element not initialised.
	emptyOK:    map[string]bool{"401": true, "403": true},
	mastery:    masteryOf,
	readStatus: func(get func(string) string) string { return get("cmi.core.lesson_status") },
	writeStatus: func(set func(string, string), st string) {
		set("cmi.core.lesson_status", st)
	},
	timespan: sessionTime,
}

// scorm2004 is SCORM 2004 4th Edition (ADL, SCORM 2004 4th Edition
// Run-Time Environment): completion and success apart, a scaled score, a
// scaled passing score, suspend_data of up to 64,000 characters, ISO 8601
// durations.
var scorm2004 = dialect{
	apiName: "API_1484_11", initialize: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate",
	lastError: "GetLastError", errorString: "GetErrorString",
	masteryElement: "cmi.scaled_passing_score", location: "cmi.location", scorePrefix: "cmi.score.",
	sessionTime: "cmi.session_time", exit: "cmi.exit", normalExit: "normal",
	scaled: true, suspendLimit: 64000,
	// 403 data model element value not initialised.
	emptyOK: map[string]bool{"403": true},
	mastery: scaledMastery,
	readStatus: func(get func(string) string) string {
		switch get("cmi.success_status") {
		case "passed":
			return practice.StatusPassed
		case "failed":
			return practice.StatusFailed
		}
		switch get("cmi.completion_status") {
		case "completed":
			return practice.StatusCompleted
		case "incomplete":
			return practice.StatusIncomplete
		}
		return ""
	},
	writeStatus: func(set func(string, string), st string) {
		switch st {
		case practice.StatusIncomplete:
			set("cmi.completion_status", "incomplete")
		case practice.StatusCompleted:
			set("cmi.completion_status", "completed")
		case practice.StatusPassed, practice.StatusFailed:
			set("cmi.completion_status", "completed")
			set("cmi.success_status", st)
		}
	},
	timespan: isoDuration,
}

// scaledMastery reads SCORM 2004's cmi.scaled_passing_score, a real from
// -1 to 1, as a whole mastery score 0–100 (rounded up, so that a learner
// below it never passes); a value outside 0–1 or not a number means none.
func scaledMastery(s string) (int, bool) {
	m, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(m) || m < 0 || m > 1 {
		return 0, false
	}
	return int(math.Ceil(math.Round(m*1e6) / 1e4)), true
}

// isoDuration writes d as SCORM 2004's timeinterval, an ISO 8601
// duration to the hundredth of a second, "PT1H2M3.45S", at least
// "PT0.01S".
func isoDuration(d time.Duration) string {
	cs := max(int64(d/(10*time.Millisecond)), 1)
	h, m, sec, frac := cs/360000, cs/6000%60, cs/100%60, cs%100
	return fmt.Sprintf("PT%dH%dM%d.%02dS", h, m, sec, frac)
}

// masteryOf reads the mastery score the LMS gave. It is trusted only as
// SCORM 1.2 defines it, a decimal from 0 to 100 (ADL, SCORM 1.2 Run-Time
// Environment, cmi.student_data.mastery_score, CMIDecimal), rounded up to a
// whole score (scores are whole): anything else (empty, "NaN", "-Inf", a
// negative number) means no mastery score, so a misconfigured LMS cannot
// pass a learner who has not reached one.
func masteryOf(s string) (int, bool) {
	m, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(m) || m < 0 || m > 100 {
		return 0, false
	}
	return int(math.Ceil(m)), true
}

// passes reports whether score reaches the mastery score the LMS gave
// (masteryOf).
func passes(score int, mastery string) bool {
	m, ok := masteryOf(mastery)
	return ok && score >= m
}

// finish ends the session once, when the page goes away: the time spent
// (cmi.core.session_time), how the learner left (cmi.core.exit: "suspend"
// while the course is unfinished, so the LMS resumes it with its record),
// then LMSFinish.
func (r *scormReporter) finish() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.started || r.finished {
		return
	}
	r.set(r.d.sessionTime, r.d.timespan(r.now().Sub(r.began)))
	exit := r.d.normalExit
	if r.status == practice.StatusIncomplete {
		exit = "suspend"
	}
	r.set(r.d.exit, exit)
	r.api.Call(r.d.finish, "")
	r.finished = true
}

// sessionTime writes d as SCORM 1.2's CMITimespan, HHHH:MM:SS.SS, at least
// a hundredth of a second (a session that began has taken some time).
func sessionTime(d time.Duration) string {
	cs := max(int64(d/(10*time.Millisecond)), 1)
	h, m, sec, frac := cs/360000, cs/6000%60, cs/100%60, cs%100
	if h > 9999 {
		h, m, sec, frac = 9999, 59, 59, 99
	}
	return fmt.Sprintf("%04d:%02d:%02d.%02d", h, m, sec, frac)
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

// lmsReporter returns the page's reporter, finding the LMS on first use.
func lmsReporter() *scormReporter {
	lms.once.Do(func() {
		d := &scorm12
		if app.Getenv(ui.SCORMEnv) == SCORM2004 {
			d = &scorm2004
		}
		if api, ok := browser.FindLMS(d.apiName, lms.r.finish); ok {
			lms.r.api, lms.r.d = api, d
			lms.r.required = requiredVignettes()
		}
	})
	return &lms.r
}

// lmsOpen opens the learner's session with the LMS, if the page runs
// inside one; it returns what went wrong, in words, or "".
func lmsOpen() string {
	r := lmsReporter()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.start()
	return r.problem
}

// lmsCourse returns the learner's course record as the LMS holds it and
// the vignettes required, when the page runs inside an LMS with an open
// session.
func lmsCourse() (practice.Course, []string, bool) {
	r := lmsReporter()
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.started || r.finished {
		return practice.Course{}, nil, false
	}
	return r.course, r.required, true
}

// lmsRecord records an attempt made in the course with the LMS, if the
// page runs inside one; it returns what went wrong, in words, or "".
func lmsRecord(a practice.Attempt) string {
	r := lmsReporter()
	r.record(a)
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.problem
}

// SCORM2004 is the value of ui.SCORMEnv in a SCORM 2004 package ("1" is
// SCORM 1.2).
const SCORM2004 = "2004"

// SCORMRequireEnv is the go-app environment variable holding the vignettes
// a packaged course requires, comma-separated ('honoscope scorm
// --require'); when it is empty every vignette of the package is required.
const SCORMRequireEnv = "HONOSCOPE_SCORM_REQUIRE"

// requiredVignettes lists the vignettes the packaged course requires.
func requiredVignettes() []string {
	var out []string
	for _, id := range strings.Split(app.Getenv(SCORMRequireEnv), ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		for _, v := range bundle.Vignettes() {
			out = append(out, v.ID)
		}
	}
	return out
}

// scormPrefix returns the root prefix of a page opened at pathname, given
// the app's route paths: the part before the page's own address, which is
// its file in the package ("/lms/pkg/train-vignette.html" with route
// "/train/vignette" gives "/lms/pkg", ui.PackageAddress), or the route
// itself, with or without ".html" or "/index.html". The longest match wins;
// "/index.html" and "/" stand for the home route. It returns false when no
// route matches.
func scormPrefix(pathname string, routes []string) (string, bool) {
	best, found := "", false
	bestLen := -1
	try := func(p, suffix string) {
		if strings.HasSuffix(p, suffix) && len(suffix) > bestLen {
			best, bestLen, found = strings.TrimSuffix(p, suffix), len(suffix), true
		}
	}
	plain := strings.TrimSuffix(pathname, ".html")
	if strings.HasSuffix(plain, "/index") {
		plain = strings.TrimSuffix(plain, "index")
	}
	for _, r := range routes {
		if pkg := ui.PackageAddress(r); pkg != r {
			try(pathname, pkg)
		}
		try(plain, r)
	}
	return best, found
}
