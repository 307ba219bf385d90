package practice

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// Kind is the store document kind of practice attempts.
const Kind = "practice"

// SettingsKind and SettingsKey locate the practice settings document.
const (
	SettingsKind = "practice-settings"
	SettingsKey  = "settings"
)

// DefaultRefresherMonths is the refresher interval when a trust sets none:
// twelve months, as the training issue asks (trusts in the seed report asked
// for annual refresher training). A trust changes it on the device.
const DefaultRefresherMonths = 12

// MaxRefresherMonths bounds the setting (five years).
const MaxRefresherMonths = 60

// Attempt is one practice rating of one vignette, kept on the device as a
// store document of kind Kind under Key().
type Attempt struct {
	// Vignette is the vignette id and Version its version when practised.
	Vignette string `json:"vignette"`
	Version  int    `json:"version"`
	// Instrument is "honos", "honos65" or "honosca".
	Instrument string `json:"instrument"`
	// Date is the practice date, YYYY-MM-DD; attempts on one date form one
	// session.
	Date string `json:"date"`
	// Finished is when the attempt was saved, RFC 3339.
	Finished string `json:"finished"`
	// Codes are the trainee's codes, one per item (0–4 or 9).
	Codes []int `json:"codes"`
	// Item8Type is the trainee's item 8 problem type letter, or "".
	Item8Type string `json:"item8_type,omitempty"`
	// Reference are the reference codes at the time, so that statistics do
	// not change when a vignette is revised later.
	Reference []int `json:"reference"`
	// ReferenceItem8Type is the reference item 8 problem type, or "".
	ReferenceItem8Type string `json:"reference_item8_type,omitempty"`
}

// Key is the attempt's document key: the finishing time then the vignette,
// so that keys sort in time order.
func (a Attempt) Key() string { return a.Finished + " " + a.Vignette }

// Pairs returns the items both the trainee and the reference rated 0–4.
func (a Attempt) Pairs() []Pair { return Pairs(a.Codes, a.Reference) }

// Agreement is the agreement of this attempt alone.
func (a Attempt) Agreement() Agreement { return Agree(a.Pairs()) }

// Validate reports a problem with a (decoded) attempt.
func (a Attempt) Validate() error {
	switch {
	case a.Vignette == "":
		return errors.New("practice attempt without a vignette id")
	case len(a.Codes) == 0 || len(a.Codes) != len(a.Reference):
		return fmt.Errorf("practice attempt for %s has %d codes and %d reference codes", a.Vignette, len(a.Codes), len(a.Reference))
	}
	if _, err := time.Parse(time.DateOnly, a.Date); err != nil {
		return fmt.Errorf("practice attempt for %s has date %q, not YYYY-MM-DD", a.Vignette, a.Date)
	}
	if _, err := time.Parse(time.RFC3339, a.Finished); err != nil {
		return fmt.Errorf("practice attempt for %s has finishing time %q, not RFC 3339", a.Vignette, a.Finished)
	}
	return nil
}

// Encode returns the attempt's document data.
func (a Attempt) Encode() ([]byte, error) { return json.Marshal(a) }

// Decode reads one attempt from document data and validates it.
func Decode(data []byte) (Attempt, error) {
	var a Attempt
	if err := json.Unmarshal(data, &a); err != nil {
		return Attempt{}, fmt.Errorf("practice attempt is not readable: %w", err)
	}
	return a, a.Validate()
}

// Sort orders attempts by finishing time, then vignette.
func Sort(as []Attempt) {
	slices.SortFunc(as, func(a, b Attempt) int { return cmp.Compare(a.Key(), b.Key()) })
}

// Overall is the agreement over every pair of every attempt.
func Overall(as []Attempt) Agreement {
	var t tally
	for _, a := range as {
		t.addCodes(a.Codes, a.Reference)
	}
	return t.agreement()
}

// Completed counts the distinct vignettes practised.
func Completed(as []Attempt) int {
	seen := map[string]bool{}
	for _, a := range as {
		seen[a.Vignette] = true
	}
	return len(seen)
}

// Session is the agreement of one practice session (one date).
type Session struct {
	// Date is the session's date, YYYY-MM-DD.
	Date string
	// Attempts counts the vignettes rated in it.
	Attempts int
	// Agreement is over every pair of the session.
	Agreement Agreement
}

