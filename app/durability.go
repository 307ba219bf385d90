package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"honoscope/app/crypto"
	"honoscope/app/fileio"
	"honoscope/app/store"
)

// Device settings: kept in the clear (store.DeviceKind) because the lock
// needs them before the passphrase is typed; they hold no patient data.
const deviceSettingsKey = "settings"

// Defaults of the device settings.
const (
	// defaultIdleSeconds locks the app after 5 minutes without use.
	defaultIdleSeconds = 5 * 60
	// minIdleSeconds is the shortest idle time the settings accept.
	minIdleSeconds = 3
	// defaultReminderRatings reminds about a backup after 20 new ratings.
	defaultReminderRatings = 20
	// defaultReminderDays reminds about a backup after 30 days.
	defaultReminderDays = 30
	// nearlyFull is the share of the storage quota from which the settings
	// page warns (80%).
	nearlyFull = 0.8
)

// deviceSettings are the lock and backup settings of this device.
type deviceSettings struct {
	// IdleSeconds is the idle time after which the lock closes.
	IdleSeconds int `json:"idle_seconds"`
	// ReminderRatings and ReminderDays: remind about a backup after this
	// many new ratings or days without one (0 turns that trigger off).
	ReminderRatings int `json:"reminder_ratings"`
	ReminderDays    int `json:"reminder_days"`
	// LastBackup is when the last backup was downloaded (RFC 3339), or "".
	LastBackup string `json:"last_backup,omitempty"`
	// RatingsAtBackup is how many ratings the device held then.
	RatingsAtBackup int `json:"ratings_at_backup"`
	// Since is when these settings were first written: the days without a
	// backup count from here when there was none.
	Since string `json:"since,omitempty"`
	// Snoozed is when the reminder was last put off ("Remind me later"): it
	// stays quiet for a day.
	Snoozed string `json:"snoozed,omitempty"`
}

// defaults fills unset fields.
func (s deviceSettings) defaults(now time.Time) deviceSettings {
	if s.IdleSeconds == 0 {
		s.IdleSeconds = defaultIdleSeconds
	}
	s.IdleSeconds = max(s.IdleSeconds, minIdleSeconds)
	if s.ReminderRatings == 0 && s.ReminderDays == 0 && s.Since == "" {
		s.ReminderRatings, s.ReminderDays = defaultReminderRatings, defaultReminderDays
	}
	if s.Since == "" {
		s.Since = now.UTC().Format(time.RFC3339)
	}
	return s
}

// loadDeviceSettings reads the settings (defaults when there are none or
// they cannot be read; a first read stores them so that Since sticks).
func loadDeviceSettings(ctx context.Context, s store.Store) deviceSettings {
	var set deviceSettings
	data, err := s.Doc(ctx, store.DeviceKind, deviceSettingsKey)
	if err == nil {
		_ = json.Unmarshal(data, &set)
	}
	fresh := set.Since == ""
	set = set.defaults(time.Now())
	if fresh && errors.Is(err, store.ErrNotFound) {
		_ = saveDeviceSettings(ctx, s, set)
	}
	return set
}

// saveDeviceSettings stores set.
func saveDeviceSettings(ctx context.Context, s store.Store, set deviceSettings) error {
	data, err := json.Marshal(set)
	if err != nil {
		return err
	}
	return storageError(s.PutDoc(ctx, store.DeviceKind, deviceSettingsKey, data))
}

