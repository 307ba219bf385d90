package scoring

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Method is a way of deciding whether a change between two totals is reliable.
type Method uint8

// The reliable-change methods (project reference, "Change between two
// ratings"). The default is the first.
const (
	// Threshold is the fixed-threshold rule of Parabiaghi et al. 2005
	// (Aust N Z J Psychiatry 39:719): a change of 8 or more points is reliable.
	Threshold Method = iota
	// JacobsonTruax is the reliable change index of Jacobson & Truax 1991
	// (J Consult Clin Psychol 59:12): SE = SD·√(1−r), Sdiff = √2·SE,
	// RCI = change / Sdiff, reliable when |RCI| > 1.96.
	JacobsonTruax
	// EffectSize is the Australian KPI "change in consumer's clinical
	// outcomes" (METEOR 584024): ES = (baseline − follow-up) / SD of baseline
	// totals; ES ≥ 0.5 improvement, ES ≤ −0.5 deterioration.
	EffectSize
)

// DefaultThreshold is the fixed reliable-change threshold in points
// (Parabiaghi et al. 2005, ANZJP 39:719).
const DefaultThreshold = 8

// RCICritical is the |RCI| that must be exceeded for a reliable change,
// the two-sided 5% point of the normal distribution (Jacobson & Truax 1991).
const RCICritical = 1.96

// DefaultEffectSize is the effect size counted as significant change, a
// "medium" effect (METEOR 584024; Burgess, Pirkis & Coombs 2009, ANZJP 43:531).
const DefaultEffectSize = 0.5

// DefaultCutoff is the HoNOS total at and above which a score is in the
// clinical range (Parabiaghi et al. 2005, ANZJP 39:719); configurable.
const DefaultCutoff = 11

// ParseMethod reads a method name as used on the command line:
// "threshold", "jt" or "es".
func ParseMethod(s string) (Method, error) {
	switch s {
	case "threshold":
		return Threshold, nil
	case "jt":
		return JacobsonTruax, nil
	case "es":
		return EffectSize, nil
	}
	return 0, fmt.Errorf("unknown method %q: use threshold, jt or es", clip(s))
}

// Flag returns the command-line name of the method.
func (m Method) Flag() string {
	switch m {
	case JacobsonTruax:
		return "jt"
	case EffectSize:
		return "es"
	}
	return "threshold"
}

// String names the method with its source, for printing beside results.
func (m Method) String() string {
	switch m {
	case JacobsonTruax:
		return "Jacobson–Truax reliable change index (Jacobson & Truax 1991)"
	case EffectSize:
		return "effect size (METEOR 584024)"
	}
	return "fixed threshold (Parabiaghi et al. 2005)"
}

// ChangeOptions configure the classification of change.
type ChangeOptions struct {
	// Method is the reliable-change method.
	Method Method
	// Threshold is the fixed threshold in points (Threshold method).
	Threshold float64
	// SD is the standard deviation of baseline totals (JacobsonTruax, and
	// EffectSize; for EffectSize, 0 means "the SD of the cohort's baselines",
	// which the cohort code fills in before classifying).
	SD float64
	// Reliability is the reliability coefficient r (JacobsonTruax).
	Reliability float64
	// EffectSize is the effect size counted as significant (EffectSize).
	EffectSize float64
	// Cutoff is the clinical cut-off: a total ≥ Cutoff is in the clinical range.
	Cutoff int
}

// DefaultChangeOptions returns the defaults: fixed threshold of 8, effect
// size 0.5, cut-off 11. SD and reliability have no default.
func DefaultChangeOptions() ChangeOptions {
	return ChangeOptions{Method: Threshold, Threshold: DefaultThreshold, EffectSize: DefaultEffectSize, Cutoff: DefaultCutoff}
}

