package device

import (
	"context"
	"errors"
	"testing"

	"honoscope/app/store"
)

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
