package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Encryption at rest. When the passphrase lock is on, every rating, draft
// and document is kept as a sealed document (AES-256-GCM through a Cipher)
// and the plaintext stores stay empty. A sealed record shows only an opaque
// key in the clear: a rating's or draft's own key when it has the form
// NewID makes (32 hex digits, random, so it says nothing), and otherwise a
// fresh random key starting with "o" (an imported ID or a document key may
// hold a patient label); such records are found by opening them. IndexedDB's indexes by patient cannot work on ciphertext, so the
// sealed store decrypts every rating and filters in memory: a device holds
// hundreds of ratings, which decrypt in well under a second.
//
// Two document kinds stay in the clear because they are needed before the
// passphrase is typed and hold no patient data: LockKind (the salt,
// iteration count and key check value) and DeviceKind (settings such as the
// idle time and backup reminder).

// Cipher seals and opens records with the key derived from the passphrase
// (crypto.Box in the app). aad binds a record to its place, so that a sealed
// record moved to another key does not open.
type Cipher interface {
	// Seal returns the sealed form of plaintext.
	Seal(ctx context.Context, plaintext, aad []byte) ([]byte, error)
	// Open returns the plaintext, or an error when the key is wrong or the
	// record was changed or moved.
	Open(ctx context.Context, sealed, aad []byte) ([]byte, error)
}

// Device is a store on the device (the IndexedDB store or the memory twin)
// with the whole-store operations that the lock and "Delete all data" need.
type Device interface {
	Store
	// AllDocs returns every document of every kind, ordered by kind, key.
	AllDocs(ctx context.Context) ([]Document, error)
	// PutDocs stores every document in one transaction: all or none.
	PutDocs(ctx context.Context, ds []Document) error
	// Clear deletes every rating, draft and document in one transaction.
	Clear(ctx context.Context) error
}

// AsDevice returns s as a Device when it is one (the stores Open and
// NewMemory return are).
func AsDevice(s Store) (Device, bool) {
	d, ok := s.(Device)
	return d, ok
}

// Document kinds kept in the clear, and the kinds of sealed records.
const (
	// LockKind holds the lock configuration (key LockKey) in the clear.
	LockKind = "lock"
	// LockKey is the key of the lock configuration document.
	LockKey = "config"
	// DeviceKind holds device settings in the clear (no patient data).
	DeviceKind = "device"

	sealedRatingKind = "sealed-rating"
	sealedDraftKind  = "sealed-draft"
	sealedDocKind    = "sealed-doc"
)

// clearKind reports whether documents of kind are never sealed.
func clearKind(kind string) bool {
	return kind == LockKind || kind == DeviceKind
}

// sealedKind reports whether kind holds sealed records.
func sealedKind(kind string) bool {
	return kind == sealedRatingKind || kind == sealedDraftKind || kind == sealedDocKind
}

// Lock states, recorded in LockConfig.State. A state other than LockOn means
// a re-encryption was interrupted; ResumeLock finishes it.
const (
	// LockEncrypting: turning the lock on; records are being sealed.
	LockEncrypting = "encrypting"
	// LockOn: every record is sealed.
	LockOn = "on"
	// LockDecrypting: turning the lock off; records are being opened.
	LockDecrypting = "decrypting"
)

// LockConfig is the lock's configuration, stored in the clear: it holds no
// secret (the key is derived from the passphrase and never stored).
type LockConfig struct {
	// Version is the configuration format, 1.
	Version int `json:"version"`
	// State is LockEncrypting, LockOn or LockDecrypting.
	State string `json:"state"`
	// Salt is the per-device random PBKDF2 salt.
	Salt []byte `json:"salt"`
	// Iterations is the PBKDF2 iteration count.
	Iterations int `json:"iterations"`
	// Check is checkText sealed with the key: the key check value that
	// tells a wrong passphrase before any record is touched.
	Check []byte `json:"check"`
}

// checkText is the known constant sealed as the key check value.
const checkText = "honoscope key check v1"

