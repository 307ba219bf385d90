package device

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"honoscope/app/practice"
	"honoscope/app/store"
)

func TestThePracticeKindsAreThoseThePracticePackageWrites(t *testing.T) {
	t.Parallel()
	if PracticeKind != practice.Kind || PracticeSettingsKind != practice.SettingsKind {
		t.Fatalf("device names the practice kinds %q and %q, the practice package writes %q and %q",
			PracticeKind, PracticeSettingsKind, practice.Kind, practice.SettingsKind)
	}
}

var backupNow = time.Date(2025, 2, 3, 10, 0, 0, 0, time.UTC)

// A backup made in either program holds the documents of both: practice
// attempts (written by the training pages) as well as event notes (written
// by the person page). A backup made where only one program had registered
// its kinds once left the other's out.
func TestABackupCarriesTheDocumentsOfBothProgramsAndNoneOfTheDevice(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, g := newDevice(t)
	s := wait(t, g)
	r := rating("B1", "2024-05-01")
	if err := s.PutRating(ctx, r); err != nil {
		t.Fatal(err)
	}
	docs := []store.Document{
		{Kind: practice.Kind, Key: "attempt-1", Data: json.RawMessage(`{"vignette":"v1"}`)},
		{Kind: practice.SettingsKind, Key: practice.SettingsKey, Data: json.RawMessage(`{"interval_days":90}`)},
		{Kind: EventsKind, Key: "B1\x00e1", Data: json.RawMessage(`{"text":"admitted"}`)},
		{Kind: ChartSettingsKind, Key: "ranges", Data: json.RawMessage(`{"format":"x"}`)},
		{Kind: store.DeviceKind, Key: "settings", Data: json.RawMessage(`{"idle_seconds":300}`)},
		{Kind: "someone-elses", Key: "k", Data: json.RawMessage(`1`)},
	}
	for _, d := range docs {
		if err := s.PutDoc(ctx, d.Kind, d.Key, d.Data); err != nil {
			t.Fatal(err)
		}
	}
	data, n, err := writeBackup(ctx, g, backupNow)
	if err != nil || n != 1 {
		t.Fatalf("writeBackup: %d ratings, %v", n, err)
	}
	parsed, err := store.ParseImport(data, backupNow)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, d := range parsed.Documents {
		kinds = append(kinds, d.Kind)
	}
	want := slices.Clone(BackupKinds)
	slices.Sort(want)
	if !reflect.DeepEqual(kinds, want) {
		t.Fatalf("the backup holds documents of kinds %v, want one each of %v", kinds, want)
	}

	// Restored on another device: every rating and document comes back.
	g2, err := NewGate(ctx, store.NewMemory().(store.Device))
	if err != nil {
		t.Fatal(err)
	}
	im, err := g2.ReadImport(ctx, "backup.json", data, backupNow)
	if err != nil || !im.Ready() {
		t.Fatalf("reading the backup: %v (errors %v, conflicts %d)", err, im.Parsed.Errors, len(im.Plan.Conflicts))
	}
	if sum, err := im.Apply(ctx, nil, backupNow); err != nil || sum.Added != 1 {
		t.Fatalf("restoring: %+v, %v", sum, err)
	}
	s2 := wait(t, g2)
	for _, d := range docs[:4] {
		got, err := s2.Doc(ctx, d.Kind, d.Key)
		var compact bytes.Buffer
		if err == nil {
			err = json.Compact(&compact, got)
		}
		if err != nil || compact.String() != string(d.Data) {
			t.Errorf("restored %s/%q: %s, %v", d.Kind, d.Key, got, err)
		}
	}
}

// An import stores only documents of the backup kinds, and never replaces
// one already on the device: a crafted file cannot set the lock or the idle
// time, or overwrite a note.
func TestAnImportTakesOnlyBackupKindsAndKeepsTheDevicesDocuments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dev, g := newDevice(t)
	if err := wait(t, g).PutDoc(ctx, EventsKind, "P\x00mine", []byte(`{"text":"mine"}`)); err != nil {
		t.Fatal(err)
	}
	file := `{"format":"honoscope-export","version":1,"ratings":[],"documents":[` +
		`{"kind":"events","key":"P\u0000mine","data":{"text":"theirs"}},` +
		`{"kind":"events","key":"P\u0000new","data":{"text":"new"}},` +
		`{"kind":"device","key":"settings","data":{"idle_seconds":999999999}},` +
		`{"kind":"lock","key":"config","data":{"iterations":1000}}]}`
	im, err := g.ReadImport(ctx, "crafted.json", []byte(file), backupNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Apply(ctx, nil, backupNow); err != nil {
		t.Fatal(err)
	}
	all, err := dev.AllDocs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range all {
		got = append(got, d.Kind+"/"+d.Key+"="+string(d.Data))
	}
	want := []string{"events/P\x00mine={\"text\":\"mine\"}", "events/P\x00new={\"text\":\"new\"}"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("documents after the import:\n%q\nwant\n%q", got, want)
	}
}
