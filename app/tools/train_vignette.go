package tools

import (
	"strconv"
	"strings"
	"time"

	"honoscope/app/ui"

	"honoscope/app/device"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/practice"
	"honoscope/content"
	"honoscope/content/bundle"
	"honoscope/scoring"
)

// vignettePage is "/train/vignette#<id>": the case, the rating form in
// practice mode, then feedback item by item and the agreement figures.
type vignettePage struct {
	app.Compo

	id       string
	vignette content.Vignette
	found    bool
	rounds   int
	attempt  *practice.Attempt
	session  practice.Agreement
	all      practice.Agreement
	busy     bool
	failure  string
	// lms is what went wrong with the learning system, in words ("").
	lms string
	ctx app.Context
}

// OnMount keeps the page's context for deferred work.
func (p *vignettePage) OnMount(ctx app.Context) { p.ctx = ctx }

// OnNav reads the vignette id from the fragment.
func (p *vignettePage) OnNav(ctx app.Context) {
	p.ctx = ctx
	p.id = strings.TrimSpace(ctx.Page().URL().Fragment)
	p.vignette, p.found = bundle.Vignette(p.id)
	p.attempt, p.failure = nil, ""
	p.rounds++
}

// onSave stores the attempt and shows the feedback.
func (p *vignettePage) onSave(_ app.Context, fv ui.FormValue) {
	ctx := p.ctx
	if p.busy || !p.found {
		return
	}
	a := newAttempt(p.vignette, fv, time.Now())
	p.busy = true
	ctx.Async(func() {
		db, err := device.Store(ctx)
		var as []practice.Attempt
		if err == nil {
			err = saveAttempt(ctx, db, a)
		}
		if err == nil {
			as, _, err = loadAttempts(ctx, db)
		}
		ctx.Dispatch(func(app.Context) {
			p.busy = false
			if err != nil {
				p.failure = "Could not keep this practice on the device: " + err.Error() + ". Try again."
				return
			}
			var session []practice.Attempt
			for _, x := range as {
				if x.Date == a.Date {
					session = append(session, x)
				}
			}
			p.attempt, p.session, p.all = &a, practice.Overall(session), practice.Overall(as)
			p.lms = lmsRecord(a)
			ui.Focus(p.ctx, "feedback")
		})
	})
}

// onAgain clears the form for another try.
func (p *vignettePage) onAgain(ctx app.Context, e app.Event) {
	p.attempt = nil
	p.rounds++
	ui.Focus(p.ctx, "tr-item-1-0")
}

// Render shows the page.
func (p *vignettePage) Render() app.UI {
	if !p.found {
		return ui.Shell("/train", "Practise a vignette",
			app.P().Class("train-failure").Body(
				app.Text("There is no vignette here to practise (the link may be old or cut short). "),
				app.A().Href(ui.Href("/train")).Text("Choose one from the library"),
				app.Text(".")),
		)
	}
	v := p.vignette
	return ui.Shell("/train", v.Title,
		app.P().Class("train-meta").Text(ui.InstrumentName(string(v.Instrument))+" · "+v.Setting+" · "+v.Difficulty+
			" · version "+strconv.Itoa(v.Version)+" · reference reviewed by "+v.ReviewedBy),
		app.Raw(`<div class="vignette-body">`+v.HTML+`</div>`),
		app.H2().Text("Your rating"),
		app.P().Text("Rate the case as you would in clinical use, then compare your rating with the reference."),
		app.Div().Class("train-alert").Role("alert").Body(
			app.If(p.lms != "", func() app.UI {
				return app.P().ID("train-lms-problem").Class("train-failure").Attr("role", "alert").Body(app.Strong().Text("Learning system: "), app.Text(p.lms))
			}),
			app.If(p.failure != "", func() app.UI {
				return app.P().Class("train-failure").Body(app.Strong().Text("Problem: "), app.Text(p.failure))
			}),
		),
		&ui.RatingForm{
			Initial:         ui.NewFormValue(v.Instrument, ""),
			Key:             v.ID + "/" + strconv.Itoa(p.rounds),
			IDPrefix:        "tr",
			Practice:        true,
			FixedInstrument: true,
			SaveLabel:       "Compare with the reference",
			Busy:            p.busy,
			Today:           ui.Today(),
			OnSave:          p.onSave,
		},
		app.Div().Class("train-feedback-slot").Body(
			app.If(p.attempt != nil, func() app.UI { return p.renderFeedback() }),
		),
	)
}

// renderFeedback shows the comparison item by item and the agreement for
// this vignette, this session and all practice.
func (p *vignettePage) renderFeedback() app.UI {
	a := *p.attempt
	v := p.vignette
	this := a.Agreement()
	rows := make([]app.UI, 0, len(a.Codes))
	for i := range a.Codes {
		n := i + 1
		ref := content.Reference{Item: n, Code: scoring.NotKnown}
		for _, r := range v.Reference {
			if r.Item == n {
				ref = r
			}
		}
		sym, words, class := mark(a.Codes[i], a.Reference[i])
		yours, refText := codeText(a.Codes[i]), codeText(a.Reference[i])
		if n == 8 {
			if a.Item8Type != "" {
				yours += " (type " + a.Item8Type + ")"
			}
			if a.ReferenceItem8Type != "" {
				refText += " (type " + a.ReferenceItem8Type + ")"
			}
		}
		rows = append(rows, app.Tr().Class(class).Body(
			app.Th().Scope("row").Text(itemTitle(a.Instrument, n)),
			app.Td().Class("fb-yours").Text(yours),
			app.Td().Class("fb-ref").Text(refText),
			app.Td().Class("fb-mark").Body(
				app.Span().Aria("hidden", "true").Text(sym+" "),
				app.Text(words)),
			app.Td().Text(ref.Rationale),
		))
	}
	figure := func(label string, g practice.Agreement) app.UI {
		return app.Tr().Body(
			app.Th().Scope("row").Text(label),
			app.Td().Text(percent(g.Exact, g.N)),
			app.Td().Text(percent(g.WithinOne, g.N)),
			app.Td().Text(kappaText(g)),
		)
	}
	return app.Section().ID("feedback").TabIndex(-1).Class("train-feedback").Aria("labelledby", "feedback-title").Body(
		app.H2().ID("feedback-title").Text("Feedback"),
		app.Table().Class("train-agreement").Body(
			app.Caption().Text("Agreement with the reference (items both rated 0–4)"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Over"),
				app.Th().Scope("col").Text("Exact"),
				app.Th().Scope("col").Text("Within one"),
				app.Th().Scope("col").Text("Quadratic weighted kappa"),
			)),
			app.TBody().Body(
				figure("This vignette", this),
				figure("This session (today)", p.session),
				figure("All your practice", p.all),
			),
		),
		app.Table().Class("train-items").Body(
			app.Caption().Text("Item by item"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Item"),
				app.Th().Scope("col").Text("Your rating"),
				app.Th().Scope("col").Text("Reference"),
				app.Th().Scope("col").Text("Agreement"),
				app.Th().Scope("col").Text("Why the reference rates it so"),
			)),
			app.TBody().Body(rows...),
		),
		app.Div().Class("actions").Body(
			app.Button().Type("button").Class("button").OnClick(p.onAgain).Text("Rate this vignette again"),
			app.A().Class("button").Href(ui.Href("/train")+"#library").Text("Choose another vignette"),
			app.A().Class("button").Href(ui.Href("/train")+"#progress").Text("See your progress"),
		),
	)
}