// checkAAD binds the check value to its purpose.
var checkAAD = []byte(LockKind + docSep + LockKey)

// ErrWrongPassphrase is returned when the passphrase does not open the key
// check value. No record has been read or written.
var ErrWrongPassphrase = errors.New("that passphrase does not unlock the data on this device; nothing was changed: check it (capital letters count) and try again")

// ErrLockTampered is returned when the passphrase is right but the lock's
// settings were changed by something other than Honoscope: their state no
// longer matches the one the key check value was sealed with.
var ErrLockTampered = errors.New("the lock settings on this device were changed outside Honoscope, so nothing was unlocked or changed: your data is still sealed; restore your latest backup on a clean browser profile, or ask your IT team")

// lockVersion is the configuration format written: version 2 binds the
// state, salt and iteration count into the key check value, so that a
// changed state (say "decrypting", which makes the next unlock strip the
// lock) fails the check instead of being obeyed. Version 1 sealed the check
// value alone; it is read, and rewritten as version 2 at the next unlock.
const lockVersion = 2

// aad is the additional data the key check value is sealed with.
func (cfg LockConfig) aad() []byte {
	if cfg.Version < 2 {
		return checkAAD
	}
	return []byte(string(checkAAD) + "|v" + strconv.Itoa(cfg.Version) + "|" + cfg.State + "|" +
		base64.StdEncoding.EncodeToString(cfg.Salt) + "|" + strconv.Itoa(cfg.Iterations))
}

// withState returns cfg in the given state, as version 2, with its key
// check value sealed afresh by c for that state.
func (cfg LockConfig) withState(ctx context.Context, state string, c Cipher) (LockConfig, error) {
	cfg.Version, cfg.State = lockVersion, state
	check, err := c.Seal(ctx, []byte(checkText), cfg.aad())
	if err != nil {
		return LockConfig{}, err
	}
	cfg.Check = check
	return cfg, nil
}

// NewLockConfig returns a configuration for a key derived with salt and
// iterations, carrying a fresh key check value sealed by c.
func NewLockConfig(ctx context.Context, salt []byte, iterations int, c Cipher) (LockConfig, error) {
	return LockConfig{Salt: slices.Clone(salt), Iterations: iterations}.withState(ctx, LockEncrypting, c)
}

// CheckKey returns nil when c opens the key check value for the settings
// as stored; ErrLockTampered when it opens it only for another state (the
// settings were changed outside Honoscope); else ErrWrongPassphrase.
func (cfg LockConfig) CheckKey(ctx context.Context, c Cipher) error {
	if opens(ctx, c, cfg) {
		return nil
	}
	if cfg.Version >= 2 {
		for _, st := range []string{LockEncrypting, LockOn, LockDecrypting} {
			other := cfg
			other.State = st
			if st != cfg.State && opens(ctx, c, other) {
				return ErrLockTampered
			}
		}
	}
	return ErrWrongPassphrase
}

// opens reports whether c opens cfg's key check value for cfg's settings.
func opens(ctx context.Context, c Cipher, cfg LockConfig) bool {
	got, err := c.Open(ctx, cfg.Check, cfg.aad())
	return err == nil && string(got) == checkText
}

// ReadLock returns the device's lock configuration and whether there is one
// (none: the lock is off and nothing is sealed).
func ReadLock(ctx context.Context, s Store) (LockConfig, bool, error) {
	data, err := s.Doc(ctx, LockKind, LockKey)
	if errors.Is(err, ErrNotFound) {
		return LockConfig{}, false, nil
	}
	if err != nil {
		return LockConfig{}, false, err
	}
	var cfg LockConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		return LockConfig{}, false, fmt.Errorf("the lock settings on this device are damaged (%v): use your latest backup", err)
	}
	switch {
	case cfg.Version != 1 && cfg.Version != lockVersion:
		return LockConfig{}, false, fmt.Errorf("the lock settings were written by a newer Honoscope (version %d): reload the page", cfg.Version)
	case cfg.State != LockEncrypting && cfg.State != LockOn && cfg.State != LockDecrypting:
		return LockConfig{}, false, fmt.Errorf("the lock settings on this device are damaged (state %q): use your latest backup", cfg.State)
	}
	return cfg, true, nil
}

