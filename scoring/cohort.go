package scoring

import (
	"errors"
	"math"
	"sort"
	"strings"
	"unsafe"
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

// slot is one kept rating, compactly: the series holds the patient and
// the instrument, the cohort the labels (each kept once). A rating is kept
// only while it is a series' earliest or latest, so a national export
// holds about 100 bytes a series, not a copy of every rating.
type slot struct {
	date                    Date
	seq, line               int32
	team, setting, occasion uint32
	items                   [MaxItems]Code
	problem                 ProblemType
	period                  Period
}

func (a *slot) before(b *slot) bool {
	if a.date != b.date {
		return a.date < b.date
	}
	return a.seq < b.seq
}

// series is one patient's valid ratings of one instrument. The patient's
// label is kept once, in the cohort's people table (label, size), so that
// the series hold no pointers for the garbage collector to follow.
type series struct {
	label uint64
	size  uint32
	inst  uint8
	valid int32
	// first is the sequence number of the rating that began the series:
	// series are given out in its order, which is their order of first
	// appearance even when they were held apart in temporary files.
	first            int32
	earliest, latest slot // EarliestLatest mode
}

// seriesBlock is how many series a block of the cohort holds: blocks, not
// one growing slice, so that holding millions never copies them all.
const seriesBlock = 1 << 14

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
// number of patients (about 150 bytes a series), not ratings.
type Cohort struct {
	mode PairMode
	// ruleOf holds each instrument's rules (indexed as Instruments()),
	// looked up once rather than for every rating.
	ruleOf [3]Rules
	people peopleTable
	blocks [][]series // in order of first appearance
	n      int32
	// all holds each series' ratings in Consecutive mode (by series).
	all [][]slot
	// labels are the team, setting and occasion labels, each once.
	labels  []string
	labelID map[string]uint32
	recent  [32]labelSeen // a power of 2 long
	ratings int
	seq     int32
	// pending holds ratings added but not yet placed in their series:
	// they are placed a batch at a time (see place).
	pending []pendingRating
	// names holds the patient labels of the pending ratings: Add copies
	// each, since a reader may lend it only for the call (ReadOptions.Borrow).
	names []byte
	sink  uint64
	// slots counts the ratings held in all, for held.
	slots int
	// blockAhead makes the next slab of series ahead, and slab holds what
	// is left of the last one.
	blockAhead prefaulted[series]
	slab       []series
	// spill, when set, moves what the cohort holds to temporary files once
	// it outgrows its memory limit (see SpillAbove).
	spill spiller
}

// pendingRating is a rating waiting in a batch to be placed.
type pendingRating struct {
	hash    uint64
	patient string
	inst    uint8
	valid   bool
	series  int32
	slot    slot
}

// pendingBatch is how many ratings are placed together: enough for the
// processor to fetch their entries of the people table in parallel, few
// enough to stay in its fastest cache.
const pendingBatch = 256

// NewCohort returns an empty cohort that pairs by mode and judges validity of
// totals by rules.
func NewCohort(mode PairMode, rules Rules) *Cohort {
	return NewCohortRules(mode, func(InstrumentID) Rules { return rules })
}

// NewCohortRules returns an empty cohort that pairs by mode and judges the
// validity of each instrument's totals by its own rules.
func NewCohortRules(mode PairMode, rules func(InstrumentID) Rules) *Cohort {
	c := &Cohort{mode: mode, people: newPeopleTable(), labels: []string{""}, labelID: map[string]uint32{"": 0},
		pending: make([]pendingRating, 0, pendingBatch)}
	for k, in := range instruments {
		c.ruleOf[k] = rules(in.ID)
	}
	return c
}

// newBlock returns a block for the next series: made ahead once the cohort
// has a few, so that a small analysis never makes one it does not use.
func (c *Cohort) newBlock() []series {
	if len(c.blocks) < 2 {
		if len(c.blocks) == 1 {
			c.blockAhead.prepare(seriesBlock * slabBlocks) // a second block: the cohort grows
		}
		return make([]series, seriesBlock)
	}
	if len(c.slab) == 0 {
		c.slab = c.blockAhead.get(seriesBlock * slabBlocks)
	}
	b := c.slab[:seriesBlock:seriesBlock]
	c.slab = c.slab[seriesBlock:]
	return b
}

// slabBlocks is how many blocks of series are made ahead at once: a block
// is 1.8 MB, too little to hold one of the 2 MB pages that Linux gives
// memory advised so (adviseHuge), and a slab of four holds two or three,
// which saves most of its page faults (measured: about a quarter of a
// million-row run's).
const slabBlocks = 4

func (c *Cohort) at(i int32) *series { return &c.blocks[i/seriesBlock][i%seriesBlock] }

func (c *Cohort) label(s string) uint32 {
	// A file has few labels and the reader hands the same string for each
	// (scoring's interner), so a small table found by a cheap hash of the
	// label's length and a few of its bytes answers most lookups with one
	// comparison, and that a pointer compare.
	if s == "" {
		return 0
	}
	r := &c.recent[quickHash(s)&(len(c.recent)-1)]
	if r.s == s {
		return r.id
	}
	id, ok := c.labelID[s]
	if !ok {
		id = uint32(len(c.labels))
		s = strings.Clone(s) // the rating's may be lent (ReadOptions.Borrow)
		c.labels = append(c.labels, s)
		c.labelID[s] = id
	}
	*r = labelSeen{c.labels[id], id}
	return id
}

// labelSeen is a label recently looked up, with its id.
type labelSeen struct {
	s  string
	id uint32
}

func (c *Cohort) slotOf(r *Rating, seq int32) slot {
	return slot{date: r.Date, seq: seq, line: int32(r.Line), items: r.Items, problem: r.ProblemType, period: r.Period,
		team: c.label(r.Team), setting: c.label(r.Setting), occasion: c.label(r.Occasion)}
}

// rating restores a kept rating of s, whose patient is patient.
func (c *Cohort) rating(s *series, patient string, k *slot) Rating {
	return Rating{Patient: patient, Date: k.date, Instrument: instruments[s.inst], Items: k.items, ProblemType: k.problem, Period: k.period,
		Team: c.labels[k.team], Setting: c.labels[k.setting], Occasion: c.labels[k.occasion], Line: int(k.line)}
}

// Add records one rating. A rating without an instrument is ignored; one
// without a valid total is counted but never paired.
func (c *Cohort) Add(r *Rating) {
	if r.Instrument == nil {
		return
	}
	c.ratings++
	c.seq++
	p := pendingRating{hash: c.people.hashOf(r.Patient), patient: r.Patient, inst: uint8(instrumentIndex(r.Instrument.ID))}
	if p.valid = ValidTotal(r.Instrument, &r.Items, c.ruleOf[p.inst]); p.valid {
		p.slot = c.slotOf(r, c.seq)
	}
	if c.spill != nil && c.spill.active() {
		c.spill.rating(p)
		return
	}
	if len(c.names)+len(p.patient) > cap(c.names) {
		// A new array: the labels already pending keep the old one.
		c.names = make([]byte, 0, max(pendingBatch*inlineLabel, 2*len(p.patient)))
	}
	at := len(c.names)
	c.names = append(c.names, p.patient...)
	p.patient = unsafe.String(unsafe.SliceData(c.names[at:]), len(p.patient))
	c.pending = append(c.pending, p)
	if len(c.pending) == pendingBatch {
		c.place()
	}
}

// place puts the pending ratings in their series, in the order they were
// added. Each step runs over the whole batch before the next: reading
// where each label's search starts in the people table and reading each
// series are independent loads that the processor overlaps, so that
// finding or adding each patient and series, and updating the series, find
// what they need in its cache instead of waiting for memory once a rating.
func (c *Cohort) place() {
	t := &c.people
	var sink uint64
	for i := range c.pending {
		sink += t.touch(c.pending[i].hash)
	}
	for i := range c.pending {
		p := &c.pending[i]
		e, _ := t.get(p.hash, p.patient)
		p.patient = "" // the reader's string is not kept
		if !p.valid {
			continue
		}
		k := p.inst
		if e.series[k] == 0 {
			if c.n%seriesBlock == 0 {
				c.blocks = append(c.blocks, c.newBlock())
			}
			c.n++
			e.series[k] = c.n
			*c.at(c.n - 1) = series{label: e.off, size: e.size, inst: k, first: p.slot.seq}
			if c.mode == Consecutive {
				c.all = append(c.all, nil)
			}
		}
		p.series = e.series[k] - 1
	}
	for i := range c.pending {
		if p := &c.pending[i]; p.valid {
			// A series (112 bytes) lies across two or three 64-byte
			// lines: read one byte of each that the update reads.
			s := c.at(p.series)
			sink += uint64(s.valid) + uint64(s.latest.date) + uint64(s.latest.period)
		}
	}
	for i := range c.pending {
		p := &c.pending[i]
		if !p.valid {
			continue
		}
		sr := c.at(p.series)
		sr.valid++
		switch {
		case c.mode == Consecutive:
			c.all[p.series] = append(c.all[p.series], p.slot)
			c.slots++
		case sr.valid == 1:
			sr.earliest, sr.latest = p.slot, p.slot
		default:
			if p.slot.before(&sr.earliest) {
				sr.earliest = p.slot
			}
			if !p.slot.before(&sr.latest) {
				sr.latest = p.slot
			}
		}
	}
	c.pending = c.pending[:0]
	c.names = c.names[:0]
	c.sink += sink
	if c.spill != nil && !c.spill.active() && c.spill.over(c.held()) {
		c.spill.start(c)
	}
}

// Counts returns what the cohort holds.
func (c *Cohort) Counts() Counts {
	if c.spill != nil && c.spill.active() {
		return c.spill.finish(c)
	}
	c.place()
	n := Counts{People: c.people.n, Ratings: c.ratings}
	for i := int32(0); i < c.n; i++ {
		n.add(c.at(i), c.mode)
	}
	return n
}

// add counts series s.
func (n *Counts) add(s *series, mode PairMode) {
	n.ValidRatings += int(s.valid)
	if s.valid == 1 {
		n.Singles++
	} else if mode == Consecutive {
		n.Pairs += int(s.valid) - 1
	} else {
		n.Pairs++
	}
}

// Pairs returns the pairs, series in order of first appearance in the input
// and, in Consecutive mode, each series' pairs in date order. The pairs are
// not yet classified: call ClassifyPairs.
func (c *Cohort) Pairs() []Pair {
	out := make([]Pair, 0, c.Counts().Pairs)
	c.EachPair(func(p *Pair) error {
		out = append(out, *p)
		return nil
	})
	return out
}

// eachSeries calls f with every series of two or more valid ratings in
// order of first appearance, a function giving its patient's label and, in
// Consecutive mode, its ratings in date order, from memory or from the
// temporary files. The label's bytes are valid during the call. It stops at f's first error and returns it, or the
// temporary files' first error.
func (c *Cohort) eachSeries(f func(s *series, patient []byte, all []slot) error) error {
	if c.spill != nil && c.spill.active() {
		return c.spill.each(c, f)
	}
	c.place()
	for i := int32(0); i < c.n; i++ {
		s, all, ok := c.paired(i)
		if !ok {
			continue
		}
		if err := f(s, c.people.bytes(s.label, s.size), all); err != nil {
			return err
		}
	}
	return nil
}

// paired returns series i held in memory and, in Consecutive mode, its
// ratings in date order; ok is false when it has fewer than two valid
// ratings and so no pair.
func (c *Cohort) paired(i int32) (s *series, all []slot, ok bool) {
	s = c.at(i)
	if s.valid < 2 {
		return s, nil, false
	}
	if c.mode == Consecutive {
		all = c.all[i]
		sort.SliceStable(all, func(a, b int) bool { return all[a].before(&all[b]) })
	}
	return s, all, true
}

// EachPair calls f with each pair in the order of Pairs, one at a time (the
// pair is reused: copy it to keep it), and stops at f's first error, which
// it returns, as it returns an error reading the temporary files of a
// cohort that spilled. The pairs are not classified.
func (c *Cohort) EachPair(f func(*Pair) error) error {
	var p Pair
	return c.eachSeries(func(s *series, label []byte, all []slot) error {
		return c.seriesPairs(s, label, all, &p, f)
	})
}

// seriesPairs makes each pair of series s (its patient's label and, in
// Consecutive mode, its ratings in date order) in p and calls f with it,
// stopping at f's first error.
func (c *Cohort) seriesPairs(s *series, label []byte, all []slot, p *Pair, f func(*Pair) error) error {
	rules := c.ruleOf[s.inst]
	patient := string(label)
	if c.mode != Consecutive {
		b, l := c.rating(s, patient, &s.earliest), c.rating(s, patient, &s.latest)
		*p = NewPair(&b, &l, rules)
		return f(p)
	}
	for j := 1; j < len(all); j++ {
		b, l := c.rating(s, patient, &all[j-1]), c.rating(s, patient, &all[j])
		*p = NewPair(&b, &l, rules)
		if err := f(p); err != nil {
			return err
		}
	}
	return nil
}

// baselines calls f with the instrument and the baseline total of each
// pair, in the order of Pairs, without making the pairs. The total is
// worked out only for an instrument scored says (indexed as
// Instruments()), 0 for the rest, whose pairs are only counted.
func (c *Cohort) baselines(scored [3]bool, f func(in *Instrument, total int)) error {
	return c.eachSeries(func(s *series, _ []byte, all []slot) error {
		in := instruments[s.inst]
		rules := c.ruleOf[s.inst]
		total := func(items *[MaxItems]Code) int {
			if !scored[s.inst] {
				return 0
			}
			return ScoreItems(in, items, nil, rules).Total
		}
		if c.mode != Consecutive {
			f(in, total(&s.earliest.items))
			return nil
		}
		for j := 1; j < len(all); j++ {
			f(in, total(&all[j-1].items))
		}
		return nil
	})
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

// ErrNoCohortSD is returned when the effect-size method needs the SD of the
// cohort's baseline totals and it cannot be computed (fewer than two pairs, or
// every baseline the same).
var ErrNoCohortSD = errors.New("the effect-size method needs the SD of baseline totals, and this cohort cannot give one (fewer than 2 pairs, or all baselines equal): set --sd")

// BaselineSD returns the sample standard deviation (n−1) of the pairs'
// baseline totals, the default SD of the effect-size method (METEOR 584024),
// or 0 when there are fewer than two pairs.
func BaselineSD(pairs []Pair) float64 {
	totals := make([]float64, len(pairs))
	for i := range pairs {
		totals[i] = float64(pairs[i].BaselineScores.Total)
	}
	return sdOf(totals)
}

// sdOf is the sample standard deviation (n−1) of x, 0 for fewer than two.
func sdOf(x []float64) float64 {
	n := len(x)
	if n < 2 {
		return 0
	}
	var mean float64
	for _, v := range x {
		mean += v
	}
	mean /= float64(n)
	var ss float64
	for _, v := range x {
		d := v - mean
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
