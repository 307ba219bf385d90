package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"honoscope/app/words"

	"honoscope/scoring"
)

// PairTotals is one pair's baseline and follow-up totals.
type PairTotals struct {
	// Baseline and Followup are the two valid totals.
	Baseline, Followup int
}

// PairTotalsOf returns the totals of cohort pairs (scoring.Cohort.Pairs).
func PairTotalsOf(pairs []scoring.Pair) []PairTotals {
	out := make([]PairTotals, len(pairs))
	for i := range pairs {
		out[i] = PairTotals{Baseline: pairs[i].BaselineScores.Total, Followup: pairs[i].FollowupScores.Total}
	}
	return out
}

// ScatterOptions configure Scatter.
type ScatterOptions struct {
	// ID prefixes the ids inside the SVG (default "scatter").
	ID string
	// Title is the chart's accessible name (default "First and latest
	// totals").
	Title string
	// MaxTotal is the top of both axes: the instrument's maximum total
	// (48 for HoNOS and 65+, 52 for HoNOSCA).
	MaxTotal int
	// Change is the method and cut-off. It must validate; for the effect
	// size method SD must be set (scoring.ClassifyPairs returns the options
	// with the cohort's SD filled in).
	Change scoring.ChangeOptions
	// Width is the width in CSS pixels the chart is shown at (as
	// TimelineOptions.Width), up to scMaxWidth; 0 means scMaxWidth.
	Width float64
}

// MaxAxisTotal is the largest MaxTotal Scatter accepts; the family's
// largest is 52 (HoNOSCA). The limit keeps the count grid small.
const MaxAxisTotal = 200

// scatter layout, in viewBox units.
const (
	// scMaxWidth is the widest a scatter is drawn (web/chart.css: 40rem).
	scMaxWidth = 640.0
	scTop      = 24.0
)

