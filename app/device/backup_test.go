package device

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
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
		attemptDoc(t),
		{Kind: practice.SettingsKind, Key: practice.SettingsKey, Data: json.RawMessage(`{"refresher_months":24}`)},
		{Kind: EventsKind, Key: "B1\x00e1", Data: json.RawMessage(`{"patient":"B1","date":"2024-05-02","kind":"admission","text":"admitted"}`)},
		{Kind: ChartSettingsKind, Key: "ranges", Data: json.RawMessage(`{"name":"ranges.json","file":{"format":"x"}}`)},
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
	if err != nil || len(im.Parsed.Errors) > 0 || len(im.Plan.Conflicts) > 0 || len(im.Docs) != 4 {
		t.Fatalf("reading the backup: %v (errors %v, conflicts %d, documents %d)", err, im.Parsed.Errors, len(im.Plan.Conflicts), len(im.Docs))
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
	mine := `{"patient":"P","date":"2024-01-01","kind":"note","text":"mine"}`
	if err := wait(t, g).PutDoc(ctx, EventsKind, "P\x00mine", []byte(mine)); err != nil {
		t.Fatal(err)
	}
	fresh := `{"patient":"P","date":"2024-01-02","kind":"note","text":"new"}`
	file := `{"format":"honoscope-export","version":1,"ratings":[],"documents":[` + "\n" +
		`{"kind":"events","key":"P\u0000mine","data":{"patient":"P","date":"2024-01-01","kind":"note","text":"theirs"}},` + "\n" +
		`{"kind":"events","key":"P\u0000new","data":` + fresh + `},` + "\n" +
		`{"kind":"device","key":"settings","data":{"idle_seconds":999999999}},` + "\n" +
		`{"kind":"lock","key":"config","data":{"iterations":1000}}]}`
	im, err := g.ReadImport(ctx, "crafted.json", []byte(file), backupNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Parsed.Errors) != 2 || im.Parsed.Errors[0].Line != 4 || !strings.Contains(im.Parsed.Errors[0].Msg, "device") ||
		!strings.Contains(im.Parsed.Errors[1].Msg, "lock") || im.DocsKept != 1 || len(im.Docs) != 1 {
		t.Fatalf("the plan: errors %+v, kept %d, adds %d", im.Parsed.Errors, im.DocsKept, len(im.Docs))
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
	want := []string{"events/P\x00mine=" + mine, "events/P\x00new=" + fresh}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("documents after the import:\n%q\nwant\n%q", got, want)
	}
}

// attemptDoc is a practice attempt as the practice package writes it.
func attemptDoc(t *testing.T) store.Document {
	t.Helper()
	a := practice.Attempt{Vignette: "v1", Version: 2, Instrument: "honos", Date: "2024-05-01", Finished: "2024-05-01T10:00:00Z",
		Codes: []int{0, 1, 2, 3, 4, 9, 0, 0, 1, 1, 1, 1}, Item8Type: "C", Reference: []int{0, 1, 2, 3, 4, 0, 0, 0, 1, 1, 1, 1}}
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return store.Document{Kind: practice.Kind, Key: a.Key(), Data: data}
}
