package chart

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"honoscope/app/words"
	"honoscope/scoring"
)

// FunnelPoint is one team on a funnel plot: K of its N pairs had the
// outcome counted (a reliable improvement).
type FunnelPoint struct {
	// Label names the team.
	Label string
	// N is the team's number of pairs; K how many had the outcome.
	N, K int
}

// FunnelOptions configure Funnel.
type FunnelOptions struct {
	// ID prefixes the ids inside the SVG (default "funnel").
	ID string
	// Title is the chart's accessible name.
	Title string
	// Outcome names what is counted, for the axis and the words
	// ("reliably improved").
	Outcome string
	// Width is the width in CSS pixels the chart is shown at (as
	// TimelineOptions.Width), up to 640; 0 means 640.
	Width float64
	// Mark names a team to pick out: it is named on the chart wherever it
	// lies and ringed, for one team's report against the others.
	Mark string
}

// FunnelPlace words a team's place against the limits (scoring.FunnelPlace).
func FunnelPlace(place int) string {
	switch place {
	case 2:
		return "above the 99.8% limits"
	case 1:
		return "above the 95% limits"
	case -1:
		return "below the 95% limits"
	case -2:
		return "below the 99.8% limits"
	}
	return "within the limits"
}

// funnel layout, in viewBox units (CSS pixels at the chart's width).
const (
	fnMaxWidth = 640.0
	fnTop      = 20.0
	fnHeight   = 260.0
)

