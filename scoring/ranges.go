package scoring

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// MinRangeGroup is the smallest number of pairs for which expected-change
// figures are given: a group of fewer pairs is suppressed and shown only as
// "fewer than 10", so that a range file carries no identifiable data
// (project reference, "Cohorts and normal ranges").
const MinRangeGroup = 10

// RangeFormat is the format name written in every range file.
const RangeFormat = "honoscope-expected-change-ranges"

// RangeVersion is the version of the range file format this package writes
// and reads.
const RangeVersion = 1

// QuantileMethod names how Q1, median and Q3 are computed: linear
// interpolation between order statistics, definition 7 of Hyndman & Fan 1996
// (The American Statistician 50:361), the default of R's quantile() and of
// spreadsheet QUARTILE.INC. For sorted x₁…xₙ and probability p, h = (n−1)p
// and Q(p) = x⌊h⌋+1 + (h−⌊h⌋)(x⌊h⌋+2 − x⌊h⌋+1).
const QuantileMethod = "linear interpolation (Hyndman & Fan 1996, definition 7; R type 7)"

// MaxRangeFile is the largest range file ReadRangeFile reads, in bytes.
const MaxRangeFile = 1 << 20

// maxRangeGroups bounds the groups of a range file read from outside.
const maxRangeGroups = 10000

// maxLabel bounds the length of a setting label in a range file.
const maxLabel = 200

// Suppressed returns the text written for a suppressed group:
// "fewer than 10 pairs".
func Suppressed() string { return fmt.Sprintf("fewer than %d pairs", MinRangeGroup) }

// RangeMethod records the reliable-change method and its parameters, so a
// reader of the file knows how "% reliably improved" was judged (Burgess,
// Pirkis & Coombs 2009: the method changes the figure a great deal).
type RangeMethod struct {
	// Name is the method's command-line name: threshold, jt or es.
	Name string `json:"name"`
	// Description is the method with its source, for people reading the file.
	Description string `json:"description"`
	// Threshold is the fixed threshold in points (threshold method only).
	Threshold float64 `json:"threshold,omitempty"`
	// SD is the SD of baseline totals (jt; es when the cohort had at least
	// MinRangeGroup pairs, since an SD of fewer totals could reveal them).
	SD float64 `json:"sd,omitempty"`
	// Reliability is the reliability coefficient r (jt only).
	Reliability float64 `json:"reliability,omitempty"`
	// EffectSize is the effect size counted as significant (es only).
	EffectSize float64 `json:"effect_size,omitempty"`
	// Cutoff is the clinical cut-off.
	Cutoff int `json:"cutoff"`
}

// RangeGroup is the expected change of one group of pairs: one instrument,
// one baseline severity band, one setting. A suppressed group has
// Suppressed set and no figures.
type RangeGroup struct {
	// Instrument is the instrument rated.
	Instrument InstrumentID `json:"instrument"`
	// Band is the baseline's indicative severity band (BandLabel).
	Band string `json:"band"`
	// Setting is the baseline rating's setting label; "" when not recorded.
	Setting string `json:"setting"`
	// Suppressed is Suppressed() for a group of fewer than MinRangeGroup pairs.
	Suppressed string `json:"suppressed,omitempty"`
	// Pairs is the number of pairs (absent when suppressed).
	Pairs int `json:"pairs,omitempty"`
	// Q1, Median and Q3 are quartiles of the change of the total
	// (follow-up − baseline; negative = fewer problems), by QuantileMethod.
	Q1 *float64 `json:"q1,omitempty"`
	// Median is the median change.
	Median *float64 `json:"median,omitempty"`
	// Q3 is the upper quartile of change.
	Q3 *float64 `json:"q3,omitempty"`
	// ReliablyImproved is the percentage of pairs with a reliable
	// improvement (recovered or improved), rounded to one decimal place.
	ReliablyImproved *float64 `json:"reliably_improved_percent,omitempty"`
}

