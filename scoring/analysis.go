package scoring

import (
	"fmt"
	"io"
	"runtime"
	"strings"
)

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
	// (with the pairs' own SD filled in for the effect size method): those
	// of the one instrument among the pairs, or the settings' own when
	// there are several (UsedBy has each one's).
	Settings Settings
	Used     ChangeOptions
	// UsedBy holds the change options used for each instrument's pairs.
	UsedBy map[InstrumentID]ChangeOptions
	// Spilled reports that the people did not fit in the memory allowed
	// and were paired through temporary files (AnalyseEachSpilling).
	Spilled bool
	// Method names the method with its source and the numbers used
	// (ChangeOptions.Describe; per instrument where they differ), the
	// pairing and the validity rule, to print beside every result.
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
	// pairsBy counts the pairs of each instrument (Instruments() order).
	pairsBy [3]int
}

// UsedFor returns the change options used for an instrument's pairs.
func (a *Analysis) UsedFor(id InstrumentID) ChangeOptions {
	if o, ok := a.UsedBy[id]; ok {
		return o
	}
	return a.Settings.For(id).ChangeOptions
}

// Analyse is the one analysis path of the command line and the team view:
// it pairs the ratings that feed hands to its add function (in file order)
// by s, classifies each instrument's pairs by its own settings, counts, and
// works out what v asks for. An error from feed (a file that could not be
// read through) is returned as it is; otherwise an error is a setting that
// cannot be used, or the effect-size method without an SD to use
// (ErrNoCohortSD, naming the instrument).
func Analyse(feed func(add func(*Rating)) error, s Settings, v View) (*Analysis, error) {
	c, a, err := prepare(feed, s, nil)
	if err != nil {
		return nil, err
	}
	pairs := c.Pairs()
	for i := range pairs {
		p := &pairs[i]
		p.Change = Classify(p.BaselineScores.Total, p.FollowupScores.Total, a.UsedBy[p.Instrument.ID])
	}
	a.Pairs, a.Kept, a.By = pairs, pairs, v.By
	present := a.present()
	a.Method = describeAnalysis(a, present)
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
		t := NewRangeTally()
		for i := range pairs {
			t.Add(&pairs[i])
		}
		a.Ranges = a.RangesOf(t, v.Created)
	}
	return a, nil
}

// RangesOf returns the expected-change ranges of the pairs counted in t,
// which are this analysis's pairs, made on created: with each
// instrument's method when they were classified with different options.
func (a *Analysis) RangesOf(t *RangeTally, created Date) RangeFile {
	f := t.File(a.Used, created)
	if present := a.present(); len(present) > 1 && !allSame(a, present) {
		f.ByInstrument = map[InstrumentID]RangeMethod{}
		for _, id := range present {
			f.ByInstrument[id] = rangeMethod(a.UsedBy[id], countOf(a, id))
		}
	}
	return f
}

// AnalyseEach is Analyse for output that needs each classified pair once,
// such as 'honoscope change': it calls each with every pair, classified,
// in the order of Analysis.Pairs, one at a time (the pair is reused: copy
// it to keep it), without holding them, so that memory grows with the
// people in the export, not with its pairs. The Analysis it returns has
// the counts, the options used and the method line, and no pairs,
// summaries or ranges; begin, when not nil, is given it before the first
// pair. An error from each stops it and is returned.
func AnalyseEach(feed func(add func(*Rating)) error, s Settings, begin func(*Analysis), each func(*Pair) error) (*Analysis, error) {
	return AnalyseEachSpilling(feed, s, Spill{}, begin, each)
}

// AnalyseEachSpilling is AnalyseEach for an export that may not fit in
// memory: the cohort moves to temporary files once it holds more than
// sp.Limit bytes (Cohort.SpillAbove), and they are removed before it
// returns. A failure of those files is a *SpillError.
func AnalyseEachSpilling(feed func(add func(*Rating)) error, s Settings, sp Spill, begin func(*Analysis), each func(*Pair) error) (*Analysis, error) {
	c, a, err := begun(feed, s, sp, begin)
	if c != nil {
		defer c.Close()
	}
	if err != nil {
		return nil, err
	}
	return a, c.EachPair(func(p *Pair) error {
		p.Change = Classify(p.BaselineScores.Total, p.FollowupScores.Total, a.UsedBy[p.Instrument.ID])
		return each(p)
	})
}

