package chart

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"honoscope/app/words"

	"honoscope/scoring"
)

// Point is one score of a series on one date.
type Point struct {
	// Date is the date of the rating.
	Date scoring.Date
	// Value is the score.
	Value int
	// Known is false when the score could not be computed (a total with too
	// many items not known, a subscale with an item not known): the line has
	// a gap there and the table says "not assessable".
	Known bool
}

// Series is one named line on a timeline: the total, a subscale, or a group
// of any grouping (a trust's own mapping is charted like a subscale).
type Series struct {
	// Name is shown in the legend and in each point's accessible name.
	Name string
	// Max is the highest possible score (48 for a HoNOS total, 12 for a
	// three-item subscale); points are announced as "18 of 48".
	Max int
	// Points are the scores; they are drawn in date order.
	Points []Point
}

// Event is a note placed on the timeline: an admission, a medication change,
// a discharge or any short free text.
type Event struct {
	// Date is when it happened.
	Date scoring.Date
	// Text is the note, e.g. "Admission" or "Medication change: sertraline".
	// The chart shows up to 24 characters; the full text is in the point's
	// accessible name, the summary and the table.
	Text string
}

// ExpectedRange is the change seen in similar people (same baseline severity
// band and setting) from a reference-range file built from the team view:
// the quartiles of change in points (follow-up − baseline; negative = fewer
// problems). It is drawn relative to the person's own baseline.
type ExpectedRange struct {
	// Label says whom the range describes, e.g. "people starting in the
	// severe band, community teams (240 pairs)".
	Label string
	// Q1, Median and Q3 are the lower quartile, median and upper quartile of
	// change in points, Q1 ≤ Median ≤ Q3.
	Q1, Median, Q3 float64
}

// TimelineOptions configure Timeline. The zero value draws the series alone.
type TimelineOptions struct {
	// ID prefixes the ids inside the SVG; give each chart on a page its own
	// (letters, digits, '-', '_'; default "timeline").
	ID string
	// Title is the chart's accessible name (default "Scores over time").
	Title string
	// YMax is the top of the score axis; 0 means the largest Series.Max.
	YMax int
	// Change, when set, draws the clinical cut-off (Change.Cutoff) and the
	// reliable-change band around the first known score of series[0].
	// Set it only when series[0] is a total: the cut-off and the reliable
	// change rules are defined for totals.
	Change *scoring.ChangeOptions
	// Expected, when set, draws the expected-change range from the first
	// known score of series[0].
	Expected *ExpectedRange
	// Events are placed on the timeline as markers with labels.
	Events []Event
	// Width is the width in CSS pixels the chart is shown at (its
	// container's), so that it is drawn for that width at one viewBox unit
	// per pixel and its text keeps its size (12 px) instead of shrinking
	// with the picture; 0 means DefaultWidth. It is held between MinWidth
	// and MaxWidth.
	Width float64
}

// Chart widths, in CSS pixels.
const (
	// DefaultWidth is the width a chart is drawn for when none is given.
	DefaultWidth = 800.0
	// MinWidth is the narrowest: a 320 px phone less the page's margins.
	MinWidth = 280.0
	// MaxWidth is the widest.
	MaxWidth = 1600.0
)

// chartWidth returns w held to MinWidth–MaxWidth, DefaultWidth for 0.
func chartWidth(w float64) float64 {
	if w <= 0 || math.IsNaN(w) {
		return DefaultWidth
	}
	return math.Max(MinWidth, math.Min(MaxWidth, w))
}

// MaxSeries is the most series one timeline draws: a total and up to
// scoring.MaxGroups groups, each with its own marker shape.
const MaxSeries = 1 + scoring.MaxGroups

