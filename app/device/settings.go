package device

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"honoscope/app/store"
	"honoscope/app/words"
)

// Device settings: kept in the clear (store.DeviceKind) because the lock
// needs them before the passphrase is typed; they hold no patient data.
const SettingsKey = "settings"

// Defaults of the device settings.
const (
	// defaultIdleSeconds locks the app after 5 minutes without use.
	defaultIdleSeconds = 5 * 60
	// MinIdleSeconds is the shortest idle time the settings accept.
	MinIdleSeconds = 3
	// MaxIdleSeconds is the longest: a day. A longer time, which only a
	// changed browser profile can hold, is read as a day, so that the lock
	// always closes on a device left open overnight.
	MaxIdleSeconds = 24 * 60 * 60
	// defaultReminderRatings reminds about a backup after 20 new ratings.
	defaultReminderRatings = 20
	// defaultReminderDays reminds about a backup after 30 days.
	defaultReminderDays = 30
	// NearlyFull is the share of the storage quota from which the settings
	// page warns (80%).
	NearlyFull = 0.8
)

// Settings are the lock and backup settings of this device.
type Settings struct {
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
func (s Settings) defaults(now time.Time) Settings {
	if s.IdleSeconds == 0 {
		s.IdleSeconds = defaultIdleSeconds
	}
	s.IdleSeconds = min(max(s.IdleSeconds, MinIdleSeconds), MaxIdleSeconds)
	if s.ReminderRatings == 0 && s.ReminderDays == 0 && s.Since == "" {
		s.ReminderRatings, s.ReminderDays = defaultReminderRatings, defaultReminderDays
	}
	if s.Since == "" {
		s.Since = now.UTC().Format(time.RFC3339)
	}
	return s
}

// LoadSettings reads the settings (defaults when there are none or
// they cannot be read; a first read stores them so that Since sticks).
func LoadSettings(ctx context.Context, g *Gate) Settings {
	var set Settings
	data, err := g.raw.Doc(ctx, store.DeviceKind, SettingsKey)
	if err == nil {
		_ = json.Unmarshal(data, &set)
	}
	fresh := set.Since == ""
	set = set.defaults(time.Now())
	if fresh && errors.Is(err, store.ErrNotFound) {
		_ = SaveSettings(ctx, g, set)
	}
	return set
}

// SaveSettings stores set.
func SaveSettings(ctx context.Context, g *Gate, set Settings) error {
	data, err := json.Marshal(set)
	if err != nil {
		return err
	}
	return StorageError(g.raw.PutDoc(ctx, store.DeviceKind, SettingsKey, data))
}

// Reminder returns the backup reminder due with ratings on the device at
// now, or "" when none is due.
func (s Settings) Reminder(ratings int, now time.Time) string {
	if ratings == 0 {
		return ""
	}
	if t, err := time.Parse(time.RFC3339, s.Snoozed); err == nil && now.Sub(t) < 24*time.Hour {
		return ""
	}
	if n := ratings - s.RatingsAtBackup; s.ReminderRatings > 0 && n >= s.ReminderRatings {
		return fmt.Sprintf("%s since the last backup. Ratings live only on this device: if it is lost or reset, a backup is the only copy.", words.Count(n, "new rating", "new ratings"))
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
			return fmt.Sprintf("It is %s %s. Ratings live only on this device: if it is lost or reset, a backup is the only copy.", words.Count(days, "day", "days"), what)
		}
	}
	return ""
}
