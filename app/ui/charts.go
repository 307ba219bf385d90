package ui

import (
	"math"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/browser"
	"honoscope/app/chart"
)

// ChartFigure is a chart (inserted as raw SVG: one root element), its text
// summary and its data in a table behind "Show the data as a table". The
// chart is one tab stop: its first point takes focus, and the arrow keys
// (Home and End too) move between its points, so that a page of charts is
// not dozens of stops long.
func ChartFigure(id string, c chart.Chart) app.UI {
	return app.Div().ID(id+"-figure").Class("chart-figure").OnKeyDown(chartKeys).Body(
		app.Raw(Roving(c.SVG)),
		app.P().ID(id+"-summary").Class("chart-summary").Text(c.Summary),
		app.Details().Class("chart-data").Body(
			app.Summary().Text("Show the data as a table"),
			dataTable(id+"-table", c.Table),
		),
	)
}

// dataTable renders a chart's table model with a caption and header cells.
func dataTable(id string, t chart.Table) app.UI {
	return ScrollBox(t.Caption).Body(app.Table().ID(id).Class("data-table", "chart-table").Body(
		app.Caption().Text(t.Caption),
		app.THead().Body(app.Tr().Body(app.Range(t.Headers).Slice(func(i int) app.UI {
			return app.Th().Scope("col").Text(t.Headers[i])
		}))),
		app.TBody().Body(app.Range(t.Rows).Slice(func(i int) app.UI {
			row := t.Rows[i]
			cells := make([]app.UI, len(row))
			for j, c := range row {
				if j == 0 {
					cells[j] = app.Th().Scope("row").Text(c)
				} else {
					cells[j] = app.Td().Text(c)
				}
			}
			return app.Tr().Body(cells...)
		})),
	))
}

// ScrollBox is the box a wide table scrolls in on a small screen: a tab
// stop, so that a keyboard can scroll it, named as a region by label
// (axe: scrollable-region-focusable).
func ScrollBox(label string) app.HTMLDiv {
	return app.Div().Class("table-scroll").TabIndex(0).Role("region").Aria("label", label)
}

// Roving leaves the first focusable point of a chart's SVG in the tab
// order and takes the others out of it (tabindex -1: still focusable, by
// the arrow keys).
func Roving(svg string) string {
	const stop = `tabindex="0"`
	i := strings.Index(svg, stop)
	if i < 0 {
		return svg
	}
	i += len(stop)
	return svg[:i] + strings.ReplaceAll(svg[i:], stop, `tabindex="-1"`)
}

// chartSteps are the keys that move between a chart's points.
var chartSteps = map[string]int{"ArrowRight": 1, "ArrowDown": 1, "ArrowLeft": -1, "ArrowUp": -1, "Home": -1 << 20, "End": 1 << 20}

// chartKeys moves focus from one point of a chart to the next or the
// previous, keeping the focused point the chart's one tab stop.
func chartKeys(ctx app.Context, e app.Event) {
	step := chartSteps[e.Get("key").String()]
	if step == 0 {
		return
	}
	points := ctx.JSSrc().Call("querySelectorAll", "svg [tabindex]")
	n, target := points.Length(), e.Get("target")
	for i := 0; i < n; i++ {
		if !points.Index(i).Equal(target) {
			continue
		}
		next := min(max(i+step, 0), n-1)
		e.PreventDefault()
		points.Index(i).Set("tabIndex", -1)
		points.Index(next).Set("tabIndex", 0)
		points.Index(next).Call("focus")
		return
	}
}

// maxChartWidth is the widest a chart is drawn, in CSS pixels: web/chart.css
// holds a chart to 60rem, so a chart drawn wider would shrink again.
const maxChartWidth = 960.0

// FigureWidth returns the width, in CSS pixels, to draw the chart of the
// figure id (ChartFigure's id) for: the width its figure has on the page,
// or before it is drawn the page's content width, held between
// chart.MinWidth and 60rem; chart.DefaultWidth outside a browser. A chart
// drawn for its width keeps its text at the size it was set in instead of
// shrinking with the picture on a phone.
func FigureWidth(id string) float64 {
	w := browser.ContentWidth(id + "-figure")
	if w <= 0 {
		w = browser.ContentWidth("main")
	}
	if w <= 0 {
		return chart.DefaultWidth
	}
	return math.Floor(math.Max(chart.MinWidth, math.Min(maxChartWidth, w)))
}

// ChartWidths keeps a component's chart widths in step with the page:
// call Measure from the component's OnMount and OnResize (go-app calls
// OnResize, a quarter second after the window stops changing size); Width
// gives the width for a figure id.
type ChartWidths struct {
	widths map[string]float64
}

// Width returns the width to draw figure id's chart for.
func (c *ChartWidths) Width(id string) float64 {
	if w, ok := c.widths[id]; ok {
		return w
	}
	return FigureWidth(id)
}

// Measure measures the figures ids; a change of more than a few pixels
// updates the component, which draws its charts again for their width.
func (c *ChartWidths) Measure(ctx app.Context, ids ...string) {
	if c.widths == nil {
		c.widths = map[string]float64{}
	}
	changed := false
	for _, id := range ids {
		w := FigureWidth(id)
		if math.Abs(w-c.widths[id]) > 4 {
			c.widths[id], changed = w, true
		}
	}
	if changed {
		ctx.Update()
	}
}