// SeriesOf builds the series of a person's ratings: the total (named
// "Total"), then one series per group of g (nil: the instrument's own
// subscales), in rating order. Ratings of another instrument than the first
// are skipped; scores follow rules (scoring.DefaultRules for the defaults).
func SeriesOf(ratings []scoring.Rating, g *scoring.Grouping, rules scoring.Rules) []Series {
	if len(ratings) == 0 || ratings[0].Instrument == nil {
		return nil
	}
	in := ratings[0].Instrument
	if g == nil {
		g = &in.Subscales
	}
	ng := len(g.Groups)
	if ng > scoring.MaxGroups {
		ng = scoring.MaxGroups
	}
	out := make([]Series, 1+ng)
	out[0] = Series{Name: "Total", Max: in.MaxTotal(), Points: make([]Point, 0, len(ratings))}
	for i := 0; i < ng; i++ {
		out[1+i] = Series{Name: g.Groups[i].Name, Max: scoring.MaxCode * len(g.Groups[i].Items), Points: make([]Point, 0, len(ratings))}
	}
	for i := range ratings {
		r := &ratings[i]
		if r.Instrument != in {
			continue
		}
		s := scoring.ScoreItems(in, &r.Items, g, rules)
		out[0].Points = append(out[0].Points, Point{Date: r.Date, Value: s.Total, Known: s.TotalValid})
		for gi := 0; gi < ng; gi++ {
			v, ok := s.Group(gi)
			out[1+gi].Points = append(out[1+gi].Points, Point{Date: r.Date, Value: v, Known: ok})
		}
	}
	return out
}

// timeline layout, in viewBox units (CSS pixels at the chart's width): the
// plot runs from tlLeft (tlLeftNarrow under 480 px) to 20 short of the
// width.
const (
	tlLeft       = 72.0
	tlLeftNarrow = 56.0
	tlMargin     = 20.0
	tlPlotHeight = 260.0
	tlEventRows  = 3
)

