package scoring

// Filter keeps the pairs whose baseline matches every field set (nil: any).
// Team, Setting and Occasion "" mean "not recorded"; Band is a BandLabel.
type Filter struct {
	Instrument                    *InstrumentID
	Band, Team, Setting, Occasion *string
}

// Keep reports whether the filter keeps p.
func (f *Filter) Keep(p *Pair) bool {
	match := func(want *string, got string) bool { return want == nil || *want == got }
	return (f.Instrument == nil || *f.Instrument == p.Instrument.ID) &&
		match(f.Band, BandLabel(&p.BaselineScores)) &&
		match(f.Team, p.Baseline.Team) && match(f.Setting, p.Baseline.Setting) && match(f.Occasion, p.Baseline.Occasion)
}

// Any reports whether the filter keeps only some pairs.
func (f *Filter) Any() bool {
	return f.Instrument != nil || f.Band != nil || f.Team != nil || f.Setting != nil || f.Occasion != nil
}

// View says what an analysis works out beyond the classified pairs.
type View struct {
	// Filter chooses the pairs that are kept and summarised.
	Filter Filter
	// Summarise asks for the summaries of the kept pairs: overall, and by
	// By when it is not 0.
	Summarise bool
	By        Dimensions
	// Ranges asks for the expected-change ranges of every pair (not
	// filtered), dated Created.
	Ranges  bool
	Created Date
}

// Analysis is one change analysis of a set of ratings.
type Analysis struct {
	// Settings are the settings asked for; Used the change options used
	// (with the pairs' own SD filled in for the effect size method).
	Settings Settings
	Used     ChangeOptions
	// Method names the method with its source and the numbers used
	// (ChangeOptions.Describe), to print beside every result.
	Method string
	// Counts describe what the ratings held.
	Counts Counts
	// Pairs are every classified pair, in Cohort.Pairs order; Kept are
	// those the view's filter keeps.
	Pairs, Kept []Pair
	// Overall summarises the kept pairs, Groups summarises them by By
	// (when the view asked for summaries).
	Overall, Groups []Summary
	By              Dimensions
	// Ranges are the expected-change ranges (when the view asked for them).
	Ranges RangeFile
}

// Analyse is the one analysis path of the command line and the team view:
// it pairs the ratings that feed hands to its add function (in file order)
// by s, classifies the pairs, counts, and works out what v asks for. An
// error from feed (a file that could not be read through) is returned as
// it is; otherwise an error is a setting that cannot be used, or the
// effect-size method without an SD to use (ErrNoCohortSD).
func Analyse(feed func(add func(*Rating)) error, s Settings, v View) (*Analysis, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	c := NewCohort(s.Pairing, s.Rules())
	if err := feed(c.Add); err != nil {
		return nil, err
	}
	pairs := c.Pairs()
	used, err := ClassifyPairs(pairs, s.Change())
	if err != nil {
		return nil, err
	}
	a := &Analysis{Settings: s, Used: used, Counts: c.Counts(), Pairs: pairs, Kept: pairs, By: v.By}
	a.Method = used.Describe(s.SD == 0, len(pairs), s.Pairing)
	if v.Filter.Any() {
		a.Kept = make([]Pair, 0, len(pairs))
		for i := range pairs {
			if v.Filter.Keep(&pairs[i]) {
				a.Kept = append(a.Kept, pairs[i])
			}
		}
	}
	if v.Summarise {
		a.Overall = Summarise(a.Kept, SummaryOptions{})
		if v.By != 0 {
			a.Groups = Summarise(a.Kept, SummaryOptions{By: v.By})
		}
	}
	if v.Ranges {
		a.Ranges = BuildRanges(pairs, used, v.Created)
	}
	return a, nil
}
