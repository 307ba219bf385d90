package chart

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"honoscope/app/words"

	"honoscope/scoring"
)

// ProfileOptions configure ItemProfile. The zero value uses the instrument's
// item titles and the two ratings' dates.
type ProfileOptions struct {
	// ID prefixes the ids inside the SVG (default "profile").
	ID string
	// Title is the chart's accessible name (default "Item by item").
	Title string
	// Labels, when set, replace the item titles (index = item − 1), e.g. the
	// plain-language names on the patient's page. Missing entries fall back
	// to the instrument's titles.
	Labels []string
	// Width is the width in CSS pixels the chart is shown at (as
	// TimelineOptions.Width): from 800 px the item names stand beside the
	// bars; below, each name stands above its bars.
	Width float64
}

// Item-change markers: text symbols, so a change between the low (0–2) and
// high (3–4) bands is marked without colour (Crawford et al. 2017).
const (
	// MarkHighLow marks an item that moved from high to low (improved).
	MarkHighLow = "▼ high→low"
	// MarkLowHigh marks an item that moved from low to high (deteriorated).
	MarkLowHigh = "▲ low→high"
	// MarkHighHigh marks an item high at both ratings.
	MarkHighHigh = "● high at both"
)

// pfLayout places the item profile, in viewBox units (CSS pixels at the
// chart's width).
type pfLayout struct {
	width  float64
	bars   float64 // x of score 0
	unit   float64 // width of one score point
	change float64 // x of the change column
	top    float64 // y of the first row
	row    float64 // height of one row
	// barsDY is how far below a row's top its bars start, and labelChars
	// how many characters of an item's name fit.
	barsDY     float64
	labelChars int
	stacked    bool
}

// profileLayout returns the layout for a chart shown at width: the wide
// one, name beside bars, from 800 px (drawn at 800: a wider screen shows
// it larger), else names above their bars, the bars and the change column
// sharing the width.
func profileLayout(width float64) pfLayout {
	width = chartWidth(width)
	if width >= DefaultWidth {
		return pfLayout{width: DefaultWidth, bars: 330, unit: 66, change: 620, top: 48, row: 34, labelChars: 44}
	}
	change := width - 140
	return pfLayout{width: width, bars: 8, unit: (change - 8 - 36) / 4, change: change, top: 48, row: 50, barsDY: 18,
		labelChars: int((width - 16) / 6.6), stacked: true}
}