// Timeline draws scores over time for one person: x is the date (spaced in
// proportion to time), y the score with "higher = more problems" on the
// axis; each series has its own colour, line dash and marker shape; points
// are focusable with their value as accessible name ("12 March 2024: Total
// 18 of 48"). With opts.Change it adds the clinical cut-off and the band of
// no reliable change around the baseline; with opts.Expected the expected
// range of change. It returns an error, never panics, when the input cannot
// be drawn honestly (a value outside 0–Max, quartiles out of order).
func Timeline(series []Series, opts TimelineOptions) (Chart, error) {
	id := cleanID(opts.ID, "timeline")
	title := opts.Title
	if title == "" {
		title = "Scores over time"
	}
	if len(series) > MaxSeries {
		return Chart{}, fmt.Errorf("a timeline draws at most %d series; got %d", MaxSeries, len(series))
	}
	ymax := opts.YMax
	highest := 0
	for si := range series {
		s := &series[si]
		if s.Max > ymax && opts.YMax == 0 {
			ymax = s.Max
		}
		for _, p := range s.Points {
			if p.Known && (p.Value < 0 || (s.Max > 0 && p.Value > s.Max)) {
				return Chart{}, fmt.Errorf("series %q: the score on %s is %d, outside 0–%d", s.Name, p.Date, p.Value, s.Max)
			}
			if p.Known && p.Value > highest {
				highest = p.Value
			}
		}
	}
	if ymax == 0 {
		ymax = highest
	}
	if ymax < highest {
		return Chart{}, fmt.Errorf("the score axis ends at %d but a score is %d: raise YMax or leave it 0", ymax, highest)
	}
	if ymax <= 0 {
		ymax = 4
	}
	if opts.Change != nil {
		if err := opts.Change.Validate(); err != nil {
			return Chart{}, err
		}
	}
	if e := opts.Expected; e != nil {
		if !(e.Q1 <= e.Median && e.Median <= e.Q3) || math.IsInf(e.Q1, 0) || math.IsInf(e.Q3, 0) {
			return Chart{}, fmt.Errorf("expected range: the quartiles must be in order, Q1 ≤ median ≤ Q3 (got %g, %g, %g)", e.Q1, e.Median, e.Q3)
		}
	}

	// Sort each series' points by date (stable, so same-day ratings keep
	// their order) without touching the caller's slices.
	sorted := make([][]Point, len(series))
	lo, hi, hasDates := scoring.Date(0), scoring.Date(0), false
	widen := func(d scoring.Date) {
		if !hasDates || d < lo {
			lo = d
		}
		if !hasDates || d > hi {
			hi = d
		}
		hasDates = true
	}
	for si := range series {
		ps := series[si].Points
		if !sort.SliceIsSorted(ps, func(i, j int) bool { return ps[i].Date < ps[j].Date }) {
			ps = append([]Point(nil), ps...)
			sort.SliceStable(ps, func(i, j int) bool { return ps[i].Date < ps[j].Date })
		}
		sorted[si] = ps
		for _, p := range ps {
			widen(p.Date)
		}
	}
	events := opts.Events
	if !sort.SliceIsSorted(events, func(i, j int) bool { return events[i].Date < events[j].Date }) {
		events = append([]Event(nil), events...)
		sort.SliceStable(events, func(i, j int) bool { return events[i].Date < events[j].Date })
	}
	for _, e := range events {
		widen(e.Date)
	}

	// Baseline: the first known score of series[0].
	base, hasBase := Point{}, false
	if len(sorted) > 0 {
		for _, p := range sorted[0] {
			if p.Known {
				base, hasBase = p, true
				break
			}
		}
	}

	tlWidth := chartWidth(opts.Width)
	tlLeft := tlLeft
	if tlWidth < 480 {
		tlLeft = tlLeftNarrow
	}
	tlRight := tlWidth - tlMargin
	rows := len(events)
	if rows > tlEventRows {
		rows = tlEventRows
	}
	top := 16.0 + 16*float64(rows)
	bottom := top + tlPlotHeight
	xs := newDateScale(lo, hi, tlLeft, tlRight)
	yOf := func(v float64) float64 { return bottom - v/float64(ymax)*tlPlotHeight }
	clampY := func(v float64) float64 { return math.Max(0, math.Min(float64(ymax), v)) }

	var w writer
	npoints := 0
	for _, ps := range sorted {
		npoints += len(ps)
	}
	w.Grow(4096 + 300*len(events) + 400*npoints)
	desc := timelineDesc(series, sorted, events)
	legend := timelineLegend(series, opts, hasBase, tlLeft, tlRight)
	height := bottom + 44 + legend.height
	w.open(id, "chart-timeline", tlWidth, height, true, title, desc)

	// Y axis: grid, ticks, title with the direction spelled out.
	step := yStep(ymax)
	w.s(`<g class="chart-grid" stroke="#d0d0d0" stroke-width="1" vector-effect="non-scaling-stroke">`)
	for v := 0; v <= ymax; v += step {
		y := yOf(float64(v))
		w.s(`<line x1="`, tlLeft, `" y1="`, y, `" x2="`, tlRight, `" y2="`, y, `" vector-effect="non-scaling-stroke"/>`)
	}
	w.s(`</g><g class="chart-axis" text-anchor="end">`)
	for v := 0; v <= ymax; v += step {
		w.s(`<text x="`, tlLeft-6, `" y="`, yOf(float64(v))+4, `">`, v, `</text>`)
	}
	mid := (top + bottom) / 2
	w.s(`</g><text class="chart-axis-title" x="18" y="`, mid, `" transform="rotate(-90 18 `, mid, `)" text-anchor="middle">Score (higher = more problems)</text>`)

	// Bands: expected range, then the band of no reliable change.
	if e := opts.Expected; e != nil && hasBase {
		x0 := xs.x(base.Date)
		y1, y2 := yOf(clampY(float64(base.Value)+e.Q3)), yOf(clampY(float64(base.Value)+e.Q1))
		ym := yOf(clampY(float64(base.Value) + e.Median))
		w.s(`<g class="chart-expected"><rect x="`, x0, `" y="`, y1, `" width="`, tlRight-x0, `" height="`, y2-y1,
			`" fill="#009E73" fill-opacity="0.14"/><line x1="`, x0, `" y1="`, ym, `" x2="`, tlRight, `" y2="`, ym,
			`" stroke="#009E73" stroke-width="1.5" stroke-dasharray="2 4" vector-effect="non-scaling-stroke"/></g>`)
	}
	if opts.Change != nil && hasBase {
		if k, ok := ReliablePoints(*opts.Change, 4*ymax); ok {
			x0 := xs.x(base.Date)
			half := float64(k) - 0.5
			y1, y2 := yOf(clampY(float64(base.Value)+half)), yOf(clampY(float64(base.Value)-half))
			w.s(`<g class="chart-band"><rect x="`, x0, `" y="`, y1, `" width="`, tlRight-x0, `" height="`, y2-y1,
				`" fill="#000000" fill-opacity="0.07" stroke="#707070" stroke-width="1" stroke-dasharray="1 3" vector-effect="non-scaling-stroke"/>`,
				`<text x="`, tlRight-4, `" y="`, y1+13, `" text-anchor="end" font-size="12">`,
				esc(fitText(tlRight-tlLeft-8,
					fmt.Sprintf("Within %d points of the first score: no reliable change", k-1),
					fmt.Sprintf("Within %d points: no reliable change", k-1),
					"No reliable change")), `</text></g>`)
		}
	}
	if opts.Change != nil && opts.Change.Cutoff > 0 && opts.Change.Cutoff <= ymax {
		y := yOf(float64(opts.Change.Cutoff) - 0.5)
		w.s(`<g class="chart-cutoff"><line x1="`, tlLeft, `" y1="`, y, `" x2="`, tlRight, `" y2="`, y,
			`" stroke="#000000" stroke-width="1.5" stroke-dasharray="6 4" vector-effect="non-scaling-stroke"/><text x="`, tlLeft+4, `" y="`, y-4,
			`" font-size="12">`, esc(fmt.Sprintf("Clinical cut-off: %d and above", opts.Change.Cutoff)), `</text></g>`)
	}

	// X axis ticks.
	w.s(`<g class="chart-axis" text-anchor="middle">`)
	for _, t := range xs.ticks(int(math.Max(2, math.Min(6, (tlRight-tlLeft)/80)))) {
		x := xs.x(t.date)
		// A label at either end moves in to stay in the picture.
		half := textWidth(t.label) / 2
		tx := math.Max(half+1, math.Min(tlWidth-half-1, x))
		w.s(`<line x1="`, x, `" y1="`, bottom, `" x2="`, x, `" y2="`, bottom+5, `" stroke="#000000" vector-effect="non-scaling-stroke"/><text x="`, tx, `" y="`, bottom+18, `">`, esc(t.label), `</text>`)
	}
	w.s(`</g><line class="chart-axis-line" x1="`, tlLeft, `" y1="`, bottom, `" x2="`, tlRight, `" y2="`, bottom, `" stroke="#000000" vector-effect="non-scaling-stroke"/>`)

	// Events: a dotted line and a flag, labels in up to three rows above,
	// each label in the first row where it overlaps no other (cut short,
	// or left to the flag's name and the table, when none has room).
	if len(events) > 0 {
		w.s(`<g class="chart-events">`)
		var rowEnd [tlEventRows]float64
		for r := range rowEnd {
			rowEnd[r] = math.Inf(-1)
		}
		for i, e := range events {
			x := xs.x(e.Date)
			label := LongDate(e.Date) + ": " + e.Text
			row, tx, anchor, text := eventLabel(e.Text, x, tlWidth, rowEnd[:], i%tlEventRows)
			ly := 14 + 16*float64(row)
			w.s(`<g class="chart-event" tabindex="0" role="img" aria-label="`, esc(label), `"><title>`, esc(label), `</title><line x1="`, x, `" y1="`, ly+3, `" x2="`, x, `" y2="`, bottom,
				`" stroke="#555555" stroke-width="1" stroke-dasharray="2 3" vector-effect="non-scaling-stroke"/><path d="M`, x, " ", ly+3, `l0-9l7 3z" fill="#555555"/>`)
			if text != "" {
				w.s(`<text x="`, tx, `" y="`, ly, anchor, `" font-size="12">`, esc(text), `</text>`)
			}
			w.s(`</g>`)
		}
		w.s(`</g>`)
	}

	// Series: lines with gaps at unknown scores, then focusable markers.
	for si := range series {
		s := &series[si]
		colour, shape := Palette[si%len(Palette)], Shape(si)
		var nameBuf writer
		nameBuf.text(s.Name)
		name := nameBuf.String()
		w.s(`<g class="chart-series"><path d="`)
		pen := false
		for _, p := range sorted[si] {
			if !p.Known {
				pen = false
				continue
			}
			if pen {
				w.WriteByte('L')
			} else {
				w.WriteByte('M')
			}
			w.num(xs.x(p.Date))
			w.WriteByte(' ')
			w.num(yOf(float64(p.Value)))
			pen = true
		}
		w.s(`" fill="none" stroke="`, colour, `" stroke-width="2" vector-effect="non-scaling-stroke"`)
		if d := dashes[si%len(dashes)]; d != "" {
			w.s(` stroke-dasharray="`, d, `"`)
		}
		w.s(`/>`)
		for _, p := range sorted[si] {
			if !p.Known {
				continue
			}
			w.WriteString(`<g class="chart-point" tabindex="0" role="img" aria-label="`)
			labelAt := w.Len()
			pointLabel(&w, p, s, name)
			label := w.String()[labelAt:]
			w.WriteString(`"><title>`)
			w.WriteString(label)
			w.WriteString(`</title>`)
			// A 24 × 24 px target around the small marker (WCAG 2.2 2.5.8).
			w.s(`<circle class="chart-hit" cx="`, xs.x(p.Date), `" cy="`, yOf(float64(p.Value)), `" r="12" fill="none" pointer-events="all"/>`)
			w.marker(shape, xs.x(p.Date), yOf(float64(p.Value)), colour)
			w.WriteString(`</g>`)
		}
		w.WriteString(`</g>`)
	}
	if !hasDates {
		w.s(`<text x="`, (tlLeft+tlRight)/2, `" y="`, mid, `" text-anchor="middle">No scores to show yet</text>`)
	}
	legend.draw(&w, bottom+40)
	w.s(`</svg>`)
	return Chart{SVG: w.String(), Summary: desc, Table: timelineTable(title, series, sorted, events)}, nil
}

