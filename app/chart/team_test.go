package chart

import (
	"regexp"
	"strings"
	"testing"
)

func sampleOutcomes(t testing.TB) Chart {
	c, err := OutcomeBars([]OutcomeRow{
		{"All teams", [5]int{30, 50, 90, 20, 10}},
		{"North community", [5]int{20, 30, 40, 8, 2}},
		{"Older adults & memory", [5]int{1, 4, 30, 4, 1}},
	}, BarOptions{ID: "o1", Title: "HoNOS: outcome of each pair, by team"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sampleTrend(t testing.TB) Chart {
	c, err := Trend([]string{"2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4", "2026 Q1"}, []TrendSeries{
		{"North community", []TrendPoint{{Pairs: 20, Improved: 8}, {Suppressed: true}, {Pairs: 25, Improved: 12}, {}, {Pairs: 30, Improved: 18}}},
		{"All teams", []TrendPoint{{Pairs: 60, Improved: 20}, {Pairs: 40, Improved: 10}, {Pairs: 70, Improved: 30}, {Pairs: 12, Improved: 3}, {Pairs: 80, Improved: 36}}},
	}, "fewer than 10 pairs", BarOptions{ID: "t1"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sampleBands(t testing.TB) Chart {
	c, err := BandChange([]BandRow{
		{Label: "Starting mild", Pairs: 40, Mean: -1.2, Shown: true, Q1: -3, Median: -1, Q3: 1, HasRange: true, RangePairs: 200},
		{Label: "Starting moderate", Pairs: 30, Mean: -7.5, Shown: true, Q1: -6, Median: -3, Q3: 0, HasRange: true, RangePairs: 150},
		{Label: "Starting severe", Pairs: 4, RangePairs: 8},
	}, "North community", "all teams", "fewer than 10 pairs", BarOptions{ID: "b1"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sampleItems(t testing.TB) Chart {
	c, err := ItemShifts([]ItemShiftRow{
		{Label: "1. Overactive behaviour", Assessable: 80, HighLow: 12, LowHigh: 4, Shown: true},
		{Label: "2. Self-injury", Assessable: 78, HighLow: 20, LowHigh: 2, Shown: true},
		{Label: "3. Drinking or drug use", Assessable: 6, HighLow: 1, Shown: false},
	}, "fewer than 10 pairs", BarOptions{ID: "i1"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTeamChartsMatchTheirGoldenFiles(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]Chart{"outcomes": sampleOutcomes(t), "trend": sampleTrend(t), "bands": sampleBands(t), "items": sampleItems(t)} {
		golden(t, name+".svg", c.SVG)
		golden(t, name+".txt", textOf(c))
	}
}

// The outcome bars say each group's better, stable and worse shares in
// words and in a table that adds up, label wide segments with their share,
// and hatch the worse categories so that colour is not the only signal.
func TestOutcomeBarsSayTheSharesAndHatchTheWorse(t *testing.T) {
	t.Parallel()
	c := sampleOutcomes(t)
	for _, want := range []string{"All teams: 80 of 200 pairs better (40%), 45% stable, 30 worse (15%).", "Older adults & memory: 5 of 40 pairs better (13%)"} {
		if !strings.Contains(c.Summary, want) {
			t.Errorf("summary lacks %q: %s", want, c.Summary)
		}
	}
	if got := strings.Join(c.Table.Rows[1], "|"); got != "North community|100|20 (20.0%)|30 (30.0%)|40 (40.0%)|8 (8.0%)|2 (2.0%)" {
		t.Errorf("table row = %s", got)
	}
	if !strings.Contains(c.SVG, `fill="url(#o1-hatch-3)"`) || !strings.Contains(c.SVG, `fill="url(#o1-hatch-4)"`) {
		t.Error("deteriorated and harmed are not hatched")
	}
	if !strings.Contains(c.SVG, `aria-label="North community, 100 pairs: recovered 20 (20%), improved 30 (30%), no reliable change (stable) 40 (40%), deteriorated 8 (8%), harmed 2 (2%)"`) {
		t.Error("a bar lacks its counts as its name")
	}
	for _, width := range []float64{280, 390, 720} {
		o, err := OutcomeBars([]OutcomeRow{{"A team with a really rather long name indeed", [5]int{1, 2, 3, 4, 5}}, {"B", [5]int{9, 0, 0, 0, 1}}}, BarOptions{Width: width})
		if err != nil {
			t.Fatal(err)
		}
		checkLegible(t, "outcomes", o.SVG, width)
	}
	if _, err := OutcomeBars([]OutcomeRow{{"Empty", [5]int{}}}, BarOptions{}); err == nil {
		t.Error("a group of no pairs drawn")
	}
	if _, err := OutcomeBars(nil, BarOptions{}); err == nil {
		t.Error("no groups drawn")
	}
}

// The trend leaves a suppressed quarter out of the picture and the table
// (it says why), breaks the line there, and refuses impossible counts.
func TestTheTrendLeavesSuppressedQuartersOut(t *testing.T) {
	t.Parallel()
	c := sampleTrend(t)
	if got := strings.Join(c.Table.Rows[1], "|"); got != "2025 Q2|fewer than 10 pairs|not shown|40|10 (25.0%)" {
		t.Errorf("suppressed row = %s", got)
	}
	if strings.Contains(c.SVG, "North community, 2025 Q2") {
		t.Error("a suppressed quarter is drawn")
	}
	if !strings.Contains(c.Summary, "North community: 75 pairs shown, 38 reliably improved (51%); 40% in 2025 Q1, 60% in 2026 Q1.") {
		t.Errorf("summary: %s", c.Summary)
	}
	// North's line breaks at 2025 Q2 and Q4: three pieces of one point.
	line := regexp.MustCompile(`<path d="([^"]*)" fill="none" stroke="#0072B2"`).FindStringSubmatch(c.SVG)
	if line == nil || strings.Count(line[1], "M") != 3 || strings.Contains(line[1], "L") {
		t.Errorf("north's line = %v", line)
	}
	periods := make([]string, 12)
	pts := make([]TrendPoint, 12)
	for i := range periods {
		periods[i] = "2024 Q" + string(rune('1'+i%4))
		pts[i] = TrendPoint{Pairs: 100 + i, Improved: 40}
	}
	for _, width := range []float64{280, 390, 720} {
		tr, err := Trend(periods, []TrendSeries{{"All teams", pts}}, "few", BarOptions{Width: width})
		if err != nil {
			t.Fatal(err)
		}
		checkLegible(t, "trend", tr.SVG, width)
	}
	if _, err := Trend([]string{"2025 Q1"}, []TrendSeries{{"X", []TrendPoint{{Pairs: 3, Improved: 4}}}}, "", BarOptions{}); err == nil {
		t.Error("4 improved of 3 pairs drawn")
	}
	if _, err := Trend([]string{"2025 Q1", "2025 Q2"}, []TrendSeries{{"X", []TrendPoint{{Pairs: 3}}}}, "", BarOptions{}); err == nil {
		t.Error("a series shorter than the periods drawn")
	}
}

// The band chart says where each shown mean lies against its range and
// leaves a small band's mean and range out, saying so.
func TestTheBandChartPlacesEachMeanAgainstItsRange(t *testing.T) {
	t.Parallel()
	c := sampleBands(t)
	for _, want := range []string{"Starting mild: −1.2, within the middle half.", "Starting moderate: −7.5, more improvement than the middle half."} {
		if !strings.Contains(c.Summary, want) {
			t.Errorf("summary lacks %q: %s", want, c.Summary)
		}
	}
	if got := strings.Join(c.Table.Rows[2], "|"); got != "Starting severe|fewer than 10 pairs|not shown|not shown|not shown" {
		t.Errorf("small band row = %s", got)
	}
	if strings.Contains(c.Summary, "severe:") {
		t.Error("a suppressed band is placed in words")
	}
	for _, width := range []float64{280, 390, 720} {
		b, err := BandChange([]BandRow{{Label: "Not banded (no band is published for this instrument)", Pairs: 40, Mean: -12, Shown: true, Q1: -20, Median: -8, Q3: 3, HasRange: true}}, "All teams", "all teams", "fewer than 10 pairs", BarOptions{Width: width})
		if err != nil {
			t.Fatal(err)
		}
		checkLegible(t, "bands", b.SVG, width)
	}
	if _, err := BandChange(nil, "", "", "", BarOptions{}); err == nil {
		t.Error("no bands drawn")
	}
}

// The item chart draws improvement to the right and deterioration to the
// left with their shares as text, and leaves a thinly rated item out.
func TestTheItemChartDivergesAndLeavesThinItemsOut(t *testing.T) {
	t.Parallel()
	c := sampleItems(t)
	if !strings.Contains(c.Summary, "Most often high to low: 2. Self-injury (26%). Most often low to high: 1. Overactive behaviour (5%).") {
		t.Errorf("summary: %s", c.Summary)
	}
	if got := strings.Join(c.Table.Rows[2], "|"); got != "3. Drinking or drug use|fewer than 10 pairs|not shown|not shown" {
		t.Errorf("thin item row = %s", got)
	}
	if !strings.Contains(c.SVG, ">15%</text>") || !strings.Contains(c.SVG, ">26%</text>") {
		t.Error("the shares are not written on the bars")
	}
	for _, width := range []float64{280, 390, 720} {
		it, err := ItemShifts([]ItemShiftRow{{Label: "12. Problems with occupation and activities of daily life", Assessable: 10, HighLow: 10, Shown: true}, {Label: "3", Assessable: 10, LowHigh: 10, Shown: true}}, "fewer than 10 pairs", BarOptions{Width: width})
		if err != nil {
			t.Fatal(err)
		}
		checkLegible(t, "items", it.SVG, width)
	}
	if _, err := ItemShifts([]ItemShiftRow{{Label: "x", Assessable: 3, HighLow: 2, LowHigh: 2, Shown: true}}, "", BarOptions{}); err == nil {
		t.Error("4 moves of 3 pairs drawn")
	}
}

// A marked team is named and ringed on the funnel wherever it lies.
func TestTheFunnelNamesAMarkedTeam(t *testing.T) {
	t.Parallel()
	c, err := Funnel([]FunnelPoint{{"A", 60, 24}, {"B", 60, 25}}, FunnelOptions{Mark: "B"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.SVG, ">B</text>") || strings.Contains(c.SVG, ">A</text>") || !strings.Contains(c.Summary, "B: 25 of 60 pairs (42%), within the limits (ringed).") {
		t.Errorf("the marked team is not picked out: %s", c.Summary)
	}
}
