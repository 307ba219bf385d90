package tools

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"honoscope/app/practice"
)

// twinLMS is a native twin of a SCORM 1.2 LMS for one learner: the data
// model elements the course uses, kept between sessions (data), calls
// refused outside a session with error 301, LMSGetLastError and
// LMSGetErrorString, and an element it can be told to refuse (refuse).
type twinLMS struct {
	data   map[string]string
	open   bool
	last   string
	refuse string
	calls  []string
}

func newTwin(data map[string]string) *twinLMS {
	d := map[string]string{"cmi.core.lesson_status": "not attempted"}
	for k, v := range data {
		d[k] = v
	}
	return &twinLMS{data: d, last: "0"}
}

// scorm2004Methods maps SCORM 2004's method names onto the twin's.
var scorm2004Methods = map[string]string{"Initialize": "LMSInitialize", "Terminate": "LMSFinish", "Commit": "LMSCommit", "GetValue": "LMSGetValue",
	"SetValue": "LMSSetValue", "GetLastError": "LMSGetLastError", "GetErrorString": "LMSGetErrorString"}

func (l *twinLMS) Call(method string, args ...string) string {
	l.calls = append(l.calls, method+"("+strings.Join(args, ",")+")")
	if m, ok := scorm2004Methods[method]; ok {
		method = m
	}
	ok := func(b bool, code string) string {
		if b {
			l.last = "0"
			return "true"
		}
		l.last = code
		return "false"
	}
	switch method {
	case "LMSInitialize":
		l.open = true
		return ok(true, "")
	case "LMSFinish":
		defer func() { l.open = false }()
		return ok(l.open, "301")
	case "LMSCommit":
		return ok(l.open, "301")
	case "LMSGetValue":
		if !l.open {
			l.last = "301"
			return ""
		}
		l.last = "0"
		return l.data[args[0]]
	case "LMSSetValue":
		if !l.open {
			return ok(false, "301")
		}
		if args[0] == l.refuse {
			return ok(false, "351")
		}
		if args[0] == "cmi.suspend_data" && len(args[1]) > practice.MaxSuspendData {
			return ok(false, "405")
		}
		l.data[args[0]] = args[1]
		return ok(true, "")
	case "LMSGetLastError":
		return l.last
	case "LMSGetErrorString":
		return map[string]string{"301": "Not initialized", "351": "General set error", "405": "Incorrect data type"}[args[0]]
	}
	return ""
}

// attempt is an attempt on vignette v whose exact agreement is right of 12.
func attempt(v string, right int, finished string) practice.Attempt {
	codes, ref := make([]int, 12), make([]int, 12)
	for i := range codes {
		if i >= right {
			codes[i] = 1
		}
	}
	return practice.Attempt{Vignette: v, Instrument: "honos", Date: finished[:10], Finished: finished, Codes: codes, Reference: ref}
}

// session runs one launch of the course for a learner whose LMS record is
// lms: the reporter opens, records the attempts, and finishes.
func session(lms *twinLMS, required []string, as ...practice.Attempt) *scormReporter {
	return sessionIn(&scorm12, lms, required, as...)
}

// sessionIn is session in the SCORM version d.
func sessionIn(d *dialect, lms *twinLMS, required []string, as ...practice.Attempt) *scormReporter {
	clock := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	r := &scormReporter{d: d, api: lms, required: required, now: func() time.Time { clock = clock.Add(90 * time.Second); return clock }}
	r.mu.Lock()
	r.start()
	r.mu.Unlock()
	for _, a := range as {
		r.record(a)
	}
	r.finish()
	return r
}