// pointLabel writes a point's accessible name, "12 March 2024: Total 18 of
// 48"; name is the series name already escaped.
func pointLabel(w *writer, p Point, s *Series, name string) {
	y, m, d := p.Date.Time().Date()
	w.int(d)
	w.WriteByte(' ')
	w.WriteString(m.String())
	w.WriteByte(' ')
	w.int(y)
	w.WriteString(": ")
	w.WriteString(name)
	w.WriteByte(' ')
	w.int(p.Value)
	if s.Max > 0 {
		w.WriteString(" of ")
		w.int(s.Max)
	}
}

// yStep returns the spacing of score ticks: the smallest divisor of ymax that
// gives at most six intervals, so the top of the axis is always labelled.
func yStep(ymax int) int {
	for d := 1; d <= ymax; d++ {
		if ymax%d == 0 && ymax/d <= 6 {
			return d
		}
	}
	return ymax
}

// dateScale maps dates to x in proportion to time.
type dateScale struct {
	lo, hi      float64 // days since 1970, padded
	left, right float64
}

func newDateScale(first, last scoring.Date, left, right float64) dateScale {
	span := daysBetween(first, last)
	pad := math.Max(2, 0.04*float64(span))
	if span == 0 {
		pad = 15
	}
	return dateScale{lo: float64(first) - pad, hi: float64(last) + pad, left: left, right: right}
}

