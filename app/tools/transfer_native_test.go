//go:build !(js && wasm)

package tools

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/crypto"
	"honoscope/app/device"
	"honoscope/app/fileio"
	"honoscope/app/store"
	"honoscope/scoring"
	"honoscope/scoring/layout"
)

func TestExportWritesEveryRatingToADownload(t *testing.T) {
	h, _, s := newTransfer(t)
	fileio.Dir = t.TempDir()
	defer func() { fileio.Dir = "" }()
	r := store.Rating{ID: "a", Patient: "=P", Date: "2024-01-01", Instrument: "honos", Items: make([]int, 12), Period: store.PeriodTwoWeeks}
	if err := s.PutRating(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"json", "csv"} {
		msg, err := exportRatings(h.ctx, format, transferNow)
		if err != nil {
			t.Fatal(err)
		}
		name := "honoscope-2024-06-01." + format
		if msg != "Exported 1 rating to "+name+" (in your downloads)." {
			t.Fatalf("message %q", msg)
		}
		data, err := os.ReadFile(filepath.Join(fileio.Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		p, err := store.ParseImport(data, transferNow)
		if err != nil || len(p.Ratings) != 1 || p.Ratings[0].Patient != "=P" {
			t.Fatalf("%s export reads back as %+v, %v", format, p.Ratings, err)
		}
	}
}

func TestAJSONExportCountsAsABackupForTheReminderAndACSVExportDoesNot(t *testing.T) {
	h, _, s := newTransfer(t)
	fileio.Dir = t.TempDir()
	defer func() { fileio.Dir = "" }()
	ctx := context.Background()
	if err := s.DeleteDoc(ctx, store.DeviceKind, device.SettingsKey); err != nil {
		t.Fatal(err)
	}
	r := store.Rating{ID: "b", Patient: "B", Date: "2024-01-01", Instrument: "honos", Items: make([]int, 12), Period: store.PeriodTwoWeeks}
	if err := s.PutRating(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := exportRatings(h.ctx, "csv", transferNow); err != nil {
		t.Fatal(err)
	}
	g, err := device.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if set := device.LoadSettings(ctx, g); set.LastBackup != "" {
		t.Fatalf("a CSV export was recorded as a backup: %+v", set)
	}
	if _, err := exportRatings(h.ctx, "json", transferNow); err != nil {
		t.Fatal(err)
	}
	set := device.LoadSettings(ctx, g)
	if set.LastBackup != "2024-06-01T12:00:00Z" || set.RatingsAtBackup != 1 {
		t.Fatalf("after a JSON export the settings are %+v, want the backup recorded with 1 rating", set)
	}
	if msg := set.Reminder(1, transferNow.Add(time.Hour)); msg != "" {
		t.Fatalf("the reminder is still due right after a JSON export: %q", msg)
	}
}

func TestAnEncryptedFileAsksForItsPassphraseThenImportsAsUsual(t *testing.T) {
	h, e, s := newTransfer(t)
	ctx := context.Background()
	old := store.Rating{ID: "old", Patient: "E1", Date: "2024-01-01", Instrument: "honos", Items: make([]int, 12), Period: store.PeriodTwoWeeks, Created: "2024-01-01T09:00:00Z"}
	if err := s.PutRating(ctx, old); err != nil {
		t.Fatal(err)
	}
	conflict := old
	conflict.ID, conflict.Items = "file-1", append([]int{3}, make([]int, 11)...)
	fresh := store.Rating{ID: "file-2", Patient: "E2", Date: "2024-02-01", Instrument: "honos", Items: make([]int, 12), Period: store.PeriodTwoWeeks}
	var plain bytes.Buffer
	if err := store.WriteBackup(&plain, []store.Rating{conflict, fresh}, nil, transferNow); err != nil {
		t.Fatal(err)
	}
	sealed, err := crypto.SealFile(ctx, "backup passphrase", plain.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	count := func() int { rs, _ := s.Ratings(ctx); return len(rs) }

	h.panel.prepare(h.ctx, "b.encrypted.json", sealed, transferNow)
	e.ConsumeAll()
	out := html(h.panel)
	if !hasTag(out, "input", `id="import-pass"`, `type="password"`) || !strings.Contains(out, `<label for="import-pass">Passphrase of this backup</label>`) || !strings.Contains(out, ">Open</button>") {
		t.Fatalf("no labelled passphrase field and Open button:\n%s", out)
	}
	if count() != 1 || strings.Contains(out, "problem") {
		t.Fatalf("the encrypted file was read as an import (%d ratings):\n%s", count(), out)
	}

	h.panel.openEncrypted(h.ctx, h.panel.encName, h.panel.encData, "Backup passphrase", transferNow)
	e.ConsumeAll()
	out = html(h.panel)
	if i := strings.Index(out, `role="alert"`); i < 0 || !strings.Contains(out[i:], "b.encrypted.json: the passphrase is wrong") || !strings.Contains(out[i:], "Nothing was imported.") {
		t.Fatalf("a wrong passphrase is not reported:\n%s", out)
	}
	if count() != 1 || !hasTag(out, "input", `id="import-pass"`) {
		t.Fatalf("a wrong passphrase changed something (%d ratings) or closed the question:\n%s", count(), out)
	}

	h.panel.openEncrypted(h.ctx, h.panel.encName, h.panel.encData, "backup passphrase", transferNow)
	e.ConsumeAll()
	out = html(h.panel)
	if strings.Contains(out, `id="import-pass"`) || !strings.Contains(out, "Ready to import: 1 new rating; 0 ratings are already on this device and will be skipped; 1 rating needs your choice.") {
		t.Fatalf("the decrypted file did not reach the conflict check:\n%s", out)
	}
	if count() != 1 {
		t.Fatalf("stored before the user confirmed: %d ratings", count())
	}
	h.panel.onConfirm(h.ctx, app.Event{})
	e.ConsumeAll()
	rs, _ := s.Ratings(ctx)
	if len(rs) != 2 || rs[0].ID != "old" || rs[0].Items[0] != 0 || rs[1].Patient != "E2" {
		t.Fatalf("after confirming (keep the device's copy): %+v", rs)
	}
}

// The record-system exports carry every rating in their layout, read back
// to the same ratings by the command line's reader.
func TestTheRecordSystemExportsReadBackToTheSameRatings(t *testing.T) {
	h, _, s := newTransfer(t)
	fileio.Dir = t.TempDir()
	defer func() { fileio.Dir = "" }()
	items := []int{0, 1, 2, 3, 4, 9, 0, 2, 1, 1, 1, 1}
	for i, p := range []string{"P1", "P2"} {
		r := store.Rating{ID: p, Patient: p, Date: "2024-01-0" + strconv.Itoa(i+1), Instrument: "honos", Items: items, Item8Type: "B", Period: store.PeriodTwoWeeks}
		if err := s.PutRating(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	for format, name := range map[string]string{
		"fhir": "honoscope-2024-06-01.fhir.json", "mhsds": "honoscope-2024-06-01-mhsds.csv", "meteor": "honoscope-2024-06-01-meteor.csv",
	} {
		msg, err := exportRatings(h.ctx, format, transferNow)
		if err != nil {
			t.Fatal(err)
		}
		if msg != "Exported 2 ratings to "+name+" (in your downloads)." {
			t.Fatalf("%s: message %q", format, msg)
		}
		data, err := os.ReadFile(filepath.Join(fileio.Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		var got []scoring.Rating
		rep, err := layout.Read(bytes.NewReader(data), layout.Options{}, func(r *scoring.Rating) { got = append(got, *r) })
		if err != nil || rep.Rejected != 0 || len(got) != 2 {
			t.Fatalf("%s reads back as %d ratings, %+v, %v", format, len(got), rep, err)
		}
		for i, r := range got {
			if r.Patient != []string{"P1", "P2"}[i] || r.Items[4] != 4 || r.Items[5] != scoring.NotKnown || scoring.Score(&r, scoring.DefaultRules()).Total != 16 {
				t.Errorf("%s: rating %d reads back as %+v", format, i, r)
			}
		}
	}
}
