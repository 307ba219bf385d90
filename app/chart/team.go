package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"honoscope/app/words"
	"honoscope/scoring"
)

// The team report's pictures: outcome categories as stacked bars, the trend
// by quarter, mean change by baseline band against the expected range, and
// items moving between high and low as diverging bars. Each is drawn for a
// width (up to tmMaxWidth) with labels on lines of their own above the
// bars, so that a phone keeps the bars' length and every text stays 12 px.

// tmMaxWidth is the widest the team charts are drawn.
const tmMaxWidth = 720.0

// teamWidth is the drawing width for a chart shown at w CSS pixels.
func teamWidth(w float64) float64 {
	if w <= 0 {
		return tmMaxWidth
	}
	return math.Min(tmMaxWidth, chartWidth(w))
}

// categoryFills are the fills of the outcome categories in report order
// (recovered, improved, no reliable change, deteriorated, harmed): blues
// for better, grey for stable, orange for worse (Okabe–Ito), with the two
// worse ones hatched so that better and worse differ without colour.
var categoryFills = [5]string{"#0072B2", "#56B4E9", "#d9d9d9", "#E69F00", "#D55E00"}

// categoryInk is the colour of text drawn on each category's fill: white on
// the dark blue, black on the others (each at least 4.5:1).
var categoryInk = [5]string{"#ffffff", "#000000", "#000000", "#000000", "#000000"}

// OutcomeRow is one group's outcome categories.
type OutcomeRow struct {
	// Label names the group ("North CMHT", "All teams").
	Label string
	// Counts are the pairs in each category, in scoring.Categories order.
	Counts [5]int
}

// Pairs is the row's number of pairs.
func (r OutcomeRow) Pairs() int {
	n := 0
	for _, c := range r.Counts {
		n += c
	}
	return n
}

// BarOptions configure the team report's charts.
type BarOptions struct {
	// ID prefixes the ids inside the SVG.
	ID string
	// Title is the chart's accessible name.
	Title string
	// Width is the width in CSS pixels the chart is shown at (as
	// TimelineOptions.Width), up to 720; 0 means 720.
	Width float64
}

// resolve returns the chart's id, title and drawing width, with the
// chart's own id and title where the options give none.
func (opts BarOptions) resolve(id, title string) (string, string, float64) {
	if opts.Title != "" {
		title = opts.Title
	}
	return cleanID(opts.ID, id), title, teamWidth(opts.Width)
}