// ItemProfile draws two ratings of the same instrument item by item: a pair
// of horizontal bars per item (earlier above, later below), the change in
// points, the items that moved between low (0–2) and high (3–4) marked with
// text symbols (MarkHighLow, MarkLowHigh, MarkHighHigh), scores of 2 or more
// (clinically significant, James et al. 2018) hatched, and items not known
// written as "not known". Any two ratings may be compared; the earlier one
// (by date) is treated as the first whatever the argument order. Rows are
// focusable, each named with both scores and the change.
func ItemProfile(a, b *scoring.Rating, opts ProfileOptions) (Chart, error) {
	if a == nil || b == nil || a.Instrument == nil || b.Instrument == nil {
		return Chart{}, errors.New("item profile: two ratings with an instrument are needed")
	}
	if a.Instrument.ID != b.Instrument.ID {
		return Chart{}, fmt.Errorf("item profile: cannot compare a %s rating with a %s rating", a.Instrument.Name, b.Instrument.Name)
	}
	if b.Date < a.Date {
		a, b = b, a
	}
	in := a.Instrument
	id := cleanID(opts.ID, "profile")
	title := opts.Title
	if title == "" {
		title = "Item by item"
	}
	labels := make([]string, len(in.Items))
	for i, it := range in.Items {
		labels[i] = it.Title
		if i < len(opts.Labels) && strings.TrimSpace(opts.Labels[i]) != "" {
			labels[i] = opts.Labels[i]
		}
		if !it.Scored {
			labels[i] += " (not in the total)"
		}
	}
	la, lb := ShortDate(a.Date), ShortDate(b.Date)
	desc := profileDesc(in, a, b, labels)
	n := len(in.Items)
	lay := profileLayout(opts.Width)
	pfWidth, pfBars, pfUnit, pfChange, pfTop, pfRow := lay.width, lay.bars, lay.unit, lay.change, lay.top, lay.row
	bottom := pfTop + pfRow*float64(n)
	leg := legend{entries: []legendEntry{
		{kind: legendSwatch, colour: "#56B4E9", label: "First: " + la},
		{kind: legendSwatch, colour: "#0072B2", label: "Then: " + lb},
		{kind: legendHatch, colour: "url(#" + id + "-hatch-k)", label: "Hatched: 2 or more (clinically significant)"},
		{kind: legendText, label: MarkHighLow},
		{kind: legendText, label: MarkLowHigh},
		{kind: legendText, label: MarkHighHigh},
	}}
	leg.layout(8, pfWidth-8)
	height := bottom + 36 + leg.height

	var w writer
	w.Grow(6000 + 900*n)
	w.open(id, "chart-profile", pfWidth, height, true, title, desc)
	w.s(`<defs>`)
	for _, p := range [...]struct{ suffix, colour string }{{"a", "#56B4E9"}, {"b", "#0072B2"}, {"k", "#ffffff"}} {
		w.s(`<pattern id="`, id, `-hatch-`, p.suffix, `" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="`, p.colour,
			`"/><line x1="1" y1="0" x2="1" y2="6" stroke="#000000" stroke-width="1.6"/></pattern>`)
	}
	w.s(`</defs>`)

	// Header: the scale and the clinically significant zone.
	x2 := pfBars + 2*pfUnit
	w.s(`<rect class="chart-significant-zone" x="`, x2, `" y="`, pfTop-6, `" width="`, 2*pfUnit+8, `" height="`, bottom-pfTop+6, `" fill="#000000" fill-opacity="0.04"/>`,
		`<g class="chart-axis" font-weight="bold">`)
	if lay.stacked {
		w.s(`<text x="8" y="16">`, esc(fitText(pfChange-16, "Item, and its score (higher = more problems)", "Score (higher = more problems)", "Score")), `</text>`)
	} else {
		w.s(`<text x="8" y="16">Item</text><text x="`, pfBars, `" y="16">Score (higher = more problems)</text>`)
	}
	w.s(`<text x="`, pfChange, `" y="16">Change</text></g>`,
		`<text x="`, x2+4, `" y="`, pfTop-10, `" font-size="12">`, esc(fitText(pfWidth-x2-8, "2 or more: clinically significant", "2 or more: significant", "2+: significant")), `</text><g class="chart-grid" stroke="#d0d0d0" text-anchor="middle">`)
	for v := 0; v <= scoring.MaxCode; v++ {
		x := pfBars + float64(v)*pfUnit
		w.s(`<line x1="`, x, `" y1="`, pfTop-4, `" x2="`, x, `" y2="`, bottom, `" vector-effect="non-scaling-stroke"/>`)
	}
	w.s(`</g><g class="chart-axis" text-anchor="middle">`)
	for v := 0; v <= scoring.MaxCode; v++ {
		w.s(`<text x="`, pfBars+float64(v)*pfUnit, `" y="`, bottom+16, `">`, v, `</text>`)
	}
	w.s(`</g>`)

	for i := 0; i < n; i++ {
		ca, cb := a.Items[i], b.Items[i]
		y := pfTop + float64(i)*pfRow
		label := strconv.Itoa(i+1) + ". " + labels[i]
		w.s(`<g class="chart-point chart-item" tabindex="0" role="img" aria-label="`)
		itemLabel(&w, label, a, b, ca, cb)
		w.s(`"><title>`)
		itemLabel(&w, label, a, b, ca, cb)
		w.s(`</title><text x="8" y="`, y+17-lay.barsDY*0.2, `">`, esc(clipText(label, lay.labelChars)), `</text>`)
		bar(&w, id, "a", "#56B4E9", ca, y+2+lay.barsDY, pfBars, pfUnit)
		bar(&w, id, "b", "#0072B2", cb, y+15+lay.barsDY, pfBars, pfUnit)
		w.s(`<text x="`, pfChange, `" y="`, y+17+lay.barsDY, `">`, esc(changeCell(ca, cb)))
		if m := mark(scoring.ClassifyItem(ca, cb)); m != "" {
			w.s("  ", m)
		}
		w.s(`</text></g>`)
	}
	leg.draw(&w, bottom+36)
	w.s(`</svg>`)
	return Chart{SVG: w.String(), Summary: desc, Table: profileTable(title, a, b, labels)}, nil
}

// bar draws one score as a horizontal bar: hatched when 2 or more, a short
// stub for 0, and "not known" in words when unknown.
func bar(w *writer, id, which, colour string, c scoring.Code, y, pfBars, pfUnit float64) {
	if !c.Rated() {
		w.s(`<text x="`, pfBars+4, `" y="`, y+9, `" font-size="12" font-style="italic">not known</text>`)
		return
	}
	width := float64(c) * pfUnit
	fill := colour
	if c.Significant() {
		fill = "url(#" + id + "-hatch-" + which + ")"
	}
	if width == 0 {
		width = 2
	}
	w.s(`<rect x="`, pfBars, `" y="`, y, `" width="`, width, `" height="11" fill="`, fill, `" stroke="`, colour, `" stroke-width="1" vector-effect="non-scaling-stroke"/><text x="`, pfBars+width+4, `" y="`, y+9, `" font-size="12">`, int(c), `</text>`)
}

