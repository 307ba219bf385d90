package device

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"honoscope/app/browser"
	"honoscope/app/crypto"
	"honoscope/app/store"
)

// MinPassphrase is the shortest new passphrase the lock and an encrypted
// backup accept, in characters: twelve, so that a phrase of three or four
// words is the natural choice (NCSC, "Three random words"). Unlocking takes
// whatever passphrase the lock was set with, however long.
const MinPassphrase = 12

// PassphraseProblem says, in the words a form shows, what makes p too weak
// for a new lock or encrypted backup, or "" when it will do: shorter than
// MinPassphrase, too few different characters ("aaaaaaaaaaaa"), or a run
// such as "123456789012" or "abcdefghijkl" that is guessed first. what
// names its use ("the lock", "the encrypted backup").
func PassphraseProblem(p, what string) string {
	r := []rune(p)
	if len(r) < MinPassphrase {
		return fmt.Sprintf("Choose a passphrase of at least %d characters for %s: three or four unrelated words are easiest to remember and hardest to guess.", MinPassphrase, what)
	}
	distinct := map[rune]bool{}
	run := 1
	for i, c := range r {
		distinct[c] = true
		// A step of one up or down, digits wrapping round (…8901…).
		if i > 0 && (c == r[i-1]+1 || c == r[i-1]-1 || (r[i-1] == '9' && c == '0') || (r[i-1] == '0' && c == '9')) {
			run++
		}
	}
	switch {
	case len(distinct) < 6:
		return "This passphrase repeats too few different characters to be hard to guess: use three or four unrelated words for " + what + "."
	case run == len(r):
		return "A run of characters such as 123456… or abcdef… is guessed first: use three or four unrelated words for " + what + "."
	}
	return ""
}

// Gate is the passphrase lock in front of the device's store. With the
// lock off, Wait returns the device's store; with the lock on, Wait holds
// every caller until the passphrase is typed, then returns the sealed store
// (store.NewSealed). The key lives only in this page's memory, as a
// non-extractable WebCrypto key; locking (idle time, "Lock now") reloads the
// page, which drops it together with everything the page showed.
type Gate struct {
	raw store.Device

	mu         sync.Mutex
	configured bool             // a lock configuration exists
	cfg        store.LockConfig // valid when configured
	current    store.Store      // nil while locked or re-encrypting
	ready      chan struct{}    // closed once current is set
}

// NewGate puts d behind the lock, reading the lock's state from d.
func NewGate(ctx context.Context, d store.Device) (*Gate, error) {
	cfg, configured, err := store.ReadLock(ctx, d)
	if err != nil {
		return nil, err
	}
	g := &Gate{raw: d, configured: configured, cfg: cfg, ready: make(chan struct{})}
	if !configured {
		g.current = d
		close(g.ready)
	}
	return g, nil
}

// State says whether a lock is configured and whether the data is open
// (the lock is off, or it was unlocked).
func (g *Gate) State() (configured, open bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.configured, g.current != nil
}

