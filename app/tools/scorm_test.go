package tools

import (
	"strconv"
	"strings"
	"testing"

	"honoscope/app/practice"
)

// scriptedLMS answers every LMSGetValue with the values of get (any string
// an LMS might hand over) and records what the package sets.
type scriptedLMS struct {
	get map[string]string
	set map[string]string
}

func (l *scriptedLMS) Call(method string, args ...string) string {
	switch method {
	case "LMSGetValue":
		return l.get[args[0]]
	case "LMSSetValue":
		l.set[args[0]] = args[1]
	}
	return "true"
}

func TestOnlyAMasteryScoreFrom0To100CanPassALearner(t *testing.T) {
	for _, c := range []struct {
		score   int
		mastery string
		want    bool
	}{
		{80, "80", true}, {79, "80", false}, {80, " 80.0 ", true}, {0, "0", true}, {100, "100", true},
		{100, "100.5", false}, {0, "-1", false}, {0, "-Inf", false}, {100, "NaN", false}, {100, "", false}, {100, "eighty", false},
	} {
		if got := passes(c.score, c.mastery); got != c.want {
			t.Errorf("passes(%d, %q) = %v, want %v", c.score, c.mastery, got, c.want)
		}
	}
}

// Whatever the LMS hands over, the package sets only a status SCORM 1.2
// knows and a score from 0 to 100, and never panics.
func FuzzTheReportTakesAnyValueAnLMSHandsOver(f *testing.F) {
	f.Add("not attempted", "80")
	f.Add("", "NaN")
	f.Add("passed", "-1e309")
	f.Fuzz(func(t *testing.T, status, mastery string) {
		lms := &scriptedLMS{get: map[string]string{"cmi.core.lesson_status": status, "cmi.student_data.mastery_score": mastery}, set: map[string]string{}}
		r := &scormReporter{api: lms}
		as := []practice.Attempt{{Vignette: "v", Instrument: "honos", Date: "2024-01-01", Codes: []int{1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, Reference: []int{1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}}
		r.report(nil)
		r.report(as)
		switch got := lms.set["cmi.core.lesson_status"]; got {
		case "incomplete", "completed", "passed":
		default:
			t.Fatalf("set lesson_status %q", got)
		}
		if raw, ok := lms.set["cmi.core.score.raw"]; ok {
			n, err := strconv.Atoi(raw)
			if err != nil || n < 0 || n > 100 {
				t.Fatalf("set score.raw %q", raw)
			}
			if lms.set["cmi.core.lesson_status"] == "passed" && !passes(n, mastery) {
				t.Fatalf("passed with %d against mastery %q", n, strings.TrimSpace(mastery))
			}
		}
	})
}
