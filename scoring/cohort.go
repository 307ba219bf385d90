package scoring

import (
	"errors"
	"math"
	"sort"
)

// PairMode says which two ratings of a patient make a pair.
type PairMode uint8

// Pairing modes (project reference, "Cohorts and normal ranges").
const (
	// EarliestLatest pairs each patient's earliest and latest rating with a
	// valid total, per instrument (the default).
	EarliestLatest PairMode = iota
	// Consecutive pairs every rating with a valid total with the next one.
	Consecutive
)

// Pair is two ratings with valid totals of one patient on one instrument,
// baseline before follow-up.
type Pair struct {
	// Patient is the pseudonymous label.
	Patient string
	// Instrument is the instrument rated at both.
	Instrument *Instrument
	// Baseline and Followup are copies of the two ratings.
	Baseline, Followup Rating
	// BaselineScores and FollowupScores are their scores.
	BaselineScores, FollowupScores Scores
	// Change is filled by ClassifyPairs.
	Change Change
	// Items holds the categorical change of each scored item (index = item−1;
	// Crawford et al. 2017).
	Items [MaxItems]ItemChange
	// ItemsImproved and ItemsDeteriorated count HL and LH items.
	ItemsImproved, ItemsDeteriorated int
}

// Counts describe what a cohort was built from.
type Counts struct {
	// People is the number of distinct patient labels.
	People int
	// Ratings is the number of ratings added.
	Ratings int
	// ValidRatings is the number of ratings with a valid total.
	ValidRatings int
	// Pairs is the number of pairs formed.
	Pairs int
	// Singles is the number of patient-and-instrument series with exactly one
	// valid rating: care that cannot show change.
	Singles int
}

// dated is a rating with its position in the input.
type dated struct {
	r   Rating
	seq int
}

func (a *dated) before(b *dated) bool {
	if a.r.Date != b.r.Date {
		return a.r.Date < b.r.Date
	}
	return a.seq < b.seq
}

// series is one patient's valid ratings of one instrument.
type series struct {
	valid            int
	earliest, latest dated   // EarliestLatest mode
	all              []dated // Consecutive mode
}

// person holds a patient's series, one per instrument (indexed as
// Instruments()).
type person [3]*series

// instrumentIndex returns the position of id in Instruments().
func instrumentIndex(id InstrumentID) int {
	switch id {
	case HoNOS65:
		return 1
	case HoNOSCA:
		return 2
	}
	return 0
}

// Cohort pairs ratings by patient and instrument. Add ratings in input order;
// ties on date are broken by that order (a later line is a later rating;
// project reference). In EarliestLatest mode memory is proportional to the
// number of patients, not ratings.
type Cohort struct {
	mode    PairMode
	rules   func(InstrumentID) Rules
	people  map[string]*person
	series  []*series // in order of first appearance
	ratings int
	seq     int
}

// NewCohort returns an empty cohort that pairs by mode and judges validity of
// totals by rules.
func NewCohort(mode PairMode, rules Rules) *Cohort {
	return NewCohortRules(mode, func(InstrumentID) Rules { return rules })
}

// NewCohortRules returns an empty cohort that pairs by mode and judges the
// validity of each instrument's totals by its own rules.
func NewCohortRules(mode PairMode, rules func(InstrumentID) Rules) *Cohort {
	return &Cohort{mode: mode, rules: rules, people: map[string]*person{}}
}

// Add records one rating. A rating without an instrument is ignored; one
// without a valid total is counted but never paired.
func (c *Cohort) Add(r *Rating) {
	if r.Instrument == nil {
		return
	}
	c.ratings++
	c.seq++
	p := c.people[r.Patient]
	if p == nil {
		p = new(person)
		c.people[r.Patient] = p
	}
	s := ScoreItems(r.Instrument, &r.Items, nil, c.rules(r.Instrument.ID))
	if !s.TotalValid {
		return
	}
	sr := p[instrumentIndex(r.Instrument.ID)]
	if sr == nil {
		sr = new(series)
		p[instrumentIndex(r.Instrument.ID)] = sr
		c.series = append(c.series, sr)
	}
	d := dated{r: *r, seq: c.seq}
	sr.valid++
	if c.mode == Consecutive {
		sr.all = append(sr.all, d)
		return
	}
	if sr.valid == 1 {
		sr.earliest, sr.latest = d, d
		return
	}
	if d.before(&sr.earliest) {
		sr.earliest = d
	}
	if !d.before(&sr.latest) {
		sr.latest = d
	}
}