func writeLock(ctx context.Context, s Store, cfg LockConfig) error {
	data, err := json.Marshal(cfg)
	if err != nil {
		return err
	}
	return s.PutDoc(ctx, LockKind, LockKey, data)
}

// EnableLock turns the lock on: it records cfg (state LockEncrypting) first,
// then seals every record (ResumeLock). Each record is written sealed before
// its plaintext is deleted, so an interruption at any point loses nothing:
// ResumeLock, run after the next unlock, finishes the work.
func EnableLock(ctx context.Context, d Device, cfg LockConfig, c Cipher) error {
	if err := cfg.CheckKey(ctx, c); err != nil {
		return err
	}
	cfg, err := cfg.withState(ctx, LockEncrypting, c)
	if err != nil {
		return err
	}
	if err := writeLock(ctx, d, cfg); err != nil {
		return err
	}
	return ResumeLock(ctx, d, cfg, c)
}

// DisableLock turns the lock off: it records the state LockDecrypting, then
// opens every sealed record into the plaintext stores and finally removes
// the lock configuration. Like EnableLock it can be interrupted at any point
// and finished by ResumeLock.
func DisableLock(ctx context.Context, d Device, cfg LockConfig, c Cipher) error {
	if err := cfg.CheckKey(ctx, c); err != nil {
		return err
	}
	cfg, err := cfg.withState(ctx, LockDecrypting, c)
	if err != nil {
		return err
	}
	if err := writeLock(ctx, d, cfg); err != nil {
		return err
	}
	return ResumeLock(ctx, d, cfg, c)
}

// ResumeLock finishes an interrupted EnableLock or DisableLock (the state in
// cfg says which); when the state is LockOn it seals any record left in the
// clear (written by a tab opened before the lock was turned on). Every step can be
// repeated, so an interruption of ResumeLock itself is finished next time.
func ResumeLock(ctx context.Context, d Device, cfg LockConfig, c Cipher) error {
	if err := cfg.CheckKey(ctx, c); err != nil {
		return err
	}
	switch cfg.State {
	case LockEncrypting:
		if err := sealAll(ctx, d, c); err != nil {
			return fmt.Errorf("encrypting the data on this device stopped part-way (nothing is lost; it finishes the next time you unlock): %w", err)
		}
		on, err := cfg.withState(ctx, LockOn, c)
		if err != nil {
			return err
		}
		return writeLock(ctx, d, on)
	case LockDecrypting:
		if err := openAll(ctx, d, c); err != nil {
			return fmt.Errorf("decrypting the data on this device stopped part-way (nothing is lost; it finishes the next time you unlock): %w", err)
		}
		return d.DeleteDoc(ctx, LockKind, LockKey)
	case LockOn:
		// A tab opened before the lock was turned on (in another tab) can
		// still write records in the clear; every unlock seals them, in the
		// same safe order (sealed copy written, then the plaintext deleted).
		if err := sealAll(ctx, d, c); err != nil {
			return fmt.Errorf("encrypting records written in the clear by another tab stopped part-way (nothing is lost; it finishes the next time you unlock): %w", err)
		}
		if cfg.Version < lockVersion {
			on, err := cfg.withState(ctx, LockOn, c)
			if err != nil {
				return err
			}
			return writeLock(ctx, d, on)
		}
	}
	return nil
}

