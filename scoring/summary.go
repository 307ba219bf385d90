package scoring

import (
	"sort"
	"strings"
)

// Dimensions is a set of dimensions by which pairs are grouped for a cohort
// summary (project reference, "Cohorts and normal ranges": grouped by team,
// setting, occasion, baseline severity band and instrument). Combine them
// with |; the zero value puts every pair in one group.
type Dimensions uint8

// The grouping dimensions. Team, setting and occasion are taken from the
// baseline rating of each pair (project choice: a pair belongs where its
// episode of care started, so a patient who moves team between ratings is
// counted once, with the team that took the first rating).
const (
	// ByTeam groups by the baseline rating's team label.
	ByTeam Dimensions = 1 << iota
	// BySetting groups by the baseline rating's setting label.
	BySetting
	// ByOccasion groups by the baseline rating's occasion label.
	ByOccasion
	// ByBand groups by the indicative severity band of the baseline total
	// (BandLabel).
	ByBand
	// ByInstrument groups by instrument.
	ByInstrument
)

// NotBanded is the band label of a baseline with no indicative severity band:
// every HoNOSCA total, since Parabiaghi et al. (2014) defined bands for HoNOS
// only and no band is published for HoNOSCA.
const NotBanded = "not banded"

// bandLabels lists the band labels in report order.
var bandLabels = [...]string{"mild", "moderate", "severe", NotBanded}

// BandLabel returns the label of the indicative severity band of scores:
// "mild", "moderate" or "severe" for a valid HoNOS or HoNOS 65+ total
// (Parabiaghi et al. 2014, SPPE 49:291), NotBanded otherwise (HoNOSCA, or an
// invalid total).
func BandLabel(s *Scores) string {
	if s.Severity == SeverityNone {
		return NotBanded
	}
	return s.Severity.String()
}

func bandOrder(label string) int {
	for i, b := range bandLabels {
		if b == label {
			return i
		}
	}
	return len(bandLabels)
}

func instrumentOrder(id InstrumentID) int {
	for i, in := range instruments {
		if in.ID == id {
			return i
		}
	}
	return len(instruments)
}

// GroupKey identifies a group of pairs. Only the fields of the dimensions
// asked for are set; the others are empty. An empty Team, Setting or Occasion
// of a selected dimension means the label was not recorded.
type GroupKey struct {
	// Instrument is set when grouping ByInstrument.
	Instrument InstrumentID
	// Band is set when grouping ByBand (see BandLabel).
	Band string
	// Team, Setting and Occasion are set when grouping by them.
	Team, Setting, Occasion string
}

func keyOf(p *Pair, by Dimensions) GroupKey {
	var k GroupKey
	if by&ByInstrument != 0 && p.Instrument != nil {
		k.Instrument = p.Instrument.ID
	}
	if by&ByBand != 0 {
		k.Band = BandLabel(&p.BaselineScores)
	}
	if by&ByTeam != 0 {
		k.Team = p.Baseline.Team
	}
	if by&BySetting != 0 {
		k.Setting = p.Baseline.Setting
	}
	if by&ByOccasion != 0 {
		k.Occasion = p.Baseline.Occasion
	}
	return k
}

// less orders keys: instrument in display order, band from mild to not
// banded, then team, setting and occasion alphabetically.
func (k GroupKey) less(o GroupKey) bool {
	if a, b := instrumentOrder(k.Instrument), instrumentOrder(o.Instrument); a != b {
		return a < b
	}
	if a, b := bandOrder(k.Band), bandOrder(o.Band); a != b {
		return a < b
	}
	if k.Team != o.Team {
		return k.Team < o.Team
	}
	if k.Setting != o.Setting {
		return k.Setting < o.Setting
	}
	return k.Occasion < o.Occasion
}

// GroupChange is the mean change of one group of items (a subscale, or a
// group of a custom grouping) over the pairs where it is computable at both
// ratings, that is every item of it rated 0–4 both times.
type GroupChange struct {
	// Grouping is the name of the grouping, e.g. "Wing subscales".
	Grouping string
	// Name is the group's name, e.g. "Behaviour".
	Name string
	// Pairs is the number of pairs where the group is computable at both.
	Pairs int
	// MeanChange is the mean of follow-up − baseline over those pairs; 0 when
	// Pairs is 0.
	MeanChange float64
	sum        int
}

// ItemShare is the categorical change of one item over a group of pairs
// (Crawford, Zoha, Macdonald & Kingdon 2017, BJPsych Bulletin 41:172).
type ItemShare struct {
	// Item is the item number, from 1.
	Item int
	// Assessable is the number of pairs where the item is rated 0–4 at both.
	Assessable int
	// HighLow is the number of those pairs moving high (3–4) to low (0–2):
	// improved.
	HighLow int
	// LowHigh is the number moving low to high: deteriorated.
	LowHigh int
}

// HighLowShare returns HighLow / Assessable, or 0 when none is assessable.
func (s ItemShare) HighLowShare() float64 { return ratio(s.HighLow, s.Assessable) }

// LowHighShare returns LowHigh / Assessable, or 0 when none is assessable.
func (s ItemShare) LowHighShare() float64 { return ratio(s.LowHigh, s.Assessable) }

// InstrumentDetail holds the parts of a summary that belong to one
// instrument: subscales and items differ between instruments (HoNOSCA's
// Behaviour is items 1–4, HoNOS's items 1–3; HoNOSCA item 7 is not HoNOS
// item 7), so they are never pooled across instruments.
type InstrumentDetail struct {
	// Instrument is the instrument.
	Instrument *Instrument
	// Pairs is the number of pairs of this instrument in the group.
	Pairs int
	// Groups holds the change of each built-in subscale, then of each group
	// of the custom grouping when one was given for this instrument.
	Groups []GroupChange
	// Items holds the categorical change of each scored item, item 1 first.
	Items []ItemShare
}

