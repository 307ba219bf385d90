package consult

import (
	"strconv"

	"honoscope/app/ui"

	"honoscope/app/words"

	"honoscope/app/device"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/store"
	"honoscope/scoring"
)

// personSummary is one row of /people: a label and its latest rating.
type personSummary struct {
	// Label is the patient label.
	Label string
	// Count is the number of ratings.
	Count int
	// Latest is the latest rating (by date, then creation).
	Latest store.Rating
}

// summarisePeople returns one row per patient from ratings ordered by
// patient, then date, then creation (store.Store.Ratings), so the last
// rating of each patient is the latest.
func summarisePeople(rs []store.Rating) []personSummary {
	var out []personSummary
	for _, r := range rs {
		if n := len(out); n > 0 && out[n-1].Label == r.Patient {
			out[n-1].Count++
			out[n-1].Latest = r
			continue
		}
		out = append(out, personSummary{Label: r.Patient, Count: 1, Latest: r})
	}
	return out
}

// ratingTotal words the total of a stored rating for a table cell, such as
// "17/48", and its validity: "Yes", or "No: 3 items not known". A rating
// that fails validation (say, from an old import) reads "not scorable".
func ratingTotal(r store.Rating) (total, valid string) {
	sr, err := r.Scoring()
	if err != nil {
		return "not scorable", "No: " + err.Error()
	}
	s := scoring.Score(&sr, scoring.DefaultRules())
	total = strconv.Itoa(s.Total) + "/" + strconv.Itoa(s.MaxTotal)
	if s.TotalValid {
		return total, "Yes"
	}
	return total, "No: " + words.Count(s.Unknown(), "item", "items") + " not known"
}

// peoplePage is "/people": every label on the device with its latest total.
type peoplePage struct {
	app.Compo

	people  []personSummary
	loaded  bool
	failure string
}

// OnNav reads the ratings.
func (p *peoplePage) OnNav(ctx app.Context) { p.load(ctx) }

// load reads every rating and summarises it per person.
func (p *peoplePage) load(ctx app.Context) {
	ctx.Async(func() {
		var rs []store.Rating
		db, err := device.Store(ctx)
		if err == nil {
			rs, err = db.Ratings(ctx)
		}
		ctx.Dispatch(func(app.Context) {
			p.loaded = true
			if err != nil {
				p.failure = "Could not read the ratings on this device: " + err.Error()
				return
			}
			p.failure = ""
			p.people = summarisePeople(rs)
		})
	})
}

// Render draws the page.
func (p *peoplePage) Render() app.UI {
	return ui.Shell("/people", "People",
		app.P().Class("lead").Text("The people rated on this device, by the label you gave them. "+
			"Nothing here leaves the device unless you export it."),
		app.Div().Role("alert").Body(app.If(p.failure != "", func() app.UI {
			return app.P().Class("rate-failure").Body(app.Strong().Text("Problem: "), app.Text(p.failure))
		})),
		app.If(!p.loaded, func() app.UI {
			return app.P().Class("people-loading").Text("Reading the ratings on this device…")
		}).ElseIf(len(p.people) == 0, func() app.UI {
			return app.Div().Class("empty-state").Body(
				app.P().Text("No ratings on this device yet."),
				app.P().Body(
					app.A().Href(ui.Href("/rate")).Text("Rate someone"),
					app.Text(", or import ratings exported from another device, a spreadsheet or a record system."),
				),
			)
		}).Else(func() app.UI { return renderPeople(p.people) }),
		renderTransferLink(),
	)
}

// renderTransferLink points to the page that exports and imports ratings.
// That page belongs to the other program (route.Tools), so following the
// link loads it; with the lock on, it asks for the passphrase again.
func renderTransferLink() app.UI {
	return app.Section().Class("transfer").Aria("labelledby", "transfer-title").Body(
		app.H2().ID("transfer-title").Text("Export and import"),
		app.P().Body(
			app.A().ID("transfer-link").Href(ui.Href("/transfer")).Text("Export or import ratings"),
			app.Text(": as a backup, a spreadsheet, a FHIR bundle for a record system, or England's MHSDS and Australia's NOCC layouts; "+
				"and bring in a backup, a spreadsheet or another system's export. Nothing leaves the device unless you save a file."),
		),
	)
}

// renderPeople draws the table of people.
func renderPeople(people []personSummary) app.UI {
	return ui.ScrollBox("People rated on this device").Body(app.Table().Class("data-table", "people-table").Body(
		app.Caption().Text("People rated on this device ("+strconv.Itoa(len(people))+")"),
		app.THead().Body(app.Tr().Body(
			app.Th().Scope("col").Text("Patient label"),
			app.Th().Scope("col").Text("Latest rating"),
			app.Th().Scope("col").Text("Instrument"),
			app.Th().Scope("col").Text("Latest total"),
			app.Th().Scope("col").Text("Total valid"),
			app.Th().Scope("col").Text("Ratings"),
		)),
		app.TBody().Body(app.Range(people).Slice(func(i int) app.UI {
			s := people[i]
			total, valid := ratingTotal(s.Latest)
			return app.Tr().Body(
				app.Th().Scope("row").Body(app.A().Href(personHref(s.Latest.ID)).Text(s.Label)),
				app.Td().Text(s.Latest.Date),
				app.Td().Text(ui.InstrumentName(s.Latest.Instrument)),
				app.Td().Class("num").Text(total),
				app.Td().Text(valid),
				app.Td().Class("num").Text(strconv.Itoa(s.Count)),
			)
		})),
	))
}
