package scoring

// MaxGroups is the largest number of groups a grouping may have, so that
// scores of groups fit in fixed arrays without allocation.
const MaxGroups = 8

// Rules are the project choices that shape the scores of one rating.
// The zero value is not usable; start from DefaultRules.
type Rules struct {
	// MaxUnknown is the number of scored items that may be unknown while the
	// total stays valid (default MaxUnknownDefault = 2).
	MaxUnknown int
	// Prorate asks for ProratedTotal: the mean of the rated items times the
	// number of scored items. No published pro-rating rule was found
	// (project reference), so it is off by default and never replaces Total.
	Prorate bool
}

// DefaultRules returns the project's default rules: at most 2 unknown scored
// items, no pro-rating.
func DefaultRules() Rules { return Rules{MaxUnknown: MaxUnknownDefault} }

// Scores are the derived scores of one rating.
type Scores struct {
	// Total is the sum of the scored items rated 0–4; unknown items add
	// nothing (METEOR 676214; METEOR 575041 for HoNOSCA items 1–13).
	Total int
	// MaxTotal is the highest possible total for the instrument.
	MaxTotal int
	// ValidItems counts the scored items rated 0–4.
	ValidItems int
	// ScoredItems is the number of scored items of the instrument.
	ScoredItems int
	// TotalValid reports whether at most Rules.MaxUnknown scored items are unknown.
	TotalValid bool
	// ProratedTotal is set only when Rules.Prorate is on and the total is valid.
	ProratedTotal float64
	// Groups holds the score of each group of the grouping used (by default
	// the instrument's subscales); only the first NGroups entries are used.
	Groups [MaxGroups]int
	// GroupValid reports, per group, whether every item of it is rated 0–4;
	// a subscale is reported only then (project reference).
	GroupValid [MaxGroups]bool
	// NGroups is the number of groups scored.
	NGroups int
	// Significant counts clinically significant scored items (rated 2–4;
	// James et al. 2018).
	Significant int
	// Severity is the indicative severity band of a valid HoNOS or HoNOS 65+
	// total (Parabiaghi et al. 2014); SeverityNone otherwise.
	Severity Severity
}

// Unknown returns the number of scored items not rated 0–4.
func (s *Scores) Unknown() int { return s.ScoredItems - s.ValidItems }

// Group returns the score of group i and whether it is computable.
func (s *Scores) Group(i int) (int, bool) {
	if i < 0 || i >= s.NGroups {
		return 0, false
	}
	return s.Groups[i], s.GroupValid[i]
}

// Score computes the scores of r with the instrument's own subscales.
// It never allocates. A rating without an instrument scores as empty.
func Score(r *Rating, rules Rules) Scores {
	if r.Instrument == nil {
		return Scores{}
	}
	return ScoreItems(r.Instrument, &r.Items, &r.Instrument.Subscales, rules)
}

// ScoreItems computes the scores of the codes in items for instrument in,
// grouped by g (nil for no groups). Items beyond in's own are ignored.
// It never allocates and never panics on any code value: a code outside
// 0–4 counts as unknown.
func ScoreItems(in *Instrument, items *[MaxItems]Code, g *Grouping, rules Rules) (s Scores) {
	n := in.Scored
	if n > MaxItems {
		n = MaxItems
	}
	s.ScoredItems, s.MaxTotal = n, MaxCode*n
	// rated has bit i set when item i+1 is rated 0–4, so that groups are
	// checked without a second pass over the codes.
	var rated uint32
	total, valid, significant := 0, 0, 0
	for i, c := range items[:n] {
		if c <= MaxCode {
			total += int(c)
			valid++
			rated |= 1 << uint(i)
			if c >= Mild {
				significant++
			}
		}
	}
	s.Total, s.ValidItems, s.Significant = total, valid, significant
	s.TotalValid = n-valid <= rules.MaxUnknown
	if s.TotalValid {
		if rules.Prorate && valid > 0 {
			s.ProratedTotal = float64(total) * float64(n) / float64(valid)
		}
		s.Severity = IndicativeSeverity(in.ID, total)
	}
	if g == nil {
		return s
	}
	groups := g.Groups
	if len(groups) > MaxGroups {
		groups = groups[:MaxGroups]
	}
	s.NGroups = len(groups)
	for gi := range groups {
		sum, ok := 0, len(groups[gi].Items) > 0
		for _, it := range groups[gi].Items {
			k := uint(it - 1)
			if k >= MaxItems || rated&(1<<k) == 0 {
				ok = false
				break
			}
			sum += int(items[k])
		}
		if ok {
			s.Groups[gi], s.GroupValid[gi] = sum, true
		}
	}
	return s
}

// ValidTotal reports whether items give a valid total of in under rules
// (ScoreItems' TotalValid: at most rules.MaxUnknown scored items unknown),
// without working out the rest.
func ValidTotal(in *Instrument, items *[MaxItems]Code, rules Rules) bool {
	n := min(in.Scored, MaxItems)
	unknown := 0
	for _, c := range items[:n] {
		if c > MaxCode {
			unknown++
		}
	}
	return unknown <= rules.MaxUnknown
}

// Severity is an indicative severity band of a total.
type Severity uint8

// Indicative severity bands of a HoNOS or HoNOS 65+ total (Parabiaghi et al.
// 2014, Soc Psychiatry Psychiatr Epidemiol 49:291): under 10 mild, 10–12
// moderate, 13 or more severe. Indicative only; no band is defined for HoNOSCA.
const (
	// SeverityNone means no band applies (HoNOSCA, or an invalid total).
	SeverityNone Severity = iota
	// SeverityMild is a total under ModerateFrom.
	SeverityMild
	// SeverityModerate is a total from ModerateFrom to SevereFrom−1.
	SeverityModerate
	// SeveritySevere is a total of SevereFrom or more.
	SeveritySevere
)

// ModerateFrom is the lowest HoNOS total in the moderate band (Parabiaghi et
// al. 2014, SPPE 49:291).
const ModerateFrom = 10

// SevereFrom is the lowest HoNOS total in the severe band (Parabiaghi et al.
// 2014, SPPE 49:291).
const SevereFrom = 13

// IndicativeSeverity returns the band of a valid total for the instrument:
// HoNOS and HoNOS 65+ only (Parabiaghi et al. 2014).
func IndicativeSeverity(id InstrumentID, total int) Severity {
	if id != HoNOS && id != HoNOS65 {
		return SeverityNone
	}
	switch {
	case total >= SevereFrom:
		return SeveritySevere
	case total >= ModerateFrom:
		return SeverityModerate
	}
	return SeverityMild
}

// String returns "mild", "moderate", "severe", or "" for none.
func (s Severity) String() string {
	switch s {
	case SeverityMild:
		return "mild"
	case SeverityModerate:
		return "moderate"
	case SeveritySevere:
		return "severe"
	}
	return ""
}