// Scatter draws a Jacobson plot for a team: each pair's baseline total (x)
// against its follow-up total (y), the diagonal of no change, the band of no
// reliable change (±(points − 0.5) around the diagonal, see ReliablePoints),
// the clinical cut-off on both axes and a label in each quadrant. Pairs with
// the same two totals are drawn once, as a circle whose area grows with the
// count, so 100,000 pairs make at most (MaxTotal+1)² circles. The chart is
// one picture (role="img"); its summary and table give the counts.
func Scatter(pairs []PairTotals, opts ScatterOptions) (Chart, error) {
	m := opts.MaxTotal
	if m <= 0 || m > MaxAxisTotal {
		return Chart{}, fmt.Errorf("scatter: MaxTotal must be 1 to %d (the instrument's maximum total); got %d", MaxAxisTotal, m)
	}
	if err := opts.Change.Validate(); err != nil {
		return Chart{}, err
	}
	k, ok := ReliablePoints(opts.Change, 4*m)
	if !ok {
		if opts.Change.Method == scoring.EffectSize && !(opts.Change.SD > 0) {
			return Chart{}, fmt.Errorf("scatter: the %s needs the SD of baseline totals: set it", opts.Change.Method)
		}
		return Chart{}, fmt.Errorf("scatter: with these options no change up to %d points is reliable: check the method's settings", 4*m)
	}
	id := cleanID(opts.ID, "scatter")
	title := opts.Title
	if title == "" {
		title = "First and latest totals"
	}
	side := m + 1
	counts := make([]int32, side*side)
	var cats [5]int
	for i, p := range pairs {
		if p.Baseline < 0 || p.Baseline > m || p.Followup < 0 || p.Followup > m {
			return Chart{}, fmt.Errorf("scatter: pair %d has totals %d and %d, outside 0–%d", i+1, p.Baseline, p.Followup, m)
		}
		counts[p.Followup*side+p.Baseline]++
	}
	var most int32
	for _, c := range counts {
		if c > most {
			most = c
		}
	}
	for y := 0; y <= m; y++ {
		for x := 0; x <= m; x++ {
			if c := counts[y*side+x]; c > 0 {
				cats[scoring.Classify(x, y, opts.Change).Category] += int(c)
			}
		}
	}
	scWidth := scMaxWidth
	if opts.Width > 0 {
		scWidth = math.Min(scMaxWidth, chartWidth(opts.Width))
	}
	scLeft, scRight := 78.0, scWidth-30
	if scWidth < 480 {
		scLeft = 56
	}
	scBottom := scTop + (scRight - scLeft)
	plot := scRight - scLeft
	unit := (scRight - scLeft) / float64(m)
	px := func(v float64) float64 { return scLeft + v*unit }
	py := func(v float64) float64 { return scBottom - v*unit }
	desc := scatterDesc(len(pairs), cats, opts.Change, k)

	var w writer
	w.Grow(6000 + 120*len(counts)/4)
	leg := legend{entries: []legendEntry{
		{kind: legendBand, label: "No reliable change (" + MethodShort(opts.Change) + ")"},
		{kind: legendCutoff, label: "Clinical cut-off " + strconv.Itoa(opts.Change.Cutoff)},
		{kind: legendText, label: "Larger circle = more pairs"},
	}}
	leg.layout(scLeft, scRight)
	w.open(id, "chart-scatter", scWidth, scBottom+60+leg.height, false, title, desc)

	// The band of no reliable change around the diagonal, clipped to the plot.
	h := math.Min(float64(k)-0.5, float64(m))
	mf := float64(m)
	w.s(`<path class="chart-band" d="M`, px(0), " ", py(0), "L", px(0), " ", py(h), "L", px(mf-h), " ", py(mf), "L", px(mf), " ", py(mf),
		"L", px(mf), " ", py(mf-h), "L", px(h), " ", py(0), `z" fill="#000000" fill-opacity="0.07" stroke="#707070" stroke-dasharray="1 3" vector-effect="non-scaling-stroke"/>`)
	w.s(`<rect x="`, scLeft, `" y="`, scTop, `" width="`, scRight-scLeft, `" height="`, scBottom-scTop, `" fill="none" stroke="#000000" vector-effect="non-scaling-stroke"/>`,
		`<line class="chart-diagonal" x1="`, px(0), `" y1="`, py(0), `" x2="`, px(mf), `" y2="`, py(mf), `" stroke="#000000" stroke-width="1" vector-effect="non-scaling-stroke"/>`)

	// Axes.
	step := yStep(m)
	w.s(`<g class="chart-axis" text-anchor="middle">`)
	for v := 0; v <= m; v += step {
		w.s(`<text x="`, px(float64(v)), `" y="`, scBottom+16, `">`, v, `</text>`)
	}
	w.s(`</g><g class="chart-axis" text-anchor="end">`)
	for v := 0; v <= m; v += step {
		w.s(`<text x="`, scLeft-6, `" y="`, py(float64(v))+4, `">`, v, `</text>`)
	}
	midY := (scTop + scBottom) / 2
	w.s(`</g><text class="chart-axis-title" x="`, (scLeft+scRight)/2, `" y="`, scBottom+36, `" text-anchor="middle">`, esc(fitText(plot, "First total (higher = more problems)", "First total")), `</text>`,
		`<text class="chart-axis-title" x="20" y="`, midY, `" transform="rotate(-90 20 `, midY, `)" text-anchor="middle">`, esc(fitText(plot, "Latest total (higher = more problems)", "Latest total")), `</text>`)

	// Cut-off on both axes, between c−1 and c so no total sits on the line.
	if c := opts.Change.Cutoff; c > 0 && c <= m {
		cv := float64(c) - 0.5
		w.s(`<g class="chart-cutoff" stroke="#000000" stroke-width="1.5" stroke-dasharray="6 4"><line x1="`, px(cv), `" y1="`, scTop, `" x2="`, px(cv), `" y2="`, scBottom,
			`" vector-effect="non-scaling-stroke"/><line x1="`, scLeft, `" y1="`, py(cv), `" x2="`, scRight, `" y2="`, py(cv), `" vector-effect="non-scaling-stroke"/></g>`)
	}
	// Points, aggregated: area in proportion to the count.
	w.s(`<g class="chart-points" fill="#0072B2" fill-opacity="0.75" stroke="#ffffff" stroke-width="0.5">`)
	rmax := math.Min(9, unit*0.9)
	for y := 0; y <= m; y++ {
		for x := 0; x <= m; x++ {
			c := counts[y*side+x]
			if c == 0 {
				continue
			}
			r := math.Max(1.5, rmax*math.Sqrt(float64(c)/float64(most)))
			w.s(`<circle cx="`, px(float64(x)), `" cy="`, py(float64(y)), `" r="`, r, `"><title>First `, x, `, latest `, y, `: `, esc(words.Count(int(c), "pair", "pairs")), `</title></circle>`)
		}
	}
	w.s(`</g>`)
	// Labels go over the points, with a white halo so they stay readable.
	w.s(`<g class="chart-labels" font-size="12" fill="#333333" stroke="#ffffff" stroke-width="3" paint-order="stroke">`)
	if c := opts.Change.Cutoff; c > 0 && c <= m {
		cv := float64(c) - 0.5
		// The two top labels share a row: the longest words that fit both.
		topL := []string{"Started below the cut-off, ended at or above", "Below, then at or above", "Below, then above"}
		topR := []string{"At or above the cut-off at both", "At or above at both", "Above at both"}
		t := len(topL) - 1
		for i := range topL {
			if textWidth(topL[i])+textWidth(topR[i])+24 <= plot {
				t = i
				break
			}
		}
		w.s(`<text x="`, scLeft+6, `" y="`, scTop+14, `">`, esc(topL[t]), `</text>`,
			`<text x="`, scRight-6, `" y="`, scTop+14, `" text-anchor="end">`, esc(topR[t]), `</text>`,
			`<text x="`, scRight-6, `" y="`, scBottom-8, `" text-anchor="end">`, esc(fitText(plot-12, "Started at or above the cut-off, ended below", "At or above, then below", "Above, then below")), `</text>`,
			`<text x="`, scLeft+6, `" y="`, py(cv)+14, `">`, esc(fitText(plot-12, "Below the cut-off at both", "Below at both")), `</text>`)
	}
	// Which side of the band is which, written along the diagonal.
	lx, ly := px(0.3*mf), py(0.3*mf+h+1.5)
	rx, ry := px(0.7*mf), py(0.7*mf-h-1.5)+9
	along := 0.55 * plot * math.Sqrt2
	w.s(`<text x="`, lx, `" y="`, ly, `" transform="rotate(-45 `, lx, " ", ly, `)" text-anchor="middle">`, esc(fitText(along, "above the band: reliable deterioration", "reliable deterioration")), `</text>`,
		`<text x="`, rx, `" y="`, ry, `" transform="rotate(-45 `, rx, " ", ry, `)" text-anchor="middle">`, esc(fitText(along, "below the band: reliable improvement", "reliable improvement")), `</text></g>`)
	leg.draw(&w, scBottom+62)
	w.s(`</svg>`)
	return Chart{SVG: w.String(), Summary: desc, Table: scatterTable(title, len(pairs), cats)}, nil
}