// With a mastery score the status is passed or failed once the required
// vignettes are rated (SCORM 1.2 RTE, cmi.core.lesson_status), incomplete
// before; with none it is completed.
func TestTheStatusIsPassedOrFailedAgainstTheMasteryScore(t *testing.T) {
	req := []string{"a", "b"}
	for _, c := range []struct {
		name    string
		mastery string
		rights  []int
		status  string
		raw     string
	}{
		{"below mastery", "80", []int{12, 6}, "failed", "75"},
		{"at mastery", "75", []int{12, 6}, "passed", "75"},
		{"above mastery", "50", []int{12, 12}, "passed", "100"},
		{"no mastery", "", []int{3, 3}, "completed", "25"},
		{"a bad mastery is none", "NaN", []int{12, 12}, "completed", "100"},
		{"one required left", "50", []int{12}, "incomplete", "50"},
	} {
		t.Run(c.name, func(t *testing.T) {
			lms := newTwin(map[string]string{"cmi.student_data.mastery_score": c.mastery})
			var as []practice.Attempt
			for i, right := range c.rights {
				as = append(as, attempt(req[i], right, "2026-12-05T09:0"+strconv.Itoa(i)+":00Z"))
			}
			session(lms, req, as...)
			if got := lms.data["cmi.core.lesson_status"]; got != c.status {
				t.Errorf("status %q, want %q", got, c.status)
			}
			if got := lms.data["cmi.core.score.raw"]; got != c.raw {
				t.Errorf("score %q, want %s", got, c.raw)
			}
		})
	}
}

