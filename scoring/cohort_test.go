package scoring

import (
	"errors"
	"math"
	"testing"
	"time"
)

// rated returns a HoNOS rating of patient on day d of January 2024 whose
// twelve items are all code c, except that the first unknown items are 9.
func rated(patient string, d int, c Code, unknown int) Rating {
	r := Rating{Patient: patient, Date: DateOf(2024, time.January, d), Instrument: MustInstrument(HoNOS)}
	for i := 0; i < 12; i++ {
		r.Items[i] = c
		if i < unknown {
			r.Items[i] = NotKnown
		}
	}
	return r
}

func TestCohortPairsEarliestAndLatestValidRating(t *testing.T) {
	t.Parallel()
	c := NewCohort(EarliestLatest, DefaultRules())
	in := []Rating{
		rated("b", 5, 2, 0),  // b's only rating: a single
		rated("a", 10, 2, 0), // a: middle
		rated("a", 1, 3, 0),  // a: earliest (added after a later one)
		rated("a", 20, 1, 3), // a: latest date but 3 unknown: invalid, never paired
		rated("a", 15, 1, 0), // a: latest valid
	}
	for i := range in {
		c.Add(&in[i])
	}
	got := c.Counts()
	want := Counts{People: 2, Ratings: 5, ValidRatings: 4, Pairs: 1, Singles: 1}
	if got != want {
		t.Fatalf("Counts() = %+v, want %+v", got, want)
	}
	pairs := c.Pairs()
	if len(pairs) != 1 {
		t.Fatalf("got %d pairs, want 1", len(pairs))
	}
	p := pairs[0]
	if p.Patient != "a" || p.BaselineScores.Total != 36 || p.FollowupScores.Total != 12 {
		t.Errorf("pair = %s %d→%d, want a 36→12", p.Patient, p.BaselineScores.Total, p.FollowupScores.Total)
	}
	// 3→1 on all twelve items: every item moves high to low.
	if p.ItemsImproved != 12 || p.ItemsDeteriorated != 0 {
		t.Errorf("items improved/deteriorated = %d/%d, want 12/0", p.ItemsImproved, p.ItemsDeteriorated)
	}
}

func TestCohortBreaksSameDateTiesByInputOrder(t *testing.T) {
	t.Parallel()
	for _, mode := range []PairMode{EarliestLatest, Consecutive} {
		c := NewCohort(mode, DefaultRules())
		first, second, third := rated("p", 3, 1, 0), rated("p", 3, 4, 0), rated("p", 3, 2, 0)
		c.Add(&first)
		c.Add(&second)
		c.Add(&third)
		pairs := c.Pairs()
		last := pairs[len(pairs)-1]
		if pairs[0].BaselineScores.Total != 12 || last.FollowupScores.Total != 24 {
			t.Errorf("mode %d: baseline %d, follow-up %d; want the first line (12) and the last line (24)",
				mode, pairs[0].BaselineScores.Total, last.FollowupScores.Total)
		}
	}
}

func TestCohortConsecutivePairsInDateOrder(t *testing.T) {
	t.Parallel()
	c := NewCohort(Consecutive, DefaultRules())
	for _, r := range []Rating{rated("p", 9, 1, 0), rated("p", 1, 3, 0), rated("q", 2, 0, 0), rated("p", 5, 2, 0)} {
		c.Add(&r)
	}
	pairs := c.Pairs()
	var got [][2]int
	for _, p := range pairs {
		got = append(got, [2]int{p.BaselineScores.Total, p.FollowupScores.Total})
	}
	want := [][2]int{{36, 24}, {24, 12}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("consecutive pairs = %v, want %v", got, want)
	}
	if n := c.Counts(); n.Pairs != 2 || n.Singles != 1 {
		t.Errorf("Counts() = %+v, want 2 pairs and 1 single", n)
	}
}

func TestCohortKeepsInstrumentsApart(t *testing.T) {
	t.Parallel()
	c := NewCohort(EarliestLatest, DefaultRules())
	a, b := rated("p", 1, 3, 0), rated("p", 9, 1, 0)
	b.Instrument = MustInstrument(HoNOS65)
	c.Add(&a)
	c.Add(&b)
	if n := c.Counts(); n.Pairs != 0 || n.Singles != 2 || n.People != 1 {
		t.Errorf("Counts() = %+v, want no pairs, 2 singles, 1 person", n)
	}
}

func TestClassifyPairsUsesTheCohortBaselineSDForEffectSize(t *testing.T) {
	t.Parallel()
	// Baselines 12 and 24: mean 18, sample SD = √((36+36)/1) = 8.485…
	pairs := []Pair{
		NewPair(ptr(rated("a", 1, 1, 0)), ptr(rated("a", 2, 1, 0)), DefaultRules()),
		NewPair(ptr(rated("b", 1, 2, 0)), ptr(rated("b", 2, 1, 0)), DefaultRules()),
	}
	opts := DefaultChangeOptions()
	opts.Method = EffectSize
	used, err := ClassifyPairs(pairs, opts)
	if err != nil {
		t.Fatal(err)
	}
	if want := math.Sqrt(72); math.Abs(used.SD-want) > 1e-12 {
		t.Errorf("SD used = %v, want %v", used.SD, want)
	}
	// b: ES = (24−12)/8.485 = 1.41 ≥ 0.5: improvement, 24 ≥ 11 and 12 ≥ 11: improved.
	if pairs[1].Change.Reliable != ReliableImprovement || pairs[1].Change.Category != Improved {
		t.Errorf("b: %v %v, want improvement, improved", pairs[1].Change.Reliable, pairs[1].Change.Category)
	}
	if pairs[0].Change.Category != Unchanged {
		t.Errorf("a: %v, want unchanged", pairs[0].Change.Category)
	}
}

func TestClassifyPairsRefusesAnEffectSizeWithoutSpread(t *testing.T) {
	t.Parallel()
	pairs := []Pair{NewPair(ptr(rated("a", 1, 1, 0)), ptr(rated("a", 2, 1, 0)), DefaultRules())}
	opts := DefaultChangeOptions()
	opts.Method = EffectSize
	if _, err := ClassifyPairs(pairs, opts); !errors.Is(err, ErrNoCohortSD) {
		t.Errorf("err = %v, want ErrNoCohortSD", err)
	}
}

func ptr(r Rating) *Rating { return &r }

func TestParseDateCountsDaysLikeTheCalendar(t *testing.T) {
	t.Parallel()
	for d := DateOf(1900, time.January, 1); d <= DateOf(2100, time.December, 31); d++ {
		got, err := ParseDate(d.String())
		if err != nil || got != d {
			t.Fatalf("ParseDate(%q) = %d, %v; want %d", d.String(), got, err, d)
		}
	}
}
