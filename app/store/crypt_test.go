package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"honoscope/app/crypto"
)

// Rating IDs of the form NewID makes.
const (
	idR1 = "0123456789abcdef0123456789abcdef"
	idR2 = "fedcba9876543210fedcba9876543210"
)

// testIterations keeps key derivation quick in tests; the app uses
// crypto.Iterations.
const testIterations = 1000

// deviceMakers are the Device implementations under test: the memory twin
// here, and IndexedDB in the browser build (crypt_idb_test.go).
var deviceMakers = map[string]func(t *testing.T) Device{
	"memory": func(*testing.T) Device { return NewMemory().(Device) },
}

// testCipher derives a key for passphrase with a fixed salt.
func testCipher(t testing.TB, passphrase string) crypto.Box {
	t.Helper()
	k, err := crypto.DeriveKey(context.Background(), passphrase, []byte("a salt of 16 byt"), testIterations)
	if err != nil {
		t.Fatal(err)
	}
	return crypto.Box{Key: k}
}

// contents is everything a device holds, as the app sees it.
type contents struct {
	Ratings []Rating
	Drafts  []Draft
	Docs    []Document
}

// seed fills d with plaintext records whose labels must never appear in the
// clear once the lock is on.
func seed(t *testing.T, d Device) contents {
	t.Helper()
	ctx := context.Background()
	// r1 and r2 have IDs of the form NewID makes; r3's ID, as an import
	// could bring, holds a label, which must not show as its key.
	rs := []Rating{
		sample(idR1, "Alice Secret", "2024-05-01", "2024-05-01T09:00:00Z"),
		sample(idR2, "Alice Secret", "2024-06-01", "2024-06-01T09:00:00Z"),
		sample("Bob Hidden r3", "Bob Hidden", "2024-05-03", "2024-05-03T09:00:00Z"),
	}
	rs[0].Note = "Note Private"
	if err := d.PutRatings(ctx, rs); err != nil {
		t.Fatal(err)
	}
	drafts := []Draft{
		{Key: "new", Rating: Rating{Patient: "Carol Draft", Items: []int{1, 2}}},
		{Key: "Bob Hidden r3", Rating: sample("Bob Hidden r3", "Bob Hidden", "2024-05-03", "2024-05-03T09:00:00Z")},
		{Key: idR1, Rating: sample(idR1, "Alice Secret", "2024-05-01", "2024-05-01T09:00:00Z")},
	}
	for _, dr := range drafts {
		if err := d.PutDraft(ctx, dr); err != nil {
			t.Fatal(err)
		}
	}
	docs := []Document{
		{Kind: "events", Key: "Alice Secret\x00e1", Data: []byte(`{"text":"Event Private"}`)},
		{Kind: "practice", Key: "p1", Data: []byte(`{"score":3}`)},
	}
	if err := d.PutDocs(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := d.PutDoc(ctx, DeviceKind, "settings", []byte(`{"idle":300}`)); err != nil {
		t.Fatal(err)
	}
	return contents{Ratings: rs, Drafts: drafts, Docs: docs}
}

// read returns what s holds, through the Store interface.
func read(t *testing.T, s Store) contents {
	t.Helper()
	ctx := context.Background()
	var c contents
	var err error
	if c.Ratings, err = s.Ratings(ctx); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"new", "Bob Hidden r3", idR1} {
		if d, err := s.Draft(ctx, key); err == nil {
			c.Drafts = append(c.Drafts, d)
		} else if !errors.Is(err, ErrNotFound) {
			t.Fatal(err)
		}
	}
	for _, kind := range []string{"events", "practice"} {
		ds, err := s.Docs(ctx, kind)
		if err != nil {
			t.Fatal(err)
		}
		c.Docs = append(c.Docs, ds...)
	}
	return c
}

// secrets are the labels and notes seed writes.
var secrets = []string{"Alice", "Bob", "Carol", "Private"}

// clearText returns every byte the device holds outside ciphertext: record
// keys and the data of unsealed records, and the plaintext stores.
func clearText(t *testing.T, d Device) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	docs, err := d.AllDocs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range docs {
		b.WriteString(doc.Kind + " " + doc.Key + " ")
		if !sealedKind(doc.Kind) {
			b.Write(doc.Data)
		}
	}
	rs, _ := d.Ratings(ctx)
	drafts, _ := d.AllDrafts(ctx)
	for _, r := range rs {
		b.WriteString(r.Patient + r.Note)
	}
	for _, dr := range drafts {
		b.WriteString(dr.Rating.Patient)
	}
	return b.String()
}

