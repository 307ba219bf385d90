package profileview

import (
	"testing"

	"honoscope/scoring"
)

// A lower score is a smaller problem: the direction is spelled out, and an
// area with a score not known is not compared.
func TestTheDirectionOfEachAreaIsSpelledOut(t *testing.T) {
	for _, c := range []struct {
		first, last scoring.Code
		compared    bool
		want        string
	}{
		{3, 1, true, "Better: the problem is smaller now."},
		{1, 3, true, "Worse: the problem is bigger now."},
		{2, 2, true, "The same as at the first check."},
		{0, 0, true, "The same as at the first check."},
		{scoring.NotKnown, 1, true, "Cannot be compared: a score is not known."},
		{4, scoring.NotKnown, true, "Cannot be compared: a score is not known."},
		{2, 2, false, "One check so far."},
	} {
		if got := direction(c.first, c.last, c.compared); got != c.want {
			t.Errorf("direction(%d, %d, %v) = %q, want %q", c.first, c.last, c.compared, got, c.want)
		}
	}
}
