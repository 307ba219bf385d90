package consult

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/browser"
	"honoscope/app/profileview"
	"honoscope/app/share"
	"honoscope/app/ui"

	"honoscope/app/device"

	"honoscope/app/store"
)

// personPage is "/person#r=<ref>": every rating of one person, with Edit and
// Delete. The fragment names one of the person's ratings by store.Ref, never
// the label: the browser keeps addresses in its history and shows them in
// the address bar, also under the lock screen. An older "/person#<label>"
// address is still read, and replaced by the ref at once.
type personPage struct {
	app.Compo

	// fragment is the address's fragment the page was opened with.
	fragment string
	label    string
	ratings  []store.Rating
	loaded   bool
	failure  string
	// deleted is the rating last deleted, kept in memory for Undo until the
	// user leaves the page (no time limit: WCAG 2.2.1 timing adjustable).
	deleted *store.Rating
	// message reports the last delete or undo.
	message string
	// ctx is the page's own context: asynchronous work reports back through
	// it, because the button that started it is gone by then.
	ctx app.Context
	// patient is the profile shown in the patient view, nil for the
	// clinician's view.
	patient *share.Profile
}

// careTeamIntro says where the patient view on the person page comes from.
const careTeamIntro = "It is shown on your care team's screen, from the ratings kept on this device; nothing on this page was sent to any server."

// showPatient switches to the patient view of prof.
func (p *personPage) showPatient(ctx app.Context, prof share.Profile) {
	p.patient = &prof
	ui.Focus(ctx, ui.PageTitleID)
}

// onClinicianView goes back to the clinician's view, where it was left.
func (p *personPage) onClinicianView(ctx app.Context, e app.Event) {
	p.patient = nil
	ui.Focus(ctx, "oc-patient-view")
}

// OnMount keeps the page's context.
func (p *personPage) OnMount(ctx app.Context) { p.ctx = ctx }

// OnNav reads which person the fragment names and loads their ratings.
func (p *personPage) OnNav(ctx app.Context) {
	p.ctx = ctx
	frag := ctx.Page().URL().Fragment
	if frag != p.fragment {
		p.deleted, p.message, p.patient, p.loaded = nil, "", nil, false
	}
	p.fragment = frag
	p.load(ctx)
}

// personOf returns the label of the person frag names among all ("r=<ref>",
// or an older address's label), and their ratings in date order.
func personOf(all []store.Rating, frag string) (string, []store.Rating) {
	label := frag
	if ref, ok := strings.CutPrefix(frag, fragmentPerson); ok {
		r, found := store.FindRef(all, ref)
		if !found {
			return "", nil
		}
		label = r.Patient
	}
	var rs []store.Rating
	for _, r := range all {
		if r.Patient == label {
			rs = append(rs, r)
		}
	}
	return label, rs
}

// load reads the person's ratings.
func (p *personPage) load(ctx app.Context) {
	frag := p.fragment
	if frag == "" {
		p.loaded, p.ratings, p.label = true, nil, ""
		return
	}
	ctx.Async(func() {
		var all []store.Rating
		db, err := device.Store(ctx)
		if err == nil {
			all, err = db.Ratings(ctx)
		}
		label, rs := personOf(all, frag)
		ctx.Dispatch(func(ctx app.Context) {
			if frag != p.fragment {
				return
			}
			p.loaded = true
			if err != nil {
				p.failure = "Could not read the ratings on this device: " + err.Error()
				return
			}
			p.failure = ""
			p.label, p.ratings = label, rs
			p.keepAddress()
		})
	})
}

// keepAddress makes the address name the person by one of their ratings
// that is still on the device (an older address named them by label; a
// rating named may have been deleted), without a new history entry.
func (p *personPage) keepAddress() {
	if len(p.ratings) == 0 {
		return
	}
	if ref, ok := strings.CutPrefix(p.fragment, fragmentPerson); ok {
		if _, found := store.FindRef(p.ratings, ref); found {
			return
		}
	}
	p.fragment = fragmentPerson + store.Ref(p.ratings[len(p.ratings)-1].ID)
	browser.ReplaceFragment(p.fragment)
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
				p.keepAddress()
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

// Render draws the page: the clinician's view, or the patient view in its
// place (the clinician's view stays, hidden, so that its choices are kept).
func (p *personPage) Render() app.UI {
	title := "Person"
	if p.label != "" {
		title = "Ratings of " + p.label
	}
	if p.patient != nil {
		title = "Your HoNOS profile"
	}
	return ui.Shell("/people", title,
		app.If(p.patient != nil, func() app.UI {
			return app.Div().Class("profile-page").Body(
				app.Div().Class("actions").Body(
					app.Button().Type("button").ID("pv-back").Class("secondary").OnClick(p.onClinicianView).Text("Back to the clinician's view"),
				),
				&profileview.View{Profile: p.patient, Intro: careTeamIntro},
			)
		}),
		app.Div().Class("person-clinician").Hidden(p.patient != nil).Body(p.renderClinician()...),
	)
}

// renderClinician draws the clinician's view of the person.
func (p *personPage) renderClinician() []app.UI {
	return []app.UI{
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
		app.If(p.fragment == "", func() app.UI {
			return app.P().Class("empty-state").Body(
				app.Text("No person chosen. "),
				app.A().Href(ui.Href("/people")).Text("Choose one from People"),
				app.Text("."))
		}).ElseIf(!p.loaded, func() app.UI {
			return app.P().Text("Reading the ratings on this device…")
		}).ElseIf(p.label == "" && p.failure == "", func() app.UI {
			return app.P().Class("empty-state").Body(
				app.Text("The rating this address names is no longer on this device. "),
				app.A().Href(ui.Href("/people")).Text("Choose the person from People"),
				app.Text("."))
		}).ElseIf(p.label == "", func() app.UI {
			return app.Div()
		}).ElseIf(len(p.ratings) == 0, func() app.UI {
			return app.P().Class("empty-state").Body(
				app.Text("No ratings of "+p.label+" on this device. "),
				app.A().Href(ui.Href("/rate")).Text("Rate someone"),
				app.Text("."))
		}).Else(func() app.UI {
			// The charts and what is done with the patient first; the list
			// of ratings, two controls a rating, after them.
			return app.Div().Body(&outcomesView{Patient: p.label, Ratings: p.ratings, OnPatientView: p.showPatient},
				app.H2().ID("person-ratings-title").Text("All ratings"), p.renderRatings())
		}),
	}
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