// itemLabel writes a row's accessible name: "7. Depressed mood: 3 on
// 12 March 2024, 1 on 3 September 2024; change −2; moved from high (3–4) to
// low (0–2)".
func itemLabel(w *writer, label string, a, b *scoring.Rating, ca, cb scoring.Code) {
	w.s(esc(label), ": ", esc(codeWords(ca)), " on ", esc(LongDate(a.Date)), ", ", esc(codeWords(cb)), " on ", esc(LongDate(b.Date)), "; change ", esc(changeCell(ca, cb)))
	switch scoring.ClassifyItem(ca, cb) {
	case scoring.HighLow:
		w.s("; moved from high (3–4) to low (0–2)")
	case scoring.LowHigh:
		w.s("; moved from low (0–2) to high (3–4)")
	case scoring.HighHigh:
		w.s("; high at both")
	}
}

// codeWords writes a code as "3", "3 (clinically significant)" or "not known".
func codeWords(c scoring.Code) string {
	if !c.Rated() {
		return "not known"
	}
	if c.Significant() {
		return strconv.Itoa(int(c)) + " (clinically significant)"
	}
	return strconv.Itoa(int(c))
}

// changeCell writes the change of one item in points, or "not known".
func changeCell(a, b scoring.Code) string {
	if !a.Rated() || !b.Rated() {
		return "not known"
	}
	return words.Signed(int(b) - int(a))
}

// mark returns the text marker of a categorical item change, or "".
func mark(c scoring.ItemChange) string {
	switch c {
	case scoring.HighLow:
		return MarkHighLow
	case scoring.LowHigh:
		return MarkLowHigh
	case scoring.HighHigh:
		return MarkHighHigh
	}
	return ""
}

// profileDesc summarises an item profile in sentences.
func profileDesc(in *scoring.Instrument, a, b *scoring.Rating, labels []string) string {
	var lower, higher, same, unknown int
	var hl, lh, hh []string
	sigA, sigB := 0, 0
	for i := range in.Items {
		ca, cb := a.Items[i], b.Items[i]
		if ca.Significant() {
			sigA++
		}
		if cb.Significant() {
			sigB++
		}
		name := strconv.Itoa(i+1) + ". " + labels[i]
		switch {
		case !ca.Rated() || !cb.Rated():
			unknown++
		case cb < ca:
			lower++
		case cb > ca:
			higher++
		default:
			same++
		}
		switch scoring.ClassifyItem(ca, cb) {
		case scoring.HighLow:
			hl = append(hl, name)
		case scoring.LowHigh:
			lh = append(lh, name)
		case scoring.HighHigh:
			hh = append(hh, name)
		}
	}
	var s strings.Builder
	fmt.Fprintf(&s, "%s, item by item: %s compared with %s. Higher scores mean more problems. %s lower, %s higher, %d the same",
		in.Name, LongDate(a.Date), LongDate(b.Date), words.Count(lower, "item", "items"), strconv.Itoa(higher), same)
	if unknown > 0 {
		fmt.Fprintf(&s, ", %d not known at one or both", unknown)
	}
	s.WriteString(".")
	list := func(what string, names []string) {
		if len(names) == 0 {
			fmt.Fprintf(&s, " %s: none.", what)
			return
		}
		fmt.Fprintf(&s, " %s: %s.", what, strings.Join(names, "; "))
	}
	list("Moved from high (3–4) to low (0–2)", hl)
	list("Moved from low (0–2) to high (3–4)", lh)
	list("High at both", hh)
	fmt.Fprintf(&s, " Rated 2 or more (clinically significant): %s on %s, %d on %s.", words.Count(sigA, "item", "items"), LongDate(a.Date), sigB, LongDate(b.Date))
	return s.String()
}

// profileTable lays an item profile out one row per item.
func profileTable(title string, a, b *scoring.Rating, labels []string) Table {
	t := Table{
		Caption: title + " (higher scores mean more problems; 2 or more is clinically significant)",
		Headers: []string{"Item", LongDate(a.Date), LongDate(b.Date), "Change", "Low (0–2) or high (3–4)"},
		Rows:    make([][]string, len(labels)),
	}
	for i := range labels {
		ca, cb := a.Items[i], b.Items[i]
		band := ""
		switch scoring.ClassifyItem(ca, cb) {
		case scoring.HighLow:
			band = "high to low"
		case scoring.LowHigh:
			band = "low to high"
		case scoring.HighHigh:
			band = "high at both"
		case scoring.LowLow:
			band = "low at both"
		default:
			band = "not known"
		}
		t.Rows[i] = []string{strconv.Itoa(i+1) + ". " + labels[i], codeWords(ca), codeWords(cb), changeCell(ca, cb), band}
	}
	return t
}
