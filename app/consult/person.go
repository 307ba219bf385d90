package consult

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/ui"

	"honoscope/app/device"

	"honoscope/app/store"
)

// personPage is "/person#<label>": every rating of one person, with Edit and
// Delete. The label comes from the URL fragment, which never reaches a server.
type personPage struct {
	app.Compo

	label   string
	ratings []store.Rating
	loaded  bool
	failure string
	// deleted is the rating last deleted, kept in memory for Undo until the
	// user leaves the page (no time limit: WCAG 2.2.1 timing adjustable).
	deleted *store.Rating
	// message reports the last delete or undo.
	message string
	// ctx is the page's own context: asynchronous work reports back through
	// it, because the button that started it is gone by then.
	ctx app.Context
}

// OnMount keeps the page's context.
func (p *personPage) OnMount(ctx app.Context) { p.ctx = ctx }

// OnNav reads the label from the fragment and loads its ratings.
func (p *personPage) OnNav(ctx app.Context) {
	p.ctx = ctx
	label := ctx.Page().URL().Fragment
	if label != p.label {
		p.deleted, p.message = nil, ""
	}
	p.label = label
	p.load(ctx)
}

// load reads the person's ratings.
func (p *personPage) load(ctx app.Context) {
	label := p.label
	if label == "" {
		p.loaded, p.ratings = true, nil
		return
	}
	ctx.Async(func() {
		var rs []store.Rating
		db, err := device.Store(ctx)
		if err == nil {
			rs, err = db.RatingsOf(ctx, label)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if label != p.label {
				return
			}
			p.loaded = true
			if err != nil {
				p.failure = "Could not read the ratings on this device: " + err.Error()
				return
			}
			p.failure = ""
			p.ratings = rs
		})
	})
}

// onDelete deletes rating r, keeping it in memory so that Undo can put it back.
func (p *personPage) onDelete(r store.Rating) app.EventHandler {
	return func(_ app.Context, e app.Event) {
		ctx := p.ctx
		ctx.Async(func() {
			db, err := device.Store(ctx)
			if err == nil {
				err = db.DeleteRating(ctx, r.ID)
			}
			ctx.Dispatch(func(app.Context) {
				if err != nil {
					p.failure = "Deleting failed: " + err.Error()
					return
				}
				p.failure = ""
				p.ratings = withoutRating(p.ratings, r.ID)
				kept := r
				p.deleted = &kept
				p.message = "Deleted the " + ui.InstrumentName(r.Instrument) + " rating of " + r.Date + ". Undo stays available until you leave this page."
				ui.Focus(ctx, "person-undo")
			})
		})
	}
}

// onUndo puts the deleted rating back.
func (p *personPage) onUndo(_ app.Context, e app.Event) {
	ctx := p.ctx
	if p.deleted == nil {
		return
	}
	r := *p.deleted
	p.deleted = nil
	ctx.Async(func() {
		db, err := device.Store(ctx)
		if err == nil {
			err = db.PutRating(ctx, r)
		}
		var rs []store.Rating
		if err == nil {
			rs, err = db.RatingsOf(ctx, r.Patient)
		}
		ctx.Dispatch(func(app.Context) {
			if err != nil {
				kept := r
				p.deleted = &kept
				p.failure = "Undo failed: " + err.Error()
				return
			}
			p.failure = ""
			p.message = "Restored the " + ui.InstrumentName(r.Instrument) + " rating of " + r.Date + "."
			p.ratings = rs
			ui.Focus(ctx, "person-message")
		})
	})
}

// withoutRating returns rs without the rating with the given ID.
func withoutRating(rs []store.Rating, id string) []store.Rating {
	out := make([]store.Rating, 0, len(rs))
	for _, r := range rs {
		if r.ID != id {
			out = append(out, r)
		}
	}
	return out
}

// Render draws the page.
func (p *personPage) Render() app.UI {
	title := "Person"
	if p.label != "" {
		title = "Ratings of " + p.label
	}
	return ui.Shell("/people", title,
		app.P().Body(app.A().Href(ui.Href("/people")).Text("All people")),
		app.Div().Role("alert").Body(app.If(p.failure != "", func() app.UI {
			return app.P().Class("rate-failure").Body(app.Strong().Text("Problem: "), app.Text(p.failure))
		})),
		app.Div().Class("undo-bar").Role("status").Body(
			app.If(p.message != "", func() app.UI {
				return app.P().ID("person-message").TabIndex(-1).Text(p.message)
			}),
			app.If(p.deleted != nil, func() app.UI {
				return app.Button().Type("button").ID("person-undo").Class("secondary").OnClick(p.onUndo).Text("Undo")
			}),
		),
		app.If(p.label == "", func() app.UI {
			return app.P().Class("empty-state").Body(
				app.Text("No person chosen. "),
				app.A().Href(ui.Href("/people")).Text("Choose one from People"),
				app.Text("."))
		}).ElseIf(!p.loaded, func() app.UI {
			return app.P().Text("Reading the ratings on this device…")
		}).ElseIf(len(p.ratings) == 0, func() app.UI {
			return app.P().Class("empty-state").Body(
				app.Text("No ratings of "+p.label+" on this device. "),
				app.A().Href(ui.Href("/rate")).Text("Rate someone"),
				app.Text("."))
		}).Else(func() app.UI {
			return app.Div().Body(p.renderRatings(), &outcomesView{Patient: p.label, Ratings: p.ratings})
		}),
	)
}

// renderRatings draws the table of the person's ratings.
func (p *personPage) renderRatings() app.UI {
	return ui.ScrollBox("Ratings of " + p.label).Body(app.Table().Class("data-table", "person-table").Body(
		app.Caption().Text("Ratings of "+p.label+", oldest first"),
		app.THead().Body(app.Tr().Body(
			app.Th().Scope("col").Text("Date"),
			app.Th().Scope("col").Text("Instrument"),
			app.Th().Scope("col").Text("Total"),
			app.Th().Scope("col").Text("Total valid"),
			app.Th().Scope("col").Text("Occasion"),
			app.Th().Scope("col").Text("Actions"),
		)),
		app.TBody().Body(app.Range(p.ratings).Slice(func(i int) app.UI {
			r := p.ratings[i]
			total, valid := ratingTotal(r)
			occasion := ui.Capitalise(r.Occasion)
			if occasion == "" {
				occasion = "Not given"
			}
			what := ui.InstrumentName(r.Instrument) + " rating of " + r.Date
			return app.Tr().Body(
				app.Th().Scope("row").Text(r.Date),
				app.Td().Text(ui.InstrumentName(r.Instrument)),
				app.Td().Class("num").Text(total),
				app.Td().Text(valid),
				app.Td().Text(occasion),
				app.Td().Class("actions").Body(
					app.A().Href(rateHref(r.ID)).Aria("label", "Edit the "+what).Text("Edit"),
					app.Text(" "),
					app.Button().Type("button").Class("secondary", "danger").
						Aria("label", "Delete the "+what).
						OnClick(p.onDelete(r), app.EventScope(r.ID)).Text("Delete"),
				),
			)
		})),
	))
}