// Validate reports options that cannot classify, as a *SettingError saying
// which option to set and to what (in the command line's words).
func (o ChangeOptions) Validate() error {
	bad := func(f Field, format string, a ...any) error {
		return &SettingError{Field: f, Msg: fmt.Sprintf(format, a...)}
	}
	switch o.Method {
	case Threshold:
		if !(o.Threshold > 0) {
			return bad(FieldThreshold, "threshold must be above 0 points (default %d)", DefaultThreshold)
		}
	case JacobsonTruax:
		if !(o.SD > 0) || math.IsInf(o.SD, 0) {
			return bad(FieldSD, "the Jacobson–Truax method needs the SD of baseline totals: set --sd to a number above 0")
		}
		if !(o.Reliability >= 0 && o.Reliability < 1) {
			return bad(FieldReliability, "the Jacobson–Truax method needs the reliability r: set --reliability to a number from 0 up to (not including) 1")
		}
	case EffectSize:
		if !(o.EffectSize > 0) {
			return bad(FieldEffectSize, "effect size must be above 0 (default %g)", DefaultEffectSize)
		}
		if o.SD < 0 || math.IsNaN(o.SD) || math.IsInf(o.SD, 0) {
			return bad(FieldSD, "the SD of baseline totals must be above 0, or left out to use the cohort's own")
		}
	default:
		return bad(FieldMethod, "unknown method %d", o.Method)
	}
	if o.Cutoff < 0 {
		return bad(FieldCutoff, "cut-off must be 0 or more (default %d)", DefaultCutoff)
	}
	return nil
}

// Reliable is the direction of a reliable change, or none.
type Reliable uint8

// Reliable-change outcomes.
const (
	// NoReliableChange means the change is within measurement error: stable.
	NoReliableChange Reliable = iota
	// ReliableImprovement means the total fell reliably (fewer problems).
	ReliableImprovement
	// ReliableDeterioration means the total rose reliably (more problems).
	ReliableDeterioration
)

// String returns "improvement", "no change" or "deterioration".
func (r Reliable) String() string {
	switch r {
	case ReliableImprovement:
		return "improvement"
	case ReliableDeterioration:
		return "deterioration"
	}
	return "no change"
}

// Category is the clinical-significance category of a change (Jacobson &
// Truax 1991, as in the R package clinicalsignificance).
type Category uint8

// Clinical-significance categories (project reference).
const (
	// Unchanged: no reliable change.
	Unchanged Category = iota
	// Recovered: reliable improvement from baseline ≥ cut-off to follow-up < cut-off.
	Recovered
	// Improved: reliable improvement, not recovered.
	Improved
	// Deteriorated: reliable deterioration, not harmed.
	Deteriorated
	// Harmed: reliable deterioration from baseline < cut-off to follow-up ≥ cut-off.
	Harmed
)

// Categories lists the categories in report order.
var Categories = [...]Category{Recovered, Improved, Unchanged, Deteriorated, Harmed}

// String returns the category name: recovered, improved, unchanged,
// deteriorated or harmed.
func (c Category) String() string {
	switch c {
	case Recovered:
		return "recovered"
	case Improved:
		return "improved"
	case Deteriorated:
		return "deteriorated"
	case Harmed:
		return "harmed"
	}
	return "unchanged"
}

// Change is the classified change between two valid totals.
type Change struct {
	// Baseline and Followup are the two totals.
	Baseline, Followup int
	// Delta is Followup − Baseline: negative means fewer problems.
	Delta int
	// Index is the statistic the method compared: the change in points
	// (Threshold), the RCI (JacobsonTruax) or the effect size (EffectSize).
	Index float64
	// Reliable is the reliable-change outcome.
	Reliable Reliable
	// Category is the clinical-significance category.
	Category Category
}

// Classify classifies the change from baseline to followup totals. Both
// totals must be valid (callers check Scores.TotalValid: otherwise the change
// is "not assessable"). opts must pass Validate; for EffectSize, opts.SD must
// already be set (the cohort's own SD when the user gave none).
func Classify(baseline, followup int, opts ChangeOptions) Change {
	c := Change{Baseline: baseline, Followup: followup, Delta: followup - baseline}
	d := float64(c.Delta)
	switch opts.Method {
	case Threshold:
		c.Index = d
		switch {
		case d <= -opts.Threshold:
			c.Reliable = ReliableImprovement
		case d >= opts.Threshold:
			c.Reliable = ReliableDeterioration
		}
	case JacobsonTruax:
		sdiff := math.Sqrt2 * opts.SD * math.Sqrt(1-opts.Reliability)
		if sdiff > 0 {
			c.Index = d / sdiff
		}
		switch {
		case c.Index < -RCICritical:
			c.Reliable = ReliableImprovement
		case c.Index > RCICritical:
			c.Reliable = ReliableDeterioration
		}
	case EffectSize:
		if opts.SD > 0 {
			c.Index = -d / opts.SD
		}
		switch {
		case c.Index >= opts.EffectSize:
			c.Reliable = ReliableImprovement
		case c.Index <= -opts.EffectSize:
			c.Reliable = ReliableDeterioration
		}
	}
	switch c.Reliable {
	case ReliableImprovement:
		c.Category = Improved
		if baseline >= opts.Cutoff && followup < opts.Cutoff {
			c.Category = Recovered
		}
	case ReliableDeterioration:
		c.Category = Deteriorated
		if baseline < opts.Cutoff && followup >= opts.Cutoff {
			c.Category = Harmed
		}
	}
	return c
}