// RangeFile is a trust's expected-change ranges ("normal ranges", seed
// report p. 37): aggregates only — no patient label, no date of any rating,
// no individual score. It is written as small versioned JSON.
type RangeFile struct {
	// Format is RangeFormat.
	Format string `json:"format"`
	// Version is RangeVersion.
	Version int `json:"version"`
	// Created is the day the file was made, YYYY-MM-DD (no time of day).
	Created string `json:"created"`
	// Method is the reliable-change method used.
	Method RangeMethod `json:"method"`
	// Quantiles is QuantileMethod.
	Quantiles string `json:"quantiles"`
	// MinGroup is MinRangeGroup at the time of writing.
	MinGroup int `json:"min_group"`
	// ByInstrument holds each instrument's method where the instruments
	// were classified with different options (per-instrument settings, or
	// the effect-size SD of each instrument's own pairs); Method is then
	// the settings' own.
	ByInstrument map[InstrumentID]RangeMethod `json:"by_instrument,omitempty"`
	// Groups are the groups in order of instrument, band and setting.
	Groups []RangeGroup `json:"groups"`
}

// Quantile returns the p-quantile (0 ≤ p ≤ 1) of sorted by linear
// interpolation (QuantileMethod), or NaN for no values.
func Quantile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 || math.IsNaN(p) {
		return math.NaN()
	}
	p = math.Min(math.Max(p, 0), 1)
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// BuildRanges computes the expected-change ranges of classified pairs (see
// ClassifyPairs), grouped by instrument × baseline severity band × setting of
// the baseline rating. used are the options ClassifyPairs returned; created
// is the day of making.
func BuildRanges(pairs []Pair, used ChangeOptions, created Date) RangeFile {
	t := NewRangeTally()
	for i := range pairs {
		t.Add(&pairs[i])
	}
	return t.File(used, created)
}

// RangeTally counts what the expected-change ranges need of each pair as
// the pairs come: per group, how many pairs changed by each amount and how
// many improved reliably. It grows with the groups and the amounts of
// change seen, not with the pairs, so that the ranges of a national
// export's millions of pairs need no list of them. Its ranges are
// BuildRanges' to the last bit (QuantileCounts).
type RangeTally struct {
	groups map[rangeKey]*rangeCount
	keys   []rangeKey
	pairs  int
}

type rangeKey struct {
	in      InstrumentID
	band    string
	setting string
}

type rangeCount struct {
	n, improved int
	changes     map[int]int
}

// NewRangeTally returns an empty tally.
func NewRangeTally() *RangeTally { return &RangeTally{groups: map[rangeKey]*rangeCount{}} }

// Add counts a classified pair; one without an instrument is counted among
// the pairs but in no group.
func (t *RangeTally) Add(p *Pair) {
	t.pairs++
	if p.Instrument == nil {
		return
	}
	k := rangeKey{p.Instrument.ID, BandLabel(&p.BaselineScores), p.Baseline.Setting}
	a := t.groups[k]
	if a == nil {
		a = &rangeCount{changes: map[int]int{}}
		t.groups[k] = a
		t.keys = append(t.keys, k)
	}
	a.n++
	a.changes[p.FollowupScores.Total-p.BaselineScores.Total]++
	if p.Change.Reliable == ReliableImprovement {
		a.improved++
	}
}

// File returns the ranges of the pairs counted, classified with used, made
// on created.
func (t *RangeTally) File(used ChangeOptions, created Date) RangeFile {
	keys := slices.Clone(t.keys)
	sort.Slice(keys, func(a, b int) bool {
		ka, kb := keys[a], keys[b]
		if x, y := instrumentOrder(ka.in), instrumentOrder(kb.in); x != y {
			return x < y
		}
		if x, y := bandOrder(ka.band), bandOrder(kb.band); x != y {
			return x < y
		}
		return ka.setting < kb.setting
	})
	f := RangeFile{
		Format: RangeFormat, Version: RangeVersion, Created: created.String(),
		Method: rangeMethod(used, t.pairs), Quantiles: QuantileMethod, MinGroup: MinRangeGroup,
		Groups: make([]RangeGroup, 0, len(keys)),
	}
	for _, k := range keys {
		a := t.groups[k]
		g := RangeGroup{Instrument: k.in, Band: k.band, Setting: k.setting}
		if a.n < MinRangeGroup {
			g.Suppressed = Suppressed()
			f.Groups = append(f.Groups, g)
			continue
		}
		g.Pairs = a.n
		q1, med, q3 := QuantileCounts(a.changes, a.n, 0.25), QuantileCounts(a.changes, a.n, 0.5), QuantileCounts(a.changes, a.n, 0.75)
		pct := math.Round(1000*float64(a.improved)/float64(a.n)) / 10
		g.Q1, g.Median, g.Q3, g.ReliablyImproved = &q1, &med, &q3, &pct
		f.Groups = append(f.Groups, g)
	}
	return f
}

