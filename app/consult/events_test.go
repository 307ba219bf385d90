package consult

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"honoscope/app/device"
	"honoscope/app/share"
	"honoscope/app/store"
	"honoscope/scoring"
)

func TestAnEventNoteIsCheckedBeforeItIsKept(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, date, kind, text, err string
	}{
		{"an admission needs no text", "2024-02-01", "admission", "", ""},
		{"a note needs text", "2024-02-01", "note", "  ", "a note needs a few words"},
		{"a date that does not exist is refused", "2024-02-30", "discharge", "", "not a real date"},
		{"an unknown kind is refused", "2024-02-01", "holiday", "", "choose what happened"},
		{"text over 200 characters is refused", "2024-02-01", "note", strings.Repeat("a", 201), "shorten it to 200"},
		{"a control character is refused", "2024-02-01", "note", "a\x07b", "control character"},
		{"an invisible character is refused", "2024-02-01", "note", "a\u202eb", "invisible"},
	}
	for _, c := range cases {
		e, err := newEventNote("P-1", c.date, c.kind, c.text)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want %q", c.name, err, c.err)
		case c.err == "" && !strings.HasPrefix(e.Key, "P-1\x00"):
			t.Errorf("%s: key %q does not start with the label and a NUL", c.name, e.Key)
		}
	}
}

// A note the form makes is one an import accepts, for every kind the form
// offers, and the import knows no kind the form does not offer.
func TestEveryNoteTheFormMakesIsOneAnImportAccepts(t *testing.T) {
	t.Parallel()
	var ids []string
	for _, k := range eventKinds {
		ids = append(ids, k.id)
		e, err := newEventNote("P-1", "2024-02-01", k.id, strings.Repeat("é", maxEventText))
		if err != nil {
			t.Fatal(err)
		}
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		if err := device.CheckDocument(store.Document{Kind: eventsKind, Key: e.Key, Data: data}); err != nil {
			t.Errorf("a %s note the form makes is refused on import: %v", k.id, err)
		}
	}
	if !slices.Equal(ids, device.EventKindIDs) {
		t.Errorf("the form offers %v, the import accepts %v", ids, device.EventKindIDs)
	}
}

func TestEventNotesAreKeptPerPersonInDateOrderAndDeleted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := store.NewMemory()
	var keys []string
	for _, n := range []struct{ who, date, kind, text string }{
		{"P-1", "2024-03-01", "discharge", ""},
		{"P-1", "2024-01-05", "admission", ""},
		{"P-10", "2024-01-01", "note", "another person, whose label starts the same"},
	} {
		e, err := newEventNote(n.who, n.date, n.kind, n.text)
		if err != nil {
			t.Fatal(err)
		}
		if err := saveEvent(ctx, db, e); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, e.Key)
	}
	got, bad, err := loadEvents(ctx, db, "P-1")
	if err != nil || bad != 0 {
		t.Fatalf("loading: %v (%d bad)", err, bad)
	}
	if len(got) != 2 || got[0].label() != "Admission" || got[1].label() != "Discharge" {
		t.Fatalf("P-1's notes are %+v; want the admission then the discharge", got)
	}
	if err := deleteEvent(ctx, db, keys[1]); err != nil {
		t.Fatal(err)
	}
	if got, _, _ = loadEvents(ctx, db, "P-1"); len(got) != 1 || got[0].Kind != "discharge" {
		t.Errorf("after deleting the admission P-1 has %+v", got)
	}
}

func TestALongNoteIsCutToFitAShareLinkAtACharacterBoundary(t *testing.T) {
	t.Parallel()
	e, err := newEventNote("P-1", "2024-02-01", "medication", strings.Repeat("é", 60))
	if err != nil {
		t.Fatal(err)
	}
	se, ok := e.shareEvent()
	if !ok {
		t.Fatal("the note was dropped")
	}
	if len(se.Text) > share.MaxEventText || !utf8.ValidString(se.Text) || !strings.HasSuffix(se.Text, "…") {
		t.Errorf("shared text %q (%d bytes) is not cut cleanly to %d bytes", se.Text, len(se.Text), share.MaxEventText)
	}
	if se.Kind != share.MedicationChange {
		t.Errorf("kind %v, want a medication change", se.Kind)
	}
	p := share.Profile{Instrument: "honos", Change: scoring.DefaultChangeOptions(), Ratings: []share.Rating{{Date: 19800, Items: make([]scoring.Code, 12)}}, Events: []share.Event{se}}
	if err := p.Validate(); err != nil {
		t.Errorf("a profile with the cut note does not validate: %v", err)
	}
}