// Summary describes the change of one group of pairs.
type Summary struct {
	// Key identifies the group.
	Key GroupKey
	// Pairs is the number of pairs in the group.
	Pairs int
	// Categories counts pairs per clinical-significance category, indexed
	// by Category.
	Categories [len(Categories)]int
	// MeanChange is the mean change of the total (follow-up − baseline;
	// negative = fewer problems).
	MeanChange float64
	// Instruments holds per-instrument detail, in display order.
	Instruments []InstrumentDetail
	sum         int
}

// Count returns the number of pairs in category c.
func (s *Summary) Count(c Category) int {
	if int(c) >= len(s.Categories) {
		return 0
	}
	return s.Categories[c]
}

// Proportion returns the share of pairs in category c, from 0 to 1.
func (s *Summary) Proportion(c Category) float64 { return ratio(s.Count(c), s.Pairs) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// SummaryOptions configure Summarise.
type SummaryOptions struct {
	// By is the set of dimensions to group by.
	By Dimensions
	// Grouping is an optional custom grouping (such as a trust's four-factor
	// mapping, loaded with ReadGrouping); its groups are summarised for the
	// pairs of its instrument, after the built-in subscales. It must be valid.
	Grouping *Grouping
}

// Summarise groups classified pairs (see ClassifyPairs) by opts.By and
// describes each group: counts and proportions per category, mean change of
// the total, mean change of each subscale and per-item high/low change.
// Groups come in a fixed order (see GroupKey): instrument, band, then team,
// setting and occasion alphabetically. Pairs without an instrument are
// skipped.
func Summarise(pairs []Pair, opts SummaryOptions) []Summary {
	var custom *Grouping
	if opts.Grouping != nil && opts.Grouping.Validate() == nil {
		custom = opts.Grouping
	}
	index := map[GroupKey]int{}
	var out []Summary
	for i := range pairs {
		p := &pairs[i]
		if p.Instrument == nil {
			continue
		}
		k := keyOf(p, opts.By)
		gi, ok := index[k]
		if !ok {
			gi = len(out)
			index[k] = gi
			out = append(out, Summary{Key: k})
		}
		s := &out[gi]
		s.Pairs++
		s.sum += p.FollowupScores.Total - p.BaselineScores.Total
		if int(p.Change.Category) < len(s.Categories) {
			s.Categories[p.Change.Category]++
		}
		d := s.detail(p.Instrument, custom)
		d.add(p, custom)
	}
	for i := range out {
		s := &out[i]
		s.MeanChange = float64(s.sum) / float64(s.Pairs)
		sort.Slice(s.Instruments, func(a, b int) bool {
			return instrumentOrder(s.Instruments[a].Instrument.ID) < instrumentOrder(s.Instruments[b].Instrument.ID)
		})
		for j := range s.Instruments {
			for g := range s.Instruments[j].Groups {
				gc := &s.Instruments[j].Groups[g]
				if gc.Pairs > 0 {
					gc.MeanChange = float64(gc.sum) / float64(gc.Pairs)
				}
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Key.less(out[b].Key) })
	return out
}

// detail returns the summary's detail for instrument in, adding it if new.
func (s *Summary) detail(in *Instrument, custom *Grouping) *InstrumentDetail {
	for i := range s.Instruments {
		if s.Instruments[i].Instrument == in {
			return &s.Instruments[i]
		}
	}
	d := InstrumentDetail{Instrument: in}
	for _, g := range in.Subscales.Groups {
		d.Groups = append(d.Groups, GroupChange{Grouping: in.Subscales.Name, Name: g.Name})
	}
	if custom != nil && strings.EqualFold(string(custom.Instrument), string(in.ID)) {
		for _, g := range custom.Groups {
			d.Groups = append(d.Groups, GroupChange{Grouping: custom.Name, Name: g.Name})
		}
	}
	d.Items = make([]ItemShare, in.Scored)
	for i := range d.Items {
		d.Items[i].Item = i + 1
	}
	s.Instruments = append(s.Instruments, d)
	return &s.Instruments[len(s.Instruments)-1]
}

func (d *InstrumentDetail) add(p *Pair, custom *Grouping) {
	d.Pairs++
	n := len(d.Instrument.Subscales.Groups)
	for g := 0; g < n && g < len(d.Groups); g++ {
		b, okb := p.BaselineScores.Group(g)
		f, okf := p.FollowupScores.Group(g)
		if okb && okf {
			d.Groups[g].Pairs++
			d.Groups[g].sum += f - b
		}
	}
	if len(d.Groups) > n {
		rules := Rules{MaxUnknown: d.Instrument.Scored}
		bs := ScoreItems(d.Instrument, &p.Baseline.Items, custom, rules)
		fs := ScoreItems(d.Instrument, &p.Followup.Items, custom, rules)
		for g := 0; n+g < len(d.Groups); g++ {
			b, okb := bs.Group(g)
			f, okf := fs.Group(g)
			if okb && okf {
				d.Groups[n+g].Pairs++
				d.Groups[n+g].sum += f - b
			}
		}
	}
	for i := range d.Items {
		switch p.Items[i] {
		case ItemNotAssessable:
			continue
		case HighLow:
			d.Items[i].HighLow++
		case LowHigh:
			d.Items[i].LowHigh++
		}
		d.Items[i].Assessable++
	}
}
