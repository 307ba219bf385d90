package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"honoscope/app/browser"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/crypto"
	"honoscope/app/store"
)

// The passphrase lock. The device's store is wrapped once (guard, from
// database) in a lockGate: with the lock off it passes every call to the
// device; with the lock on it holds every call until the passphrase is
// typed, then passes it to the sealed store (store.NewSealed). The key lives
// only in this page's memory, as a non-extractable WebCrypto key; locking
// (idle time, "Lock now") reloads the page, which drops it together with
// everything the page showed.

// errNoDevice is returned when the store offers no whole-store operations.
var errNoDevice = errors.New("this store cannot be locked")

// lockGate is the Store the app uses (see the comment above).
type lockGate struct {
	raw store.Device

	mu         sync.Mutex
	configured bool             // a lock configuration exists
	cfg        store.LockConfig // valid when configured
	current    store.Store      // nil while locked or re-encrypting
	ready      chan struct{}    // closed once current is set
}

// gate is the page's lockGate, set by guard.
var gate atomic.Pointer[lockGate]

// guard wraps the device's store in the lock gate and reads the lock's
// state. It is called once, by database.
func guard(s store.Store, err error) (store.Store, error) {
	if err != nil {
		return nil, err
	}
	d, ok := store.AsDevice(s)
	if !ok {
		return nil, errNoDevice
	}
	cfg, configured, err := store.ReadLock(context.Background(), d)
	if err != nil {
		return nil, err
	}
	g := &lockGate{raw: d, configured: configured, cfg: cfg, ready: make(chan struct{})}
	if !configured {
		g.current = d
		close(g.ready)
	}
	gate.Store(g)
	return g, nil
}

// lockState says whether a lock is configured and whether the data is
// open (the lock is off, or it was unlocked).
func (g *lockGate) lockState() (configured, open bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.configured, g.current != nil
}

