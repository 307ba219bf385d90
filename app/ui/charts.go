package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

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