func (s dateScale) x(d scoring.Date) float64 {
	return s.left + (float64(d)-s.lo)/(s.hi-s.lo)*(s.right-s.left)
}

type tick struct {
	date  scoring.Date
	label string
}

// ticks chooses up to most date ticks (six on a wide chart, fewer on a
// narrow one so that their labels do not collide): days or weeks for short
// spans, month starts every 1, 2, 3 or 6 months, or years.
func (s dateScale) ticks(most int) []tick {
	days := s.hi - s.lo
	var out []tick
	inRange := func(d scoring.Date) bool { return float64(d) >= s.lo && float64(d) <= s.hi }
	if days <= 62 {
		step := 1
		for _, c := range []int{1, 2, 7, 14, 21, 31} {
			step = c
			if days/float64(c) <= float64(most) {
				break
			}
		}
		for d := scoring.Date(math.Ceil(s.lo)); inRange(d); d += scoring.Date(step) {
			out = append(out, tick{d, d.Time().Format("2 Jan")})
		}
		return out
	}
	months := days / 30.44
	step := 120
	for _, c := range []int{1, 2, 3, 6, 12, 24, 60, 120} {
		if months/float64(c) <= float64(most) {
			step = c
			break
		}
	}
	t := monthStart(scoring.Date(math.Ceil(s.lo)).Time())
	for !inRange(dateOf(t)) || (t.Year()*12+int(t.Month())-1)%step != 0 {
		t = t.AddDate(0, 1, 0)
		if float64(dateOf(t)) > s.hi {
			return out
		}
	}
	for ; inRange(dateOf(t)); t = t.AddDate(0, step, 0) {
		label := t.Format("Jan 2006")
		if step >= 12 {
			label = t.Format("2006")
		}
		out = append(out, tick{dateOf(t), label})
	}
	return out
}

