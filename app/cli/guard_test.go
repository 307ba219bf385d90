package cli

import (
	"bytes"
	"strings"
	"testing"

	"honoscope/app/store"
	"honoscope/scoring"
)

// formulaLabels are labels a spreadsheet would run as formulas, and one
// that really starts with an apostrophe; the app's CSV export guards the
// first kind and must leave the last as it is.
var formulaLabels = []string{"-P1", "=x", "+1", "@a", "'-P1", "'x"}

// exportCSV writes two ratings of each label (as patient and as team) with
// the app's own CSV export.
func exportCSV(t *testing.T) []byte {
	t.Helper()
	var rs []store.Rating
	for i, l := range formulaLabels {
		for j, date := range []string{"2024-01-10", "2024-04-10"} {
			items := []int{4, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0}
			if j == 1 {
				items = []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
			}
			rs = append(rs, store.Rating{ID: l + date, Patient: l, Date: date, Instrument: "honos", Items: items,
				Period: store.PeriodTwoWeeks, Team: formulaLabels[(i+1)%len(formulaLabels)]})
		}
	}
	var b bytes.Buffer
	if err := store.WriteCSV(&b, rs); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestALabelExportedByTheAppReadsBackExactlyOnTheCommandLine(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if code := runCLI([]string{"change"}, bytes.NewReader(exportCSV(t)), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	got := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n")[1:] {
		cell := line[:strings.IndexByte(line, ',')]
		if scoring.RunsAsFormula(cell) {
			t.Errorf("the output cell %q would run as a formula", cell)
		}
		got[scoring.UnguardCell(cell)] = true
	}
	for _, l := range formulaLabels {
		if !got[l] {
			t.Errorf("no pair for patient %q in:\n%s", l, stdout.String())
		}
	}
	if !strings.Contains(stderr.String(), "people 6,") {
		t.Errorf("the labels did not stay six people: %s", stderr.String())
	}
}
