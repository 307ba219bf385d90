package explain

import (
	"errors"
	"fmt"
	"strings"

	"honoscope/scoring"
)

// PlainItem is one area of a HoNOS-family form in everyday words, for the
// patient's own profile. The words are the project's own (not glossary
// wording), written for a reading age of about 11.
type PlainItem struct {
	// Number is the item number on the form (not shown to the patient as a code).
	Number int
	// Name is a short everyday name, e.g. "Mood"; it fits a chart label.
	Name string
	// About says what the area covers, e.g. "Whether you have been feeling
	// low, sad or without hope."
	About string
}

// plainHoNOS describes the 12 HoNOS areas (items 1–12, Wing et al. 1998) in
// our own words.
var plainHoNOS = []PlainItem{
	{1, "Behaviour", "Whether you have been angry, restless or hard for others to be around."},
	{2, "Hurting yourself", "Whether you have hurt yourself on purpose, or thought about it a lot."},
	{3, "Drink or drugs", "Whether alcohol or drugs have been causing you trouble."},
	{4, "Memory and thinking", "How well you can remember things, keep your mind on things and think clearly."},
	{5, "Body health", "Whether an illness, pain or disability has been getting in your way."},
	{6, "Unusual experiences", "Whether you have heard, seen or believed things that other people do not."},
	{7, "Mood", "Whether you have been feeling low, sad or without hope."},
	{8, "Other worries", "Other things that trouble you, like fear, worry, sleep or eating."},
	{9, "People around you", "How you have been getting on with the people around you."},
	{10, "Everyday tasks", "How you have been managing everyday things, like washing, meals and getting out."},
	{11, "Your home", "Whether the place you live is safe and has what you need."},
	{12, "Things you do", "Whether you have things to do in the day that matter to you, like work, study or hobbies."},
}

// plainHoNOS65 describes the 12 HoNOS 65+ areas (Burns et al. 1999) in our
// own words, for older adults.
var plainHoNOS65 = []PlainItem{
	{1, "Behaviour", "Whether you have been upset, restless or hard for others to be around."},
	{2, "Hurting yourself", "Whether you have hurt yourself on purpose, or thought about it a lot."},
	{3, "Drink or drugs", "Whether alcohol, drugs or too many pills have been causing you trouble."},
	{4, "Memory and thinking", "How well you can remember things, find your way and think clearly."},
	{5, "Body health", "Whether an illness, pain or disability has been getting in your way."},
	{6, "Unusual experiences", "Whether you have heard, seen or believed things that other people do not."},
	{7, "Mood", "Whether you have been feeling low, sad or without hope."},
	{8, "Other worries", "Other things that trouble you, like fear, worry, sleep or eating."},
	{9, "People around you", "How you have been getting on with your family, friends and carers."},
	{10, "Everyday tasks", "How you have been managing everyday things, like washing, meals and getting out."},
	{11, "Your home", "Whether the place you live is safe and has what you need."},
	{12, "Things you do", "Whether you have things to do in the day that you enjoy or that matter to you."},
}

// plainHoNOSCA describes the 15 HoNOSCA areas (Gowers et al. 1999) in our own
// words, for children and young people. Areas 14 and 15 are not added into
// the overall score.
var plainHoNOSCA = []PlainItem{
	{1, "Behaviour", "Whether you have been angry, fighting or breaking rules."},
	{2, "Focus", "Whether it has been hard to sit still or to pay attention."},
	{3, "Hurting yourself", "Whether you have hurt yourself on purpose, or thought about it a lot."},
	{4, "Drink or drugs", "Whether alcohol, drugs or sniffing things have caused you trouble."},
	{5, "Learning skills", "Whether reading, writing, numbers or talking have been hard for you."},
	{6, "Body health", "Whether an illness, pain or disability has been getting in your way."},
	{7, "Unusual experiences", "Whether you have heard, seen or believed things that other people do not."},
	{8, "Aches and pains", "Whether you have had aches, pains or sickness that the doctors could not find a cause for."},
	{9, "Feelings", "Whether you have felt sad, worried or scared a lot."},
	{10, "Friends", "How you have been getting on with people your own age."},
	{11, "Looking after yourself", "How you have managed things like washing, dressing and eating."},
	{12, "Family", "How things have been with your family at home."},
	{13, "Going to school", "Whether you have been going to school or college."},
	{14, "Knowing what is wrong", "How much you and your family know about the problems you have been having."},
	{15, "Knowing about help", "How much you and your family know about the help you can get."},
}

// PlainItems returns the everyday descriptions of every item of the
// instrument, in form order, or nil for an unknown instrument. The returned
// slice is shared; do not modify it.
func PlainItems(id scoring.InstrumentID) []PlainItem {
	switch id {
	case scoring.HoNOS:
		return plainHoNOS
	case scoring.HoNOS65:
		return plainHoNOS65
	case scoring.HoNOSCA:
		return plainHoNOSCA
	}
	return nil
}