// begun reads the ratings into a cohort that spills as sp says, works out
// the analysis without its pairs and hands it to begin (when not nil). The
// caller closes the cohort, when there is one, even on an error.
func begun(feed func(add func(*Rating)) error, s Settings, sp Spill, begin func(*Analysis)) (*Cohort, *Analysis, error) {
	c, a, err := prepare(feed, s, func(c *Cohort) { c.SpillAbove(sp) })
	if err != nil {
		return c, nil, err
	}
	a.Spilled = c.Spilled()
	a.Method = describeAnalysis(a, a.present())
	if begin != nil {
		begin(a)
	}
	return c, a, nil
}

// AnalyseWrite is AnalyseEachSpilling for pairs written out as text: each
// pair, classified, is appended to a buffer by format and the text written
// to w in the order of Analysis.Pairs. format must be safe to call from
// several goroutines at once: natively, with the cohort in memory, the
// pairs are made and formatted on every processor core, a block of series
// at a time, and written in order (writing out a national export's
// millions of pairs then takes about half the time). An error writing to
// w stops it and is returned.
func AnalyseWrite(feed func(add func(*Rating)) error, s Settings, sp Spill, begin func(*Analysis), format func(dst []byte, p *Pair) []byte, w io.Writer) (*Analysis, error) {
	c, a, err := begun(feed, s, sp, begin)
	if c != nil {
		defer c.Close()
	}
	if err != nil {
		return nil, err
	}
	classify := func(p *Pair) {
		p.Change = Classify(p.BaselineScores.Total, p.FollowupScores.Total, a.UsedBy[p.Instrument.ID])
	}
	if c.Spilled() || runtime.GOMAXPROCS(0) < 2 {
		var buf []byte
		return a, c.EachPair(func(p *Pair) error {
			classify(p)
			buf = format(buf[:0], p)
			_, err := w.Write(buf)
			return err
		})
	}
	return a, c.writePairs(classify, format, w)
}

// writePairs is AnalyseWrite's output on several cores, for a cohort in
// memory: workers make and format a block of series each, and the blocks
// are written in order.
func (c *Cohort) writePairs(classify func(*Pair), format func([]byte, *Pair) []byte, w io.Writer) error {
	c.place()
	const step = 4096
	workers := min(runtime.GOMAXPROCS(0), 4)
	type block struct {
		from, to int32
		out      chan []byte
	}
	jobs := make(chan *block)
	order := make(chan *block, 2*workers)
	stop := make(chan struct{})
	go func() {
		defer close(jobs)
		defer close(order)
		for from := int32(0); from < c.n; from += step {
			b := &block{from, min(from+step, c.n), make(chan []byte, 1)}
			select {
			case order <- b:
			case <-stop:
				return
			}
			select {
			case jobs <- b:
			case <-stop:
				return
			}
		}
	}()
	buffers := make(chan []byte, 3*workers)
	for range workers {
		go func() {
			var p Pair
			for b := range jobs {
				var buf []byte
				select {
				case buf = <-buffers:
				default:
				}
				for i := b.from; i < b.to; i++ {
					s, all, ok := c.paired(i)
					if !ok {
						continue
					}
					c.seriesPairs(s, c.people.bytes(s.label, s.size), all, &p, func(p *Pair) error {
						classify(p)
						buf = format(buf, p)
						return nil
					})
				}
				b.out <- buf
			}
		}()
	}
	var err error
	for b := range order {
		if err != nil {
			continue // stopped: a block queued may never be made
		}
		buf := <-b.out
		if _, err = w.Write(buf); err != nil {
			close(stop)
		}
		select {
		case buffers <- buf[:0]:
		default:
		}
	}
	return err
}

