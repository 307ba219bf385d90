package consult

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"honoscope/app/ui"

	"honoscope/app/device"

	"honoscope/app/browser"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// deleteWord is what the user types to confirm deleting all data.
const deleteWord = "DELETE"

// settingsPage holds the lock, backup, storage and delete-all settings.
type settingsPage struct {
	app.Compo

	loaded     bool
	lockOn     bool
	set        device.Settings
	storage    browser.StorageInfo
	storageErr string

	pass, confirm, backupPass, deleteText  string
	idleMinutes, remindRatings, remindDays string

	busy, status, failure string
}

// OnMount reads the settings and asks for persistent storage.
func (p *settingsPage) OnMount(ctx app.Context) {
	ctx.Async(func() {
		g, err := device.Open(ctx)
		if err != nil {
			ctx.Dispatch(func(app.Context) { p.failure = err.Error() })
			return
		}
		configured, _ := g.State()
		set := device.LoadSettings(ctx, g)
		info, err := browser.AskPersistence(ctx)
		ctx.Dispatch(func(app.Context) {
			p.loaded, p.lockOn, p.set, p.storage = true, configured, set, info
			p.idleMinutes = strconv.FormatFloat(float64(set.IdleSeconds)/60, 'f', -1, 64)
			p.remindRatings, p.remindDays = strconv.Itoa(set.ReminderRatings), strconv.Itoa(set.ReminderDays)
			if err != nil {
				p.storageErr = err.Error()
			}
		})
	})
}

// value returns an input handler that keeps the field's text in dst.
func (p *settingsPage) value(dst *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *dst = ctx.JSSrc().Get("value").String() }
}

// run does work in the background with a busy message, then reports.
func (p *settingsPage) run(ctx app.Context, busy string, work func(context.Context) (string, error)) {
	if p.busy != "" {
		return
	}
	p.busy, p.status, p.failure = busy, "", ""
	ctx.Async(func() {
		msg, err := work(context.Background())
		ctx.Dispatch(func(app.Context) {
			p.busy = ""
			if err != nil {
				p.failure = err.Error()
				return
			}
			p.status = msg
		})
	})
}

func (p *settingsPage) onLockOn(ctx app.Context, e app.Event) {
	e.PreventDefault()
	pass, confirm := p.pass, p.confirm
	switch {
	case device.PassphraseProblem(pass, "the lock") != "":
		p.failure = device.PassphraseProblem(pass, "the lock")
		return
	case pass != confirm:
		p.failure = "The two passphrases differ: type the same one twice."
		return
	}
	p.run(ctx, "Encrypting the data on this device…", func(c context.Context) (string, error) {
		g, err := device.Open(c)
		if err != nil {
			return "", err
		}
		err = g.Enable(c, pass)
		if err != nil && !errors.Is(err, device.ErrFilesKept) {
			return "", err
		}
		device.StartIdleLock(device.LoadSettings(c, g).IdleSeconds)
		ctx.Dispatch(func(app.Context) { p.lockOn, p.pass, p.confirm = true, "", "" })
		msg := "The lock is on: the data on this device is encrypted. Keep the passphrase safe: without it the data cannot be opened, by you or anyone."
		if err != nil {
			msg += " Note: " + err.Error() + "."
		}
		return msg, nil
	})
}

func (p *settingsPage) onLockOff(ctx app.Context, e app.Event) {
	e.PreventDefault()
	pass := p.pass
	p.run(ctx, "Decrypting the data on this device…", func(c context.Context) (string, error) {
		g, err := device.Open(c)
		if err != nil {
			return "", err
		}
		if err := g.Disable(c, pass); err != nil {
			return "", err
		}
		ctx.Dispatch(func(app.Context) { p.lockOn, p.pass = false, "" })
		return "The lock is off: the data on this device is no longer encrypted.", nil
	})
}

func (p *settingsPage) onLockNow(ctx app.Context, e app.Event) { browser.Reload() }

func (p *settingsPage) onSaveTimes(ctx app.Context, e app.Event) {
	e.PreventDefault()
	minutes, err1 := strconv.ParseFloat(p.idleMinutes, 64)
	n, err2 := strconv.Atoi(p.remindRatings)
	d, err3 := strconv.Atoi(p.remindDays)
	if err := errors.Join(err1, err2, err3); err != nil || minutes*60 < device.MinIdleSeconds || minutes*60 > device.MaxIdleSeconds || n < 0 || d < 0 {
		p.failure = "Give the idle time in minutes (at least 0.05, at most 1440) and the reminder counts as whole numbers (0 turns one off)."
		return
	}
	set := p.set
	set.IdleSeconds, set.ReminderRatings, set.ReminderDays = int(minutes*60+0.5), n, d
	p.run(ctx, "Saving…", func(c context.Context) (string, error) {
		g, err := device.Open(c)
		if err != nil {
			return "", err
		}
		if err := device.SaveSettings(c, g, set); err != nil {
			return "", err
		}
		device.SetIdleLimit(set.IdleSeconds)
		ctx.Dispatch(func(app.Context) { p.set = set })
		return "Saved.", nil
	})
}

