package device

import (
	"bytes"
	"context"
	"strings"
	"time"

	"honoscope/app/crypto"
	"honoscope/app/fileio"
	"honoscope/app/store"
)

// Document kinds the pages keep beside the ratings.
const (
	// EventsKind holds the event notes on a person's timeline (admission,
	// medication change, discharge, free text), one document a note.
	EventsKind = "events"
	// ChartSettingsKind holds the person page's loaded expected-change
	// ranges and grouping files.
	ChartSettingsKind = "settings"
	// PracticeKind and PracticeSettingsKind hold practice attempts and the
	// practice settings (practice.Kind and practice.SettingsKind, named here
	// so that the consultation program need not link the practice code).
	PracticeKind         = "practice"
	PracticeSettingsKind = "practice-settings"
)

// BackupKinds are the document kinds a backup carries and an import
// accepts, whichever program makes or reads it. The lock's configuration
// (store.LockKind) and the device's own settings (store.DeviceKind) are
// never among them: they belong to this device, and a file must not be able
// to set a lock or an idle time.
var BackupKinds = []string{ChartSettingsKind, EventsKind, PracticeKind, PracticeSettingsKind}

// backupKind reports whether kind is one of BackupKinds.
func backupKind(kind string) bool {
	for _, k := range BackupKinds {
		if k == kind {
			return true
		}
	}
	return false
}

// backupDocs returns every document of BackupKinds, ordered by kind, key.
func backupDocs(ctx context.Context, s store.Store) ([]store.Document, error) {
	out := []store.Document{}
	for _, k := range BackupKinds {
		ds, err := s.Docs(ctx, k)
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	store.SortDocuments(out)
	return out, nil
}

// Backup downloads every rating and every document of BackupKinds as one
// JSON export, encrypted with passphrase when it is not empty, and records
// it in the device settings so that the backup reminder counts from now.
// It returns the file's name and how many ratings it holds.
func Backup(ctx context.Context, passphrase string, now time.Time) (name string, ratings int, err error) {
	g, err := Open(ctx)
	if err != nil {
		return "", 0, err
	}
	data, n, err := writeBackup(ctx, g, now)
	if err != nil {
		return "", 0, err
	}
	name = store.ExportName(now, "json")
	if passphrase != "" {
		if data, err = crypto.SealFile(ctx, passphrase, data); err != nil {
			return "", 0, err
		}
		name = strings.TrimSuffix(name, ".json") + ".encrypted.json"
	}
	if err := fileio.Download(name, "application/json", data); err != nil {
		return "", 0, err
	}
	if err := RecordBackup(ctx, g, n, now); err != nil {
		return "", 0, err
	}
	return name, n, nil
}

// writeBackup returns the JSON export of everything a backup carries.
func writeBackup(ctx context.Context, g *Gate, now time.Time) ([]byte, int, error) {
	s, err := g.Wait(ctx)
	if err != nil {
		return nil, 0, err
	}
	rs, err := s.Ratings(ctx)
	if err != nil {
		return nil, 0, err
	}
	ds, err := backupDocs(ctx, s)
	if err != nil {
		return nil, 0, err
	}
	var buf bytes.Buffer
	if err := store.WriteBackup(&buf, rs, ds, now); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), len(rs), nil
}

// RecordBackup notes in the device settings that a full backup of ratings
// ratings was made at now, so that the backup reminder counts from here
// (and a snoozed reminder is forgotten).
func RecordBackup(ctx context.Context, g *Gate, ratings int, now time.Time) error {
	set := LoadSettings(ctx, g)
	set.LastBackup, set.RatingsAtBackup, set.Snoozed = now.UTC().Format(time.RFC3339), ratings, ""
	return SaveSettings(ctx, g, set)
}
