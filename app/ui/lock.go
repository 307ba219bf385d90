package ui

import (
	"context"
	"time"

	"honoscope/app/words"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/device"
)

// lockScreen covers every page while the data is locked and asks for the
// passphrase; with the data open it shows the backup reminder when one is
// due. The shell puts it on every page.
type lockScreen struct {
	app.Compo

	locked   bool
	busy     bool
	failure  string
	reminder string
	pass     string
	// askPass is set once the reminder's backup asked for a passphrase
	// (the lock is on, so the backup must be encrypted); backupPass is it.
	askPass    bool
	backupPass string
	backupErr  string
}

// OnMount reads the lock's state (and starts the idle watch when the data
// is open under a lock).
func (l *lockScreen) OnMount(ctx app.Context) {
	ctx.Async(func() {
		g, err := device.Open(ctx)
		if err != nil {
			return
		}
		configured, open := g.State()
		set := device.LoadSettings(ctx, g)
		if configured && open {
			device.StartIdleLock(set.IdleSeconds)
		}
		ctx.Dispatch(func(ctx app.Context) {
			l.locked = configured && !open
			if l.locked {
				Focus(ctx, "lock-passphrase")
			}
		})
		if open {
			l.checkReminder(ctx, set)
		}
	})
}

// checkReminder works out whether a backup reminder is due.
func (l *lockScreen) checkReminder(ctx app.Context, set device.Settings) {
	s, err := device.Store(ctx)
	if err != nil {
		return
	}
	rs, err := s.Ratings(ctx)
	if err != nil {
		return
	}
	msg := set.Reminder(len(rs), time.Now())
	ctx.Dispatch(func(ctx app.Context) { l.reminder = msg })
}

func (l *lockScreen) onPass(ctx app.Context, e app.Event) {
	l.pass = ctx.JSSrc().Get("value").String()
}

func (l *lockScreen) onUnlock(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if l.busy {
		return
	}
	pass := l.pass
	l.busy, l.failure = true, ""
	ctx.Async(func() {
		g, err := device.Open(ctx)
		if err == nil {
			err = g.Unlock(context.Background(), pass)
		}
		ctx.Dispatch(func(ctx app.Context) {
			l.busy = false
			if err != nil {
				l.failure = err.Error()
				Focus(ctx, "lock-passphrase")
				return
			}
			l.locked, l.pass = false, ""
		})
		if err == nil {
			set := device.LoadSettings(ctx, g)
			device.StartIdleLock(set.IdleSeconds)
			l.checkReminder(ctx, set)
		}
	})
}

func (l *lockScreen) onLater(ctx app.Context, e app.Event) {
	l.reminder = ""
	ctx.Async(func() {
		if g, err := device.Open(ctx); err == nil {
			set := device.LoadSettings(ctx, g)
			set.Snoozed = time.Now().UTC().Format(time.RFC3339)
			_ = device.SaveSettings(ctx, g, set)
		}
	})
}

// reminderBackup decides what the reminder's backup button does: with the
// lock off it downloads a plain backup at once (pass ""); with the lock on
// the backup must be encrypted, so it first asks for a passphrase (ask) and
// then refuses one shorter than minPassphrase (problem), as Settings →
// "Download encrypted backup" does. A locked device never gets a plain copy.
func reminderBackup(lockOn, asked bool, typed string) (pass string, ask bool, problem string) {
	switch {
	case !lockOn:
		return "", false, ""
	case !asked:
		return "", true, ""
	case device.PassphraseProblem(typed, "the backup") != "":
		return "", true, "The lock is on, so the backup is encrypted. " + device.PassphraseProblem(typed, "the backup")
	}
	return typed, false, ""
}

func (l *lockScreen) onBackupPass(ctx app.Context, e app.Event) {
	l.backupPass = ctx.JSSrc().Get("value").String()
}

func (l *lockScreen) onBackup(ctx app.Context, e app.Event) {
	e.PreventDefault()
	g, err := device.Open(ctx)
	if err != nil || l.busy {
		return
	}
	lockOn, _ := g.State()
	pass, ask, problem := reminderBackup(lockOn, l.askPass, l.backupPass)
	if ask {
		l.askPass, l.backupErr = true, problem
		Focus(ctx, "reminder-pass")
		return
	}
	l.busy, l.backupErr = true, ""
	ctx.Async(func() {
		msg, err := DownloadBackup(ctx, pass, time.Now())
		ctx.Dispatch(func(ctx app.Context) {
			l.busy = false
			if err != nil {
				l.backupErr = "The backup failed: " + err.Error()
				return
			}
			l.reminder, l.askPass, l.backupPass = "", false, ""
			app.Log(msg)
		})
	})
}

// Render draws the lock screen, the reminder, or nothing.
func (l *lockScreen) Render() app.UI {
	if l.locked {
		return app.Div().Class("lock-screen").Role("dialog").Aria("modal", "true").Aria("labelledby", "lock-title").Body(
			app.Form().Class("lock-form").OnSubmit(l.onUnlock).Body(
				app.H2().ID("lock-title").Text("Honoscope is locked"),
				app.P().Text("The ratings on this device are encrypted. Type the passphrase to open them."),
				app.Label().For("lock-passphrase").Text("Passphrase"),
				app.Input().Type("password").ID("lock-passphrase").Attr("autocomplete", "current-password").
					Aria("describedby", "lock-error").OnInput(l.onPass),
				app.Button().Type("submit").ID("lock-unlock").Disabled(l.busy).Text("Unlock"),
				app.P().ID("lock-error").Class("lock-error").Role("alert").Text(l.failure),
				app.If(l.busy, func() app.UI { return app.P().Role("status").Text("Checking the passphrase…") }),
			),
		)
	}
	if l.reminder != "" {
		label := "Download a backup"
		if l.askPass {
			label = "Download encrypted backup"
		}
		return app.Div().Class("backup-reminder").Body(app.P().Role("status").Text(l.reminder), app.Form().Class("reminder-form").OnSubmit(l.onBackup).Body(
			app.If(l.askPass, func() app.UI {
				return app.Div().Class("reminder-pass").Body(
					app.P().Text("The lock is on, so the backup is encrypted. Choose a passphrase for it (it may differ from the lock's); without it the backup cannot be opened."),
					app.Label().For("reminder-pass").Text("Passphrase for the encrypted backup"),
					app.Input().Type("password").ID("reminder-pass").Attr("autocomplete", "new-password").
						Aria("describedby", "reminder-error").OnInput(l.onBackupPass),
				)
			}),
			app.P().ID("reminder-error").Class("lock-error").Role("alert").Text(l.backupErr),
			app.Button().Type("submit").ID("reminder-backup").Disabled(l.busy).Text(label),
			app.Button().Type("button").ID("reminder-later").OnClick(l.onLater).Text("Remind me later"),
		))
	}
	return app.Div().Class("lock-none")
}

// DownloadBackup downloads a backup of the whole device (device.Backup),
// encrypted with passphrase when it is not empty, and says what it did.
func DownloadBackup(ctx context.Context, passphrase string, now time.Time) (string, error) {
	name, n, err := device.Backup(ctx, passphrase, now)
	if err != nil {
		return "", err
	}
	return "Saved " + words.Count(n, "rating", "ratings") + " to " + name + " (in your downloads).", nil
}
