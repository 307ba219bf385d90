package tools

import (
	"honoscope/app/words"
	"strconv"
	"time"

	"honoscope/app/ui"

	"honoscope/app/device"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/practice"
	"honoscope/content"
	"honoscope/content/bundle"
	"honoscope/scoring"
)

// vignetteHref links to the practice page of a vignette; the id travels in
// the fragment.
func vignetteHref(id string) string { return ui.Href("/train/vignette#" + id) }

// trainPage is "/train": the vignette library with its filters, the guidance
// pages, and the trainee's progress kept on this device.
type trainPage struct {
	app.Compo

	filter   libraryFilter
	attempts []practice.Attempt
	skipped  int
	settings practice.Settings
	loaded   bool
	failure  string
	// lms is what went wrong with the learning system, in words ("").
	lms   string
	saved string
	day   string
}

// OnNav loads the progress from the store.
func (p *trainPage) OnNav(ctx app.Context) {
	p.day = ui.Today()
	ctx.Async(func() {
		db, err := device.Store(ctx)
		var as []practice.Attempt
		var skipped int
		var s practice.Settings
		if err == nil {
			as, skipped, err = loadAttempts(ctx, db)
		}
		if err == nil {
			s, err = loadSettings(ctx, db)
		}
		ctx.Dispatch(func(app.Context) {
			p.loaded = true
			if err != nil {
				p.failure = "Could not read your practice on this device: " + err.Error()
				return
			}
			p.attempts, p.skipped, p.settings = as, skipped, s
			p.lms = lmsOpen()
		})
	})
}

// onFilter returns the change handler of one filter select.
func (p *trainPage) onFilter(set func(f *libraryFilter, v string)) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		set(&p.filter, ctx.JSSrc().Get("value").String())
	}
}

// onInterval stores a new refresher interval.
func (p *trainPage) onInterval(ctx app.Context, e app.Event) {
	n, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
	if err != nil {
		return
	}
	s := practice.Settings{RefresherMonths: n}
	p.settings = s
	ctx.Async(func() {
		db, err := device.Store(ctx)
		if err == nil {
			err = saveSettings(ctx, db, s)
		}
		ctx.Dispatch(func(app.Context) {
			if err != nil {
				p.failure = "Could not keep the refresher interval: " + err.Error()
				return
			}
			p.saved = "Kept: a refresher is suggested " + strconv.Itoa(s.Months()) + " months after your last practice."
		})
	})
}

// renderCourse shows, inside a learning system, the learner's course as the
// system holds it: the required vignettes rated, the course score, and a
// link back to where they were.
func (p *trainPage) renderCourse() app.UI {
	c, required, ok := lmsCourse()
	if !ok {
		return app.Div()
	}
	rated := 0
	for _, id := range required {
		for _, r := range c.Results {
			if r.Vignette == id {
				rated++
			}
		}
	}
	body := []app.UI{
		app.H2().ID("course-h").Text("Your course"),
		app.P().ID("course-progress").Text(strconv.Itoa(rated) + " of " + words.Count(len(required), "required vignette", "required vignettes") +
			" rated; course score " + strconv.Itoa(c.Score(required)) + "% (the mean of your best result on each required vignette, as your learning system keeps it)."),
	}
	if v, found := bundle.Vignette(c.Location); found && c.Location != "" {
		body = append(body, app.P().Body(
			app.Text("Continue where you left off: "),
			app.A().ID("course-continue").Href(vignetteHref(v.ID)).Text(v.Title),
		))
	}
	return app.Section().Class("train-course").Aria("labelledby", "course-h").Body(body...)
}

