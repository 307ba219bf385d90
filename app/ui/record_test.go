package ui

import (
	"strings"
	"testing"

	"honoscope/scoring"
)

func TestTheRecordTextHasEveryItemTheTotalAndTheRules(t *testing.T) {
	t.Parallel()
	v := NewFormValue(scoring.HoNOS, "2024-03-01")
	v.Patient, v.Occasion, v.Rater = "P-17", "review", "nurse"
	copy(v.Items[:], []scoring.Code{2, 1, 0, 1, 2, 3, 3, 2, 2, 2, 1, 9})
	v.ProblemType = 'B'
	got := RecordText(v)
	for _, want := range []string{
		"HoNOS rating of P-17 on 2024-03-01 (Honoscope)\n",
		"Period rated: previous 2 weeks\n",
		"Occasion: review\n",
		"Rater: nurse\n",
		"\n1. ",
		": 2 (" + strings.ToLower(scoring.Code(2).Meaning()) + ")\n",
		"\n8. ",
		", type B (" + strings.ToLower(scoring.ProblemType('B').Name()) + ")\n",
		"\n12. ",
		": 9 (" + strings.ToLower(scoring.NotKnown.Meaning()) + ")\n",
		"Total 19/48; valid items 11 of 12\n",
		"Subscales: ",
		"Clinically significant items (rated 2 to 4): 7",
		"Indicative severity: severe (total 13 or more)\n",
		"at most 2 scored items not known",
		"Parabiaghi et al. 2014",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the record text lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n"); n != 2+2+12+5 {
		t.Errorf("the record text has %d lines, want %d:\n%s", n, 2+2+12+5, got)
	}
}

func TestTheRecordTextOfHoNOSCASaysWhichItemsAreNotInTheTotal(t *testing.T) {
	t.Parallel()
	v := NewFormValue(scoring.HoNOSCA, "2024-03-01")
	v.Patient = "C-2"
	for i := range 15 {
		v.Items[i] = 1
	}
	got := RecordText(v)
	for _, want := range []string{"\n14. ", "\n15. ", "(not part of the total)", "Total 13/52; valid items 13 of 13"} {
		if !strings.Contains(got, want) {
			t.Errorf("the record text lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Indicative severity") || strings.Contains(got, "type ") {
		t.Errorf("HoNOSCA has no severity band and no item 8 type:\n%s", got)
	}
	if strings.Count(got, "(not part of the total)") != 2 {
		t.Errorf("exactly items 14 and 15 are outside the total:\n%s", got)
	}
}
