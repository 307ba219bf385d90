// Package profileview draws a patient's profile (share.Profile) in
// everyday words: the one view a patient sees, whether opened from their
// share link or shown on the care team's screen.
package profileview

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/chart"
	"honoscope/app/explain"
	"honoscope/app/share"
	"honoscope/app/ui"
	"honoscope/scoring"
)

// View is the patient's profile in plain words: the overall score over
// time with the event notes, what changed, and each area at the first and
// the latest check, with a button that prints it on one A4 page
// (web/profile.css). Intro is the first paragraph: where the profile came
// from, in honest words (the patient's link, or the care team's screen).
// It is drawn the same on the patient's own /profile page and in the
// person page's patient view, which never puts the profile in an address.
type View struct {
	app.Compo

	// Profile is what is shown.
	Profile *share.Profile
	// Intro says where the profile came from.
	Intro string

	widths ui.ChartWidths
}

// OnMount draws the chart for the width it has on this screen.
func (v *View) OnMount(ctx app.Context) { v.widths.Measure(ctx, "pf-timeline") }

// OnResize draws the chart again for its new width.
func (v *View) OnResize(ctx app.Context) { v.widths.Measure(ctx, "pf-timeline") }

// onPrint opens the browser's print dialog (the print stylesheet makes one
// A4 page).
func (v *View) onPrint(ctx app.Context, e app.Event) {
	app.Window().Call("print")
}

// Render draws the profile.
func (v *View) Render() app.UI {
	prof := v.Profile
	if prof == nil {
		return app.Div()
	}
	ratings := prof.ScoringRatings()
	if len(ratings) == 0 {
		return app.P().Class("error").Role("alert").Text("This link holds no scores.")
	}
	in := ratings[0].Instrument
	first, last := &ratings[0], &ratings[len(ratings)-1]
	rules := scoring.DefaultRules()

	series := chart.SeriesOf(ratings, nil, rules)[:1]
	series[0].Name = "Overall score"
	var events []chart.Event
	for _, e := range prof.Events {
		events = append(events, chart.Event{Date: e.Date, Text: e.Label()})
	}
	tl, tlErr := chart.Timeline(series, chart.TimelineOptions{ID: "pf-timeline", Title: "Your overall score over time", Events: events, Width: v.widths.Width("pf-timeline")})

	var changed []string
	var changeErr error
	if len(ratings) > 1 {
		changed, changeErr = explain.PatientSummary(first, last, prof.Change, rules)
	}
	items := explain.PlainItems(in.ID)
	who := "This is a summary of your HoNOS checks"
	if prof.Label != "" {
		who = "For " + prof.Label + ": a summary of your HoNOS checks"
	}
	checks := "1 check, on " + chart.LongDate(first.Date)
	if len(ratings) > 1 {
		checks = strconv.Itoa(len(ratings)) + " checks, from " + chart.LongDate(first.Date) + " to " + chart.LongDate(last.Date)
	}
	return app.Div().Body(
		app.P().ID("profile-intro").Class("lead").Text(who+" ("+checks+"). "+v.Intro),
		app.P().ID("profile-scale").Text(explain.PlainScale(in)),
		app.H2().Text("Your overall score over time"),
		app.If(tlErr != nil, func() app.UI {
			return app.P().Class("error").Text("The chart cannot be drawn: " + tlErr.Error())
		}).Else(func() app.UI { return ui.ChartFigure("pf-timeline", tl) }),
		app.H2().Text("What changed and what stayed the same"),
		app.If(len(ratings) < 2, func() app.UI {
			return app.P().ID("profile-changes").Text("There is one check so far. After the next one, this part will say what changed.")
		}).ElseIf(changeErr != nil, func() app.UI {
			return app.P().ID("profile-changes").Class("error").Text("We cannot compare the checks: " + changeErr.Error())
		}).Else(func() app.UI {
			return app.Div().ID("profile-changes").Body(app.Range(changed).Slice(func(i int) app.UI {
				return app.P().Text(changed[i])
			}))
		}),
		app.H2().Text("Each area, first and latest"),
		// On screen, a card an area, readable on a phone; in print, the
		// table, which fits one A4 page.
		app.Ul().ID("profile-cards").Class("profile-cards").Body(app.Range(items).Slice(func(i int) app.UI {
			it := items[i]
			return app.Li().Class("profile-card").Body(
				app.H3().Text(it.Name),
				app.P().Class("profile-card-about").Text(it.About),
				app.P().Class("profile-card-scores").Body(
					app.Span().Text("First, "+chart.LongDate(first.Date)+": "+plainScore(first.Items[i])+". "),
					app.Span().Text("Latest, "+chart.LongDate(last.Date)+": "+plainScore(last.Items[i])+". "),
				),
				app.P().Class("profile-card-direction").Body(app.Strong().Text(direction(first.Items[i], last.Items[i], len(ratings) > 1))),
			)
		})),
		ui.ScrollBox("Each area, first and latest").Class("profile-areas-box").Body(app.Table().ID("profile-areas").Class("data-table", "profile-areas").Body(
			app.Caption().Text("Each area: what it is about, and its score at the first and the latest check (0 means no problem, 4 a very big problem)"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Area"),
				app.Th().Scope("col").Text("What it is about"),
				app.Th().Scope("col").Text("First: "+chart.LongDate(first.Date)),
				app.Th().Scope("col").Text("Latest: "+chart.LongDate(last.Date)),
			)),
			app.TBody().Body(app.Range(items).Slice(func(i int) app.UI {
				it := items[i]
				return app.Tr().Body(
					app.Th().Scope("row").Text(it.Name),
					app.Td().Text(it.About),
					app.Td().Text(plainScore(first.Items[i])),
					app.Td().Text(plainScore(last.Items[i])),
				)
			})),
		)),
		app.Div().Class("actions", "profile-actions").Body(
			app.Button().Type("button").ID("profile-print").OnClick(v.onPrint).Text("Print this page"),
		),
	)
}

// direction spells out how an area changed from the first check to the
// latest, in words (a higher score is a bigger problem, so lower is better).
func direction(first, last scoring.Code, compared bool) string {
	switch {
	case !compared:
		return "One check so far."
	case !first.Rated() || !last.Rated():
		return "Cannot be compared: a score is not known."
	case last < first:
		return "Better: the problem is smaller now."
	case last > first:
		return "Worse: the problem is bigger now."
	}
	return "The same as at the first check."
}

// plainScore writes a score with its meaning: "2 (a problem)", or "not known".
func plainScore(c scoring.Code) string {
	if !c.Rated() {
		return "not known"
	}
	return strconv.Itoa(int(c)) + " (" + explain.PlainCode(c) + ")"
}