// prepare reads the ratings into a cohort and works out, for each
// instrument among its pairs, the change options to classify them by
// (ClassifyPairs' rules: the options validated; for the effect-size method
// without an SD, the SD of that instrument's baseline totals), so that a
// mixed file never pools totals, SDs or cut-offs across instruments.
func prepare(feed func(add func(*Rating)) error, s Settings, setup func(*Cohort)) (*Cohort, *Analysis, error) {
	if err := s.Validate(); err != nil {
		return nil, nil, err
	}
	c := NewCohortRules(s.Pairing, s.RulesFor)
	if setup != nil {
		setup(c)
	}
	if err := feed(c.Add); err != nil {
		return c, nil, err
	}
	counts := c.Counts()
	if err := c.Err(); err != nil {
		return c, nil, err
	}
	a := &Analysis{Settings: s, Counts: counts, UsedBy: map[InstrumentID]ChangeOptions{}}
	// The baseline totals are kept only for an instrument whose SD must
	// come from them, in pair order, so the SD is BaselineSD's to the bit.
	var totals [3][]float64
	needSD := func(in *Instrument) bool {
		o := s.For(in.ID).ChangeOptions
		return o.Method == EffectSize && o.SD == 0
	}
	var scored [3]bool
	for k, in := range instruments {
		scored[k] = needSD(in)
	}
	err := c.baselines(scored, func(in *Instrument, total int) {
		k := instrumentIndex(in.ID)
		a.pairsBy[k]++
		if scored[k] {
			totals[k] = append(totals[k], float64(total))
		}
	})
	if err != nil {
		return c, nil, err
	}
	present := a.present()
	for _, id := range present {
		in := MustInstrument(id)
		opts := s.For(id).ChangeOptions
		if err := opts.Validate(); err != nil {
			return nil, nil, err
		}
		if needSD(in) {
			opts.SD = sdOf(totals[instrumentIndex(id)])
			if opts.SD == 0 {
				if len(present) > 1 {
					return nil, nil, fmt.Errorf("%s: %w (for this instrument alone: --sd %s=SD)", in.Name, ErrNoCohortSD, in.ID)
				}
				return nil, nil, ErrNoCohortSD
			}
		}
		a.UsedBy[id] = opts
	}
	a.Used = s.ChangeOptions
	if len(present) == 1 {
		a.Used = a.UsedBy[present[0]]
	}
	return c, a, nil
}

// present lists the instruments among the pairs, in Instruments() order.
func (a *Analysis) present() []InstrumentID {
	var out []InstrumentID
	for k, n := range a.pairsBy {
		if n > 0 {
			out = append(out, instruments[k].ID)
		}
	}
	return out
}

func countOf(a *Analysis, id InstrumentID) int { return a.pairsBy[instrumentIndex(id)] }

// allSame reports whether every instrument present was classified with the
// same options.
func allSame(a *Analysis, present []InstrumentID) bool {
	for _, id := range present {
		if a.UsedBy[id] != a.UsedBy[present[0]] {
			return false
		}
	}
	return true
}

// describeAnalysis is the method line: the method once when every
// instrument among the pairs used the same options, else each instrument's;
// then the pairing and the validity rule.
func describeAnalysis(a *Analysis, present []InstrumentID) string {
	s := a.Settings
	var b strings.Builder
	switch {
	case len(present) == 0:
		b.WriteString(s.ChangeOptions.Describe(s.SD == 0, 0))
	case allSame(a, present):
		b.WriteString(a.UsedBy[present[0]].Describe(s.For(present[0]).SD == 0, a.Counts.Pairs))
		if len(present) > 1 && s.Method == EffectSize && s.SD == 0 {
			// The same SD by chance: still say it was each instrument's own.
			b.Reset()
			b.WriteString(perInstrument(a, present))
		}
	default:
		b.WriteString(perInstrument(a, present))
	}
	if s.Pairing == Consecutive {
		b.WriteString("; consecutive pairs")
	} else {
		b.WriteString("; earliest and latest ratings")
	}
	b.WriteString("; ")
	b.WriteString(s.Validity(present))
	return b.String()
}

// perInstrument describes each instrument's options, "HoNOS: …; cut-off 11
// | HoNOSCA: …".
func perInstrument(a *Analysis, present []InstrumentID) string {
	parts := make([]string, len(present))
	for i, id := range present {
		parts[i] = MustInstrument(id).Name + ": " + a.UsedBy[id].Describe(a.Settings.For(id).SD == 0, countOf(a, id))
	}
	return strings.Join(parts, " | ")
}