// QuantileCounts is Quantile of the n whole numbers counted in counts
// (how many times each occurs): the same interpolation between the same
// two values, found by walking the values in order rather than sorting a
// list of them all.
func QuantileCounts(counts map[int]int, n int, p float64) float64 {
	if n == 0 || math.IsNaN(p) {
		return math.NaN()
	}
	values := make([]int, 0, len(counts))
	for v := range counts {
		values = append(values, v)
	}
	slices.Sort(values)
	// at returns the i-th smallest number, from 0.
	at := func(i int) float64 {
		for _, v := range values {
			if i < counts[v] {
				return float64(v)
			}
			i -= counts[v]
		}
		return float64(values[len(values)-1])
	}
	p = math.Min(math.Max(p, 0), 1)
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return at(n - 1)
	}
	return at(lo) + (h-float64(lo))*(at(lo+1)-at(lo))
}

func rangeMethod(o ChangeOptions, pairs int) RangeMethod {
	m := RangeMethod{Name: o.Method.Flag(), Description: o.Method.String(), Cutoff: o.Cutoff}
	switch o.Method {
	case Threshold:
		m.Threshold = o.Threshold
	case JacobsonTruax:
		m.SD, m.Reliability = o.SD, o.Reliability
	case EffectSize:
		m.EffectSize = o.EffectSize
		if pairs >= MinRangeGroup {
			m.SD = o.SD
		}
	}
	return m
}

// Options returns the change options the method describes. For es without
// an SD the SD is 0 (the cohort's own, not recorded).
func (m RangeMethod) Options() (ChangeOptions, error) {
	meth, err := ParseMethod(m.Name)
	if err != nil {
		return ChangeOptions{}, err
	}
	o := ChangeOptions{Method: meth, Threshold: m.Threshold, SD: m.SD, Reliability: m.Reliability, EffectSize: m.EffectSize, Cutoff: m.Cutoff}
	return o, o.Validate()
}

// WriteTo writes the file as indented JSON followed by a newline.
func (f *RangeFile) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return 0, err
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// Validate checks that the file is one this version can use: the format and
// version, a day-resolution creation date, a usable method, and groups with a
// known instrument and band, a unique key, and either the suppression note
// and no figures, or at least MinGroup pairs with Q1 ≤ median ≤ Q3 and a
// percentage from 0 to 100. The error says what is wrong.
func (f *RangeFile) Validate() error {
	if f.Format != RangeFormat {
		return fmt.Errorf("this is not a Honoscope range file: \"format\" must be %q", RangeFormat)
	}
	if f.Version > RangeVersion {
		return fmt.Errorf("\"version\" is %d, newer than this Honoscope reads (%d): update Honoscope", f.Version, RangeVersion)
	}
	if f.Version != RangeVersion {
		return fmt.Errorf("\"version\" must be %d", RangeVersion)
	}
	if _, err := ParseDate(f.Created); err != nil {
		return fmt.Errorf("\"created\": %v", err)
	}
	if err := f.Method.validate(); err != nil {
		return err
	}
	if f.Quantiles != QuantileMethod {
		return fmt.Errorf("\"quantiles\" must be %q", QuantileMethod)
	}
	if f.MinGroup < MinRangeGroup {
		return fmt.Errorf("\"min_group\" is %d: groups of fewer than %d pairs must be suppressed, so it must be at least %d", f.MinGroup, MinRangeGroup, MinRangeGroup)
	}
	if len(f.Groups) > maxRangeGroups {
		return fmt.Errorf("the file has %d groups, more than %d: check that this is the right file", len(f.Groups), maxRangeGroups)
	}
	seen := map[[3]string]bool{}
	for i := range f.Groups {
		if err := f.Groups[i].validate(f.MinGroup); err != nil {
			return fmt.Errorf("group %d: %v", i+1, err)
		}
		g := &f.Groups[i]
		k := [3]string{string(g.Instrument), g.Band, g.Setting}
		if seen[k] {
			return fmt.Errorf("group %d repeats instrument %q, band %q, setting %q: keep one", i+1, g.Instrument, g.Band, g.Setting)
		}
		seen[k] = true
	}
	return nil
}