// Counts returns what the cohort holds.
func (c *Cohort) Counts() Counts {
	n := Counts{People: len(c.people), Ratings: c.ratings}
	for _, s := range c.series {
		n.ValidRatings += s.valid
		if s.valid == 1 {
			n.Singles++
		} else if c.mode == Consecutive {
			n.Pairs += s.valid - 1
		} else {
			n.Pairs++
		}
	}
	return n
}

// Pairs returns the pairs, series in order of first appearance in the input
// and, in Consecutive mode, each series' pairs in date order. The pairs are
// not yet classified: call ClassifyPairs.
func (c *Cohort) Pairs() []Pair {
	out := make([]Pair, 0, c.Counts().Pairs)
	for _, s := range c.series {
		if s.valid < 2 {
			continue
		}
		if c.mode != Consecutive {
			out = append(out, c.newPair(&s.earliest, &s.latest))
			continue
		}
		all := s.all
		sort.SliceStable(all, func(a, b int) bool { return all[a].before(&all[b]) })
		for j := 1; j < len(all); j++ {
			out = append(out, c.newPair(&all[j-1], &all[j]))
		}
	}
	return out
}

// NewPair makes an unclassified pair of two ratings of the same instrument,
// baseline first. Both totals should be valid under rules; the caller checks.
func NewPair(baseline, followup *Rating, rules Rules) Pair {
	p := Pair{
		Patient: baseline.Patient, Instrument: baseline.Instrument,
		Baseline: *baseline, Followup: *followup,
		BaselineScores: Score(baseline, rules), FollowupScores: Score(followup, rules),
	}
	for i := 0; i < baseline.Instrument.Scored; i++ {
		ic := ClassifyItem(baseline.Items[i], followup.Items[i])
		p.Items[i] = ic
		switch ic {
		case HighLow:
			p.ItemsImproved++
		case LowHigh:
			p.ItemsDeteriorated++
		}
	}
	return p
}

func (c *Cohort) newPair(b, f *dated) Pair { return NewPair(&b.r, &f.r, c.rules(b.r.Instrument.ID)) }

// ErrNoCohortSD is returned when the effect-size method needs the SD of the
// cohort's baseline totals and it cannot be computed (fewer than two pairs, or
// every baseline the same).
var ErrNoCohortSD = errors.New("the effect-size method needs the SD of baseline totals, and this cohort cannot give one (fewer than 2 pairs, or all baselines equal): set --sd")

// BaselineSD returns the sample standard deviation (n−1) of the pairs'
// baseline totals, the default SD of the effect-size method (METEOR 584024),
// or 0 when there are fewer than two pairs.
func BaselineSD(pairs []Pair) float64 {
	n := len(pairs)
	if n < 2 {
		return 0
	}
	var mean float64
	for i := range pairs {
		mean += float64(pairs[i].BaselineScores.Total)
	}
	mean /= float64(n)
	var ss float64
	for i := range pairs {
		d := float64(pairs[i].BaselineScores.Total) - mean
		ss += d * d
	}
	return math.Sqrt(ss / float64(n-1))
}

// ClassifyPairs validates opts and classifies every pair's change in place.
// For EffectSize with opts.SD == 0 it uses BaselineSD(pairs). It returns the
// options actually used, so that the method and SD can be printed with the
// results.
func ClassifyPairs(pairs []Pair, opts ChangeOptions) (ChangeOptions, error) {
	if err := opts.Validate(); err != nil {
		return opts, err
	}
	if opts.Method == EffectSize && opts.SD == 0 {
		opts.SD = BaselineSD(pairs)
		if opts.SD == 0 {
			if len(pairs) == 0 {
				return opts, nil
			}
			return opts, ErrNoCohortSD
		}
	}
	for i := range pairs {
		p := &pairs[i]
		p.Change = Classify(p.BaselineScores.Total, p.FollowupScores.Total, opts)
	}
	return opts, nil
}
