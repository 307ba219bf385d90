package ui

import (
	"strconv"
	"strings"

	"honoscope/scoring"
)

// RecordText is a saved rating as plain text for the patient's record: a
// clinician who must also record the rating in the record system pastes
// it into a note instead of typing it again. It holds the instrument,
// date, period and the other details given, every item with its code and
// meaning (item 8 with its problem type), and the same total, validity,
// subscales, significant items and severity lines as the live score panel,
// with the rules that produced them. It uses only item numbers and
// Honoscope's own short titles, never the Royal College's glossary.
func RecordText(v FormValue) string {
	in := v.Scale()
	var b strings.Builder
	line := func(parts ...string) {
		b.WriteString(strings.Join(parts, ""))
		b.WriteByte('\n')
	}
	line(in.Name, " rating of ", v.Patient, " on ", v.Date, " (Honoscope)")
	line("Period rated: ", v.Period.String())
	if v.Occasion != "" {
		line("Occasion: ", v.Occasion)
	}
	if v.Rater != "" {
		line("Rater: ", v.Rater)
	}
	for _, it := range in.Items {
		c := v.Items[it.Number-1]
		code := c.String() + " (" + strings.ToLower(c.Meaning()) + ")"
		if c == Unrated {
			code = "not rated"
		}
		if it.Number == 8 && v.AsksProblemType() && v.ProblemType.Valid() {
			code += ", type " + v.ProblemType.String() + " (" + strings.ToLower(v.ProblemType.Name()) + ")"
		}
		if !it.Scored {
			code += " (not part of the total)"
		}
		line(strconv.Itoa(it.Number), ". ", it.Title, ": ", code)
	}
	f := scorePanelFacts(in, &v.Items)
	line(f.Total, "; ", strings.ToLower(f.Valid[:1]), f.Valid[1:])
	for _, s := range []string{f.Warning, f.Progress} {
		if s != "" {
			line(s)
		}
	}
	if len(f.Subscales) > 0 {
		line("Subscales: ", strings.Join(f.Subscales, "; "))
	}
	line(f.Significant)
	if f.Severity != "" {
		line(f.Severity)
	}
	rules := "Rules: a total is valid with at most " + strconv.Itoa(scoring.MaxUnknownDefault) +
		" scored items not known (9); items rated 2 or more are clinically significant (James et al. 2018)"
	if f.Severity != "" {
		rules += "; severity bands are indicative only (Parabiaghi et al. 2014)"
	}
	line(rules, ".")
	if v.Note != "" {
		line("Note: ", v.Note)
	}
	return b.String()
}
