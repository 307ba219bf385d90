// Package explain puts Honoscope's results into words: the change sentence a
// clinician reads beside the charts (with the method always printed), and the
// plain-language text of the patient's own profile (our own everyday words,
// reading age about 11, no codes or jargon).
//
// HoNOS, HoNOS 65+ and HoNOSCA © Royal College of Psychiatrists. The item
// descriptions here are the project's own words, not glossary wording.
//
// The package is pure Go (no go-app, no syscall/js, no storage).
package explain

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"honoscope/app/words"

	"honoscope/scoring"
)

// Change explains the change of the total from the baseline (earlier) to the
// follow-up (later) rating in one or two sentences, for the clinician:
//
//	Total fell from 22 to 12 (−10): a reliable improvement (8-point rule,
//	Parabiaghi 2005) and now below the clinical cut-off of 11: recovered.
//
// The method and its parameters are always printed (Burgess, Pirkis & Coombs
// 2009 found the method changes the answer). No reliable change is worded as
// stability, never as failure (seed report p. 35). When either total is not
// valid the sentence says the change is not assessable and why. It returns an
// error when opts do not validate, when the effect-size method has no SD, or
// when the two scores come from instruments with different maximum totals.
func Change(baseline, followup scoring.Scores, opts scoring.ChangeOptions) (string, error) {
	if err := opts.Validate(); err != nil {
		return "", err
	}
	if opts.Method == scoring.EffectSize && !(opts.SD > 0) {
		return "", errors.New("the effect-size method needs the SD of baseline totals: set it (for one person there is no cohort to take it from)")
	}
	if baseline.MaxTotal != followup.MaxTotal {
		return "", fmt.Errorf("cannot compare totals out of %d and out of %d: the two ratings must be of the same instrument", baseline.MaxTotal, followup.MaxTotal)
	}
	if !baseline.TotalValid || !followup.TotalValid {
		var why []string
		if !baseline.TotalValid {
			why = append(why, fmt.Sprintf("the earlier rating has %d of %d items not known", baseline.Unknown(), baseline.ScoredItems))
		}
		if !followup.TotalValid {
			why = append(why, fmt.Sprintf("the later rating has %d of %d items not known", followup.Unknown(), followup.ScoredItems))
		}
		return "Total change not assessable: " + strings.Join(why, " and ") + ", too many for a valid total.", nil
	}
	b, f := baseline.Total, followup.Total
	c := scoring.Classify(b, f, opts)
	cut := opts.Cutoff
	var s strings.Builder
	switch c.Reliable {
	case scoring.ReliableImprovement:
		fmt.Fprintf(&s, "Total fell from %d to %d (%s): a reliable improvement (%s)", b, f, words.Signed(c.Delta), method(c, opts))
		if c.Category == scoring.Recovered {
			fmt.Fprintf(&s, " and now below the clinical cut-off of %d: recovered.", cut)
		} else if f >= cut {
			fmt.Fprintf(&s, ", still at or above the clinical cut-off of %d: improved.", cut)
		} else {
			fmt.Fprintf(&s, ", below the clinical cut-off of %d at both: improved.", cut)
		}
	case scoring.ReliableDeterioration:
		fmt.Fprintf(&s, "Total rose from %d to %d (%s): a reliable deterioration (%s)", b, f, words.Signed(c.Delta), method(c, opts))
		if c.Category == scoring.Harmed {
			fmt.Fprintf(&s, " and now at or above the clinical cut-off of %d: harmed.", cut)
		} else if b >= cut {
			fmt.Fprintf(&s, ", at or above the clinical cut-off of %d at both: deteriorated.", cut)
		} else {
			fmt.Fprintf(&s, ", still below the clinical cut-off of %d: deteriorated.", cut)
		}
	default:
		how := "stayed about the same"
		if c.Delta == 0 {
			how = "stayed the same"
		}
		fmt.Fprintf(&s, "Total %s (%d to %d, %s): within the range expected from measurement alone (%s): stable.", how, b, f, words.Signed(c.Delta), method(c, opts))
		switch {
		case b >= cut && f >= cut:
			fmt.Fprintf(&s, " At or above the clinical cut-off of %d at both.", cut)
		case b < cut && f < cut:
			fmt.Fprintf(&s, " Below the clinical cut-off of %d at both.", cut)
		case f < cut:
			fmt.Fprintf(&s, " It is now below the clinical cut-off of %d, by less than a reliable change.", cut)
		default:
			fmt.Fprintf(&s, " It is now at or above the clinical cut-off of %d, by less than a reliable change.", cut)
		}
	}
	return s.String(), nil
}

// method names the method with its parameters and, for the index methods,
// the value reached: "8-point rule, Parabiaghi 2005"; "Jacobson–Truax RCI
// −2.48, beyond ±1.96; SD 6.2, r 0.8"; "effect size 1.61, 0.5 or more
// counts; SD 6.2; METEOR 584024".
func method(c scoring.Change, opts scoring.ChangeOptions) string {
	switch opts.Method {
	case scoring.JacobsonTruax:
		where := "within"
		if c.Reliable != scoring.NoReliableChange {
			where = "beyond"
		}
		return fmt.Sprintf("Jacobson–Truax RCI %s, %s ±%s; SD %s, r %s", fixed(c.Index), where, num(scoring.RCICritical), num(opts.SD), num(opts.Reliability))
	case scoring.EffectSize:
		return fmt.Sprintf("effect size %s, %s or more counts; SD %s; METEOR 584024", fixed(c.Index), num(opts.EffectSize), num(opts.SD))
	}
	return num(opts.Threshold) + "-point rule, Parabiaghi 2005"
}

// num writes a parameter as given, shortest form: 8, 6.2, 0.85.
func num(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), "-", "−", 1)
}

// fixed writes an index with two decimals and a true minus sign.
func fixed(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	if s == "-0.00" {
		s = "0.00"
	}
	return strings.Replace(s, "-", "−", 1)
}