// Funnel draws each team's share of pairs with the outcome against its
// number of pairs, the trust's share across all teams as a line, and the
// 95% and 99.8% control limits around it for each number of pairs
// (scoring.FunnelLimit: Spiegelhalter 2005, exact binomial), so that a
// small team is judged by the chance variation a team of its size has. A
// team outside the limits is named on the chart and marked by its shape
// (▲ above, ▼ below) as well as its colour. The words say that teams differ
// in the people they see, so a team outside the limits is a reason to look,
// not a verdict. It returns an error for no teams or a count outside 0–N.
func Funnel(points []FunnelPoint, opts FunnelOptions) (Chart, error) {
	if len(points) == 0 {
		return Chart{}, fmt.Errorf("funnel: no teams to draw")
	}
	outcome := opts.Outcome
	if outcome == "" {
		outcome = "reliably improved"
	}
	id := cleanID(opts.ID, "funnel")
	title := opts.Title
	if title == "" {
		title = "Share " + outcome + " by team, against the trust's share"
	}
	totalN, totalK, maxN := 0, 0, 0
	for i, p := range points {
		if p.N < 1 || p.K < 0 || p.K > p.N {
			return Chart{}, fmt.Errorf("funnel: team %d (%s) has %d of %d pairs", i+1, p.Label, p.K, p.N)
		}
		totalN += p.N
		totalK += p.K
		maxN = max(maxN, p.N)
	}
	theta := float64(totalK) / float64(totalN)
	places := make([]int, len(points))
	for i, p := range points {
		pl, err := scoring.FunnelPlace(theta, p.N, p.K)
		if err != nil {
			return Chart{}, err
		}
		places[i] = pl
	}

	width := fnMaxWidth
	if opts.Width > 0 {
		width = math.Min(fnMaxWidth, chartWidth(opts.Width))
	}
	left, right := 64.0, width-20
	bottom := fnTop + fnHeight
	xmax := float64(maxN) * 1.08
	px := func(n float64) float64 { return left + n/xmax*(right-left) }
	py := func(share float64) float64 { return bottom - share*fnHeight }

	desc := funnelDesc(points, places, theta, totalK, totalN, outcome)
	for i, p := range points {
		if p.Label == opts.Mark {
			desc += " " + teamLabel(p, places[i]) + " (ringed)."
		}
	}
	leg := legend{entries: []legendEntry{
		{kind: legendSeries, si: 0, colour: Palette[0], label: "Trust's share, " + pct(theta)},
		{kind: legendCutoff, label: "95% limits"},
		{kind: legendBand, label: "99.8% limits"},
		{kind: legendText, label: "▲ above the limits  ▼ below  ● within"},
	}}
	leg.layout(left, right)
	var w writer
	w.Grow(8000 + 400*len(points))
	w.open(id, "chart-funnel", width, bottom+60+leg.height, true, title, desc)

	// Grid and axes: the share from 0 to 100%, the number of pairs.
	w.s(`<g class="chart-grid" stroke="#d0d0d0">`)
	for v := 0; v <= 100; v += 20 {
		w.s(`<line x1="`, left, `" y1="`, py(float64(v)/100), `" x2="`, right, `" y2="`, py(float64(v)/100), `" vector-effect="non-scaling-stroke"/>`)
	}
	w.s(`</g><g class="chart-axis" text-anchor="end">`)
	for v := 0; v <= 100; v += 20 {
		w.s(`<text x="`, left-6, `" y="`, py(float64(v)/100)+4, `">`, v, `%</text>`)
	}
	w.s(`</g><g class="chart-axis" text-anchor="middle">`)
	step := niceStep(xmax)
	for v := 0.0; v <= xmax; v += step {
		w.s(`<text x="`, px(v), `" y="`, bottom+16, `">`, int(v), `</text>`)
	}
	w.s(`</g><line class="chart-axis-line" x1="`, left, `" y1="`, bottom, `" x2="`, right, `" y2="`, bottom, `" stroke="#000000" vector-effect="non-scaling-stroke"/>`,
		`<text class="chart-axis-title" x="`, (left+right)/2, `" y="`, bottom+36, `" text-anchor="middle">Pairs in the team</text>`,
		`<text class="chart-axis-title" x="16" y="`, fnTop+fnHeight/2, `" transform="rotate(-90 16 `, fnTop+fnHeight/2, `)" text-anchor="middle">`,
		esc(fitText(fnHeight, "Share "+outcome, "Share")), `</text>`)

	// The limits, drawn from 3 pairs (below that they span nearly 0–100%).
	curve := func(p float64, dash string) {
		w.s(`<path d="`)
		first := true
		for i := 0; i <= 80; i++ {
			n := int(math.Round(3 + (xmax-3)*float64(i)/80))
			if n < 3 {
				continue
			}
			l, err := scoring.FunnelLimit(theta, n, p)
			if err != nil {
				continue
			}
			if first {
				w.WriteByte('M')
				first = false
			} else {
				w.WriteByte('L')
			}
			w.num(px(float64(n)))
			w.WriteByte(' ')
			w.num(py(l))
		}
		w.s(`" fill="none" stroke="#555555" stroke-width="1.5" stroke-dasharray="`, dash, `" vector-effect="non-scaling-stroke"/>`)
	}
	w.s(`<g class="chart-limits">`)
	curve(scoring.Funnel95Low, "6 4")
	curve(scoring.Funnel95High, "6 4")
	curve(scoring.Funnel998Low, "1 3")
	curve(scoring.Funnel998High, "1 3")
	w.s(`</g><line class="chart-target" x1="`, left, `" y1="`, py(theta), `" x2="`, right, `" y2="`, py(theta), `" stroke="`, Palette[0], `" stroke-width="2" vector-effect="non-scaling-stroke"/>`)

	// Teams: a focusable point each, named when outside the limits.
	order := make([]int, len(points))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return points[order[a]].N < points[order[b]].N })
	w.s(`<g class="chart-teams">`)
	for _, i := range order {
		p := points[i]
		x, y := px(float64(p.N)), py(float64(p.K)/float64(p.N))
		label := teamLabel(p, places[i])
		w.s(`<g class="chart-point" tabindex="0" role="img" aria-label="`, esc(label), `"><title>`, esc(label), `</title>`,
			`<circle class="chart-hit" cx="`, x, `" cy="`, y, `" r="12" fill="none" pointer-events="all"/>`)
		switch {
		case places[i] > 0:
			w.s(`<path d="M`, x, " ", y-7, `l6 11h-12z" fill="#D55E00" stroke="#000000" stroke-width="1" vector-effect="non-scaling-stroke"/>`)
		case places[i] < 0:
			w.s(`<path d="M`, x, " ", y+7, `l6 -11h-12z" fill="#0072B2" stroke="#000000" stroke-width="1" vector-effect="non-scaling-stroke"/>`)
		default:
			w.s(`<circle cx="`, x, `" cy="`, y, `" r="4.5" fill="#ffffff" stroke="#000000" stroke-width="1.5" vector-effect="non-scaling-stroke"/>`)
		}
		if p.Label == opts.Mark {
			w.s(`<circle cx="`, x, `" cy="`, y, `" r="10" fill="none" stroke="#000000" stroke-width="2" vector-effect="non-scaling-stroke"/>`)
		}
		if places[i] != 0 || p.Label == opts.Mark {
			name := clipText(p.Label, 18)
			tx, anchor := x+9, ""
			if tx+textWidth(name) > width-2 {
				tx, anchor = x-9, `" text-anchor="end`
			}
			w.s(`<text x="`, tx, `" y="`, y+4, anchor, `">`, esc(name), `</text>`)
		}
		w.s(`</g>`)
	}
	w.s(`</g>`)
	leg.draw(&w, bottom+58)
	w.s(`</svg>`)
	return Chart{SVG: w.String(), Summary: desc, Table: funnelTable(title, points, places)}, nil
}