// ReliableChangePoints returns the smallest change in points that the method
// counts as reliable, for drawing the reliable-change band around a baseline:
// the threshold, 1.96·Sdiff, or EffectSize·SD. It returns 0 when the options
// do not define it.
func ReliableChangePoints(opts ChangeOptions) float64 {
	switch opts.Method {
	case Threshold:
		return opts.Threshold
	case JacobsonTruax:
		return RCICritical * math.Sqrt2 * opts.SD * math.Sqrt(1-opts.Reliability)
	case EffectSize:
		return opts.EffectSize * opts.SD
	}
	return 0
}

// ItemChange is the categorical change of one item between two ratings
// (Crawford, Zoha, Macdonald & Kingdon 2017, BJPsych Bulletin 41:172):
// low = 0–2, high = 3–4.
type ItemChange uint8

// Categorical item changes.
const (
	// ItemNotAssessable: either rating is unknown.
	ItemNotAssessable ItemChange = iota
	// LowLow: low at both (unchanged).
	LowLow
	// HighHigh: high at both (unchanged, persisting high).
	HighHigh
	// HighLow: high then low (improved).
	HighLow
	// LowHigh: low then high (deteriorated).
	LowHigh
)

// ClassifyItem returns the categorical change from baseline to followup code.
// HL is improvement and LH deterioration (one public R package swaps them).
func ClassifyItem(baseline, followup Code) ItemChange {
	if !baseline.Rated() || !followup.Rated() {
		return ItemNotAssessable
	}
	switch bh, fh := baseline.High(), followup.High(); {
	case bh && fh:
		return HighHigh
	case bh:
		return HighLow
	case fh:
		return LowHigh
	}
	return LowLow
}

// String returns "LL", "HH", "HL", "LH", or "" when not assessable.
func (c ItemChange) String() string {
	switch c {
	case LowLow:
		return "LL"
	case HighHigh:
		return "HH"
	case HighLow:
		return "HL"
	case LowHigh:
		return "LH"
	}
	return ""
}

// Describe names the method with its source and the numbers it used, for
// printing beside every result, e.g. "fixed threshold (Parabiaghi et al.
// 2005), 8 points; cut-off 11". cohortSD says the effect-size SD was taken
// from the n pairs' baseline totals.
func (o ChangeOptions) Describe(cohortSD bool, n int) string {
	var b strings.Builder
	b.WriteString(o.Method.String())
	switch o.Method {
	case Threshold:
		fmt.Fprintf(&b, ", %s points", shortest(o.Threshold))
	case JacobsonTruax:
		fmt.Fprintf(&b, ", SD %s, reliability %s, reliable change %s points", shortest(o.SD), shortest(o.Reliability), twoPlaces(ReliableChangePoints(o)))
	case EffectSize:
		switch {
		case !cohortSD:
			fmt.Fprintf(&b, ", effect size %s, SD %s", shortest(o.EffectSize), shortest(o.SD))
		case o.SD > 0:
			fmt.Fprintf(&b, ", effect size %s, SD %s (sample SD of the %d baseline totals)", shortest(o.EffectSize), twoPlaces(o.SD), n)
		default:
			fmt.Fprintf(&b, ", effect size %s, no pairs to take the SD from", shortest(o.EffectSize))
		}
	}
	fmt.Fprintf(&b, "; cut-off %d", o.Cutoff)
	return b.String()
}

// shortest writes a number as the user gave it (shortest form).
func shortest(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// twoPlaces writes a computed number to 2 decimal places.
func twoPlaces(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }
