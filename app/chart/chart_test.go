package chart

import (
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"honoscope/scoring"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// rating builds a rating of instrument id on date with the given codes.
func rating(id scoring.InstrumentID, date string, codes ...scoring.Code) scoring.Rating {
	d, err := scoring.ParseDate(date)
	if err != nil {
		panic(err)
	}
	r := scoring.Rating{Patient: "A", Date: d, Instrument: scoring.MustInstrument(id)}
	for i := range r.Items {
		r.Items[i] = scoring.NotKnown
	}
	copy(r.Items[:], codes)
	return r
}

func date(s string) scoring.Date {
	d, err := scoring.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

const U = scoring.NotKnown

// sampleRatings is one person's HoNOS ratings: a severe start, a gap with too
// many unknown items, recovery.
func sampleRatings() []scoring.Rating {
	return []scoring.Rating{
		rating(scoring.HoNOS, "2024-03-12", 2, 1, 0, 1, 2, 3, 4, 3, 3, 2, 1, 0), // 22
		rating(scoring.HoNOS, "2024-04-02", 2, 1, 0, U, U, U, 4, 3, 3, 2, 1, 0), // 3 unknown: not assessable
		rating(scoring.HoNOS, "2024-05-20", 1, 0, 0, 1, 2, 2, 3, 2, 2, 2, 1, 0), // 16
		rating(scoring.HoNOS, "2024-09-03", 1, 0, 0, 1, 1, 1, 1, 2, 2, 2, 1, 0), // 12
	}
}

func sampleTimeline(t testing.TB) Chart {
	opts := scoring.DefaultChangeOptions()
	c, err := Timeline(SeriesOf(sampleRatings(), nil, scoring.DefaultRules()), TimelineOptions{
		ID:       "t1",
		Title:    "HoNOS scores over time",
		Change:   &opts,
		Expected: &ExpectedRange{Label: "people starting severe, community (240 pairs)", Q1: -9, Median: -5, Q3: -1},
		Events: []Event{
			{Date: date("2024-03-20"), Text: "Admission"},
			{Date: date("2024-04-15"), Text: "Medication change: sertraline started"},
			{Date: date("2024-05-02"), Text: "Discharge"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sampleProfile(t testing.TB) Chart {
	rs := sampleRatings()
	c, err := ItemProfile(&rs[3], &rs[0], ProfileOptions{ID: "p1"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sampleFunnel is six teams around a trust share of 43% (184 of 428): one
// above the 99.8% limits, one below the 95% limits, and a small team with a
// high share (5 of 8) still within them (checked against the binomial by
// hand: for 8 pairs the upper 95% limit is 72.5%).
func sampleFunnel(t testing.TB) Chart {
	c, err := Funnel([]FunnelPoint{
		{"Assertive outreach", 60, 24}, {"North community", 120, 70}, {"South community", 110, 34},
		{"Early intervention", 8, 5}, {"Older adults", 90, 36}, {"Crisis team", 40, 15},
	}, FunnelOptions{ID: "f1"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sampleScatter(t testing.TB) Chart {
	var pairs []PairTotals
	for b := 0; b <= 30; b += 3 {
		for f := 0; f <= 30; f += 5 {
			for n := 0; n <= (b+f)%4; n++ {
				pairs = append(pairs, PairTotals{b, f})
			}
		}
	}
	c, err := Scatter(pairs, ScatterOptions{ID: "s1", MaxTotal: 48, Change: scoring.DefaultChangeOptions()})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./app/chart -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test ./app/chart -update and review the diff", name)
	}
}

// textOf renders a chart's summary and table as text for a golden file.
func textOf(c Chart) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Summary: %s\n\nTable: %s\n%s\n", c.Summary, c.Table.Caption, strings.Join(c.Table.Headers, " | "))
	for _, r := range c.Table.Rows {
		fmt.Fprintf(&b, "%s\n", strings.Join(r, " | "))
	}
	return b.String()
}

func TestChartsMatchTheirGoldenFiles(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		chart Chart
	}{
		{"timeline", sampleTimeline(t)},
		{"profile", sampleProfile(t)},
		{"scatter", sampleScatter(t)},
		{"funnel", sampleFunnel(t)},
	}
	for _, c := range cases {
		golden(t, c.name+".svg", c.chart.SVG)
		golden(t, c.name+".txt", textOf(c.chart))
	}
}

func TestChartsAreTheSameEveryTime(t *testing.T) {
	t.Parallel()
	first := sampleTimeline(t).SVG + sampleProfile(t).SVG + sampleScatter(t).SVG
	for i := 0; i < 5; i++ {
		if again := sampleTimeline(t).SVG + sampleProfile(t).SVG + sampleScatter(t).SVG; again != first {
			t.Fatal("the same input gave different SVG")
		}
	}
}

// element is a parsed SVG element.
type element struct {
	name     string
	attrs    map[string]string
	text     string
	children []*element
}

// parse reads svg as XML and returns its single root; it fails the test if
// there is not exactly one root element.
func parse(t *testing.T, svg string) *element {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var stack []*element
	var roots []*element
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch v := tok.(type) {
		case xml.StartElement:
			e := &element{name: v.Name.Local, attrs: map[string]string{}}
			for _, a := range v.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				roots = append(roots, e)
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(v)
			} else if strings.TrimSpace(string(v)) != "" {
				t.Fatalf("text outside the root element: %q", v)
			}
		}
	}
	if len(roots) != 1 || roots[0].name != "svg" {
		t.Fatalf("want exactly one root <svg>, got %d roots", len(roots))
	}
	return roots[0]
}

func (e *element) walk(f func(*element)) {
	f(e)
	for _, c := range e.children {
		c.walk(f)
	}
}

func TestEveryChartIsOneAccessibleCSPSafeSVG(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]Chart{"timeline": sampleTimeline(t), "profile": sampleProfile(t), "scatter": sampleScatter(t), "funnel": sampleFunnel(t),
		"outcomes": sampleOutcomes(t), "trend": sampleTrend(t), "bands": sampleBands(t), "items": sampleItems(t)} {
		root := parse(t, c.SVG)
		if root.attrs["viewBox"] == "" || root.attrs["width"] != "" || root.attrs["height"] != "" {
			t.Errorf("%s: want a viewBox and no fixed size, got %v", name, root.attrs)
		}
		if r := root.attrs["role"]; r != "img" && r != "group" {
			t.Errorf("%s: role = %q", name, r)
		}
		ids := map[string]bool{}
		focusable := 0
		root.walk(func(e *element) {
			if _, ok := e.attrs["style"]; ok || e.name == "style" || e.name == "script" || e.name == "foreignObject" {
				t.Errorf("%s: <%s> carries a style or script, which a strict CSP blocks", name, e.name)
			}
			for k := range e.attrs {
				if strings.HasPrefix(k, "on") {
					t.Errorf("%s: <%s> has an event handler attribute %s", name, e.name, k)
				}
			}
			if id := e.attrs["id"]; id != "" {
				if ids[id] {
					t.Errorf("%s: id %q is used twice", name, id)
				}
				ids[id] = true
			}
			if e.attrs["tabindex"] == "0" {
				focusable++
				if e.attrs["aria-label"] == "" || e.attrs["role"] != "img" {
					t.Errorf("%s: a focusable element has no role and name: %v", name, e.attrs)
				}
			}
		})
		if !ids[root.attrs["aria-labelledby"]] || !ids[root.attrs["aria-describedby"]] {
			t.Errorf("%s: aria-labelledby/-describedby do not point at the title and desc", name)
		}
		if (root.attrs["role"] == "group") != (focusable > 0) {
			t.Errorf("%s: role %q with %d focusable elements: role=img hides its children from assistive technology", name, root.attrs["role"], focusable)
		}
		if len(root.children) < 2 || root.children[0].name != "title" || root.children[1].name != "desc" || root.children[1].text != c.Summary {
			t.Errorf("%s: the first children must be <title> and <desc> holding the summary", name)
		}
	}
}

func TestTimelinePointsAreFocusableWithTheirValues(t *testing.T) {
	t.Parallel()
	c := sampleTimeline(t)
	root := parse(t, c.SVG)
	var labels []string
	root.walk(func(e *element) {
		if e.attrs["class"] == "chart-point" {
			labels = append(labels, e.attrs["aria-label"])
		}
	})
	// 3 known totals + Behaviour 4 + Impairment 3 + Symptoms 3 + Social 4.
	if len(labels) != 17 {
		t.Errorf("got %d focusable points, want 17: %q", len(labels), labels)
	}
	for _, want := range []string{"12 March 2024: Total 22 of 48", "3 September 2024: Total 12 of 48", "12 March 2024: Social 6 of 16"} {
		found := false
		for _, l := range labels {
			found = found || l == want
		}
		if !found {
			t.Errorf("no point is named %q", want)
		}
	}
	if strings.Contains(c.SVG, "2 April 2024: Total") {
		t.Error("a total that is not assessable was drawn as a point")
	}
	for _, want := range []string{"Score (higher = more problems)", "Clinical cut-off: 11 and above", "Within 7 points of the first score: no reliable change", "20 March 2024: Admission"} {
		if !strings.Contains(c.SVG, want) {
			t.Errorf("the timeline lacks %q", want)
		}
	}
}

func TestTimelineTableHasARowPerRatingAndEvent(t *testing.T) {
	t.Parallel()
	c := sampleTimeline(t)
	want := [][]string{
		{"12 March 2024", "22", "3", "3", "10", "6", ""},
		{"20 March 2024", "", "", "", "", "", "Admission"},
		{"2 April 2024", "not assessable", "3", "not assessable", "not assessable", "6", ""},
		{"15 April 2024", "", "", "", "", "", "Medication change: sertraline started"},
		{"2 May 2024", "", "", "", "", "", "Discharge"},
		{"20 May 2024", "16", "1", "3", "7", "5", ""},
		{"3 September 2024", "12", "1", "2", "4", "5", ""},
	}
	if got := fmt.Sprint(c.Table.Rows); got != fmt.Sprint(want) {
		t.Errorf("rows:\n got %v\nwant %v", got, want)
	}
	if got := strings.Join(c.Table.Headers, ","); got != "Date,Total,Behaviour,Impairment,Symptoms,Social,Events" {
		t.Errorf("headers: %s", got)
	}
}

func TestTimelineKeepsSameDayRatingsApart(t *testing.T) {
	t.Parallel()
	d := date("2024-01-01")
	c, err := Timeline([]Series{{Name: "Total", Max: 48, Points: []Point{{d, 10, true}, {d, 12, true}}}}, TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Table.Rows) != 2 || c.Table.Rows[0][1] != "10" || c.Table.Rows[1][1] != "12" {
		t.Errorf("rows: %v", c.Table.Rows)
	}
}

func TestTimelineRejectsWhatItCannotDrawHonestly(t *testing.T) {
	t.Parallel()
	d := date("2024-01-01")
	bad := scoring.DefaultChangeOptions()
	bad.Threshold = 0
	cases := []struct {
		name   string
		series []Series
		opts   TimelineOptions
		want   string
	}{
		{"a score above the series maximum", []Series{{Name: "Total", Max: 48, Points: []Point{{d, 49, true}}}}, TimelineOptions{}, "outside 0–48"},
		{"a negative score", []Series{{Name: "Total", Max: 48, Points: []Point{{d, -1, true}}}}, TimelineOptions{}, "outside 0–48"},
		{"an axis below the highest score", []Series{{Name: "Total", Max: 48, Points: []Point{{d, 30, true}}}}, TimelineOptions{YMax: 20}, "raise YMax"},
		{"quartiles out of order", []Series{{Name: "Total", Max: 48, Points: []Point{{d, 30, true}}}}, TimelineOptions{Expected: &ExpectedRange{Q1: 2, Median: 1, Q3: 3}}, "in order"},
		{"invalid change options", []Series{{Name: "Total", Max: 48}}, TimelineOptions{Change: &bad}, "threshold"},
		{"too many series", make([]Series, MaxSeries+1), TimelineOptions{}, "at most 9"},
	}
	for _, c := range cases {
		_, err := Timeline(c.series, c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func TestTimelineWithoutScoresSaysSo(t *testing.T) {
	t.Parallel()
	for _, series := range [][]Series{nil, {{Name: "Total", Max: 48}}} {
		c, err := Timeline(series, TimelineOptions{})
		if err != nil {
			t.Fatal(err)
		}
		parse(t, c.SVG)
		if !strings.Contains(c.SVG, "No scores to show yet") {
			t.Errorf("an empty timeline does not say it is empty: %s", c.SVG)
		}
	}
}

func TestTimelineSeriesHaveDistinctShapesAndColours(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for i := 0; i < MaxSeries; i++ {
		key := Palette[i%len(Palette)] + shapePaths[Shape(i)%numShapes]
		if seen[key] {
			t.Errorf("series %d repeats the colour and shape of an earlier series", i)
		}
		seen[key] = true
		if seen[shapePaths[Shape(i)%numShapes]+"shape"] {
			t.Errorf("series %d repeats a marker shape", i)
		}
		seen[shapePaths[Shape(i)%numShapes]+"shape"] = true
	}
}

func TestSeriesOfScoresTotalsAndCustomGroupings(t *testing.T) {
	t.Parallel()
	g := &scoring.Grouping{Name: "Trust", Instrument: scoring.HoNOS, Groups: []scoring.Group{{Name: "Mood", Items: []int{7, 8}}, {Name: "Daily life", Items: []int{10, 11, 12}}}}
	s := SeriesOf(sampleRatings(), g, scoring.DefaultRules())
	if len(s) != 3 || s[1].Name != "Mood" || s[1].Max != 8 || s[2].Max != 12 {
		t.Fatalf("series: %+v", s)
	}
	if p := s[1].Points[0]; p.Value != 7 || !p.Known {
		t.Errorf("Mood at the first rating: %+v, want 7", p)
	}
	if p := s[0].Points[1]; p.Known {
		t.Errorf("a total with 3 unknown items is shown as known: %+v", p)
	}
}

func TestReliablePointsAgreeWithClassify(t *testing.T) {
	t.Parallel()
	jt := scoring.ChangeOptions{Method: scoring.JacobsonTruax, SD: 6, Reliability: 0.8, Cutoff: 11}
	es := scoring.ChangeOptions{Method: scoring.EffectSize, SD: 7, EffectSize: 0.5, Cutoff: 11}
	esNoSD := es
	esNoSD.SD = 0
	cases := []struct {
		name string
		opts scoring.ChangeOptions
		want int
		ok   bool
	}{
		{"the 8-point rule needs 8 points", scoring.DefaultChangeOptions(), 8, true},
		// 1.96·√2·6·√0.2 = 7.44, so 8 points is the smallest reliable whole change.
		{"Jacobson–Truax with SD 6 and r 0.8 needs 8 points", jt, 8, true},
		// 0.5·7 = 3.5, so 4 points.
		{"an effect size of 0.5 with SD 7 needs 4 points", es, 4, true},
		{"an effect size without an SD has no band", esNoSD, 0, false},
	}
	for _, c := range cases {
		got, ok := ReliablePoints(c.opts, 200)
		if got != c.want || ok != c.ok {
			t.Errorf("%s: got %d, %v", c.name, got, ok)
		}
	}
}

func TestItemProfileMarksBandChangesSignificanceAndUnknowns(t *testing.T) {
	t.Parallel()
	a := rating(scoring.HoNOS, "2024-01-01", 4, 0, 3, 1, U, 2, 3, 0, 0, 0, 0, 0)
	b := rating(scoring.HoNOS, "2024-06-01", 1, 3, 4, 1, 2, 2, 3, 0, 0, 0, 0, 0)
	c, err := ItemProfile(&a, &b, ProfileOptions{ID: "x", Labels: []string{"Behaviour"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"1. Behaviour: 4 (clinically significant) on 1 January 2024, 1 on 1 June 2024; change −3; moved from high (3–4) to low (0–2)",
		"2. Non-accidental self-injury: 0 on 1 January 2024, 3 (clinically significant) on 1 June 2024; change +3; moved from low (0–2) to high (3–4)",
		"3. Problem drinking or drug-taking: 3 (clinically significant) on 1 January 2024, 4 (clinically significant) on 1 June 2024; change +1; high at both",
		"5. Physical illness or disability problems: not known on 1 January 2024",
		MarkHighLow, MarkLowHigh, MarkHighHigh, "not known", "url(#x-hatch-b)",
	} {
		if !strings.Contains(c.SVG, strings.ReplaceAll(want, "&", "&amp;")) {
			t.Errorf("the profile lacks %q", want)
		}
	}
	if got := c.Table.Rows[4]; got[1] != "not known" || got[3] != "not known" || got[4] != "not known" {
		t.Errorf("unknown item row: %v", got)
	}
	if !strings.Contains(c.Summary, "Moved from high (3–4) to low (0–2): 1. Behaviour.") {
		t.Errorf("summary: %s", c.Summary)
	}
}

func TestItemProfileShowsHoNOSCAInformationItems(t *testing.T) {
	t.Parallel()
	a := rating(scoring.HoNOSCA, "2024-01-01", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3)
	b := rating(scoring.HoNOSCA, "2024-02-01", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0)
	c, err := ItemProfile(&a, &b, ProfileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Table.Rows) != 15 || !strings.HasSuffix(c.Table.Rows[14][0], "(not in the total)") {
		t.Errorf("rows: %d, last %v", len(c.Table.Rows), c.Table.Rows[len(c.Table.Rows)-1])
	}
}

func TestItemProfileRefusesDifferentInstruments(t *testing.T) {
	t.Parallel()
	a := rating(scoring.HoNOS, "2024-01-01")
	b := rating(scoring.HoNOSCA, "2024-02-01")
	if _, err := ItemProfile(&a, &b, ProfileOptions{}); err == nil || !strings.Contains(err.Error(), "cannot compare a HoNOS rating with a HoNOSCA rating") {
		t.Errorf("got %v", err)
	}
	if _, err := ItemProfile(nil, &b, ProfileOptions{}); err == nil {
		t.Error("a missing rating gave no error")
	}
}

func TestScatterAggregatesIdenticalPairs(t *testing.T) {
	t.Parallel()
	pairs := make([]PairTotals, 100000)
	for i := range pairs {
		pairs[i] = PairTotals{Baseline: i % 49, Followup: (i / 49) % 49}
	}
	c, err := Scatter(pairs, ScatterOptions{MaxTotal: 48, Change: scoring.DefaultChangeOptions()})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(c.SVG, "<circle"); n > 49*49 {
		t.Errorf("%d circles for at most %d distinct pairs", n, 49*49)
	}
	if len(c.SVG) > 400_000 {
		t.Errorf("the SVG of 100,000 pairs is %d bytes", len(c.SVG))
	}
	if c.Table.Rows[len(c.Table.Rows)-1][1] != "100000" {
		t.Errorf("table: %v", c.Table.Rows)
	}
}

func TestScatterCountsCategoriesLikeClassify(t *testing.T) {
	t.Parallel()
	pairs := []PairTotals{{22, 10}, {22, 10}, {30, 20}, {20, 18}, {12, 20}, {8, 18}, {0, 0}}
	c, err := Scatter(pairs, ScatterOptions{MaxTotal: 48, Change: scoring.DefaultChangeOptions()})
	if err != nil {
		t.Fatal(err)
	}
	want := "[[recovered 2 28.6%] [improved 1 14.3%] [no reliable change (stable) 2 28.6%] [deteriorated 1 14.3%] [harmed 1 14.3%] [All pairs 7 100.0%]]"
	if got := fmt.Sprint(c.Table.Rows); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if !strings.Contains(c.SVG, "First 22, latest 10: 2 pairs") {
		t.Error("an aggregated point does not give its count")
	}
}

func TestScatterRejectsBadInput(t *testing.T) {
	t.Parallel()
	es := scoring.DefaultChangeOptions()
	es.Method = scoring.EffectSize
	cases := []struct {
		name  string
		pairs []PairTotals
		opts  ScatterOptions
		want  string
	}{
		{"a total above the maximum", []PairTotals{{49, 0}}, ScatterOptions{MaxTotal: 48, Change: scoring.DefaultChangeOptions()}, "pair 1 has totals 49 and 0"},
		{"no maximum", nil, ScatterOptions{Change: scoring.DefaultChangeOptions()}, "MaxTotal"},
		{"effect size without SD", nil, ScatterOptions{MaxTotal: 48, Change: es}, "SD"},
	}
	for _, c := range cases {
		if _, err := Scatter(c.pairs, c.opts); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.name, err, c.want)
		}
	}
}

func TestTextIsEscaped(t *testing.T) {
	t.Parallel()
	d := date("2024-01-01")
	c, err := Timeline([]Series{{Name: `<b>&"x"`, Max: 4, Points: []Point{{d, 1, true}}}}, TimelineOptions{ID: `"><script>`, Events: []Event{{d, "<script>alert(1)</script>"}}})
	if err != nil {
		t.Fatal(err)
	}
	parse(t, c.SVG)
	if strings.Contains(c.SVG, "<script") || strings.Contains(c.SVG, "<b>") {
		t.Error("text was not escaped")
	}
}

func TestDatesUseProportionalSpacing(t *testing.T) {
	t.Parallel()
	s := newDateScale(date("2024-01-01"), date("2024-12-31"), 0, 1000)
	a, b, c := s.x(date("2024-01-01")), s.x(date("2024-02-01")), s.x(date("2024-12-31"))
	if got := (b - a) / (c - a); got < 0.084 || got > 0.086 {
		t.Errorf("one month of a year is %.3f of the width", got)
	}
	ticks := s.ticks(6)
	if len(ticks) == 0 || len(ticks) > 7 {
		t.Errorf("ticks: %v", ticks)
	}
	if short := newDateScale(date("2024-01-01"), date("2024-01-10"), 0, 100).ticks(6); len(short) == 0 || short[0].label == "" {
		t.Errorf("short span ticks: %v", short)
	}
}

func BenchmarkPersonCharts(b *testing.B) {
	// 100 ratings a fortnight apart, total + 4 subscales + events, and one
	// item profile (the first and the latest rating).
	rs := make([]scoring.Rating, 100)
	start := date("2020-01-06")
	for i := range rs {
		rs[i] = scoring.Rating{Date: start + scoring.Date(14*i), Instrument: scoring.MustInstrument(scoring.HoNOS)}
		for j := 0; j < 12; j++ {
			rs[i].Items[j] = scoring.Code((i + j*3) % 5)
		}
		if i%17 == 5 {
			rs[i].Items[3], rs[i].Items[4], rs[i].Items[5] = U, U, U
		}
	}
	events := []Event{{start + 20, "Admission"}, {start + 90, "Medication change"}, {start + 400, "Discharge"}, {start + 900, "Moved house"}}
	opts := scoring.DefaultChangeOptions()
	b.ReportAllocs()
	for b.Loop() {
		series := SeriesOf(rs, nil, scoring.DefaultRules())
		if _, err := Timeline(series, TimelineOptions{Change: &opts, Events: events, Expected: &ExpectedRange{Label: "x", Q1: -8, Median: -4, Q3: 0}}); err != nil {
			b.Fatal(err)
		}
		if _, err := ItemProfile(&rs[0], &rs[99], ProfileOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScatter100k(b *testing.B) {
	pairs := make([]PairTotals, 100000)
	for i := range pairs {
		pairs[i] = PairTotals{Baseline: (i * 7) % 49, Followup: (i * 13) % 49}
	}
	opts := ScatterOptions{MaxTotal: 48, Change: scoring.DefaultChangeOptions()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Scatter(pairs, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// A timeline drawn for the width it is shown at keeps its text at 12 px or
// more and inside the picture, its date labels apart, and its legend
// wrapped within the width, at a phone's width as at a desktop's.
func TestATimelineDrawnForItsWidthKeepsItsTextLegible(t *testing.T) {
	t.Parallel()
	opts := scoring.DefaultChangeOptions()
	for _, width := range []float64{280, 320, 390, 768, 1280} {
		c, err := Timeline(SeriesOf(sampleRatings(), nil, scoring.DefaultRules()), TimelineOptions{
			ID: "w", Change: &opts, Width: width,
			Expected: &ExpectedRange{Label: "people starting severe, community (240 pairs)", Q1: -9, Median: -5, Q3: -1},
			Events:   []Event{{Date: date("2024-03-20"), Text: "Admission"}, {Date: date("2024-05-28"), Text: "Medication change: sertraline started"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(c.SVG, fmt.Sprintf(`viewBox="0 0 %g `, width)) {
			t.Errorf("width %g: not drawn for its width: %.120s", width, c.SVG)
		}
		checkLegible(t, "timeline", c.SVG, width)
	}
}

// checkLegible fails when text of svg, drawn for width, is under 12 px or
// runs outside the picture (by its estimated extent).
func checkLegible(t *testing.T, what, svg string, width float64) {
	t.Helper()
	for _, m := range regexp.MustCompile(`font-size="([0-9.]+)"`).FindAllStringSubmatch(svg, -1) {
		if size, _ := strconv.ParseFloat(m[1], 64); size < 12 {
			t.Errorf("%s at %g: text at %s px", what, width, m[1])
		}
	}
	// A group's text-anchor holds for its texts.
	svg = regexp.MustCompile(`<g [^>]*text-anchor="(end|middle)"[^>]*>.*?</g>`).ReplaceAllStringFunc(svg, func(g string) string {
		anchor := regexp.MustCompile(`text-anchor="(end|middle)"`).FindString(g)
		return regexp.MustCompile(`<text x="([0-9.-]+)"`).ReplaceAllString(g, `<text x="$1" `+anchor)
	})
	for _, m := range regexp.MustCompile(`<text x="([0-9.-]+)"([^>]*)>([^<]*)</text>`).FindAllStringSubmatch(svg, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		w := textWidth(m[3])
		lo, hi := x, x+w
		switch {
		case strings.Contains(m[2], "rotate"):
			continue
		case strings.Contains(m[2], `text-anchor="end"`):
			lo, hi = x-w, x
		case strings.Contains(m[2], `text-anchor="middle"`):
			lo, hi = x-w/2, x+w/2
		}
		if lo < -1 || hi > width+1 {
			t.Errorf("%s at %g: %q runs outside the picture (%.0f to %.0f)", what, width, m[3], lo, hi)
		}
	}
}

// The item profile drawn for a phone stacks each item's name above its
// bars; its text stays 12 px or more and inside the picture.
func TestAnItemProfileDrawnForItsWidthKeepsItsTextLegible(t *testing.T) {
	t.Parallel()
	rs := sampleRatings()
	for _, width := range []float64{280, 320, 390, 768, 800} {
		c, err := ItemProfile(&rs[3], &rs[0], ProfileOptions{ID: "p", Width: width})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(c.SVG, fmt.Sprintf(`viewBox="0 0 %g `, width)) {
			t.Errorf("width %g: not drawn for its width: %.120s", width, c.SVG)
		}
		checkLegible(t, "item profile", c.SVG, width)
	}
	// Wider screens show the 800 px drawing larger.
	if c, _ := ItemProfile(&rs[3], &rs[0], ProfileOptions{ID: "p", Width: 1280}); !strings.Contains(c.SVG, `viewBox="0 0 800 `) {
		t.Errorf("at 1280 px the item profile is not the 800 px drawing: %.120s", c.SVG)
	}
}

// Event labels never overlap: each goes in the first row where it is clear
// of the others, cut short when it must be.
func TestEventLabelsDoNotOverlapAtAnyWidth(t *testing.T) {
	t.Parallel()
	events := []Event{
		{Date: date("2024-01-18"), Text: "Admission"},
		{Date: date("2024-02-17"), Text: "Medication change: new tablets"},
		{Date: date("2024-04-07"), Text: "Discharge"},
		{Date: date("2024-07-26"), Text: "Started a college course"},
		{Date: date("2024-08-01"), Text: "Moved house"},
	}
	for _, width := range []float64{280, 390, 768, 1280} {
		c, err := Timeline(SeriesOf(sampleRatings(), nil, scoring.DefaultRules()), TimelineOptions{Events: events, Width: width})
		if err != nil {
			t.Fatal(err)
		}
		type span struct{ lo, hi float64 }
		rows := map[string][]span{}
		for _, m := range regexp.MustCompile(`class="chart-event".*?<text x="([0-9.-]+)" y="([0-9.]+)"([^>]*)>([^<]*)</text>`).FindAllStringSubmatch(c.SVG, -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			w := textWidth(m[4])
			sp := span{x, x + w}
			if strings.Contains(m[3], "end") {
				sp = span{x - w, x}
			}
			for _, o := range rows[m[2]] {
				if sp.lo < o.hi && o.lo < sp.hi {
					t.Errorf("width %g: %q overlaps another label in its row", width, m[4])
				}
			}
			rows[m[2]] = append(rows[m[2]], sp)
		}
		checkLegible(t, "timeline with events", c.SVG, width)
	}
}

// The Jacobson plot drawn for a phone keeps its text 12 px or more and in
// the picture; its quadrant labels shorten to fit.
func TestAScatterDrawnForItsWidthKeepsItsTextLegible(t *testing.T) {
	t.Parallel()
	for _, width := range []float64{280, 320, 390, 640} {
		c, err := Scatter([]PairTotals{{Baseline: 20, Followup: 8}, {Baseline: 6, Followup: 14}}, ScatterOptions{MaxTotal: 48, Change: scoring.DefaultChangeOptions(), Width: width})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(c.SVG, fmt.Sprintf(`viewBox="0 0 %g `, width)) {
			t.Errorf("width %g: not drawn for its width: %.120s", width, c.SVG)
		}
		checkLegible(t, "scatter", c.SVG, width)
	}
}

// The funnel plot names the teams outside the limits on the chart and in
// words, marks them by shape, keeps its text legible at every width, and
// refuses a count that cannot be.
func TestTheFunnelPlotNamesTheTeamsOutsideTheLimits(t *testing.T) {
	t.Parallel()
	c := sampleFunnel(t)
	for _, want := range []string{"Across the teams shown, 184 of 428 pairs reliably improved (43%)", "Above the 99.8% limits: North community.", "Below the 95% limits: South community.", "not a verdict"} {
		if !strings.Contains(c.Summary, want) {
			t.Errorf("the summary lacks %q: %s", want, c.Summary)
		}
	}
	for _, want := range []string{">North community</text>", ">South community</text>", `aria-label="Early intervention: 5 of 8 pairs (63%), within the limits"`} {
		if !strings.Contains(c.SVG, want) {
			t.Errorf("the chart lacks %s", want)
		}
	}
	if strings.Contains(c.SVG, ">Early intervention</text>") {
		t.Error("a team within the limits is named on the chart")
	}
	for _, width := range []float64{280, 390, 640} {
		f, err := Funnel([]FunnelPoint{{"A long team name here", 50, 40}, {"B", 200, 60}, {"C", 30, 10}}, FunnelOptions{Width: width})
		if err != nil {
			t.Fatal(err)
		}
		checkLegible(t, "funnel", f.SVG, width)
	}
	if _, err := Funnel([]FunnelPoint{{"X", 10, 11}}, FunnelOptions{}); err == nil {
		t.Error("11 of 10 pairs drawn")
	}
	if _, err := Funnel(nil, FunnelOptions{}); err == nil {
		t.Error("no teams drawn")
	}
}