// wait returns the store to use, waiting until the data is open.
func (g *lockGate) wait(ctx context.Context) (store.Store, error) {
	for {
		g.mu.Lock()
		cur, ready := g.current, g.ready
		g.mu.Unlock()
		if cur != nil {
			return cur, nil
		}
		select {
		case <-ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// close holds every call until open is called (re-encryption in progress).
func (g *lockGate) hold() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.current != nil {
		g.current = nil
		g.ready = make(chan struct{})
	}
}

// open lets calls through to s.
func (g *lockGate) open(s store.Store) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.current = s
	select {
	case <-g.ready:
	default:
		close(g.ready)
	}
}

// deriveKey derives the key for passphrase with the device's salt.
func deriveKey(ctx context.Context, passphrase string, cfg store.LockConfig) (crypto.Box, error) {
	k, err := crypto.DeriveKey(ctx, passphrase, cfg.Salt, cfg.Iterations)
	if err != nil {
		return crypto.Box{}, err
	}
	return crypto.Box{Key: k}, nil
}

// unlock checks passphrase against the key check value; when it is right,
// it finishes any interrupted re-encryption and opens the data. A wrong
// passphrase returns store.ErrWrongPassphrase and touches nothing.
func (g *lockGate) unlock(ctx context.Context, passphrase string) error {
	g.mu.Lock()
	cfg, configured := g.cfg, g.configured
	g.mu.Unlock()
	if !configured {
		return nil
	}
	box, err := deriveKey(ctx, passphrase, cfg)
	if err != nil {
		return err
	}
	if err := cfg.CheckKey(ctx, box); err != nil {
		return err
	}
	if err := store.ResumeLock(ctx, g.raw, cfg, box); err != nil {
		return err
	}
	cfg, configured, err = store.ReadLock(ctx, g.raw)
	if err != nil {
		return err
	}
	g.mu.Lock()
	g.cfg, g.configured = cfg, configured
	g.mu.Unlock()
	if configured {
		g.open(store.NewSealed(g.raw, box))
	} else {
		g.open(g.raw)
	}
	return nil
}

// enable turns the lock on with a new passphrase: a fresh salt,
// crypto.Iterations rounds, then every record sealed while other calls wait.
func (g *lockGate) enable(ctx context.Context, passphrase string) error {
	if configured, open := g.lockState(); configured || !open {
		return errors.New("the lock is already on")
	}
	salt := crypto.NewSalt()
	k, err := crypto.DeriveKey(ctx, passphrase, salt, crypto.Iterations)
	if err != nil {
		return err
	}
	box := crypto.Box{Key: k}
	cfg, err := store.NewLockConfig(ctx, salt, crypto.Iterations, box)
	if err != nil {
		return err
	}
	g.hold()
	err = store.EnableLock(ctx, g.raw, cfg, box)
	if err != nil {
		// Whatever was sealed stays readable through the key; the rest is
		// still in the clear. The next unlock finishes the work.
		g.mu.Lock()
		g.cfg, g.configured = cfg, true
		g.mu.Unlock()
		g.open(store.NewSealed(g.raw, box))
		return err
	}
	cfg.State = store.LockOn
	g.mu.Lock()
	g.cfg, g.configured = cfg, true
	g.mu.Unlock()
	g.open(store.NewSealed(g.raw, box))
	return nil
}

// disable turns the lock off after checking passphrase.
func (g *lockGate) disable(ctx context.Context, passphrase string) error {
	g.mu.Lock()
	cfg, configured := g.cfg, g.configured
	g.mu.Unlock()
	if !configured {
		return nil
	}
	box, err := deriveKey(ctx, passphrase, cfg)
	if err != nil {
		return err
	}
	if err := cfg.CheckKey(ctx, box); err != nil {
		return err
	}
	g.hold()
	if err := store.DisableLock(ctx, g.raw, cfg, box); err != nil {
		g.open(store.NewSealed(g.raw, box))
		return err
	}
	g.mu.Lock()
	g.configured = false
	g.mu.Unlock()
	g.open(g.raw)
	return nil
}

// deleteAll removes every rating, draft, document and the lock from this
// device.
func (g *lockGate) deleteAll(ctx context.Context) error {
	return g.raw.Clear(ctx)
}

// The Store methods: wait until the data is open, then delegate; a full
// storage error is explained (storageError).

func (g *lockGate) PutRating(ctx context.Context, r store.Rating) error {
	s, err := g.wait(ctx)
	if err != nil {
		return err
	}
	return storageError(s.PutRating(ctx, r))
}

func (g *lockGate) Rating(ctx context.Context, id string) (store.Rating, error) {
	s, err := g.wait(ctx)
	if err != nil {
		return store.Rating{}, err
	}
	return s.Rating(ctx, id)
}

func (g *lockGate) DeleteRating(ctx context.Context, id string) error {
	s, err := g.wait(ctx)
	if err != nil {
		return err
	}
	return storageError(s.DeleteRating(ctx, id))
}

func (g *lockGate) Ratings(ctx context.Context) ([]store.Rating, error) {
	s, err := g.wait(ctx)
	if err != nil {
		return nil, err
	}
	return s.Ratings(ctx)
}

func (g *lockGate) RatingsOf(ctx context.Context, patient string) ([]store.Rating, error) {
	s, err := g.wait(ctx)
	if err != nil {
		return nil, err
	}
	return s.RatingsOf(ctx, patient)
}

func (g *lockGate) PutRatings(ctx context.Context, rs []store.Rating) error {
	s, err := g.wait(ctx)
	if err != nil {
		return err
	}
	return storageError(s.PutRatings(ctx, rs))
}

func (g *lockGate) RatingsOn(ctx context.Context, patient, date, instrument string) ([]store.Rating, error) {
	s, err := g.wait(ctx)
	if err != nil {
		return nil, err
	}
	return s.RatingsOn(ctx, patient, date, instrument)
}

func (g *lockGate) PutDraft(ctx context.Context, d store.Draft) error {
	s, err := g.wait(ctx)
	if err != nil {
		return err
	}
	return storageError(s.PutDraft(ctx, d))
}

func (g *lockGate) Draft(ctx context.Context, key string) (store.Draft, error) {
	s, err := g.wait(ctx)
	if err != nil {
		return store.Draft{}, err
	}
	return s.Draft(ctx, key)
}

func (g *lockGate) DeleteDraft(ctx context.Context, key string) error {
	s, err := g.wait(ctx)
	if err != nil {
		return err
	}
	return s.DeleteDraft(ctx, key)
}

func (g *lockGate) PutDoc(ctx context.Context, kind, key string, data []byte) error {
	s, err := g.wait(ctx)
	if err != nil {
		return err
	}
	return storageError(s.PutDoc(ctx, kind, key, data))
}

func (g *lockGate) Doc(ctx context.Context, kind, key string) ([]byte, error) {
	s, err := g.wait(ctx)
	if err != nil {
		return nil, err
	}
	return s.Doc(ctx, kind, key)
}

func (g *lockGate) Docs(ctx context.Context, kind string) ([]store.Document, error) {
	s, err := g.wait(ctx)
	if err != nil {
		return nil, err
	}
	return s.Docs(ctx, kind)
}

func (g *lockGate) DeleteDoc(ctx context.Context, kind, key string) error {
	s, err := g.wait(ctx)
	if err != nil {
		return err
	}
	return s.DeleteDoc(ctx, kind, key)
}

func (g *lockGate) Close() error { return g.raw.Close() }

// idle tracks the time of the last user activity and the idle limit.
var idle struct {
	last    atomic.Int64 // unix milliseconds
	seconds atomic.Int64 // lock after this long without activity
	once    sync.Once
}

// touch records user activity now.
func touch() { idle.last.Store(time.Now().UnixMilli()) }

// startIdleLock starts, once per page, the watch that locks the app after
// the idle limit (reloading the page drops the key and everything shown).
func startIdleLock(seconds int) {
	idle.seconds.Store(int64(seconds))
	touch()
	idle.once.Do(func() {
		browser.OnActivity(touch)
		go func() {
			for {
				time.Sleep(time.Second)
				if g := gate.Load(); g != nil {
					if configured, open := g.lockState(); !configured || !open {
						continue
					}
				}
				limit := time.Duration(idle.seconds.Load()) * time.Second
				if time.Since(time.UnixMilli(idle.last.Load())) >= limit {
					browser.Reload()
					return
				}
			}
		}()
	})
}

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
		if _, err := database(ctx); err != nil {
			return
		}
		g := gate.Load()
		if g == nil {
			return
		}
		configured, open := g.lockState()
		set := loadDeviceSettings(ctx, g.raw)
		if configured && open {
			startIdleLock(set.IdleSeconds)
		}
		ctx.Dispatch(func(ctx app.Context) {
			l.locked = configured && !open
			if l.locked {
				focusID(ctx, "lock-passphrase")
			}
		})
		if open {
			l.checkReminder(ctx, g, set)
		}
	})
}

