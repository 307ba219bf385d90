// Package chart draws Honoscope's charts as SVG text built in Go: a person's
// scores over time (Timeline), two ratings item by item (ItemProfile) and a
// team's baseline against follow-up totals (Scatter, a Jacobson plot).
//
// Every chart comes with its text alternatives (a plain summary and a data
// table), so a page never shows a picture without words. The SVG has one
// root element (go-app's app.Raw needs exactly one), a viewBox and no fixed
// pixel size (crisp at any size and in print), no style attributes (a strict
// Content-Security-Policy blocks them: only SVG presentation attributes and
// classes styled in web/chart.css), a colour-blind-safe palette (Okabe & Ito
// 2008, "Color Universal Design") with a distinct marker shape per series,
// so colour is never the only signal, and focusable points with their values
// as accessible names. Output is deterministic: fixed number formatting and
// no map iteration, so golden files hold it.
//
// The package is pure Go (no go-app, no syscall/js) and imports only
// honoscope/scoring, so it is tested and benchmarked natively.
package chart

import (
	"math"
	"strconv"
	"strings"
	"time"

	"honoscope/scoring"
)

// Chart is one drawn chart with its text alternatives.
type Chart struct {
	// SVG is the chart: one <svg> root element.
	SVG string
	// Summary is a plain-text summary in sentences, for a screen reader and
	// for anyone who prefers words to pictures.
	Summary string
	// Table holds the chart's data for an HTML <table>.
	Table Table
}

// Table is a data table model: the page renders it as an HTML <table> with
// a <caption>, one header row and one <tr> per row. Every cell is text.
type Table struct {
	// Caption names the table.
	Caption string
	// Headers are the column headings.
	Headers []string
	// Rows are the rows, each with len(Headers) cells.
	Rows [][]string
}

// Palette is the Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008,
// "Color Universal Design"), in the order series use it. Yellow (#F0E442)
// is left out: it is too light on white to read as a line or marker.
var Palette = [...]string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"}

// Shape is a marker shape; series use them in order so that each series is
// told apart by shape as well as colour.
type Shape uint8

// Marker shapes, in the order series use them.
const (
	Circle Shape = iota
	Square
	TriangleUp
	Diamond
	TriangleDown
	Plus
	Cross
	Hexagon
	Star
	numShapes
)

// shapeNames name each shape for the legend's text alternative.
var shapeNames = [numShapes]string{"circle", "square", "triangle", "diamond", "downward triangle", "plus", "cross", "hexagon", "star"}

// String names the shape in words, e.g. "circle".
func (s Shape) String() string { return shapeNames[s%numShapes] }

// shapePaths are marker outlines drawn relative to the centre (relative
// path commands), radius about 5 units, so a marker is "M x y" + the path.
var shapePaths = [numShapes]string{
	"m-5 0a5 5 0 1 0 10 0a5 5 0 1 0-10 0z",
	"m-4.5-4.5h9v9h-9z",
	"m0-6l5.5 9.5h-11z",
	"m0-6l6 6l-6 6l-6-6z",
	"m0 6l5.5-9.5h-11z",
	"m-2-6h4v4h4v4h-4v4h-4v-4h-4v-4h4z",
	"m-4.2-5.6l4.2 4.2l4.2-4.2l1.4 1.4l-4.2 4.2l4.2 4.2l-1.4 1.4l-4.2-4.2l-4.2 4.2l-1.4-1.4l4.2-4.2l-4.2-4.2z",
	"m-5 0l2.5-4.5h5l2.5 4.5l-2.5 4.5h-5z",
	"m0-6l1.8 3.6l4 .6l-2.9 2.8l.7 4l-3.6-1.9l-3.6 1.9l.7-4l-2.9-2.8l4-.6z",
}

// dashes are line dash patterns per series, so lines differ in print too.
var dashes = [...]string{"", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4"}

// writer builds SVG text. Numbers are written with at most two decimals and
// no trailing zeros, so output is stable across platforms.
type writer struct{ strings.Builder }

// num writes f rounded to two decimals, without trailing zeros. It uses
// integer arithmetic: strconv's fixed-precision 'f' format falls back to
// multi-precision decimals, which is slow (about 3 µs a number in wasm).
func (w *writer) num(f float64) {
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e15 {
		w.WriteString("0")
		return
	}
	c := int64(math.Round(f * 100))
	if c < 0 {
		w.WriteByte('-')
		c = -c
	}
	var buf [24]byte
	w.Write(strconv.AppendInt(buf[:0], c/100, 10))
	if frac := c % 100; frac != 0 {
		w.WriteByte('.')
		w.WriteByte(byte('0' + frac/10))
		if frac%10 != 0 {
			w.WriteByte(byte('0' + frac%10))
		}
	}
}

// int writes an integer.
func (w *writer) int(n int) {
	var buf [20]byte
	w.Write(strconv.AppendInt(buf[:0], int64(n), 10))
}

// text writes s escaped for XML text and attribute values.
func (w *writer) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\'':
			esc = "&#39;"
		default:
			if s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' {
				esc = " " // control characters are not allowed in XML 1.0
			} else {
				continue
			}
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// s writes raw SVG markup; numbers are given as float64 and written with num,
// text values as strings passed through text. Arguments alternate: each
// string literal is written raw, each float64 or int is a number, and a
// value of type esc is escaped.
func (w *writer) s(parts ...any) {
	for _, p := range parts {
		switch v := p.(type) {
		case string:
			w.WriteString(v)
		case float64:
			w.num(v)
		case int:
			w.int(v)
		case esc:
			w.text(string(v))
		}
	}
}