// teamLabel is a team's accessible name: "Team A: 12 of 30 pairs (40%),
// above the 95% limits".
func teamLabel(p FunnelPoint, place int) string {
	return p.Label + ": " + strconv.Itoa(p.K) + " of " + words.Count(p.N, "pair", "pairs") + " (" + pct(float64(p.K)/float64(p.N)) + "), " + FunnelPlace(place)
}

// pct writes a share as a whole percentage.
func pct(x float64) string { return strconv.Itoa(int(math.Round(100*x))) + "%" }

// niceStep is a round step giving about five ticks up to x.
func niceStep(x float64) float64 {
	raw := x / 5
	if raw <= 1 {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}

// funnelDesc says what the funnel plot shows in sentences.
func funnelDesc(points []FunnelPoint, places []int, theta float64, k, n int, outcome string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s. Across the teams shown, %s of %s %s (%s).", words.Count(len(points), "team", "teams"), strconv.Itoa(k), words.Count(n, "pair", "pairs"), outcome, pct(theta))
	for _, group := range []struct {
		place int
		what  string
	}{{2, "Above the 99.8% limits"}, {1, "Above the 95% limits"}, {-1, "Below the 95% limits"}, {-2, "Below the 99.8% limits"}} {
		var names []string
		for i, p := range points {
			if places[i] == group.place {
				names = append(names, p.Label)
			}
		}
		if len(names) > 0 {
			fmt.Fprintf(&b, " %s: %s.", group.what, strings.Join(names, ", "))
		}
	}
	b.WriteString(" The limits show how far a team of its size may differ by chance (Spiegelhalter 2005). Teams see different people, so a team outside the limits is a reason to look closer, not a verdict.")
	return b.String()
}

// funnelTable is the funnel plot as a table, a row a team.
func funnelTable(title string, points []FunnelPoint, places []int) Table {
	t := Table{Caption: title, Headers: []string{"Team", "Pairs", "Reliably improved", "Share", "Against the limits"}}
	for i, p := range points {
		t.Rows = append(t.Rows, []string{p.Label, strconv.Itoa(p.N), strconv.Itoa(p.K), pct(float64(p.K) / float64(p.N)), FunnelPlace(places[i])})
	}
	return t
}

// TeamNotRecorded names the pairs whose baseline rating has no team.
const TeamNotRecorded = "Team not recorded"