// checkReminder works out whether a backup reminder is due.
func (l *lockScreen) checkReminder(ctx app.Context, g *lockGate, set deviceSettings) {
	rs, err := g.Ratings(ctx)
	if err != nil {
		return
	}
	msg := set.reminder(len(rs), time.Now())
	ctx.Dispatch(func(ctx app.Context) { l.reminder = msg })
}

func (l *lockScreen) onPass(ctx app.Context, e app.Event) {
	l.pass = ctx.JSSrc().Get("value").String()
}

func (l *lockScreen) onUnlock(ctx app.Context, e app.Event) {
	e.PreventDefault()
	g := gate.Load()
	if g == nil || l.busy {
		return
	}
	pass := l.pass
	l.busy, l.failure = true, ""
	ctx.Async(func() {
		err := g.unlock(context.Background(), pass)
		ctx.Dispatch(func(ctx app.Context) {
			l.busy = false
			if err != nil {
				l.failure = err.Error()
				focusID(ctx, "lock-passphrase")
				return
			}
			l.locked, l.pass = false, ""
		})
		if err == nil {
			set := loadDeviceSettings(ctx, g.raw)
			startIdleLock(set.IdleSeconds)
			l.checkReminder(ctx, g, set)
		}
	})
}

func (l *lockScreen) onLater(ctx app.Context, e app.Event) {
	l.reminder = ""
	ctx.Async(func() {
		if g := gate.Load(); g != nil {
			set := loadDeviceSettings(ctx, g.raw)
			set.Snoozed = time.Now().UTC().Format(time.RFC3339)
			_ = saveDeviceSettings(ctx, g.raw, set)
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
	case len([]rune(typed)) < minPassphrase:
		return "", true, fmt.Sprintf("The lock is on, so the backup is encrypted: type a passphrase of at least %d characters for it.", minPassphrase)
	}
	return typed, false, ""
}

func (l *lockScreen) onBackupPass(ctx app.Context, e app.Event) {
	l.backupPass = ctx.JSSrc().Get("value").String()
}

func (l *lockScreen) onBackup(ctx app.Context, e app.Event) {
	e.PreventDefault()
	g := gate.Load()
	if g == nil || l.busy {
		return
	}
	lockOn, _ := g.lockState()
	pass, ask, problem := reminderBackup(lockOn, l.askPass, l.backupPass)
	if ask {
		l.askPass, l.backupErr = true, problem
		focusID(ctx, "reminder-pass")
		return
	}
	l.busy, l.backupErr = true, ""
	ctx.Async(func() {
		msg, err := downloadBackup(ctx, pass, time.Now())
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

// focusID moves focus to the element with id once it is drawn.
func focusID(ctx app.Context, id string) {
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus")
		}
	})
}