// CategoryName names a category in words, in lower case; "unchanged" is
// worded as stability (the seed report: maintained scores are often a good
// outcome).
func CategoryName(c scoring.Category) string {
	if c == scoring.Unchanged {
		return "no reliable change (stable)"
	}
	return c.String()
}

func scatterDesc(n int, cats [5]int, opts scoring.ChangeOptions, k int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, first total across, latest total up; higher totals mean more problems. Reliable change: %d points or more (%s); clinical cut-off %d.",
		words.Count(n, "pair", "pairs"), k, MethodShort(opts), opts.Cutoff)
	for i, c := range scoring.Categories {
		if i == 0 {
			b.WriteString(" By category: ")
		} else {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %d (%s)", CategoryName(c), cats[c], words.Percent(cats[c], n, "0%"))
	}
	b.WriteString(".")
	return b.String()
}

func scatterTable(title string, n int, cats [5]int) Table {
	t := Table{Caption: title + ": pairs by category", Headers: []string{"Category", "Pairs", "Percent"}}
	for _, c := range scoring.Categories {
		t.Rows = append(t.Rows, []string{CategoryName(c), strconv.Itoa(cats[c]), words.Percent(cats[c], n, "0%")})
	}
	t.Rows = append(t.Rows, []string{"All pairs", strconv.Itoa(n), words.Percent(n, n, "0%")})
	return t
}