func (m *RangeMethod) validate() error {
	if _, err := m.Options(); err != nil {
		return fmt.Errorf("\"method\": %v", err)
	}
	if len(m.Description) > maxLabel || !utf8.ValidString(m.Description) {
		return fmt.Errorf("\"method\": \"description\" must be UTF-8 text of at most %d bytes", maxLabel)
	}
	return nil
}

func (g *RangeGroup) validate(minGroup int) error {
	in, err := LookupInstrument(string(g.Instrument))
	if err != nil || string(in.ID) != string(g.Instrument) {
		return fmt.Errorf("\"instrument\" must be honos, honos65 or honosca")
	}
	if in.ID == HoNOSCA {
		if g.Band != NotBanded {
			return fmt.Errorf("\"band\" of a HoNOSCA group must be %q (no severity band is published for HoNOSCA)", NotBanded)
		}
	} else if g.Band != "mild" && g.Band != "moderate" && g.Band != "severe" {
		return fmt.Errorf("\"band\" must be mild, moderate or severe")
	}
	if !utf8.ValidString(g.Setting) || len(g.Setting) > maxLabel || strings.TrimSpace(g.Setting) != g.Setting {
		return fmt.Errorf("\"setting\" must be UTF-8 text of at most %d bytes without surrounding spaces", maxLabel)
	}
	figures := g.Q1 != nil || g.Median != nil || g.Q3 != nil || g.ReliablyImproved != nil || g.Pairs != 0
	if g.Suppressed != "" {
		if g.Suppressed != Suppressed() {
			return fmt.Errorf("\"suppressed\" must be %q", Suppressed())
		}
		if figures {
			return fmt.Errorf("a suppressed group must carry no figures: remove \"pairs\", \"q1\", \"median\", \"q3\" and \"reliably_improved_percent\"")
		}
		return nil
	}
	if g.Pairs < minGroup {
		return fmt.Errorf("\"pairs\" is %d: a group of fewer than %d pairs must be suppressed", g.Pairs, minGroup)
	}
	if g.Q1 == nil || g.Median == nil || g.Q3 == nil || g.ReliablyImproved == nil {
		return fmt.Errorf("a group needs \"q1\", \"median\", \"q3\" and \"reliably_improved_percent\"")
	}
	lim := float64(2 * MaxCode * MaxItems)
	for _, v := range [...]float64{*g.Q1, *g.Median, *g.Q3} {
		if !(v >= -lim && v <= lim) {
			return fmt.Errorf("a quartile of change is %v: it must lie between −%v and %v", v, lim, lim)
		}
	}
	if !(*g.Q1 <= *g.Median && *g.Median <= *g.Q3) {
		return fmt.Errorf("quartiles out of order: q1 ≤ median ≤ q3 must hold")
	}
	if p := *g.ReliablyImproved; !(p >= 0 && p <= 100) {
		return fmt.Errorf("\"reliably_improved_percent\" is %v: it must be from 0 to 100", p)
	}
	return nil
}

