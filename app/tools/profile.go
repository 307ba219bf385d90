package tools

import (
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/crypto"
	"honoscope/app/profileview"
	"honoscope/app/share"
	"honoscope/app/ui"
)

// profilePage is "/profile#v2.…": the patient's own page, in everyday words,
// opened from the share link the care team gave them. The profile comes
// only from the URL fragment, which the browser never sends to a server; it
// is decoded here, on the device that opened the link. A sealed link
// ("#s1.…", for email) asks first for the passphrase the care team gave
// apart from it. The care team's own screen shows the same view from the
// person page, without any address.
type profilePage struct {
	app.Compo

	fragment string
	profile  *share.Profile
	checked  bool
	failure  string

	// sealed is the envelope of a sealed link, until its passphrase opens it.
	sealed []byte
	pass   string
	busy   bool
}

// OnNav decodes the profile in the fragment.
func (p *profilePage) OnNav(ctx app.Context) {
	frag := ctx.Page().URL().Fragment
	if frag == p.fragment && (p.profile != nil || p.failure != "" || p.sealed != nil) {
		return
	}
	p.fragment, p.profile, p.failure, p.sealed, p.pass = frag, nil, "", nil, ""
	if frag == "" {
		return
	}
	if env, ok := share.SealedFragment(frag); ok {
		p.sealed = env
		return
	}
	p.show(frag)
}

// show decodes a v1 or v2 fragment.
func (p *profilePage) show(frag string) {
	prof, err := share.Decode(frag)
	if err != nil {
		p.failure = err.Error()
		return
	}
	p.profile, p.checked = &prof, share.Checked(frag)
}

func (p *profilePage) onPass(ctx app.Context, e app.Event) {
	p.pass = ctx.JSSrc().Get("value").String()
}

// onOpen opens a sealed link with the passphrase typed.
func (p *profilePage) onOpen(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.busy || p.sealed == nil {
		return
	}
	env, pass := p.sealed, p.pass
	p.busy, p.failure = true, ""
	ctx.Async(func() {
		plain, err := crypto.OpenFile(ctx, pass, env)
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = false
			if errors.Is(err, crypto.ErrAuth) {
				p.failure = "That passphrase does not open this link. Check it (capital letters count) and try again, or ask your care team."
				ui.Focus(ctx, "profile-pass")
				return
			}
			if err != nil {
				p.failure = "This link cannot be opened: " + err.Error()
				return
			}
			p.sealed, p.pass = nil, ""
			p.show(string(plain))
			ui.Focus(ctx, ui.PageTitleID)
		})
	})
}

// Render draws the page.
func (p *profilePage) Render() app.UI {
	return ui.Shell("/profile", "Your HoNOS profile",
		app.Div().Class("profile-page").Body(
			app.If(p.sealed != nil, func() app.UI {
				return app.Form().Class("profile-unseal").OnSubmit(p.onOpen).Body(
					app.P().Text("Your care team sealed this link with a passphrase, which they gave you separately. Type it to see your profile; it is checked on this device only."),
					app.Label().For("profile-pass").Text("Passphrase from your care team"),
					app.Input().Type("password").ID("profile-pass").Attr("autocomplete", "off").Aria("describedby", "profile-error").OnInput(p.onPass),
					app.Button().Type("submit").ID("profile-open").Disabled(p.busy).Text("Open"),
					app.P().ID("profile-error").Class("error").Role("alert").Text(p.failure),
					app.If(p.busy, func() app.UI { return app.P().Role("status").Text("Opening…") }),
				)
			}).ElseIf(p.failure != "", func() app.UI {
				return app.Div().ID("profile-error").Class("error").Role("alert").Body(
					app.P().Body(app.Strong().Text("This link cannot be opened. "), app.Text(p.failure)),
					app.P().Text("Ask the person who gave you the link for a new one. Nothing was sent anywhere."),
				)
			}).ElseIf(p.profile == nil, func() app.UI {
				return app.P().ID("profile-empty").Class("empty-state").Text(
					"This page shows a profile that your care team shares with you. Open the link, or scan the QR code, that you were given.")
			}).Else(func() app.UI {
				intro := linkIntro
				if !p.checked {
					intro = oldLinkIntro
				}
				return &profileview.View{Profile: p.profile, Intro: intro}
			}),
		),
	)
}

// linkIntro says honestly what a profile opened from a link is: the check
// catches a damaged or mistyped link, but nothing proves who made it.
const linkIntro = "It comes from the link you opened and is shown only on this device; nothing on this page was sent to any server. " +
	"The link is checked for damage, but it is not signed: anyone could make such a link, so if anything here surprises you, ask your care team."

// oldLinkIntro is linkIntro for a link made before links had a check.
const oldLinkIntro = "It comes from the link you opened and is shown only on this device; nothing on this page was sent to any server. " +
	"This link is an older kind with no check for damage, and it is not signed: if anything here surprises you, ask your care team for a new link."