// esc marks a string to be escaped by writer.s.
type esc string

// open writes the root element with its accessible name and description.
// Interactive charts (with focusable points) use role="group", because
// role="img" makes every descendant presentational (WAI-ARIA 1.2, "Children
// Presentational") and the points' names would not be announced; charts
// without focusable parts use role="img".
func (w *writer) open(id, class string, width, height float64, interactive bool, title, desc string) {
	role := "img"
	if interactive {
		role = "group"
	}
	w.s(`<svg xmlns="http://www.w3.org/2000/svg" class="chart `, class, `" viewBox="0 0 `, width, " ", height,
		`" role="`, role, `" aria-labelledby="`, id, `-title" aria-describedby="`, id,
		`-desc" font-family="system-ui, sans-serif" font-size="12" fill="#000000"><title id="`, id, `-title">`, esc(title),
		`</title><desc id="`, id, `-desc">`, esc(desc), "</desc>")
}

// marker writes a marker of the given shape centred at (x, y).
func (w *writer) marker(shape Shape, x, y float64, colour string) {
	w.WriteString(`<path class="chart-marker" d="M`)
	w.num(x)
	w.WriteByte(' ')
	w.num(y)
	w.WriteString(shapePaths[shape%numShapes])
	w.WriteString(`" fill="`)
	w.WriteString(colour)
	w.WriteString(`" stroke="#ffffff" stroke-width="1"/>`)
}

// cleanID keeps the letters, digits, '-' and '_' of id so that it is safe
// inside id and aria attributes; an empty result becomes fallback.
func cleanID(id, fallback string) string {
	b := make([]byte, 0, len(id))
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
			b = append(b, c)
		}
	}
	if len(b) == 0 || b[0] >= '0' && b[0] <= '9' || b[0] == '-' {
		return fallback + string(b)
	}
	return string(b)
}

// clipText shortens s to at most n characters, ending with "…" when cut.
func clipText(s string, n int) string {
	if countRunes(s) <= n {
		return s
	}
	count := 0
	for i := range s {
		if count == n-1 {
			return strings.TrimRight(s[:i], " ,;:") + "…"
		}
		count++
	}
	return s
}

func countRunes(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// textWidth estimates the width of s at font-size 12 (about 6.6 units per
// character in a sans-serif face), enough to lay out labels and legends.
func textWidth(s string) float64 { return 6.6 * float64(countRunes(s)) }

// LongDate writes a date in words, "12 March 2024", as screen readers and
// patients read it. (Built by hand: time.Format costs about 20 µs in wasm.)
func LongDate(d scoring.Date) string {
	y, m, day := d.Time().Date()
	return strconv.Itoa(day) + " " + m.String() + " " + strconv.Itoa(y)
}

// ShortDate writes a date briefly, "12 Mar 2024", for labels on a chart.
func ShortDate(d scoring.Date) string {
	y, m, day := d.Time().Date()
	return strconv.Itoa(day) + " " + m.String()[:3] + " " + strconv.Itoa(y)
}

// ReliablePoints returns the smallest whole-point change that opts counts as
// reliable, found with scoring.Classify itself so that the chart's band and
// the change sentence can never disagree. ok is false when opts do not
// validate or no change up to limit points is reliable. Whole points matter
// because totals are whole numbers: the band drawn from the baseline spans
// ±(points − 0.5), so no possible score sits on its edge.
func ReliablePoints(opts scoring.ChangeOptions, limit int) (points int, ok bool) {
	if opts.Validate() != nil || (opts.Method == scoring.EffectSize && !(opts.SD > 0)) {
		return 0, false
	}
	const base = 1000
	for k := 1; k <= limit; k++ {
		if scoring.Classify(base, base-k, opts).Reliable == scoring.ReliableImprovement &&
			scoring.Classify(base, base+k, opts).Reliable == scoring.ReliableDeterioration {
			return k, true
		}
	}
	return 0, false
}

// MethodShort names the reliable-change method briefly for a chart label,
// e.g. "8-point rule, Parabiaghi 2005".
func MethodShort(opts scoring.ChangeOptions) string {
	switch opts.Method {
	case scoring.JacobsonTruax:
		return "Jacobson–Truax, SD " + strconv.FormatFloat(opts.SD, 'f', -1, 64) + ", r " + strconv.FormatFloat(opts.Reliability, 'f', -1, 64)
	case scoring.EffectSize:
		return "effect size " + strconv.FormatFloat(opts.EffectSize, 'f', -1, 64) + ", SD " + strconv.FormatFloat(opts.SD, 'f', -1, 64)
	}
	return strconv.FormatFloat(opts.Threshold, 'f', -1, 64) + "-point rule, Parabiaghi 2005"
}

// daysBetween returns b − a in days.
func daysBetween(a, b scoring.Date) int { return int(b) - int(a) }

// monthStart returns the first day of the month of t.
func monthStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}