// ReadRangeFile reads and validates a range file. Errors name the line and
// column ("line 4, column 7: …") and say what to fix; unknown fields are
// errors.
func ReadRangeFile(r io.Reader) (*RangeFile, error) {
	d, err := readJSONDoc(r, MaxRangeFile, "range file")
	if err != nil {
		return nil, err
	}
	var f RangeFile
	var groupAt []int64
	fieldAt := map[string]int64{}
	num := func(dst *float64, name string) func(at int64) error {
		return func(at int64) error {
			return d.value(at, dst, fmt.Sprintf("%q must be a number", name))
		}
	}
	err = d.object(d.start(), "the range file", map[string]func(at int64) error{
		"format": func(at int64) error {
			fieldAt["format"] = at
			return d.value(at, &f.Format, `"format" must be text`)
		},
		"version": func(at int64) error {
			fieldAt["version"] = at
			return d.value(at, &f.Version, `"version" must be a whole number`)
		},
		"created": func(at int64) error {
			fieldAt["created"] = at
			return d.value(at, &f.Created, `"created" must be a date written "YYYY-MM-DD"`)
		},
		"quantiles": func(at int64) error {
			fieldAt["quantiles"] = at
			return d.value(at, &f.Quantiles, `"quantiles" must be text`)
		},
		"min_group": func(at int64) error {
			fieldAt["min_group"] = at
			return d.value(at, &f.MinGroup, `"min_group" must be a whole number`)
		},
		"method": func(at int64) error {
			fieldAt["method"] = at
			m := &f.Method
			return d.object(at, `"method"`, map[string]func(at int64) error{
				"name":        func(at int64) error { return d.value(at, &m.Name, `"name" must be threshold, jt or es`) },
				"description": func(at int64) error { return d.value(at, &m.Description, `"description" must be text`) },
				"threshold":   num(&m.Threshold, "threshold"),
				"sd":          num(&m.SD, "sd"),
				"reliability": num(&m.Reliability, "reliability"),
				"effect_size": num(&m.EffectSize, "effect_size"),
				"cutoff":      func(at int64) error { return d.value(at, &m.Cutoff, `"cutoff" must be a whole number`) },
			})
		},
		"groups": func(at int64) error {
			fieldAt["groups"] = at
			return d.array(at, `"groups" must be a list of groups`, func(i int, at int64) error {
				if i >= maxRangeGroups {
					return d.errorf(at, "more than %d groups: check that this is the right file", maxRangeGroups)
				}
				groupAt = append(groupAt, at)
				var g RangeGroup
				opt := func(dst **float64, name string) func(at int64) error {
					return func(at int64) error {
						var v float64
						*dst = &v
						return num(&v, name)(at)
					}
				}
				err := d.object(at, fmt.Sprintf("group %d", i+1), map[string]func(at int64) error{
					"instrument": func(at int64) error {
						var s string
						err := d.value(at, &s, `"instrument" must be honos, honos65 or honosca`)
						g.Instrument = InstrumentID(s)
						return err
					},
					"band":                      func(at int64) error { return d.value(at, &g.Band, `"band" must be text`) },
					"setting":                   func(at int64) error { return d.value(at, &g.Setting, `"setting" must be text`) },
					"suppressed":                func(at int64) error { return d.value(at, &g.Suppressed, `"suppressed" must be text`) },
					"pairs":                     func(at int64) error { return d.value(at, &g.Pairs, `"pairs" must be a whole number`) },
					"q1":                        opt(&g.Q1, "q1"),
					"median":                    opt(&g.Median, "median"),
					"q3":                        opt(&g.Q3, "q3"),
					"reliably_improved_percent": opt(&g.ReliablyImproved, "reliably_improved_percent"),
				})
				f.Groups = append(f.Groups, g)
				return err
			})
		},
	})
	if err != nil {
		return nil, err
	}
	if err := d.end(); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, d.locateRangeError(&f, err, fieldAt, groupAt)
	}
	return &f, nil
}

// locateRangeError places a validation error at the group or field that
// causes it.
func (d *jsonDoc) locateRangeError(f *RangeFile, err error, fieldAt map[string]int64, groupAt []int64) error {
	at := d.skip(0)
	msg := err.Error()
	for i := len(groupAt) - 1; i >= 0; i-- {
		if strings.HasPrefix(msg, fmt.Sprintf("group %d ", i+1)) || strings.HasPrefix(msg, fmt.Sprintf("group %d:", i+1)) {
			return d.errorf(groupAt[i], "%s", msg)
		}
	}
	for _, name := range [...]string{"format", "version", "created", "method", "quantiles", "min_group"} {
		if a, ok := fieldAt[name]; ok && strings.Contains(msg, `"`+name+`"`) {
			return d.errorf(a, "%s", msg)
		}
	}
	if a, ok := fieldAt["format"]; ok && f.Format != RangeFormat {
		at = a
	}
	return d.errorf(at, "%s", msg)
}
