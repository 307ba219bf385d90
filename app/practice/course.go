package practice

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// Course is one learner's record in a packaged course, as the learning
// management system (LMS) keeps it for them: their best and latest result
// on each vignette they rated in the course, and where they were. It lives
// in the LMS (SCORM's suspend_data), never in the browser, so that two
// learners on one computer, or one learner on two, each keep their own.
type Course struct {
	// Results holds one result per vignette rated, in the order first
	// rated.
	Results []CourseResult
	// Location is the vignette the learner was last on ("" for none).
	Location string
}

// CourseResult is a learner's results on one vignette: exact agreement
// with the reference ratings as a whole percentage (VignetteScore).
type CourseResult struct {
	Vignette     string
	Best, Latest int
	Attempts     int
	// LatestFinished is when the latest attempt was saved (its Finished,
	// with ':' written as '.'), so the same attempt is never counted twice.
	LatestFinished string
}

// VignetteScore is an attempt's score: the share of items rated 0–4 by
// both the learner and the reference on which they agree exactly, as a
// whole percentage (practice.Score of the one attempt); 0 when no item was
// rated by both.
func VignetteScore(a Attempt) int {
	r, ok := a.Agreement().ExactRate()
	if !ok {
		return 0
	}
	return int(math.Round(r * 100))
}

// Add records an attempt: the vignette's latest result, its best if
// higher, and the location. An attempt already recorded (the same
// vignette and finishing time) is not counted twice.
func (c *Course) Add(a Attempt) {
	score := VignetteScore(a)
	finished := clean(a.Finished)
	c.Location = clean(a.Vignette)
	for i := range c.Results {
		r := &c.Results[i]
		if r.Vignette != c.Location {
			continue
		}
		if r.LatestFinished == finished {
			return
		}
		r.Latest, r.Best, r.LatestFinished = score, max(r.Best, score), finished
		r.Attempts++
		return
	}
	c.Results = append(c.Results, CourseResult{Vignette: c.Location, Best: score, Latest: score, Attempts: 1, LatestFinished: finished})
}

// result returns the learner's result on vignette v.
func (c *Course) result(v string) (CourseResult, bool) {
	for _, r := range c.Results {
		if r.Vignette == v {
			return r, true
		}
	}
	return CourseResult{}, false
}

// Score is the course score reported to the LMS, 0–100: the mean, over the
// required vignettes, of the learner's best score on each (0 for one not yet
// rated), rounded. It never goes down: a best result only rises, and a
// weaker later attempt changes only that vignette's latest result. With no
// required vignette it is the mean of the bests over the vignettes rated.
func (c *Course) Score(required []string) int {
	if len(required) == 0 {
		if len(c.Results) == 0 {
			return 0
		}
		sum := 0
		for _, r := range c.Results {
			sum += r.Best
		}
		return int(math.Round(float64(sum) / float64(len(c.Results))))
	}
	sum := 0
	for _, v := range required {
		if r, ok := c.result(v); ok {
			sum += r.Best
		}
	}
	return int(math.Round(float64(sum) / float64(len(required))))
}

// Done reports whether every required vignette has been rated (with none
// required: at least one vignette).
func (c *Course) Done(required []string) bool {
	if len(required) == 0 {
		return len(c.Results) > 0
	}
	for _, v := range required {
		if _, ok := c.result(v); !ok {
			return false
		}
	}
	return true
}

// Lesson statuses of SCORM 1.2 (cmi.core.lesson_status), the ones the
// course sets.
const (
	StatusIncomplete = "incomplete"
	StatusCompleted  = "completed"
	StatusPassed     = "passed"
	StatusFailed     = "failed"
)

