package scoring

import (
	"math"
	"testing"
)

// pairOf returns an unclassified pair of two ratings of patient on
// instrument id, baseline labelled with team and setting.
func pairOf(patient string, id InstrumentID, team, setting string, baseline, followup []Code) Pair {
	b := rating(id, baseline...)
	f := rating(id, followup...)
	b.Patient, f.Patient = patient, patient
	b.Team, b.Setting = team, setting
	f.Team, f.Setting = "moved-team", "moved-setting" // must be ignored: the baseline's labels count
	b.Date, f.Date = DateOf(2020, 1, 1), DateOf(2020, 6, 1)
	return NewPair(b, f, DefaultRules())
}

func summaryFixture(t *testing.T) []Pair {
	t.Helper()
	nk := NotKnown
	pairs := []Pair{
		// 24 (severe) → 12: −12, still ≥ 11: improved. Items 2→1: all LL.
		pairOf("p1", HoNOS, "A", "inpatient", all(12, 2), all(12, 1)),
		// 12 (moderate) → 0: −12, crosses 11: recovered. Items 1–3 4→0: HL.
		pairOf("p2", HoNOS, "A", "inpatient", []Code{4, 4, 4}, nil),
		// 0 (mild) → 12: +12, crosses 11: harmed. Items 1–3 0→4: LH.
		pairOf("p3", HoNOS, "B", "community", nil, []Code{4, 4, 4}),
		// 5 (mild) → 7: unchanged; item 12 unknown at follow-up, so Social
		// and item 12 are not assessable.
		pairOf("p4", HoNOS, "B", "community", []Code{1, 1, 1, 1, 1}, []Code{1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, nk}),
		// HoNOSCA 26 → 13: −13, both ≥ 11: improved; not banded.
		pairOf("p5", HoNOSCA, "A", "inpatient", all(13, 2), all(13, 1)),
	}
	if _, err := ClassifyPairs(pairs, DefaultChangeOptions()); err != nil {
		t.Fatal(err)
	}
	return pairs
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestSummariseByTeam(t *testing.T) {
	t.Parallel()
	got := Summarise(summaryFixture(t), SummaryOptions{By: ByTeam})
	if len(got) != 2 || got[0].Key != (GroupKey{Team: "A"}) || got[1].Key != (GroupKey{Team: "B"}) {
		t.Fatalf("groups: %+v", keys(got))
	}
	a, b := &got[0], &got[1]
	if a.Pairs != 3 || a.Count(Improved) != 2 || a.Count(Recovered) != 1 || a.Count(Unchanged) != 0 {
		t.Errorf("team A counts: %d pairs, %v", a.Pairs, a.Categories)
	}
	if !near(a.Proportion(Improved), 2.0/3) || !near(a.MeanChange, -37.0/3) {
		t.Errorf("team A: improved %v, mean change %v; want 2/3 and −37/3", a.Proportion(Improved), a.MeanChange)
	}
	if b.Pairs != 2 || b.Count(Harmed) != 1 || b.Count(Unchanged) != 1 || !near(b.MeanChange, 7) || !near(b.Proportion(Harmed), 0.5) {
		t.Errorf("team B: %d pairs, %v, mean %v", b.Pairs, b.Categories, b.MeanChange)
	}
	// Team A holds two instruments: their subscales and items stay apart.
	if len(a.Instruments) != 2 || a.Instruments[0].Instrument.ID != HoNOS || a.Instruments[1].Instrument.ID != HoNOSCA {
		t.Fatalf("team A instruments: %+v", a.Instruments)
	}
	h := &a.Instruments[0]
	if h.Pairs != 2 || h.Groups[0].Name != "Behaviour" || h.Groups[0].Pairs != 2 || !near(h.Groups[0].MeanChange, -7.5) {
		t.Errorf("HoNOS Behaviour: %+v; want 2 pairs, mean (−3 −12)/2 = −7.5", h.Groups[0])
	}
	if it := h.Items[0]; it.Item != 1 || it.Assessable != 2 || it.HighLow != 1 || it.LowHigh != 0 || !near(it.HighLowShare(), 0.5) {
		t.Errorf("HoNOS item 1: %+v", it)
	}
	ca := &a.Instruments[1]
	if len(ca.Items) != 13 || ca.Groups[0].Grouping != "Gowers subscales" || !near(ca.Groups[0].MeanChange, -4) {
		t.Errorf("HoNOSCA detail: %d items, %+v", len(ca.Items), ca.Groups[0])
	}
	hb := &b.Instruments[0]
	if social := hb.Groups[3]; social.Name != "Social" || social.Pairs != 1 || social.MeanChange != 0 {
		t.Errorf("team B Social: %+v; want only the pair where it is computable", social)
	}
	if it := hb.Items[11]; it.Assessable != 1 {
		t.Errorf("team B item 12 assessable in %d pairs, want 1", it.Assessable)
	}
	if it := hb.Items[1]; it.LowHigh != 1 || !near(it.LowHighShare(), 0.5) || it.HighLow != 0 {
		t.Errorf("team B item 2: %+v; want LH in 1 of 2", it)
	}
}

func TestSummariseByInstrumentAndBand(t *testing.T) {
	t.Parallel()
	got := Summarise(summaryFixture(t), SummaryOptions{By: ByInstrument | ByBand})
	want := []GroupKey{
		{Instrument: HoNOS, Band: "mild"},
		{Instrument: HoNOS, Band: "moderate"},
		{Instrument: HoNOS, Band: "severe"},
		{Instrument: HoNOSCA, Band: NotBanded},
	}
	if len(got) != len(want) {
		t.Fatalf("groups %+v, want %+v", keys(got), want)
	}
	for i := range want {
		if got[i].Key != want[i] {
			t.Errorf("group %d is %+v, want %+v", i, got[i].Key, want[i])
		}
	}
	if got[0].Pairs != 2 || got[3].Pairs != 1 {
		t.Errorf("mild has %d pairs, not banded %d; want 2 and 1", got[0].Pairs, got[3].Pairs)
	}
}

func TestSummariseEverythingInOneGroup(t *testing.T) {
	t.Parallel()
	got := Summarise(summaryFixture(t), SummaryOptions{})
	if len(got) != 1 || got[0].Pairs != 5 || got[0].Key != (GroupKey{}) {
		t.Fatalf("got %+v", keys(got))
	}
	total := 0
	for _, c := range Categories {
		total += got[0].Count(c)
	}
	if total != 5 {
		t.Errorf("categories add up to %d, want 5", total)
	}
	if Summarise(nil, SummaryOptions{}) != nil {
		t.Error("no pairs should give no groups")
	}
}

func TestSummariseUsesTheBaselineLabels(t *testing.T) {
	t.Parallel()
	got := Summarise(summaryFixture(t), SummaryOptions{By: BySetting | ByOccasion})
	if len(got) != 2 || got[0].Key.Setting != "community" || got[1].Key.Setting != "inpatient" {
		t.Fatalf("got %+v; want community and inpatient, from the baselines", keys(got))
	}
}

func TestSummariseWithACustomGrouping(t *testing.T) {
	t.Parallel()
	g := &Grouping{Name: "Ours", Instrument: HoNOS, Groups: []Group{{Name: "Ends", Items: []int{1, 12}}}}
	got := Summarise(summaryFixture(t), SummaryOptions{By: ByTeam, Grouping: g})
	h := got[1].Instruments[0] // team B, HoNOS
	if len(h.Groups) != 5 || h.Groups[4].Grouping != "Ours" || h.Groups[4].Name != "Ends" {
		t.Fatalf("groups: %+v", h.Groups)
	}
	// p3: items 1+12 go 0 → 4 (+4); p4: item 12 unknown at follow-up, excluded.
	if e := h.Groups[4]; e.Pairs != 1 || e.MeanChange != 4 {
		t.Errorf("custom group: %+v; want 1 pair, +4", e)
	}
	if ca := got[0].Instruments[1]; len(ca.Groups) != 4 {
		t.Errorf("a HoNOS grouping was applied to HoNOSCA: %+v", ca.Groups)
	}
}

func TestBandLabel(t *testing.T) {
	t.Parallel()
	cases := []struct {
		r    *Rating
		want string
	}{
		{rating(HoNOS, all(12, 0)...), "mild"},
		{rating(HoNOS65, 4, 4, 2), "moderate"},
		{rating(HoNOS, 4, 4, 4, 1), "severe"},
		{rating(HoNOSCA, all(13, 4)...), NotBanded},
		{rating(HoNOS, all(12, NotKnown)...), NotBanded},
	}
	for _, c := range cases {
		s := Score(c.r, DefaultRules())
		if got := BandLabel(&s); got != c.want {
			t.Errorf("%s total %d: band %q, want %q", c.r.Instrument.ID, s.Total, got, c.want)
		}
	}
}

func keys(s []Summary) []GroupKey {
	out := make([]GroupKey, len(s))
	for i := range s {
		out[i] = s[i].Key
	}
	return out
}