func dateOf(t time.Time) scoring.Date { return scoring.DateOf(t.Year(), t.Month(), t.Day()) }

// legend lays out legend entries in rows under a chart.
type legend struct {
	entries []legendEntry
	// height is the legend's height: 20 a row of single-line entries.
	height float64
}

type legendEntry struct {
	kind   int
	si     int
	colour string
	label  string
	// lines is the label as drawn, wrapped to the chart's width.
	lines []string
	x, y  float64
}

const (
	legendSeries = iota
	legendCutoff
	legendBand
	legendExpected
	legendEvent
	legendSwatch // a filled bar sample in colour
	legendHatch  // a hatched bar sample; colour holds the pattern fill
	legendText   // the label alone (text symbols)
)

func timelineLegend(series []Series, opts TimelineOptions, hasBase bool, left, right float64) legend {
	var l legend
	for si, s := range series {
		l.entries = append(l.entries, legendEntry{kind: legendSeries, si: si, colour: Palette[si%len(Palette)], label: s.Name})
	}
	if opts.Change != nil {
		if opts.Change.Cutoff > 0 {
			l.entries = append(l.entries, legendEntry{kind: legendCutoff, label: "Clinical cut-off"})
		}
		if hasBase {
			if _, ok := ReliablePoints(*opts.Change, 1000); ok {
				l.entries = append(l.entries, legendEntry{kind: legendBand, label: "No reliable change from the first score (" + MethodShort(*opts.Change) + ")"})
			}
		}
	}
	if opts.Expected != nil && hasBase {
		l.entries = append(l.entries, legendEntry{kind: legendExpected, label: "Expected range, middle half: " + opts.Expected.Label})
	}
	if len(opts.Events) > 0 {
		l.entries = append(l.entries, legendEntry{kind: legendEvent, label: "Event"})
	}
	l.layout(left, right)
	return l
}

// layout places the entries in rows between left and right; a label too
// long for the width is wrapped at spaces onto lines of its own.
func (l *legend) layout(left, right float64) {
	x, y, rowH := left, 0.0, 0.0
	for i := range l.entries {
		e := &l.entries[i]
		indent := 30.0
		if e.kind == legendText {
			indent = 0
		}
		e.lines = wrapText(e.label, right-left-indent)
		wd := indent + 18
		for _, ln := range e.lines {
			wd = math.Max(wd, indent+textWidth(ln)+18)
		}
		if x+wd > right && x > left {
			x, y, rowH = left, y+rowH, 0
		}
		e.x, e.y = x, y
		rowH = math.Max(rowH, 20+16*float64(len(e.lines)-1))
		x += wd
	}
	l.height = y + rowH
}

