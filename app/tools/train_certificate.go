package tools

import (
	"context"
	"errors"
	"strconv"
	"time"

	"honoscope/app/ui"

	"honoscope/app/device"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/practice"
	"honoscope/app/store"
)

// certificatePage is "/train/certificate": a printable record of practice.
// The name is typed on the page and kept only if the trainee asks.
type certificatePage struct {
	app.Compo

	name       string
	remembered bool
	attempts   []practice.Attempt
	loaded     bool
	note       string
	failure    string
}

// OnNav loads the practice and a remembered name.
func (p *certificatePage) OnNav(ctx app.Context) {
	ctx.Async(func() {
		db, err := device.Store(ctx)
		var as []practice.Attempt
		var name []byte
		if err == nil {
			as, _, err = loadAttempts(ctx, db)
		}
		if err == nil {
			name, err = db.Doc(ctx, practice.SettingsKind, certificateNameKey)
			if errors.Is(err, store.ErrNotFound) {
				name, err = nil, nil
			}
		}
		ctx.Dispatch(func(app.Context) {
			p.loaded = true
			if err != nil {
				p.failure = "Could not read your practice on this device: " + err.Error()
				return
			}
			p.attempts = as
			if s, ok := unquote(name); ok {
				p.name, p.remembered = s, true
			}
		})
	})
}

// unquote decodes a stored JSON string.
func unquote(b []byte) (string, bool) {
	if len(b) == 0 {
		return "", false
	}
	s, err := strconv.Unquote(string(b))
	return s, err == nil
}

// onName keeps the typed name on the page only.
func (p *certificatePage) onName(ctx app.Context, e app.Event) {
	p.name = ctx.JSSrc().Get("value").String()
}

// onRemember stores the name on this device, or forgets it.
func (p *certificatePage) onRemember(ctx app.Context, e app.Event) {
	keep := !p.remembered
	name := p.name
	ctx.Async(func() {
		db, err := device.Store(ctx)
		if err == nil {
			err = rememberName(ctx, db, name, keep)
		}
		ctx.Dispatch(func(app.Context) {
			if err != nil {
				p.failure = "Could not change the remembered name: " + err.Error()
				return
			}
			p.remembered = keep
			p.note = "Your name is no longer kept on this device."
			if keep {
				p.note = "Your name is kept on this device for the next certificate."
			}
		})
	})
}

// rememberName stores name (keep) or deletes it.
func rememberName(ctx context.Context, db store.Store, name string, keep bool) error {
	if !keep {
		return db.DeleteDoc(ctx, practice.SettingsKind, certificateNameKey)
	}
	return db.PutDoc(ctx, practice.SettingsKind, certificateNameKey, []byte(strconv.Quote(name)))
}

// onPrint opens the browser's print dialogue.
func (p *certificatePage) onPrint(ctx app.Context, e app.Event) { app.Window().Call("print") }

// Render shows the page.
func (p *certificatePage) Render() app.UI {
	overall := practice.Overall(p.attempts)
	rememberText := "Remember my name on this device"
	if p.remembered {
		rememberText = "Forget my name on this device"
	}
	shown := p.name
	if shown == "" {
		shown = "(type your name above)"
	}
	return ui.Shell("/train", "Practice certificate",
		app.Div().Class("cert-controls").Body(
			app.P().Text("Type your name to put it on the certificate. It stays on this page and is not saved unless you choose to remember it."),
			app.Label().For("cert-name").Text("Your name"),
			app.Input().Type("text").ID("cert-name").Value(p.name).Attr("autocomplete", "name").OnInput(p.onName),
			app.Div().Class("actions").Body(
				app.Button().Type("button").Class("button primary").OnClick(p.onPrint).Text("Print"),
				app.Button().Type("button").Class("button").OnClick(p.onRemember).Text(rememberText),
			),
			app.P().Role("status").Text(p.note),
			app.If(p.failure != "", func() app.UI {
				return app.P().Class("train-failure").Role("alert").Text(p.failure)
			}),
		),
		app.Article().Class("certificate").Aria("label", "Certificate").Body(
			app.P().Class("cert-heading").Text("Certificate of HoNOS rating practice"),
			app.P().Class("cert-name").ID("cert-shown-name").Text(shown),
			app.P().Text("has practised rating the Health of the Nation Outcome Scales against reference ratings with Honoscope."),
			app.Dl().Class("cert-figures").Body(
				app.Dt().Text("Date"),
				app.Dd().Text(time.Now().Format("2 January 2006")),
				app.Dt().Text("Vignettes completed"),
				app.Dd().ID("cert-count").Text(strconv.Itoa(practice.Completed(p.attempts))),
				app.Dt().Text("Exact agreement"),
				app.Dd().Text(percent(overall.Exact, overall.N)),
				app.Dt().Text("Within-one agreement"),
				app.Dd().Text(percent(overall.WithinOne, overall.N)),
				app.Dt().Text("Quadratic weighted kappa"),
				app.Dd().Text(kappaText(overall)),
			),
			app.P().Class("cert-small").Text("Practice ratings compared with the reference ratings of Honoscope's own fictional vignettes. "+
				"It records practice, not a qualification. "+ui.Copyright+"."),
		),
	)
}
