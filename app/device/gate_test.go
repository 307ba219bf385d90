package device

import (
	"context"
	"errors"
	"strings"
	"testing"

	"honoscope/app/store"
)

// quotaError has the shape of the browser's QuotaExceededError as
// go-indexeddb reports it (a DOMException's name, then its message).
type quotaError struct{}

func (quotaError) Error() string {
	return "QuotaExceededError: The quota has been exceeded."
}

// fullDevice is a device whose storage is full for ratings.
type fullDevice struct{ store.Device }

func (fullDevice) PutRating(context.Context, store.Rating) error { return quotaError{} }

func TestAQuotaErrorKeepsTheDraftAndSaysWhatToDo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g, err := NewGate(ctx, fullDevice{store.NewMemory().(store.Device)})
	if err != nil {
		t.Fatal(err)
	}
	s := wait(t, g)
	r := rating("Q1", "2024-05-01")
	if err := s.PutDraft(ctx, store.Draft{Key: "new", Rating: r}); err != nil {
		t.Fatal(err)
	}
	err = s.PutRating(ctx, r)
	if !errors.Is(err, ErrStorageFull) {
		t.Fatalf("PutRating on a full device: %v, want ErrStorageFull", err)
	}
	for _, want := range []string{"full", "not saved", "everything saved before is safe", "Download a backup"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	if d, err := s.Draft(ctx, "new"); err != nil || d.Rating.Patient != "Q1" {
		t.Fatalf("draft after the quota error: %+v, %v", d, err)
	}
	if StorageError(nil) != nil || StorageError(errors.New("other")).Error() != "other" {
		t.Fatal("StorageError changes other errors")
	}
}