// Render shows the page.
func (p *trainPage) Render() app.UI {
	all := bundle.Vignettes()
	shown := filterVignettes(all, p.filter)
	done := map[string]bool{}
	for _, a := range p.attempts {
		done[a.Vignette] = true
	}
	return ui.Shell("/train", "Train",
		app.P().Class("lead").Text("Practise rating short fictional cases against reference ratings, "+
			"see where you and the reference differ, and keep track of your agreement over time. "+
			"Your practice stays on this device."),
		app.Div().Class("train-alert").Role("alert").Body(
			app.If(p.lms != "", func() app.UI {
				return app.P().ID("train-lms-problem").Class("train-failure").Attr("role", "alert").Body(app.Strong().Text("Learning system: "), app.Text(p.lms))
			}),
			app.If(p.failure != "", func() app.UI {
				return app.P().Class("train-failure").Body(app.Strong().Text("Problem: "), app.Text(p.failure))
			}),
		),
		p.renderCourse(),
		p.renderRefresher(),
		app.H2().Text("Guidance"),
		app.Ul().Class("train-pages").Body(app.Range(bundle.Pages()).Slice(func(i int) app.UI {
			pg := bundle.Pages()[i]
			return app.Li().Body(
				app.Details().Class("train-page").Body(
					app.Summary().Text(pg.Title),
					app.P().Class("train-page-summary").Text(pg.Summary),
					app.Raw(`<div class="train-page-body">`+pg.HTML+`</div>`),
				),
			)
		})),
		app.H2().ID("library").Text("Vignettes"),
		p.renderFilters(all),
		app.P().Class("train-count").Role("status").Text(
			strconv.Itoa(len(shown))+" of "+strconv.Itoa(len(all))+" vignettes shown."),
		app.Ul().Class("train-library").Body(app.Range(shown).Slice(func(i int) app.UI {
			v := shown[i]
			return app.Li().Class("train-vignette").Body(
				app.A().Href(vignetteHref(v.ID)).Text(v.Title),
				app.Span().Class("train-meta").Text(
					" — "+ui.InstrumentName(string(v.Instrument))+", "+v.Setting+", "+v.Difficulty),
				app.If(done[v.ID], func() app.UI {
					return app.Span().Class("train-done").Text(" ✓ practised")
				}),
			)
		})),
		app.H2().ID("progress").Text("Your progress"),
		p.renderProgress(),
		app.P().Body(app.A().Href(ui.Href("/train/certificate")).Text("Print a certificate of your practice")),
	)
}

// renderFilters draws the four labelled selects.
func (p *trainPage) renderFilters(all []content.Vignette) app.UI {
	sel := func(id, label, value string, opts [][2]string, set func(f *libraryFilter, v string)) app.UI {
		return app.Div().Class("train-filter").Body(
			app.Label().For(id).Text(label),
			app.Select().ID(id).OnChange(p.onFilter(set)).Body(
				app.Range(opts).Slice(func(i int) app.UI {
					return app.Option().Value(opts[i][0]).Selected(opts[i][0] == value).Text(opts[i][1])
				}),
			),
		)
	}
	instruments := [][2]string{{"", "Any instrument"}}
	for _, in := range scoring.Instruments() {
		instruments = append(instruments, [2]string{string(in.ID), in.Name})
	}
	items := [][2]string{{"", "Any item"}}
	for n := 1; n <= scoring.MaxItems; n++ {
		label := "Item " + strconv.Itoa(n)
		if p.filter.Instrument != "" {
			label = itemTitle(p.filter.Instrument, n)
			if in, err := scoring.LookupInstrument(p.filter.Instrument); err == nil && n > len(in.Items) {
				break
			}
		}
		items = append(items, [2]string{strconv.Itoa(n), label + " (a problem rated 1–4)"})
	}
	difficulties := [][2]string{{"", "Any difficulty"}}
	for _, d := range difficultyOrder {
		difficulties = append(difficulties, [2]string{d, d})
	}
	settings := [][2]string{{"", "Any setting"}}
	for _, s := range distinct(all, func(v content.Vignette) string { return v.Setting }) {
		settings = append(settings, [2]string{s, s})
	}
	return app.Div().Class("train-filters").Role("group").Aria("label", "Filter the vignettes").Body(
		sel("train-instrument", "Instrument", p.filter.Instrument, instruments, func(f *libraryFilter, v string) { f.Instrument = v }),
		sel("train-item", "Item", p.filter.Item, items, func(f *libraryFilter, v string) { f.Item = v }),
		sel("train-difficulty", "Difficulty", p.filter.Difficulty, difficulties, func(f *libraryFilter, v string) { f.Difficulty = v }),
		sel("train-setting", "Setting", p.filter.Setting, settings, func(f *libraryFilter, v string) { f.Setting = v }),
	)
}

// renderRefresher shows the refresher reminder when it is due.
func (p *trainPage) renderRefresher() app.UI {
	last, ok := practice.Last(p.attempts)
	due := ok && practice.RefresherDue(last, time.Now(), p.settings.Months())
	return app.Div().Class("train-refresher-slot").Role("status").Body(
		app.If(due, func() app.UI {
			return app.P().Class("train-refresher").Body(
				app.Strong().Text("Refresher due: "),
				app.Text("your last practice was on "+last.Format("2 January 2006")+
					", more than "+strconv.Itoa(p.settings.Months())+" months ago. Rate a few vignettes to refresh your rating."))
		}),
	)
}