// enable turns the lock on d with c.
func enable(t *testing.T, d Device, c Cipher) LockConfig {
	t.Helper()
	ctx := context.Background()
	cfg, err := NewLockConfig(ctx, []byte("a salt of 16 byt"), testIterations, c)
	if err != nil {
		t.Fatal(err)
	}
	if err := EnableLock(ctx, d, cfg, c); err != nil {
		t.Fatal(err)
	}
	cfg, ok, err := ReadLock(ctx, d)
	if err != nil || !ok || cfg.State != LockOn {
		t.Fatalf("lock after EnableLock: %+v, %v, %v", cfg, ok, err)
	}
	return cfg
}

func TestTheLockSealsEveryRecordAndLeavesNoPatientDataInTheClear(t *testing.T) {
	for name, newDevice := range deviceMakers {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			d := newDevice(t)
			want := seed(t, d)
			c := testCipher(t, "a long passphrase")
			enable(t, d, c)
			clear := clearText(t, d)
			for _, s := range secrets {
				if strings.Contains(clear, s) {
					t.Fatalf("%q is in the clear after locking:\n%q", s, clear)
				}
			}
			if rs, _ := d.Ratings(ctx); len(rs) != 0 {
				t.Fatalf("%d plaintext ratings left", len(rs))
			}
			got := read(t, NewSealed(d, c))
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("through the lock\n%+v\nwant\n%+v", got, want)
			}
			s := NewSealed(d, c)
			if rs, err := s.RatingsOf(ctx, "Alice Secret"); err != nil || !reflect.DeepEqual(ids(rs), []string{idR1, idR2}) {
				t.Fatalf("RatingsOf %v, %v", ids(rs), err)
			}
			if rs, err := s.RatingsOn(ctx, "Bob Hidden", "2024-05-03", "honos"); err != nil || !reflect.DeepEqual(ids(rs), []string{"Bob Hidden r3"}) {
				t.Fatalf("RatingsOn %v, %v", ids(rs), err)
			}
			if data, err := s.Doc(ctx, DeviceKind, "settings"); err != nil || string(data) != `{"idle":300}` {
				t.Fatalf("device settings through the lock %q, %v", data, err)
			}
		})
	}
}

func TestTheSealedStoreKeepsTheContract(t *testing.T) {
	for name, newDevice := range deviceMakers {
		t.Run(name, func(t *testing.T) {
			c := testCipher(t, "contract")
			runContract(t, func(t *testing.T) Store {
				d := newDevice(t)
				enable(t, d, c)
				return NewSealed(d, c)
			})
		})
	}
}

func TestAWrongPassphraseIsRefusedBeforeAnyRecordIsTouched(t *testing.T) {
	for name, newDevice := range deviceMakers {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			d := newDevice(t)
			seed(t, d)
			cfg := enable(t, d, testCipher(t, "right"))
			before, _ := d.AllDocs(ctx)
			wrong := testCipher(t, "Right")
			if err := cfg.CheckKey(ctx, wrong); !errors.Is(err, ErrWrongPassphrase) {
				t.Fatalf("CheckKey: %v", err)
			}
			if err := DisableLock(ctx, d, cfg, wrong); !errors.Is(err, ErrWrongPassphrase) {
				t.Fatalf("DisableLock: %v", err)
			}
			cfg.State = LockEncrypting
			if err := ResumeLock(ctx, d, cfg, wrong); !errors.Is(err, ErrWrongPassphrase) {
				t.Fatalf("ResumeLock: %v", err)
			}
			after, _ := d.AllDocs(ctx)
			if !reflect.DeepEqual(before, after) {
				t.Fatal("a wrong passphrase changed the stored records")
			}
		})
	}
}

func TestASealedRecordMovedToAnotherKeyDoesNotOpen(t *testing.T) {
	for name, newDevice := range deviceMakers {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			d := newDevice(t)
			seed(t, d)
			c := testCipher(t, "p")
			enable(t, d, c)
			r1, _ := d.Doc(ctx, sealedRatingKind, idR1)
			if err := d.PutDoc(ctx, sealedRatingKind, idR2, r1); err != nil {
				t.Fatal(err)
			}
			if _, err := NewSealed(d, c).Rating(ctx, idR2); !errors.Is(err, crypto.ErrAuth) {
				t.Fatalf("moved record: %v, want crypto.ErrAuth", err)
			}
		})
	}
}

// errInterrupted stands for the tab closing part-way.
var errInterrupted = errors.New("interrupted: the tab was closed")

// interrupting is a Device whose writes fail after left of them succeed.
type interrupting struct {
	Device
	left int
}