// A weaker attempt after a strong one moves neither the score nor the
// status back: the course score is the mean of the best results.
func TestTheStatusAndScoreNeverGoBackwards(t *testing.T) {
	lms := newTwin(map[string]string{"cmi.student_data.mastery_score": "80"})
	session(lms, []string{"a"}, attempt("a", 12, "2026-12-05T09:00:00Z"), attempt("a", 7, "2026-12-05T09:10:00Z"))
	if lms.data["cmi.core.lesson_status"] != "passed" || lms.data["cmi.core.score.raw"] != "100" {
		t.Fatalf("after 100 then 58: %q %q", lms.data["cmi.core.lesson_status"], lms.data["cmi.core.score.raw"])
	}
	for _, call := range lms.calls {
		if strings.HasPrefix(call, "LMSSetValue(cmi.core.lesson_status,") && call != "LMSSetValue(cmi.core.lesson_status,incomplete)" && call != "LMSSetValue(cmi.core.lesson_status,passed)" {
			t.Errorf("the status went through %s", call)
		}
	}
	// An LMS record that is already further on is not pulled back either.
	ahead := newTwin(map[string]string{"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "90"})
	session(ahead, []string{"a", "b"}, attempt("a", 3, "2026-12-05T09:00:00Z"))
	if ahead.data["cmi.core.lesson_status"] != "passed" || ahead.data["cmi.core.score.raw"] != "90" {
		t.Errorf("an LMS record ahead was pulled back to %q %q", ahead.data["cmi.core.lesson_status"], ahead.data["cmi.core.score.raw"])
	}
}

// Each learner's record is their own: a second learner's launch on the
// same browser starts from their own (empty) LMS record, and one learner
// on a second computer carries on from the record the LMS kept.
func TestEachLearnerKeepsTheirOwnRecord(t *testing.T) {
	req := []string{"a", "b", "c"}
	first := newTwin(map[string]string{"cmi.student_data.mastery_score": "80"})
	session(first, req, attempt("a", 12, "2026-12-05T09:00:00Z"), attempt("b", 12, "2026-12-05T09:05:00Z"))
	second := newTwin(map[string]string{"cmi.student_data.mastery_score": "80"})
	session(second, req)
	if second.data["cmi.core.lesson_status"] != "incomplete" || second.data["cmi.core.score.raw"] != "" || second.data["cmi.suspend_data"] != "" {
		t.Errorf("the next learner got %q, score %q, record %q", second.data["cmi.core.lesson_status"], second.data["cmi.core.score.raw"], second.data["cmi.suspend_data"])
	}
	if first.data["cmi.core.lesson_status"] != "incomplete" || first.data["cmi.core.score.raw"] != "67" {
		t.Errorf("after two of three: %q %q", first.data["cmi.core.lesson_status"], first.data["cmi.core.score.raw"])
	}
	// The first learner, on another computer, rates the third vignette
	// badly: their results on the first two count, from the LMS's record.
	r := session(first, req, attempt("c", 3, "2026-12-06T10:00:00Z"))
	if got := first.data["cmi.core.score.raw"]; got != "75" {
		t.Errorf("score after a second launch %s, want 75 (100, 100 and 25)", got)
	}
	if first.data["cmi.core.lesson_status"] != "failed" || r.course.Location != "c" || first.data["cmi.core.lesson_location"] != "c" {
		t.Errorf("status %q, location %q", first.data["cmi.core.lesson_status"], first.data["cmi.core.lesson_location"])
	}
	c, err := practice.DecodeCourse(first.data["cmi.suspend_data"])
	if err != nil || len(c.Results) != 3 || c.Results[0].Best != 100 || c.Results[2].Attempts != 1 {
		t.Errorf("the kept record: %+v, %v", c, err)
	}
}

// Leaving an unfinished course suspends it with the time spent; a finished
// one exits normally.
func TestLeavingSuspendsAnUnfinishedCourseWithItsTime(t *testing.T) {
	lms := newTwin(nil)
	session(lms, []string{"a", "b"}, attempt("a", 12, "2026-12-05T09:00:00Z"))
	if lms.data["cmi.core.exit"] != "suspend" || lms.data["cmi.core.session_time"] != "0000:01:30.00" {
		t.Errorf("exit %q, time %q", lms.data["cmi.core.exit"], lms.data["cmi.core.session_time"])
	}
	if last := lms.calls[len(lms.calls)-1]; last != "LMSFinish()" {
		t.Errorf("the last call is %s", last)
	}
	done := newTwin(nil)
	session(done, []string{"a"}, attempt("a", 12, "2026-12-05T09:00:00Z"))
	if done.data["cmi.core.exit"] != "" || done.data["cmi.core.lesson_status"] != "completed" {
		t.Errorf("a finished course: exit %q, status %q", done.data["cmi.core.exit"], done.data["cmi.core.lesson_status"])
	}
	for _, c := range []struct {
		d    time.Duration
		want string
	}{{0, "0000:00:00.01"}, {3723450 * time.Millisecond, "0001:02:03.45"}, {20000 * time.Hour, "9999:59:59.99"}} {
		if got := sessionTime(c.d); got != c.want {
			t.Errorf("sessionTime(%v) = %s, want %s", c.d, got, c.want)
		}
	}
}

// An LMS that refuses a value is named with its error in words the learner
// can act on; a record it holds that this course did not write is said to
// be unreadable and not used.
func TestAnLMSErrorIsSaidPlainly(t *testing.T) {
	lms := newTwin(nil)
	lms.refuse = "cmi.core.score.raw"
	r := session(lms, []string{"a"}, attempt("a", 12, "2026-12-05T09:00:00Z"))
	if !strings.Contains(r.problem, "did not keep cmi.core.score.raw (LMSSetValue, error 351: General set error)") || !strings.Contains(r.problem, "kept in this browser") {
		t.Errorf("problem: %q", r.problem)
	}
	odd := newTwin(map[string]string{"cmi.suspend_data": "page=3&score=9"})
	r = session(odd, []string{"a"})
	if !strings.Contains(r.problem, "could not be read") || len(r.course.Results) != 0 {
		t.Errorf("a foreign record: %q, %+v", r.problem, r.course)
	}
}

func TestOnlyAMasteryScoreFrom0To100CanPassALearner(t *testing.T) {
	for _, c := range []struct {
		score   int
		mastery string
		want    bool
	}{
		{80, "80", true}, {79, "80", false}, {80, " 80.0 ", true}, {0, "0", true}, {100, "100", true}, {79, "79.5", false}, {80, "79.5", true},
		{100, "100.5", false}, {0, "-1", false}, {0, "-Inf", false}, {100, "NaN", false}, {100, "", false}, {100, "eighty", false},
	} {
		if got := passes(c.score, c.mastery); got != c.want {
			t.Errorf("passes(%d, %q) = %v, want %v", c.score, c.mastery, got, c.want)
		}
	}
}

// Whatever the LMS hands over, the package sets only a status SCORM 1.2
// knows and a score from 0 to 100, passes nobody below a valid mastery
// score, and never panics.
func FuzzTheReportTakesAnyValueAnLMSHandsOver(f *testing.F) {
	f.Add("not attempted", "80", "", "")
	f.Add("", "NaN", "hc1|a|a:100:100:1:x", "12")
	f.Add("passed", "-1e309", "hc1||", "abc")
	f.Fuzz(func(t *testing.T, status, mastery, suspend, raw string) {
		lms := newTwin(map[string]string{"cmi.core.lesson_status": status, "cmi.student_data.mastery_score": mastery, "cmi.suspend_data": suspend, "cmi.core.score.raw": raw})
		session(lms, []string{"v"}, attempt("v", 6, "2026-12-05T09:00:00Z"))
		got := lms.data["cmi.core.lesson_status"]
		if got != status {
			switch got {
			case "incomplete", "completed", "passed", "failed":
			default:
				t.Fatalf("set lesson_status %q", got)
			}
		}
		if r := lms.data["cmi.core.score.raw"]; r != raw {
			n, err := strconv.Atoi(r)
			if err != nil || n < 0 || n > 100 {
				t.Fatalf("set score.raw %q", r)
			}
			if got == "passed" && got != status && !passes(n, mastery) {
				t.Fatalf("passed with %d against mastery %q", n, strings.TrimSpace(mastery))
			}
		}
	})
}

// In SCORM 2004 the course reports completion and success apart, the score
// scaled as well as raw, passed or failed against the scaled passing score
// the LMS derives from the manifest, an ISO 8601 session time, and exit
// "normal" or "suspend".
func TestInSCORM2004CompletionAndSuccessAreReportedApart(t *testing.T) {
	req := []string{"a", "b"}
	for _, c := range []struct {
		name, passing           string
		rights                  []int
		completion, success     string
		raw, scaled, exit, time string
	}{
		{"passed", "0.75", []int{12, 6}, "completed", "passed", "75", "0.75", "normal", "PT0H1M30.00S"},
		{"failed", "0.8", []int{12, 6}, "completed", "failed", "75", "0.75", "normal", "PT0H1M30.00S"},
		{"no passing score", "", []int{12, 12}, "completed", "", "100", "1", "normal", "PT0H1M30.00S"},
		{"unfinished", "0.5", []int{12}, "incomplete", "", "50", "0.5", "suspend", "PT0H1M30.00S"},
	} {
		t.Run(c.name, func(t *testing.T) {
			lms := newTwin(map[string]string{"cmi.completion_status": "unknown", "cmi.success_status": "unknown", "cmi.scaled_passing_score": c.passing})
			delete(lms.data, "cmi.core.lesson_status")
			var as []practice.Attempt
			for i, right := range c.rights {
				as = append(as, attempt(req[i], right, "2026-12-05T09:0"+strconv.Itoa(i)+":00Z"))
			}
			sessionIn(&scorm2004, lms, req, as...)
			want := map[string]string{"cmi.completion_status": c.completion, "cmi.score.raw": c.raw, "cmi.score.scaled": c.scaled, "cmi.exit": c.exit, "cmi.session_time": c.time, "cmi.location": req[len(c.rights)-1]}
			if c.success != "" {
				want["cmi.success_status"] = c.success
			}
			for k, v := range want {
				if lms.data[k] != v {
					t.Errorf("%s = %q, want %q", k, lms.data[k], v)
				}
			}
			if c.success == "" && lms.data["cmi.success_status"] != "unknown" {
				t.Errorf("success %q with nothing to pass", lms.data["cmi.success_status"])
			}
			if lms.calls[0] != "Initialize()" || lms.calls[len(lms.calls)-1] != "Terminate()" {
				t.Errorf("calls %v", lms.calls)
			}
		})
	}
	for _, c := range []struct {
		in   string
		want int
		ok   bool
	}{{"0.8", 80, true}, {"0.795", 80, true}, {"1", 100, true}, {"0", 0, true}, {"-0.5", 0, false}, {"1.5", 0, false}, {"", 0, false}, {"NaN", 0, false}} {
		if got, ok := scaledMastery(c.in); got != c.want || ok != c.ok {
			t.Errorf("scaledMastery(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
