package scoring

// Occasions are the occasions a rating can be recorded for, in the order a
// form offers them: the three collection occasions of the Australian
// National Outcomes and Casemix Collection (admission, review, discharge;
// NOCC collection occasion record, validator.net.au NOCC metadata), and
// "other" for a rating made outside them (project choice). The occasion is
// optional and free text in imports; it is used only for grouping.
var Occasions = []string{"admission", "review", "discharge", "other"}

// AsksProblemType reports whether a rating of item 8 needs its problem type
// (A–K): the instrument records one (HoNOS and HoNOS 65+; Wing et al.
// 1998) and item 8 shows a problem, rated 1 to 4. A rating of 0 or not
// known has no problem to type (project rule, as on the rating form and in
// the NOCC layout, where Hnos08a is X, not applicable, for those codes).
func (in *Instrument) AsksProblemType(item8 Code) bool {
	return in.HasProblemType && item8 >= Minor && item8 <= Severe
}