func (s *interrupting) spend() error {
	if s.left == 0 {
		return errInterrupted
	}
	s.left--
	return nil
}

func (s *interrupting) PutRating(ctx context.Context, r Rating) error {
	if err := s.spend(); err != nil {
		return err
	}
	return s.Device.PutRating(ctx, r)
}

func (s *interrupting) PutRatings(ctx context.Context, rs []Rating) error {
	if err := s.spend(); err != nil {
		return err
	}
	return s.Device.PutRatings(ctx, rs)
}

func (s *interrupting) DeleteRating(ctx context.Context, id string) error {
	if err := s.spend(); err != nil {
		return err
	}
	return s.Device.DeleteRating(ctx, id)
}

func (s *interrupting) PutDraft(ctx context.Context, d Draft) error {
	if err := s.spend(); err != nil {
		return err
	}
	return s.Device.PutDraft(ctx, d)
}

func (s *interrupting) DeleteDraft(ctx context.Context, key string) error {
	if err := s.spend(); err != nil {
		return err
	}
	return s.Device.DeleteDraft(ctx, key)
}

func (s *interrupting) PutDoc(ctx context.Context, kind, key string, data []byte) error {
	if err := s.spend(); err != nil {
		return err
	}
	return s.Device.PutDoc(ctx, kind, key, data)
}

func (s *interrupting) PutDocs(ctx context.Context, ds []Document) error {
	if err := s.spend(); err != nil {
		return err
	}
	return s.Device.PutDocs(ctx, ds)
}

func (s *interrupting) DeleteDoc(ctx context.Context, kind, key string) error {
	if err := s.spend(); err != nil {
		return err
	}
	return s.Device.DeleteDoc(ctx, kind, key)
}

func TestInterruptingTheLockAfterAnyNumberOfWritesLosesNothing(t *testing.T) {
	for name, newDevice := range deviceMakers {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			c := testCipher(t, "interrupted")
			for _, turn := range []string{"on", "off"} {
				for n := 0; ; n++ {
					d := newDevice(t)
					want := seed(t, d)
					cfg, err := NewLockConfig(ctx, []byte("a salt of 16 byt"), testIterations, c)
					if err != nil {
						t.Fatal(err)
					}
					if turn == "off" {
						cfg = enable(t, d, c)
					}
					cut := &interrupting{Device: d, left: n}
					if turn == "on" {
						err = EnableLock(ctx, cut, cfg, c)
					} else {
						err = DisableLock(ctx, cut, cfg, c)
					}
					if err == nil {
						if n < 3 {
							t.Fatalf("turning the lock %s took only %d writes", turn, n)
						}
						break // every write count up to completion has been tried
					}
					if !errors.Is(err, errInterrupted) {
						t.Fatalf("turning %s, cut after %d writes: %v", turn, n, err)
					}
					// The next start: read the state, unlock, finish.
					cfg, locked, err := ReadLock(ctx, d)
					if err != nil {
						t.Fatal(err)
					}
					var view Store = d
					if locked {
						if err := ResumeLock(ctx, d, cfg, c); err != nil {
							t.Fatalf("turning %s, cut after %d writes, resuming: %v", turn, n, err)
						}
						after, stillLocked, _ := ReadLock(ctx, d)
						if locked = stillLocked; locked {
							if after.State != LockOn {
								t.Fatalf("state %q after resuming", after.State)
							}
							view = NewSealed(d, c)
						}
					}
					if got := read(t, view); !reflect.DeepEqual(got, want) {
						t.Fatalf("turning %s, cut after %d writes: after resuming\n%+v\nwant\n%+v", turn, n, got, want)
					}
					clear := clearText(t, d)
					wantLocked := (turn == "on") != (n == 0) // the first write records the new state
					if locked != wantLocked {
						t.Fatalf("turning %s, cut after %d writes: locked %v after resuming", turn, n, locked)
					}
					if locked && strings.Contains(clear, "Alice") {
						t.Fatalf("turning on, cut after %d writes: plaintext left after resuming", n)
					}
					if !locked && strings.Contains(clear, sealedRatingKind) {
						t.Fatalf("turning off, cut after %d writes: sealed records left after resuming", n)
					}
				}
			}
		})
	}
}