// sealAll writes every plaintext record sealed, then deletes the plaintext.
func sealAll(ctx context.Context, d Device, c Cipher) error {
	s := &sealed{inner: d, c: c}
	rs, err := d.Ratings(ctx)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if err := s.PutRating(ctx, r); err != nil {
			return err
		}
		if err := d.DeleteRating(ctx, r.ID); err != nil {
			return err
		}
	}
	drafts, err := d.AllDrafts(ctx)
	if err != nil {
		return err
	}
	for _, dr := range drafts {
		if err := s.PutDraft(ctx, dr); err != nil {
			return err
		}
		if err := d.DeleteDraft(ctx, dr.Key); err != nil {
			return err
		}
	}
	docs, err := d.AllDocs(ctx)
	if err != nil {
		return err
	}
	// The opaque keys of documents already sealed (by an interrupted run,
	// or the sealed copy of a document another tab rewrote in the clear),
	// so that sealing one again replaces it instead of adding a copy. They
	// are opened only when there is something to seal.
	var keys map[string]string
	for _, doc := range docs {
		if clearKind(doc.Kind) || sealedKind(doc.Kind) {
			continue
		}
		if keys == nil {
			opened, err := s.openDocs(ctx)
			if err != nil {
				return err
			}
			keys = map[string]string{}
			for _, o := range opened {
				keys[docID(o.doc.Kind, o.doc.Key)] = o.key
			}
		}
		key, ok := keys[docID(doc.Kind, doc.Key)]
		if !ok {
			key = NewID()
		}
		if err := s.putSealedDoc(ctx, key, doc); err != nil {
			return err
		}
		if err := d.DeleteDoc(ctx, doc.Kind, doc.Key); err != nil {
			return err
		}
	}
	return nil
}

// openAll writes every sealed record in the clear, then deletes the sealed
// copy.
func openAll(ctx context.Context, d Device, c Cipher) error {
	s := &sealed{inner: d, c: c}
	rs, err := s.Ratings(ctx)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if err := d.PutRating(ctx, r); err != nil {
			return err
		}
		if err := s.DeleteRating(ctx, r.ID); err != nil {
			return err
		}
	}
	drafts, err := s.drafts(ctx)
	if err != nil {
		return err
	}
	for _, dr := range drafts {
		if err := d.PutDraft(ctx, dr); err != nil {
			return err
		}
		if err := s.DeleteDraft(ctx, dr.Key); err != nil {
			return err
		}
	}
	docs, err := s.openDocs(ctx)
	if err != nil {
		return err
	}
	for _, o := range docs {
		if err := d.PutDoc(ctx, o.doc.Kind, o.doc.Key, o.doc.Data); err != nil {
			return err
		}
		if err := d.DeleteDoc(ctx, sealedDocKind, o.key); err != nil {
			return err
		}
	}
	return nil
}

// NewSealed returns the store seen through the lock: every record is sealed
// with c on the way in and opened on the way out; the lock's and device's
// settings (LockKind, DeviceKind) pass through in the clear. Use it only
// once ResumeLock has finished.
func NewSealed(inner Device, c Cipher) Store {
	return &sealed{inner: inner, c: c}
}

// sealed is the encrypting decorator (see NewSealed).
type sealed struct {
	inner Device
	c     Cipher
}

