package practice

import (
	"strconv"
	"strings"
	"testing"
)

func courseAttempt(v string, right int, finished string) Attempt {
	codes, ref := make([]int, 12), make([]int, 12)
	for i := range codes {
		if i >= right {
			codes[i] = 2
		}
	}
	return Attempt{Vignette: v, Instrument: "honos", Date: finished[:10], Finished: finished, Codes: codes, Reference: ref}
}

// The record keeps each vignette's best and latest, reads back what it
// wrote, and its score over the required set never goes down.
func TestACourseRecordKeepsBestAndLatestAndReadsBack(t *testing.T) {
	t.Parallel()
	var c Course
	req := []string{"a", "b"}
	last := -1
	for i, a := range []Attempt{courseAttempt("a", 6, "2026-01-01T10:00:00Z"), courseAttempt("a", 12, "2026-01-01T10:05:00Z"),
		courseAttempt("b", 3, "2026-01-01T10:10:00Z"), courseAttempt("a", 0, "2026-01-01T10:15:00Z")} {
		c.Add(a)
		if s := c.Score(req); s < last {
			t.Fatalf("after attempt %d the score fell from %d to %d", i, last, s)
		} else {
			last = s
		}
	}
	c.Add(courseAttempt("a", 0, "2026-01-01T10:15:00Z")) // the same attempt again
	if r, _ := c.result("a"); r.Best != 100 || r.Latest != 0 || r.Attempts != 3 {
		t.Errorf("a: %+v", r)
	}
	if c.Score(req) != 63 || c.Location != "a" || !c.Done(req) || c.Done(append(req, "c")) {
		t.Errorf("score %d, location %q", c.Score(req), c.Location)
	}
	for _, st := range []struct {
		mastery int
		has     bool
		want    string
	}{{63, true, StatusPassed}, {64, true, StatusFailed}, {0, false, StatusCompleted}} {
		if got := c.Status(req, st.mastery, st.has); got != st.want {
			t.Errorf("mastery %d (%v): %s, want %s", st.mastery, st.has, got, st.want)
		}
	}
	if got := c.Status(append(req, "c"), 10, true); got != StatusIncomplete {
		t.Errorf("with one required left: %s", got)
	}
	s, err := c.Encode(MaxSuspendData)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeCourse(s)
	if err != nil || back.Location != c.Location || len(back.Results) != 2 || back.Results[0] != c.Results[0] || back.Results[1] != c.Results[1] {
		t.Fatalf("read back %+v (%v) from %q", back, err, s)
	}
	back.Add(courseAttempt("a", 0, "2026-01-01T10:15:00Z"))
	if r, _ := back.result("a"); r.Attempts != 3 {
		t.Errorf("an attempt read back is counted again: %+v", r)
	}
}

// A record too long for SCORM 1.2's 4,096 characters drops its times, and
// beyond that says it does not fit; an id cannot break the separators.
func TestACourseRecordFitsSuspendData(t *testing.T) {
	t.Parallel()
	var c Course
	for i := 0; i < 90; i++ {
		c.Add(courseAttempt("honos-"+strconv.Itoa(i)+"-a-long-vignette-name", 6, "2026-01-01T10:00:00Z"))
	}
	s, err := c.Encode(MaxSuspendData)
	if err != nil || len(s) > MaxSuspendData || strings.Contains(s, "2026") {
		t.Fatalf("%d characters, %v", len(s), err)
	}
	for i := 0; i < 100; i++ {
		c.Add(courseAttempt("more-"+strconv.Itoa(i)+"-another-long-vignette-name", 6, "2026-01-01T10:00:00Z"))
	}
	if _, err := c.Encode(MaxSuspendData); err != ErrCourseTooLong {
		t.Errorf("a record of %d vignettes: %v", len(c.Results), err)
	}
	var odd Course
	odd.Add(courseAttempt("x|y;z:w", 12, "2026-01-01T10:00:00Z"))
	s, _ = odd.Encode(MaxSuspendData)
	if back, err := DecodeCourse(s); err != nil || back.Results[0].Vignette != "xyz.w" {
		t.Errorf("%q read back as %+v, %v", s, back, err)
	}
}

func FuzzDecodeCourseNeverPanicsAndKeepsScoresInRange(f *testing.F) {
	f.Add("hc1|a|a:100:0:3:2026-01-01T10.00.00Z;b:5:5:1:")
	f.Add("hc1||")
	f.Add("page=3")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := DecodeCourse(s)
		if err != nil {
			return
		}
		for _, r := range c.Results {
			if r.Best < 0 || r.Best > 100 || r.Latest < 0 || r.Latest > 100 || r.Attempts < 1 {
				t.Fatalf("decoded %+v", r)
			}
		}
		if sc := c.Score(nil); sc < 0 || sc > 100 {
			t.Fatalf("score %d", sc)
		}
	})
}