// eventLabel places the words of an event flag at x: beside the flag, or
// before it near the right edge, in the first of the rows (from prefer,
// then the others) where it starts clear of the labels already there
// (rowEnd holds each row's right end and is updated); cut short to fit,
// and "" when no row has room for six characters.
func eventLabel(text string, x, width float64, rowEnd []float64, prefer int) (row int, tx float64, anchor, out string) {
	try := func(r int, n int) (float64, string, string, bool) {
		t := clipText(text, n)
		tx, anchor := x+9, ""
		if tx+textWidth(t) > width-2 {
			// Before the flag: it must start clear of the row's last label.
			tx, anchor = x-3, `" text-anchor="end`
			if tx-textWidth(t) < 0 {
				return 0, "", "", false
			}
			if tx-textWidth(t) < rowEnd[r]+6 {
				return 0, "", "", false
			}
			return tx, anchor, t, true
		}
		if tx < rowEnd[r]+6 {
			return 0, "", "", false
		}
		return tx, anchor, t, true
	}
	for n := 24; n >= 6; n -= 6 {
		for k := range rowEnd {
			r := (prefer + k) % len(rowEnd)
			if tx, anchor, t, ok := try(r, n); ok {
				end := tx + textWidth(t)
				if anchor != "" {
					end = tx
				}
				rowEnd[r] = end
				return r, tx, anchor, t
			}
		}
	}
	return prefer, 0, "", ""
}

// fitText returns the first of texts (longest first) that fits width, or
// the last.
func fitText(width float64, texts ...string) string {
	for _, t := range texts {
		if textWidth(t) <= width {
			return t
		}
	}
	return texts[len(texts)-1]
}