// OutcomeBars draws each group's pairs split into the five outcome
// categories as one bar of 100%, in a fixed order from recovered to harmed.
// A segment wide enough carries its share as text; every bar is focusable
// with its counts as its accessible name; the worse categories are hatched
// as well as coloured. It returns an error for no rows or a row of no pairs.
func OutcomeBars(rows []OutcomeRow, opts BarOptions) (Chart, error) {
	if len(rows) == 0 {
		return Chart{}, fmt.Errorf("outcome bars: no groups to draw")
	}
	for _, r := range rows {
		if r.Pairs() == 0 {
			return Chart{}, fmt.Errorf("outcome bars: %s has no pairs", r.Label)
		}
	}
	id, title, width := opts.resolve("outcomes", "Outcome of each pair, by group")
	left, right := 8.0, width-8
	const rowH, barH, top = 52.0, 26.0, 8.0
	leg := legend{}
	for i, c := range scoring.Categories {
		kind := legendSwatch
		fill := categoryFills[i]
		if i >= 3 {
			kind, fill = legendHatch, "url(#"+id+"-hatch-"+strconv.Itoa(i)+")"
		}
		leg.entries = append(leg.entries, legendEntry{kind: kind, colour: fill, label: words.Capitalise(CategoryName(c))})
	}
	leg.layout(left, right)
	height := top + rowH*float64(len(rows)) + 14 + leg.height
	desc := outcomeDesc(rows)

	var w writer
	w.Grow(3000 + 1500*len(rows))
	w.open(id, "chart-outcomes", width, height, true, title, desc)
	w.s(`<defs>`)
	for i := 3; i < 5; i++ {
		w.s(`<pattern id="`, id, `-hatch-`, i, `" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="`, categoryFills[i],
			`"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000000" stroke-width="1.5" stroke-opacity="0.55"/></pattern>`)
	}
	w.s(`</defs><g class="chart-bars">`)
	for ri, r := range rows {
		y := top + rowH*float64(ri)
		n := r.Pairs()
		label := outcomeLabel(r)
		w.s(`<g class="chart-point" tabindex="0" role="img" aria-label="`, esc(label), `"><title>`, esc(label), `</title>`,
			`<text x="`, left, `" y="`, y+12, `" font-weight="700">`, esc(clipText(r.Label+" ("+words.Count(n, "pair", "pairs")+")", int((right-left)/6.6))), `</text>`)
		x := left
		by := y + 18
		for i, c := range r.Counts {
			if c == 0 {
				continue
			}
			seg := (right - left) * float64(c) / float64(n)
			fill := categoryFills[i]
			if i >= 3 {
				fill = "url(#" + id + "-hatch-" + strconv.Itoa(i) + ")"
			}
			w.s(`<rect x="`, x, `" y="`, by, `" width="`, seg, `" height="`, barH, `" fill="`, fill, `" stroke="#ffffff" stroke-width="1" vector-effect="non-scaling-stroke"/>`)
			if t := pct(float64(c) / float64(n)); textWidth(t)+8 <= seg {
				ink := categoryInk[i]
				if i >= 3 {
					// Text on a hatch sits on a white plate so it reads.
					w.s(`<rect x="`, x+seg/2-textWidth(t)/2-3, `" y="`, by+6, `" width="`, textWidth(t)+6, `" height="15" fill="#ffffff"/>`)
					ink = "#000000"
				}
				w.s(`<text x="`, x+seg/2, `" y="`, by+17, `" text-anchor="middle" fill="`, ink, `">`, t, `</text>`)
			}
			x += seg
		}
		w.s(`</g>`)
	}
	w.s(`</g>`)
	leg.draw(&w, top+rowH*float64(len(rows))+10)
	w.s(`</svg>`)
	return Chart{SVG: w.String(), Summary: desc, Table: outcomeTable(title, rows)}, nil
}

// outcomeLabel is a bar's accessible name: "North CMHT, 40 pairs:
// recovered 5 (13%), improved 10 (25%), …".
func outcomeLabel(r OutcomeRow) string {
	n := r.Pairs()
	parts := make([]string, len(r.Counts))
	for i, c := range r.Counts {
		parts[i] = CategoryName(scoring.Categories[i]) + " " + strconv.Itoa(c) + " (" + pct(float64(c)/float64(n)) + ")"
	}
	return r.Label + ", " + words.Count(n, "pair", "pairs") + ": " + strings.Join(parts, ", ")
}

func outcomeDesc(rows []OutcomeRow) string {
	var b strings.Builder
	b.WriteString("Each bar is one group's pairs, split from left to right into recovered, improved, no reliable change (stable), deteriorated and harmed.")
	for _, r := range rows {
		n := r.Pairs()
		better := r.Counts[0] + r.Counts[1]
		worse := r.Counts[3] + r.Counts[4]
		fmt.Fprintf(&b, " %s: %s better (%s), %s stable, %s worse (%s).", r.Label, strconv.Itoa(better)+" of "+words.Count(n, "pair", "pairs"), pct(float64(better)/float64(n)), pct(float64(r.Counts[2])/float64(n)), strconv.Itoa(worse), pct(float64(worse)/float64(n)))
	}
	return b.String()
}