// Wait returns the store to use, waiting until the data is open or ctx
// ends. A write that fails because the device's storage is full says so in
// words (StorageError). It first follows a change another tab made to the
// lock (follow): a page must never seal records under a key whose lock is
// gone, nor write in the clear once the lock is on.
func (g *Gate) Wait(ctx context.Context) (store.Store, error) {
	for {
		g.mu.Lock()
		cur, ready := g.current, g.ready
		g.mu.Unlock()
		if cur != nil {
			if err := g.follow(ctx); err != nil {
				return nil, err
			}
			g.mu.Lock()
			cur = g.current
			g.mu.Unlock()
			if cur != nil {
				return explained{cur}, nil
			}
			continue
		}
		select {
		case <-ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// ErrLockChanged is returned when another tab or window turned the lock on
// or changed it while this page had the data open in the clear or under the
// old key: nothing more is written from this page until it is reloaded and
// unlocked.
var ErrLockChanged = errors.New("the lock was turned on or changed in another tab or window, so this page saves nothing more: note down anything not yet saved, then reload the page and type the passphrase")

// follow reads the lock's configuration from the device and, when another
// tab changed it, follows: with the lock now off it opens the data in the
// clear (the other tab decrypted every record), and with the lock now on
// or under a new key it closes the data and returns ErrLockChanged.
func (g *Gate) follow(ctx context.Context) error {
	cfg, configured, err := store.ReadLock(ctx, g.raw)
	if err != nil {
		return err
	}
	g.mu.Lock()
	same := configured == g.configured && (!configured || sameLock(cfg, g.cfg))
	g.mu.Unlock()
	if same {
		return nil
	}
	g.mu.Lock()
	g.cfg, g.configured = cfg, configured
	g.mu.Unlock()
	if !configured {
		g.open(g.raw)
		return nil
	}
	g.hold()
	return ErrLockChanged
}

// sameLock reports whether a and b are the same lock in the same state.
func sameLock(a, b store.LockConfig) bool {
	return a.Version == b.Version && a.State == b.State && a.Iterations == b.Iterations &&
		bytes.Equal(a.Salt, b.Salt) && bytes.Equal(a.Check, b.Check)
}

// hold makes Wait hold every caller until open is called (re-encryption in
// progress).
func (g *Gate) hold() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.current != nil {
		g.current = nil
		g.ready = make(chan struct{})
	}
}

// open lets callers through to s.
func (g *Gate) open(s store.Store) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.current = s
	select {
	case <-g.ready:
	default:
		close(g.ready)
	}
}

// checkPassphrase derives the key for passphrase with the device's salt and
// checks it against the key check value. With no lock configured (any
// more) it opens the data in the clear, reports configured false and
// derives nothing.
func (g *Gate) checkPassphrase(ctx context.Context, passphrase string) (cfg store.LockConfig, box crypto.Box, configured bool, err error) {
	// The device's configuration, not the one this page read when it
	// started: another tab may have turned the lock off or on since.
	cfg, configured, err = store.ReadLock(ctx, g.raw)
	if err != nil {
		return cfg, box, false, err
	}
	g.mu.Lock()
	g.cfg, g.configured = cfg, configured
	g.mu.Unlock()
	if !configured {
		g.open(g.raw)
		return cfg, box, false, nil
	}
	k, err := crypto.DeriveKey(ctx, passphrase, cfg.Salt, cfg.Iterations)
	if err != nil {
		return cfg, box, true, err
	}
	box = crypto.Box{Key: k}
	return cfg, box, true, cfg.CheckKey(ctx, box)
}

// lockState is the Web Lock one tab or window holds while it changes the
// lock's state (turning it on or off, finishing an interrupted change,
// deleting everything) or opens the store, so that two never do at once.
const lockState = store.StateLock

// ErrFilesKept is the cause of the note Enable and DeleteAll return when
// they did their work but the browser could not move the records to fresh
// files (store.Rebuild): copies of what was there before may stay in the
// browser's files until it tidies them.
var ErrFilesKept = errors.New("the browser's files could not be rewritten")

// rebuild moves the records behind g to fresh storage, so that no copy of
// a record from before stays in the browser's files, and keeps the new
// place. A browser that cannot is not an error (the privacy document says
// what remains); a failure leaves the records where they were, complete.
func (g *Gate) rebuild(ctx context.Context) error {
	nd, err := store.Rebuild(ctx, g.raw)
	switch {
	case err == nil:
		g.raw = nd
		return nil
	case errors.Is(err, store.ErrNoRebuild):
		return nil
	}
	return fmt.Errorf("%w (%v): copies of the records from before may stay in them until the browser tidies them; full-disk encryption keeps them from being read meanwhile", ErrFilesKept, err)
}

// Announcements to the other tabs and windows of the site.
const (
	// AnnounceLock: the lock was turned on or off.
	AnnounceLock = "lock-changed"
	// AnnounceDeleted: every record was deleted.
	AnnounceDeleted = "deleted"
)

// FollowOtherTabs makes this page reload when another tab or window turns
// the lock on or off or deletes everything: the reload shows the lock
// screen, or the data as it now is, and drops what this page showed. A
// pending write gets up to 2 s to finish first.
func FollowOtherTabs() {
	browser.OnAnnounce(func(msg string) {
		if msg == AnnounceLock || msg == AnnounceDeleted {
			WaitForWrites(2 * time.Second)
			browser.Reload()
		}
	})
}

// Unlock checks passphrase against the key check value; when it is right,
// it finishes any interrupted re-encryption and opens the data. A wrong
// passphrase returns store.ErrWrongPassphrase and touches nothing.
func (g *Gate) Unlock(ctx context.Context, passphrase string) error {
	return browser.Exclusive(ctx, lockState, func() error { return g.unlock(ctx, passphrase) })
}

func (g *Gate) unlock(ctx context.Context, passphrase string) error {
	cfg, box, configured, err := g.checkPassphrase(ctx, passphrase)
	if err != nil || !configured {
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

// Enable turns the lock on with a new passphrase: a fresh salt,
// crypto.Iterations rounds, then every record sealed while other calls
// wait; then the other tabs and windows are told.
func (g *Gate) Enable(ctx context.Context, passphrase string) error {
	err := browser.Exclusive(ctx, lockState, func() error { return g.enable(ctx, passphrase) })
	if err == nil || errors.Is(err, ErrFilesKept) {
		browser.Announce(AnnounceLock)
	}
	return err
}

func (g *Gate) enable(ctx context.Context, passphrase string) error {
	if err := g.follow(ctx); err != nil {
		return err
	}
	if configured, open := g.State(); configured || !open {
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
	// Every record is sealed; the browser's files may still hold them as
	// they were: move the sealed records to fresh storage.
	rebuilt := g.rebuild(ctx)
	// The stored settings now say "on", with a check value sealed for that
	// state: keep what is stored, so that this tab does not take its own
	// change for another tab's.
	if cfg, _, err = store.ReadLock(ctx, g.raw); err != nil {
		return err
	}
	g.mu.Lock()
	g.cfg, g.configured = cfg, true
	g.mu.Unlock()
	g.open(store.NewSealed(g.raw, box))
	return rebuilt
}

// Disable turns the lock off after checking passphrase, and tells the
// other tabs and windows.
func (g *Gate) Disable(ctx context.Context, passphrase string) error {
	err := browser.Exclusive(ctx, lockState, func() error { return g.disable(ctx, passphrase) })
	if err == nil {
		browser.Announce(AnnounceLock)
	}
	return err
}

func (g *Gate) disable(ctx context.Context, passphrase string) error {
	cfg, box, configured, err := g.checkPassphrase(ctx, passphrase)
	if err != nil || !configured {
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

// DeleteAll removes every rating, draft, document and the lock from this
// device, and tells the other tabs and windows.
func (g *Gate) DeleteAll(ctx context.Context) error {
	err := browser.Exclusive(ctx, lockState, func() error {
		if err := g.raw.Clear(ctx); err != nil {
			return err
		}
		return g.rebuild(ctx)
	})
	if err == nil || errors.Is(err, ErrFilesKept) {
		browser.Announce(AnnounceDeleted)
	}
	return err
}

// explained passes every call to the store, and explains a write that
// failed because the device's storage is full (StorageError).
type explained struct{ store.Store }

func (e explained) PutRating(ctx context.Context, r store.Rating) error {
	return StorageError(e.Store.PutRating(ctx, r))
}

func (e explained) PutRatings(ctx context.Context, rs []store.Rating) error {
	return StorageError(e.Store.PutRatings(ctx, rs))
}

func (e explained) DeleteRating(ctx context.Context, id string) error {
	return StorageError(e.Store.DeleteRating(ctx, id))
}

func (e explained) PutBatch(ctx context.Context, rs []store.Rating, ds []store.Document) error {
	return StorageError(e.Store.PutBatch(ctx, rs, ds))
}

func (e explained) PutDraft(ctx context.Context, d store.Draft) error {
	return StorageError(e.Store.PutDraft(ctx, d))
}

func (e explained) PutDoc(ctx context.Context, kind, key string, data []byte) error {
	return StorageError(e.Store.PutDoc(ctx, kind, key, data))
}

// ErrStorageFull is the cause of a storage error whose quota is used up.
var ErrStorageFull = errors.New("this device's storage for Honoscope is full")

// isQuotaError reports whether err is the browser's QuotaExceededError
// (a DOMException, which go-indexeddb reports by name).
func isQuotaError(err error) bool {
	return err != nil && strings.Contains(err.Error(), "QuotaExceededError")
}

// StorageError explains a full storage: what was kept and what to do.
// Other errors pass unchanged.
func StorageError(err error) error {
	if !isQuotaError(err) || errors.Is(err, ErrStorageFull) {
		return err
	}
	return fmt.Errorf("%w, so this was not saved; everything saved before is safe. Download a backup, then free space on the device or delete old data (Settings → Storage) (%v)", ErrStorageFull, err)
}