// PlainNames returns the short everyday names of the instrument's items, in
// form order, ready for chart.ProfileOptions.Labels.
func PlainNames(id scoring.InstrumentID) []string {
	items := PlainItems(id)
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Name
	}
	return out
}

// PlainCode says what a score of one area means in everyday words.
func PlainCode(c scoring.Code) string {
	switch c {
	case scoring.NoProblem:
		return "no problem"
	case scoring.Minor:
		return "a small problem"
	case scoring.Mild:
		return "a problem"
	case scoring.Moderate:
		return "a big problem"
	case scoring.Severe:
		return "a very big problem"
	}
	return "not known"
}

// PlainScale explains how to read the scores, for the top of the patient's page.
func PlainScale(in *scoring.Instrument) string {
	return fmt.Sprintf("Each area gets a score from 0 to 4. 0 means no problem and 4 means a very big problem. "+
		"So a higher score means more problems, and a lower score means fewer. The overall score adds up %d areas, so it goes from 0 to %d.",
		in.Scored, in.MaxTotal())
}

// PatientSummary says in everyday words what changed between two ratings of
// the same instrument and what stayed steady: first the overall score (using
// the same reliable-change rule as the clinician's view, so the two never
// disagree, but without naming it), then the areas that got better, got
// harder and stayed the same. a and b may come in any order; the earlier is
// treated as the first. It returns an error when the ratings cannot be
// compared or opts do not validate.
func PatientSummary(a, b *scoring.Rating, opts scoring.ChangeOptions, rules scoring.Rules) ([]string, error) {
	if a == nil || b == nil || a.Instrument == nil || b.Instrument == nil {
		return nil, errors.New("two ratings with an instrument are needed")
	}
	if a.Instrument.ID != b.Instrument.ID {
		return nil, fmt.Errorf("cannot compare a %s rating with a %s rating", a.Instrument.Name, b.Instrument.Name)
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if opts.Method == scoring.EffectSize && !(opts.SD > 0) {
		return nil, errors.New("the effect-size method needs the SD of baseline totals: set it")
	}
	if b.Date < a.Date {
		a, b = b, a
	}
	in := a.Instrument
	sa, sb := scoring.Score(a, rules), scoring.Score(b, rules)
	var out []string
	out = append(out, overall(sa, sb, opts))

	names := PlainNames(in.ID)
	var better, harder, same, unknown []string
	for i := 0; i < len(in.Items) && i < len(names); i++ {
		ca, cb := a.Items[i], b.Items[i]
		name := names[i]
		switch scoring.ClassifyItem(ca, cb) {
		case scoring.HighLow:
			name += " (a big step down)"
		case scoring.LowHigh:
			name += " (a big step up)"
		}
		switch {
		case !ca.Rated() || !cb.Rated():
			unknown = append(unknown, names[i])
		case cb < ca:
			better = append(better, name)
		case cb > ca:
			harder = append(harder, name)
		default:
			same = append(same, name)
		}
	}
	if len(better) > 0 {
		out = append(out, "Areas with fewer problems now: "+join(better)+".")
	}
	if len(harder) > 0 {
		out = append(out, "Areas with more problems now: "+join(harder)+".")
	}
	if len(same) > 0 {
		out = append(out, "Areas that stayed the same: "+join(same)+".")
	}
	if len(unknown) > 0 {
		out = append(out, "Areas we could not compare, because we did not have a score both times: "+join(unknown)+".")
	}
	return out, nil
}

// overall explains the change of the overall score in everyday words.
func overall(sa, sb scoring.Scores, opts scoring.ChangeOptions) string {
	if !sa.TotalValid || !sb.TotalValid {
		which := "the first time"
		switch {
		case !sa.TotalValid && !sb.TotalValid:
			which = "either time"
		case !sb.TotalValid:
			which = "the second time"
		}
		return "We cannot compare your overall scores, because too many areas did not get a score " + which + "."
	}
	b, f := sa.Total, sb.Total
	c := scoring.Classify(b, f, opts)
	cut := opts.Cutoff
	var s string
	switch c.Reliable {
	case scoring.ReliableImprovement:
		s = fmt.Sprintf("Your overall score went down from %d to %d. That means fewer problems. The drop is big enough to be a real change, not just the small ups and downs that happen from one check to the next.", b, f)
		if c.Category == scoring.Recovered {
			s += fmt.Sprintf(" It is now under %d. Scores of %d or more usually mean problems that need extra help.", cut, cut)
		}
	case scoring.ReliableDeterioration:
		s = fmt.Sprintf("Your overall score went up from %d to %d. That means more problems. The rise is big enough to be a real change, so it is worth talking about with the people who support you.", b, f)
	default:
		if b == f {
			s = fmt.Sprintf("Your overall score stayed the same: %d both times.", b)
		} else {
			s = fmt.Sprintf("Your overall score stayed about the same: %d, then %d.", b, f)
		}
		s += " Small ups and downs like this happen from one check to the next, so we count this as steady. Staying steady can be a good sign."
	}
	return s
}

// join lists names as "a, b and c".
func join(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
