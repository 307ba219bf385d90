package ui

import (
	"strings"
	"testing"

	"honoscope/scoring"
)

// codes builds the items of a form from digits: "0"–"4", "9" not known,
// "-" not rated yet.
func codes(s string) *[scoring.MaxItems]scoring.Code {
	var items [scoring.MaxItems]scoring.Code
	for i := range items {
		items[i] = Unrated
	}
	for i, r := range s {
		switch {
		case r == '-':
		case r == '9':
			items[i] = scoring.NotKnown
		default:
			items[i] = scoring.Code(r - '0')
		}
	}
	return &items
}

func TestPanelFacts(t *testing.T) {
	t.Parallel()
	honos := scoring.MustInstrument(scoring.HoNOS)
	honos65 := scoring.MustInstrument(scoring.HoNOS65)
	honosca := scoring.MustInstrument(scoring.HoNOSCA)
	tests := []struct {
		name  string
		in    *scoring.Instrument
		items string
		want  panelFacts
	}{
		{"an empty HoNOS form is not valid yet and says so without a warning", honos, "",
			panelFacts{Total: "Total 0/48", Valid: "Valid items 0 of 12",
				Progress:    "Total not valid yet: 12 items still to rate (a total needs at least 10 of 12 items rated 0 to 4).",
				Significant: "Clinically significant items (rated 2 to 4): 0",
				Severity:    "Indicative severity: none while the total is not valid"}},
		{"a full HoNOS rating of 9 points is mild", honos, "012010100202",
			panelFacts{Total: "Total 9/48", Valid: "Valid items 12 of 12",
				Significant: "Clinically significant items (rated 2 to 4): 3 (items 3, 10, 12)",
				Severity:    "Indicative severity: mild (total under 10)"}},
		{"a total of 10 is moderate", honos65, "111111111100",
			panelFacts{Total: "Total 10/48", Valid: "Valid items 12 of 12",
				Significant: "Clinically significant items (rated 2 to 4): 0",
				Severity:    "Indicative severity: moderate (total 10 to 12)"}},
		{"a total of 13 is severe", honos, "444100000000",
			panelFacts{Total: "Total 13/48", Valid: "Valid items 12 of 12",
				Significant: "Clinically significant items (rated 2 to 4): 3 (items 1, 2, 3)",
				Severity:    "Indicative severity: severe (total 13 or more)"}},
		{"two items not known still give a valid total", honos, "990000000000",
			panelFacts{Total: "Total 0/48", Valid: "Valid items 10 of 12",
				Significant: "Clinically significant items (rated 2 to 4): 0",
				Severity:    "Indicative severity: mild (total under 10)"}},
		{"three items not known warn that the total is not valid", honos, "999000000000",
			panelFacts{Total: "Total 0/48", Valid: "Valid items 9 of 12",
				Warning:     "Total not valid: 3 items not known: a total needs at least 10 of 12 items rated 0 to 4.",
				Significant: "Clinically significant items (rated 2 to 4): 0",
				Severity:    "Indicative severity: none while the total is not valid"}},
		{"HoNOSCA totals 13 items out of 52 with no severity band", honosca, "4444444444444" + "44",
			panelFacts{Total: "Total 52/52", Valid: "Valid items 13 of 13",
				Significant: "Clinically significant items (rated 2 to 4): 13 (items 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)"}},
		{"HoNOSCA information items add nothing", honosca, "0000000000000" + "44",
			panelFacts{Total: "Total 0/52", Valid: "Valid items 13 of 13",
				Significant: "Clinically significant items (rated 2 to 4): 0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := scorePanelFacts(tt.in, codes(tt.items))
			got.Subscales = nil
			if !equalFacts(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func equalFacts(a, b panelFacts) bool {
	return a.Total == b.Total && a.Valid == b.Valid && a.Warning == b.Warning && a.Progress == b.Progress &&
		a.Significant == b.Significant && a.Severity == b.Severity
}

func TestPanelSubscalesSayWhyTheyAreNotComputable(t *testing.T) {
	t.Parallel()
	honos := scoring.MustInstrument(scoring.HoNOS)
	got := scorePanelFacts(honos, codes("1219-0100222"))
	want := []string{
		"Behaviour 4",
		"Impairment not computable: item 4 not known, item 5 not rated yet",
		"Symptoms 1",
		"Social 6",
	}
	if strings.Join(got.Subscales, "|") != strings.Join(want, "|") {
		t.Errorf("subscales = %q, want %q", got.Subscales, want)
	}
	if got.Progress != "" || got.Warning != "" {
		t.Errorf("one unknown and one open item leave the total valid, yet progress = %q, warning = %q", got.Progress, got.Warning)
	}
	got = scorePanelFacts(honos, codes("1219-01-0222"))
	if want := "Total not valid yet: 2 items still to rate and 1 not known (a total needs at least 10 of 12 items rated 0 to 4)."; got.Progress != want {
		t.Errorf("progress = %q, want %q", got.Progress, want)
	}
}