// plainKey reports whether id has the form NewID makes (32 lower-case hex
// digits) and so can be shown in the clear as a record key.
func plainKey(id string) bool {
	if len(id) != 32 {
		return false
	}
	for _, c := range []byte(id) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// opaqueKeys opens the records of kind stored under a random key and
// returns their identity (a rating's ID, a draft's key) → stored key.
// Records whose key is their identity are not opened.
func (s *sealed) opaqueKeys(ctx context.Context, kind string) (map[string]string, error) {
	docs, err := s.inner.Docs(ctx, kind)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, d := range docs {
		if plainKey(d.Key) {
			continue
		}
		var ident struct {
			ID  string `json:"id"`
			Key string `json:"key"`
		}
		if err := s.open(ctx, d.Kind, d.Key, d.Data, &ident); err != nil {
			return nil, err
		}
		out[ident.ID+ident.Key] = d.Key
	}
	return out, nil
}

// storedKey returns the stored key of the record id of kind and whether it
// exists (for a plain key, whether is not checked: it is id itself).
func (s *sealed) storedKey(ctx context.Context, kind, id string) (string, bool, error) {
	if plainKey(id) {
		return id, true, nil
	}
	m, err := s.opaqueKeys(ctx, kind)
	if err != nil {
		return "", false, err
	}
	k, ok := m[id]
	return k, ok, nil
}

// newKey returns the key to store a new record id under.
func newKey(id string) string {
	if plainKey(id) {
		return id
	}
	return "o" + NewID()
}

// aad is the additional data of a sealed record: its kind and opaque key.
func aad(kind, key string) []byte { return []byte(docID(kind, key)) }

// seal returns the stored form of v: its sealed JSON as a JSON string
// (base64), since a document's data must be JSON.
func (s *sealed) seal(ctx context.Context, kind, key string, v any) ([]byte, error) {
	plain, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	box, err := s.c.Seal(ctx, plain, aad(kind, key))
	if err != nil {
		return nil, err
	}
	return json.Marshal(box)
}

// open decodes a sealed record into v.
func (s *sealed) open(ctx context.Context, kind, key string, data []byte, v any) error {
	var box []byte
	if err := json.Unmarshal(data, &box); err != nil {
		return fmt.Errorf("an encrypted record (%s %s) is damaged: %w", kind, key, err)
	}
	plain, err := s.c.Open(ctx, box, aad(kind, key))
	if err != nil {
		return fmt.Errorf("an encrypted record (%s %s) does not open: %w", kind, key, err)
	}
	return json.Unmarshal(plain, v)
}

func (s *sealed) PutRating(ctx context.Context, r Rating) error {
	return s.PutRatings(ctx, []Rating{r})
}

func (s *sealed) PutRatings(ctx context.Context, rs []Rating) error {
	return s.PutBatch(ctx, rs, nil)
}

// PutBatch seals every rating and document and stores the sealed records
// with one PutDocs: one transaction, as the plaintext store's.
func (s *sealed) PutBatch(ctx context.Context, rs []Rating, ds []Document) error {
	var keys map[string]string
	out := make([]Document, 0, len(rs)+len(ds))
	for _, r := range rs {
		if r.ID == "" {
			return errNoID
		}
		key, ok := r.ID, true
		if !plainKey(r.ID) {
			if keys == nil {
				var err error
				if keys, err = s.opaqueKeys(ctx, sealedRatingKind); err != nil {
					return err
				}
			}
			if key, ok = keys[r.ID]; !ok {
				key = newKey(r.ID)
				keys[r.ID] = key
			}
		}
		data, err := s.seal(ctx, sealedRatingKind, key, r)
		if err != nil {
			return err
		}
		out = append(out, Document{Kind: sealedRatingKind, Key: key, Data: data})
	}
	var opened []openedDoc
	loaded := false
	for _, d := range ds {
		if err := checkDoc(d.Kind, d.Key, d.Data); err != nil {
			return err
		}
		if clearKind(d.Kind) {
			out = append(out, Document{Kind: d.Kind, Key: d.Key, Data: slices.Clone(d.Data)})
			continue
		}
		if sealedKind(d.Kind) {
			return errDocIdentity
		}
		if !loaded {
			var err error
			if opened, err = s.openDocs(ctx); err != nil {
				return err
			}
			loaded = true
		}
		key := ""
		for _, o := range opened {
			if o.doc.Kind == d.Kind && o.doc.Key == d.Key {
				key = o.key
			}
		}
		if key == "" {
			key = NewID()
			opened = append(opened, openedDoc{key: key, doc: Document{Kind: d.Kind, Key: d.Key}})
		}
		data, err := s.seal(ctx, sealedDocKind, key, sealedDocument{Kind: d.Kind, Key: d.Key, Data: string(d.Data)})
		if err != nil {
			return err
		}
		out = append(out, Document{Kind: sealedDocKind, Key: key, Data: data})
	}
	return s.inner.PutDocs(ctx, out)
}

func (s *sealed) Rating(ctx context.Context, id string) (Rating, error) {
	key, ok, err := s.storedKey(ctx, sealedRatingKind, id)
	if err != nil {
		return Rating{}, err
	}
	if !ok {
		return Rating{}, ErrNotFound
	}
	data, err := s.inner.Doc(ctx, sealedRatingKind, key)
	if err != nil {
		return Rating{}, err
	}
	var r Rating
	err = s.open(ctx, sealedRatingKind, key, data, &r)
	return r, err
}

func (s *sealed) DeleteRating(ctx context.Context, id string) error {
	key, ok, err := s.storedKey(ctx, sealedRatingKind, id)
	if err != nil || !ok {
		return err
	}
	return s.inner.DeleteDoc(ctx, sealedRatingKind, key)
}

func (s *sealed) Ratings(ctx context.Context) ([]Rating, error) {
	return s.filter(ctx, func(Rating) bool { return true })
}

func (s *sealed) RatingsOf(ctx context.Context, patient string) ([]Rating, error) {
	return s.filter(ctx, func(r Rating) bool { return r.Patient == patient })
}

func (s *sealed) RatingsOn(ctx context.Context, patient, date, instrument string) ([]Rating, error) {
	return s.filter(ctx, func(r Rating) bool {
		return r.Patient == patient && r.Date == date && r.Instrument == instrument
	})
}

// filter opens every sealed rating and keeps those keep accepts, sorted.
func (s *sealed) filter(ctx context.Context, keep func(Rating) bool) ([]Rating, error) {
	docs, err := s.inner.Docs(ctx, sealedRatingKind)
	if err != nil {
		return nil, err
	}
	out := []Rating{}
	for _, d := range docs {
		var r Rating
		if err := s.open(ctx, d.Kind, d.Key, d.Data, &r); err != nil {
			return nil, err
		}
		if keep(r) {
			out = append(out, r)
		}
	}
	SortRatings(out)
	return out, nil
}

func (s *sealed) PutDraft(ctx context.Context, d Draft) error {
	if d.Key == "" {
		return errNoKey
	}
	key, ok, err := s.storedKey(ctx, sealedDraftKind, d.Key)
	if err != nil {
		return err
	}
	if !ok {
		key = newKey(d.Key)
	}
	data, err := s.seal(ctx, sealedDraftKind, key, d)
	if err != nil {
		return err
	}
	return s.inner.PutDoc(ctx, sealedDraftKind, key, data)
}

func (s *sealed) Draft(ctx context.Context, id string) (Draft, error) {
	key, ok, err := s.storedKey(ctx, sealedDraftKind, id)
	if err != nil {
		return Draft{}, err
	}
	if !ok {
		return Draft{}, ErrNotFound
	}
	data, err := s.inner.Doc(ctx, sealedDraftKind, key)
	if err != nil {
		return Draft{}, err
	}
	var d Draft
	err = s.open(ctx, sealedDraftKind, key, data, &d)
	return d, err
}

func (s *sealed) DeleteDraft(ctx context.Context, id string) error {
	key, ok, err := s.storedKey(ctx, sealedDraftKind, id)
	if err != nil || !ok {
		return err
	}
	return s.inner.DeleteDoc(ctx, sealedDraftKind, key)
}

func (s *sealed) AllDrafts(ctx context.Context) ([]Draft, error) {
	ds, err := s.drafts(ctx)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(ds, func(a, b Draft) int { return strings.Compare(a.Key, b.Key) })
	return ds, nil
}

// drafts opens every sealed draft.
func (s *sealed) drafts(ctx context.Context) ([]Draft, error) {
	docs, err := s.inner.Docs(ctx, sealedDraftKind)
	if err != nil {
		return nil, err
	}
	out := make([]Draft, 0, len(docs))
	for _, doc := range docs {
		var d Draft
		if err := s.open(ctx, doc.Kind, doc.Key, doc.Data, &d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// sealedDocument is the plaintext of a sealed document. Data is kept as
// text so that it reads back byte for byte (json.RawMessage would be
// compacted).
type sealedDocument struct {
	Kind string `json:"kind"`
	Key  string `json:"key"`
	Data string `json:"data"`
}

// openedDoc is a sealed document with its opaque key.
type openedDoc struct {
	key string
	doc Document
}

// openDocs opens every sealed document.
func (s *sealed) openDocs(ctx context.Context) ([]openedDoc, error) {
	docs, err := s.inner.Docs(ctx, sealedDocKind)
	if err != nil {
		return nil, err
	}
	out := make([]openedDoc, 0, len(docs))
	for _, d := range docs {
		var doc sealedDocument
		if err := s.open(ctx, d.Kind, d.Key, d.Data, &doc); err != nil {
			return nil, err
		}
		out = append(out, openedDoc{key: d.Key, doc: Document{Kind: doc.Kind, Key: doc.Key, Data: json.RawMessage(doc.Data)}})
	}
	return out, nil
}

// find returns the opaque key of the sealed document (kind, key), or "".
func (s *sealed) find(ctx context.Context, kind, key string) (openedDoc, bool, error) {
	docs, err := s.openDocs(ctx)
	if err != nil {
		return openedDoc{}, false, err
	}
	for _, o := range docs {
		if o.doc.Kind == kind && o.doc.Key == key {
			return o, true, nil
		}
	}
	return openedDoc{}, false, nil
}

func (s *sealed) putSealedDoc(ctx context.Context, opaque string, doc Document) error {
	data, err := s.seal(ctx, sealedDocKind, opaque, sealedDocument{Kind: doc.Kind, Key: doc.Key, Data: string(doc.Data)})
	if err != nil {
		return err
	}
	return s.inner.PutDoc(ctx, sealedDocKind, opaque, data)
}

func (s *sealed) PutDoc(ctx context.Context, kind, key string, data []byte) error {
	if clearKind(kind) {
		return s.inner.PutDoc(ctx, kind, key, data)
	}
	if err := checkDoc(kind, key, data); err != nil {
		return err
	}
	if sealedKind(kind) {
		return errDocIdentity
	}
	o, ok, err := s.find(ctx, kind, key)
	if err != nil {
		return err
	}
	if !ok {
		o.key = NewID()
	}
	return s.putSealedDoc(ctx, o.key, Document{Kind: kind, Key: key, Data: slices.Clone(data)})
}

func (s *sealed) Doc(ctx context.Context, kind, key string) ([]byte, error) {
	if clearKind(kind) {
		return s.inner.Doc(ctx, kind, key)
	}
	o, ok, err := s.find(ctx, kind, key)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrNotFound
	}
	return o.doc.Data, nil
}

func (s *sealed) Docs(ctx context.Context, kind string) ([]Document, error) {
	if clearKind(kind) {
		return s.inner.Docs(ctx, kind)
	}
	docs, err := s.openDocs(ctx)
	if err != nil {
		return nil, err
	}
	out := []Document{}
	for _, o := range docs {
		if o.doc.Kind == kind {
			out = append(out, o.doc)
		}
	}
	SortDocuments(out)
	return out, nil
}

func (s *sealed) DeleteDoc(ctx context.Context, kind, key string) error {
	if clearKind(kind) {
		return s.inner.DeleteDoc(ctx, kind, key)
	}
	o, ok, err := s.find(ctx, kind, key)
	if err != nil || !ok {
		return err
	}
	return s.inner.DeleteDoc(ctx, sealedDocKind, o.key)
}

// AllDocs opens every sealed document and adds the clear ones, ordered by
// kind, then key (a backup carries them all).
func (s *sealed) AllDocs(ctx context.Context) ([]Document, error) {
	all, err := s.inner.AllDocs(ctx)
	if err != nil {
		return nil, err
	}
	out := []Document{}
	for _, d := range all {
		if clearKind(d.Kind) {
			out = append(out, d)
		}
	}
	opened, err := s.openDocs(ctx)
	if err != nil {
		return nil, err
	}
	for _, o := range opened {
		out = append(out, o.doc)
	}
	SortDocuments(out)
	return out, nil
}

func (s *sealed) Close() error { return s.inner.Close() }