// reminder returns the backup reminder due with ratings on the device at
// now, or "" when none is due.
func (s deviceSettings) reminder(ratings int, now time.Time) string {
	if ratings == 0 {
		return ""
	}
	if t, err := time.Parse(time.RFC3339, s.Snoozed); err == nil && now.Sub(t) < 24*time.Hour {
		return ""
	}
	if n := ratings - s.RatingsAtBackup; s.ReminderRatings > 0 && n >= s.ReminderRatings {
		return fmt.Sprintf("%s since the last backup. Ratings live only on this device: if it is lost or reset, a backup is the only copy.", countOf(n, "new rating", "new ratings"))
	}
	from := s.LastBackup
	if from == "" {
		from = s.Since
	}
	if t, err := time.Parse(time.RFC3339, from); err == nil && s.ReminderDays > 0 {
		if days := int(now.Sub(t).Hours() / 24); days >= s.ReminderDays {
			what := "since the last backup"
			if s.LastBackup == "" {
				what = "and no backup has been made yet"
			}
			return fmt.Sprintf("It is %s %s. Ratings live only on this device: if it is lost or reset, a backup is the only copy.", countOf(days, "day", "days"), what)
		}
	}
	return ""
}

// errStorageFull is the cause of a storage error whose quota is used up.
var errStorageFull = errors.New("this device's storage for Honoscope is full")

// isQuotaError reports whether err is the browser's QuotaExceededError
// (a DOMException, which go-indexeddb reports by name).
func isQuotaError(err error) bool {
	return err != nil && strings.Contains(err.Error(), "QuotaExceededError")
}

// storageError explains a full storage: what was kept and what to do.
func storageError(err error) error {
	if !isQuotaError(err) || errors.Is(err, errStorageFull) {
		return err
	}
	return fmt.Errorf("%w, so this was not saved; everything saved before is safe. Download a backup, then free space on the device or delete old data (Settings → Storage) (%v)", errStorageFull, err)
}

// backupDocs returns every document worth backing up: all kinds but the
// lock's and the device's own settings.
func backupDocs(ctx context.Context, s store.Store) ([]store.Document, error) {
	type allDocs interface {
		AllDocs(ctx context.Context) ([]store.Document, error)
	}
	a, ok := s.(allDocs)
	if !ok {
		return nil, nil
	}
	ds, err := a.AllDocs(ctx)
	if err != nil {
		return nil, err
	}
	out := ds[:0]
	for _, d := range ds {
		if d.Kind != store.LockKind && d.Kind != store.DeviceKind {
			out = append(out, d)
		}
	}
	return out, nil
}

// downloadBackup downloads every rating and document as a JSON export,
// encrypted with passphrase when it is not empty, records the backup in the
// device settings, and says what it did.
func downloadBackup(ctx context.Context, passphrase string, now time.Time) (string, error) {
	g := gate.Load()
	if g == nil {
		return "", errors.New("the database is not open yet: try again")
	}
	cur, err := g.wait(ctx)
	if err != nil {
		return "", err
	}
	rs, err := cur.Ratings(ctx)
	if err != nil {
		return "", err
	}
	ds, err := backupDocs(ctx, cur)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := store.WriteBackup(&buf, rs, ds, now); err != nil {
		return "", err
	}
	data, name := buf.Bytes(), store.ExportName(now, "json")
	if passphrase != "" {
		if data, err = crypto.SealFile(ctx, passphrase, data); err != nil {
			return "", err
		}
		name = strings.TrimSuffix(name, ".json") + ".encrypted.json"
	}
	if err := fileio.Download(name, "application/json", data); err != nil {
		return "", err
	}
	if err := recordBackup(ctx, g.raw, len(rs), now); err != nil {
		return "", err
	}
	return "Saved " + countOf(len(rs), "rating", "ratings") + " to " + name + " (in your downloads).", nil
}

// recordBackup notes in the device settings that a full backup of ratings
// ratings was downloaded at now, so that the backup reminder counts from
// here (and a snoozed reminder is forgotten).
func recordBackup(ctx context.Context, s store.Store, ratings int, now time.Time) error {
	set := loadDeviceSettings(ctx, s)
	set.LastBackup, set.RatingsAtBackup, set.Snoozed = now.UTC().Format(time.RFC3339), ratings, ""
	return saveDeviceSettings(ctx, s, set)
}
