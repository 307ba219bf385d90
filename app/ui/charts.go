package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/chart"
)

// ChartFigure is a chart (inserted as raw SVG: one root element), its text
// summary and its data in a table behind "Show the data as a table".
func ChartFigure(id string, c chart.Chart) app.UI {
	return app.Div().ID(id+"-figure").Class("chart-figure").Body(
		app.Raw(c.SVG),
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