// Status is the course status: "incomplete" until every required vignette
// is rated; then, with a mastery score (0–100), "passed" when Score reaches
// it and "failed" below it (SCORM 1.2 RTE, cmi.core.lesson_status: with a
// mastery score and a raw score the status is passed or failed); with none,
// "completed". As Score never goes down and Done never undoes, the status
// only moves forward: incomplete, failed, passed.
func (c *Course) Status(required []string, mastery int, hasMastery bool) string {
	switch {
	case !c.Done(required):
		return StatusIncomplete
	case !hasMastery:
		return StatusCompleted
	case c.Score(required) >= mastery:
		return StatusPassed
	}
	return StatusFailed
}

// StatusRank orders SCORM 1.2 statuses by progress, so that a status is
// never replaced by a lower one: not attempted and browsed 0, incomplete 1,
// failed 2, completed 3, passed 4; anything else -1.
func StatusRank(s string) int {
	switch s {
	case "not attempted", "browsed", "":
		return 0
	case StatusIncomplete:
		return 1
	case StatusFailed:
		return 2
	case StatusCompleted:
		return 3
	case StatusPassed:
		return 4
	}
	return -1
}

// MaxSuspendData is the most characters SCORM 1.2 lets a package keep in
// cmi.suspend_data (CMIString4096).
const MaxSuspendData = 4096

// courseFormat starts every encoded record, so that a future layout can be
// told apart.
const courseFormat = "hc1"

// ErrCourseTooLong is returned when a record cannot fit in limit
// characters even without its latest finishing times.
var ErrCourseTooLong = errors.New("the course record does not fit the learning system's space for it")

// Encode writes the record compactly for suspend_data, in at most limit
// characters: "hc1|location|vignette:best:latest:attempts:finished;…".
// Vignette ids are letters, digits, '-', '_' and '.' (the content check's
// rule); finishing times are left out when needed to fit.
func (c *Course) Encode(limit int) (string, error) {
	for _, withTimes := range []bool{true, false} {
		var b strings.Builder
		b.WriteString(courseFormat)
		b.WriteByte('|')
		b.WriteString(clean(c.Location))
		b.WriteByte('|')
		for i, r := range c.Results {
			if i > 0 {
				b.WriteByte(';')
			}
			b.WriteString(clean(r.Vignette))
			for _, n := range []int{r.Best, r.Latest, r.Attempts} {
				b.WriteByte(':')
				b.WriteString(strconv.Itoa(n))
			}
			b.WriteByte(':')
			if withTimes {
				b.WriteString(clean(r.LatestFinished))
			}
		}
		if b.Len() <= limit {
			return b.String(), nil
		}
	}
	return "", ErrCourseTooLong
}

// clean keeps the characters a record's fields may hold, so that a field
// can never break the record's separators.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.+", r) {
			return r
		}
		if r == ':' {
			return '.' // a time's colons; the time is only compared for equality
		}
		return -1
	}, s)
}

// DecodeCourse reads a record Encode wrote. An empty string is an empty
// record; anything else that is not such a record is an error (the LMS
// holds something this package did not write), and so are scores outside
// 0–100 or counts below 1.
func DecodeCourse(s string) (Course, error) {
	var c Course
	if s == "" {
		return c, nil
	}
	parts := strings.SplitN(s, "|", 3)
	if len(parts) != 3 || parts[0] != courseFormat {
		return Course{}, errors.New("the learning system holds saved progress this course did not write")
	}
	c.Location = parts[1]
	if parts[2] == "" {
		return c, nil
	}
	for _, item := range strings.Split(parts[2], ";") {
		f := strings.Split(item, ":")
		if len(f) != 5 || f[0] == "" {
			return Course{}, errors.New("the saved progress in the learning system is damaged")
		}
		var n [3]int
		for i := range n {
			v, err := strconv.Atoi(f[i+1])
			if err != nil || v < 0 || (i < 2 && v > 100) || (i == 2 && v < 1) {
				return Course{}, errors.New("the saved progress in the learning system is damaged")
			}
			n[i] = v
		}
		c.Results = append(c.Results, CourseResult{Vignette: f[0], Best: n[0], Latest: n[1], Attempts: n[2], LatestFinished: f[4]})
	}
	return c, nil
}