func TestReadLockRefusesDamagedSettings(t *testing.T) {
	t.Parallel()
	for _, data := range []string{`[]`, `{"version":3,"state":"on"}`, `{"version":1,"state":"maybe"}`, `{"version":2,"state":"maybe"}`} {
		d := NewMemory()
		if err := d.PutDoc(context.Background(), LockKind, LockKey, []byte(data)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := ReadLock(context.Background(), d); err == nil {
			t.Fatalf("accepted %s", data)
		}
	}
	if _, ok, err := ReadLock(context.Background(), NewMemory()); ok || err != nil {
		t.Fatalf("no settings: %v, %v", ok, err)
	}
}

// The lock's state is bound into the key check value: settings changed to
// "decrypting" outside Honoscope are refused with the right passphrase, and
// nothing is opened or stripped.
func TestAChangedLockStateIsRefusedAndNothingIsOpened(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := NewMemory().(Device)
	seed(t, d)
	c := testCipher(t, "a long passphrase")
	cfg := enable(t, d, c)
	if cfg.Version != lockVersion {
		t.Fatalf("a new lock is version %d, want %d", cfg.Version, lockVersion)
	}
	before := clearText(t, d)
	for _, state := range []string{LockDecrypting, LockEncrypting} {
		bad := cfg
		bad.State = state
		if err := writeLock(ctx, d, bad); err != nil {
			t.Fatal(err)
		}
		got, _, err := ReadLock(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if err := ResumeLock(ctx, d, got, c); !errors.Is(err, ErrLockTampered) {
			t.Errorf("state %s: ResumeLock says %v, want ErrLockTampered", state, err)
		}
		if err := DisableLock(ctx, d, got, c); !errors.Is(err, ErrLockTampered) {
			t.Errorf("state %s: DisableLock says %v, want ErrLockTampered", state, err)
		}
		if rs, _ := d.Ratings(ctx); len(rs) != 0 {
			t.Fatalf("state %s: %d ratings opened into the clear", state, len(rs))
		}
	}
	if err := writeLock(ctx, d, cfg); err != nil {
		t.Fatal(err)
	}
	if got := clearText(t, d); got != before {
		t.Error("the device changed while the settings were tampered with")
	}
	// A wrong passphrase is still a wrong passphrase, not tampering.
	if err := cfg.CheckKey(ctx, testCipher(t, "another long passphrase")); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("a wrong passphrase: %v", err)
	}
}

// A version 1 lock (its check value sealed without the state) still
// unlocks, and the next unlock rewrites it as version 2.
func TestAVersionOneLockIsUpgradedAtTheNextUnlock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := NewMemory().(Device)
	seed(t, d)
	c := testCipher(t, "a long passphrase")
	cfg := enable(t, d, c)
	check, err := c.Seal(ctx, []byte(checkText), checkAAD)
	if err != nil {
		t.Fatal(err)
	}
	old := LockConfig{Version: 1, State: LockOn, Salt: cfg.Salt, Iterations: cfg.Iterations, Check: check}
	if err := writeLock(ctx, d, old); err != nil {
		t.Fatal(err)
	}
	got, _, err := ReadLock(ctx, d)
	if err != nil || got.CheckKey(ctx, c) != nil {
		t.Fatalf("a version 1 lock does not open: %v", err)
	}
	if err := ResumeLock(ctx, d, got, c); err != nil {
		t.Fatal(err)
	}
	up, _, err := ReadLock(ctx, d)
	if err != nil || up.Version != lockVersion || up.State != LockOn || up.CheckKey(ctx, c) != nil {
		t.Fatalf("after the unlock: %+v, %v", up, err)
	}
}

// Whatever the lock settings in a browser profile hold, reading them never
// panics, and the right passphrase opens them only as Honoscope wrote them:
// a changed state, salt or iteration count fails the check. (The check
// value itself differs between fuzzing processes, each sealing its own.)
func FuzzReadLock(f *testing.F) {
	ctx := context.Background()
	c := testCipher(f, "right")
	d := NewMemory().(Device)
	cfg, err := NewLockConfig(ctx, []byte("a salt of 16 byt"), testIterations, c)
	if err != nil {
		f.Fatal(err)
	}
	if cfg, err = cfg.withState(ctx, LockOn, c); err != nil {
		f.Fatal(err)
	}
	orig, err := json.Marshal(cfg)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(orig)
	f.Add([]byte(`{"version":2,"state":"decrypting","salt":"AAAA","iterations":1,"check":"AAAA"}`))
	f.Add([]byte(`{"version":1}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		if err := d.PutDoc(ctx, LockKind, LockKey, data); err != nil {
			t.Fatal(err)
		}
		got, ok, err := ReadLock(ctx, d)
		if err != nil || !ok {
			return
		}
		if got.CheckKey(ctx, c) == nil && (got.State != cfg.State || got.Iterations != cfg.Iterations ||
			!bytes.Equal(got.Salt, cfg.Salt)) {
			t.Fatalf("the right key opened changed settings %+v (written %+v)", got, cfg)
		}
	})
}