func (p *settingsPage) onBackup(encrypted bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		pass := ""
		if encrypted {
			pass = p.backupPass
			if msg := device.PassphraseProblem(pass, "the encrypted backup"); msg != "" {
				p.failure = msg
				return
			}
		}
		p.run(ctx, "Preparing the backup…", func(c context.Context) (string, error) {
			return ui.DownloadBackup(c, pass, time.Now())
		})
	}
}

func (p *settingsPage) onDeleteAll(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.deleteText != deleteWord {
		p.failure = "Type DELETE in capital letters to confirm."
		return
	}
	p.run(ctx, "Deleting…", func(c context.Context) (string, error) {
		g, err := device.Open(c)
		if err != nil {
			return "", err
		}
		if err := g.DeleteAll(c); err != nil && !errors.Is(err, device.ErrFilesKept) {
			return "", err
		}
		browser.Reload()
		return "Every rating, draft, note and setting on this device was deleted.", nil
	})
}

// Render draws the page.
func (p *settingsPage) Render() app.UI {
	return ui.Shell("/settings", "Settings",
		app.Div().Class("settings-messages").Body(
			app.P().ID("settings-status").Role("status").Text(p.statusText()),
			app.P().ID("settings-error").Class("settings-error").Role("alert").Text(p.failure),
		),
		p.renderLock(),
		p.renderBackup(),
		p.renderStorage(),
		p.renderDelete(),
	)
}

func (p *settingsPage) statusText() string {
	if p.busy != "" {
		return p.busy
	}
	return p.status
}

// passField is a labelled password input.
func (p *settingsPage) passField(id, label, autocomplete string, dst *string) app.UI {
	input := app.Input().Type("password").ID(id).Attr("autocomplete", autocomplete).Value(*dst).OnInput(p.value(dst))
	if autocomplete != "new-password" {
		return app.Div().Class("settings-field").Body(app.Label().For(id).Text(label), input)
	}
	// A new passphrase says what it needs before it is refused.
	return app.Div().Class("settings-field").Body(
		app.Label().For(id).Text(label),
		input.Aria("describedby", id+"-hint"),
		app.Span().ID(id+"-hint").Class("muted").Text(passHint),
	)
}

// passHint is the hint beside every new passphrase.
var passHint = "At least " + strconv.Itoa(device.MinPassphrase) + " characters: three or four unrelated words are easiest to remember and hardest to guess."

// textField is a labelled input of type typ.
func (p *settingsPage) textField(id, label, typ string, dst *string) app.UI {
	return app.Div().Class("settings-field").Body(
		app.Label().For(id).Text(label),
		app.Input().Type(typ).ID(id).Value(*dst).OnInput(p.value(dst)),
	)
}

func (p *settingsPage) renderLock() app.UI {
	state := "The lock is off: anyone who can open this browser can read the ratings."
	if p.lockOn {
		state = "The lock is on: the ratings, drafts, notes and documents on this device are encrypted with your passphrase."
	}
	var form app.UI
	if p.lockOn {
		form = app.Form().Class("settings-form").OnSubmit(p.onLockOff).Body(
			p.passField("lock-off-pass", "Passphrase", "current-password", &p.pass),
			app.Button().Type("submit").ID("lock-off").Text("Turn the lock off"),
			app.Button().Type("button").ID("lock-now").OnClick(p.onLockNow).Text("Lock now"),
		)
	} else {
		form = app.Form().Class("settings-form").OnSubmit(p.onLockOn).Body(
			p.passField("lock-new-pass", "New passphrase", "new-password", &p.pass),
			p.passField("lock-confirm-pass", "Type it again", "new-password", &p.confirm),
			app.Button().Type("submit").ID("lock-on").Text("Turn the lock on"),
		)
	}
	return app.Section().Class("settings-section").Aria("labelledby", "lock-heading").Body(
		app.H2().ID("lock-heading").Text("Passphrase lock"),
		app.P().ID("lock-state").Text(state),
		form,
		app.Form().Class("settings-form").OnSubmit(p.onSaveTimes).Body(
			p.textField("idle-minutes", "Lock after this many minutes without use", "text", &p.idleMinutes),
			p.textField("remind-ratings", "Remind me to back up after this many new ratings", "text", &p.remindRatings),
			p.textField("remind-days", "…or after this many days", "text", &p.remindDays),
			app.Button().Type("submit").ID("save-times").Text("Save these settings"),
		),
		app.H3().Text("What the lock protects against"),
		app.Ul().Body(
			app.Li().Text("A lost, stolen or shared device, and anyone who copies or reads the browser's stored data: they see only encrypted records and opaque identifiers, no patient labels, scores or notes."),
			app.Li().Text("Someone who finds the app left open: it locks itself after the idle time and forgets the key."),
		),
		app.H3().Text("What it does not protect against"),
		app.Ul().Body(
			app.Li().Text("Code running in this page or a browser extension with access to it, and a device that is already compromised (for example by a key logger): they can see what you see and type."),
			app.Li().Text("Someone looking at the screen while the app is unlocked."),
			app.Li().Text("A forgotten passphrase: nobody can recover the data without it. Keep a backup."),
			app.Li().Text("Files you export: a plain export is not encrypted; use an encrypted backup."),
		),
	)
}