// wrapText breaks s at spaces into lines of at most width (textWidth); a
// word longer than width stays whole on its line.
func wrapText(s string, width float64) []string {
	if textWidth(s) <= width {
		return []string{s}
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case textWidth(line+" "+word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

func (l legend) draw(w *writer, top float64) {
	if len(l.entries) == 0 {
		return
	}
	w.s(`<g class="chart-legend">`)
	for _, e := range l.entries {
		y := top + e.y
		switch e.kind {
		case legendSeries:
			w.s(`<line x1="`, e.x, `" y1="`, y, `" x2="`, e.x+24, `" y2="`, y, `" stroke="`, e.colour, `" stroke-width="2" vector-effect="non-scaling-stroke"`)
			if d := dashes[e.si%len(dashes)]; d != "" {
				w.s(` stroke-dasharray="`, d, `"`)
			}
			w.s(`/>`)
			w.marker(Shape(e.si), e.x+12, y, e.colour)
		case legendCutoff:
			w.s(`<line x1="`, e.x, `" y1="`, y, `" x2="`, e.x+24, `" y2="`, y, `" stroke="#000000" stroke-width="1.5" stroke-dasharray="6 4" vector-effect="non-scaling-stroke"/>`)
		case legendBand:
			w.s(`<rect x="`, e.x, `" y="`, y-6, `" width="24" height="12" fill="#000000" fill-opacity="0.07" stroke="#707070" stroke-dasharray="1 3" vector-effect="non-scaling-stroke"/>`)
		case legendExpected:
			w.s(`<rect x="`, e.x, `" y="`, y-6, `" width="24" height="12" fill="#009E73" fill-opacity="0.14"/><line x1="`, e.x, `" y1="`, y, `" x2="`, e.x+24, `" y2="`, y, `" stroke="#009E73" stroke-width="1.5" stroke-dasharray="2 4" vector-effect="non-scaling-stroke"/>`)
		case legendEvent:
			w.s(`<path d="M`, e.x+8, " ", y+6, `l0-12l7 3z" fill="#555555"/>`)
		case legendSwatch, legendHatch:
			w.s(`<rect x="`, e.x, `" y="`, y-6, `" width="24" height="11" fill="`, e.colour, `" stroke="#000000" stroke-width="0.5" vector-effect="non-scaling-stroke"/>`)
		case legendText:
			e.drawLines(w, e.x, y)
			continue
		}
		e.drawLines(w, e.x+30, y)
	}
	w.s(`</g>`)
}

// drawLines writes the entry's label, line under line, from (x, y).
func (e legendEntry) drawLines(w *writer, x, y float64) {
	lines := e.lines
	if len(lines) == 0 {
		lines = []string{e.label}
	}
	for k, ln := range lines {
		w.s(`<text x="`, x, `" y="`, y+4+16*float64(k), `">`, esc(ln), `</text>`)
	}
}

// timelineDesc summarises a timeline in sentences: per series the first and
// latest known score, the lowest and highest; scores not assessable; events.
func timelineDesc(series []Series, sorted [][]Point, events []Event) string {
	var b strings.Builder
	b.WriteString("Higher scores mean more problems.")
	n := 0
	for si := range series {
		ps := sorted[si]
		var first, last Point
		lowest, highest, known, unknown := 0, 0, 0, 0
		for _, p := range ps {
			if !p.Known {
				unknown++
				continue
			}
			if known == 0 {
				first, lowest, highest = p, p.Value, p.Value
			}
			last = p
			lowest, highest = min(lowest, p.Value), max(highest, p.Value)
			known++
		}
		if si == 0 {
			n = len(ps)
			fmt.Fprintf(&b, " %s", words.Count(n, "rating", "ratings"))
			if n > 0 {
				fmt.Fprintf(&b, " from %s to %s", LongDate(ps[0].Date), LongDate(ps[len(ps)-1].Date))
			}
			b.WriteString(".")
		}
		switch {
		case known == 0:
			fmt.Fprintf(&b, " %s: no score could be worked out.", series[si].Name)
		case known == 1:
			fmt.Fprintf(&b, " %s: %d on %s.", series[si].Name, first.Value, LongDate(first.Date))
		default:
			fmt.Fprintf(&b, " %s: %d on %s, latest %d on %s (lowest %d, highest %d).", series[si].Name, first.Value, LongDate(first.Date), last.Value, LongDate(last.Date), lowest, highest)
		}
		if unknown > 0 && known > 0 {
			fmt.Fprintf(&b, " %s could not be worked out for %s.", series[si].Name, words.Count(unknown, "rating", "ratings"))
		}
	}
	if len(events) > 0 {
		b.WriteString(" Events:")
		for i, e := range events {
			if i > 0 {
				b.WriteString(";")
			}
			fmt.Fprintf(&b, " %s on %s", e.Text, LongDate(e.Date))
		}
		b.WriteString(".")
	}
	return b.String()
}

// timelineTable lays the data out one row per rating (ratings on the same
// date get a row each), with events on their own date's row.
func timelineTable(title string, series []Series, sorted [][]Point, events []Event) Table {
	t := Table{Caption: title + " (higher scores mean more problems)", Headers: make([]string, 0, len(series)+2)}
	t.Headers = append(t.Headers, "Date")
	for _, s := range series {
		t.Headers = append(t.Headers, s.Name)
	}
	t.Headers = append(t.Headers, "Events")
	type key struct {
		date scoring.Date
		nth  int
	}
	var keys []key
	index := func(k key) int {
		i := sort.Search(len(keys), func(i int) bool {
			return keys[i].date > k.date || keys[i].date == k.date && keys[i].nth >= k.nth
		})
		if i == len(keys) || keys[i] != k {
			keys = append(keys, key{})
			copy(keys[i+1:], keys[i:])
			keys[i] = k
		}
		return i
	}
	// eachPoint calls f with every point and its key: the nth rating of
	// its series on its date.
	eachPoint := func(f func(si int, p Point, k key)) {
		for si := range series {
			nth, prev := 0, scoring.Date(0)
			for pi, p := range sorted[si] {
				if pi > 0 && p.Date == prev {
					nth++
				} else {
					nth = 0
				}
				prev = p.Date
				f(si, p, key{p.Date, nth})
			}
		}
	}
	eachPoint(func(_ int, _ Point, k key) { index(k) })
	for _, e := range events {
		index(key{e.Date, 0})
	}
	t.Rows = make([][]string, len(keys))
	for i, k := range keys {
		row := make([]string, len(t.Headers))
		row[0] = LongDate(k.date)
		t.Rows[i] = row
	}
	find := func(k key) int {
		return sort.Search(len(keys), func(i int) bool {
			return keys[i].date > k.date || keys[i].date == k.date && keys[i].nth >= k.nth
		})
	}
	eachPoint(func(si int, p Point, k key) {
		cell := "not assessable"
		if p.Known {
			cell = strconv.Itoa(p.Value)
		}
		t.Rows[find(k)][1+si] = cell
	})
	last := len(t.Headers) - 1
	for _, e := range events {
		row := t.Rows[find(key{e.Date, 0})]
		if row[last] != "" {
			row[last] += "; "
		}
		row[last] += e.Text
	}
	return t
}