// renderProgress shows vignettes done, agreement per session, items most
// often over- or under-rated and the refresher interval.
func (p *trainPage) renderProgress() app.UI {
	as := p.attempts
	overall := practice.Overall(as)
	sessions := practice.Drift(as)
	bias := practice.Bias(as)
	if len(bias) > 5 {
		bias = bias[:5]
	}
	months := [][2]string{}
	for _, m := range []int{3, 6, 12, 18, 24, 36} {
		months = append(months, [2]string{strconv.Itoa(m), strconv.Itoa(m) + " months"})
	}
	return app.Div().Class("train-progress").Body(
		app.If(!p.loaded, func() app.UI { return app.P().Text("Reading your practice on this device…") }).
			ElseIf(len(as) == 0, func() app.UI {
				return app.P().Text("No practice on this device yet. Choose a vignette above to start.")
			}).
			Else(func() app.UI {
				return app.Div().Body(
					app.Dl().Class("train-summary").Body(
						app.Dt().Text("Vignettes practised"),
						app.Dd().ID("train-done-count").Text(strconv.Itoa(practice.Completed(as))+" ("+strconv.Itoa(len(as))+" attempts)"),
						app.Dt().Text("Exact agreement, all practice"),
						app.Dd().Text(percent(overall.Exact, overall.N)),
						app.Dt().Text("Within-one agreement, all practice"),
						app.Dd().Text(percent(overall.WithinOne, overall.N)),
						app.Dt().Text("Quadratic weighted kappa, all practice"),
						app.Dd().Text(kappaText(overall)),
					),
					app.Table().Class("train-drift").Body(
						app.Caption().Text("Agreement by session (one session per day), oldest first"),
						app.THead().Body(app.Tr().Body(
							app.Th().Scope("col").Text("Date"),
							app.Th().Scope("col").Text("Vignettes"),
							app.Th().Scope("col").Text("Exact"),
							app.Th().Scope("col").Text("Within one"),
							app.Th().Scope("col").Text("Kappa"),
						)),
						app.TBody().Body(app.Range(sessions).Slice(func(i int) app.UI {
							s := sessions[i]
							return app.Tr().Body(
								app.Th().Scope("row").Text(s.Date),
								app.Td().Text(strconv.Itoa(s.Attempts)),
								app.Td().Text(percent(s.Agreement.Exact, s.Agreement.N)),
								app.Td().Text(percent(s.Agreement.WithinOne, s.Agreement.N)),
								app.Td().Text(kappaText(s.Agreement)),
							)
						})),
					),
					app.H3().Text("Items you most often rate differently from the reference"),
					app.If(len(bias) == 0, func() app.UI {
						return app.P().Text("None: on average your ratings match the reference on every item so far.")
					}).Else(func() app.UI {
						return app.Ul().Class("train-bias").Body(app.Range(bias).Slice(func(i int) app.UI {
							b := bias[i]
							dir := "higher"
							if b.Mean < 0 {
								dir = "lower"
							}
							return app.Li().Text(ui.InstrumentName(b.Instrument) + " " + itemTitle(b.Instrument, b.Item) + ": you rate " + dir +
								" by " + strconv.FormatFloat(abs(b.Mean), 'f', 1, 64) + " on average (" +
								strconv.Itoa(b.Over) + " higher, " + strconv.Itoa(b.Under) + " lower, of " + strconv.Itoa(b.N) + ")")
						}))
					}),
					app.If(p.skipped > 0, func() app.UI {
						return app.P().Text(strconv.Itoa(p.skipped) + " practice records on this device could not be read and are left out.")
					}),
				)
			}),
		app.Div().Class("train-filter").Body(
			app.Label().For("train-interval").Text("Suggest a refresher this long after the last practice (your trust's interval)"),
			app.Select().ID("train-interval").OnChange(p.onInterval).Body(
				app.Range(months).Slice(func(i int) app.UI {
					return app.Option().Value(months[i][0]).Selected(months[i][0] == strconv.Itoa(p.settings.Months())).Text(months[i][1])
				}),
			),
			app.P().Class("train-saved").Role("status").Text(p.saved),
		),
	)
}

// abs is |x|.
func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