func outcomeTable(title string, rows []OutcomeRow) Table {
	t := Table{Caption: title, Headers: []string{"Group", "Pairs"}}
	for _, c := range scoring.Categories {
		t.Headers = append(t.Headers, words.Capitalise(CategoryName(c)))
	}
	for _, r := range rows {
		n := r.Pairs()
		row := []string{r.Label, strconv.Itoa(n)}
		for _, c := range r.Counts {
			row = append(row, strconv.Itoa(c)+" ("+words.Percent(c, n, "–")+")")
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// TrendPoint is one period of a trend: the pairs completed in it (their
// latest rating fell in the period) and how many were reliably improved.
type TrendPoint struct {
	// Pairs completed and Improved among them; Suppressed marks a period
	// with too few pairs to show (its figures are not drawn or listed).
	Pairs, Improved int
	Suppressed      bool
}

// TrendSeries is one group's trend, a point per period.
type TrendSeries struct {
	// Name names the group; Points has one point per period.
	Name   string
	Points []TrendPoint
}

// Trend draws, for each period (e.g. "2025 Q3"), the pairs completed in it
// as bars (of the first series) and each series' share reliably improved as
// a line with markers, in two panels over the same periods. A suppressed
// period has no bar and no point and says so in the table. It returns an
// error for no periods or series of the wrong length.
func Trend(periods []string, series []TrendSeries, suppressedText string, opts BarOptions) (Chart, error) {
	if len(periods) == 0 || len(series) == 0 {
		return Chart{}, fmt.Errorf("trend: no periods to draw")
	}
	for _, s := range series {
		if len(s.Points) != len(periods) {
			return Chart{}, fmt.Errorf("trend: %s has %d points for %d periods", s.Name, len(s.Points), len(periods))
		}
		for _, p := range s.Points {
			if p.Pairs < 0 || p.Improved < 0 || p.Improved > p.Pairs {
				return Chart{}, fmt.Errorf("trend: %s has %d improved of %d pairs", s.Name, p.Improved, p.Pairs)
			}
		}
	}
	id, title, width := opts.resolve("trend", "Pairs completed and share reliably improved, by quarter")
	left, right := 56.0, width-16
	const top, barPanel, gap, linePanel = 22.0, 90.0, 46.0, 130.0
	step := (right - left) / float64(len(periods))
	cx := func(i int) float64 { return left + step*(float64(i)+0.5) }
	maxPairs := 1
	for _, p := range series[0].Points {
		if !p.Suppressed {
			maxPairs = max(maxPairs, p.Pairs)
		}
	}
	yStepPairs := niceStep(float64(maxPairs))
	pairsTop := math.Ceil(float64(maxPairs)/yStepPairs) * yStepPairs
	barBottom := top + barPanel
	lineTop := barBottom + gap
	lineBottom := lineTop + linePanel
	py := func(share float64) float64 { return lineBottom - share*linePanel }

	leg := legend{entries: []legendEntry{{kind: legendSwatch, colour: "#9fc5e8", label: "Pairs completed (" + series[0].Name + ")"}}}
	for si, s := range series {
		leg.entries = append(leg.entries, legendEntry{kind: legendSeries, si: si, colour: Palette[si%len(Palette)], label: "Share reliably improved: " + s.Name})
	}
	leg.layout(left, right)
	desc := trendDesc(periods, series)

	var w writer
	w.Grow(4000 + 600*len(periods)*len(series))
	w.open(id, "chart-trend", width, lineBottom+44+leg.height, true, title, desc)
	// Pairs panel.
	w.s(`<text class="chart-axis-title" x="`, left, `" y="`, top-8, `">Pairs completed</text><g class="chart-grid" stroke="#d0d0d0">`)
	for v := 0.0; v <= pairsTop; v += yStepPairs {
		y := barBottom - v/pairsTop*barPanel
		w.s(`<line x1="`, left, `" y1="`, y, `" x2="`, right, `" y2="`, y, `" vector-effect="non-scaling-stroke"/>`)
	}
	w.s(`</g><g class="chart-axis" text-anchor="end">`)
	for v := 0.0; v <= pairsTop; v += yStepPairs {
		w.s(`<text x="`, left-6, `" y="`, barBottom-v/pairsTop*barPanel+4, `">`, int(v), `</text>`)
	}
	w.s(`</g><g class="chart-bars">`)
	bw := math.Min(step*0.7, 40)
	for i, p := range series[0].Points {
		if p.Suppressed || p.Pairs == 0 {
			continue
		}
		h := float64(p.Pairs) / pairsTop * barPanel
		w.s(`<rect x="`, cx(i)-bw/2, `" y="`, barBottom-h, `" width="`, bw, `" height="`, h, `" fill="#9fc5e8" stroke="#0072B2" stroke-width="1" vector-effect="non-scaling-stroke"/>`)
	}
	w.s(`</g><line class="chart-axis-line" x1="`, left, `" y1="`, barBottom, `" x2="`, right, `" y2="`, barBottom, `" stroke="#000000" vector-effect="non-scaling-stroke"/>`)

	// Share panel.
	w.s(`<text class="chart-axis-title" x="`, left, `" y="`, lineTop-8, `">Share reliably improved</text><g class="chart-grid" stroke="#d0d0d0">`)
	for v := 0; v <= 100; v += 25 {
		w.s(`<line x1="`, left, `" y1="`, py(float64(v)/100), `" x2="`, right, `" y2="`, py(float64(v)/100), `" vector-effect="non-scaling-stroke"/>`)
	}
	w.s(`</g><g class="chart-axis" text-anchor="end">`)
	for v := 0; v <= 100; v += 25 {
		w.s(`<text x="`, left-6, `" y="`, py(float64(v)/100)+4, `">`, v, `%</text>`)
	}
	w.s(`</g><line class="chart-axis-line" x1="`, left, `" y1="`, lineBottom, `" x2="`, right, `" y2="`, lineBottom, `" stroke="#000000" vector-effect="non-scaling-stroke"/>`)
	// Period labels: every one that fits, from the first.
	every := int(math.Ceil(textWidth("2026 Q4") * 1.3 / step))
	every = max(every, 1)
	w.s(`<g class="chart-axis" text-anchor="middle">`)
	for i, p := range periods {
		if i%every != 0 {
			continue
		}
		w.s(`<text x="`, cx(i), `" y="`, lineBottom+16, `">`, esc(p), `</text>`)
	}
	w.s(`</g>`)
	for si, s := range series {
		colour := Palette[si%len(Palette)]
		w.s(`<g class="chart-series">`)
		// The line breaks where a period is suppressed or has no pairs.
		var d strings.Builder
		pen := false
		for i, p := range s.Points {
			if p.Suppressed || p.Pairs == 0 {
				pen = false
				continue
			}
			if pen {
				d.WriteByte('L')
			} else {
				d.WriteByte('M')
				pen = true
			}
			d.WriteString(strconv.FormatFloat(math.Round(cx(i)*100)/100, 'f', -1, 64))
			d.WriteByte(' ')
			d.WriteString(strconv.FormatFloat(math.Round(py(float64(p.Improved)/float64(p.Pairs))*100)/100, 'f', -1, 64))
		}
		if d.Len() > 0 {
			w.s(`<path d="`, d.String(), `" fill="none" stroke="`, colour, `" stroke-width="2" vector-effect="non-scaling-stroke"`)
			if dash := dashes[si%len(dashes)]; dash != "" {
				w.s(` stroke-dasharray="`, dash, `"`)
			}
			w.s(`/>`)
		}
		for i, p := range s.Points {
			if p.Suppressed || p.Pairs == 0 {
				continue
			}
			x, y := cx(i), py(float64(p.Improved)/float64(p.Pairs))
			label := s.Name + ", " + periods[i] + ": " + strconv.Itoa(p.Improved) + " of " + words.Count(p.Pairs, "pair", "pairs") + " reliably improved (" + pct(float64(p.Improved)/float64(p.Pairs)) + ")"
			w.s(`<g class="chart-point" tabindex="0" role="img" aria-label="`, esc(label), `"><title>`, esc(label), `</title><circle class="chart-hit" cx="`, x, `" cy="`, y, `" r="12" fill="none" pointer-events="all"/>`)
			w.marker(Shape(si), x, y, colour)
			w.s(`</g>`)
		}
		w.s(`</g>`)
	}
	leg.draw(&w, lineBottom+40)
	w.s(`</svg>`)
	return Chart{SVG: w.String(), Summary: desc, Table: trendTable(title, periods, series, suppressedText)}, nil
}

func trendDesc(periods []string, series []TrendSeries) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s from %s to %s.", words.Count(len(periods), "quarter", "quarters"), periods[0], periods[len(periods)-1])
	for _, s := range series {
		first, last := -1, -1
		total, improved := 0, 0
		for i, p := range s.Points {
			if p.Suppressed || p.Pairs == 0 {
				continue
			}
			if first < 0 {
				first = i
			}
			last = i
			total += p.Pairs
			improved += p.Improved
		}
		if first < 0 {
			fmt.Fprintf(&b, " %s: no quarter with enough pairs to show.", s.Name)
			continue
		}
		f, l := s.Points[first], s.Points[last]
		fmt.Fprintf(&b, " %s: %s shown, %s reliably improved (%s); %s in %s, %s in %s.", s.Name, words.Count(total, "pair", "pairs"), strconv.Itoa(improved), pct(float64(improved)/float64(total)),
			pct(float64(f.Improved)/float64(f.Pairs)), periods[first], pct(float64(l.Improved)/float64(l.Pairs)), periods[last])
	}
	return b.String()
}

func trendTable(title string, periods []string, series []TrendSeries, suppressedText string) Table {
	t := Table{Caption: title, Headers: []string{"Quarter"}}
	for _, s := range series {
		t.Headers = append(t.Headers, s.Name+": pairs", s.Name+": reliably improved")
	}
	for i, per := range periods {
		row := []string{per}
		for _, s := range series {
			p := s.Points[i]
			switch {
			case p.Suppressed:
				row = append(row, suppressedText, "not shown")
			case p.Pairs == 0:
				row = append(row, "0", "–")
			default:
				row = append(row, strconv.Itoa(p.Pairs), strconv.Itoa(p.Improved)+" ("+words.Percent(p.Improved, p.Pairs, "–")+")")
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// BandRow is one baseline band's mean change against its expected range.
type BandRow struct {
	// Label names the band ("mild (HoNOS 0–12)").
	Label string
	// Pairs and Mean are the group's pairs starting in the band and their
	// mean change of the total; Shown is false when the group has too few
	// pairs to show.
	Pairs int
	Mean  float64
	Shown bool
	// Range is the expected range (Q1, median, Q3 of the reference pairs
	// starting in the band); HasRange is false when it has too few pairs.
	Q1, Median, Q3 float64
	HasRange       bool
	RangePairs     int
}

// BandChange draws, for each baseline band, the expected range of change as
// a bar from its lower to its upper quartile with a tick at the median, and
// the group's mean change as a diamond: a diamond inside the bar is change
// like the reference pairs of the same band; left of it more improvement.
// Negative change is fewer problems. It returns an error for no rows.
func BandChange(rows []BandRow, group, reference, suppressedText string, opts BarOptions) (Chart, error) {
	if len(rows) == 0 {
		return Chart{}, fmt.Errorf("band change: no bands to draw")
	}
	id, title, width := opts.resolve("bands", "Mean change by baseline band, against the expected range")
	left, right := 16.0, width-16
	lo, hi := -1.0, 1.0
	for _, r := range rows {
		if r.Shown {
			lo, hi = math.Min(lo, r.Mean), math.Max(hi, r.Mean)
		}
		if r.HasRange {
			lo, hi = math.Min(lo, r.Q1), math.Max(hi, r.Q3)
		}
	}
	step := niceStep(hi - lo)
	lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	px := func(v float64) float64 { return left + (v-lo)/(hi-lo)*(right-left) }
	const top, rowH = 8.0, 54.0
	bottom := top + rowH*float64(len(rows))
	leg := legend{entries: []legendEntry{
		{kind: legendExpected, label: "Expected range: middle half of " + reference + ", median marked"},
		{kind: legendText, label: "◆ mean change of " + group},
	}}
	leg.layout(left, right)
	desc := bandDesc(rows, group, reference)

	var w writer
	w.Grow(3000 + 900*len(rows))
	w.open(id, "chart-bands", width, bottom+44+leg.height, true, title, desc)
	w.s(`<g class="chart-grid" stroke="#d0d0d0">`)
	for v := lo; v <= hi+step/2; v += step {
		w.s(`<line x1="`, px(v), `" y1="`, top, `" x2="`, px(v), `" y2="`, bottom, `" vector-effect="non-scaling-stroke"/>`)
	}
	w.s(`</g><line x1="`, px(0), `" y1="`, top, `" x2="`, px(0), `" y2="`, bottom, `" stroke="#000000" stroke-width="1.5" vector-effect="non-scaling-stroke"/><g class="chart-axis" text-anchor="middle">`)
	every := max(1, int(math.Ceil(textWidth("−00")*1.6/(px(step)-px(0)))))
	k := 0
	for v := lo; v <= hi+step/2; v += step {
		if k%every == 0 {
			w.s(`<text x="`, px(v), `" y="`, bottom+16, `">`, esc(words.SignedDecimal(v, 0)), `</text>`)
		}
		k++
	}
	w.s(`</g><text class="chart-axis-title" x="`, (left+right)/2, `" y="`, bottom+34, `" text-anchor="middle">`,
		esc(fitText(right-left, "Change of the total (negative = fewer problems)", "Change (negative = better)")), `</text>`)
	for ri, r := range rows {
		y := top + rowH*float64(ri)
		label := bandLabel(r, group, suppressedText)
		w.s(`<g class="chart-point" tabindex="0" role="img" aria-label="`, esc(label), `"><title>`, esc(label), `</title>`,
			`<text x="`, left, `" y="`, y+14, `" font-weight="700">`, esc(clipText(r.Label, int((right-left)/6.6))), `</text>`)
		cy := y + 34
		if r.HasRange {
			w.s(`<rect x="`, px(r.Q1), `" y="`, cy-9, `" width="`, math.Max(px(r.Q3)-px(r.Q1), 2), `" height="18" fill="#009E73" fill-opacity="0.22" stroke="#009E73" stroke-width="1" vector-effect="non-scaling-stroke"/>`,
				`<line x1="`, px(r.Median), `" y1="`, cy-11, `" x2="`, px(r.Median), `" y2="`, cy+11, `" stroke="#005a45" stroke-width="2.5" vector-effect="non-scaling-stroke"/>`)
		}
		if r.Shown {
			x := px(r.Mean)
			w.s(`<circle class="chart-hit" cx="`, x, `" cy="`, cy, `" r="12" fill="none" pointer-events="all"/><path d="M`, x, " ", cy-7, `l7 7l-7 7l-7-7z" fill="#000000" stroke="#ffffff" stroke-width="1"/>`)
		}
		if !r.Shown || !r.HasRange {
			t := "not shown: " + suppressedText
			w.s(`<text x="`, right, `" y="`, y+14, `" text-anchor="end" fill="#555555">`, esc(fitText((right-left)/2, t, "not shown")), `</text>`)
		}
		w.s(`</g>`)
	}
	leg.draw(&w, bottom+52)
	w.s(`</svg>`)
	return Chart{SVG: w.String(), Summary: desc, Table: bandTable(title, rows, group, reference, suppressedText)}, nil
}

// bandPlace words where a mean sits against a range.
func bandPlace(r BandRow) string {
	switch {
	case !r.Shown || !r.HasRange:
		return ""
	case r.Mean < r.Q1:
		return "more improvement than the middle half"
	case r.Mean > r.Q3:
		return "less improvement than the middle half"
	}
	return "within the middle half"
}

func bandLabel(r BandRow, group, suppressedText string) string {
	s := r.Label + ": "
	if r.Shown {
		s += group + " mean change " + words.SignedDecimal(r.Mean, 1) + " over " + words.Count(r.Pairs, "pair", "pairs")
	} else {
		s += group + " not shown (" + suppressedText + ")"
	}
	if r.HasRange {
		s += "; expected " + words.SignedDecimal(r.Q1, 1) + " to " + words.SignedDecimal(r.Q3, 1) + ", median " + words.SignedDecimal(r.Median, 1)
		if p := bandPlace(r); p != "" {
			s += ", " + p
		}
	} else {
		s += "; no expected range (" + suppressedText + ")"
	}
	return s
}

func bandDesc(rows []BandRow, group, reference string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "For each band of the first total, the mean change of %s against the middle half of the changes of %s in the same band. Negative change is fewer problems.", group, reference)
	for _, r := range rows {
		if p := bandPlace(r); p != "" {
			fmt.Fprintf(&b, " %s: %s, %s.", r.Label, words.SignedDecimal(r.Mean, 1), p)
		}
	}
	return b.String()
}

func bandTable(title string, rows []BandRow, group, reference, suppressedText string) Table {
	g, ref := words.Capitalise(group), words.Capitalise(reference)
	t := Table{Caption: title, Headers: []string{"Baseline band", g + ": pairs", g + ": mean change", ref + ": expected range (middle half)", ref + ": median"}}
	for _, r := range rows {
		row := []string{r.Label}
		if r.Shown {
			row = append(row, strconv.Itoa(r.Pairs), words.SignedDecimal(r.Mean, 1))
		} else {
			row = append(row, suppressedText, "not shown")
		}
		if r.HasRange {
			row = append(row, words.SignedDecimal(r.Q1, 1)+" to "+words.SignedDecimal(r.Q3, 1), words.SignedDecimal(r.Median, 1))
		} else {
			row = append(row, "not shown", "not shown")
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// ItemShiftRow is one item's moves between high (3–4) and low (0–2).
type ItemShiftRow struct {
	// Label names the item ("1. Overactive behaviour").
	Label string
	// Assessable pairs rated the item at both ratings; HighLow went from
	// high to low (improved), LowHigh from low to high (deteriorated).
	Assessable, HighLow, LowHigh int
	// Shown is false when too few pairs rated the item to show it.
	Shown bool
}

// ItemShifts draws each item's share of pairs moving from high to low
// (improved, to the right, blue) and from low to high (deteriorated, to the
// left, orange and hatched) from a common centre line, each bar with its
// share as text (Crawford et al. 2017's categorical change). It returns an
// error for no rows or counts that do not add up.
func ItemShifts(rows []ItemShiftRow, suppressedText string, opts BarOptions) (Chart, error) {
	if len(rows) == 0 {
		return Chart{}, fmt.Errorf("item shifts: no items to draw")
	}
	for _, r := range rows {
		if r.HighLow < 0 || r.LowHigh < 0 || r.HighLow+r.LowHigh > r.Assessable {
			return Chart{}, fmt.Errorf("item shifts: %s has %d and %d of %d pairs", r.Label, r.HighLow, r.LowHigh, r.Assessable)
		}
	}
	id, title, width := opts.resolve("items", "Items moving between high (3–4) and low (0–2)")
	left, right := 8.0, width-8
	mid := (left + right) / 2
	maxShare := 0.05
	for _, r := range rows {
		if r.Shown && r.Assessable > 0 {
			maxShare = math.Max(maxShare, math.Max(float64(r.HighLow), float64(r.LowHigh))/float64(r.Assessable))
		}
	}
	maxShare = math.Min(1, math.Ceil(maxShare*10)/10)
	half := (right-left)/2 - 40 // room for the share's text at a bar's end
	bar := func(share float64) float64 { return share / maxShare * half }
	const top, rowH = 26.0, 42.0
	bottom := top + rowH*float64(len(rows))
	leg := legend{entries: []legendEntry{
		{kind: legendHatch, colour: "url(#" + id + "-hatch)", label: "Low to high (deteriorated), to the left"},
		{kind: legendSwatch, colour: "#0072B2", label: "High to low (improved), to the right"},
	}}
	leg.layout(left, right)
	desc := itemDesc(rows)

	var w writer
	w.Grow(3000 + 900*len(rows))
	w.open(id, "chart-items", width, bottom+20+leg.height, true, title, desc)
	w.s(`<defs><pattern id="`, id, `-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#E69F00"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000000" stroke-width="1.5" stroke-opacity="0.55"/></pattern></defs>`)
	w.s(`<text x="`, mid-6, `" y="14" text-anchor="end">← worse</text><text x="`, mid+6, `" y="14">better →</text>`)
	w.s(`<line x1="`, mid, `" y1="`, top, `" x2="`, mid, `" y2="`, bottom, `" stroke="#000000" stroke-width="1.5" vector-effect="non-scaling-stroke"/>`)
	for ri, r := range rows {
		y := top + rowH*float64(ri)
		label := itemLabelText(r, suppressedText)
		w.s(`<g class="chart-point" tabindex="0" role="img" aria-label="`, esc(label), `"><title>`, esc(label), `</title>`,
			`<text x="`, left, `" y="`, y+13, `">`, esc(clipText(r.Label, int((right-left)/6.6))), `</text>`)
		by := y + 18
		if !r.Shown || r.Assessable == 0 {
			w.s(`<text x="`, mid+8, `" y="`, by+13, `" fill="#555555">`, esc(fitText(right-mid-8, "not shown: "+suppressedText, "not shown")), `</text></g>`)
			continue
		}
		up, down := float64(r.HighLow)/float64(r.Assessable), float64(r.LowHigh)/float64(r.Assessable)
		w.s(`<rect x="`, mid, `" y="`, by, `" width="`, bar(up), `" height="18" fill="#0072B2"/>`,
			`<text x="`, mid+bar(up)+4, `" y="`, by+13, `">`, pct(up), `</text>`,
			`<rect x="`, mid-bar(down), `" y="`, by, `" width="`, bar(down), `" height="18" fill="url(#`, id, `-hatch)"/>`,
			`<text x="`, mid-bar(down)-4, `" y="`, by+13, `" text-anchor="end">`, pct(down), `</text></g>`)
	}
	leg.draw(&w, bottom+16)
	w.s(`</svg>`)
	return Chart{SVG: w.String(), Summary: desc, Table: itemTable(title, rows, suppressedText)}, nil
}

func itemLabelText(r ItemShiftRow, suppressedText string) string {
	if !r.Shown || r.Assessable == 0 {
		return r.Label + ": not shown (" + suppressedText + ")"
	}
	return r.Label + ": " + words.Count(r.Assessable, "pair", "pairs") + " rated it both times; high to low " + strconv.Itoa(r.HighLow) + " (" + pct(float64(r.HighLow)/float64(r.Assessable)) +
		"), low to high " + strconv.Itoa(r.LowHigh) + " (" + pct(float64(r.LowHigh)/float64(r.Assessable)) + ")"
}

func itemDesc(rows []ItemShiftRow) string {
	var b strings.Builder
	b.WriteString("For each item, the share of pairs that went from a high rating (3 or 4) to a low one (0 to 2), to the right, and the reverse, to the left.")
	best, worst := -1, -1
	var bestShare, worstShare float64
	for i, r := range rows {
		if !r.Shown || r.Assessable == 0 {
			continue
		}
		if s := float64(r.HighLow) / float64(r.Assessable); best < 0 || s > bestShare {
			best, bestShare = i, s
		}
		if s := float64(r.LowHigh) / float64(r.Assessable); worst < 0 || s > worstShare {
			worst, worstShare = i, s
		}
	}
	if best >= 0 {
		fmt.Fprintf(&b, " Most often high to low: %s (%s). Most often low to high: %s (%s).", rows[best].Label, pct(bestShare), rows[worst].Label, pct(worstShare))
	}
	return b.String()
}

func itemTable(title string, rows []ItemShiftRow, suppressedText string) Table {
	t := Table{Caption: title, Headers: []string{"Item", "Pairs rated at both", "High to low (improved)", "Low to high (deteriorated)"}}
	for _, r := range rows {
		if !r.Shown {
			t.Rows = append(t.Rows, []string{r.Label, suppressedText, "not shown", "not shown"})
			continue
		}
		t.Rows = append(t.Rows, []string{r.Label, strconv.Itoa(r.Assessable),
			strconv.Itoa(r.HighLow) + " (" + words.Percent(r.HighLow, r.Assessable, "–") + ")",
			strconv.Itoa(r.LowHigh) + " (" + words.Percent(r.LowHigh, r.Assessable, "–") + ")"})
	}
	return t
}
