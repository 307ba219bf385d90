package consult

import (
	"fmt"
	"strings"
	"testing"

	"honoscope/app/store"
)

// The person page redraws on every keystroke in its note and share fields;
// scoring every rating and drawing the charts again for each would make
// typing lag on a long history. The view keeps its model until something it
// is worked out from changes.
func TestTypingANoteOrANameDoesNotWorkTheChartsOutAgain(t *testing.T) {
	t.Parallel()
	v := &outcomesView{Patient: "P1"}
	v.OnInit()
	for i := range 100 {
		items := make([]int, 12)
		items[i%12] = i % 5
		v.Ratings = append(v.Ratings, store.Rating{
			ID: fmt.Sprintf("r%03d", i), Patient: "P1", Date: fmt.Sprintf("2024-%02d-%02d", 1+i/28, 1+i%28),
			Instrument: "honos", Items: items, Period: store.PeriodTwoWeeks, Updated: "2024-01-01T00:00:00Z",
		})
	}
	first := v.current()
	if first.timelineErr != nil || first.sentence == "" {
		t.Fatalf("the model has no chart or sentence: %v, %q", first.timelineErr, first.sentence)
	}
	v.eventTx, v.shareName, v.eventDate = "Started a new medicine", "Sam", "2024-03-01"
	if v.current() != first {
		t.Fatal("typing a note or a name worked the model out again")
	}
	v.threshold = "6"
	changed := v.current()
	if changed == first {
		t.Fatal("a new threshold kept the old model")
	}
	edited := append([]store.Rating(nil), v.Ratings...)
	edited[5].Updated = "2024-06-01T00:00:00Z"
	v.Ratings = edited
	if v.current() == changed {
		t.Fatal("an edited rating kept the old model")
	}
}

// The effect size needs the SD of baseline totals. The command line may
// leave it out and use the cohort's own; a person page cannot, so whether
// the field is empty or wrong it says to enter one, never to leave it out.
func TestThePersonPageAsksForTheEffectSizesSD(t *testing.T) {
	t.Parallel()
	for _, sd := range []string{"", "0", "-3", "x"} {
		v := &outcomesView{}
		v.OnInit()
		v.method, v.sd = methodES, sd
		_, err := v.options()
		if err == nil || !strings.Contains(err.Error(), "enter the SD of baseline totals") || strings.Contains(err.Error(), "left out") {
			t.Errorf("SD %q: %v", sd, err)
		}
	}
	v := &outcomesView{}
	v.OnInit()
	v.method, v.sd = methodES, "7.5"
	if o, err := v.options(); err != nil || o.SD != 7.5 {
		t.Errorf("SD 7.5: %+v, %v", o, err)
	}
}