// Drift returns the agreement of every session in date order, so that a
// trainee sees whether agreement holds, improves or drifts away from the
// reference over time (rater drift).
func Drift(as []Attempt) []Session {
	by := map[string]*tally{}
	count := map[string]int{}
	for _, a := range as {
		t := by[a.Date]
		if t == nil {
			t = &tally{}
			by[a.Date] = t
		}
		t.addCodes(a.Codes, a.Reference)
		count[a.Date]++
	}
	dates := make([]string, 0, len(by))
	for d := range by {
		dates = append(dates, d)
	}
	slices.Sort(dates)
	out := make([]Session, len(dates))
	for i, d := range dates {
		out[i] = Session{Date: d, Attempts: count[d], Agreement: by[d].agreement()}
	}
	return out
}

// ItemBias is how one item's practice ratings differ from the reference.
type ItemBias struct {
	// Instrument and Item identify the item (item numbers mean different
	// things on different instruments).
	Instrument string
	Item       int
	// N is the number of pairs; Mean is the mean of yours − reference
	// (positive: you rate it higher than the reference).
	N    int
	Mean float64
	// Over and Under count pairs rated above and below the reference.
	Over, Under int
}

// Bias returns per-item bias, the items furthest from the reference first
// (largest |Mean|, then more pairs, then instrument and item), leaving out
// items whose mean difference is zero.
func Bias(as []Attempt) []ItemBias {
	type key struct {
		in   string
		item int
	}
	acc := map[key]*ItemBias{}
	sums := map[key]int{}
	for _, a := range as {
		for i := range min(len(a.Codes), len(a.Reference)) {
			if !Rated(a.Codes[i]) || !Rated(a.Reference[i]) {
				continue
			}
			p := Pair{Item: i + 1, Yours: a.Codes[i], Reference: a.Reference[i]}
			k := key{a.Instrument, p.Item}
			b := acc[k]
			if b == nil {
				b = &ItemBias{Instrument: a.Instrument, Item: p.Item}
				acc[k] = b
			}
			d := p.Yours - p.Reference
			b.N++
			sums[k] += d
			if d > 0 {
				b.Over++
			} else if d < 0 {
				b.Under++
			}
		}
	}
	out := []ItemBias{}
	for k, b := range acc {
		if sums[k] == 0 {
			continue
		}
		b.Mean = float64(sums[k]) / float64(b.N)
		out = append(out, *b)
	}
	slices.SortFunc(out, func(a, b ItemBias) int {
		if c := cmp.Compare(math.Abs(b.Mean), math.Abs(a.Mean)); c != 0 {
			return c
		}
		if c := cmp.Compare(b.N, a.N); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Instrument, b.Instrument); c != 0 {
			return c
		}
		return cmp.Compare(a.Item, b.Item)
	})
	return out
}

// Settings are the practice settings kept on the device.
type Settings struct {
	// RefresherMonths is the refresher interval in months (1 to
	// MaxRefresherMonths); 0 means DefaultRefresherMonths.
	RefresherMonths int `json:"refresher_months"`
}

// Months returns the interval in force.
func (s Settings) Months() int {
	if s.RefresherMonths < 1 || s.RefresherMonths > MaxRefresherMonths {
		return DefaultRefresherMonths
	}
	return s.RefresherMonths
}

// Last returns the date of the latest attempt, and false when there is none.
func Last(as []Attempt) (time.Time, bool) {
	var last time.Time
	found := false
	for _, a := range as {
		d, err := time.Parse(time.DateOnly, a.Date)
		if err != nil {
			continue
		}
		if !found || d.After(last) {
			last, found = d, true
		}
	}
	return last, found
}

// RefresherDue reports whether a refresher is due at now: the last practice
// (a date) is the interval of months or more ago. Month arithmetic is
// calendar based (time.AddDate): practice on 2024-03-15 with 12 months is due
// from 2025-03-15. now is compared by its calendar date in its own location.
func RefresherDue(last, now time.Time, months int) bool {
	if months < 1 {
		months = DefaultRefresherMonths
	}
	due := time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, months, 0)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return !today.Before(due)
}

// Score is the SCORM score of the practice so far: exact agreement over all
// practice × 100, rounded to a whole number, and false when nothing has been
// compared yet.
func Score(as []Attempt) (int, bool) {
	r, ok := Overall(as).ExactRate()
	if !ok {
		return 0, false
	}
	return int(math.Round(r * 100)), true
}