func TestTheGateHoldsCallsUntilUnlockedAndRefusesAWrongPassphrase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dev, g := newDevice(t)
	r := rating("LOCKED-1", "2024-05-01")
	if err := wait(t, g).PutRating(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := g.Enable(ctx, "correct passphrase"); err != nil {
		t.Fatal(err)
	}
	// A new page: the gate starts locked.
	g2, err := NewGate(ctx, dev)
	if err != nil {
		t.Fatal(err)
	}
	if configured, open := g2.State(); !configured || open {
		t.Fatalf("state after a restart: configured %v, open %v", configured, open)
	}
	short, cancel := context.WithTimeout(ctx, 50_000_000) // 50 ms
	defer cancel()
	if _, err := g2.Wait(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a call while locked: %v, want it held", err)
	}
	if err := g2.Unlock(ctx, "Correct passphrase"); !errors.Is(err, store.ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if err := g2.Unlock(ctx, "correct passphrase"); err != nil {
		t.Fatal(err)
	}
	rs, err := wait(t, g2).Ratings(ctx)
	if err != nil || len(rs) != 1 || rs[0].Patient != "LOCKED-1" {
		t.Fatalf("after unlocking: %v, %v", rs, err)
	}
	if err := g2.Disable(ctx, "correct passphrase"); err != nil {
		t.Fatal(err)
	}
	if plain, _ := dev.Ratings(ctx); len(plain) != 1 {
		t.Fatalf("after turning the lock off the device holds %d plaintext ratings", len(plain))
	}
}

func TestUnlockingSealsRecordsAnOlderTabWroteInTheClear(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dev, g := newDevice(t)
	kept := rating("SEALED-1", "2024-05-01")
	if err := wait(t, g).PutRating(ctx, kept); err != nil {
		t.Fatal(err)
	}
	if err := g.Enable(ctx, "correct passphrase"); err != nil {
		t.Fatal(err)
	}
	// A tab opened before the lock was turned on writes straight into the
	// device's plaintext stores: a new rating under an imported ID, a new
	// version of the sealed rating, a draft and a document.
	stale := store.Rating{ID: "imported STALE-2", Patient: "STALE-2", Date: "2024-05-02", Instrument: "honos", Items: make([]int, 12), Period: store.PeriodTwoWeeks}
	changed := kept
	changed.Note = "STALE-NOTE"
	if err := dev.PutRatings(ctx, []store.Rating{stale, changed}); err != nil {
		t.Fatal(err)
	}
	if err := dev.PutDraft(ctx, store.Draft{Key: "new", Rating: store.Rating{Patient: "STALE-DRAFT"}}); err != nil {
		t.Fatal(err)
	}
	if err := dev.PutDoc(ctx, "event-notes", "STALE-DOC-KEY", []byte(`{"text":"STALE-DOC"}`)); err != nil {
		t.Fatal(err)
	}

	// The next page (this tab reloaded, or any other) unlocks.
	g2, err := NewGate(ctx, dev)
	if err != nil {
		t.Fatal(err)
	}
	if err := g2.Unlock(ctx, "correct passphrase"); err != nil {
		t.Fatal(err)
	}
	if rs, _ := dev.Ratings(ctx); len(rs) != 0 {
		t.Fatalf("%d plaintext ratings left after unlocking", len(rs))
	}
	if ds, _ := dev.AllDrafts(ctx); len(ds) != 0 {
		t.Fatalf("%d plaintext drafts left after unlocking", len(ds))
	}
	all, err := dev.AllDocs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range all {
		for _, secret := range []string{"STALE", "SEALED"} {
			if strings.Contains(d.Kind+d.Key+string(d.Data), secret) {
				t.Fatalf("%q is still in the clear in %s %s: %s", secret, d.Kind, d.Key, d.Data)
			}
		}
	}
	rs, err := wait(t, g2).Ratings(ctx)
	if err != nil || len(rs) != 2 {
		t.Fatalf("through the lock: %+v, %v", rs, err)
	}
	byPatient := map[string]store.Rating{}
	for _, r := range rs {
		byPatient[r.Patient] = r
	}
	if byPatient["SEALED-1"].Note != "STALE-NOTE" || byPatient["STALE-2"].ID != "imported STALE-2" {
		t.Fatalf("the swept ratings read back as %+v", rs)
	}
	if d, err := wait(t, g2).Draft(ctx, "new"); err != nil || d.Rating.Patient != "STALE-DRAFT" {
		t.Fatalf("the swept draft: %+v, %v", d, err)
	}
	if data, err := wait(t, g2).Doc(ctx, "event-notes", "STALE-DOC-KEY"); err != nil || string(data) != `{"text":"STALE-DOC"}` {
		t.Fatalf("the swept document: %s, %v", data, err)
	}
	// A second unlock finds nothing to sweep and changes nothing.
	before, _ := dev.AllDocs(ctx)
	g3, _ := NewGate(ctx, dev)
	if err := g3.Unlock(ctx, "correct passphrase"); err != nil {
		t.Fatal(err)
	}
	if after, _ := dev.AllDocs(ctx); len(after) != len(before) {
		t.Fatalf("a second unlock changed the store: %d documents, then %d", len(before), len(after))
	}
}

// wait returns g's store, failing the test when it is not open.
func wait(t *testing.T, g *Gate) store.Store {
	t.Helper()
	s, err := g.Wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// newDevice returns a memory device and the gate in front of it.
func newDevice(t *testing.T) (store.Device, *Gate) {
	t.Helper()
	dev := store.NewMemory().(store.Device)
	g, err := NewGate(context.Background(), dev)
	if err != nil {
		t.Fatal(err)
	}
	return dev, g
}

// rating is a HoNOS rating of patient on date with every item rated 0.
func rating(patient, date string) store.Rating {
	return store.Rating{ID: store.NewID(), Patient: patient, Date: date, Instrument: "honos", Items: make([]int, 12), Period: store.PeriodTwoWeeks}
}

// Two tabs share one device: each has its own gate on the same store. A tab
// waiting on the lock screen when another turns the lock off must not seal
// the records again under the old key, whose salt is gone: nothing could
// open them afterwards.
func TestATabUnlockedAfterAnotherTurnedTheLockOffDoesNotSealAgain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dev, a := newDevice(t)
	if err := wait(t, a).PutRating(ctx, rating("TWO-TABS-1", "2024-05-01")); err != nil {
		t.Fatal(err)
	}
	if err := a.Enable(ctx, "correct passphrase"); err != nil {
		t.Fatal(err)
	}
	b, err := NewGate(ctx, dev) // tab B opens on the lock screen
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Disable(ctx, "correct passphrase"); err != nil {
		t.Fatal(err)
	}
	if err := b.Unlock(ctx, "correct passphrase"); err != nil {
		t.Fatalf("unlocking tab B after the lock was turned off: %v", err)
	}
	if configured, open := b.State(); configured || !open {
		t.Fatalf("tab B: configured %v, open %v; want the data open without a lock", configured, open)
	}
	if rs, _ := dev.Ratings(ctx); len(rs) != 1 {
		t.Fatalf("the device holds %d ratings in the clear after tab B unlocked, want 1 (sealed again under a lost key?)", len(rs))
	}
	if _, configured, _ := store.ReadLock(ctx, dev); configured {
		t.Fatal("tab B put a lock back")
	}
}

// An open tab must stop sealing once another tab turned the lock off: its
// new records would be stranded under a key nobody can derive any more.
func TestAnOpenTabStopsSealingWhenTheLockIsTurnedOffElsewhere(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dev, a := newDevice(t)
	if err := a.Enable(ctx, "correct passphrase"); err != nil {
		t.Fatal(err)
	}
	b, err := NewGate(ctx, dev)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Unlock(ctx, "correct passphrase"); err != nil {
		t.Fatal(err)
	}
	if err := a.Disable(ctx, "correct passphrase"); err != nil {
		t.Fatal(err)
	}
	if err := wait(t, b).PutRating(ctx, rating("AFTER-OFF", "2024-05-02")); err != nil {
		t.Fatal(err)
	}
	rs, err := dev.Ratings(ctx)
	if err != nil || len(rs) != 1 || rs[0].Patient != "AFTER-OFF" {
		t.Fatalf("the rating tab B saved after the lock went off is not in the clear: %+v, %v", rs, err)
	}
	all, _ := dev.AllDocs(ctx)
	for _, d := range all {
		if d.Kind != store.DeviceKind {
			t.Fatalf("a %s document was written after the lock went off: %s", d.Kind, d.Key)
		}
	}
}

// An open tab must not go on writing in the clear once another tab turned
// the lock on: it says so and writes nothing until it is reloaded and
// unlocked.
func TestAnOpenTabWritesNothingInTheClearOnceTheLockIsTurnedOnElsewhere(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dev, a := newDevice(t)
	b, err := NewGate(ctx, dev)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Enable(ctx, "correct passphrase"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Wait(ctx); !errors.Is(err, ErrLockChanged) {
		t.Fatalf("tab B's store after the lock was turned on elsewhere: %v, want ErrLockChanged", err)
	}
	if configured, open := b.State(); !configured || open {
		t.Fatalf("tab B: configured %v, open %v; want it locked", configured, open)
	}
	if err := b.Enable(ctx, "another passphrase"); err == nil {
		t.Fatal("tab B turned the lock on again over the other tab's")
	}
	if err := b.Unlock(ctx, "correct passphrase"); err != nil {
		t.Fatal(err)
	}
	if err := wait(t, b).PutRating(ctx, rating("SEALED-B", "2024-05-03")); err != nil {
		t.Fatal(err)
	}
	if rs, _ := dev.Ratings(ctx); len(rs) != 0 {
		t.Fatalf("tab B wrote %d ratings in the clear under the lock", len(rs))
	}
}

// A new passphrase is at least 12 characters, not a run and not a few
// characters repeated; its length counts characters, not bytes.
func TestANewPassphraseMustBeHardToGuess(t *testing.T) {
	for p, ok := range map[string]bool{
		"":                      false,
		"river stone":           false, // 11
		"river stones":          true,
		"aaaaaaaaaaaaaaaa":      false,
		"abababababab":          false,
		"123456789012":          false,
		"abcdefghijkl":          false,
		"lkjihgfedcba":          false,
		"kalt über dem fluß":    true,
		"ääääääääääää":          false,
		"correct horse battery": true,
		"Tr0ub4dor&3xyz":        true,
	} {
		if got := PassphraseProblem(p, "the lock") == ""; got != ok {
			t.Errorf("%q: accepted %v, want %v (%s)", p, got, ok, PassphraseProblem(p, "the lock"))
		}
	}
}

// movable is a memory device that can be moved to fresh storage, as the
// browser's store moves to a new storage bucket; moved counts the moves.
type movable struct {
	store.Device
	moved *int
}

func (m movable) Rebuild(ctx context.Context) (store.Device, error) {
	to := store.NewMemory().(store.Device)
	if err := store.CopyAll(ctx, m.Device, to); err != nil {
		return nil, err
	}
	if err := m.Device.Close(); err != nil {
		return nil, err
	}
	*m.moved++
	return movable{to, m.moved}, nil
}

// Turning the lock on moves the sealed records to fresh storage and drops
// the old, which held them in the clear; deleting everything does too. The
// gate then works on the new storage.
func TestTheLockAndDeleteAllMoveTheRecordsToFreshStorage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	moved := 0
	old := store.NewMemory().(store.Device)
	g, err := NewGate(ctx, movable{old, &moved})
	if err != nil {
		t.Fatal(err)
	}
	if err := wait(t, g).PutRating(ctx, rating("MOVE-1", "2024-01-01")); err != nil {
		t.Fatal(err)
	}
	if err := g.Enable(ctx, "a long passphrase"); err != nil {
		t.Fatal(err)
	}
	if moved != 1 {
		t.Fatalf("moved %d times, want once", moved)
	}
	if _, err := old.Ratings(ctx); err == nil {
		t.Fatal("the old storage, which held the rating in the clear, is still open")
	}
	rs, err := wait(t, g).Ratings(ctx)
	if err != nil || len(rs) != 1 || rs[0].Patient != "MOVE-1" {
		t.Fatalf("after the move: %+v, %v", rs, err)
	}
	docs, err := g.raw.AllDocs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if strings.Contains(string(d.Data), "MOVE-1") {
			t.Fatalf("the new storage holds the label in the clear: %s", d.Data)
		}
	}
	if err := g.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	if moved != 2 {
		t.Fatalf("moved %d times after deleting all, want twice", moved)
	}
	if docs, _ := g.raw.AllDocs(ctx); len(docs) != 0 {
		t.Fatalf("documents after deleting all: %+v", docs)
	}
}