func (p *settingsPage) renderBackup() app.UI {
	last := "No backup has been made on this device yet."
	if p.set.LastBackup != "" {
		last = "Last backup: " + p.set.LastBackup + "."
	}
	return app.Section().Class("settings-section").ID("backup").Aria("labelledby", "backup-heading").Body(
		app.H2().ID("backup-heading").Text("Backups"),
		app.P().Text("Ratings live only on this device. A backup is a file with every rating and note, saved where you choose. "+last),
		app.Div().Class("settings-actions").Body(
			app.Button().Type("button").ID("backup-plain").OnClick(p.onBackup(false)).Text("Download backup"),
		),
		p.passField("backup-pass", "Passphrase for an encrypted backup", "new-password", &p.backupPass),
		app.Div().Class("settings-actions").Body(
			app.Button().Type("button").ID("backup-encrypted").OnClick(p.onBackup(true)).Text("Download encrypted backup"),
		),
		app.H3().Text("Restore a backup"),
		app.P().Body(
			app.Text("Restore a backup, plain or encrypted, with "),
			app.A().ID("restore-link").Href(ui.Href("/transfer")).Text("Import on the Export and import page"),
			app.Text(": it asks for an encrypted backup's passphrase, shows what the file holds and what it would change, and changes nothing until you press Import."),
		),
	)
}

func (p *settingsPage) renderStorage() app.UI {
	var lines []app.UI
	switch {
	case !p.loaded:
		lines = append(lines, app.P().Text("Checking the storage…"))
	case !p.storage.Supported:
		lines = append(lines, app.P().Text("This browser does not report on its storage."))
	default:
		persist := "Persistent storage: not granted. The browser may clear the ratings when the device runs short of space; keep backups."
		if p.storage.Persisted {
			persist = "Persistent storage: granted. The browser will not clear the ratings to make room."
		}
		lines = append(lines, app.P().ID("storage-persist").Text(persist))
		if p.storage.Quota > 0 {
			share := p.storage.Usage / p.storage.Quota
			lines = append(lines, app.P().ID("storage-estimate").Text(fmt.Sprintf("Using %s of about %s available to Honoscope (%.0f%%).", bytesText(p.storage.Usage), bytesText(p.storage.Quota), share*100)))
			if share >= device.NearlyFull {
				lines = append(lines, app.P().ID("storage-warning").Class("settings-warning").Role("alert").Text("Warning: the storage is nearly full. Download a backup now, then free space on the device; a rating that cannot be saved stays on screen as a draft."))
			}
		}
	}
	if p.storageErr != "" {
		lines = append(lines, app.P().Text("The browser did not answer: "+p.storageErr))
	}
	return app.Section().Class("settings-section").ID("storage").Aria("labelledby", "storage-heading").Body(
		append([]app.UI{app.H2().ID("storage-heading").Text("Storage")}, lines...)...,
	)
}

// bytesText words a byte count.
func bytesText(b float64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GB", b/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MB", b/(1<<20))
	}
	return fmt.Sprintf("%.0f KB", b/(1<<10))
}

func (p *settingsPage) renderDelete() app.UI {
	return app.Section().Class("settings-section").Aria("labelledby", "delete-heading").Body(
		app.H2().ID("delete-heading").Text("Delete all data on this device"),
		app.P().Text("This deletes every rating, draft, note and setting, and the lock, from this browser on this device. It cannot be undone: download a backup first."),
		app.Form().Class("settings-form").OnSubmit(p.onDeleteAll).Body(
			p.textField("delete-confirm", "Type DELETE to confirm", "text", &p.deleteText),
			app.Button().Type("submit").ID("delete-all").Class("settings-danger").Text("Delete all data"),
		),
	)
}
