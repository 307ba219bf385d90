package consult

import (
	"testing"

	"honoscope/app/ui"

	"honoscope/scoring"
)

func TestEarlyInputReadsTheLabelAndTheChosenOptionsOfTheHoNOSForm(t *testing.T) {
	t.Parallel()
	want := [scoring.MaxItems]scoring.Code{}
	for i := range want {
		want[i] = ui.Unrated
	}
	want[0], want[6], want[11] = 2, scoring.NotKnown, 0
	for _, tc := range []struct {
		name, instrument, patient string
		checked                   []string
		ok                        bool
		items                     [scoring.MaxItems]scoring.Code
		label                     string
	}{
		{"nothing entered", "honos", "", nil, false, unratedItems(), ""},
		{"only blanks in the label", "honos", "   ", nil, false, unratedItems(), ""},
		{"a label", "honos", " AB-1 ", nil, true, unratedItems(), "AB-1"},
		{"options of items 1, 7 and 12", "honos", "", []string{"rf-item-1-2", "rf-item-7-9", "rf-item-12-0"}, true, want, ""},
		{"ids that are not options of a HoNOS item are ignored", "", "",
			[]string{"rf-item-13-2", "rf-item-0-1", "rf-item-3-7", "rf-item-3-", "rf-item-x-1", "tr-item-1-1", "rf-item-4-12", "other"}, false, unratedItems(), ""},
		{"another instrument chosen: its options are not HoNOS's, the label is kept", "honosca", "CA-2",
			[]string{"rf-item-1-2"}, true, unratedItems(), "CA-2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in, ok := parseEarlyInput("rf", tc.instrument, tc.patient, tc.checked)
			if ok != tc.ok || in.Items != tc.items || in.Patient != tc.label {
				t.Errorf("got %v %q %v, want %v %q %v", ok, in.Patient, in.Items, tc.ok, tc.label, tc.items)
			}
		})
	}
}

func TestEarlyInputIsTakenOnce(t *testing.T) {
	// Not parallel: it uses the package's one kept input.
	early.mu.Lock()
	early.in, early.save = &ui.FormValue{Patient: "X"}, true
	early.mu.Unlock()
	if in, save, ok := takeEarlyInput(); !ok || !save || in.Patient != "X" {
		t.Fatalf("first take: %v %v %+v", ok, save, in)
	}
	if _, save, ok := takeEarlyInput(); ok || save {
		t.Error("the kept input, or its Save, was given twice")
	}
}

func unratedItems() [scoring.MaxItems]scoring.Code {
	var items [scoring.MaxItems]scoring.Code
	for i := range items {
		items[i] = ui.Unrated
	}
	return items
}
